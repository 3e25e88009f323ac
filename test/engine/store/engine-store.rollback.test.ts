/**
 * A failed command's rollback (EngineStore.rolledBack): a command that changed nothing (an unknown or finished job, an
 * unknown user task) keeps memory as it is, since its savepoint's rollback already left SQLite as it was; a command
 * that changed anything (held rows, events, a write statement) and then failed makes memory equal SQLite again by
 * rebuilding it from the file and the events after the projected position. That rebuild covers what memory alone
 * keeps for the command path: the tokens waiting at joins and the correlation keys of cases a message start event
 * started (one active case per key), also when the failed command forced a projection before it failed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../../engine/engine.js';
import type { CommandContext } from '../../../engine/processor/command-context.js';
import { completeJob } from '../../../engine/processor/job-commands.js';
import { publishMessage } from '../../../engine/processor/message-commands.js';
import { cancelProcessInstance, createProcessInstance } from '../../../engine/processor/process-instance-commands.js';
import type { EngineStore } from '../../../engine/store/engine-store.js';
import { openSqliteReadonly } from '../../../engine/store/sqlite-file.js';
import { bpmnProcess, flow, serviceTask, serviceTaskProcess } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { join } from 'node:path';

const HOUR = 3_600_000;
const TENANT = '<default>';
let engine: EngineFixture;

afterEach(async () => {
  await engine?.stop();
});

interface EngineInternals {
  store: EngineStore;
  context: CommandContext;
  command(run: () => unknown): Promise<unknown>;
}

/** An engine whose projector waits an hour, so every row of the test stays held in memory; one service task. */
async function start(): Promise<{ core: Engine; internals: EngineInternals }> {
  engine = await startEngine({ engine: { projectionDelay: HOUR } });
  await deploy(engine.client, [
    {
      name: 'rollback.bpmn',
      content: serviceTaskProcess('rollback-work', { processId: 'rollback', task: 'work' }),
    },
  ]);
  const core = engine.server.engine;
  return { core, internals: core as unknown as EngineInternals };
}

async function createCase(core: Engine, caseId: string): Promise<number> {
  return (await core.createProcessInstance({ processDefinitionId: 'rollback', variables: { caseId }, tenantId: TENANT })).key;
}

async function activate(core: Engine, max: number): Promise<number[]> {
  const jobs = await core.activateJobs({ type: 'rollback-work', worker: 'w', timeout: 60_000, maxJobsToActivate: max, tenantIds: [TENANT] }, 1);
  return jobs.map((job) => job.job.key);
}

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await engine.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function instanceStates(): Promise<Record<string, string>> {
  const json = await post('/v2/process-instances/search', { filter: { processDefinitionId: 'rollback' }, page: { limit: 100 } });
  return Object.fromEntries((json.items as { processInstanceKey: string; state: string }[]).map((i) => [i.processInstanceKey, i.state]));
}

function heldRows(store: EngineStore): number {
  return (store as unknown as { projectedTables: { held: number }[] }).projectedTables.reduce((sum, table) => sum + table.held, 0);
}

