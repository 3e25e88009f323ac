/**
 * The projection (engine/store/engine-store.ts): the process instance, element instance, variable, job, user task,
 * incident, timer, message subscription, message start subscription, buffered message, message correlation, signal
 * subscription, decision instance and join token rows of a command, and the audit log's entries of users' operations
 * on cases, are held in memory past the batch's commit and written by the projector later; the event log is the truth.
 * The projector is held back here (`projectionDelay`), so every test runs with acknowledged changes that are only in
 * the events and in memory — and a connection of its own shows that the file does not hold their rows yet.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../../engine/engine.js';
import type { CommandContext } from '../../../engine/processor/command-context.js';
import { auditProcessInstance } from '../../../engine/processor/audit-trail.js';
import { createProcessInstance } from '../../../engine/processor/process-instance-commands.js';
import type { EngineStore } from '../../../engine/store/engine-store.js';
import { openSqliteReadonly } from '../../../engine/store/sqlite-file.js';
import { bpmnProcess, flow, serviceTask, serviceTaskProcess } from '../../support/bpmn.js';
import { decisionTable, dmnDefinitions } from '../../support/dmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

const HOUR = 3_600_000;
let engine: EngineFixture;
let dataDir: string | undefined;

afterEach(async () => {
  await engine?.stop();
});

async function start(): Promise<void> {
  engine = await startEngine({ dataDir, engine: { projectionDelay: HOUR } });
  dataDir = engine.dataDir;
}

async function deployOneTask(): Promise<void> {
  await deploy(engine.client, [
    {
      name: 'projection.bpmn',
      content: serviceTaskProcess('projection-work', { processId: 'projection', task: 'work' }),
    },
  ]);
}

/**
 * A user task (its candidates kept by triggers), a service task whose job fails into an incident, a one-hour timer, a
 * message catch event.
 */
async function deployTaskAndIncident(): Promise<void> {
  await deploy(engine.client, [
    {
      name: 'projection-user-task.bpmn',
      content: bpmnProcess(
        'projection-user-task',
        `<bpmn:startEvent id="start"/>
        <bpmn:userTask id="review" name="审核"><bpmn:extensionElements><zeebe:userTask/>
          <zeebe:assignmentDefinition candidateGroups="window-clerks"/></bpmn:extensionElements></bpmn:userTask>
        <bpmn:endEvent id="end"/>${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}`,
      ),
    },
    {
      name: 'projection-incident.bpmn',
      content: serviceTaskProcess('projection-fail', { processId: 'projection-incident', task: 'work' }),
    },
    {
      name: 'projection-timer.bpmn',
      content: bpmnProcess(
        'projection-timer',
        `<bpmn:startEvent id="start"/>
        <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="end"/>${flow('f1', 'start', 'wait')}${flow('f2', 'wait', 'end')}`,
      ),
    },
    { name: 'projection-message.bpmn', content: bpmnProcess(
        'projection-message',
        `<bpmn:startEvent id="start"/>
        <bpmn:intermediateCatchEvent id="material"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="end"/>${flow('f1', 'start', 'material')}${flow('f2', 'material', 'end')}`,
      ).replace(
        '</bpmn:process>',
        `</bpmn:process><bpmn:message id="m" name="material-received"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements></bpmn:message>`,
      ) },
  ]);
}

/**
 * The catch of deployTaskAndIncident's message, a process started by a message (its start subscription), one waiting
 * for a signal and one started by a signal (signal subscriptions).
 */
async function deploySubscriptions(): Promise<void> {
  await deployTaskAndIncident();
  const withRoot = (xml: string, root: string) => xml.replace('</bpmn:process>', `</bpmn:process>${root}`);
  await deploy(engine.client, [
    { name: 'projection-message-start.bpmn', content: withRoot(
        bpmnProcess('projection-message-start', `<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="st"/></bpmn:startEvent>
        <bpmn:endEvent id="end"/>${flow('f1', 'start', 'end')}`),
        '<bpmn:message id="st" name="application-submitted"/>',
      ) },
    { name: 'projection-signal.bpmn', content: withRoot(
        bpmnProcess('projection-signal', `<bpmn:startEvent id="start"/>
        <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="sg"/></bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="end"/>${flow('f1', 'start', 'wait')}${flow('f2', 'wait', 'end')}`),
        '<bpmn:signal id="sg" name="policy-changed"/>',
      ) },
    { name: 'projection-signal-start.bpmn', content: withRoot(
        bpmnProcess('projection-signal-start', `<bpmn:startEvent id="start"><bpmn:signalEventDefinition signalRef="sg"/></bpmn:startEvent>
        <bpmn:endEvent id="end"/>${flow('f1', 'start', 'end')}`),
        '<bpmn:signal id="sg" name="policy-changed"/>',
      ) },
  ]);
}

/**
 * A business rule task that asks which proofs a withdrawal reason needs (a COLLECT table), and the table: evaluated by
 * the task, and through the API.
 */
async function deployDecision(): Promise<void> {
  await deploy(engine.client, [
    {
      name: 'projection-rule.bpmn',
      content: bpmnProcess(
        'projection-rule',
        `<bpmn:startEvent id="start"/>
        <bpmn:businessRuleTask id="rules" name="确定所需材料"><bpmn:extensionElements>
          <zeebe:calledDecision decisionId="projection_proofs" resultVariable="proofs"/></bpmn:extensionElements></bpmn:businessRuleTask>
        <bpmn:endEvent id="end"/>${flow('f1', 'start', 'rules')}${flow('f2', 'rules', 'end')}`,
      ),
    },
    {
      name: 'projection-proofs.dmn',
      content: dmnDefinitions('projection-drd', [
        decisionTable({
          id: 'projection_proofs',
          hitPolicy: 'COLLECT',
          inputs: [{ label: '支取原因', expression: 'reason', typeRef: 'string' }],
          outputs: [{ name: 'proof', typeRef: 'string' }],
          rules: [
            { inputs: ['"出国定居"'], outputs: ['"护照"'] },
            { inputs: ['"死亡"'], outputs: ['"死亡证明"'] },
          ],
        }),
      ]),
    },
  ]);
}

