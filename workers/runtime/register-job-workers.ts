/**
 * Registers job workers with @camunda8/sdk's REST client (the only caller of createJobWorker), so the same
 * workers run against the embedded engine and a real Camunda 8 cluster.
 *
 * - Variables that do not match the worker's input schema fail the job with retries 0 and a message naming
 *   the variable: retrying cannot fix bad data, so it goes straight to an incident for a person to correct.
 *   Every message of a failed job is the manager's, in Chinese with the technical detail after it
 *   (job-failure-messages.ts; zod's issues worded by zod-issues-zh.ts, never quoting a value of the case).
 * - Variables that break a worker's data-entry rules (fields that contradict each other) throw the BPMN error
 *   DATA_ENTRY_ERROR: the model returns the case to the clerk who entered them (data-entry-rules.ts).
 * - A handler's business outcome becomes job.complete or job.error (BPMN error). Completed variables are checked
 *   against the output schema workers/catalog.json publishes: output that breaks it fails the job with retries 0
 *   and a message naming each variable (a defect of the worker; the case waits in an incident instead of carrying
 *   wrong data on).
 * - Anything the handler throws is a technical fault: job.fail with one retry less and exponential back-off
 *   counted from the model's retries (retry-back-off.ts); a DomainError (bad data or configuration) fails with
 *   retries 0, since retrying cannot help.
 * - An engine that cannot be reached (engine-unreachable.ts: refused or broken connections, time-outs, 502/503/504)
 *   is not a fault of the job and costs no retry: a handler that failed on it (a notice's upload through the
 *   Documents API) runs again, and a completion, BPMN error or failure that could not be delivered is sent again,
 *   both after a doubling wait, for as long as the job's lock lasts. Then the worker lets the job go without a
 *   word to the engine, which hands it out again when the lock runs out; handlers are idempotent per job key
 *   (notices remember their number and document under it), so the next attempt ends the same way.
 * - A completion or BPMN error the engine refuses (e.g. 413, output over its size limit) fails the job with one
 *   retry less and the HTTP status in the message. The job handler never rejects to the SDK, whose own failure
 *   call would reject unhandled when refused too and end the worker process.
 */
import type { Camunda8 } from '@camunda8/sdk';
import { z } from 'zod';
import { DomainError } from '../lib/errors.js';
import { DATA_ENTRY_ERROR, dataEntryProblemOf } from './data-entry-rules.js';
import { EngineUnreachableError, retryWhileEngineUnreachable } from './engine-unreachable.js';
import { describeHandlerFailure, describeInvalidOutput, describeInvalidVariables, describeRefusedResult, issuePathsForLog } from './job-failure-messages.js';
import type { AnyJobWorker, JobContext, JobOutcome } from './job-worker-definition.js';
import { retryBackOffMs } from './retry-back-off.js';
import { sdkLogger } from './sdk-logger.js';
import type { WorkerLogger } from './worker-logger.js';
import { loadWorkerParameters, type WorkerParameters } from './worker-parameters.js';
import { zodIssueMessageZh } from '../lib/zod-issues-zh.js';

export interface WorkerOptions {
  /** Name reported to the engine (shows up on activated jobs). */
  workerName: string;
  /** Lock time of an activated job (ms). */
  jobTimeoutMs: number;
  maxJobsToActivate: number;
  pollIntervalMs: number;
  /** First retry back-off (ms); doubles per failed attempt, up to maxBackOffMs (retry-back-off.ts). */
  baseBackOffMs: number;
  maxBackOffMs: number;
  /** First wait before calling an unreachable engine again (ms); doubles per attempt, up to engineRetryMaxMs. */
  engineRetryMs: number;
  engineRetryMaxMs: number;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  workerName: 'xining-workers',
  jobTimeoutMs: 60_000,
  maxJobsToActivate: 16,
  pollIntervalMs: 100,
  baseBackOffMs: 2_000,
  maxBackOffMs: 300_000,
  engineRetryMs: 1_000,
  engineRetryMaxMs: 15_000,
};

export interface RunningWorkers {
  stop(): Promise<void>;
}

export interface ActivatedJobLike {
  jobKey: string;
  processInstanceKey: string;
  elementId: string;
  retries: number;
  variables: unknown;
  customHeaders: unknown;
}

export interface JobActions<Ack> {
  complete(variables: Record<string, unknown>): Promise<Ack>;
  error(request: { errorCode: string; errorMessage: string; variables: Record<string, unknown> }): Promise<Ack>;
  fail(request: { errorMessage: string; retries: number; retryBackOff: number }): Promise<Ack>;
}

/**
 * `parameters`: the `config/` files the handlers compute with, loaded before the first job (by default here, so a
 * broken file throws its ConfigFileError from this call, at start).
 */
