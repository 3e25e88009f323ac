/** Jobs, each change checked against the job lifecycle table. */
import { canTransitionJob } from '../job-lifecycle.js';
import type { MutableState } from '../mutable-state.js';
import type { JobRecord } from '../records.js';
import { illegalTransition, insert, type AppliersOf } from './applier.js';

export const JOB_APPLIERS: AppliersOf<'JOB'> = {
  CREATED: insert((s) => s.jobs),
  ACTIVATED: transition,
  COMPLETED: transition,
  FAILED: transition,
  TIMED_OUT: transition,
  ERROR_THROWN: transition,
  CANCELED: transition,
  UPDATED: transition,
  YIELDED: transition,
  MIGRATED: transition,
};

// helpers

function transition(state: MutableState, job: JobRecord): void {
  const current = state.jobs.get(job.key);
  if (!current) throw new Error(`job ${job.key} does not exist`);
  if (!canTransitionJob(current.state, job.state)) illegalTransition('job', job.key, current.state, job.state);
  state.jobs.update(job);
}
