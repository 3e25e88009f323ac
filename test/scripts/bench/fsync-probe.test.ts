/**
 * The disk's fsync loop beside bench mode (l): its percentiles, the fsync a job's path of several syncs meets at
 * its own p99, and a short real run on the temp directory's filesystem (figures not asserted, only that it measured).
 */
import { describe, expect, it } from 'vitest';
import { measureFsync, slowestSyncOfPath, summarizeFsyncs } from '../../../scripts/bench/fsync-probe.js';
import { renderFsyncTable } from '../../../scripts/bench/report.js';

describe('bench fsync probe', () => {
  it('should summarize fsync samples by nearest rank', () => {
    // given: 1 … 1000 ms, shuffled
    const samples = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) + 1);

    // then
    expect(summarizeFsyncs(samples)).toEqual({ count: 1000, p50: 500, p99: 990, max: 1000 });
    expect(summarizeFsyncs([]).p99).toBeNaN();
  });

  it('should take the fsync percentile a path of several syncs meets at its p99', () => {
    const samples = Array.from({ length: 10_000 }, (_, i) => i + 1);
    // one sync: the fsync's own p99; three: 100 × 0.99^(1/3) = p99.665; six: p99.833
    expect(slowestSyncOfPath(samples, 1)).toBe(9_900);
    expect(slowestSyncOfPath(samples, 3)).toBe(9_967);
    expect(slowestSyncOfPath(samples, 6)).toBe(9_984);
  });

  it('should measure fsyncs on the temp directory for the time asked', async () => {
    // when
    const result = await measureFsync({ seconds: 0.3 });

    // then
    expect(result.count).toBeGreaterThan(0);
    expect(result.p50).toBeGreaterThan(0);
    expect(result.max).toBeGreaterThanOrEqual(result.p99);
    expect(result.seconds).toBeGreaterThanOrEqual(0.3);
    expect(result.pathSyncs).toEqual({ own: 3, withOneAhead: 6 });
    expect(result.pathP99.withOneAhead).toBeGreaterThanOrEqual(result.pathP99.own);
    expect(renderFsyncTable(result)).toContain(`| fsync after 8,240 bytes appended, WAL-like | ${result.filesystem} | ${result.count} (`);
  });
});