function rowsInFile(table: string, where = '1 = 1'): number {
  const db = openSqliteReadonly(join(engine.dataDir, 'engine.sqlite'));
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('the rollback of a failed command', () => {
  it('should keep the caches, held rows and indexes when the failed command changed nothing', async () => {
    // given: two cases with activated jobs, one job completed; all of it held in memory, none of it in the file
    const { core, internals } = await start();
    const store = internals.store;
    // the first poll of a type loads its open jobs from the table: done before the cases so nothing is written then
    expect(await activate(core, 1)).toEqual([]);
    const [first, second] = [await createCase(core, 'K-1'), await createCase(core, 'K-2')];
    const [done, open] = await activate(core, 2);
    await core.completeJob(done!, {});
    expect(rowsInFile('jobs')).toBe(0);
    const held = heldRows(store);
    const cachedJob = store.jobs.get(open!);
    const rollbacks = core.rollbacks();
    const forced = core.forcedProjections();
    const cleared = [vi.spyOn(store.jobs, 'invalidateCache'), vi.spyOn(store.indexes.jobs, 'clear'), vi.spyOn(store.indexes.activeChildren, 'clear')];

    // when: one batch of commands that fail before they change anything: a completed job, an unknown job, an unknown
    // user task, a job failed with an unknown key
    const failed = await Promise.allSettled([
      core.completeJob(done!, {}),
      core.completeJob(123_456_789, {}),
      core.completeUserTask(987_654_321, {}, 'demo'),
      core.failJob(123_456_789, { retries: 0, errorMessage: '接口不可用', retryBackOff: 0, variables: {} }),
    ]);

    // then: every rollback kept memory; nothing was dropped, replayed or written
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(core.rollbacks()).toEqual({ kept: rollbacks.kept + 4, rebuilt: rollbacks.rebuilt });
    for (const spy of cleared) expect(spy).not.toHaveBeenCalled();
    expect(store.jobs.get(open!)).toBe(cachedJob);
    expect(heldRows(store)).toBe(held);
    expect(core.forcedProjections()).toBe(forced);
    expect(rowsInFile('jobs')).toBe(0);
    // and the state goes on as before
    await core.completeJob(open!, {});
    expect(await instanceStates()).toEqual({ [String(first)]: 'COMPLETED', [String(second)]: 'COMPLETED' });
  });

  it('should rebuild memory as SQLite kept it when the failed command changed something first', async () => {
    // given: two cases with activated jobs, held in memory
    const { core, internals } = await start();
    const store = internals.store;
    const [first, second] = [await createCase(core, 'R-1'), await createCase(core, 'R-2')];
    const [job] = await activate(core, 1);
    const rollbacks = core.rollbacks();
    const clearedIndex = vi.spyOn(store.indexes.jobs, 'clear');

    // when: a command completes the job (its case ends, held updates and events) and then fails; another starts a
    // case and then fails
    const failed = await Promise.allSettled([
      internals.command(() => {
        completeJob(internals.context, job!, { result: 'lost' });
        throw new Error('failed after the completion');
      }),
      internals.command(() => {
        createProcessInstance(internals.context, { processDefinitionId: 'rollback', variables: { caseId: 'R-X' }, tenantId: TENANT });
        throw new Error('failed after the start');
      }),
    ]);

    // then: memory was rebuilt after each, and equals what SQLite kept: the job is still activated, no third case
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(core.rollbacks()).toEqual({ kept: rollbacks.kept, rebuilt: rollbacks.rebuilt + 2 });
    expect(clearedIndex).toHaveBeenCalled();
    expect(store.jobs.get(job!)?.state).toBe('ACTIVATED');
    expect(await instanceStates()).toEqual({ [String(first)]: 'ACTIVE', [String(second)]: 'ACTIVE' });
    const variables = await post('/v2/variables/search', { filter: { name: 'result' } });
    expect(variables.items).toEqual([]);
    // a later command sees the job as before, and the other job is still there to activate
    await core.completeJob(job!, {});
    const [other] = await activate(core, 1);
    expect(other).toBeDefined();
    await core.completeJob(other!, {});
    expect(await instanceStates()).toEqual({ [String(first)]: 'COMPLETED', [String(second)]: 'COMPLETED' });
  });

  it('should undo only a failed attempt inside a command, not what the command did before it', async () => {
    // given
    const { core, internals } = await start();
    const rollbacks = core.rollbacks();

    // when: a command starts a case (held rows, buffered events), then an attempt inside it starts another and fails
    const kept = (await internals.command(() => {
      const started = createProcessInstance(internals.context, { processDefinitionId: 'rollback', variables: { caseId: 'A-1' }, tenantId: TENANT });
      expect(() =>
        internals.context.attempt(() => {
          createProcessInstance(internals.context, { processDefinitionId: 'rollback', variables: { caseId: 'A-X' }, tenantId: TENANT });
          throw new Error('failed after the start');
        }),
      ).toThrow('failed after the start');
      return started.key;
    })) as number;

    // then: memory was rebuilt, and holds the command's own case with its job; the log and the projection too
    expect(core.rollbacks()).toEqual({ kept: rollbacks.kept, rebuilt: rollbacks.rebuilt + 1 });
    expect(internals.context.readers.processInstance(kept)?.state).toBe('ACTIVE');
    expect(internals.store.events.forProcessInstance(kept).map((event) => event.intent)).toContain('ELEMENT_ACTIVATING');
    expect(await instanceStates()).toEqual({ [String(kept)]: 'ACTIVE' });
    const [job] = await activate(core, 5);
    await core.completeJob(job!, {});
    expect(await instanceStates()).toEqual({ [String(kept)]: 'COMPLETED' });
  });

  it('should keep the token waiting at a parallel join of a case started since the last projection across a rebuild', async () => {
    // given: a case whose one branch already waits at the join while the other waits at its service task, held in
    // memory only
    const { core, internals } = await start();
    await deploy(engine.client, [
      {
        name: 'rollback-join.bpmn',
        content: bpmnProcess(
          'rollback-join',
          `<bpmn:startEvent id="start"/><bpmn:parallelGateway id="fork"/>${serviceTask('work', 'rollback-work')}<bpmn:parallelGateway id="join"/><bpmn:endEvent id="end"/>` +
            `${flow('f1', 'start', 'fork')}${flow('f2', 'fork', 'work')}${flow('f3', 'fork', 'join')}${flow('f4', 'work', 'join')}${flow('f5', 'join', 'end')}`,
        ),
      },
    ]);
    const key = (await core.createProcessInstance({ processDefinitionId: 'rollback-join', variables: {}, tenantId: TENANT })).key;
    const rollbacks = core.rollbacks();

    // when: a command that changed something fails (memory is rebuilt by replaying the events since the projected
    // position, the case's included), then the other branch arrives
    await expect(
      internals.command(() => {
        createProcessInstance(internals.context, { processDefinitionId: 'rollback', variables: { caseId: 'J-X' }, tenantId: TENANT });
        throw new Error('failed after the start');
      }),
    ).rejects.toThrow('failed after the start');
    expect(core.rollbacks().rebuilt).toBe(rollbacks.rebuilt + 1);
    const [job] = await activate(core, 1);
    await core.completeJob(job!, {});

    // then: the join saw both tokens
    const json = await post('/v2/process-instances/search', { filter: { processDefinitionId: 'rollback-join' } });
    expect((json.items as { processInstanceKey: string; state: string }[]).map((i) => [i.processInstanceKey, i.state])).toEqual([[String(key), 'COMPLETED']]);
  });

  it('should rebuild memory when the failed command ran a write statement only', async () => {
    // given
    const { core, internals } = await start();
    const rollbacks = core.rollbacks();

    // when: a command writes a row of a table that is not held in memory, then fails
    const failed = internals.command(() => {
      internals.store.connection.write(`INSERT INTO meta (name, value) VALUES ('rollback-test', 'x')`).run();
      throw new Error('failed after a write');
    });

    // then
    await expect(failed).rejects.toThrow('failed after a write');
    expect(core.rollbacks()).toEqual({ kept: rollbacks.kept, rebuilt: rollbacks.rebuilt + 1 });
    expect(internals.store.connection.changes).toBeGreaterThan(0);
  });
});

/** Two branches, each with a service task, meet at a parallel join; after it one more service task. */
async function deployJoin(): Promise<void> {
  await deploy(engine.client, [
    {
      name: 'rollback-branches.bpmn',
      content: bpmnProcess(
        'rollback-branches',
        `<bpmn:startEvent id="start"/><bpmn:parallelGateway id="fork"/>${serviceTask('a', 'rollback-branch')}${serviceTask('b', 'rollback-branch')}` +
          `<bpmn:parallelGateway id="join"/>${serviceTask('after', 'rollback-after')}<bpmn:endEvent id="end"/>` +
          `${flow('f1', 'start', 'fork')}${flow('f2', 'fork', 'a')}${flow('f3', 'fork', 'b')}${flow('f4', 'a', 'join')}${flow('f5', 'b', 'join')}` +
          `${flow('f6', 'join', 'after')}${flow('f7', 'after', 'end')}`,
      ),
    },
  ]);
}

/** A message start event (with a correlation key when published with one), then a service task. */
async function deployMessageStart(): Promise<void> {
  await deploy(engine.client, [
    {
      name: 'rollback-apply.bpmn',
      content: bpmnProcess(
        'rollback-apply',
        `<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="apply"/></bpmn:startEvent>${serviceTask('handle', 'rollback-apply-work')}` +
          `<bpmn:endEvent id="end"/>${flow('f1', 'start', 'handle')}${flow('f2', 'handle', 'end')}`,
      ).replace('</bpmn:process>', '</bpmn:process><bpmn:message id="apply" name="application-filed"/>'),
    },
  ]);
}

async function activateType(core: Engine, type: string, max: number): Promise<number[]> {
  const jobs = await core.activateJobs({ type, worker: 'w', timeout: HOUR, maxJobsToActivate: max, tenantIds: [TENANT] }, 1);
  return jobs.map((job) => job.job.key);
}

async function statesOf(processDefinitionId: string): Promise<Record<string, string>> {
  const json = await post('/v2/process-instances/search', { filter: { processDefinitionId }, page: { limit: 100 } });
  return Object.fromEntries((json.items as { processInstanceKey: string; state: string }[]).map((i) => [i.processInstanceKey, i.state]));
}

async function elementInstances(processInstanceKey: number, elementId: string): Promise<{ state: string }[]> {
  const json = await post('/v2/element-instances/search', { filter: { processInstanceKey: String(processInstanceKey), elementId } });
  return json.items as { state: string }[];
}

/** A SQL read of a projected table inside the command writes the held rows into its transaction (a forced projection). */
function readProjectedTable(internals: EngineInternals): void {
  internals.store.connection.read(`SELECT count(*) AS n FROM jobs`).get();
}

/** The join fired exactly once: one job after it, which completes the case; no token waits, none is left in the file. */
async function expectJoinFiredOnce(core: Engine, internals: EngineInternals, key: number): Promise<void> {
  const after = await activateType(core, 'rollback-after', 5);
  expect(after).toHaveLength(1);
  await core.completeJob(after[0]!, {});
  expect(await elementInstances(key, 'join')).toMatchObject([{ state: 'COMPLETED' }]);
  expect(await elementInstances(key, 'after')).toMatchObject([{ state: 'COMPLETED' }]);
  expect(await statesOf('rollback-branches')).toEqual({ [String(key)]: 'COMPLETED' });
  expect(internals.store.joinTokens.waiting(key, 'join').size).toBe(0);
  expect(rowsInFile('join_tokens', 'count > 0')).toBe(0);
}

describe('join tokens and message correlations across the rollback of a failed command', () => {
  it('should drop the token a failed command brought to a join, and fire the join once when both branches really completed', async () => {
    // given: a case waiting at both branches' jobs, held in memory
    const { core, internals } = await start();
    await deployJoin();
    const key = (await core.createProcessInstance({ processDefinitionId: 'rollback-branches', variables: {}, tenantId: TENANT })).key;
    const [a, b] = await activateType(core, 'rollback-branch', 2);
    expect(b).toBeDefined();
    const rollbacks = core.rollbacks();

    // when: a command completes one branch's job (its token arrives at the join) and then fails
    await expect(
      internals.command(() => {
        completeJob(internals.context, a!, {});
        expect(internals.store.joinTokens.waiting(key, 'join').size).toBe(1);
        throw new Error('failed after the completion');
      }),
    ).rejects.toThrow('failed after the completion');

    // then: memory was rebuilt without the token; the job is still activated
    expect(core.rollbacks().rebuilt).toBe(rollbacks.rebuilt + 1);
    expect(internals.store.joinTokens.waiting(key, 'join').size).toBe(0);
    expect(internals.store.jobs.get(a!)?.state).toBe('ACTIVATED');
    // the other branch's completion alone does not fire the join
    await core.completeJob(b!, {});
    expect([...internals.store.joinTokens.waiting(key, 'join').keys()]).toEqual(['f5']);
    expect(await activateType(core, 'rollback-after', 5)).toEqual([]);
    expect(await elementInstances(key, 'join')).toEqual([]);
    // the first branch's real completion fires it, once
    await core.completeJob(a!, {});
    await expectJoinFiredOnce(core, internals, key);
  });

  it('should keep the join tokens SQLite held when a failed command fired the join and forced a projection first', async () => {
    // given: a case whose first branch waits at the join, projected (the search writes the held rows), and whose
    // second branch waits at its job
    const { core, internals } = await start();
    await deployJoin();
    const key = (await core.createProcessInstance({ processDefinitionId: 'rollback-branches', variables: {}, tenantId: TENANT })).key;
    const [a, b] = await activateType(core, 'rollback-branch', 2);
    await core.completeJob(a!, {});
    expect(await statesOf('rollback-branches')).toEqual({ [String(key)]: 'ACTIVE' });
    expect(rowsInFile('join_tokens', 'count = 1')).toBe(1);
    const rollbacks = core.rollbacks();
    const forced = core.forcedProjections();

    // when: a command completes the second branch's job (the join fires and takes the token, the next job is
    // created), forces the projection of its held rows by a SQL read, and then fails
    await expect(
      internals.command(() => {
        completeJob(internals.context, b!, {});
        expect(internals.store.joinTokens.waiting(key, 'join').size).toBe(0);
        readProjectedTable(internals);
        throw new Error('failed after a forced projection');
      }),
    ).rejects.toThrow('failed after a forced projection');

    // then: the forced projection went with the rollback; memory holds the file's token again
    expect(core.forcedProjections()).toBe(forced + 1);
    expect(core.rollbacks().rebuilt).toBe(rollbacks.rebuilt + 1);
    expect(rowsInFile('join_tokens', 'count = 1')).toBe(1);
    expect([...internals.store.joinTokens.waiting(key, 'join').keys()]).toEqual(['f4']);
    expect(internals.store.jobs.get(b!)?.state).toBe('ACTIVATED');
    expect(await activateType(core, 'rollback-after', 5)).toEqual([]);
    expect(await elementInstances(key, 'join')).toEqual([]);
    expect(await statesOf('rollback-branches')).toEqual({ [String(key)]: 'ACTIVE' });
    // the second branch's real completion fires the join, once
    await core.completeJob(b!, {});
    await expectJoinFiredOnce(core, internals, key);
  });

  it("should keep the token an earlier command of the batch brought to a join when a later one forces a projection and fails", async () => {
    // given: a case waiting at both branches' jobs, held in memory
    const { core, internals } = await start();
    await deployJoin();
    const key = (await core.createProcessInstance({ processDefinitionId: 'rollback-branches', variables: {}, tenantId: TENANT })).key;
    const [a, b] = await activateType(core, 'rollback-branch', 2);
    const rollbacks = core.rollbacks();
    const forced = core.forcedProjections();

    // when: one batch (the same turn of the event loop): a command completes one branch's job (its token arrives at
    // the join), then another starts a case, forces the projection of every held row of the batch so far, and fails
    const [completed, failed] = await Promise.allSettled([
      core.completeJob(a!, {}),
      internals.command(() => {
        createProcessInstance(internals.context, { processDefinitionId: 'rollback-branches', variables: {}, tenantId: TENANT });
        readProjectedTable(internals);
        throw new Error('failed after a forced projection');
      }),
    ]);

    // then: the earlier command's token is kept, the failed command's case is nowhere
    expect([completed.status, failed.status]).toEqual(['fulfilled', 'rejected']);
    expect(core.forcedProjections()).toBe(forced + 1);
    expect(core.rollbacks().rebuilt).toBe(rollbacks.rebuilt + 1);
    expect([...internals.store.joinTokens.waiting(key, 'join').keys()]).toEqual(['f4']);
    expect(await statesOf('rollback-branches')).toEqual({ [String(key)]: 'ACTIVE' });
    expect(rowsInFile('join_tokens', 'count = 1')).toBe(1);
    // the second branch's completion fires the join, once
    await core.completeJob(b!, {});
    await expectJoinFiredOnce(core, internals, key);
  });

  it('should bring back a held token a failed command discarded with its case', async () => {
    // given: a case whose first branch waits at the join, held in memory only
    const { core, internals } = await start();
    await deployJoin();
    const key = (await core.createProcessInstance({ processDefinitionId: 'rollback-branches', variables: {}, tenantId: TENANT })).key;
    const [a, b] = await activateType(core, 'rollback-branch', 2);
    await core.completeJob(a!, {});
    expect(rowsInFile('join_tokens')).toBe(0);

    // when: a command cancels the case (its tokens are discarded) and then fails
    await expect(
      internals.command(() => {
        cancelProcessInstance(internals.context, key);
        expect(internals.store.joinTokens.waiting(key, 'join').size).toBe(0);
        throw new Error('failed after the cancellation');
      }),
    ).rejects.toThrow('failed after the cancellation');

    // then: the case is active with its token back, and the join fires once at the second branch's completion
    expect([...internals.store.joinTokens.waiting(key, 'join').keys()]).toEqual(['f4']);
    expect(await statesOf('rollback-branches')).toEqual({ [String(key)]: 'ACTIVE' });
    await core.completeJob(b!, {});
    await expectJoinFiredOnce(core, internals, key);
  });

  it('should keep one active case per correlation key of a message start event across a rollback', async () => {
    // given: a case started by a message with correlation key K, held in memory
    const { core, internals } = await start();
    await deployMessageStart();
    const message = { name: 'application-filed', correlationKey: 'K-1', timeToLive: 0, messageId: undefined, variables: {}, tenantId: TENANT };
    await core.publishMessage(message);
    const [first] = Object.keys(await statesOf('rollback-apply'));
    expect(first).toBeDefined();
    const [job] = await activateType(core, 'rollback-apply-work', 5);
    const rollbacks = core.rollbacks();

    // when: a command publishes K again (no second case while the first is active) and fails; another completes the
    // first case (K is free), publishes K (a second case), forces a projection, and fails
    const failed = await Promise.allSettled([
      internals.command(() => {
        publishMessage(internals.context, message);
        throw new Error('failed after the publication');
      }),
      internals.command(() => {
        completeJob(internals.context, job!, {});
        publishMessage(internals.context, message);
        readProjectedTable(internals);
        throw new Error('failed after a start and a forced projection');
      }),
    ]);

    // then: both rollbacks rebuilt memory; the first case is active and the only one
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(core.rollbacks().rebuilt).toBe(rollbacks.rebuilt + 2);
    expect(await statesOf('rollback-apply')).toEqual({ [first!]: 'ACTIVE' });
    // a publication of K while it is active starts no second case
    await core.publishMessage(message);
    expect(await statesOf('rollback-apply')).toEqual({ [first!]: 'ACTIVE' });
    // once it completed, K starts a new one
    await core.completeJob(job!, {});
    await core.publishMessage(message);
    const states = await statesOf('rollback-apply');
    expect(Object.values(states).sort()).toEqual(['ACTIVE', 'COMPLETED']);
    expect(states[first!]).toBe('COMPLETED');
    // and that one holds K in turn
    await core.publishMessage(message);
    expect(Object.keys(await statesOf('rollback-apply'))).toHaveLength(2);
  });

  it('should keep the correlation key of a case an earlier command of the batch started by message when a later one forces a projection and fails', async () => {
    // given
    const { core, internals } = await start();
    await deployMessageStart();
    const message = { name: 'application-filed', correlationKey: 'K-2', timeToLive: 0, messageId: undefined, variables: {}, tenantId: TENANT };
    const rollbacks = core.rollbacks();

    // when: one batch: a publication of K starts a case, then a command forces the projection of the batch's held
    // rows, publishes K again and fails
    const [published, failed] = await Promise.allSettled([
      core.publishMessage(message),
      internals.command(() => {
        readProjectedTable(internals);
        publishMessage(internals.context, message);
        throw new Error('failed after a forced projection');
      }),
    ]);

    // then: the case started by the first publication holds K; another publication starts none
    expect([published.status, failed.status]).toEqual(['fulfilled', 'rejected']);
    expect(core.rollbacks().rebuilt).toBe(rollbacks.rebuilt + 1);
    const [first] = Object.keys(await statesOf('rollback-apply'));
    expect(await statesOf('rollback-apply')).toEqual({ [first!]: 'ACTIVE' });
    await core.publishMessage(message);
    expect(await statesOf('rollback-apply')).toEqual({ [first!]: 'ACTIVE' });
    // once it completed, K starts a new one
    const [job] = await activateType(core, 'rollback-apply-work', 5);
    await core.completeJob(job!, {});
    await core.publishMessage(message);
    const states = await statesOf('rollback-apply');
    expect(states[first!]).toBe('COMPLETED');
    expect(Object.values(states).sort()).toEqual(['ACTIVE', 'COMPLETED']);
  });
});
