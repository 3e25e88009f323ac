/**
 * What the monitor's pages read about how fresh the read model's figures are (web-monitor/server/freshness.ts), from
 * a feeder's status at a pinned clock: a failure of the passes shown only once the figures have stood still for the
 * grace (`MONITOR_FAILURE_GRACE_MS`) since the last pass that worked, the age of the figures until then; no feeder at
 * all is `unconnected`, at once. The feeder's cases run a real feeder over a real SQLite file, its clock pinned.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failureShown, freshnessOf } from '../../../web-monitor/server/freshness.js';
import { readMonitorEnvironment } from '../../../web-monitor/server/monitor-config.js';
import { MonitorStore } from '../../../web-monitor/server/read-model/monitor-store.js';
import type { ClusterReader, SearchPage } from '../../../web-monitor/server/read-model/read-model-feeder.js';
import { freshnessLineText } from '../../../web-monitor/src/views/freshness-line-text.js';
import { t } from '../../../web-monitor/src/texts.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { testFeeder } from '../../support/read-model-feeder.js';

const LAST_PASS = Date.parse('2026-12-07T02:00:00Z');
const FAILING_SINCE = LAST_PASS + 1_000;
const settings = (now: number) => ({ now, failureGraceMs: 60_000, syncIntervalMs: 1_000 });
const refused = () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.7:8080'));
/** A cluster with no instances, tasks or incidents. */
const empty: ClusterReader = { search: async <T>() => ({ items: [], page: { totalItems: 0 } }) as SearchPage<T> };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'monitor-freshness-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('freshnessOf while the passes fail', () => {
  it('should leave out a failure while the figures are younger than the grace, their age said instead, and show it once they are as old', () => {
    // given a feeder whose last pass worked at LAST_PASS and whose passes fail since a second later
    const status = { passes: 3, caughtUp: true, lastPassAt: LAST_PASS, lastPassMs: 40, failingSince: FAILING_SINCE, lastError: 'connect ECONNREFUSED' };

    // when the pages ask within the grace, just before its end, and at its end
    const within = freshnessOf(status, settings(LAST_PASS + 31_000));
    const justBefore = freshnessOf(status, settings(LAST_PASS + 59_999));
    const atEnd = freshnessOf(status, settings(LAST_PASS + 60_000));

    // then a glitch reads as figures 31 s old; figures standing still for the grace, with since when; never the error's text
    expect(within).toEqual({ ageSeconds: 31, lastPassMs: 40, lastPassAt: LAST_PASS, syncIntervalMs: 1_000 });
    expect(justBefore.failingSince).toBeUndefined();
    expect(atEnd).toEqual({ ageSeconds: 60, lastPassMs: 40, lastPassAt: LAST_PASS, failingSince: FAILING_SINCE, syncIntervalMs: 1_000 });
    expect(JSON.stringify(atEnd)).not.toContain('ECONNREFUSED');
  });

  it('should show every failure at once with a grace of 0, at the very moment it began too, and none while the passes work', () => {
    expect(failureShown({ failingSince: FAILING_SINCE }, { now: FAILING_SINCE, failureGraceMs: 0 })).toBe(true);
    expect(failureShown({ failingSince: FAILING_SINCE, lastPassAt: FAILING_SINCE }, { now: FAILING_SINCE, failureGraceMs: 0 })).toBe(true);
    expect(failureShown({}, { now: FAILING_SINCE + 3_600_000, failureGraceMs: 0 })).toBe(false);
  });

  it('should show the failure when the clock was set back during the outage, not call the figures fresh', () => {
    // given passes failing since FAILING_SINCE, and the server's clock set back 10 minutes since
    const status = { passes: 3, caughtUp: true, lastPassAt: LAST_PASS, lastPassMs: 40, failingSince: FAILING_SINCE };
    const setBack = LAST_PASS - 600_000;

    // then the failure is said, though the clock cannot tell for how long (the age is no less than 0)
    expect(freshnessOf(status, settings(setBack))).toMatchObject({ ageSeconds: 0, failingSince: FAILING_SINCE });
    expect(failureShown({ failingSince: FAILING_SINCE }, { now: FAILING_SINCE - 1, failureGraceMs: 60_000 })).toBe(true);
  });

  it('should say at once, after a restart, that figures of a run before it stand still, and a rebuild how far it read within the grace', () => {
    // given a restarted feeder whose file kept no pass's time, its first pass failed, and one rebuilding
    const earlier = { passes: 0, caughtUp: false, earlierFigures: true as const, failingSince: FAILING_SINCE };
    const rebuilding = { passes: 1, caughtUp: false, lastPassAt: LAST_PASS, readUpTo: '2024-02-04', failingSince: FAILING_SINCE };

    // when the pages ask 5 s into the failure
    const earlierFreshness = freshnessOf(earlier, settings(FAILING_SINCE + 5_000));
    const rebuildingFreshness = freshnessOf(rebuilding, settings(FAILING_SINCE + 5_000));

    // then the figures of the run before are older than any grace: the failure at once, and the line says they are
    // that run's, not 尚未完成首次同步 (the file holds figures)
    expect(earlierFreshness).toEqual({ ageSeconds: null, lastPassMs: null, lastPassAt: null, earlierFigures: true, failingSince: FAILING_SINCE, syncIntervalMs: 1_000 });
    expect(freshnessLineText(earlierFreshness)).toEqual({ text: t.freshness.failing(formatDateTime(FAILING_SINCE), undefined, true), notice: true });
    expect(freshnessLineText(earlierFreshness).text).toContain('所用的数据为服务重启前最后一次同步的结果');
    expect(freshnessLineText(earlierFreshness).text).not.toContain(t.freshness.never);
    // and a rebuild 6 s after its last pass is a glitch: it says how far it read
    expect(rebuildingFreshness).toMatchObject({ readUpTo: '2024-02-04' });
    expect(rebuildingFreshness.failingSince).toBeUndefined();
    expect(freshnessLineText(rebuildingFreshness).text).toBe(t.freshness.catchingUp('2024-02-04'));
  });
});