export function registerJobWorkers(
  camunda: Camunda8,
  workers: readonly AnyJobWorker[],
  logger: WorkerLogger,
  options: WorkerOptions = DEFAULT_WORKER_OPTIONS,
  parameters: WorkerParameters = loadWorkerParameters(),
): RunningWorkers {
  const client = camunda.getCamundaRestClient();
  const stopping = new AbortController();
  const sdkLog = sdkLogger(logger);
  const running = workers.map((definition) =>
    client.createJobWorker({
      type: definition.type,
      worker: options.workerName,
      timeout: options.jobTimeoutMs,
      maxJobsToActivate: options.maxJobsToActivate,
      pollIntervalMs: options.pollIntervalMs,
      fetchVariable: Object.keys(definition.input.shape),
      // its poll errors and back-offs into our log, not onto the console
      logger: sdkLog,
      jobHandler: (job) => {
        const fields = { type: definition.type, jobKey: job.jobKey, processInstanceKey: job.processInstanceKey };
        const engineActions = toleratingGoneJobs(
          {
            // the SDK types variables as its own JSON type; ours are JSON values checked by the output schemas
            complete: (variables) => job.complete(variables as Parameters<typeof job.complete>[0]),
            error: (request) => job.error({ ...request, variables: request.variables as Parameters<typeof job.error>[0]['variables'] }),
            fail: (request) => job.fail(request),
          },
          () => {
            logger.log('warn', 'job no longer active: its lock expired and another activation took it over', fields);
            return JOB_ACTION_ACKNOWLEDGEMENT;
          },
        );
        // never reject to the SDK: it would fail the job itself (one retry less, through the same engine), and a
        // refusal of that failure rejects unhandled, which ends the worker process
        return handleJob(definition, job, engineActions, logger, { ...options, stopping: stopping.signal }, parameters).catch(async (error: unknown) => {
          if (error instanceof EngineUnreachableError) {
            logger.log('warn', 'engine unreachable until the lock ran out: the engine hands the job out again', { ...fields, reason: error.reason });
            return JOB_ACTION_ACKNOWLEDGEMENT;
          }
          const status = statusOf(error);
          logger.log('error', 'the engine refused the acknowledgement of the job', { ...fields, status });
          return engineActions
            .fail({ errorMessage: describeRefusedResult(definition.type, status), retries: Math.max(0, job.retries - 1), retryBackOff: 0 })
            .catch(() => {
              logger.log('error', 'the engine refused the failure of the job too: it is handed out again after its lock', fields);
              return JOB_ACTION_ACKNOWLEDGEMENT;
            });
        });
      },
    }),
  );
  logger.log('info', 'job workers started', { workerName: options.workerName, types: workers.map((w) => w.type) });
  return {
    async stop() {
      stopping.abort(); // a job waiting for an unreachable engine is left to its lock instead of holding the stop up
      await Promise.all(running.map((worker) => worker.stop()));
    },
  };
}

/** What {@link handleJob} needs of the options; the lock time and engine waits default as in DEFAULT_WORKER_OPTIONS. */
export type HandleJobOptions = Pick<WorkerOptions, 'baseBackOffMs' | 'maxBackOffMs'> &
  Partial<Pick<WorkerOptions, 'jobTimeoutMs' | 'engineRetryMs' | 'engineRetryMaxMs'>> & {
    /** Aborted when the workers stop: waits for an unreachable engine end (the job is left to its lock). */
    stopping?: AbortSignal;
  };

/**
 * Runs one job through a worker definition and acknowledges it; exported for the runtime's own tests. Rejects
 * with {@link EngineUnreachableError} when the engine stayed unreachable until the job's lock ran out.
 */
