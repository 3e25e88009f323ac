/** What a benchmark client offers the measurement: start working, then stop and drain. */
export interface Load {
  /** Starts creating instances (keeping a bounded number in flight) and completing their jobs. */
  start(): void;
  /**
   * Stops creating instances, keeps completing jobs until none is in flight or `drainMs` passed, then releases
   * its connections.
   */
  stop(drainMs: number): Promise<void>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves when `done()` holds (checked every 10 ms) or after `ms`. */
export async function waitUntil(done: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!done() && performance.now() < deadline) await sleep(10);
}
