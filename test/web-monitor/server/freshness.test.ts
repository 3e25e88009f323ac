/**
 * What the monitor's pages read about how fresh the read model's figures are (web-monitor/server/freshness.ts), from
 * a feeder's status at a pinned clock: a failure of the passes shown only once they have failed for longer than the
 * grace (`MONITOR_FAILURE_GRACE_MS`), the age of the figures until then; no feeder at all is `unconnected`, at once.
 */
import { describe, expect, it } from 'vitest';
import { failureShown, freshnessOf } from '../../../web-monitor/server/freshness.js';
import { readMonitorEnvironment } from '../../../web-monitor/server/monitor-config.js';

const LAST_PASS = Date.parse('2026-12-07T02:00:00Z');
const FAILING_SINCE = LAST_PASS + 1_000;
const settings = (now: number) => ({ now, failureGraceMs: 60_000, syncIntervalMs: 1_000 });

describe('freshnessOf while the passes fail', () => {
  it('should leave out a failure younger than the grace, the figures\' age said instead, and show it once it is older', () => {
    // given a feeder whose last pass worked at LAST_PASS and whose passes fail since a second later
    const status = { passes: 3, caughtUp: true, lastPassAt: LAST_PASS, lastPassMs: 40, failingSince: FAILING_SINCE, lastError: 'connect ECONNREFUSED' };

    // when the pages ask within the grace, at its end, and just past it
    const within = freshnessOf(status, settings(FAILING_SINCE + 30_000));
    const atEnd = freshnessOf(status, settings(FAILING_SINCE + 60_000));
    const past = freshnessOf(status, settings(FAILING_SINCE + 60_001));

    // then a glitch reads as figures 31 s old; a failure longer than the grace with since when; never the error's text
    expect(within).toEqual({ ageSeconds: 31, lastPassMs: 40, lastPassAt: LAST_PASS, syncIntervalMs: 1_000 });
    expect(atEnd.failingSince).toBeUndefined();
    expect(past).toEqual({ ageSeconds: 61, lastPassMs: 40, lastPassAt: LAST_PASS, failingSince: FAILING_SINCE, syncIntervalMs: 1_000 });
    expect(JSON.stringify(past)).not.toContain('ECONNREFUSED');
  });

  it('should show a single pass that hung longer than the grace before it failed at once (the figures stood still as long)', () => {
    expect(failureShown({ failingSince: FAILING_SINCE }, { now: FAILING_SINCE + 90_000, failureGraceMs: 60_000 })).toBe(true);
  });

  it('should show every failure at once with a grace of 0, and none while the passes work', () => {
    expect(failureShown({ failingSince: FAILING_SINCE }, { now: FAILING_SINCE + 1, failureGraceMs: 0 })).toBe(true);
    expect(failureShown({}, { now: FAILING_SINCE + 3_600_000, failureGraceMs: 0 })).toBe(false);
  });

  it('should keep saying, within the grace, that figures of a run before a restart are of a time unknown, or a rebuild how far it read', () => {
    // given a restarted feeder whose file kept no pass's time, its first pass failed, and one rebuilding
    const earlier = { passes: 0, caughtUp: false, earlierFigures: true as const, failingSince: FAILING_SINCE };
    const rebuilding = { passes: 1, caughtUp: false, lastPassAt: LAST_PASS, readUpTo: '2024-02-04', failingSince: FAILING_SINCE };

    // then
    expect(freshnessOf(earlier, settings(FAILING_SINCE + 5_000))).toEqual({ ageSeconds: null, lastPassMs: null, lastPassAt: null, earlierFigures: true, syncIntervalMs: 1_000 });
    expect(freshnessOf(rebuilding, settings(FAILING_SINCE + 5_000))).toMatchObject({ readUpTo: '2024-02-04' });
    expect(freshnessOf(rebuilding, settings(FAILING_SINCE + 5_000)).failingSince).toBeUndefined();
  });
});

describe('freshnessOf without a feeder', () => {
  it('should say unconnected at once: no grace, the figures are never read', () => {
    expect(freshnessOf(undefined, settings(LAST_PASS))).toEqual({ ageSeconds: null, lastPassMs: null, lastPassAt: null, unconnected: true, syncIntervalMs: 1_000 });
  });
});

describe('MONITOR_FAILURE_GRACE_MS', () => {
  it('should be 60 s unless set, and at most the 10 minutes after which the line tells managers to call the administrator', () => {
    expect(readMonitorEnvironment({}).MONITOR_FAILURE_GRACE_MS).toBe(60_000);
    expect(readMonitorEnvironment({ MONITOR_FAILURE_GRACE_MS: '2000' }).MONITOR_FAILURE_GRACE_MS).toBe(2_000);
    expect(() => readMonitorEnvironment({ MONITOR_FAILURE_GRACE_MS: '600001' })).toThrow('MONITOR_FAILURE_GRACE_MS');
  });
});
