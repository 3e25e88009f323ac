/**
 * The job states the REST API speaks: Camunda 8.8's `JobStateEnum` (as in @camunda8/sdk's REST schema), mapped
 * from and to the engine's own job lifecycle.
 *
 * Camunda 8.8 has no ACTIVATED job state: Zeebe records an activation in the job batch, not as an event of the job,
 * so its job search keeps reporting an activated job in the state of its last job event — CREATED for a job no
 * worker has failed — and shows the activation by the job's `worker` and `deadline` (when it can next be
 * activated). The engine does keep an ACTIVATED state (its lock and long polls need it); the REST side answers it as
 * CREATED, and the `state` filter takes 8.8's values only. The activated jobs are found as on a cluster:
 * `{ state: 'CREATED', deadline: { $exists: true } }`.
 *
 * TIMED_OUT, RETRIES_UPDATED and MIGRATED are accepted in a filter but match no job here: a job whose lock ran out
 * is CREATED again, and a retries update or a migration leaves the job in its state.
 */
import { z } from 'zod';
import { likeToRegExp } from '../engine.js';

/** Camunda 8.8's job states. */
const JOB_STATES = ['CANCELED', 'COMPLETED', 'CREATED', 'ERROR_THROWN', 'FAILED', 'MIGRATED', 'RETRIES_UPDATED', 'TIMED_OUT'] as const;
type JobStateEnum = (typeof JOB_STATES)[number];

/** The REST state of each state of the engine's job lifecycle. */
const API_STATE_OF: Readonly<Record<string, JobStateEnum>> = {
  CREATED: 'CREATED',
  ACTIVATED: 'CREATED',
  FAILED: 'FAILED',
  COMPLETED: 'COMPLETED',
  ERROR_THROWN: 'ERROR_THROWN',
  CANCELED: 'CANCELED',
};
const ENGINE_STATES = Object.keys(API_STATE_OF);

/** The REST state of a job in the engine's state `state`. */
export function apiJobState(state: string): JobStateEnum {
  const answer = API_STATE_OF[state];
  if (answer === undefined) throw new Error(`the job state '${state}' has no Camunda 8.8 state`);
  return answer;
}

const allowed = JOB_STATES.join(', ');
const stateValue = z.enum(JOB_STATES, { error: () => `must be one of ${allowed}` });
/** The operators of the `state` filter of a job search (a plain value is one of 8.8's states). */
const stateOperatorsSchema = z.strictObject(
  {
    $eq: stateValue.optional(),
    $neq: stateValue.optional(),
    $exists: z.boolean().optional(),
    $in: z.array(stateValue).optional(),
    $like: z.string().optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : `must be one of ${allowed}, or an object of $eq, $neq, $exists, $in, $like`) },
);

/**
 * The job search filter in the engine's states: 8.8's `state` filter (of the filter and of each `$or` entry)
 * becomes the engine states it stands for, as one `$in` (a job always has a state, so `$exists: true` adds nothing
 * and `$exists: false` matches nothing). An unknown value or operator is a ZodError on `filter.state`, answered 400
 * with the allowed values.
 */
export function engineJobFilter(filter: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (filter === undefined) return undefined;
  const translated = engineStateFilter(filter, ['filter']);
  const alternatives = translated.$or;
  if (!Array.isArray(alternatives)) return translated;
  return {
    ...translated,
    $or: alternatives.map((entry: unknown, index) =>
      entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? engineStateFilter(entry as Record<string, unknown>, ['filter', '$or', index]) : entry,
    ),
  };
}

function engineStateFilter(filter: Record<string, unknown>, path: (string | number)[]): Record<string, unknown> {
  if (filter.state === undefined || filter.state === null) return filter;
  const parsed = (typeof filter.state === 'string' ? stateValue : stateOperatorsSchema).safeParse(filter.state);
  if (!parsed.success) throw new z.ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: [...path, 'state', ...issue.path] })));
  const condition = typeof parsed.data === 'string' ? { $eq: parsed.data } : parsed.data;
  let states = new Set<JobStateEnum>(JOB_STATES);
  const keep = (test: (state: JobStateEnum) => boolean) => (states = new Set([...states].filter(test)));
  if (condition.$eq !== undefined) keep((state) => state === condition.$eq);
  if (condition.$neq !== undefined) keep((state) => state !== condition.$neq);
  if (condition.$in !== undefined) keep((state) => condition.$in!.includes(state));
  if (condition.$like !== undefined) keep((state) => likeToRegExp(condition.$like!).test(state));
  if (condition.$exists === false) states.clear();
  const engineStates = ENGINE_STATES.filter((state) => states.has(apiJobState(state)));
  if (engineStates.length === ENGINE_STATES.length) {
    const { state: _state, ...rest } = filter;
    return rest;
  }
  return { ...filter, state: { $in: engineStates } };
}
