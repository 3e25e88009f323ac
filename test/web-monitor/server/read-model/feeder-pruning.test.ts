/**
 * The read model's kept end events (`case_end_events`) pruned once no case needs them: fed from a real embedded
 * engine through /v2 into a real SQLite file, with cases that call a process of their own (whose end events are no
 * case's) and one refused at intake whose 超期督办 is still open (its end event needed when it completes); one such
 * case the cluster shows late (its end event pruned as no case's, its outcome then looked up by its key); and a
 * pruning that fails pass after pass in a real file (the outcomes read on, the failure logged once, then its change
 * and its recovery).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonitorStore } from '../../../../web-monitor/server/read-model/monitor-store.js';
import { sdkClusterReader, type ClusterReader } from '../../../../web-monitor/server/read-model/read-model-feeder.js';
import { bpmnProcess, flow } from '../../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../../support/engine-fixture.js';
import { testFeeder } from '../../../support/read-model-feeder.js';
import { serviceAccount } from '../../../support/web-apps-on-engine.js';

const CASE = 'pruning-case';
const CALLED = 'pruning-called';
const ESCALATED = 'pruning-escalated';
/** The feeder's clock: after every case this test makes, whatever day it runs. */
const NOW = Date.parse('2026-12-01T00:00:00Z');

let engine: EngineFixture;
let dataDir: string;
let cluster: ClusterReader;

/** A case that first calls {@link CALLED} (a process of its own, ending at 子流程完毕), then 初审 decides. */
const caseModel = bpmnProcess(
  CASE,
  `<bpmn:startEvent id="start"/>
   <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="${CALLED}" propagateAllChildVariables="false"/></bpmn:extensionElements></bpmn:callActivity>
   <bpmn:userTask id="firstReview" name="初审"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:exclusiveGateway id="decided" default="fApproved"/>
   <bpmn:endEvent id="endNotAccepted" name="不予受理"/><bpmn:endEvent id="endRegistered" name="办结"/>
   ${flow('f1', 'start', 'call')}${flow('f2', 'call', 'firstReview')}${flow('f3', 'firstReview', 'decided')}
   ${flow('fRejected', 'decided', 'endNotAccepted', '=decision = "rejected"')}${flow('fApproved', 'decided', 'endRegistered')}`,
  '剪除测试',
);
const calledModel = bpmnProcess(CALLED, `<bpmn:startEvent id="start"/><bpmn:endEvent id="end" name="子流程完毕"/>${flow('f1', 'start', 'end')}`);
/** 初审 refuses at intake while 超期督办 runs beside it (the case completes when the supervisor finishes). */
const escalatedModel = bpmnProcess(
  ESCALATED,
  `<bpmn:startEvent id="start"/><bpmn:parallelGateway id="fork"/>
   <bpmn:userTask id="firstReview" name="初审"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:userTask id="escalate" name="超期督办"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:endEvent id="endNotAccepted" name="不予受理"/><bpmn:endEvent id="endEscalated" name="督办完毕"/>
   ${flow('f1', 'start', 'fork')}${flow('f2', 'fork', 'firstReview')}${flow('f3', 'fork', 'escalate')}
   ${flow('f4', 'firstReview', 'endNotAccepted')}${flow('f5', 'escalate', 'endEscalated')}`,
);

async function completeTask(processInstanceKey: string, elementId: string, at: string, variables: Record<string, unknown> = {}): Promise<void> {
  await engine.client.pinInternalClock(Date.parse(at));
  const tasks = (await engine.client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } })).items;
  await engine.client.completeUserTask({ userTaskKey: tasks.find((task) => task.elementId === elementId)!.userTaskKey, variables });
}

