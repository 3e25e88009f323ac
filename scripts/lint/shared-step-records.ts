/**
 * The `…Decision` / `…Reason` / `…Note` variables that two user tasks of one model record on purpose, each with its
 * own form: `other-step-record` (cross-file-checks.ts) lets these tasks submit them, and still fails any other task
 * that does. Each entry says why, so the exception is read and not just copied.
 */
export interface SharedStepRecord {
  /** The variable. */
  key: string;
  /** The user task ids (in one model) that each record it. */
  tasks: readonly string[];
  reason: string;
}

export const SHARED_STEP_RECORDS: readonly SharedStepRecord[] = [
  {
    key: 'firstReviewDecision',
    tasks: ['firstReviewUnit', 'firstReviewIndividual'],
    reason:
      'FC10: the unit\'s and the heir\'s application take two exclusive branches, each with its own 初审 (the unit one also ' +
      'ends the insurance); a case passes only one, and the steps after it read one firstReviewDecision / firstReviewReason',
  },
  {
    key: 'firstReviewReason',
    tasks: ['firstReviewUnit', 'firstReviewIndividual'],
    reason:
      'FC10: the unit\'s and the heir\'s application take two exclusive branches, each with its own 初审 (the unit one also ' +
      'ends the insurance); a case passes only one, and the steps after it read one firstReviewDecision / firstReviewReason',
  },
];

/** The tasks that record `key` together with `taskId` (none when no entry lists both). */
export function sharedWith(key: string, taskId: string): readonly string[] {
  return SHARED_STEP_RECORDS.find((entry) => entry.key === key && entry.tasks.includes(taskId))?.tasks ?? [];
}
