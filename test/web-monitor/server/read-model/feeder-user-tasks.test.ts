/**
 * How the monitor's read model follows user tasks, fed from a real embedded engine through /v2 (the SDK, as the
 * monitor's read-only service account), with the searches Camunda 8.8 takes: its user-task filter takes
 * `processInstanceKey` and `userTaskKey` as plain keys only, so the feeder never asks for the tasks of a list of
 * cases. A reader between the feeder and the engine records every search, and can keep a task out of the date
 * streams, as a cluster's exporter may show its completion later than the overlap.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonitorStore } from '../../../../web-monitor/server/read-model/monitor-store.js';
import { sdkClusterReader, type ClusterReader, type SearchPage, type SearchPath } from '../../../../web-monitor/server/read-model/read-model-feeder.js';
import { bpmnProcess, flow, message } from '../../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../../support/engine-fixture.js';
import { serviceAccount } from '../../../support/web-apps-on-engine.js';
import { testFeeder } from '../../../support/read-model-feeder.js';

const PROCESS_ID = 'two-steps';

let engine: EngineFixture;
let dataDir: string;
let cluster: ClusterReader;

/** 初审 then 复审, both for window-first-review. */
const model = bpmnProcess(
  PROCESS_ID,
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="first" name="初审"><bpmn:extensionElements><zeebe:userTask/>
     <zeebe:assignmentDefinition candidateGroups="window-first-review"/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:userTask id="second" name="复审"><bpmn:extensionElements><zeebe:userTask/>
     <zeebe:assignmentDefinition candidateGroups="window-first-review"/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:endEvent id="end" name="办结"/>
   ${flow('f1', 'start', 'first')}${flow('f2', 'first', 'second')}${flow('f3', 'second', 'end')}`,
  '两步事项',
);

const RECOMPUTE_ID = 'recompute-step';

/** 审核 with an interrupting message boundary that starts it again, as 办理时限重新计算 does on the office's processes. */
const recomputeModel = bpmnProcess(
  RECOMPUTE_ID,
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="review" name="审核"><bpmn:extensionElements><zeebe:userTask/>
     <zeebe:assignmentDefinition candidateGroups="window-first-review"/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:boundaryEvent id="recompute" attachedToRef="review"><bpmn:messageEventDefinition messageRef="m"/></bpmn:boundaryEvent>
   <bpmn:endEvent id="end" name="办结"/>
   ${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}${flow('f3', 'recompute', 'review')}`,
  '重算事项',
  message('m', '办理时限重新计算', '=caseId'),
);

interface Search {
  path: SearchPath;
  body: { filter?: Record<string, unknown>; sort?: { field: string; order: string }[]; page?: { limit?: number; after?: string } };
}

/** The engine's /v2 as the feeder sees it: every search recorded; the `late` tasks left out of the date streams. */
function recording() {
  const searches: Search[] = [];
  const late = new Set<string>();
  const reader: ClusterReader = {
    async search<T>(path: SearchPath, body: object): Promise<SearchPage<T>> {
      const page = await cluster.search<T>(path, body);
      searches.push({ path, body: body as Search['body'] });
      const filter = (body as Search['body']).filter ?? {};
      // the date streams re-read the overlap, where the row would show its completion
      const dateStream = path === 'user-tasks' && ('completionDate' in filter || 'creationDate' in filter);
      const items = dateStream ? page.items.filter((item) => !late.has((item as { userTaskKey: string }).userTaskKey)) : page.items;
      return { ...page, items };
    },
  };
  return { reader, searches, late };
}

function feederOn(store: MonitorStore, reader: ClusterReader, sweepBatch: number) {
  return testFeeder(store, reader, { sweepBatch });
}

async function openTaskOf(processInstanceKey: string) {
  const [task] = (await engine.client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } })).items;
  return task!;
}

