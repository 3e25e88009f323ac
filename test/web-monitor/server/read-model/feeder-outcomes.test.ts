/**
 * How the monitor's read model learns how completed cases ended, fed from a real embedded engine through /v2 (the
 * SDK, as the monitor's read-only service account), with the searches Camunda 8.8 takes: the completed END_EVENTs
 * as a date stream by `endDate`, page by page from a watermark kept in the model, never a list of case keys (8.8's
 * element-instance `processInstanceKey` is a plain key). A reader between the feeder and the engine records every
 * search, and hides a case's end events for a while as a cluster's exporter may show them late.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonitorStore } from '../../../../web-monitor/server/read-model/monitor-store.js';
import { sdkClusterReader, type ClusterReader, type SearchPage, type SearchPath } from '../../../../web-monitor/server/read-model/read-model-feeder.js';
import { bpmnProcess, flow } from '../../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../../support/engine-fixture.js';
import { serviceAccount } from '../../../support/web-apps-on-engine.js';
import { testFeeder } from '../../../support/read-model-feeder.js';

const PROCESS_ID = 'xining-fc02-employee-enrolment';
const OVERLAP_MS = 10_000;

let engine: EngineFixture;
let dataDir: string;
let cluster: ClusterReader;

/** A stand-in of FC02: 初审 decides 不予受理 or 办结. */
const model = bpmnProcess(
  PROCESS_ID,
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="firstReview" name="初审"><bpmn:extensionElements><zeebe:userTask/>
     <zeebe:assignmentDefinition candidateGroups="window-first-review"/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:exclusiveGateway id="decided" default="fApproved"/>
   <bpmn:endEvent id="endNotAccepted" name="不予受理"/><bpmn:endEvent id="endRegistered" name="新增、恢复缴费办结"/>
   ${flow('f1', 'start', 'firstReview')}${flow('f2', 'firstReview', 'decided')}
   ${flow('fRejected', 'decided', 'endNotAccepted', '=firstReviewDecision = "rejected"')}${flow('fApproved', 'decided', 'endRegistered')}`,
  '新增、恢复缴费',
);

/** A process that ends without an end event: its one task has no outgoing flow. */
const IMPLICIT_END = 'implicit-end';
const implicitEnd = bpmnProcess(
  IMPLICIT_END,
  `<bpmn:startEvent id="start"/><bpmn:userTask id="only" name="登记"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
   ${flow('f1', 'start', 'only')}`,
  '无结束事件',
);

/**
 * A case with an escalation running beside it (督办, the side path, ending at 督办完毕): 初审 decides 不予受理 at an
 * ordinary end event, or, in {@link TERMINATING}, at a terminate end event that ends the escalation with it.
 */
const ESCALATED = 'escalated-stand-in';
const TERMINATING = 'terminating-stand-in';
const withEscalation = (processId: string, terminate: boolean) => bpmnProcess(
  processId,
  `<bpmn:startEvent id="start"/><bpmn:parallelGateway id="fork"/>
   <bpmn:userTask id="firstReview" name="初审"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:userTask id="escalate" name="超期督办"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:endEvent id="endNotAccepted" name="不予受理">${terminate ? '<bpmn:terminateEventDefinition/>' : ''}</bpmn:endEvent>
   <bpmn:endEvent id="endEscalated" name="督办完毕"/>
   ${flow('f1', 'start', 'fork')}${flow('f2', 'fork', 'firstReview')}${flow('f3', 'fork', 'escalate')}
   ${flow('f4', 'firstReview', 'endNotAccepted')}${flow('f5', 'escalate', 'endEscalated')}`,
  terminate ? '终止' : '督办',
);

/** Completes the case's open task `elementId` at `at`. */
async function complete(processInstanceKey: string, elementId: string, at: string): Promise<void> {
  await engine.client.pinInternalClock(Date.parse(at));
  const tasks = (await engine.client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } })).items;
  const task = tasks.find((t) => t.elementId === elementId)!;
  await engine.client.completeUserTask({ userTaskKey: task.userTaskKey, variables: {} });
}

/** A case of {@link IMPLICIT_END} started and completed at `at`; its key. */
async function endedWithoutEndEvent(at: string): Promise<string> {
  await engine.client.pinInternalClock(Date.parse(at));
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: IMPLICIT_END, variables: {} });
  const [task] = (await engine.client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } })).items;
  await engine.client.completeUserTask({ userTaskKey: task!.userTaskKey, variables: {} });
  return processInstanceKey;
}

/** A case started at `at` and decided an hour later; its key. */
async function decided(at: string, decision: 'rejected' | 'approved'): Promise<string> {
  await engine.client.pinInternalClock(Date.parse(at));
  const { processInstanceKey } = await engine.client.createProcessInstance({
    processDefinitionId: PROCESS_ID,
    variables: { personName: '测试', acceptedAt: at.slice(0, 10), deadlineDate: '2026-12-31' },
  });
  await engine.client.pinInternalClock(Date.parse(at) + 3_600_000);
  const [task] = (await engine.client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } })).items;
  await engine.clientAs('li-jing').completeUserTask({ userTaskKey: task!.userTaskKey, variables: { firstReviewDecision: decision } });
  return processInstanceKey;
}

interface Search {
  path: SearchPath;
  body: { filter?: Record<string, unknown>; sort?: { field: string; order: string }[]; page?: { limit?: number; after?: string } };
  items: number;
}

/**
 * The engine's /v2 as the feeder sees it: every search recorded; the end events of the `hidden` cases left out, and
 * those named `case/elementId`.
 */
function recording(hidden = new Set<string>()) {
  const searches: Search[] = [];
  const reader: ClusterReader = {
    async search<T>(path: SearchPath, body: object): Promise<SearchPage<T>> {
      const page = await cluster.search<T>(path, body);
      const shown = (item: { processInstanceKey: string; elementId: string }) =>
        !hidden.has(item.processInstanceKey) && !hidden.has(`${item.processInstanceKey}/${item.elementId}`);
      const items = path === 'element-instances' ? page.items.filter((item) => shown(item as never)) : page.items;
      searches.push({ path, body: body as Search['body'], items: items.length });
      return { ...page, items };
    },
  };
  return { reader, searches, hidden };
}

/** The feeder's clock for the outcome lookups: after every case these tests make (2026-11), whatever day they run. */
const NOW = Date.parse('2026-12-01T00:00:00Z');

function feederOn(store: MonitorStore, reader: ClusterReader, pageSize?: number, now = () => NOW) {
  return testFeeder(store, reader, { now, overlapMs: OVERLAP_MS, pageSize });
}

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    { name: 'fc02-stand-in.bpmn', content: model },
    { name: 'implicit-end.bpmn', content: implicitEnd },
    { name: 'escalated.bpmn', content: withEscalation(ESCALATED, false) },
    { name: 'terminating.bpmn', content: withEscalation(TERMINATING, true) },
  ]);
  const account = await serviceAccount(engine, { username: 'monitor-outcomes', role: 'monitor-reader', name: '监控读取' });
  cluster = sdkClusterReader(account.camunda);
  dataDir = mkdtempSync(join(tmpdir(), 'monitor-outcomes-'));
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the outcomes of the monitor read model', () => {
  it('should read the end events with searches Camunda 8.8 takes, in pages by endDate, and join each to its case', async () => {
    // given seven cases ended over a week, three 不予受理
    const expected = new Map<string, string>();
    for (let day = 0; day < 7; day += 1) {
      const decision = day % 2 === 0 ? 'approved' : 'rejected';
      expected.set(await decided(`2026-11-0${day + 2}T09:00:00+08:00`, decision), decision === 'rejected' ? 'notAccepted' : 'granted');
    }
    const store = new MonitorStore(join(dataDir, 'pages.sqlite'));
    const { reader, searches } = recording();
    const feeder = feederOn(store, reader, 3);
    try {
      // when it passes until it has caught up
      for (let pass = 0; pass < 10 && !feeder.status().caughtUp; pass += 1) await feeder.syncOnce();

      // then every case has the outcome of the end event it ended at
      expect(new Map([...expected.keys()].map((key) => [key, store.getCase(key)?.outcome]))).toEqual(expected);
      // read in pages of at most 3 by endDate, each filter one Camunda 8.8 takes (no `$in`, no list of keys)
      const outcomeSearches = searches.filter((search) => search.path === 'element-instances');
      expect(outcomeSearches.length).toBeGreaterThanOrEqual(3);
      for (const { body } of outcomeSearches) {
        expect(JSON.stringify(body)).not.toContain('$in');
        expect(body.filter).toEqual({ type: 'END_EVENT', state: 'COMPLETED', endDate: { $gte: expect.any(String) } });
        expect(body.sort).toEqual([{ field: 'endDate', order: 'ASC' }]);
        expect(body.page?.limit).toBe(3);
      }
      expect(outcomeSearches.reduce((sum, search) => sum + search.items, 0)).toBe(7);
      expect(store.meta('watermark.endEvents')).toBe(new Date(Date.parse('2026-11-08T10:00:00+08:00')).toISOString());
    } finally {
      await feeder.stop();
      store.close();
    }
  });

  it('should fill the outcome of a case whose end event shows late, within the overlap or long after it', async () => {
    // given a model up to date, then two cases whose end events the cluster shows late
    const store = new MonitorStore(join(dataDir, 'late.sqlite'));
    const { reader, searches, hidden } = recording();
    const feeder = feederOn(store, reader);
    try {
      await feeder.syncOnce();
      const soon = await decided('2026-11-20T09:00:00+08:00', 'rejected');
      const muchLater = await decided('2026-11-20T09:00:01+08:00', 'rejected');
      hidden.add(soon).add(muchLater);

      // when a pass finds both cases completed without their end events
      await feeder.syncOnce();

      // then they count as 办结 for now (no outcome, not marked as looked up)
      expect([store.getCase(soon)?.outcome, store.getCase(muchLater)?.outcome]).toEqual([null, null]);

      // when the first end event shows within the overlap, while a case ending an hour later moves the stream on
      hidden.delete(soon);
      const later = await decided('2026-11-20T10:00:00+08:00', 'approved');
      await feeder.syncOnce();

      // then the next pass reads it
      expect([store.getCase(soon)?.outcome, store.getCase(later)?.outcome]).toEqual(['notAccepted', 'granted']);
      // and the other, now behind the stream's watermark by more than the overlap, was asked for by its own key
      // (Camunda 8.8's plain key) and marked '' when not there
      const byKey = (key: string) => searches.filter((search) => search.path === 'element-instances' && search.body.filter?.processInstanceKey === key);
      expect(byKey(muchLater).map((search) => search.body.filter)).toEqual([{ processInstanceKey: muchLater, type: 'END_EVENT', state: 'COMPLETED' }]);
      expect(store.getCase(muchLater)?.outcome).toBe('');

      // when its end event shows after all and the model is read again from the start (as after a rebuild)
      hidden.delete(muchLater);
      store.setMeta('watermark.endEvents', '1970-01-01T00:00:00.000Z');
      await feeder.syncOnce();

      // then it has its outcome, and the case asked for once is not asked for again
      expect(store.getCase(muchLater)?.outcome).toBe('notAccepted');
      expect(byKey(muchLater)).toHaveLength(1);
    } finally {
      await feeder.stop();
      store.close();
    }
  });

  it('should go on from its watermark after a restart, reading only the end events since', async () => {
    // given a model fed up to date by one monitor, which then stops
    const file = join(dataDir, 'restart.sqlite');
    let store = new MonitorStore(file);
    let feeder = feederOn(store, recording().reader);
    await feeder.syncOnce();
    const watermark = store.meta('watermark.endEvents')!;
    await feeder.stop();
    store.close();
    const after = await decided('2026-11-25T09:00:00+08:00', 'rejected');

    // when the next monitor opens the same file and passes once
    store = new MonitorStore(file);
    const { reader, searches } = recording();
    feeder = feederOn(store, reader);
    try {
      await feeder.syncOnce();

      // then it read the end events from its watermark minus the overlap, not from the beginning: the last one it
      // had read (at the watermark) and the one since, in one search
      const [first, ...more] = searches.filter((search) => search.path === 'element-instances');
      expect(first!.body.filter?.endDate).toEqual({ $gte: new Date(Date.parse(watermark) - OVERLAP_MS).toISOString() });
      expect([first!.items, more]).toEqual([2, []]);
      expect(store.getCase(after)?.outcome).toBe('notAccepted');
      expect(store.meta('watermark.endEvents')).toBe(new Date(Date.parse('2026-11-25T10:00:00+08:00')).toISOString());
    } finally {
      await feeder.stop();
      store.close();
    }
  });

  it('should mark a completed case without an end event, by one search of its own key, or none when it ended before every end event', async () => {
    // given a case that ended without an end event before the oldest end event the cluster shows, and one after
    const before = await endedWithoutEndEvent('2026-10-01T09:00:00+08:00');
    const after = await endedWithoutEndEvent('2026-11-21T09:00:00+08:00');
    const store = new MonitorStore(join(dataDir, 'without-end-event.sqlite'));
    const { reader, searches } = recording();
    const feeder = feederOn(store, reader);
    try {
      // when a new model is fed (its stream of end events from the beginning) and passes again
      await feeder.syncOnce();
      await feeder.syncOnce();

      // then both count as 办结 without an outcome of their own ('': looked for, none)
      expect([store.getCase(before)?.outcome, store.getCase(after)?.outcome]).toEqual(['', '']);
      // the later one after one search by its key, the earlier one without any (no end event is that old)
      const byKey = (key: string) => searches.filter((search) => search.body.filter?.processInstanceKey === key && search.path === 'element-instances');
      expect([byKey(before).length, byKey(after).length]).toEqual([0, 1]);
      expect(store.meta('endEvents.earliest')).toBe(new Date(Date.parse('2026-11-02T10:00:00+08:00')).toISOString());
    } finally {
      await feeder.stop();
      store.close();
    }
  });

  it('should keep the main path\'s end when 督办完毕 ends after it, and find a late one by the case\'s key', async () => {
    // (these cases end after every other test's, so those read the same end events whichever runs first)
    const store = new MonitorStore(join(dataDir, 'side-path.sqlite'));
    const { reader, searches, hidden } = recording();
    const feeder = feederOn(store, reader);
    const start = async (processId: string, at: string) => {
      await engine.client.pinInternalClock(Date.parse(at));
      return (await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} })).processInstanceKey;
    };
    try {
      // given a case refused at intake whose 超期督办 is still open: a pass reads its 不予受理 end, the case still open
      const shown = await start(ESCALATED, '2026-11-26T09:00:00+08:00');
      await complete(shown, 'firstReview', '2026-11-26T10:00:00+08:00');
      // and one whose 不予受理 end the cluster shows late, beyond the overlap
      const late = await start(ESCALATED, '2026-11-26T09:00:01+08:00');
      hidden.add(`${late}/endNotAccepted`);
      await complete(late, 'firstReview', '2026-11-26T10:00:01+08:00');
      await feeder.syncOnce();
      expect(store.getCase(shown)?.state).toBe('ACTIVE');

      // when the supervisors finish (督办完毕 after the main path's end) and the next pass reads it
      await complete(shown, 'escalate', '2026-11-26T12:00:00+08:00');
      await complete(late, 'escalate', '2026-11-26T12:00:01+08:00');
      await feeder.syncOnce();

      // then the first stays 不予受理; the other has only its side path's end for now
      expect(store.getCase(shown)?.outcome).toBe('notAccepted');
      expect(store.endEventOf(late)).toMatchObject({ elementId: 'endEscalated', side: true });

      // when its 不予受理 end shows, and a case ending later moves the stream past it by more than the overlap
      hidden.delete(`${late}/endNotAccepted`);
      const later = await decided('2026-11-26T13:00:00+08:00', 'approved');
      await feeder.syncOnce();

      // then it was asked for by its own key, once, and has the main path's outcome; the first never was
      const byKey = (key: string) => searches.filter((search) => search.path === 'element-instances' && search.body.filter?.processInstanceKey === key);
      expect([store.getCase(late)?.outcome, store.getCase(later)?.outcome]).toEqual(['notAccepted', 'granted']);
      expect([byKey(late).length, byKey(shown).length]).toEqual([1, 0]);
      await feeder.syncOnce();
      expect(byKey(late)).toHaveLength(1);
      // and both count as 不予受理 on their day, not as 办结 too
      const day = store.getCase(late)!.endDay!;
      const buckets = store.endedBetween(day, day).filter((bucket) => bucket.processId === ESCALATED);
      expect(buckets.map((bucket) => [bucket.state, bucket.n])).toEqual([['NOT_ACCEPTED', 2]]);
    } finally {
      await feeder.stop();
      store.close();
    }
  });

  it('should give a case ended at a terminate end event its outcome, with its escalation cut short', async () => {
    // given a case refused at intake at a terminate end event while its 超期督办 is open
    await engine.client.pinInternalClock(Date.parse('2026-11-27T09:00:00+08:00'));
    const { processInstanceKey: key } = await engine.client.createProcessInstance({ processDefinitionId: TERMINATING, variables: {} });
    await complete(key, 'firstReview', '2026-11-27T10:00:00+08:00');
    const store = new MonitorStore(join(dataDir, 'terminate.sqlite'));
    const feeder = feederOn(store, recording().reader);
    try {
      // when a pass reads it
      await feeder.syncOnce();

      // then the case is completed, 不予受理, at its terminate end event
      expect(store.getCase(key)).toMatchObject({ state: 'COMPLETED', outcome: 'notAccepted' });
      expect(store.endEventOf(key)).toMatchObject({ elementId: 'endNotAccepted', side: false });
    } finally {
      await feeder.stop();
      store.close();
    }
  });

  it('should read every end event of cases ended at one instant across a page boundary, over passes', async () => {
    // given five cases decided at the same instant (their end events share one endDate)
    const expected = new Map<string, string>();
    for (let i = 0; i < 5; i += 1) {
      const decision = i % 2 === 0 ? 'rejected' : 'approved';
      expected.set(await decided('2026-11-28T09:00:00+08:00', decision), decision === 'rejected' ? 'notAccepted' : 'granted');
    }
    const store = new MonitorStore(join(dataDir, 'ties.sqlite'));
    // (every stream read from that day on: the other tests' rows would take many passes of one small page)
    for (const stream of ['instancesStarted', 'instancesEnded', 'tasksCreated', 'tasksCompleted', 'endEvents']) {
      store.setMeta(`watermark.${stream}`, '2026-11-28T00:00:00.000Z');
    }
    const { reader, searches } = recording();
    // pages of 2, one page a pass: the five are split over pages and passes
    const feeder = testFeeder(store, reader, { now: () => NOW, overlapMs: OVERLAP_MS, pageSize: 2, pagesPerPass: 1 });
    try {
      // when it passes until it has caught up
      for (let pass = 0; pass < 40 && !feeder.status().caughtUp; pass += 1) await feeder.syncOnce();

      // then each has its own outcome, none from a search by its key (the stream went on past the tie by its cursor)
      expect(feeder.status().caughtUp).toBe(true);
      expect(new Map([...expected.keys()].map((key) => [key, store.getCase(key)?.outcome]))).toEqual(expected);
      for (const key of expected.keys()) {
        expect(searches.filter((search) => search.body.filter?.processInstanceKey === key)).toEqual([]);
      }
      // read in pages of two, over at least three passes
      expect(searches.filter((search) => search.path === 'element-instances' && search.body.filter?.endDate).length).toBeGreaterThanOrEqual(3);
    } finally {
      await feeder.stop();
      store.close();
    }
  });

  it('should take the first end event read as the oldest the cluster shows only when it was old already', async () => {
    // given a case that ended without an end event before every end event, and the oldest end event the cluster shows
    const early = await endedWithoutEndEvent('2026-09-01T09:00:00+08:00');
    await decided('2026-11-29T09:00:00+08:00', 'approved'); // (at least one end event, also when this test runs alone)
    const [oldest] = (await cluster.search<{ endDate: string }>('element-instances', {
      filter: { type: 'END_EVENT', state: 'COMPLETED' }, sort: [{ field: 'endDate', order: 'ASC' }], page: { limit: 1 },
    })).items;
    const oldestAt = Date.parse(oldest!.endDate);

    // when a new model reads the stream from the beginning five minutes after that end event (an exporter may still
    // show older ones)
    const fresh = new MonitorStore(join(dataDir, 'earliest-fresh.sqlite'));
    const { reader, searches } = recording();
    const feeder = feederOn(fresh, reader, undefined, () => oldestAt + 5 * 60_000);
    try {
      await feeder.syncOnce();

      // then it is not taken as the oldest, and the case before it is looked up by its key instead of marked unseen
      expect(fresh.meta('endEvents.earliest')).toBeUndefined();
      expect(searches.filter((search) => search.body.filter?.processInstanceKey === early)).toHaveLength(1);
      expect(fresh.getCase(early)?.outcome).toBe('');
    } finally {
      await feeder.stop();
      fresh.close();
    }

    // when a new model reads it a day later
    const later = new MonitorStore(join(dataDir, 'earliest-later.sqlite'));
    const second = recording();
    const dayAfter = oldestAt + 86_400_000;
    const feederLater = feederOn(later, second.reader, undefined, () => dayAfter);
    try {
      await feederLater.syncOnce();

      // then it is, with when it was read, and the case before it is marked without a search
      expect([later.meta('endEvents.earliest'), later.meta('endEvents.earliestReadAt')])
        .toEqual([new Date(oldestAt).toISOString(), new Date(dayAfter).toISOString()]);
      expect(second.searches.filter((search) => search.body.filter?.processInstanceKey === early)).toEqual([]);
      expect(later.getCase(early)?.outcome).toBe('');
    } finally {
      await feederLater.stop();
      later.close();
    }
  });
});
