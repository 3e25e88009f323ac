/**
 * Allowed job state transitions, as data (like the element lifecycle). A job waits CREATED until a worker
 * activates it; an activated job is completed, failed (retries and back-off) or throws a BPMN error, and goes back
 * to CREATED when its lock runs out or its long poll left (yielded). A failed job with retries is activated again;
 * one whose BPMN error was not caught is handed to a worker again once the incident is resolved. Staying in a state
 * (retries or lock changed, migrated) is always allowed for a job that has not ended.
 */
import type { JobState } from './records.js';

export const JOB_TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  CREATED: ['ACTIVATED', 'COMPLETED', 'FAILED', 'ERROR_THROWN', 'CANCELED'],
  ACTIVATED: ['CREATED', 'COMPLETED', 'FAILED', 'ERROR_THROWN', 'CANCELED'],
  FAILED: ['ACTIVATED', 'CANCELED'],
  ERROR_THROWN: ['CREATED'],
  COMPLETED: [],
  CANCELED: [],
};

export function canTransitionJob(from: JobState, to: JobState): boolean {
  return from === to ? JOB_TRANSITIONS[from].length > 0 : JOB_TRANSITIONS[from].includes(to);
}
