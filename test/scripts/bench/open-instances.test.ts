/**
 * The bounded version of bench modes (o) and (r): a real engine child with 200 waiting user-task instances, its
 * memory read after GCs, then restarted after SIGTERM and after SIGKILL on the same data directory. Figures are
 * not asserted (speed is measured by `npm run bench`, never by a timed test); what is checked is that the
 * measurements measure: every instance created and counted, memory and file growth read, and each restart serving
 * the waiting tasks and a waiting job again.
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureOpenInstances, perInstance, WARM_UP_INSTANCES } from '../../../scripts/bench/open-instances.js';
import { renderOpenInstancesTable, renderRestartTable } from '../../../scripts/bench/report.js';
import { measureRestarts } from '../../../scripts/bench/restart.js';

describe('bench modes (o) and (r)', () => {
  it('should measure memory per waiting instance and restart the engine with its open instances after SIGTERM and SIGKILL', async () => {
    // given
    const open = await measureOpenInstances({ count: 200, concurrency: 8 });
    let child = open.child;
    try {
      // when
      const restarted = await measureRestarts(child, open.dataDir);
      child = restarted.child;

      // then
      expect(open.result).toMatchObject({ instances: 200, errors: 0, gc: true, openTasksCounted: String(200 + WARM_UP_INSTANCES) });
      expect(perInstance(open.result, 'disk')).toBeGreaterThan(0);
      expect(open.result.emptyStartMs).toBeGreaterThan(0);
      expect(Number.isFinite(perInstance(open.result, 'rss'))).toBe(true);
      expect(Number.isFinite(perInstance(open.result, 'heapUsed'))).toBe(true);
      expect(restarted.results.map((r) => [r.signal, r.searchItems, r.jobsActivated])).toEqual([
        ['SIGTERM', 50, 1],
        ['SIGKILL', 50, 1],
      ]);
      for (const r of restarted.results) expect(r.readyMs).toBeGreaterThanOrEqual(r.listeningMs);
      expect(renderOpenInstancesTable({ ...open.result, goalBytes: 20 * 1024, loadAverage: 1 })).toContain('| (o) memory per waiting user-task instance | 200 (+ 100 warm-up');
      expect(renderRestartTable({ results: restarted.results, instances: 200, emptyStartMs: open.result.emptyStartMs, goalMs: 5000, loadAverage: 1 })).toContain('| (r) restart after SIGKILL | 200 |');
    } finally {
      await child.stop();
      rmSync(open.dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
