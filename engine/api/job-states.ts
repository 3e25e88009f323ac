/**
 * The job states the REST API speaks: Camunda 8.8's `JobStateEnum` (as in @camunda8/sdk's REST schema).
 *
 * A job search answers each job in the state of its last exported event, as a cluster's search does (the jobs
 * table keeps it: engine/state/appliers/job-appliers.ts). There is no ACTIVATED state: Zeebe writes an activation
 * to the job batch, which is not exported, so an activated job stays in the state it had — CREATED, or FAILED,
 * TIMED_OUT, RETRIES_UPDATED after a failure, a lock timeout or a retries update. docs/camunda8-cluster.md has the
 * cases.
 */
import { z } from 'zod';
import { likeToRegExp, type AnsweredJobState } from '../engine.js';

/** Camunda 8.8's job states. */
const JOB_STATES = ['CANCELED', 'COMPLETED', 'CREATED', 'ERROR_THROWN', 'FAILED', 'MIGRATED', 'RETRIES_UPDATED', 'TIMED_OUT'] as const satisfies readonly AnsweredJobState[];

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
 * The job search filter with 8.8's `state` filter (of the filter and of each `$or` entry) checked and turned into
 * the states it matches, as one `$in` (a job always has a state, so `$exists: true` adds nothing and `$exists:
 * false` matches nothing). An unknown value or operator is a ZodError on `filter.state`, answered 400 with the
 * allowed values.
 */
export function jobSearchFilter(filter: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (filter === undefined) return undefined;
  const translated = checkedStateFilter(filter, ['filter']);
  const alternatives = translated.$or;
  if (!Array.isArray(alternatives)) return translated;
  return {
    ...translated,
    $or: alternatives.map((entry: unknown, index) =>
      entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? checkedStateFilter(entry as Record<string, unknown>, ['filter', '$or', index]) : entry,
    ),
  };
}

function checkedStateFilter(filter: Record<string, unknown>, path: (string | number)[]): Record<string, unknown> {
  if (filter.state === undefined || filter.state === null) return filter;
  const parsed = (typeof filter.state === 'string' ? stateValue : stateOperatorsSchema).safeParse(filter.state);
  if (!parsed.success) throw new z.ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: [...path, 'state', ...issue.path] })));
  const condition = typeof parsed.data === 'string' ? { $eq: parsed.data } : parsed.data;
  let states = new Set<AnsweredJobState>(JOB_STATES);
  const keep = (test: (state: AnsweredJobState) => boolean) => (states = new Set([...states].filter(test)));
  if (condition.$eq !== undefined) keep((state) => state === condition.$eq);
  if (condition.$neq !== undefined) keep((state) => state !== condition.$neq);
  if (condition.$in !== undefined) keep((state) => condition.$in!.includes(state));
  if (condition.$like !== undefined) keep((state) => likeToRegExp(condition.$like!).test(state));
  if (condition.$exists === false) states.clear();
  if (states.size === JOB_STATES.length) {
    const { state: _state, ...rest } = filter;
    return rest;
  }
  return { ...filter, state: { $in: JOB_STATES.filter((state) => states.has(state)) } };
}
