/**
 * The read model's feeder against stand-in clusters: one whose date stream holds more rows at one instant than a
 * pass reads (a 批量操作 that ended or started many cases at once: it must read on past them and catch up, not read
 * the same pages every pass), one that fails the outcome search, one with 10,000 ended cases whose end events
 * must come in pages, and ones refusing a lookup by key (a case's end events, a task's) until they answer again —
 * more cases than a pass looks up among them, and what the log says of those outages and their ends (恢复).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MonitorStore } from '../../../../web-monitor/server/read-model/monitor-store.js';
import { type ClusterReader, type SearchPage } from '../../../../web-monitor/server/read-model/read-model-feeder.js';
import { testFeeder } from '../../../support/read-model-feeder.js';
import { casesEndedASecondApart, clusterRefusingLookups, endedCase, onNovember2 } from '../../../support/refused-lookups-cluster.js';

/**
 * A cluster where 7 cases started at the same instant (a batch) and one an hour later, each with a key of its own;
 * `after` counts the rows of the same filter already read (the cursor is stable while the filter is).
 */
const BURST = Date.parse('2026-11-02T09:00:00+08:00');
const burstRows = [...Array.from({ length: 7 }, () => BURST), BURST + 3_600_000].map((at, i) => ({ key: String(100 + i), startDate: new Date(at).toISOString() }));
const burstRead = new Set<string>();
const burst: ClusterReader = {
  async search<T>(path: string, body: { filter?: Record<string, { $gte?: string }>; page?: { limit?: number; after?: string } }) {
    const since = body.filter?.startDate?.$gte;
    if (path !== 'process-instances' || since === undefined) return { items: [], page: { totalItems: 0 } } as SearchPage<T>;
    const matching = burstRows.filter((row) => Date.parse(row.startDate) >= Date.parse(since));
    const first = Number(body.page?.after ?? 0);
    const last = Math.min(matching.length, first + (body.page?.limit ?? 100));
    const items = matching.slice(first, last).map((row) => {
      burstRead.add(row.key);
      return { processInstanceKey: row.key, processDefinitionId: 'called', processDefinitionKey: '1', processDefinitionVersion: 1, state: 'ACTIVE', startDate: row.startDate, parentProcessInstanceKey: '9' };
    });
    return { items, page: { totalItems: matching.length, endCursor: items.length ? String(last) : null } } as SearchPage<T>;
  },
};

