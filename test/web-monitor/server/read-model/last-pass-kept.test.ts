/**
 * The end of the last pass that worked, kept in monitor.sqlite's meta `lastPassAt` for the freshness line after a
 * restart (read-model-feeder.ts): written once a minute — by the first pass of each minute, so that the time read
 * back shows the same minute as the last pass did — not once a pass; and exactly by a clean stop. A feeder over a
 * real SQLite file and a cluster with nothing in it, its passes' clock pinned.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MonitorStore } from '../../../../web-monitor/server/read-model/monitor-store.js';
import { minuteChanged, type ClusterReader, type SearchPage } from '../../../../web-monitor/server/read-model/read-model-feeder.js';
import { formatDateTime } from '../../../../web-shared/src/format/dates.js';
import { testFeeder } from '../../../support/read-model-feeder.js';

/** A cluster with no instances, tasks or incidents. */
const empty: ClusterReader = { search: async <T>() => ({ items: [], page: { totalItems: 0 } }) as SearchPage<T> };
const MINUTE = Date.parse('2026-12-07T02:00:00Z');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'monitor-last-pass-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('minuteChanged', () => {
  it('should write the first time, and then only in another minute', () => {
    expect(minuteChanged(undefined, MINUTE + 5_000)).toBe(true);
    expect(minuteChanged(MINUTE + 5_000, MINUTE + 59_999)).toBe(false);
    expect(minuteChanged(MINUTE + 59_999, MINUTE + 60_000)).toBe(true);
    // (a clock set back: written, or the kept time would be later than the figures)
    expect(minuteChanged(MINUTE + 60_000, MINUTE + 1_000)).toBe(true);
  });
});

describe("the feeder's writes of the last pass's time", () => {
  it('should write it once a minute, not once a pass, and read back after a restart a time of the same minute as the last pass', async () => {
    // given a feeder whose passes end at a pinned clock, and the store's writes of lastPassAt counted
    const file = join(dir, 'monitor.sqlite');
    const store = new MonitorStore(file);
    const writes = vi.spyOn(store, 'setMeta');
    let clock = MINUTE + 1_500;
    const feeder = testFeeder(store, empty, { now: () => clock });

    // when 13 passes run 5 s apart, from 02:00:01.5 to 02:01:01.5
    for (let pass = 0; pass < 13; pass += 1) {
      await feeder.syncOnce();
      clock += 5_000;
    }
    const last = feeder.status().lastPassAt!;

    // then every pass is counted and dated, but the time was written twice: at 02:00:01.5 and at 02:01:01.5
    expect(feeder.status().passes).toBe(13);
    expect(last).toBe(MINUTE + 61_500);
    expect(writes.mock.calls.filter(([name]) => name === 'lastPassAt').map(([, value]) => Number(value))).toEqual([MINUTE + 1_500, MINUTE + 61_500]);

    // when 11 more passes run, to 02:01:56.5, and the server restarts while the cluster is down
    for (let pass = 0; pass < 11; pass += 1) {
      await feeder.syncOnce();
      clock += 5_000;
    }
    const lastBeforeRestart = feeder.status().lastPassAt!;
    store.close();
    const reopened = new MonitorStore(file);
    const restarted = testFeeder(reopened, { search: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.7:8080')) }, { now: () => clock, log: () => undefined });
    await expect(restarted.syncOnce()).rejects.toThrow('ECONNREFUSED');

    // then the figures are said to stand at 02:01:01.5, which the line shows as the minute of the last pass, 02:01:56.5
    expect(lastBeforeRestart).toBe(MINUTE + 116_500);
    expect(restarted.status().lastPassAt).toBe(MINUTE + 61_500);
    expect(formatDateTime(restarted.status().lastPassAt!)).toBe(formatDateTime(lastBeforeRestart));
    reopened.close();
  });

  it('should keep the last pass\'s exact time on a clean stop, so that after a restart the age is not up to a minute too old', async () => {
    // given a feeder whose passes ran at 02:00:01.5 (written) and 02:00:41.5 (not: the same minute)
    const file = join(dir, 'monitor.sqlite');
    const store = new MonitorStore(file);
    let clock = MINUTE + 1_500;
    const feeder = testFeeder(store, empty, { now: () => clock });
    await feeder.syncOnce();
    clock += 40_000;
    await feeder.syncOnce();
    expect(store.meta('lastPassAt')).toBe(String(MINUTE + 1_500));

    // when the server stops cleanly and starts again on that file
    await feeder.stop();
    store.close();
    const reopened = new MonitorStore(file);
    const restarted = testFeeder(reopened, empty, { now: () => clock });

    // then the figures are said to stand at the last pass itself
    expect(restarted.status().lastPassAt).toBe(MINUTE + 41_500);
    reopened.close();
  });
});
