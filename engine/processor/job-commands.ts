/**
 * Job commands: activation, completion, failure (retries, back-off, incident), BPMN errors, updates.
 * A job is activatable when it is new, failed with retries left and its back-off elapsed, or activated and its
 * lock deadline passed (timed out).
 */
import { failure } from '../behaviors/shared/failure.js';
import { InvalidArgumentError, InvalidStateError, NotFoundError } from '../errors.js';
import type { JobRecord } from '../state/records.js';
import type { CommandContext } from './command-context.js';

export interface ActivateJobs {
  type: string;
  worker: string;
  timeout: number;
  maxJobsToActivate: number;
  fetchVariable?: readonly string[];
  tenantIds: readonly string[];
}

export interface ActivatedJob {
  /** Locked until its deadline (epoch ms), which an activated job always has. */
  job: JobRecord & { deadline: number };
  variables: Record<string, unknown>;
  /** The tags of the job's process instance (Camunda 8.8 hands them to the worker). */
  tags: readonly string[];
}

export function activateJobs(context: CommandContext, command: ActivateJobs): ActivatedJob[] {
  const jobs = context.readers.activatableJobs(command.type, command.tenantIds, context.services.now(), command.maxJobsToActivate);
  return jobs.map((job) => {
    if (job.state === 'ACTIVATED') context.services.writer.append('JOB', 'TIMED_OUT', { ...job, state: 'CREATED', deadline: null, worker: null });
    return handOverJob(context, command, job);
  });
}

/** Activates one activatable job for a worker's poll, with the variables it asked for. */
export function handOverJob({ services, readers }: CommandContext, command: ActivateJobs, job: JobRecord): ActivatedJob {
  const activated = { ...job, state: 'ACTIVATED', worker: command.worker, deadline: services.now() + command.timeout, retryAt: null } satisfies JobRecord;
  services.writer.append('JOB', 'ACTIVATED', activated);
  const tags = readers.processInstance(job.processInstanceKey)?.tags ?? [];
  return { job: activated, variables: services.variables.visible(job.elementInstanceKey, command.fetchVariable), tags };
}

/**
 * Gives jobs back that were activated for a long poll whose client went away before it got them: they are
 * activatable again at once instead of sitting out their lock timeout. A job that was meanwhile completed, failed
 * or activated again (its deadline moved) is left alone.
 */
export function yieldJobs({ readers, services }: CommandContext, activated: readonly JobRecord[]): string[] {
  const types = new Set<string>();
  for (const handed of activated) {
    const job = readers.job(handed.key);
    if (!job || job.state !== 'ACTIVATED' || job.deadline !== handed.deadline) continue;
    services.writer.append('JOB', 'YIELDED', { ...job, state: 'CREATED', worker: null, deadline: null });
    types.add(job.type);
  }
  for (const type of types) services.afterCommit.jobsAvailable(type);
  return [...types];
}

export function completeJob({ services, processor }: CommandContext, jobKey: number, variables: Record<string, unknown>): void {
  const job = requireJob(services.readers, jobKey, 'complete');
  if (job.state !== 'ACTIVATED' && job.state !== 'CREATED') {
    throw new InvalidStateError(`the job '${jobKey}' cannot be completed: it is ${job.state.toLowerCase()}`);
  }
  services.writer.append('JOB', 'COMPLETED', { ...job, state: 'COMPLETED', endTime: services.nowIso() });
  processor.complete(services.readers.elementInstance(job.elementInstanceKey)!, variables);
  processor.drain();
}

export interface FailJob {
  retries: number;
  errorMessage: string;
  retryBackOff: number;
  variables: Record<string, unknown>;
}

