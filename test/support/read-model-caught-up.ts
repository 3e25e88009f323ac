/**
 * The wait of the monitor's browser tests for its read model (TasklistHarness.readModelCaughtUp), read from the
 * feeder's status alone: the production feeder has no wait of its own for tests.
 */
import { vi } from 'vitest';
import type { FeederStatus } from '../../web-monitor/server/read-model/read-model-feeder.js';

/** How often the status is read: a pass takes well under a second here, and one begins a second after the last. */
const POLL_MS = 50;

/**
 * Resolves once a pass of the feeder begun after the call has ended caught up (every date stream read to the
 * present), so the read model holds everything the cluster showed at the call — what a pass reads, that is: an
 * assignment or a variable change without a step waits for the sweeps.
 *
 * Why `passes >= n + 2 && caughtUp`, n the passes at the call: the feeder's passes run one after another (its loop;
 * a test that calls syncOnce itself calls it after the last ended), and `passes` counts those that ended without
 * failing. A pass under way at the call may have read a stream before the cluster had the test's rows; ending, it
 * makes n + 1 at most. So the pass that makes n + 2 began after that one ended, after the call. `caughtUp` is that
 * of the last pass that did not fail, set with the count at its end (a failed pass changes neither), so a status
 * showing both is of a pass begun after the call. A failed pass or one still rebuilding leaves the wait to the next;
 * with no pass under way at the call it waits one pass more than it needs, a second here.
 */
export async function readModelCaughtUp(feeder: { status(): FeederStatus }, timeoutMs: number): Promise<void> {
  const { passes } = feeder.status();
  await vi.waitFor(
    () => {
      const status = feeder.status();
      if (status.passes >= passes + 2 && status.caughtUp) return;
      throw new Error(`no read model pass begun after the wait caught up within ${timeoutMs} ms (passes at its start: ${passes}): ${JSON.stringify(status)}`);
    },
    { timeout: timeoutMs, interval: POLL_MS },
  );
}
