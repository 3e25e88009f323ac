/**
 * How long a failed job waits before its next attempt: exponential back-off, `baseBackOffMs × 2^(attempt − 1)` for
 * the attempt that failed, capped at `maxBackOffMs`.
 *
 * An activated job carries only the retries LEFT. Which attempt failed is the model's retries minus those, and
 * the model's retries reach the worker as the task header `retries`: a model that sets
 * `zeebe:taskDefinition retries` other than Zeebe's default of 3 repeats it there, and `npm run lint` checks that
 * the two agree (scripts/lint/job-retries-header.ts). Without the header the task has Zeebe's default, 3.
 * Retries raised by hand after an incident count from the first attempt again.
 */
export const RETRIES_HEADER = 'retries';
export const ZEEBE_DEFAULT_RETRIES = 3;

export interface BackOffOptions {
  /** Back-off after the first failed attempt (ms); doubles per further failed attempt. */
  readonly baseBackOffMs: number;
  readonly maxBackOffMs: number;
}

/** The back-off for a job that failed with `retries` left before this failure. */
export function retryBackOffMs(job: { retries: number; customHeaders: Readonly<Record<string, string>> }, options: BackOffOptions): number {
  const failedAttempt = Math.max(0, initialRetriesOf(job.customHeaders) - job.retries);
  return Math.min(options.maxBackOffMs, options.baseBackOffMs * 2 ** failedAttempt);
}

// helpers

function initialRetriesOf(headers: Readonly<Record<string, string>>): number {
  const header = headers[RETRIES_HEADER];
  const retries = header === undefined ? NaN : Number(header);
  return Number.isInteger(retries) && retries > 0 ? retries : ZEEBE_DEFAULT_RETRIES;
}
