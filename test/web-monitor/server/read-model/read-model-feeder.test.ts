/**
 * The monitor's read model fed from a real embedded engine through /v2 (the SDK, as the monitor's read-only
 * service account): cases, steps and incidents arrive by their dates, figures are counted in working days from the
 * acceptance date — checked against hand-computed cases across the 2025 国庆 holiday with its 调休 Sunday, the
 * 2026 元旦 with its make-up Sunday, and the 2026 国庆 — and later changes (a completion, a claim, a cancellation)
 * arrive in the next pass.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonitorStore } from '../../../../web-monitor/server/read-model/monitor-store.js';
import { ReadModelFeeder, sdkClusterReader, type ClusterReader, type SearchPath } from '../../../../web-monitor/server/read-model/read-model-feeder.js';
import { loadMonitorSettings } from '../../../../web-monitor/server/monitor-config.js';
import { openCaseList, overview, periodOf } from '../../../../web-monitor/server/overview.js';
import { WorkingDayCounter } from '../../../../web-monitor/server/working-day-counter.js';
import { loadOfficeCatalog } from '../../../../web-shared/server/office-catalog.js';
import { loadCalendarConfig } from '../../../../workers/lib/calendar-config.js';
import { bpmnProcess, flow } from '../../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../../support/engine-fixture.js';
import { readModelCaughtUp } from '../../../support/read-model-caught-up.js';
import { serviceAccount } from '../../../support/web-apps-on-engine.js';

const PROCESS_ID = 'xining-fc20-manual-reimbursement';
const calendarConfig = loadCalendarConfig();
const catalog = loadOfficeCatalog();
const settings = loadMonitorSettings();

let engine: EngineFixture;
let store: MonitorStore;
let feeder: ReadModelFeeder;
let dataDir: string;
let monitorAccount: Awaited<ReturnType<typeof serviceAccount>>;
const keys: Record<string, string> = {};

/** A stand-in of the FC20 model: the case waits at 窗口初审 (window-first-review) and ends when it is done. */
const model = bpmnProcess(
  PROCESS_ID,
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="preliminaryReview" name="初审"><bpmn:extensionElements><zeebe:userTask/>
     <zeebe:assignmentDefinition candidateGroups="window-first-review"/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:endEvent id="end"/>${flow('f1', 'start', 'preliminaryReview')}${flow('f2', 'preliminaryReview', 'end')}`,
  '医疗费用零星报销',
);

async function pin(instant: string) {
  await engine.client.pinInternalClock(Date.parse(instant));
}

async function start(name: string, at: string, variables: Record<string, unknown>) {
  await pin(at);
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: PROCESS_ID, variables: { personName: name, ...variables } });
  keys[name] = processInstanceKey;
  return processInstanceKey;
}

async function completeAt(name: string, at: string, by = 'li-jing') {
  await pin(at);
  const [task] = (await engine.client.searchUserTasks({ filter: { processInstanceKey: keys[name], state: 'CREATED' } })).items;
  await engine.clientAs(by).completeUserTask({ userTaskKey: task!.userTaskKey, variables: {} });
}

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [{ name: 'fc20-stand-in.bpmn', content: model }]);
  // the monitor's own account: role monitor-reader (reads, changes nothing)
  monitorAccount = await serviceAccount(engine, { username: 'monitor-test', role: 'monitor-reader', name: '监控读取' });
  dataDir = mkdtempSync(join(tmpdir(), 'monitor-read-model-'));
  store = new MonitorStore(join(dataDir, 'monitor.sqlite'));
  feeder = new ReadModelFeeder(store, sdkClusterReader(monitorAccount.camunda), {
    catalog,
    calendar: () => calendarConfig,
    overlapMs: 10_000,
    sweepBatch: 500,
    intervalMs: 1_000,
  });

  // hand-computed cases (docs/domain/deadlines.md, reference vectors)
  // 国庆 2025: accepted Fri 09-26, Sunday 09-28 worked, 10-01..08 off → 10-10 is the 5th working day
  await start('国庆甲', '2025-09-26T09:00:00+08:00', { acceptedAt: '2025-09-26', deadlineDate: '2025-10-10' });
  await completeAt('国庆甲', '2025-10-10T16:00:00+08:00');
  // 元旦 2026: accepted 2025-12-31, 01-01..03 off, Sunday 01-04 worked → done Mon 01-05 = 2 working days
  await start('元旦乙', '2025-12-31T10:00:00+08:00', { acceptedAt: '2025-12-31', deadlineDate: '2026-01-22' });
  await completeAt('元旦乙', '2026-01-05T11:00:00+08:00');
  // 国庆 2026: accepted 09-18, Sunday 09-20 and Saturday 10-10 worked → 10-22 is the 20th working day; done 10-23 = 21, late
  await start('国庆丙', '2026-09-18T09:30:00+08:00', { acceptedAt: '2026-09-18', deadlineDate: '2026-10-22' });
  await completeAt('国庆丙', '2026-10-23T09:00:00+08:00');
  // open on Monday 2026-11-02: one overdue (deadline Friday 10-30), one due Wednesday 11-04 (2 working days), one not soon
  await start('逾期丁', '2026-10-09T09:00:00+08:00', { acceptedAt: '2026-10-09', deadlineDate: '2026-10-30' });
  await start('临期戊', '2026-10-14T09:00:00+08:00', { acceptedAt: '2026-10-14', deadlineDate: '2026-11-04' });
  await start('正常己', '2026-10-30T09:00:00+08:00', { acceptedAt: '2026-10-30', deadlineDate: '2026-11-20' });
  await start('撤销庚', '2026-10-30T10:00:00+08:00', { acceptedAt: '2026-10-30', deadlineDate: '2026-11-20' });
  await engine.client.cancelProcessInstance({ processInstanceKey: keys['撤销庚']! });
  await pin('2026-11-02T09:00:00+08:00');
  await feeder.syncOnce();
}, 60_000);

afterAll(async () => {
  await feeder?.stop();
  store?.close();
  await engine?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const sources = () => {
  const counter = new WorkingDayCounter(calendarConfig);
  return { store, catalog, settings, calendar: () => calendarConfig, counter: () => counter };
};
const freshness = { ageSeconds: 0, lastPassMs: 0, lastPassAt: null, syncIntervalMs: 1000 };

describe('the read model of the monitor', () => {
  it('should count cycle times in working days from the acceptance date across 调休 weekends, 元旦 and 国庆', () => {
    // then
    expect(store.getCase(keys['国庆甲']!)).toMatchObject({ state: 'COMPLETED', acceptedDay: '2025-09-26', endDay: '2025-10-10', cycleWorkingDays: 5, onTime: true });
    expect(store.getCase(keys['元旦乙']!)).toMatchObject({ endDay: '2026-01-05', cycleWorkingDays: 2, onTime: true });
    expect(store.getCase(keys['国庆丙']!)).toMatchObject({ endDay: '2026-10-23', cycleWorkingDays: 21, onTime: false });
    expect(store.getCase(keys['撤销庚']!)).toMatchObject({ state: 'TERMINATED', cycleWorkingDays: null, onTime: null });
  });

  it('should give the overview of a period: counts, median and p90 in working days, share on time', () => {
    // when
    const figures = overview(sources(), periodOf('custom', '2026-11-02', '2025-09-01', '2026-11-02'), '2026-11-02', freshness);

    // then
    const fc20 = figures.processes.find((process) => process.processId === PROCESS_ID)!;
    expect(fc20).toMatchObject({
      titleZh: '医疗费用零星报销',
      nationalItem: expect.objectContaining({ name: expect.any(String) }),
      limitWorkingDays: 15,
      started: 7,
      completed: 3,
      canceled: 1,
      open: 3,
      overdue: 1,
      dueSoon: 1,
      cycle: { n: 3, median: 5, p90: 21 },
      onTime: { known: 3, onTime: 2, rate: 2 / 3 },
    });
    expect(figures.totals).toMatchObject({ started: 7, completed: 3, open: 3, overdue: 1, dueSoon: 1 });
    expect(figures.dueSoonUntil).toBe('2026-11-04');
    expect(figures.waitingSteps).toEqual([{ processId: PROCESS_ID, elementId: 'preliminaryReview', name: expect.any(String), n: 3 }]);
    expect(figures.groups).toEqual([{ groupId: 'window-first-review', nameZh: '窗口初审', n: 3 }]);
    expect(figures.clerks).toEqual([{ assignee: 'li-jing', open: 0, completed: 3, handling: expect.objectContaining({ n: 3 }) }]);
  });

  it('should count only the days of the period: 2025 国庆 alone', () => {
    // when
    const figures = overview(sources(), periodOf('custom', '2026-11-02', '2025-10-01', '2025-10-31'), '2026-11-02', freshness);

    // then
    expect(figures.totals).toMatchObject({ started: 0, completed: 1, cycle: { n: 1, median: 5, p90: 5 } });
  });

  it('should list overdue and due-soon cases with working days over and left, step and group', () => {
    // when
    const overdue = openCaseList(sources(), 'overdue', '2026-11-02', { limit: 50, offset: 0 });
    const dueSoon = openCaseList(sources(), 'dueSoon', '2026-11-02', { limit: 50, offset: 0 });

    // then Friday 10-30 → Monday 11-02 is one working day over; Wednesday 11-04 is two working days away
    expect(overdue.total).toBe(1);
    expect(overdue.items[0]).toMatchObject({
      processInstanceKey: keys['逾期丁'],
      applicant: '逾期丁',
      deadlineDay: '2026-10-30',
      workingDays: 1,
      step: { elementId: 'preliminaryReview', assignee: null, groups: [{ groupId: 'window-first-review', nameZh: '窗口初审' }] },
    });
    expect(dueSoon.items.map((item) => [item.applicant, item.workingDays])).toEqual([['临期戊', 2]]);
  });

  it('should take in a completion, a claim and a cancellation in the next pass', async () => {
    // given
    await completeAt('临期戊', '2026-11-02T10:00:00+08:00', 'zhang-min');
    const [open] = (await engine.client.searchUserTasks({ filter: { processInstanceKey: keys['逾期丁'], state: 'CREATED' } })).items;
    await engine.clientAs('li-jing').assignUserTask({ userTaskKey: open!.userTaskKey, assignee: 'li-jing', allowOverride: false });
    await engine.client.cancelProcessInstance({ processInstanceKey: keys['正常己']! });

    // when
    await feeder.syncOnce();

    // then
    expect(store.getCase(keys['临期戊']!)).toMatchObject({ state: 'COMPLETED', cycleWorkingDays: 13, onTime: true });
    expect(store.getCase(keys['正常己']!)).toMatchObject({ state: 'TERMINATED' });
    expect(store.openTasksOf(keys['正常己']!)).toEqual([]);
    expect(store.openTasksOf(keys['逾期丁']!)[0]).toMatchObject({ assignee: 'li-jing' });
    const figures = overview(sources(), periodOf('today', '2026-11-02'), '2026-11-02', freshness);
    expect(figures.totals).toMatchObject({ completed: 1, canceled: 1, open: 1, overdue: 1, dueSoon: 0 });
    expect(figures.clerks).toContainEqual({ assignee: 'li-jing', open: 1, completed: 0, handling: { n: 0, median: null, p90: null } });
    expect(figures.clerks).toContainEqual(expect.objectContaining({ assignee: 'zhang-min', completed: 1 }));
  });

  it('should say it is still catching up while a rebuild reads history oldest first, then that it is up to date', async () => {
    // given a deleted model rebuilt in passes of one page of 3 rows per date stream (a pass that stopped on a whole
    // page is gone on from where it stopped)
    const rebuilt = new MonitorStore(join(dataDir, 'rebuilt.sqlite'));
    const rebuilder = new ReadModelFeeder(rebuilt, sdkClusterReader(monitorAccount.camunda), {
      catalog,
      calendar: () => calendarConfig,
      overlapMs: 10_000,
      sweepBatch: 500,
      intervalMs: 1_000,
      pageSize: 3,
      pagesPerPass: 1,
    });
    try {
      // when it passes until it has caught up
      const readUpTo: (string | undefined)[] = [];
      do {
        await rebuilder.syncOnce();
        readUpTo.push(rebuilder.status().readUpTo);
      } while (!rebuilder.status().caughtUp && readUpTo.length < 10);

      // then the passes before the last say how far they have read (the slowest stream: cases started), each
      // further on, and the last says nothing: every stream's last page came back short
      expect(readUpTo).toEqual(['2026-09-18', '2026-10-30', undefined]);
      expect(rebuilder.status()).toMatchObject({ caughtUp: true, passes: readUpTo.length });
      expect(rebuilder.status().readUpTo).toBeUndefined();
      // and the rebuilt model holds what the one fed all along holds
      expect(rebuilt.size()).toEqual(store.size());
      const period = periodOf('custom', '2026-11-02', '2025-09-01', '2026-11-02');
      const counter = new WorkingDayCounter(calendarConfig);
      const rebuiltSources = { store: rebuilt, catalog, settings, calendar: () => calendarConfig, counter: () => counter };
      expect(overview(rebuiltSources, period, '2026-11-02', freshness).totals).toEqual(overview(sources(), period, '2026-11-02', freshness).totals);
    } finally {
      await rebuilder.stop();
      rebuilt.close();
    }
  });

  it('should record how a completed case ended from the end event it ended at, and count 不予受理 apart from 受理 and 办结', async () => {
    // given a stand-in of FC02 whose 初审 ends at 不予受理 or at 办结, with a reminder path that ends earlier (已提醒)
    const fc02 = 'xining-fc02-employee-enrolment';
    await deploy(engine.client, [
      {
        name: 'fc02-stand-in.bpmn',
        content: bpmnProcess(
          fc02,
          `<bpmn:startEvent id="start"/><bpmn:parallelGateway id="fork"/><bpmn:endEvent id="endReminded" name="已提醒"/>
           <bpmn:userTask id="firstReview" name="初审"><bpmn:extensionElements><zeebe:userTask/>
             <zeebe:assignmentDefinition candidateGroups="window-first-review"/></bpmn:extensionElements></bpmn:userTask>
           <bpmn:exclusiveGateway id="decided" default="fApproved"/>
           <bpmn:endEvent id="endNotAccepted" name="不予受理"/><bpmn:endEvent id="endRegistered" name="新增、恢复缴费办结"/>
           ${flow('f1', 'start', 'fork')}${flow('f2', 'fork', 'endReminded')}${flow('f3', 'fork', 'firstReview')}${flow('f4', 'firstReview', 'decided')}
           ${flow('fRejected', 'decided', 'endNotAccepted', '=firstReviewDecision = "rejected"')}${flow('fApproved', 'decided', 'endRegistered')}`,
          '新增、恢复缴费',
        ),
      },
    ]);
    const decide = async (name: string, decision: string) => {
      await pin('2026-11-02T09:00:00+08:00');
      const { processInstanceKey } = await engine.client.createProcessInstance({
        processDefinitionId: fc02,
        variables: { personName: name, acceptedAt: '2026-11-02', deadlineDate: '2026-11-09' },
      });
      keys[name] = processInstanceKey;
      await pin('2026-11-02T11:00:00+08:00');
      const [task] = (await engine.client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } })).items;
      await engine.clientAs('li-jing').completeUserTask({ userTaskKey: task!.userTaskKey, variables: { firstReviewDecision: decision } });
    };
    await decide('不予受理辛', 'rejected');
    await decide('准予壬', 'approved');

    // when
    await feeder.syncOnce();

    // then each case has the outcome of the end event it ended at, not of the reminder's
    expect(store.getCase(keys['不予受理辛']!)?.outcome).toBe('notAccepted');
    expect(store.getCase(keys['准予壬']!)?.outcome).toBe('granted');
    // and 首页 counts the refused one neither as 受理 nor as 办结, nor in 按时办结率
    const figures = overview(sources(), periodOf('today', '2026-11-02'), '2026-11-02', freshness);
    expect(figures.processes.find((process) => process.processId === fc02)).toMatchObject({
      started: 1,
      completed: 1,
      notAccepted: 1,
      cycle: { n: 1 },
      onTime: { known: 1, onTime: 1 },
    });
  });

  it('should find cases by part of the applicant name', () => {
    // when
    const found = store.findByApplicant('国庆', 10);

    // then
    expect(found.map((record) => record.applicant).sort()).toEqual(['国庆丙', '国庆甲']);
  });

  it('should keep a case\'s null deadline day (无时限) when it ends in a pass that could not read its variables', async () => {
    // given a stand-in of FC17 (即时办结) the system refused (refusedBySystem), waiting at 送达不予备案告知书, fed into a
    // model of its own whose variable searches can fail
    const fc17 = 'xining-fc17-maternity-registration';
    await deploy(engine.client, [
      {
        name: 'fc17-stand-in.bpmn',
        content: bpmnProcess(
          fc17,
          `<bpmn:startEvent id="start"/>
           <bpmn:userTask id="deliverDecisionNotice" name="送达不予备案告知书"><bpmn:extensionElements><zeebe:userTask/>
             <zeebe:assignmentDefinition candidateGroups="window-first-review"/></bpmn:extensionElements></bpmn:userTask>
           <bpmn:endEvent id="endTooEarly"/>${flow('f1', 'start', 'deliverDecisionNotice')}${flow('f2', 'deliverDecisionNotice', 'endTooEarly')}`,
          '生育保险待遇备案',
        ),
      },
    ]);
    const real = sdkClusterReader(monitorAccount.camunda);
    let variablesFail = false;
    const reader: ClusterReader = {
      search: <T>(path: SearchPath, body: object) =>
        variablesFail && path === 'variables' ? Promise.reject(new Error('Response code 500 (Internal Server Error)')) : real.search<T>(path, body),
    };
    const own = new MonitorStore(join(dataDir, 'fc17.sqlite'));
    const ownFeeder = new ReadModelFeeder(own, reader, { catalog, calendar: () => calendarConfig, overlapMs: 10_000, sweepBatch: 500, intervalMs: 1_000 });
    try {
      await pin('2026-11-02T09:00:00+08:00');
      const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: fc17, variables: { personName: '备案癸', refusedBySystem: true } });
      await ownFeeder.syncOnce();
      expect(own.getCase(processInstanceKey)).toMatchObject({ state: 'ACTIVE', deadlineDay: null });

      // when the notice is handed over three days later and the next pass reads the case's end but not its variables
      await pin('2026-11-05T10:00:00+08:00');
      const [task] = (await engine.client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } })).items;
      await engine.clientAs('li-jing').completeUserTask({ userTaskKey: task!.userTaskKey, variables: {} });
      variablesFail = true;
      await expect(ownFeeder.syncOnce()).rejects.toThrow('500');

      // then the ended case keeps no deadline day (not its start day): not 逾期办结
      expect(own.getCase(processInstanceKey)).toMatchObject({ state: 'COMPLETED', endDay: '2026-11-05', deadlineDay: null, onTime: null });
      // and so after a pass that reads them
      variablesFail = false;
      await ownFeeder.syncOnce();
      expect(own.getCase(processInstanceKey)).toMatchObject({ state: 'COMPLETED', deadlineDay: null, onTime: null });
    } finally {
      await ownFeeder.stop();
      own.close();
    }
  });
});

describe('the failures of the read model feeder in its log', () => {
  it('should log a cluster failing every pass once, a different error once more, and the passes working again once', async () => {
    // given a model of its own fed through a reader that fails while `failure` is set (the cluster unreachable)
    const real = sdkClusterReader(monitorAccount.camunda);
    let failure: Error | undefined;
    const reader: ClusterReader = {
      search: <T>(path: SearchPath, body: object) => (failure ? Promise.reject(failure) : real.search<T>(path, body)),
    };
    const own = new MonitorStore(join(dataDir, 'failing-cluster.sqlite'));
    const lines: string[] = [];
    const ownFeeder = new ReadModelFeeder(own, reader, {
      catalog, calendar: () => calendarConfig, overlapMs: 10_000, sweepBatch: 500, intervalMs: 1_000, log: (line) => lines.push(line),
    });
    try {
      // when five passes fail alike
      failure = new Error('connect ECONNREFUSED 127.0.0.1:8080');
      for (let pass = 0; pass < 5; pass += 1) await expect(ownFeeder.syncOnce()).rejects.toThrow('ECONNREFUSED');

      // then the failure is logged once, and the status says it each time
      expect(lines).toEqual(['[monitor] read model pass failed: connect ECONNREFUSED 127.0.0.1:8080']);
      expect(ownFeeder.status()).toMatchObject({ passes: 0, lastError: 'connect ECONNREFUSED 127.0.0.1:8080' });

      // when it fails another way for three passes
      failure = new Error('Response code 503 (Service Unavailable)');
      for (let pass = 0; pass < 3; pass += 1) await expect(ownFeeder.syncOnce()).rejects.toThrow('503');

      // then the new error is logged once
      expect(lines.slice(1)).toEqual(['[monitor] read model pass failed: Response code 503 (Service Unavailable)']);

      // when the cluster answers again for two passes
      failure = undefined;
      await ownFeeder.syncOnce();
      await ownFeeder.syncOnce();

      // then the recovery is logged once, after the eight passes that failed, and the model holds the cases
      expect(lines.slice(2)).toEqual(['[monitor] read model passes work again (恢复) after 8 failed passes']);
      expect(ownFeeder.status()).toMatchObject({ passes: 2 });
      expect(ownFeeder.status().lastError).toBeUndefined();
      expect(own.getCase(keys['正常己']!)).toMatchObject({ applicant: '正常己' });
    } finally {
      await ownFeeder.stop();
      own.close();
    }
  });
});

describe('waiting for the read model feeder (the browser tests\' readModelCaughtUp)', () => {
  it('should end a wait once a pass begun after it has ended caught up, not at the end of the pass under way, nor of a failed one', async () => {
    // given a model of its own fed through a reader whose outcome search (a pass's last: the cases are read before
    // it) can be held back, and whose searches can fail
    const real = sdkClusterReader(monitorAccount.camunda);
    let hold: Promise<void> | undefined;
    let held: () => void = () => undefined;
    let failure: Error | undefined;
    const reader: ClusterReader = {
      async search<T>(path: SearchPath, body: object) {
        if (path === 'element-instances' && hold) {
          held();
          await hold;
        }
        if (failure) throw failure;
        return real.search<T>(path, body);
      },
    };
    const own = new MonitorStore(join(dataDir, 'waiting.sqlite'));
    const ownFeeder = new ReadModelFeeder(own, reader, { catalog, calendar: () => calendarConfig, overlapMs: 10_000, sweepBatch: 500, intervalMs: 1_000 });
    // the feeder as the wait sees it, counting the wait's reads of its status: the wait checks a status as it reads
    // it and reads again only if it did not end, so a second read after a pass ended shows the wait saw that end and
    // waits on (a wait that ended reads no more, and it is `waited` that settles the race below)
    let statusReads = 0;
    const readsAwaited: { reads: number; resolve: () => void }[] = [];
    const watched = {
      status: () => {
        statusReads += 1;
        for (const awaited of readsAwaited.filter(({ reads }) => statusReads >= reads)) awaited.resolve();
        return ownFeeder.status();
      },
    };
    const twoReadsFromNow = () => new Promise<void>((resolve) => readsAwaited.push({ reads: statusReads + 2, resolve }));
    let resolved = false;
    try {
      // when a pass is under way, held after it has read the cases, as a case starts and the wait begins
      let release: () => void = () => undefined;
      hold = new Promise((resolve) => (release = resolve));
      const reachedHold = new Promise<void>((resolve) => (held = resolve));
      const underWay = ownFeeder.syncOnce();
      await reachedHold;
      const key = await start('等待辛', '2026-11-02T10:00:00+08:00', { acceptedAt: '2026-11-02', deadlineDate: '2026-11-20' });
      const waited = readModelCaughtUp(watched, 30_000).then(() => (resolved = true));
      release();
      await underWay;

      // then that pass ended without the case, and its end does not end the wait
      expect(own.getCase(key)).toBeUndefined();
      await Promise.race([waited, twoReadsFromNow()]);
      expect(resolved).toBe(false);

      // when the next pass fails
      hold = undefined;
      failure = new Error('connect ECONNREFUSED 127.0.0.1:8080');
      await expect(ownFeeder.syncOnce()).rejects.toThrow('ECONNREFUSED');

      // then it waits on
      await Promise.race([waited, twoReadsFromNow()]);
      expect(resolved).toBe(false);

      // when one works
      failure = undefined;
      await ownFeeder.syncOnce();

      // then the wait is over, and the model holds the case started before it began
      await waited;
      expect(own.getCase(key)).toMatchObject({ state: 'ACTIVE', applicant: '等待辛', deadlineDay: '2026-11-20' });

      // and a wait no pass ends is given up after its time, saying what the feeder's status was
      await expect(readModelCaughtUp(ownFeeder, 100)).rejects.toThrow(/no read model pass begun after the wait caught up within 100 ms \(passes at its start: 2\)/);
    } finally {
      await ownFeeder.stop();
      own.close();
    }
  });
});
