/**
 * Jobs, each change checked against the job lifecycle table. Every event also sets what the job search answers
 * (`answeredState`, `answeredWorker`, `answeredDeadline`): Camunda 8.8's search is fed by the exported job events
 * only, each carrying the job as Zeebe holds it — with the worker and lock deadline of its latest activation, even
 * once the lock is gone — while an activation is written to the job batch and never reaches it. So an exported
 * event sets the answered state to its intent and the answered worker and deadline to the job's latest
 * activation; an activation, a yield or a timeout change leaves the answer as it was.
 */
import { canTransitionJob } from '../job-lifecycle.js';
import type { MutableState } from '../mutable-state.js';
import type { AnsweredJobState, JobRecord } from '../records.js';
import { illegalTransition, type AppliersOf } from './applier.js';

export const JOB_APPLIERS: AppliersOf<'JOB'> = {
  CREATED: (state, job) => state.jobs.insert({ ...job, answeredState: 'CREATED', answeredWorker: null, answeredDeadline: null }),
  ACTIVATED: transition(),
  COMPLETED: transition('COMPLETED'),
  FAILED: transition('FAILED'),
  TIMED_OUT: transition('TIMED_OUT'),
  ERROR_THROWN: transition('ERROR_THROWN'),
  CANCELED: transition('CANCELED'),
  RETRIES_UPDATED: transition('RETRIES_UPDATED'),
  UPDATED: transition(),
  YIELDED: transition(),
  MIGRATED: transition('MIGRATED'),
};

// helpers

/**
 * An applier of a job event; `exported`: the state Camunda's search shows after it (none: the answer stays). The
 * next record is one object literal: every job goes through two of these (activation, completion).
 */
function transition(exported?: AnsweredJobState) {
  return (state: MutableState, job: JobRecord): void => {
    const current = state.jobs.get(job.key);
    if (!current) throw new Error(`job ${job.key} does not exist`);
    if (!canTransitionJob(current.state, job.state)) illegalTransition('job', job.key, current.state, job.state);
    const answeredWorker = current.answeredWorker ?? null;
    const answeredDeadline = current.answeredDeadline ?? null;
    state.jobs.update(
      exported === undefined
        ? { ...job, answeredState: current.answeredState ?? (current.state === 'ACTIVATED' ? 'CREATED' : current.state), answeredWorker, answeredDeadline }
        : { ...job, answeredState: exported, answeredWorker: current.worker ?? answeredWorker, answeredDeadline: current.deadline ?? answeredDeadline },
    );
  };
}