describe("a feeder's failures as the freshness line shows them", () => {
  it('should show at once a pass that hung longer than the grace before it failed, dated from its start', async () => {
    // given a feeder whose pass worked at LAST_PASS, and a cluster that, on the next pass, keeps it 90 s and then refuses
    let clock = LAST_PASS;
    let hang = false;
    const hanging: ClusterReader = {
      search: (path, body) => {
        if (!hang) return empty.search(path, body);
        clock += 90_000;
        return refused();
      },
    };
    const store = new MonitorStore(join(dir, 'monitor.sqlite'));
    const feeder = testFeeder(store, hanging, { now: () => clock, log: () => undefined });
    await feeder.syncOnce();

    // when the next pass starts a second later and hangs
    clock = FAILING_SINCE;
    hang = true;
    await expect(feeder.syncOnce()).rejects.toThrow('ECONNREFUSED');

    // then the line says at once that the passes fail since that pass began, the figures as of LAST_PASS
    expect(feeder.status()).toMatchObject({ lastPassAt: LAST_PASS, failingSince: FAILING_SINCE });
    const freshness = freshnessOf(feeder.status(), settings(clock));
    expect(freshness).toMatchObject({ ageSeconds: 91, failingSince: FAILING_SINCE, lastPassAt: LAST_PASS });
    expect(freshnessLineText(freshness).text).toBe(t.freshness.failing(formatDateTime(FAILING_SINCE), formatDateTime(LAST_PASS), false));
    store.close();
  });

  it('should show the failure at once after a restart during an outage, dated from the outage\'s start, not the restart', async () => {
    // given a feeder whose pass worked at LAST_PASS and whose passes fail from a second later, for five minutes
    const file = join(dir, 'monitor.sqlite');
    let clock = LAST_PASS;
    let down = false;
    const cluster: ClusterReader = { search: (path, body) => (down ? refused() : empty.search(path, body)) };
    const store = new MonitorStore(file);
    const before = testFeeder(store, cluster, { now: () => clock, log: () => undefined });
    await before.syncOnce();
    down = true;
    for (clock = FAILING_SINCE; clock < LAST_PASS + 300_000; clock += 60_000) await expect(before.syncOnce()).rejects.toThrow('ECONNREFUSED');
    await before.stop();
    store.close();

    // when the server restarts on that file, still during the outage, and its first pass fails
    clock = LAST_PASS + 360_000;
    const reopened = new MonitorStore(file);
    const after = testFeeder(reopened, cluster, { now: () => clock, log: () => undefined });
    expect(after.status().failingSince).toBeUndefined();
    await expect(after.syncOnce()).rejects.toThrow('ECONNREFUSED');

    // then the line says at once that the passes fail since the outage began, the figures standing at LAST_PASS
    expect(after.status()).toMatchObject({ lastPassAt: LAST_PASS, failingSince: FAILING_SINCE });
    const freshness = freshnessOf(after.status(), settings(clock));
    expect(freshness).toMatchObject({ ageSeconds: 360, failingSince: FAILING_SINCE });
    expect(freshnessLineText(freshness).text).toContain(`自 ${formatDateTime(FAILING_SINCE)} 起未能同步数据`);

    // when the cluster answers again, and after another restart a single pass fails
    down = false;
    clock += 1_000;
    await after.syncOnce();
    await after.stop();
    reopened.close();
    const again = new MonitorStore(file);
    const third = testFeeder(again, cluster, { now: () => clock, log: () => undefined });
    down = true;
    clock += 1_000;
    const glitchAt = clock;
    await expect(third.syncOnce()).rejects.toThrow('ECONNREFUSED');

    // then that outage began with that pass (the one before ended), and a second after the last good pass it is a glitch
    expect(third.status().failingSince).toBe(glitchAt);
    expect(freshnessOf(third.status(), settings(clock)).failingSince).toBeUndefined();
    again.close();
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