/** The decision instances the API answers, as [key, state, result, process instance key], in key order. */
async function decisionInstances(): Promise<(string | undefined)[][]> {
  const { json } = await post('/v2/decision-instances/search', { sort: [{ field: 'decisionEvaluationInstanceKey' }] });
  return (json.items as { decisionEvaluationInstanceKey: string; state: string; result?: string; processInstanceKey?: string }[]).map((i) => [
    i.decisionEvaluationInstanceKey,
    i.state,
    i.result,
    i.processInstanceKey,
  ]);
}

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await engine.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function create(caseId: string): Promise<string> {
  const { status, json } = await post('/v2/process-instances', { processDefinitionId: 'projection', variables: { caseId } });
  expect(status).toBe(200);
  return json.processInstanceKey as string;
}

async function instanceStates(): Promise<Record<string, string>> {
  const { json } = await post('/v2/process-instances/search', { filter: { processDefinitionId: 'projection' }, page: { limit: 100 } });
  return Object.fromEntries((json.items as { processInstanceKey: string; state: string }[]).map((i) => [i.processInstanceKey, i.state]));
}

async function instanceStatesOf(processDefinitionId: string): Promise<Record<string, string>> {
  const { json } = await post('/v2/process-instances/search', { filter: { processDefinitionId } });
  return Object.fromEntries((json.items as { processInstanceKey: string; state: string }[]).map((i) => [i.processInstanceKey, i.state]));
}

async function jobsOf(processInstanceKey: string): Promise<{ jobKey: string; state: string }[]> {
  const { json } = await post('/v2/jobs/search', { filter: { processInstanceKey } });
  return json.items as { jobKey: string; state: string }[];
}

/** Activates every open job of the model and completes it. */
async function workOffJobs(expected: number): Promise<void> {
  const { json } = await post('/v2/jobs/activation', { type: 'projection-work', worker: 'w', timeout: 60_000, maxJobsToActivate: 100, requestTimeout: 1 });
  const jobs = json.jobs as { jobKey: string }[];
  expect(jobs).toHaveLength(expected);
  for (const job of jobs) expect((await post(`/v2/jobs/${job.jobKey}/completion`, { variables: { done: true } })).status).toBe(204);
}

/**
 * A command that starts a case of `processDefinitionId` (held rows, events) and then fails, as a command does that
 * fails after it changed something: its rollback rebuilds memory from SQLite and the events (a failure that changed
 * nothing, such as an unknown job, keeps memory as it is and would not exercise the rebuild).
 */
function failAfterChange(core: Engine, processDefinitionId: string): Promise<unknown> {
  const internals = core as unknown as { command(run: () => unknown): Promise<unknown>; context: CommandContext };
  return internals.command(() => {
    createProcessInstance(internals.context, { processDefinitionId, variables: { caseId: 'FAILS' }, tenantId: '<default>' });
    throw new Error('failed after its changes');
  });
}

