/**
 * The feeder's check of the calendar (each year's working days against the fingerprints the read model keeps, so
 * that a holiday notice or a closure entered since has the cases of its year counted again): made once a day and
 * when the calendar changes, not every pass — it found nothing new all day, and its working-day tables were built
 * again each time the calendar was re-read. A feeder over a real SQLite file and a cluster with nothing in it, its
 * clock pinned.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MonitorStore } from '../../../../web-monitor/server/read-model/monitor-store.js';
import type { ClusterReader, SearchPage } from '../../../../web-monitor/server/read-model/read-model-feeder.js';
import { caseFigures } from '../../../../web-monitor/server/read-model/case-figures.js';
import { workingDayCounterOf } from '../../../../web-monitor/server/working-day-counter.js';
import { loadCalendarConfig } from '../../../../workers/lib/calendar-config.js';
import { testFeeder } from '../../../support/read-model-feeder.js';

/** A cluster with no instances, tasks or incidents. */
const empty: ClusterReader = { search: async <T>() => ({ items: [], page: { totalItems: 0 } }) as SearchPage<T> };

let dir: string;
let store: MonitorStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'monitor-calendar-check-'));
  store = new MonitorStore(join(dir, 'monitor.sqlite'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the feeder's check of the calendar against the read model", () => {
  it('should look at the years once an office day, again on the next day (the years moving on with the year), and at once when the calendar changes', async () => {
    // given a feeder whose clock is pinned to the last hour of 2026 in the office (Asia/Shanghai, UTC+8), the
    // calendar's fingerprints it reads counted
    let clock = Date.parse('2026-12-31T23:00:00+08:00');
    let calendar = loadCalendarConfig();
    const feeder = testFeeder(store, empty, { now: () => clock, calendar: () => calendar });
    const meta = vi.spyOn(store, 'meta');
    const calendarReads = () => meta.mock.calls.filter(([name]) => name.startsWith('calendar.')).length;

    // when it makes its first pass
    await feeder.syncOnce();

    // then it looked at ten years back and two ahead, and keeps their fingerprints
    expect(calendarReads()).toBe(13);
    expect(store.meta('calendar.2016')).toBeDefined();
    expect(store.meta('calendar.2028')).toBeDefined();
    expect(store.meta('calendar.2029')).toBeUndefined();

    // when it passes again the same day, a second and 59 minutes later
    meta.mockClear();
    clock += 1_000;
    await feeder.syncOnce();
    clock = Date.parse('2026-12-31T23:59:59+08:00');
    await feeder.syncOnce();

    // then it did not look again
    expect(calendarReads()).toBe(0);

    // when the office's day changes (and with it the year), though in UTC it is still 2026
    clock = Date.parse('2027-01-01T00:00:01+08:00');
    await feeder.syncOnce();

    // then it looked again, at the years of 2027: 2029 now among them
    expect(calendarReads()).toBe(13);
    expect(store.meta('calendar.2029')).toBeDefined();

    // when, later that day, the office enters a closure in 2027 (the calendar re-read gives another configuration)
    const before = store.meta('calendar.2027');
    meta.mockClear();
    clock += 60_000;
    await feeder.syncOnce();
    expect(calendarReads()).toBe(0);
    calendar = { ...calendar, closures: [...calendar.closures, '2027-03-03'] };
    clock += 60_000;
    await feeder.syncOnce();

    // then the next pass looks at once, and keeps the year's new fingerprint
    expect(calendarReads()).toBe(13);
    expect(store.meta('calendar.2027')).not.toBe(before);
    expect(store.meta('calendar.2026')).toBeDefined();
  });

  it("should count a changed year's cases again on the next pass when the recount failed, its fingerprint kept as it was until then", async () => {
    // given a case accepted and completed in March 2027, its figures counted with the office's calendar, and a feeder
    // that has checked the years once
    const clock = Date.parse('2027-06-01T10:00:00+08:00');
    let calendar = loadCalendarConfig();
    const facts = {
      processInstanceKey: '2251799813685249',
      processId: 'medical-reimbursement',
      processDefinitionKey: '2251799813685240',
      version: 1,
      state: 'COMPLETED' as const,
      startDate: '2027-03-01T01:00:00.000Z',
      endDate: '2027-03-10T08:00:00.000Z',
      startDay: '2027-03-01',
      endDay: '2027-03-10',
      hasIncident: false,
      acceptedDay: '2027-03-01',
      deadlineDay: '2027-03-20',
      originalDeadlineDay: null,
      deadlineProvisional: false,
      applicant: null,
    };
    store.putCase({ ...facts, ...caseFigures(facts, workingDayCounterOf(calendar)) });
    const counted = store.getCase(facts.processInstanceKey)!.cycleWorkingDays;
    const log: string[] = [];
    const feeder = testFeeder(store, empty, { now: () => clock, calendar: () => calendar, log: (line) => log.push(line) });
    await feeder.syncOnce();
    const before = store.meta('calendar.2027');

    // when the office enters a closure in that March, and the recount's writes fail in two passes
    calendar = { ...calendar, closures: [...calendar.closures, '2027-03-03'] };
    const putCase = vi.spyOn(store, 'putCase').mockImplementation(() => {
      throw new Error('disk I/O error');
    });
    const pass = vi.spyOn(store, 'setMeta');
    await feeder.syncOnce();
    await feeder.syncOnce();

    // then the passes went on reading (and ended: the pass's time kept), the failure logged once, and the year's
    // fingerprint is the one before, the case's figures as they were
    expect(pass.mock.calls.filter(([name]) => !name.startsWith('calendar.')).length).toBeGreaterThan(0);
    expect(feeder.status().lastError).toBeUndefined();
    expect(log).toEqual(['[monitor] calendar recount failed (tried again next pass): disk I/O error']);
    expect(store.meta('calendar.2027')).toBe(before);
    expect(store.getCase(facts.processInstanceKey)!.cycleWorkingDays).toBe(counted);

    // when the next pass works
    putCase.mockRestore();
    const recount = vi.spyOn(store, 'putCase');
    await feeder.syncOnce();

    // then it counted the case again (one working day fewer), keeps the year's new fingerprint, and says so
    expect(recount).toHaveBeenCalled();
    expect(log.at(-1)).toBe('[monitor] calendar recounts work again (恢复) after 2 passes with a failed recount');
    expect(store.getCase(facts.processInstanceKey)!.cycleWorkingDays).toBe(counted! - 1);
    expect(store.meta('calendar.2027')).toBe(workingDayCounterOf(calendar).yearSignature(2027));
    expect(store.meta('calendar.2027')).not.toBe(before);
  });
});
