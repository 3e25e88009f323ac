/**
 * Polls until `probe` answers something other than `undefined` (or `false`), for tests that wait on work the
 * engine or a job worker does in the background. Fails with the last value seen, so a timeout says what was there.
 */
export interface WaitForOptions {
  /** Give up after this many ms (default 10 000). */
  timeoutMs?: number;
  /** Pause between probes in ms (default 25). */
  intervalMs?: number;
  /** Shown in the timeout message. */
  description?: string;
  /** Errors the probe throws that end the wait at once (e.g. an incident), instead of being retried. */
  isFatal?: (error: unknown) => boolean;
}

export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, options: WaitForOptions = {}): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 25, description = 'condition', isFatal } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      if (isFatal?.(error)) throw error;
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
