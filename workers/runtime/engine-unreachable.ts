/**
 * Whether a call to the engine failed because the engine could not be reached or could not take the command at
 * that moment (a restart, a proxy in front of a restarting cluster, back-pressure, a full disk), as opposed to
 * the engine answering that the command itself is wrong. Only the first kind says nothing about the job: a
 * worker must not spend one of the job's retries on it (register-job-workers.ts waits and tries again).
 *
 * The SDK's REST client is got: a refused or broken connection is a RequestError carrying the socket's error
 * `code`, an answer is an HTTPError carrying the `response`. Errors a handler wraps keep the original as `cause`.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Socket and DNS errors of a peer that is restarting, gone for a moment, or too slow to answer. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // Node's own, e.g. a streamed multipart upload (the Documents API) to a refused port
  'ERR_SOCKET_CLOSED_BEFORE_CONNECTION',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  // undici (fetch) puts the socket's code on `cause`, or its own
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * 429 and 503: back-pressure (Camunda 8.7 / 8.8); 502 and 504: a gateway in front of an engine that is down or
 * slow; 507: the embedded engine's disk is full (it answers with Retry-After and keeps nothing).
 */
const UNAVAILABLE_STATUSES = new Set([429, 502, 503, 504, 507]);

export function isEngineUnreachable(error: unknown): boolean {
  return unreachableReason(error) !== undefined;
}

/**
 * A short reason for the log ("ECONNREFUSED", "HTTP 503"), never the error's message: messages of HTTP errors
 * can quote request or response bodies, which hold case variables.
 */
export function unreachableReason(error: unknown): string | undefined {
  for (let current = error, depth = 0; current !== null && typeof current === 'object' && depth < 8; depth++) {
    const { code, response, cause } = current as { code?: unknown; response?: { statusCode?: unknown }; cause?: unknown };
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return code;
    const status = response?.statusCode;
    if (typeof status === 'number' && UNAVAILABLE_STATUSES.has(status)) return `HTTP ${status}`;
    current = cause;
  }
  return undefined;
}

/** Thrown when the engine stayed unreachable until the job's lock ran out: the job is left to the engine. */
export class EngineUnreachableError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`engine unreachable (${reason}) until the job's lock ran out`, options);
    this.name = 'EngineUnreachableError';
  }
}

export interface EngineRetryOptions {
  /** Epoch ms after which no further attempt starts (the end of the job's lock). */
  readonly until: number;
  /** First wait (ms); doubles per attempt, up to maxWaitMs. */
  readonly firstWaitMs: number;
  readonly maxWaitMs: number;
  /** Aborted when the workers stop: no further wait (a stopping worker leaves the job to its lock). */
  readonly stopping?: AbortSignal;
  /** Called before each wait, with the short reason (for the log). */
  onWait(reason: string, waitMs: number): void;
  /** The clock `until` is read against (default Date.now; tests pass their own so a slow machine changes nothing). */
  readonly now?: () => number;
}

/**
 * Runs `call`, and again after a doubling wait for as long as it fails on an unreachable engine and the next
 * attempt would still start before `until`; then throws {@link EngineUnreachableError}. Other errors pass at once.
 */
export async function retryWhileEngineUnreachable<T>(call: () => Promise<T>, options: EngineRetryOptions): Promise<T> {
  for (let waitMs = options.firstWaitMs; ; waitMs = Math.min(options.maxWaitMs, waitMs * 2)) {
    try {
      return await call();
    } catch (error) {
      const reason = error instanceof EngineUnreachableError ? undefined : unreachableReason(error);
      if (reason === undefined) throw error;
      if ((options.now ?? Date.now)() + waitMs >= options.until || options.stopping?.aborted) throw new EngineUnreachableError(reason, { cause: error });
      options.onWait(reason, waitMs);
      // an abort ends the wait early; the next round then sees `stopping` and gives the job up
      await sleep(waitMs, undefined, { signal: options.stopping }).catch(() => undefined);
    }
  }
}