/** Every user-task search has one of the shapes Camunda 8.8's user-task filter takes: no `$in`, no case keys. */
function expectOnlyUserTaskSearches88Takes(searches: Search[]) {
  const userTaskSearches = searches.filter((search) => search.path === 'user-tasks');
  expect(userTaskSearches.length).toBeGreaterThan(0);
  for (const { body } of userTaskSearches) {
    expect(JSON.stringify(body)).not.toContain('$in');
    expect(body.filter).not.toHaveProperty('processInstanceKey');
    expect([
      { creationDate: { $gte: expect.any(String) } },
      { completionDate: { $gte: expect.any(String) } },
      { state: 'CREATED' },
      { userTaskKey: expect.stringMatching(/^\d+$/) },
    ]).toContainEqual(body.filter);
  }
}

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [{ name: 'two-steps.bpmn', content: model }, { name: 'recompute-step.bpmn', content: recomputeModel }]);
  const account = await serviceAccount(engine, { username: 'monitor-user-tasks', role: 'monitor-reader', name: '监控读取' });
  cluster = sdkClusterReader(account.camunda);
  dataDir = mkdtempSync(join(tmpdir(), 'monitor-user-tasks-'));
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the user tasks of the monitor read model', () => {
  it('should show a claim once the sweep of open tasks, in batches by state, passes the task, never asking by case keys', async () => {
    // given five open cases, read by a feeder sweeping open tasks two at a time
    const cases: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      cases.push((await engine.client.createProcessInstance({ processDefinitionId: PROCESS_ID, variables: { personName: `申请人${i}` } })).processInstanceKey);
    }
    const store = new MonitorStore(join(dataDir, 'claim.sqlite'));
    const { reader, searches } = recording();
    const feeder = feederOn(store, reader, 2);
    try {
      await feeder.syncOnce();
      expect(cases.map((key) => store.openTasksOf(key).length)).toEqual([1, 1, 1, 1, 1]);

      // when the last case's task is claimed
      const task = await openTaskOf(cases[4]!);
      await engine.clientAs('li-jing').assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'li-jing', allowOverride: false });
      let passes = 0;
      while (store.getTask(task.userTaskKey)?.assignee !== 'li-jing' && passes < 5) {
        await feeder.syncOnce();
        passes += 1;
      }

      // then it shows within a lap of the sweep (at most three batches of two)
      expect(store.getTask(task.userTaskKey)?.assignee).toBe('li-jing');
      expect(passes).toBeLessThanOrEqual(3);
      const sweeps = searches.filter((search) => search.path === 'user-tasks' && search.body.filter?.state === 'CREATED');
      for (const { body } of sweeps) {
        expect(body.sort).toEqual([{ field: 'creationDate', order: 'ASC' }]);
        expect(body.page?.limit).toBe(2);
      }
      expect(sweeps.some((search) => search.body.page?.after)).toBe(true);
      expectOnlyUserTaskSearches88Takes(searches);
    } finally {
      await feeder.stop();
      store.close();
    }
  });

  it('should find a completion the completion stream never showed by the task key when a lap ends, for an open case and an ended one', async () => {
    // given a case started a month ago (a task created while a lap runs is left to the next lap), whose 初审 is
    // completed but shown late, beyond the overlap
    await engine.client.pinInternalClock(Date.now() - 30 * 86_400_000);
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: PROCESS_ID, variables: { personName: '迟到' } });
    const store = new MonitorStore(join(dataDir, 'late.sqlite'));
    const { reader, searches, late } = recording();
    const feeder = feederOn(store, reader, 500);
    try {
      await feeder.syncOnce();
      const first = await openTaskOf(processInstanceKey);
      late.add(first.userTaskKey);
      await engine.clientAs('li-jing').completeUserTask({ userTaskKey: first.userTaskKey, variables: {} });

      // when a pass reads the open tasks without it
      await feeder.syncOnce();

      // then it is looked up by its own key and taken in as completed, with 复审 open
      expect(store.getTask(first.userTaskKey)).toMatchObject({ state: 'COMPLETED', assignee: 'li-jing' });
      expect(store.openTasksOf(processInstanceKey).map((task) => task.elementId)).toEqual(['second']);
      expect(searches.filter((search) => search.body.filter?.userTaskKey === first.userTaskKey)).toHaveLength(1);

      // when 复审 completes too, also late: the case ends (its open task closed with it)
      const second = await openTaskOf(processInstanceKey);
      late.add(second.userTaskKey);
      await engine.clientAs('li-jing').completeUserTask({ userTaskKey: second.userTaskKey, variables: {} });
      await feeder.syncOnce();

      // then the task closed by the case's end is looked up too, and counts as completed, not cancelled
      expect(store.getCase(processInstanceKey)?.state).toBe('COMPLETED');
      expect(store.getTask(second.userTaskKey)).toMatchObject({ state: 'COMPLETED', assignee: 'li-jing' });
      expect(searches.filter((search) => search.body.filter?.userTaskKey === second.userTaskKey)).toHaveLength(1);
      expectOnlyUserTaskSearches88Takes(searches);
    } finally {
      await feeder.stop();
      store.close();
    }
  });

  it('should close a task cancelled by an interrupting boundary event in the next pass, from the completion stream, without a lookup', async () => {
    // given an open case started a month ago (beyond the overlap the creation stream re-reads, which would show the
    // task's state too), whose 审核 the read model holds open
    await engine.client.pinInternalClock(Date.now() - 30 * 86_400_000);
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: RECOMPUTE_ID, variables: { caseId: 'R-1' } });
    await engine.client.resetClock();
    // a case started now takes the creation stream's watermark past it
    await engine.client.createProcessInstance({ processDefinitionId: PROCESS_ID, variables: { personName: '今天' } });
    const store = new MonitorStore(join(dataDir, 'cancelled.sqlite'));
    const { reader, searches } = recording();
    const feeder = feederOn(store, reader, 500);
    try {
      await feeder.syncOnce();
      const before = await openTaskOf(processInstanceKey);
      expect(store.openTasksOf(processInstanceKey).map((task) => task.userTaskKey)).toEqual([before.userTaskKey]);

      // when 办理时限重新计算 interrupts it (the task cancelled, a new 审核 created)
      await engine.client.publishMessage({ name: '办理时限重新计算', correlationKey: 'R-1', variables: {} } as never);
      const after = await openTaskOf(processInstanceKey);
      expect(after.userTaskKey).not.toBe(before.userTaskKey);
      await feeder.syncOnce();

      // then the cancelled task is closed at once, as cancelled, and only the new one is open
      expect(store.getTask(before.userTaskKey)).toMatchObject({ state: 'CANCELED', completionDate: null });
      expect(store.openTasksOf(processInstanceKey).map((task) => task.userTaskKey)).toEqual([after.userTaskKey]);
      expect(searches.filter((search) => search.body.filter?.userTaskKey === before.userTaskKey)).toHaveLength(0);
      expectOnlyUserTaskSearches88Takes(searches);
    } finally {
      await feeder.stop();
      store.close();
    }
  });

  it('should go on with the pass when one lookup by key fails, and look the task up again in the next pass', async () => {
    // given a case started a month ago whose 初审 is completed but shown late, and a cluster refusing the first lookup
    await engine.client.pinInternalClock(Date.now() - 30 * 86_400_000);
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: PROCESS_ID, variables: { personName: '查找失败' } });
    await engine.client.resetClock();
    const store = new MonitorStore(join(dataDir, 'lookup-failed.sqlite'));
    const { reader, late } = recording();
    let refusals = 0;
    const failing: ClusterReader = {
      async search<T>(path: SearchPath, body: object): Promise<SearchPage<T>> {
        if (path === 'user-tasks' && 'userTaskKey' in ((body as Search['body']).filter ?? {}) && refusals === 0) {
          refusals += 1;
          throw new Error('500 Internal Server Error');
        }
        return reader.search<T>(path, body);
      },
    };
    const lines: string[] = [];
    const feeder = testFeeder(store, failing, { log: (line) => lines.push(line) });
    try {
      await feeder.syncOnce();
      const first = await openTaskOf(processInstanceKey);
      late.add(first.userTaskKey);
      await engine.clientAs('li-jing').completeUserTask({ userTaskKey: first.userTaskKey, variables: {} });

      // when the lookup fails
      await feeder.syncOnce();

      // then the pass still succeeds, logs the failure, and the task stays open for now
      expect(refusals).toBe(1);
      expect(feeder.status().lastError).toBeUndefined();
      expect(lines).toEqual(['[monitor] user tasks not looked up by key: 500 Internal Server Error']);
      expect(store.getTask(first.userTaskKey)?.state).toBe('CREATED');

      // when the next pass runs, it is looked up again and taken in as completed, and the log says the lookups work again
      await feeder.syncOnce();
      expect(store.getTask(first.userTaskKey)).toMatchObject({ state: 'COMPLETED', assignee: 'li-jing' });
      expect(lines.slice(1)).toEqual(['[monitor] user tasks looked up by key again (恢复) after 1 pass with failed lookups']);
    } finally {
      await feeder.stop();
      store.close();
    }
  });

  it('should keep creation dates as toISOString writes them, and write no task the sweep shows unchanged', async () => {
    // given a cluster answering dates with an offset (+08:00), and an open case
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: PROCESS_ID, variables: { personName: '偏移' } });
    const store = new MonitorStore(join(dataDir, 'unchanged.sqlite'));
    const { reader } = recording();
    const withOffset: ClusterReader = {
      async search<T>(path: SearchPath, body: object): Promise<SearchPage<T>> {
        const page = await reader.search<T>(path, body);
        if (path !== 'user-tasks') return page;
        const shifted = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
        return { ...page, items: page.items.map((item) => ({ ...item, creationDate: shifted((item as { creationDate: string }).creationDate) })) };
      },
    };
    const feeder = feederOn(store, withOffset, 500);
    const written: string[] = [];
    const putTask = store.putTask.bind(store);
    store.putTask = (record) => {
      written.push(record.userTaskKey);
      putTask(record);
    };
    try {
      await feeder.syncOnce();
      const task = await openTaskOf(processInstanceKey);
      expect(store.getTask(task.userTaskKey)?.creationDate).toBe(new Date(Date.parse(task.creationDate)).toISOString());

      // when a pass reads it again, unchanged
      written.length = 0;
      await feeder.syncOnce();

      // then nothing is written
      expect(written).toEqual([]);

      // when it is claimed, the next pass writes it
      await engine.clientAs('li-jing').assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'li-jing', allowOverride: false });
      await feeder.syncOnce();
      expect(written).toContain(task.userTaskKey);
      expect(store.getTask(task.userTaskKey)?.assignee).toBe('li-jing');
    } finally {
      await feeder.stop();
      store.close();
    }
  });

  it('should look up a task closed by its case\'s end after a restart when the lookup before it failed', async () => {
    // given a one-step-left case whose 复审 is completed but shown late, ending the case, and a cluster refusing lookups
    await engine.client.pinInternalClock(Date.now() - 30 * 86_400_000);
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: PROCESS_ID, variables: { personName: '重启' } });
    await engine.clientAs('li-jing').completeUserTask({ userTaskKey: (await openTaskOf(processInstanceKey)).userTaskKey, variables: {} });
    await engine.client.resetClock();
    const file = join(dataDir, 'restart.sqlite');
    let store = new MonitorStore(file);
    const { reader, late } = recording();
    const refusing: ClusterReader = {
      async search<T>(path: SearchPath, body: object): Promise<SearchPage<T>> {
        if (path === 'user-tasks' && 'userTaskKey' in ((body as Search['body']).filter ?? {})) throw new Error('503 Service Unavailable');
        return reader.search<T>(path, body);
      },
    };
    let feeder = feederOn(store, refusing, 500);
    await feeder.syncOnce();
    const second = await openTaskOf(processInstanceKey);
    late.add(second.userTaskKey);
    await engine.clientAs('li-jing').completeUserTask({ userTaskKey: second.userTaskKey, variables: {} });
    await feeder.syncOnce();
    expect(store.getCase(processInstanceKey)?.state).toBe('COMPLETED');
    expect(store.getTask(second.userTaskKey)?.state).toBe('CANCELED');
    await feeder.stop();
    store.close();

    // when the monitor starts again, the cluster answering
    store = new MonitorStore(file);
    feeder = feederOn(store, reader, 500);
    try {
      await feeder.syncOnce();

      // then the task is looked up and counts as completed
      expect(store.getTask(second.userTaskKey)).toMatchObject({ state: 'COMPLETED', assignee: 'li-jing' });
    } finally {
      await feeder.stop();
      store.close();
    }
  });

  it('should begin the open-task lap again when the cluster refuses its cursor (400)', async () => {
    // given three open cases swept one at a time, and a cluster refusing the first search with a cursor
    for (let i = 0; i < 3; i += 1) await engine.client.createProcessInstance({ processDefinitionId: PROCESS_ID, variables: { personName: `游标${i}` } });
    const store = new MonitorStore(join(dataDir, 'cursor.sqlite'));
    const { reader, searches } = recording();
    let refusals = 0;
    const refusing: ClusterReader = {
      async search<T>(path: SearchPath, body: object): Promise<SearchPage<T>> {
        const { filter, page } = body as Search['body'];
        if (path === 'user-tasks' && filter?.state === 'CREATED' && page?.after && refusals === 0) {
          refusals += 1;
          throw Object.assign(new Error('400 Bad Request'), { statusCode: 400 });
        }
        return reader.search<T>(path, body);
      },
    };
    const feeder = feederOn(store, refusing, 1);
    try {
      await feeder.syncOnce();
      await expect(feeder.syncOnce()).rejects.toThrow('400');
      expect(refusals).toBe(1);
      expect(feeder.status().lastError).toContain('400');

      // when the next pass sweeps
      searches.length = 0;
      await feeder.syncOnce();

      // then it asks without the refused cursor
      const sweep = searches.find((search) => search.path === 'user-tasks' && search.body.filter?.state === 'CREATED');
      expect(sweep?.body.page).toEqual({ limit: 1 });
      expect(feeder.status().lastError).toBeUndefined();
    } finally {
      await feeder.stop();
      store.close();
    }
  });
});