/** Rows of `table` the file holds, read through a connection of its own (not the engine's). */
function rowsInFile(table: string, where = '1 = 1'): number {
  const db = openSqliteReadonly(join(dataDir!, 'engine.sqlite'));
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('the projection of the event log', () => {
  it('should answer searches and the next commands with acknowledged changes whose rows the projector has not written', async () => {
    // given
    dataDir = undefined;
    await start();
    await deployOneTask();
    const keys = [await create('P-1'), await create('P-2')];

    // then: acknowledged, yet only in the events and in memory
    expect(rowsInFile('process_instances')).toBe(0);
    expect(rowsInFile('events', 'process_instance_key IS NOT NULL')).toBeGreaterThan(0);
    expect(await instanceStates()).toEqual({ [keys[0]!]: 'ACTIVE', [keys[1]!]: 'ACTIVE' });
    expect((await jobsOf(keys[0]!)).map((j) => j.state)).toEqual(['CREATED']);

    // when
    await workOffJobs(2);

    // then
    expect(await instanceStates()).toEqual({ [keys[0]!]: 'COMPLETED', [keys[1]!]: 'COMPLETED' });
    expect(engine.server.engine.forcedProjections()).toBe(0);
  });

  it('should lose nothing of earlier batches and earlier commands of its batch when a command of the batch fails', async () => {
    // given: one acknowledged instance from an earlier batch, not projected
    dataDir = undefined;
    await start();
    await deployOneTask();
    const first = await create('B-1');
    const core = engine.server.engine;
    const command = { processDefinitionId: 'projection', tenantId: '<default>' };

    const forcedBefore = core.forcedProjections();
    const rebuiltBefore = core.rollbacks().rebuilt;

    // when: one batch (the same turn of the event loop) with a command that fails after its changes between good
    // ones; the first poll of a new job type reads the jobs table inside its command, which writes the held rows
    // into the batch first
    const [second, poll, failed, third] = await Promise.allSettled([
      core.createProcessInstance({ ...command, variables: { caseId: 'B-2' } }),
      core.activateJobs({ type: 'another-type', worker: 'w', timeout: 1000, maxJobsToActivate: 1, tenantIds: ['<default>'] }, 1),
      failAfterChange(core, 'projection'),
      core.createProcessInstance({ ...command, variables: { caseId: 'B-3' } }),
    ]);

    // then: the failed command's rollback rebuilt memory, and its case is nowhere
    expect(poll.status).toBe('fulfilled');
    expect(core.forcedProjections()).toBe(forcedBefore + 1);
    expect(failed.status).toBe('rejected');
    expect(core.rollbacks().rebuilt).toBe(rebuiltBefore + 1);
    expect(second.status).toBe('fulfilled');
    expect(third.status).toBe('fulfilled');
    const keys = [first, String((second as PromiseFulfilledResult<{ key: number }>).value.key), String((third as PromiseFulfilledResult<{ key: number }>).value.key)];
    expect(await instanceStates()).toEqual(Object.fromEntries(keys.map((key) => [key, 'ACTIVE'])));
    await workOffJobs(3);
    expect(await instanceStates()).toEqual(Object.fromEntries(keys.map((key) => [key, 'COMPLETED'])));
  });

  it('should rebuild held user tasks, their candidates, incidents, timers and message subscriptions when a command of the batch fails', async () => {
    // given: acknowledged user tasks (one completed), an incident, a timer and a message subscription from earlier
    // batches, none of it projected
    dataDir = undefined;
    await start();
    await deployTaskAndIncident();
    const core = engine.server.engine;
    const tenant = { tenantId: '<default>' };
    // the first poll of a type loads its open jobs from the table: done before the cases so nothing is written then
    await core.activateJobs({ type: 'projection-fail', worker: 'w', timeout: 60_000, maxJobsToActivate: 1, tenantIds: ['<default>'] }, 1);
    const createTask = async (caseId: string) => {
      const instance = await core.createProcessInstance({ processDefinitionId: 'projection-user-task', variables: { caseId }, ...tenant });
      // the events are not a projected table: reading them writes nothing
      const created = core.eventsOf(instance.key).find((e) => e.valueType === 'USER_TASK' && e.intent === 'CREATED')!;
      return { instance: String(instance.key), task: created.recordKey };
    };
    const [u1, u2] = [await createTask('U-1'), await createTask('U-2')];
    await core.completeUserTask(u1.task, { decision: 'approve' }, 'demo');
    const failing = await core.createProcessInstance({ processDefinitionId: 'projection-incident', variables: {}, ...tenant });
    const [job] = await core.activateJobs({ type: 'projection-fail', worker: 'w', timeout: 60_000, maxJobsToActivate: 1, tenantIds: ['<default>'] }, 1);
    await core.failJob(job!.job.key, { retries: 0, errorMessage: '接口不可用', retryBackOff: 0, variables: {} });
    const waiting = await core.createProcessInstance({ processDefinitionId: 'projection-timer', variables: {}, ...tenant });
    const subscribed = await core.createProcessInstance({ processDefinitionId: 'projection-message', variables: { caseId: 'M-1' }, ...tenant });
    const held = ['user_tasks', 'user_task_candidates', 'incidents', 'timers', 'message_subscriptions'].map((table) => rowsInFile(table));
    expect(held).toEqual([0, 0, 0, 0, 0]);
    const forcedBefore = core.forcedProjections();
    const rebuiltBefore = core.rollbacks().rebuilt;

    // when: one batch with a command that fails after its changes (a case with a user task) between two good ones
    const [third, failed, completed, alsoWaiting, alsoSubscribed] = await Promise.allSettled([
      createTask('U-3'),
      failAfterChange(core, 'projection-user-task'),
      core.completeUserTask(u2.task, { decision: 'reject' }, 'demo'),
      core.createProcessInstance({ processDefinitionId: 'projection-timer', variables: {}, ...tenant }),
      core.createProcessInstance({ processDefinitionId: 'projection-message', variables: { caseId: 'M-2' }, ...tenant }),
    ]);

    // then: nothing acknowledged is lost, and the commands read everything from memory
    expect(failed.status).toBe('rejected');
    expect(core.rollbacks().rebuilt).toBe(rebuiltBefore + 1);
    expect(completed.status).toBe('fulfilled');
    expect(core.forcedProjections()).toBe(forcedBefore);
    const u3 = (third as PromiseFulfilledResult<{ instance: string; task: number }>).value;
    const tasks = await post('/v2/user-tasks/search', { filter: { processDefinitionId: 'projection-user-task' } });
    expect(Object.fromEntries((tasks.json.items as { userTaskKey: string; state: string }[]).map((t) => [t.userTaskKey, t.state]))).toEqual({
      [String(u1.task)]: 'COMPLETED',
      [String(u2.task)]: 'COMPLETED',
      [String(u3.task)]: 'CREATED',
    });
    // the candidates the triggers derive from the projected rows
    const open = await post('/v2/user-tasks/search', { filter: { candidateGroup: 'window-clerks', state: 'CREATED' } });
    expect((open.json.items as { userTaskKey: string }[]).map((t) => t.userTaskKey)).toEqual([String(u3.task)]);
    const incidents = await post('/v2/incidents/search', { filter: { processInstanceKey: String(failing.key) } });
    expect(incidents.json.items).toMatchObject([{ errorType: 'JOB_NO_RETRIES', errorMessage: '接口不可用', state: 'ACTIVE' }]);
    const variables = await post('/v2/variables/search', { filter: { processInstanceKey: u1.instance, name: 'decision' } });
    expect(variables.json.items).toMatchObject([{ value: '"approve"' }]);
    expect((await post(`/v2/user-tasks/${u3.task}/completion`, { variables: { decision: 'approve' } })).status).toBe(204);
    const states = await post('/v2/process-instances/search', { filter: { processDefinitionId: 'projection-user-task', state: 'COMPLETED' } });
    expect(states.json.items).toHaveLength(3);
    // both timers fire when their hour has passed (the clock change answers once they have)
    expect(alsoWaiting.status).toBe('fulfilled');
    const clock = await engine.fetch('/v2/clock', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timestamp: Date.now() + 2 * HOUR }) });
    expect(clock.status).toBe(204);
    const timed = await post('/v2/process-instances/search', { filter: { processDefinitionId: 'projection-timer' } });
    expect((timed.json.items as { processInstanceKey: string; state: string }[]).map((i) => [i.processInstanceKey, i.state]).sort()).toEqual(
      [String(waiting.key), String((alsoWaiting as PromiseFulfilledResult<{ key: number }>).value.key)].sort().map((key) => [key, 'COMPLETED']),
    );
    // both subscriptions are found by their correlation keys
    for (const caseId of ['M-1', 'M-2']) {
      const correlated = await post('/v2/messages/correlation', { name: 'material-received', correlationKey: caseId, variables: {} });
      expect(correlated.status).toBe(200);
    }
    expect(alsoSubscribed.status).toBe('fulfilled');
    const received = await post('/v2/process-instances/search', { filter: { processDefinitionId: 'projection-message' } });
    expect((received.json.items as { processInstanceKey: string; state: string }[]).map((i) => [i.processInstanceKey, i.state]).sort()).toEqual(
      [String(subscribed.key), String((alsoSubscribed as PromiseFulfilledResult<{ key: number }>).value.key)].sort().map((key) => [key, 'COMPLETED']),
    );
  });

  it('should rebuild held signal subscriptions, message start subscriptions and buffered messages when a command of the batch fails', async () => {
    // given: subscriptions of every kind and a buffered message, acknowledged but not projected
    dataDir = undefined;
    await start();
    await deploySubscriptions();
    const core = engine.server.engine;
    const tenant = { tenantId: '<default>' };
    // a second version of the message start process: its start subscription replaces the first version's
    await deploy(engine.client, [{ name: 'projection-message-start.bpmn', content: bpmnProcess(
      'projection-message-start',
      `<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="st"/></bpmn:startEvent><bpmn:endEvent id="done"/>${flow('f1', 'start', 'done')}`,
    ).replace('</bpmn:process>', '</bpmn:process><bpmn:message id="st" name="application-submitted"/>') }]);
    const waitingForSignal = await core.createProcessInstance({ processDefinitionId: 'projection-signal', variables: {}, ...tenant });
    await core.publishMessage({ name: 'material-received', correlationKey: 'M-9', timeToLive: HOUR, messageId: 'page-1', variables: { page: 1 }, ...tenant });
    const held = [
      rowsInFile('message_start_subscriptions', `bpmn_process_id = 'projection-message-start' AND process_definition_key != (SELECT max(key) FROM process_definitions)`),
      rowsInFile('signal_subscriptions', 'element_instance_key IS NOT NULL'),
      rowsInFile('messages'),
    ];
    expect(held).toEqual([1, 0, 0]);
    const forcedBefore = core.forcedProjections();
    const rebuiltBefore = core.rollbacks().rebuilt;

    // when: one batch with a command first that fails after its changes (a case waiting for the signal), then a case
    // that takes the buffered message, a duplicate publication, a publication that starts a case, and a broadcast
    const [failed, taking, duplicate, started, broadcast] = await Promise.allSettled([
      failAfterChange(core, 'projection-signal'),
      core.createProcessInstance({ processDefinitionId: 'projection-message', variables: { caseId: 'M-9' }, ...tenant }),
      core.publishMessage({ name: 'material-received', correlationKey: 'M-9', timeToLive: HOUR, messageId: 'page-1', variables: {}, ...tenant }),
      core.correlateMessage({ name: 'application-submitted', correlationKey: '', variables: {}, ...tenant }),
      core.broadcastSignal({ signalName: 'policy-changed', variables: {}, ...tenant }),
    ]);

    // then: every command read the rebuilt state from memory, writing nothing of it
    expect(failed.status).toBe('rejected');
    expect(core.rollbacks().rebuilt).toBe(rebuiltBefore + 1);
    expect(duplicate).toMatchObject({ status: 'rejected', reason: { message: expect.stringContaining('page-1') } });
    expect([taking, started, broadcast].map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(core.forcedProjections()).toBe(forcedBefore);
    const keyOf = (result: PromiseSettledResult<unknown>) => String((result as PromiseFulfilledResult<{ key: number }>).value.key);
    expect(await instanceStatesOf('projection-message')).toEqual({ [keyOf(taking)]: 'COMPLETED' });
    const startedByMessage = await post('/v2/process-instances/search', { filter: { processDefinitionId: 'projection-message-start' } });
    expect(startedByMessage.json.items).toMatchObject([{ processDefinitionVersion: 2, state: 'COMPLETED' }]);
    expect(await instanceStatesOf('projection-signal')).toEqual({ [String(waitingForSignal.key)]: 'COMPLETED' });
    expect(Object.values(await instanceStatesOf('projection-signal-start'))).toEqual(['COMPLETED']);
    // the searches wrote the held rows: the message stays buffered for its hour, the subscriptions are there
    expect(rowsInFile('message_start_subscriptions', `bpmn_process_id = 'projection-message-start'`)).toBe(1);
    expect(rowsInFile('signal_subscriptions')).toBe(1);
    expect(rowsInFile('messages')).toBe(1);
  });

  it('should let a buffered message expire by its time to live with the clock pinned, held or projected', async () => {
    // given: two buffered messages, one for a minute and one for an hour, not projected
    dataDir = undefined;
    await start();
    await deploySubscriptions();
    const core = engine.server.engine;
    const tenant = { tenantId: '<default>' };
    const now = Date.now();
    await core.pinClock(now);
    await core.publishMessage({ name: 'material-received', correlationKey: 'T-1', timeToLive: 60_000, messageId: 'short', variables: {}, ...tenant });
    await core.publishMessage({ name: 'material-received', correlationKey: 'T-2', timeToLive: HOUR, messageId: 'long', variables: {}, ...tenant });
    expect(rowsInFile('messages')).toBe(0);

    // when: two minutes pass (the clock change answers once the scheduler's round has run)
    const clock = await engine.fetch('/v2/clock', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timestamp: now + 120_000 }) });
    expect(clock.status).toBe(204);

    // then: the expired one reaches no new case; the other still reaches one
    const late = await core.createProcessInstance({ processDefinitionId: 'projection-message', variables: { caseId: 'T-1' }, ...tenant });
    const onTime = await core.createProcessInstance({ processDefinitionId: 'projection-message', variables: { caseId: 'T-2' }, ...tenant });
    expect(await instanceStatesOf('projection-message')).toEqual({ [String(late.key)]: 'ACTIVE', [String(onTime.key)]: 'COMPLETED' });
    // projected (the search wrote the held rows): the expired message's row went with its event
    expect(rowsInFile('messages', `message_id = 'short'`)).toBe(0);
    expect(rowsInFile('messages', `message_id = 'long'`)).toBe(1);
    // its id is free again, and the new message reaches the waiting case
    await core.publishMessage({ name: 'material-received', correlationKey: 'T-1', timeToLive: 60_000, messageId: 'short', variables: {}, ...tenant });
    expect(await instanceStatesOf('projection-message')).toEqual({ [String(late.key)]: 'COMPLETED', [String(onTime.key)]: 'COMPLETED' });
    await core.resetClock();
  });

  it("should write no decision instance row in an evaluation's command, and answer its decision instances to searches and GET", async () => {
    // given: the writes of decision instance rows watched: the projector's statements of the table on the engine's
    // connection, and the projections handed to the writer thread
    dataDir = undefined;
    await start();
    await deployDecision();
    const core = engine.server.engine;
    const store = (
      core as unknown as {
        store: { decisionInstances: { held: number }; writer: { project(writes: [string, unknown[][]][]): void } };
      }
    ).store;
    const insert = [...(store.decisionInstances as unknown as { statements: Map<string, object> }).statements.values()][0]!;
    const run = vi.spyOn(Object.getPrototypeOf(insert) as { run(...params: unknown[]): unknown }, 'run');
    const decisionRowWrites = () =>
      run.mock.contexts.filter((statement) => /INTO decision_instances/.test((statement as { statement: { source: string } }).statement.source));
    const handed = vi.spyOn(store.writer, 'project');
    const decisionRowsHanded = () => handed.mock.calls.flatMap(([writes]) => writes).filter(([sql]) => /INTO decision_instances/.test(sql));
    const forcedBefore = core.forcedProjections();

    // when: an evaluation through the API, a business rule task's, and a failed evaluation (a number for a string input)
    const evaluated = await post('/v2/decision-definitions/evaluation', { decisionDefinitionId: 'projection_proofs', variables: { reason: '死亡' } });
    expect(evaluated.status).toBe(200);
    const created = await post('/v2/process-instances', { processDefinitionId: 'projection-rule', variables: { reason: '出国定居' } });
    expect(created.status).toBe(200);
    const failed = await post('/v2/decision-definitions/evaluation', { decisionDefinitionId: 'projection_proofs', variables: { reason: 3 } });
    expect(failed.status).toBe(200);

    // then: acknowledged, the rows held in memory, none of them written by the commands (nor in the file)
    expect(decisionRowWrites()).toEqual([]);
    expect(decisionRowsHanded()).toEqual([]);
    expect(store.decisionInstances.held).toBe(3);
    expect(rowsInFile('decision_instances')).toBe(0);
    expect(core.forcedProjections()).toBe(forcedBefore);

    // and the search projects them first: written by the projector, outside any command
    const instances = await decisionInstances();
    const evaluationKey = evaluated.json.decisionEvaluationKey as string;
    expect(instances).toContainEqual([`${evaluationKey}-1`, 'EVALUATED', '["死亡证明"]', undefined]);
    expect(instances).toContainEqual([expect.any(String), 'EVALUATED', '["护照"]', created.json.processInstanceKey]);
    expect(instances).toContainEqual([`${failed.json.decisionEvaluationKey as string}-1`, 'FAILED', undefined, undefined]);
    expect(decisionRowsHanded().length).toBeGreaterThan(0);
    expect(decisionRowWrites()).toEqual([]);
    expect(rowsInFile('decision_instances')).toBe(instances.length);
    const one = await engine.fetch(`/v2/decision-instances/${evaluationKey}-1`);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ decisionDefinitionId: 'projection_proofs', state: 'EVALUATED', evaluatedInputs: [{ inputValue: '"死亡"' }] });

    // and: the watch sees these statements when they do run on the engine's connection: a fourth evaluation's row,
    // written by a projection forced inside a command (a read of the table there, as the command queue runs one)
    const fourth = await post('/v2/decision-definitions/evaluation', { decisionDefinitionId: 'projection_proofs', variables: { reason: '出国定居' } });
    expect(fourth.status).toBe(200);
    const handedBefore = decisionRowsHanded().length;
    const engineStore = (core as unknown as { store: EngineStore }).store;
    engineStore.batchTransaction(() => engineStore.transaction(() => engineStore.connection.read(`SELECT count(*) FROM decision_instances`).get()));
    await engineStore.durable();
    expect(core.forcedProjections()).toBe(forcedBefore + 1);
    expect(decisionRowWrites()).toHaveLength(1);
    const [values] = run.mock.calls[run.mock.contexts.indexOf(decisionRowWrites()[0]!)]! as [unknown[]];
    expect(values).toContain(Number(fourth.json.decisionEvaluationKey));
    expect(decisionRowsHanded()).toHaveLength(handedBefore);
    expect(rowsInFile('decision_instances')).toBe(instances.length + 1);
    run.mockRestore();
    handed.mockRestore();
  });

  it('should rebuild held decision instances when a later command fails and rolls back', async () => {
    // given: two acknowledged evaluations, their rows held
    dataDir = undefined;
    await start();
    await deployDecision();
    const core = engine.server.engine;
    const byApi = await post('/v2/decision-definitions/evaluation', { decisionDefinitionId: 'projection_proofs', variables: { reason: '死亡' } });
    const byTask = await post('/v2/process-instances', { processDefinitionId: 'projection-rule', variables: { reason: '出国定居' } });
    expect([byApi.status, byTask.status]).toEqual([200, 200]);
    expect(rowsInFile('decision_instances')).toBe(0);

    // when: a command that starts a case (its business rule task evaluates the decision) and then fails
    await expect(failAfterChange(core, 'projection-rule')).rejects.toThrow('failed after its changes');

    // then: the acknowledged ones are rebuilt from the events, once each; the failed command's evaluation is gone
    const instances = await decisionInstances();
    expect(instances.map(([, state, result, processInstanceKey]) => [state, result, processInstanceKey])).toEqual([
      ['EVALUATED', '["死亡证明"]', undefined],
      ['EVALUATED', '["护照"]', byTask.json.processInstanceKey],
    ]);
    expect(rowsInFile('decision_instances')).toBe(2);
  });

  it("should refuse, on the engine's own connection, a write of a projected table that does not come from the projector", async () => {
    // given
    dataDir = undefined;
    await start();
    const store = (engine.server.engine as unknown as { store: { connection: { write(sql: string): unknown } } }).store;
    const projected = [
      'process_instances', 'element_instances', 'variables', 'jobs', 'user_tasks', 'user_task_candidates', 'incidents', 'timers',
      'message_subscriptions', 'message_start_subscriptions', 'messages', 'message_correlations', 'signal_subscriptions',
      'process_instance_tags', 'decision_instances', 'audit_log', 'join_tokens',
    ];

    // then: every projected table, and a view over one, is the projector's; a table that is not projected is not
    for (const table of projected) expect(() => store.connection.write(`DELETE FROM ${table} WHERE 0`), table).toThrow('written only by the projector');
    expect(() => store.connection.write(`INSERT INTO batch_operation_items SELECT * FROM batch_operation_items WHERE process_instance_key IN (SELECT key FROM messages)`)).toThrow('messages is a projected table');
    expect(() => store.connection.write(`DELETE FROM batch_operation_items WHERE key = ?`)).not.toThrow();
  });

  it('should lose nothing acknowledged when a batch fails to commit, and keep nothing of that batch', async () => {
    // given: an acknowledged instance, not projected, and a commit that will fail once
    dataDir = undefined;
    await start();
    await deployOneTask();
    const first = await create('C-1');
    // fault injection in the engine's file: the last statement of the next batch that hands out keys (the key
    // counter, saved by the store's writer thread) fails until the trigger is dropped; batches of the scheduler that
    // create nothing hand nothing over
    const store = (engine.server.engine as unknown as { store: { connection: { write(sql: string): { run(): unknown } } } }).store;
    store.connection
      .write(`CREATE TRIGGER fail_key_counter BEFORE UPDATE ON meta WHEN NEW.name = 'nextKey' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`)
      .run();

    // when
    const refused = await post('/v2/process-instances', { processDefinitionId: 'projection', variables: { caseId: 'C-2' } });
    store.connection.write(`DROP TRIGGER fail_key_counter`).run();

    // then
    expect(refused.status).toBeGreaterThanOrEqual(500);
    expect(await instanceStates()).toEqual({ [first]: 'ACTIVE' });
    const third = await create('C-3');
    await workOffJobs(2);
    expect(await instanceStates()).toEqual({ [first]: 'COMPLETED', [third]: 'COMPLETED' });
  });

  it('should rebuild the rows from the events on the next start when the engine stopped before projecting them', async () => {
    // given: acknowledged changes, one instance completed and one waiting, none of it projected
    dataDir = undefined;
    await start();
    await deployOneTask();
    // the first poll of a type loads its open jobs from the table (writing what is held first): done before the cases
    await workOffJobs(0);
    const done = await create('R-1');
    await workOffJobs(1);
    const waiting = await create('R-2');
    expect(rowsInFile('process_instances')).toBe(0);

    // when: the connection goes away as in a crash (no projection, no clean stop), and the engine starts again
    const store = (engine.server.engine as unknown as { store: { connection: { close(): void } } }).store;
    store.connection.close();
    await engine.server.stop().catch(() => undefined);
    await start();

    // then: the open rebuilt and wrote the rows before serving
    expect(rowsInFile('process_instances')).toBe(2);
    expect(await instanceStates()).toEqual({ [done]: 'COMPLETED', [waiting]: 'ACTIVE' });
    expect((await jobsOf(waiting)).map((j) => j.state)).toEqual(['CREATED']);
    await workOffJobs(1);
    expect(await instanceStates()).toEqual({ [done]: 'COMPLETED', [waiting]: 'COMPLETED' });
  });

  it('should not replay onto a file from before buffered messages and signal and message start subscriptions were projected the events their rows already hold', async () => {
    // given: subscriptions of both kinds and a buffered message, then the file as the previous version left it after a
    // crash: those rows written in the commands' transactions, the projected position before them, `projectedTables`
    // naming the tables projected then
    dataDir = undefined;
    await start();
    await deploySubscriptions();
    const core = engine.server.engine;
    const waiting = await core.createProcessInstance({ processDefinitionId: 'projection-signal', variables: {}, tenantId: '<default>' });
    await core.publishMessage({ name: 'material-received', correlationKey: 'O-2', timeToLive: HOUR, messageId: undefined, variables: {}, tenantId: '<default>' });
    await engine.stop({ keepData: true });
    const db = new Database(join(dataDir!, 'engine.sqlite'));
    try {
      const first = (db.prepare(`SELECT min(position) AS p FROM events WHERE process_instance_key = ?`).get(waiting.key) as { p: number }).p;
      db.prepare(`UPDATE meta SET value = ? WHERE name = 'projectedPosition'`).run(String(first - 1));
      const before = ['process_instances', 'element_instances', 'variables', 'jobs', 'user_tasks', 'user_task_candidates', 'incidents', 'timers', 'message_subscriptions'];
      db.prepare(`UPDATE meta SET value = ? WHERE name = 'projectedTables'`).run(before.join(','));
      for (const table of ['variables', 'element_instances', 'process_instances']) {
        db.prepare(`DELETE FROM ${table} WHERE ${table === 'process_instances' ? 'key' : 'process_instance_key'} = ?`).run(waiting.key);
      }
    } finally {
      db.close();
    }
    const held = () => [rowsInFile('process_instances', `key = ${waiting.key}`), rowsInFile('signal_subscriptions'), rowsInFile('messages')];
    expect(held()).toEqual([0, 2, 1]);

    // when
    await start();

    // then: the process instance's rows are rebuilt, the subscription and the message are not inserted twice
    expect(held()).toEqual([1, 2, 1]);
    expect((await post('/v2/signals/broadcast', { signalName: 'policy-changed', variables: {} })).status).toBe(200);
    expect(await instanceStatesOf('projection-signal')).toEqual({ [String(waiting.key)]: 'COMPLETED' });
    const created = await post('/v2/process-instances', { processDefinitionId: 'projection-message', variables: { caseId: 'O-2' } });
    expect(await instanceStatesOf('projection-message')).toEqual({ [created.json.processInstanceKey as string]: 'COMPLETED' });
  });

  it('should not replay onto a file from before decision instances were projected the evaluations its rows already hold', async () => {
    // given: an evaluation through the API and a case whose business rule task evaluated, then the file as the
    // previous version left it after a crash: their decision instance rows written in the commands' transactions, the
    // projected position before them, the case's rows not yet projected, `projectedTables` naming the tables
    // projected then
    dataDir = undefined;
    await start();
    await deployDecision();
    const evaluated = await post('/v2/decision-definitions/evaluation', { decisionDefinitionId: 'projection_proofs', variables: { reason: '死亡' } });
    const created = await post('/v2/process-instances', { processDefinitionId: 'projection-rule', variables: { reason: '出国定居' } });
    expect([evaluated.status, created.status]).toEqual([200, 200]);
    const key = created.json.processInstanceKey as string;
    await engine.stop({ keepData: true });
    const db = new Database(join(dataDir!, 'engine.sqlite'));
    try {
      const first = (db.prepare(`SELECT min(position) AS p FROM events WHERE records LIKE '%DECISION_EVALUATION%'`).get() as { p: number }).p;
      db.prepare(`UPDATE meta SET value = ? WHERE name = 'projectedPosition'`).run(String(first - 1));
      const before = [
        'process_instances', 'element_instances', 'variables', 'jobs', 'user_tasks', 'user_task_candidates', 'incidents', 'timers',
        'message_subscriptions', 'message_subscription_history', 'correlated_message_subscriptions', 'message_start_subscriptions',
        'messages', 'signal_subscriptions', 'process_instance_tags',
      ];
      db.prepare(`UPDATE meta SET value = ? WHERE name = 'projectedTables'`).run(before.join(','));
      for (const table of ['variables', 'element_instances', 'process_instances']) {
        db.prepare(`DELETE FROM ${table} WHERE ${table === 'process_instances' ? 'key' : 'process_instance_key'} = ?`).run(key);
      }
    } finally {
      db.close();
    }
    expect([rowsInFile('process_instances', `key = ${key}`), rowsInFile('decision_instances')]).toEqual([0, 2]);

    // when
    await start();

    // then: the case's rows are rebuilt, the decision instances are not inserted twice
    expect([rowsInFile('process_instances', `key = ${key}`), rowsInFile('decision_instances')]).toEqual([1, 2]);
    expect(await instanceStatesOf('projection-rule')).toEqual({ [key]: 'COMPLETED' });
    expect((await decisionInstances()).map(([, state, result, processInstanceKey]) => [state, result, processInstanceKey])).toEqual([
      ['EVALUATED', '["死亡证明"]', undefined],
      ['EVALUATED', '["护照"]', key],
    ]);
    // and the next evaluation is held and projected as any
    expect((await post('/v2/decision-definitions/evaluation', { decisionDefinitionId: 'projection_proofs', variables: { reason: '死亡' } })).status).toBe(200);
    expect(await decisionInstances()).toHaveLength(3);
  });

  it("should hold a user's audit entries like the other rows: searched before they are written, dropped with a failed command", async () => {
    // given: a case demo started (its CREATE entry held in memory, not in the file)
    dataDir = undefined;
    await start();
    await deployOneTask();
    const key = await create('A-1');
    expect(rowsInFile('audit_log')).toBe(0);
    const core = engine.server.engine;
    const internals = core as unknown as { command(run: () => unknown, actor: string | null): Promise<unknown>; context: CommandContext };

    // when: in one batch, a command that records an entry and fails, and one that records an entry
    const outcomes = await Promise.allSettled([
      internals.command(() => {
        auditProcessInstance(internals.context, { username: 'demo' }, 'MODIFY', Number(key));
        throw new Error('failed after the entry');
      }, 'demo'),
      internals.command(() => auditProcessInstance(internals.context, { username: 'demo' }, 'MIGRATE', Number(key)), 'demo'),
    ]);

    // then: the search sees the held entries, without the failed command's
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled']);
    const entries = async () => {
      const { json } = await post('/v2/audit-logs/search', { filter: { processInstanceKey: key }, sort: [{ field: 'auditLogKey' }] });
      return (json.items as { operationType: string; actorId: string }[]).map((entry) => `${entry.actorId} ${entry.operationType}`);
    };
    expect(await entries()).toEqual(['demo CREATE', 'demo MIGRATE']);
    expect(rowsInFile('audit_log')).toBe(2);
  });

  it('should not replay onto a file from before the audit log was projected the events its entries already hold', async () => {
    // given: a case demo started, then the file as the previous version left it after a crash: the audit entry
    // written in the command's transaction, the process instance's rows not yet projected, `projectedTables` without
    // audit_log
    dataDir = undefined;
    await start();
    await deployOneTask();
    const key = await create('A-2');
    await engine.stop({ keepData: true });
    const db = new Database(join(dataDir!, 'engine.sqlite'));
    try {
      const first = (db.prepare(`SELECT min(position) AS p FROM events WHERE process_instance_key = ?`).get(key) as { p: number }).p;
      db.prepare(`UPDATE meta SET value = ? WHERE name = 'projectedPosition'`).run(String(first - 1));
      const projectedThen = (db.prepare(`SELECT value FROM meta WHERE name = 'projectedTables'`).get() as { value: string }).value.split(',');
      expect(projectedThen).toContain('audit_log');
      db.prepare(`UPDATE meta SET value = ? WHERE name = 'projectedTables'`).run(projectedThen.filter((table) => table !== 'audit_log').join(','));
      for (const table of ['jobs', 'variables', 'element_instances', 'process_instances']) {
        db.prepare(`DELETE FROM ${table} WHERE ${table === 'process_instances' ? 'key' : 'process_instance_key'} = ?`).run(key);
      }
    } finally {
      db.close();
    }
    expect([rowsInFile('process_instances'), rowsInFile('audit_log')]).toEqual([0, 1]);

    // when
    await start();

    // then: the process instance's rows are rebuilt, the entry is not inserted twice, and new entries follow
    expect([rowsInFile('process_instances'), rowsInFile('jobs'), rowsInFile('audit_log')]).toEqual([1, 1, 1]);
    const second = await create('A-3');
    const { json } = await post('/v2/audit-logs/search', { filter: { operationType: 'CREATE', entityType: 'PROCESS_INSTANCE' } });
    expect((json.items as { processInstanceKey: string }[]).map((entry) => entry.processInstanceKey).sort()).toEqual([key, second].sort());
  });

  it('should not replay onto a file from before user tasks were projected the events its user task rows already hold', async () => {
    // given: a case waiting at its user task, then the file as the previous version left it after a crash: the user
    // task row written in the command's transaction, the process instance's rows not yet projected, no
    // `projectedTables` in meta
    dataDir = undefined;
    await start();
    await deployTaskAndIncident();
    const created = await post('/v2/process-instances', { processDefinitionId: 'projection-user-task', variables: { caseId: 'O-1' } });
    const key = created.json.processInstanceKey as string;
    const withdrawn = (await post('/v2/process-instances', { processDefinitionId: 'projection-user-task', variables: { caseId: 'O-2' } })).json
      .processInstanceKey as string;
    await engine.stop({ keepData: true });
    const db = new Database(join(dataDir!, 'engine.sqlite'));
    try {
      const first = (db.prepare(`SELECT min(position) AS p FROM events WHERE process_instance_key = ?`).get(key) as { p: number }).p;
      db.prepare(`UPDATE meta SET value = ? WHERE name = 'projectedPosition'`).run(String(first - 1));
      db.prepare(`DELETE FROM meta WHERE name = 'projectedTables'`).run();
      for (const table of ['variables', 'element_instances', 'process_instances']) {
        db.prepare(`DELETE FROM ${table} WHERE ${table === 'process_instances' ? 'key' : 'process_instance_key'} IN (?, ?)`).run(key, withdrawn);
      }
    } finally {
      db.close();
    }
    expect([rowsInFile('process_instances'), rowsInFile('user_tasks')]).toEqual([0, 2]);

    // when
    await start();

    // then: the process instance's rows are rebuilt, the user task is not inserted twice, and the case goes on
    expect([rowsInFile('process_instances'), rowsInFile('user_tasks'), rowsInFile('user_task_candidates')]).toEqual([2, 2, 2]);
    const tasks = await post('/v2/user-tasks/search', { filter: { processInstanceKey: key } });
    const task = (tasks.json.items as { userTaskKey: string; state: string }[])[0]!;
    expect(task.state).toBe('CREATED');
    expect((await post(`/v2/user-tasks/${task.userTaskKey}/completion`, {})).status).toBe(204);
    // and a replayed case's groups in the tables the replay left alone are read from the file: cancelling the other
    // case cancels its user task (the task's element instance is not taken for one created since, with no task)
    expect((await post(`/v2/process-instances/${withdrawn}/cancellation`, {})).status).toBe(204);
    expect(await instanceStatesOf('projection-user-task')).toEqual({ [key]: 'COMPLETED', [withdrawn]: 'TERMINATED' });
    const cancelled = await post('/v2/user-tasks/search', { filter: { processInstanceKey: withdrawn } });
    expect((cancelled.json.items as { state: string }[]).map((t) => t.state)).toEqual(['CANCELED']);
  });

  it('should not replay onto a file from before join tokens and message correlations were projected the events their rows already hold', async () => {
    // given: a case whose join holds one of its two tokens and a case started by a message with a correlation key,
    // then the file as the previous version left it after a crash: the join token and the correlation written in the
    // commands' transactions, the projected position before both cases, `projectedTables` naming the tables projected then
    dataDir = undefined;
    await start();
    const withRoot = (xml: string, root: string) => xml.replace('</bpmn:process>', `</bpmn:process>${root}`);
    await deploy(engine.client, [
      { name: 'projection-join.bpmn', content: bpmnProcess('projection-join', `<bpmn:startEvent id="s"/><bpmn:parallelGateway id="split"/>
        ${serviceTask('a', 'projection-join-work')}${serviceTask('b', 'projection-join-work')}<bpmn:parallelGateway id="join"/><bpmn:endEvent id="e"/>
        ${flow('f1', 's', 'split')}${flow('f2', 'split', 'a')}${flow('f3', 'split', 'b')}${flow('f4', 'a', 'join')}${flow('f5', 'b', 'join')}${flow('f6', 'join', 'e')}`) },
      { name: 'projection-apply.bpmn', content: withRoot(
          bpmnProcess('projection-apply', `<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="apply"/></bpmn:startEvent>
          ${serviceTask('handle', 'projection-apply-work')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'handle')}${flow('f2', 'handle', 'e')}`),
          '<bpmn:message id="apply" name="application-filed"/>',
        ) },
    ]);
    const joining = (await post('/v2/process-instances', { processDefinitionId: 'projection-join', variables: {} })).json.processInstanceKey as string;
    const activated = await post('/v2/jobs/activation', { type: 'projection-join-work', worker: 'w', timeout: HOUR, maxJobsToActivate: 10, requestTimeout: 1 });
    const jobs = activated.json.jobs as { jobKey: string }[];
    expect(jobs).toHaveLength(2);
    expect((await post(`/v2/jobs/${jobs[0]!.jobKey}/completion`, {})).status).toBe(204);
    expect((await post('/v2/messages/publication', { name: 'application-filed', correlationKey: 'U-1', timeToLive: 0 })).status).toBe(200);
    const applied = Object.keys(await instanceStatesOf('projection-apply'));
    expect(applied).toHaveLength(1);
    await engine.stop({ keepData: true });
    const db = new Database(join(dataDir!, 'engine.sqlite'));
    try {
      const first = (db.prepare(`SELECT min(position) AS p FROM events WHERE process_instance_key = ?`).get(joining) as { p: number }).p;
      db.prepare(`UPDATE meta SET value = ? WHERE name = 'projectedPosition'`).run(String(first - 1));
      const before = [
        'process_instances', 'element_instances', 'variables', 'jobs', 'user_tasks', 'user_task_candidates', 'incidents', 'timers',
        'message_subscriptions', 'message_subscription_history', 'correlated_message_subscriptions', 'message_start_subscriptions',
        'messages', 'signal_subscriptions', 'process_instance_tags', 'decision_instances',
      ];
      db.prepare(`UPDATE meta SET value = ? WHERE name = 'projectedTables'`).run(before.join(','));
      for (const key of [joining, applied[0]!]) {
        for (const table of ['variables', 'element_instances', 'jobs', 'correlated_message_subscriptions', 'process_instances']) {
          db.prepare(`DELETE FROM ${table} WHERE ${table === 'process_instances' ? 'key' : 'process_instance_key'} = ?`).run(key);
        }
      }
    } finally {
      db.close();
    }
    const held = () => [rowsInFile('process_instances'), rowsInFile('join_tokens', 'count = 1'), rowsInFile('message_correlations')];
    expect(held()).toEqual([0, 1, 1]);

    // when
    await start();

    // then: the cases' rows are rebuilt, the token and the correlation are not counted twice, and both cases go on
    expect(held()).toEqual([2, 1, 1]);
    expect((await post('/v2/messages/publication', { name: 'application-filed', correlationKey: 'U-1', timeToLive: 0 })).status).toBe(200);
    expect(Object.keys(await instanceStatesOf('projection-apply'))).toEqual(applied);
    expect(await instanceStatesOf('projection-join')).toEqual({ [joining]: 'ACTIVE' });
    expect((await post(`/v2/jobs/${jobs[1]!.jobKey}/completion`, {})).status).toBe(204);
    expect(await instanceStatesOf('projection-join')).toEqual({ [joining]: 'COMPLETED' });
    expect(rowsInFile('join_tokens')).toBe(0);
  });
});
