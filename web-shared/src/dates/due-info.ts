/**
 * A deadline counted in working days on the server (web-shared/server/working-days-router.ts: the browser cannot
 * count them, the calendar reads its data files on the server), as the task list and the monitor show it.
 */

export type DueState = 'overdue' | 'dueSoon' | 'normal';

export interface DueInfo {
  /** Office date of the due date. */
  date: string;
  /** Working days after today up to the due date (0 = today, negative = overdue); null without holiday data. */
  remainingWorkingDays: number | null;
  state: DueState;
  /** The count crosses a year whose holiday schedule is provisional (not yet published). */
  provisional: boolean;
}

export interface WorkingDays {
  today: string;
  /** End of the last "due soon" office day (ISO with +08:00), for due-date filters. */
  dueSoonUntil: string | null;
  results: Record<string, DueInfo>;
}