describe('read model feeder', () => {
  it('should read on past a burst of cases started at one instant that is larger than a pass, and catch up', async () => {
    // given passes of 2 pages of 3 rows (6 rows; the burst has 7 at one instant, within the 10 s overlap)
    const dir = mkdtempSync(join(tmpdir(), 'monitor-burst-'));
    const feeder = testFeeder(new MonitorStore(join(dir, 'monitor.sqlite')), burst, { pageSize: 3, pagesPerPass: 2 });
    try {
      // when it passes a few times
      for (let pass = 0; pass < 4 && !feeder.status().caughtUp; pass += 1) await feeder.syncOnce();

      // then it read every case, the one after the burst too, and says so (begun again at the watermark each
      // pass, it read the same 6 rows forever)
      expect([...burstRead].sort()).toEqual(burstRows.map((row) => row.key).sort());
      expect(feeder.status()).toMatchObject({ caughtUp: true });
      expect(feeder.status().readUpTo).toBeUndefined();
    } finally {
      await feeder.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should finish a pass when a cluster fails the outcome search, leaving the outcome unknown, saying why once and waiting before it asks again', async () => {
    // given a cluster with one completed case that fails every element-instance search (a real failure: the
    // feeder's searches are all ones Camunda 8.8 takes)
    const ended = { processInstanceKey: '200', processDefinitionId: 'xining-fc20-manual-reimbursement', processDefinitionKey: '1', processDefinitionVersion: 1, state: 'COMPLETED', startDate: '2026-11-02T01:00:00.000Z', endDate: '2026-11-02T02:00:00.000Z' };
    let outcomeSearches = 0;
    const cluster: ClusterReader = {
      async search<T>(path: string, body: { filter?: Record<string, unknown> }) {
        if (path === 'element-instances') {
          outcomeSearches += 1;
          throw new Error('Response code 400 (Bad Request)');
        }
        const isStream = body.filter?.startDate !== undefined || body.filter?.endDate !== undefined;
        const items = path === 'process-instances' && isStream ? [ended] : [];
        return { items, page: { totalItems: items.length } } as SearchPage<T>;
      },
    };
    const dir = mkdtempSync(join(tmpdir(), 'monitor-outcomes-'));
    const store = new MonitorStore(join(dir, 'monitor.sqlite'));
    const lines: string[] = [];
    const feeder = testFeeder(store, cluster, { log: (line) => lines.push(line) });
    try {
      // when
      await feeder.syncOnce();

      // then the pass went through: the case is in, counted as 办结 until its outcome is known
      expect(feeder.status()).toMatchObject({ passes: 1, caughtUp: true });
      expect(feeder.status().lastError).toBeUndefined();
      expect(store.getCase('200')).toMatchObject({ state: 'COMPLETED', outcome: null });
      expect(lines).toEqual([expect.stringMatching(/outcomes not read \(1× in a row\), next try in 1 min: Response code 400/)]);

      // and the next passes do not ask again (nor log) until the wait is over: a cluster refuses it every pass
      await feeder.syncOnce();
      await feeder.syncOnce();
      expect(feeder.status()).toMatchObject({ passes: 3, caughtUp: true });
      expect([outcomeSearches, lines.length]).toEqual([1, 1]);
    } finally {
      await feeder.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should log once when the outcome search works again after its back-off, with how many tries failed', async () => {
    // given a completed case, a cluster failing the outcome search while `failing`, and a clock the test moves
    const ended = { processInstanceKey: '200', processDefinitionId: 'xining-fc20-manual-reimbursement', processDefinitionKey: '1', processDefinitionVersion: 1, state: 'COMPLETED', startDate: '2026-11-02T01:00:00.000Z', endDate: '2026-11-02T02:00:00.000Z' };
    let failing = true;
    const cluster: ClusterReader = {
      async search<T>(path: string, body: { filter?: Record<string, unknown> }) {
        if (path === 'element-instances' && failing) throw new Error('Response code 503 (Service Unavailable)');
        const isStream = body.filter?.startDate !== undefined || body.filter?.endDate !== undefined;
        const items = path === 'process-instances' && isStream ? [ended] : [];
        return { items, page: { totalItems: items.length } } as SearchPage<T>;
      },
    };
    const dir = mkdtempSync(join(tmpdir(), 'monitor-outcomes-back-'));
    const store = new MonitorStore(join(dir, 'monitor.sqlite'));
    const lines: string[] = [];
    let now = Date.parse('2026-11-03T00:00:00Z');
    const feeder = testFeeder(store, cluster, { log: (line) => lines.push(line), now: () => now });
    try {
      // when the search fails, and again once the first minute's wait is over
      await feeder.syncOnce();
      now += 61_000;
      await feeder.syncOnce();

      // then each wait is logged once
      expect(lines).toEqual([
        '[monitor] outcomes not read (1× in a row), next try in 1 min: Response code 503 (Service Unavailable)',
        '[monitor] outcomes not read (2× in a row), next try in 2 min: Response code 503 (Service Unavailable)',
      ]);

      // when the cluster answers again, before and after the two minutes' wait is over
      failing = false;
      await feeder.syncOnce();
      now += 121_000;
      await feeder.syncOnce();
      await feeder.syncOnce();

      // then the try that worked is logged once, with the tries that failed before it
      expect(lines.slice(2)).toEqual(['[monitor] outcomes read again (恢复) after 2 failed tries']);
    } finally {
      await feeder.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("should mask an ID number's shape in the outcome search's back-off line", async () => {
    // given a cluster whose failure of the outcome search quotes an ID number (a problem detail quoting a value)
    const cluster: ClusterReader = {
      async search<T>(path: string) {
        if (path === 'element-instances') throw new Error('Response code 400 (Bad Request): value 630103199001012014 refused');
        return { items: [], page: { totalItems: 0 } } as SearchPage<T>;
      },
    };
    const dir = mkdtempSync(join(tmpdir(), 'monitor-outcomes-masked-'));
    const store = new MonitorStore(join(dir, 'monitor.sqlite'));
    const lines: string[] = [];
    const feeder = testFeeder(store, cluster, { log: (line) => lines.push(line), now: () => Date.parse('2026-11-03T00:00:00Z') });
    try {
      // when
      await feeder.syncOnce();

      // then
      expect(lines).toEqual(['[monitor] outcomes not read (1× in a row), next try in 1 min: Response code 400 (Bad Request): value 630103********2014 refused']);
    } finally {
      await feeder.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should read the end events of 10,000 ended cases in pages of 1,000 by endDate, never in one request nor by their keys', async () => {
    // given a cluster where 10,000 cases ended a second apart, every third at 不予受理
    const base = Date.parse('2026-11-02T01:00:00.000Z');
    const at = (i: number) => new Date(base + i * 1000).toISOString();
    const ended = Array.from({ length: 10_000 }, (_, i) => ({
      processInstanceKey: String(10_000 + i), processDefinitionId: 'xining-fc02-employee-enrolment', processDefinitionKey: '1', processDefinitionVersion: 1,
      state: 'COMPLETED', startDate: new Date(base - 3_600_000).toISOString(), endDate: at(i),
    }));
    const ends = ended.map((row, i) => ({
      elementInstanceKey: String(50_000 + i), processInstanceKey: row.processInstanceKey, elementId: 'end', elementName: i % 3 === 0 ? '不予受理' : '新增、恢复缴费办结',
      type: 'END_EVENT', state: 'COMPLETED', endDate: row.endDate,
    }));
    const outcomeSearches: { filter?: Record<string, unknown>; page?: { limit?: number } }[] = [];
    const cluster: ClusterReader = {
      async search<T>(path: string, body: { filter?: Record<string, { $gte?: string }>; page?: { limit?: number; after?: string } }) {
        const since = body.filter?.endDate?.$gte;
        if (path === 'element-instances') outcomeSearches.push(body);
        const rows = since === undefined ? [] : path === 'process-instances' ? ended : path === 'element-instances' ? ends : [];
        const matching = rows.filter((row) => Date.parse(row.endDate) >= Date.parse(since!));
        const first = Number(body.page?.after ?? 0);
        const last = Math.min(matching.length, first + (body.page?.limit ?? 100));
        const items = matching.slice(first, last);
        return { items, page: { totalItems: matching.length, endCursor: items.length ? String(last) : null } } as SearchPage<T>;
      },
    };
    const dir = mkdtempSync(join(tmpdir(), 'monitor-many-ends-'));
    const store = new MonitorStore(join(dir, 'monitor.sqlite'));
    const feeder = testFeeder(store, cluster);
    try {
      // when it passes once
      await feeder.syncOnce();

      // then every case has its outcome, read in 10 whole pages and a last empty one, each by endDate alone
      expect(feeder.status()).toMatchObject({ caughtUp: true });
      const outcomes = ended.map((row) => store.getCase(row.processInstanceKey)?.outcome);
      expect(outcomes.filter((outcome) => outcome === 'notAccepted')).toHaveLength(3_334);
      expect(outcomes.filter((outcome) => outcome === 'granted')).toHaveLength(6_666);
      expect(outcomeSearches).toHaveLength(11);
      for (const body of outcomeSearches) {
        expect(body.page?.limit).toBe(1000);
        expect(Object.keys(body.filter ?? {}).sort()).toEqual(['endDate', 'state', 'type']);
      }
    } finally {
      await feeder.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should go on with the other cases and the stream when one case\'s lookup fails, keep dates as ISO instants, and log the lookups working again', async () => {
    // given two completed cases whose end events the stream passed by, dates answered with an offset, and a
    // cluster that fails the lookup of the first by its key
    const at = (time: string) => `2026-11-02T${time}+08:00`;
    const instance = (key: string, end: string) => ({
      processInstanceKey: key, processDefinitionId: 'xining-fc20-manual-reimbursement', processDefinitionKey: '1', processDefinitionVersion: 1,
      state: 'COMPLETED', startDate: at('09:00:00'), endDate: at(end),
    });
    const endEvent = (key: string, end: string, name: string) => ({
      elementInstanceKey: `${key}9`, processInstanceKey: key, elementId: 'end', elementName: name, type: 'END_EVENT', state: 'COMPLETED', endDate: at(end),
    });
    const lookups: string[] = [];
    let streamSearches = 0;
    let refusing = true;
    const cluster: ClusterReader = {
      async search<T>(path: string, body: { filter?: Record<string, unknown> }) {
        const filter = body.filter ?? {};
        let items: object[] = [];
        if (path === 'process-instances' && (filter.startDate || filter.endDate)) items = [instance('300', '10:00:00'), instance('301', '10:00:01')];
        if (path === 'element-instances' && filter.endDate) {
          streamSearches += 1;
          // other cases' end events, one before the two (the cluster's history reaches back past them) and one two
          // hours after: the stream is past them
          items = [endEvent('398', '08:00:00', '办结'), endEvent('399', '12:00:00', '办结')];
        }
        if (path === 'element-instances' && typeof filter.processInstanceKey === 'string') {
          lookups.push(filter.processInstanceKey);
          if (filter.processInstanceKey === '300' && refusing) throw new Error('Response code 500 (Internal Server Error)');
          items = filter.processInstanceKey === '300' ? [endEvent('300', '10:00:00', '办结')] : [endEvent('301', '10:00:01', '不予受理')];
        }
        return { items, page: { totalItems: items.length } } as SearchPage<T>;
      },
    };
    const dir = mkdtempSync(join(tmpdir(), 'monitor-lookup-'));
    const store = new MonitorStore(join(dir, 'monitor.sqlite'));
    const lines: string[] = [];
    const feeder = testFeeder(store, cluster, { log: (line) => lines.push(line), now: () => Date.parse('2026-11-03T00:00:00Z') });
    try {
      // when it passes twice
      await feeder.syncOnce();
      await feeder.syncOnce();

      // then the second case has its outcome, the first is asked for again in the next pass (no backing off the
      // stream, read in both passes), and the dates are kept as toISOString writes them
      expect(store.getCase('301')).toMatchObject({ outcome: 'notAccepted', endDate: '2026-11-02T02:00:01.000Z' });
      expect(store.endEventOf('301')?.endDate).toBe('2026-11-02T02:00:01.000Z');
      expect(store.getCase('300')?.outcome).toBeNull();
      expect(lookups.filter((key) => key === '300')).toHaveLength(2);
      expect(lookups.filter((key) => key === '301')).toHaveLength(1);
      expect(streamSearches).toBe(2);
      // and its failure is logged once, not once a pass (the other case's lookup working meanwhile is no recovery)
      expect(lines).toEqual(['[monitor] end events of one case not read: Response code 500 (Internal Server Error)']);

      // when the cluster answers the first case's lookup
      refusing = false;
      await feeder.syncOnce();

      // then it has its outcome, and the log says once that the lookups work again, after the two passes whose
      // lookups failed (the passes themselves worked)
      expect(store.getCase('300')?.outcome).toBe('granted');
      expect(lines.slice(1)).toEqual(['[monitor] end events looked up by case key again (恢复) after 2 passes with failed lookups']);
    } finally {
      await feeder.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should look up the other cases when more cases than a pass looks up are refused, and ask for the refused ones again later', async () => {
    // given 25 completed cases whose lookup by key the cluster refuses (more than the 20 a pass looks up; the latest
    // ended, so the first picked), 30 others without an end event in the stream, and a clock the test moves
    const refusedCases = casesEndedASecondApart(600, 25, '11:00');
    const otherCases = casesEndedASecondApart(700, 30, '10:00');
    let refusing = true;
    const cluster = clusterRefusingLookups([...refusedCases, ...otherCases], (key) => refusing && Number(key) < 700);
    const { lookups } = cluster;
    const dir = mkdtempSync(join(tmpdir(), 'monitor-refused-'));
    const store = new MonitorStore(join(dir, 'monitor.sqlite'));
    let now = Date.parse('2026-11-03T00:00:00Z');
    const feeder = testFeeder(store, cluster, { log: () => {}, now: () => now });
    const asked = (key: string) => lookups.filter((looked) => looked === key).length;
    try {
      // when it passes three times at the same moment (no case's back-off has ended)
      for (let pass = 0; pass < 3; pass += 1) await feeder.syncOnce();

      // then every other case has its outcome, each looked up once (picking the 20 latest ended every pass, the
      // refused ones took every lookup for good and no other case was ever asked for)
      for (const row of otherCases) {
        expect(store.getCase(row.processInstanceKey)?.outcome).toBe('granted');
        expect(asked(row.processInstanceKey)).toBe(1);
      }
      // and no pass looked up more than 20 cases, the refused ones among them while slots were left
      expect(lookups).toHaveLength(60);
      for (const row of refusedCases) expect(store.getCase(row.processInstanceKey)?.outcome).toBeNull();

      // when their back-off has ended and the cluster answers them again
      const before = lookups.length;
      refusing = false;
      now += 2 * 3_600_000;
      await feeder.syncOnce();
      await feeder.syncOnce();

      // then each refused case was asked for once more and has its outcome; the others were not asked again
      for (const row of refusedCases) expect(store.getCase(row.processInstanceKey)?.outcome).toBe('granted');
      expect(lookups.slice(before).sort()).toEqual(refusedCases.map((row) => row.processInstanceKey).sort());
    } finally {
      await feeder.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should log refused cases backing off as one outage through passes that did not ask for them, each pass that looks some up again, and its end', async () => {
    // given 25 completed cases whose lookup by key the cluster refuses while their key is below `refusedBelow` (the
    // latest ended: the first picked), 45 others without an end event in the stream (more than a pass's 20 slots
    // besides them), and a clock the test moves
    const refusedCases = casesEndedASecondApart(600, 25, '11:00');
    const otherCases = casesEndedASecondApart(700, 45, '10:00');
    let refusedBelow = 700;
    const cluster = clusterRefusingLookups([...refusedCases, ...otherCases], (key) => Number(key) < refusedBelow);
    const dir = mkdtempSync(join(tmpdir(), 'monitor-refused-log-'));
    const store = new MonitorStore(join(dir, 'monitor.sqlite'));
    const lines: string[] = [];
    let now = Date.parse('2026-11-03T00:00:00Z');
    const feeder = testFeeder(store, cluster, { log: (line) => lines.push(line), now: () => now });
    try {
      // when it passes four times at the same moment: the refused cases are asked for in the first, second and
      // fourth passes (in the slots the others leave), the third's 20 slots all taken by other cases, which work
      for (let pass = 0; pass < 4; pass += 1) await feeder.syncOnce();

      // then the refusal is logged once: the third pass's lookups working is no recovery, the refused cases still
      // backing off (logged so, it was followed by the same failure logged again as a new outage)
      for (const row of otherCases) expect(store.getCase(row.processInstanceKey)?.outcome).toBe('granted');
      expect(lines).toEqual(['[monitor] end events of one case not read: Response code 500 (Internal Server Error)']);

      // when their back-off has ended and the cluster answers 15 of them
      refusedBelow = 610;
      now += 2 * 3_600_000;
      await feeder.syncOnce();

      // then one line says how many came back and how many still back off: the 5 refused again (605–609), not the 5
      // whose back-off has ended that found no slot this pass (600–604)
      expect(lines.slice(1)).toEqual(['[monitor] end events of 15 cases looked up by case key again (恢复), 5 still backing off']);

      // when the cluster answers the rest
      refusedBelow = 0;
      await feeder.syncOnce();

      // then the outage's end is logged once, after the four passes whose lookups failed, and every case has its outcome
      expect(lines.slice(2)).toEqual(['[monitor] end events looked up by case key again (恢复) after 4 passes with failed lookups']);
      for (const row of refusedCases) expect(store.getCase(row.processInstanceKey)?.outcome).toBe('granted');
      await feeder.syncOnce();
      expect(lines).toHaveLength(3);
    } finally {
      await feeder.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should keep a refused case backing off when the lookup that worked for it is not written (the file full), until one is', async () => {
    // given two completed cases whose lookup by key the cluster refuses while their key is below `refusedBelow`, 801
    // ended after 800 (asked first), and a store whose writing of a lookup fails while `full`
    let refusedBelow = 802;
    const cluster = clusterRefusingLookups([endedCase('800', onNovember2('10:00:00')), endedCase('801', onNovember2('11:00:00'))], (key) => Number(key) < refusedBelow);
    const dir = mkdtempSync(join(tmpdir(), 'monitor-refused-unwritten-'));
    const store = new MonitorStore(join(dir, 'monitor.sqlite'));
    let full = false;
    const markLookedUp = store.markLookedUp.bind(store);
    store.markLookedUp = (key) => {
      if (full) throw new Error('database or disk is full');
      markLookedUp(key);
    };
    const lines: string[] = [];
    let now = Date.parse('2026-11-03T00:00:00Z');
    const feeder = testFeeder(store, cluster, { log: (line) => lines.push(line), now: () => now });
    try {
      // when both are refused, then, their back-off over, 801's lookup works but is not written (801 asked first)
      await feeder.syncOnce();
      expect(lines).toEqual(['[monitor] end events of one case not read: Response code 500 (Internal Server Error)']);
      refusedBelow = 801;
      full = true;
      now += 2 * 3_600_000;
      await feeder.syncOnce();
      expect(store.getCase('801')?.outcome).toBeNull();

      // when the file takes writes again and the outcomes are read after their back-off, 800 still refused
      full = false;
      now += 61_000;
      await feeder.syncOnce();

      // then 801 came back from backing off (恢复), with 800 still backing off — it had not been forgotten while
      // unwritten — and the outcomes are read again
      expect(store.getCase('801')?.outcome).toBe('granted');
      expect(lines.slice(1)).toEqual([
        '[monitor] outcomes not read (1× in a row), next try in 1 min: database or disk is full',
        '[monitor] end events of 1 case looked up by case key again (恢复), 1 still backing off',
        '[monitor] outcomes read again (恢复) after 1 failed try',
      ]);
    } finally {
      await feeder.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should ask for a task whose lookup by key failed again in the next pass, not only when the next lap of open tasks ends', async () => {
    // given three open tasks the sweep shows two a pass (a lap of two passes), a fourth it never shows (completed
    // without the streams showing it), and a cluster refusing lookups by key while `refusing`
    const task = (key: string, state = 'CREATED') => ({
      userTaskKey: key, processInstanceKey: `${key}0`, processDefinitionId: 'xining-fc20-manual-reimbursement', elementId: 'preliminaryReview', name: '初审',
      state, creationDate: '2026-11-02T01:00:00.000Z', ...(state === 'COMPLETED' ? { completionDate: '2026-11-02T02:00:00.000Z' } : {}),
    });
    const open = ['501', '502', '503'].map((key) => task(key));
    const lookups: string[] = [];
    let refusing = true;
    const cluster: ClusterReader = {
      async search<T>(path: string, body: { filter?: Record<string, unknown>; page?: { limit?: number; after?: string } }) {
        const filter = body.filter ?? {};
        let items: object[] = [];
        let endCursor: string | null = null;
        if (path === 'user-tasks' && filter.creationDate) items = [...open, task('509')];
        if (path === 'user-tasks' && filter.state === 'CREATED') {
          const first = Number(body.page?.after ?? 0);
          items = open.slice(first, first + (body.page?.limit ?? 100));
          endCursor = String(first + items.length);
        }
        if (path === 'user-tasks' && typeof filter.userTaskKey === 'string') {
          lookups.push(filter.userTaskKey);
          if (refusing) throw new Error('Response code 500 (Internal Server Error)');
          items = [task(filter.userTaskKey, 'COMPLETED')];
        }
        return { items, page: { totalItems: items.length, endCursor } } as SearchPage<T>;
      },
    };
    const dir = mkdtempSync(join(tmpdir(), 'monitor-task-lookup-'));
    const store = new MonitorStore(join(dir, 'monitor.sqlite'));
    const lines: string[] = [];
    const feeder = testFeeder(store, cluster, { sweepBatch: 2, log: (line) => lines.push(line), now: () => Date.parse('2026-11-03T00:00:00Z') });
    try {
      // when the first lap ends (its second pass) and the lookup of the task it did not show fails
      await feeder.syncOnce();
      await feeder.syncOnce();
      expect(lookups).toEqual(['509']);

      // and the next pass, the first of a lap, runs with the cluster answering
      refusing = false;
      await feeder.syncOnce();

      // then that pass asked for it again and closed it, and the log says the lookups work again
      expect(lookups).toEqual(['509', '509']);
      expect(store.getTask('509')).toMatchObject({ state: 'COMPLETED' });
      expect(lines).toEqual([
        '[monitor] user tasks not looked up by key: Response code 500 (Internal Server Error)',
        '[monitor] user tasks looked up by key again (恢复) after 1 pass with failed lookups',
      ]);
    } finally {
      await feeder.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