async function start(processId: string, at: string): Promise<string> {
  await engine.client.pinInternalClock(Date.parse(at));
  return (await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} })).processInstanceKey;
}

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    { name: 'pruning-case.bpmn', content: caseModel },
    { name: 'pruning-called.bpmn', content: calledModel },
    { name: 'pruning-escalated.bpmn', content: escalatedModel },
  ]);
  const account = await serviceAccount(engine, { username: 'monitor-pruning', role: 'monitor-reader', name: '监控读取' });
  cluster = sdkClusterReader(account.camunda);
  dataDir = mkdtempSync(join(tmpdir(), 'monitor-pruning-'));
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the end events the monitor read model keeps', () => {
  it('should prune those no case needs any more, a bounded batch a pass, leaving every outcome and count as it was', async () => {
    // given a case refused at intake whose 超期督办 is still open, then four cases decided a day apart, each having
    // called a process of its own (an end event of no case) an hour before its own end
    const escalated = await start(ESCALATED, '2026-11-02T09:00:00+08:00');
    await completeTask(escalated, 'firstReview', '2026-11-02T10:00:00+08:00');
    const decided: string[] = [];
    for (let day = 3; day <= 6; day += 1) {
      const key = await start(CASE, `2026-11-0${day}T09:00:00+08:00`);
      await completeTask(key, 'firstReview', `2026-11-0${day}T10:00:00+08:00`, { decision: day % 2 === 0 ? 'approved' : 'rejected' });
      decided.push(key);
    }
    const called = new Map<string, string>();
    for (const key of decided) {
      const [child] = (await engine.client.searchProcessInstances({ filter: { parentProcessInstanceKey: key } })).items;
      called.set(key, child!.processInstanceKey);
    }
    const file = join(dataDir, 'pruned.sqlite');
    const store = new MonitorStore(file);
    const feeder = testFeeder(store, cluster, { now: () => NOW, endEventsPrunedPerPass: 3 });
    const extra: string[] = [];
    // (every process instance of this engine: this test makes them all)
    const known = () => [escalated, ...decided, ...called.values(), ...extra];
    /** The process instances whose end events the file keeps. */
    const keptKeys = () => known().filter((key) => store.endEventOf(key) !== undefined);
    const outcomes = () => [escalated, ...decided].map((key) => [store.getCase(key)?.state, store.getCase(key)?.outcome]);
    const counts = () => store.endedBetween('2026-11-01', '2026-11-30').filter((bucket) => bucket.processId === CASE);
    try {
      // when a pass reads the nine end events (one of the open case, two of each decided case) and prunes
      await feeder.syncOnce();
      const before = { outcomes: outcomes(), counts: counts() };
      expect(before.outcomes).toEqual([
        ['ACTIVE', null], ['COMPLETED', 'notAccepted'], ['COMPLETED', 'granted'], ['COMPLETED', 'notAccepted'], ['COMPLETED', 'granted'],
      ]);

      // then it looked at no more than three of them: two deleted (the first case's), the open case's kept
      const afterFirst = keptKeys();
      expect(afterFirst).toHaveLength(7);
      expect(afterFirst).toContain(escalated);
      expect(afterFirst).not.toContain(decided[0]);

      // when the next passes go on from there
      await feeder.syncOnce();
      await feeder.syncOnce();
      await feeder.syncOnce();

      // then the file keeps only what the stream still needs: the open case's end event (its case takes that
      // outcome when it completes), and the last case's and its called process's (within the overlap of the
      // end-event stream and of the started cases' stream)
      expect(new Set(keptKeys())).toEqual(new Set([escalated, decided[3], called.get(decided[3]!)]));
      // and every outcome and every count of the period is as it was
      expect({ outcomes: outcomes(), counts: counts() }).toEqual(before);

      // when the supervisor finishes the open case after all, and a later case moves the streams on
      await completeTask(escalated, 'escalate', '2026-11-07T12:00:00+08:00');
      const later = await start(CASE, '2026-11-08T09:00:00+08:00');
      const [laterChild] = (await engine.client.searchProcessInstances({ filter: { parentProcessInstanceKey: later } })).items;
      extra.push(later, laterChild!.processInstanceKey);
      await completeTask(later, 'firstReview', '2026-11-08T10:00:00+08:00', { decision: 'approved' });
      for (let pass = 0; pass < 4; pass += 1) await feeder.syncOnce();

      // then it took the outcome of its kept main-path end (not 督办完毕's), and that end event is pruned now
      expect(store.getCase(escalated)).toMatchObject({ state: 'COMPLETED', outcome: 'notAccepted' });
      expect(keptKeys()).not.toContain(escalated);
      expect(keptKeys()).toContain(later);

      // when the end events are read again from the beginning (as after a rebuild of their stream)
      const settled = outcomes();
      store.setMeta('watermark.endEvents', '1970-01-01T00:00:00.000Z');
      for (let pass = 0; pass < 4; pass += 1) await feeder.syncOnce();

      // then every case keeps the outcome it had
      expect(outcomes()).toEqual(settled);
      expect(store.getCase(later)?.outcome).toBe('granted');
    } finally {
      await feeder.stop();
      store.close();
    }
  });

  it('should give a case the cluster showed late, whose end event was pruned as no case\'s, its outcome from a lookup by its key', async () => {
    // given a case refused at intake whose 超期督办 is still open, which the cluster shows late: no search of
    // process instances answers it yet (the started cases' stream passes it), while its end event shows
    const late = await start(ESCALATED, '2026-11-20T09:00:00+08:00');
    await completeTask(late, 'firstReview', '2026-11-20T10:00:00+08:00');
    const mover = await start(CASE, '2026-11-21T09:00:00+08:00');
    await completeTask(mover, 'firstReview', '2026-11-21T10:00:00+08:00', { decision: 'approved' });
    let hidden = true;
    const lateReader: ClusterReader = {
      search: async <T>(path: Parameters<ClusterReader['search']>[0], body: object) => {
        const page = await cluster.search<T>(path, body);
        if (path !== 'process-instances' || !hidden) return page;
        return { ...page, items: page.items.filter((row) => (row as { processInstanceKey?: string }).processInstanceKey !== late) };
      },
    };
    const store = new MonitorStore(join(dataDir, 'shown-late.sqlite'));
    const feeder = testFeeder(store, lateReader, { now: () => NOW });
    try {
      // when a pass reads its end event and prunes: a process instance with no case, past both streams (a called
      // process's, as far as the model can tell)
      await feeder.syncOnce();
      expect(store.getCase(late)).toBeUndefined();
      expect(store.endEventOf(late)).toBeUndefined();

      // when the cluster shows the case after all, the supervisor finishes it (its last end event a side path's,
      // 督办完毕), and a later case moves the end-event stream past it
      hidden = false;
      await completeTask(late, 'escalate', '2026-11-22T12:00:00+08:00');
      const later = await start(CASE, '2026-11-23T09:00:00+08:00');
      await completeTask(later, 'firstReview', '2026-11-23T10:00:00+08:00', { decision: 'approved' });
      await feeder.syncOnce();

      // then the case is read completed and, its main-path end looked up by its key, takes that outcome (督办完毕,
      // the only end event the stream read of it since, would say granted)
      expect(store.getCase(late)).toMatchObject({ state: 'COMPLETED', outcome: 'notAccepted' });
      // and, its case ended and with its outcome, its end event is pruned again in the same pass
      expect(store.endEventOf(late)).toBeUndefined();
    } finally {
      await feeder.stop();
      store.close();
    }
  });

  it('should read the outcomes on while the pruning fails, logging the first failure, a change of it and the recovery only', async () => {
    // given two decided cases a day apart (the first one's end events, its case's and its called process's, to prune)
    const first = await start(CASE, '2026-11-25T09:00:00+08:00');
    await completeTask(first, 'firstReview', '2026-11-25T10:00:00+08:00', { decision: 'approved' });
    const second = await start(CASE, '2026-11-26T09:00:00+08:00');
    await completeTask(second, 'firstReview', '2026-11-26T10:00:00+08:00', { decision: 'approved' });
    // and a file whose end events cannot be deleted: a trigger fails the pruning's DELETE as a full disk would
    const file = join(dataDir, 'prune-fails.sqlite');
    const store = new MonitorStore(file);
    const other = new Database(file);
    const failWith = (message: string) =>
      other.exec(`DROP TRIGGER IF EXISTS prune_fails;
        CREATE TRIGGER prune_fails BEFORE DELETE ON case_end_events BEGIN SELECT RAISE(ABORT, '${message}'); END`);
    failWith('database or disk is full');
    const lines: string[] = [];
    const feeder = testFeeder(store, cluster, { now: () => NOW, log: (line) => lines.push(line) });
    try {
      // when three passes prune and fail alike
      for (let pass = 0; pass < 3; pass += 1) await feeder.syncOnce();

      // then the failure is logged once, and the outcomes are read
      expect(lines).toEqual(['[monitor] end events not pruned: database or disk is full']);
      expect(store.endEventOf(first)).toBeDefined();
      expect(store.getCase(second)).toMatchObject({ state: 'COMPLETED', outcome: 'granted' });

      // when it fails another way, a case decided meanwhile (the pass runs at the same moment: no backoff has begun)
      failWith('database is locked');
      const third = await start(CASE, '2026-11-27T09:00:00+08:00');
      await completeTask(third, 'firstReview', '2026-11-27T10:00:00+08:00', { decision: 'approved' });
      await feeder.syncOnce();
      await feeder.syncOnce();

      // then the new error is logged once, and that case's outcome is read
      expect(lines).toEqual(['[monitor] end events not pruned: database or disk is full', '[monitor] end events not pruned: database is locked']);
      expect(store.getCase(third)).toMatchObject({ state: 'COMPLETED', outcome: 'granted' });

      // when the file takes deletes again
      other.exec('DROP TRIGGER prune_fails');
      await feeder.syncOnce();
      await feeder.syncOnce();

      // then the recovery is logged once, after the five passes whose pruning failed (they worked), and the end events are pruned
      expect(lines.slice(2)).toEqual(['[monitor] end events pruned again (恢复) after 5 passes with failed pruning']);
      expect(store.endEventOf(first)).toBeUndefined();
    } finally {
      other.close();
      await feeder.stop();
      store.close();
    }
  });

  it('should look at one end event a pass at least, whatever it is told', async () => {
    // given end events to prune, and a feeder told to look at none a pass
    const key = await start(CASE, '2026-11-27T09:00:00+08:00');
    await completeTask(key, 'firstReview', '2026-11-27T10:00:00+08:00', { decision: 'approved' });
    const limits: number[] = [];
    const store = new (class extends MonitorStore {
      override pruneEndEvents(...args: Parameters<MonitorStore['pruneEndEvents']>) {
        limits.push(args[2]);
        return super.pruneEndEvents(...args);
      }
    })(join(dataDir, 'prune-none.sqlite'));
    const feeder = testFeeder(store, cluster, { now: () => NOW, endEventsPrunedPerPass: 0 });
    try {
      // when a pass prunes
      await feeder.syncOnce();

      // then it looked at one
      expect(limits).toEqual([1]);
    } finally {
      await feeder.stop();
      store.close();
    }
  });
});