export async function handleJob<Ack>(
  definition: AnyJobWorker,
  job: ActivatedJobLike,
  engineActions: JobActions<Ack>,
  logger: WorkerLogger,
  options: HandleJobOptions,
  parameters: WorkerParameters,
): Promise<Ack> {
  const fields = { type: definition.type, jobKey: job.jobKey, processInstanceKey: job.processInstanceKey, elementId: job.elementId };
  const lockedFrom = Date.now();
  const whileUnreachable = <T>(what: string, call: () => Promise<T>) =>
    retryWhileEngineUnreachable(call, {
      until: lockedFrom + (options.jobTimeoutMs ?? DEFAULT_WORKER_OPTIONS.jobTimeoutMs),
      firstWaitMs: options.engineRetryMs ?? DEFAULT_WORKER_OPTIONS.engineRetryMs,
      maxWaitMs: options.engineRetryMaxMs ?? DEFAULT_WORKER_OPTIONS.engineRetryMaxMs,
      stopping: options.stopping,
      onWait: (reason, waitMs) => logger.log('warn', `engine unreachable: ${what} tried again later, no retry spent`, { ...fields, reason, waitMs }),
    });
  const actions: JobActions<Ack> = {
    complete: (variables) => whileUnreachable('the completion', () => engineActions.complete(variables)),
    error: (request) => whileUnreachable('the BPMN error', () => engineActions.error(request)),
    fail: (request) => whileUnreachable('the failure', () => engineActions.fail(request)),
  };
  const parsed = definition.input.safeParse(withoutBlankValues(plain(job.variables)), { error: zodIssueMessageZh });
  if (!parsed.success) {
    const message = describeInvalidVariables(definition.type, parsed.error);
    logger.log('warn', 'job variables invalid', { ...fields, problems: issuePathsForLog(parsed.error) });
    return actions.fail({ errorMessage: message, retries: 0, retryBackOff: 0 });
  }
  const context: JobContext = {
    jobKey: job.jobKey,
    processInstanceKey: job.processInstanceKey,
    elementId: job.elementId,
    retries: job.retries,
    customHeaders: (plain(job.customHeaders) ?? {}) as Record<string, string>,
    parameters,
    log: (level, message, extra = {}) => logger.log(level, message, { ...fields, ...extra }),
  };
  const problem = definition.dataRules ? dataEntryProblemOf(definition.dataRules, parsed.data, definition.type) : undefined;
  if (problem) {
    logger.log('info', 'job data broke a data-entry rule: back to the clerk', { ...fields, errorCode: DATA_ENTRY_ERROR, problems: problem.fields });
    return actions.error({ errorCode: DATA_ENTRY_ERROR, errorMessage: problem.messageZh, variables: { dataEntryProblem: problem } });
  }
  let outcome: JobOutcome;
  try {
    // a handler calls the engine too (notices upload through the Documents API); it is idempotent per job key
    outcome = await whileUnreachable('the handler', async () => definition.handler(parsed.data, context));
  } catch (error) {
    if (error instanceof EngineUnreachableError) throw error;
    // a domain error (missing holiday data, a figure out of range) will not heal by retrying: incident at once
    const retries = error instanceof DomainError ? 0 : Math.max(0, job.retries - 1);
    const retryBackOff = retryBackOffMs(context, options);
    logger.log('error', 'job failed', { ...fields, retriesLeft: retries, reason: (error as Error).message });
    return actions.fail({ errorMessage: describeHandlerFailure(definition.type, error, retries), retries, retryBackOff });
  }
  if (outcome.kind === 'error') {
    logger.log('info', 'job threw a BPMN error', { ...fields, errorCode: outcome.errorCode });
    return actions.error({ errorCode: outcome.errorCode, errorMessage: outcome.errorMessage, variables: outcome.variables ?? {} });
  }
  const output = strictOutputOf(definition).safeParse(outcome.variables, { error: zodIssueMessageZh });
  if (!output.success) {
    // a defect of the worker, not of the case: retrying gives the same output, so an incident at once
    logger.log('error', 'job output breaks the output schema', { ...fields, problems: issuePathsForLog(output.error) });
    return actions.fail({ errorMessage: describeInvalidOutput(definition.type, output.error), retries: 0, retryBackOff: 0 });
  }
  // the data passed this worker's rules: a problem reported earlier is solved
  const acknowledgement = await actions.complete(definition.dataRules ? { ...outcome.variables, dataEntryProblem: null } : outcome.variables);
  // logged once the engine took it: a completion it refused or never received is not "completed"
  logger.log('info', 'job completed', { ...fields, variables: Object.keys(outcome.variables) });
  return acknowledgement;
}

/**
 * A job whose lock expired may have been activated again and completed by then: acknowledging it answers 404.
 * That is not a failure of this attempt (the other one did the work, idempotently), and passing the rejection on
 * makes the SDK call job.fail, which 404s too and ends the process as an unhandled rejection.
 */
export function toleratingGoneJobs<Ack>(actions: JobActions<Ack>, onGone: () => Ack): JobActions<Ack> {
  const tolerate = (attempt: Promise<Ack>) =>
    attempt.catch((error: unknown) => {
      if (isNotFound(error)) return onGone();
      throw error;
    });
  return {
    complete: (variables) => tolerate(actions.complete(variables)),
    error: (request) => tolerate(actions.error(request)),
    fail: (request) => tolerate(actions.fail(request)),
  };
}

// helpers

/**
 * The output schema as workers/catalog.json publishes it (`additionalProperties: false`): a variable the
 * catalogue does not list is an error too. Built once per worker.
 */
function strictOutputOf(definition: AnyJobWorker): z.ZodObject {
  let schema = strictOutputs.get(definition);
  if (!schema) strictOutputs.set(definition, (schema = z.strictObject(definition.output.shape)));
  return schema;
}

const strictOutputs = new WeakMap<AnyJobWorker, z.ZodObject>();

/** What the SDK's job actions resolve to (its constant is not exported from the package root). */
const JOB_ACTION_ACKNOWLEDGEMENT = 'JOB_ACTION_ACKNOWLEDGEMENT' as const;

/** The SDK's REST errors carry the HTTP response (got's HTTPError). */
function statusOf(error: unknown): number | undefined {
  return (error as { response?: { statusCode?: number } } | undefined)?.response?.statusCode;
}

function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

/**
 * A form submits an optional field left empty as "" and a FEEL mapping of a missing variable yields null: both
 * mean "not given", so the input schemas see them as absent (a required one is then reported as missing).
 */
function withoutBlankValues(variables: unknown): unknown {
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) return variables;
  return Object.fromEntries(Object.entries(variables).filter(([, value]) => value !== null && value !== ''));
}

/** SDK variables are lossless DTOs; workers see plain JSON values. */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