export function failJob({ services }: CommandContext, jobKey: number, command: FailJob): void {
  const job = requireJob(services.readers, jobKey, 'fail');
  if (job.state !== 'ACTIVATED' && job.state !== 'CREATED') {
    throw new InvalidStateError(`the job '${jobKey}' cannot be failed: it is ${job.state.toLowerCase()}`);
  }
  const element = services.readers.elementInstance(job.elementInstanceKey)!;
  if (Object.keys(command.variables).length > 0) services.variables.setLocal(element, command.variables);
  const failed: JobRecord = {
    ...job,
    state: 'FAILED',
    retries: command.retries,
    worker: null,
    deadline: null,
    errorMessage: command.errorMessage || null,
    retryAt: command.retries > 0 && command.retryBackOff > 0 ? services.now() + command.retryBackOff : null,
  };
  services.writer.append('JOB', 'FAILED', failed);
  if (command.retries > 0) {
    if (failed.retryAt === null) services.afterCommit.jobsAvailable(job.type);
    return;
  }
  services.incidents.raise(element, failure('JOB_NO_RETRIES', command.errorMessage || 'No more retries left.'), job.key);
}

export function throwJobError(
  { services, processor }: CommandContext,
  jobKey: number,
  command: { errorCode: string; errorMessage: string; variables: Record<string, unknown> },
): void {
  const job = requireJob(services.readers, jobKey, 'throw an error for');
  if (job.state !== 'ACTIVATED' && job.state !== 'CREATED') {
    throw new InvalidStateError(`the job '${jobKey}' cannot throw an error: it is ${job.state.toLowerCase()}`);
  }
  services.writer.append('JOB', 'ERROR_THROWN', {
    ...job,
    state: 'ERROR_THROWN',
    errorMessage: command.errorMessage || null,
    errorCode: command.errorCode,
  });
  const element = services.readers.elementInstance(job.elementInstanceKey)!;
  const uncaught = processor.throwError(element, command.errorCode, command.errorMessage, command.variables);
  if (uncaught) services.incidents.raise(element, uncaught, job.key);
  else processor.drain();
}

/**
 * Sets a job's retries and/or its lock timeout. As Zeebe does, each change is its own event: the retries one is
 * exported (the job search shows RETRIES_UPDATED), the timeout one is not.
 */
export function updateJob({ services }: CommandContext, jobKey: number, changeset: { retries?: number; timeout?: number }): void {
  const job = requireJob(services.readers, jobKey, 'update');
  if (changeset.retries === undefined && changeset.timeout === undefined) {
    throw new InvalidArgumentError('the changeset needs retries or timeout');
  }
  if (changeset.retries !== undefined && changeset.retries < 1) throw new InvalidArgumentError('retries must be at least 1');
  if (changeset.timeout !== undefined && job.state !== 'ACTIVATED') {
    throw new InvalidStateError(`the timeout of job '${jobKey}' can only change while it is activated`);
  }
  if (changeset.retries !== undefined) services.writer.append('JOB', 'RETRIES_UPDATED', { ...job, retries: changeset.retries });
  if (changeset.timeout !== undefined) {
    services.writer.append('JOB', 'UPDATED', { ...services.readers.job(jobKey)!, deadline: services.now() + changeset.timeout });
  }
}

/**
 * Gives the jobs whose lock ran out by `now` back (TIMED_OUT, activatable again with their retries), as Zeebe's
 * job timeout checker does; answers their types, whose long polls may take them.
 */
export function timeOutJobs({ services, readers }: CommandContext, now: number): string[] {
  const types = new Set<string>();
  for (const job of readers.expiredJobLocks(now)) {
    services.writer.append('JOB', 'TIMED_OUT', { ...job, state: 'CREATED', deadline: null, worker: null });
    types.add(job.type);
  }
  return [...types];
}

// helpers

function requireJob(readers: CommandContext['services']['readers'], jobKey: number, action: string): JobRecord {
  const job = readers.job(jobKey);
  if (!job || job.state === 'COMPLETED' || job.state === 'CANCELED') {
    throw new NotFoundError(`cannot ${action} the job '${jobKey}': no such job is waiting (it may be completed or cancelled)`);
  }
  return job;
}
