/**
 * Durability across a restart: an engine stopped and started again on the same data directory (on a new port)
 * finishes the instances that were waiting at user tasks and jobs, hands out timed-out jobs again, evaluates the
 * decisions deployed before, and never reuses a key.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bpmnProcess, flow, serviceTask } from '../support/bpmn.js';
import { dmnDefinitions, literalDecision } from '../support/dmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';

const USER_TASK_PROCESS = bpmnProcess(
  'restart-user-task',
  [
    '<bpmn:startEvent id="start" />',
    flow('to-review', 'start', 'review'),
    '<bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>',
    flow('to-end', 'review', 'end'),
    '<bpmn:endEvent id="end" />',
  ].join('\n'),
);

const JOB_PROCESS = bpmnProcess(
  'restart-job',
  [
    '<bpmn:startEvent id="start" />',
    flow('to-work', 'start', 'work'),
    serviceTask('work', 'restart-work'),
    flow('to-end', 'work', 'end'),
    '<bpmn:endEvent id="end" />',
  ].join('\n'),
);

const JOIN_PROCESS = bpmnProcess(
  'restart-join',
  [
    '<bpmn:startEvent id="start" />',
    flow('to-fork', 'start', 'fork'),
    '<bpmn:parallelGateway id="fork" />',
    flow('to-a', 'fork', 'task-a'),
    flow('to-b', 'fork', 'task-b'),
    serviceTask('task-a', 'restart-join-a'),
    serviceTask('task-b', 'restart-join-b'),
    flow('from-a', 'task-a', 'join'),
    flow('from-b', 'task-b', 'join'),
    '<bpmn:parallelGateway id="join" />',
    flow('to-end', 'join', 'end'),
    '<bpmn:endEvent id="end" />',
  ].join('\n'),
);

const TIMER_PROCESS = bpmnProcess(
  'restart-timer',
  [
    '<bpmn:startEvent id="start" />',
    flow('to-wait', 'start', 'wait'),
    '<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
    flow('to-end', 'wait', 'end'),
    '<bpmn:endEvent id="end" />',
  ].join('\n'),
);

/** Engines still running when a test ends (stopped, and their data removed, in afterEach). */
const running: EngineFixture[] = [];

afterEach(async () => {
  for (const engine of running.splice(0)) await engine.stop();
});

describe('engine restart', () => {
  it('should finish instances waiting at user tasks and jobs after a restart on the same data directory', async () => {
    // given
    const before = await start();
    await deploy(before.client, [
      { name: 'restart-user-task.bpmn', content: USER_TASK_PROCESS },
      { name: 'restart-job.bpmn', content: JOB_PROCESS },
    ]);
    const userTaskInstances = [await startInstance(before, 'restart-user-task'), await startInstance(before, 'restart-user-task')];
    const jobInstances = [await startInstance(before, 'restart-job'), await startInstance(before, 'restart-job')];
    const [locked] = await before.client.activateJobs({ type: 'restart-work', worker: 'before', timeout: 1_000, maxJobsToActivate: 1, requestTimeout: -1 });
    expect(locked).toBeDefined();
    const instances = [...userTaskInstances, ...jobInstances];
    const highestKeyBefore = Math.max(...instances.flatMap((key) => before.server.engine.eventsOf(Number(key)).map((e) => e.recordKey)));
    await stop(before);

    // when
    const after = await start(before.dataDir);

    // then: the user tasks are still open and can be completed
    const { items: tasks } = await after.client.searchUserTasks({ filter: { state: 'CREATED' } });
    expect(tasks.map((t) => t.processInstanceKey).sort()).toEqual([...userTaskInstances].sort());
    for (const task of tasks) await after.client.completeUserTask({ userTaskKey: task.userTaskKey, variables: { reviewed: true } });

    // then: both jobs are handed out, the one locked before the restart only once its lock timed out
    const handedOut = new Map<string, { retries: number; at: number }>();
    const giveUpAt = Date.now() + 10_000;
    while (handedOut.size < 2 && Date.now() < giveUpAt) {
      const jobs = await after.client.activateJobs({ type: 'restart-work', worker: 'after', timeout: 60_000, maxJobsToActivate: 10, requestTimeout: 2_000 });
      for (const job of jobs) {
        expect(handedOut.has(job.jobKey)).toBe(false);
        handedOut.set(job.jobKey, { retries: job.retries, at: Date.now() });
        await after.client.completeJob({ jobKey: job.jobKey, variables: { done: true } });
      }
    }
    expect(handedOut.size).toBe(2);
    expect(handedOut.get(locked!.jobKey)!.at).toBeGreaterThanOrEqual(Number(locked!.deadline));
    expect(handedOut.get(locked!.jobKey)!.retries).toBe(locked!.retries);

    for (const key of instances) expect(await stateOf(after, key)).toBe('COMPLETED');
    const endEventKeys = instances.flatMap((key) =>
      after.server.engine
        .eventsOf(Number(key))
        .filter((e) => e.intent === 'ELEMENT_ACTIVATING' && (e.record as { elementId?: string }).elementId === 'end')
        .map((e) => e.recordKey),
    );
    expect(endEventKeys).toHaveLength(4);
    for (const key of endEventKeys) expect(key).toBeGreaterThan(highestKeyBefore);
    const timedOut = after.server.engine.eventsOf(Number(locked!.processInstanceKey)).filter((e) => e.valueType === 'JOB').map((e) => e.intent);
    expect(timedOut).toEqual(['CREATED', 'ACTIVATED', 'TIMED_OUT', 'ACTIVATED', 'COMPLETED']);
  });

  it('should accept the completion of a job that a worker activated before the restart', async () => {
    // given
    const before = await start();
    await deploy(before.client, [{ name: 'restart-job.bpmn', content: JOB_PROCESS }]);
    const key = await startInstance(before, 'restart-job');
    const [job] = await before.client.activateJobs({ type: 'restart-work', worker: 'before', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
    await stop(before);
    const after = await start(before.dataDir);

    // when
    await after.client.completeJob({ jobKey: job!.jobKey, variables: { result: 'ok' } });

    // then
    expect(await stateOf(after, key)).toBe('COMPLETED');
    const { items } = await after.client.searchVariables({ filter: { processInstanceKey: key, name: 'result' } });
    expect(items.map((v) => v.value)).toEqual(['"ok"']);
  });

  it("should keep a job's end time and error code across a restart", async () => {
    // given: one job completed, one whose worker threw a BPMN error nothing catches
    const before = await start();
    await deploy(before.client, [{ name: 'restart-job.bpmn', content: JOB_PROCESS }]);
    const keys = [await startInstance(before, 'restart-job'), await startInstance(before, 'restart-job')];
    const [done, thrown] = await before.client.activateJobs({ type: 'restart-work', worker: 'before', timeout: 60_000, maxJobsToActivate: 2, requestTimeout: -1 });
    await before.client.completeJob({ jobKey: done!.jobKey, variables: {} });
    await before.client.errorJob({ jobKey: thrown!.jobKey, errorCode: 'NO_MATERIAL', errorMessage: '缺少材料', variables: {} });
    const jobsOf = async (engine: EngineFixture) => {
      const response = await engine.fetch('/v2/jobs/search', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filter: { processInstanceKey: { $in: keys } }, sort: [{ field: 'jobKey' }] }),
      });
      return ((await response.json()) as { items: Record<string, unknown>[] }).items.map(({ jobKey, state, endTime, errorCode }) => ({ jobKey, state, endTime, errorCode }));
    };
    const answered = await jobsOf(before);
    await stop(before);

    // when
    const after = await start(before.dataDir);

    // then
    expect(Object.fromEntries(answered.map((job) => [String(job.jobKey), [job.state, typeof job.endTime, job.errorCode]]))).toEqual({
      [done!.jobKey]: ['COMPLETED', 'string', ''],
      [thrown!.jobKey]: ['ERROR_THROWN', 'undefined', 'NO_MATERIAL'],
    });
    expect(await jobsOf(after)).toEqual(answered);
  });

  it('should keep a token waiting at a parallel join across a restart', async () => {
    // given
    const before = await start();
    await deploy(before.client, [{ name: 'restart-join.bpmn', content: JOIN_PROCESS }]);
    const key = await startInstance(before, 'restart-join');
    const [jobA] = await before.client.activateJobs({ type: 'restart-join-a', worker: 'before', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
    await before.client.completeJob({ jobKey: jobA!.jobKey, variables: {} });
    await stop(before);
    const after = await start(before.dataDir);

    // when
    const [jobB] = await after.client.activateJobs({ type: 'restart-join-b', worker: 'after', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
    await after.client.completeJob({ jobKey: jobB!.jobKey, variables: {} });

    // then
    expect(await stateOf(after, key)).toBe('COMPLETED');
    const joins = after.server.engine
      .eventsOf(Number(key))
      .filter((e) => e.intent === 'ELEMENT_COMPLETED' && (e.record as { elementId?: string }).elementId === 'join');
    expect(joins).toHaveLength(1);
  });

  it('should evaluate deployed decisions after a restart, by API and from a business rule task', async () => {
    // given
    let engine = await start();
    const rules = dmnDefinitions('restart-drd', [
      literalDecision({ id: 'restart_days', expression: 'if kind = "难产" then 113 else 98', typeRef: 'number' }),
    ]);
    const process = bpmnProcess(
      'restart-rule',
      `<bpmn:startEvent id="start"/><bpmn:businessRuleTask id="days"><bpmn:extensionElements><zeebe:calledDecision decisionId="restart_days" resultVariable="days"/></bpmn:extensionElements></bpmn:businessRuleTask>
       <bpmn:endEvent id="end"/>${flow('f1', 'start', 'days')}${flow('f2', 'days', 'end')}`,
    );
    await deploy(engine.client, [
      { name: 'restart.dmn', content: rules },
      { name: 'restart-rule.bpmn', content: process },
    ]);
    await stop(engine);

    // when
    engine = await start(engine.dataDir);
    const evaluated = await engine.client.evaluateDecision({ decisionDefinitionId: 'restart_days', variables: { kind: '难产' } });
    const key = await engine.client.createProcessInstance({ processDefinitionId: 'restart-rule', variables: { kind: '顺产' } });

    // then
    expect(evaluated.output).toBe('113');
    expect(await stateOf(engine, key.processInstanceKey)).toBe('COMPLETED');
    const { items } = await engine.client.searchVariables({ filter: { processInstanceKey: key.processInstanceKey, name: 'days' } });
    expect(items.map((v) => v.value)).toEqual(['98']);
  });

  it('should NOT reuse keys after a restart', async () => {
    // given
    let engine = await start();
    await deploy(engine.client, [{ name: 'restart-job.bpmn', content: JOB_PROCESS }]);
    let highestKey = 0;

    for (let round = 0; round < 3; round++) {
      // when
      const key = await startInstance(engine, 'restart-job');

      // then
      const keys = engine.server.engine.eventsOf(Number(key)).map((e) => e.recordKey);
      expect(Math.min(...keys)).toBeGreaterThan(highestKey);
      highestKey = Math.max(...keys);
      await stop(engine);
      engine = await start(engine.dataDir);
    }

    // then: the instances of every round are still there, with distinct, increasing keys
    const { items } = await engine.client.searchProcessInstances({ filter: { processDefinitionId: 'restart-job' }, sort: [{ field: 'processInstanceKey', order: 'ASC' }] });
    const keys = items.map((i) => BigInt(i.processInstanceKey));
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(3);
    expect([...keys].sort((a, b) => (a < b ? -1 : 1))).toEqual(keys);
  });

  it('should fire a timer that fell due while the engine was stopped once the clock passes it after a restart', async () => {
    // given: the clock pinned 30 days ahead, so that the real clock after the restart is still before the due date
    const pinnedAt = Date.now() + 30 * 24 * 3_600_000;
    const before = await start();
    await before.client.pinInternalClock(pinnedAt);
    await deploy(before.client, [{ name: 'restart-timer.bpmn', content: TIMER_PROCESS }]);
    const key = await startInstance(before, 'restart-timer');
    await stop(before);
    const after = await start(before.dataDir);
    expect(await stateOf(after, key)).toBe('ACTIVE');

    // when
    await after.client.pinInternalClock(pinnedAt + 2 * 3_600_000);

    // then
    await expect.poll(() => stateOf(after, key), { message: 'the timer to fire after the restart' }).toBe('COMPLETED');
    const timers = after.server.engine
      .eventsOf(Number(key))
      .filter((e) => e.valueType === 'TIMER')
      .map((e) => e.intent);
    expect(timers).toEqual(['CREATED', 'TRIGGERED']);
  });

  it('should fire a timer whose due date passed in real time right after a restart, without pinning the clock', async () => {
    // given: created with the clock pinned a day back, so the PT1H timer is due 23 hours before the real now
    const before = await start();
    await before.client.pinInternalClock(Date.now() - 24 * 3_600_000);
    await deploy(before.client, [{ name: 'restart-timer.bpmn', content: TIMER_PROCESS }]);
    const key = await startInstance(before, 'restart-timer');
    expect(await stateOf(before, key)).toBe('ACTIVE');
    await stop(before);

    // when
    const after = await start(before.dataDir);

    // then
    await expect.poll(() => stateOf(after, key), { message: 'the overdue timer to fire at start-up' }).toBe('COMPLETED');
    const completedEnd = after.server.engine
      .eventsOf(Number(key))
      .filter((e) => e.intent === 'ELEMENT_COMPLETED' && (e.record as { elementId?: string }).elementId === 'end');
    expect(completedEnd).toHaveLength(1);
  });
});

// helpers

async function start(dataDir?: string): Promise<EngineFixture> {
  const engine = await startEngine(dataDir ? { dataDir } : {});
  running.push(engine);
  return engine;
}

/** Stops the engine but keeps its data directory for the next start. */
async function stop(engine: EngineFixture): Promise<void> {
  running.splice(running.indexOf(engine), 1);
  await engine.stop({ keepData: true });
}

async function startInstance(engine: EngineFixture, processDefinitionId: string): Promise<string> {
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId, variables: {} });
  return processInstanceKey;
}

async function stateOf(engine: EngineFixture, processInstanceKey: string): Promise<string | undefined> {
  const { items } = await engine.client.searchProcessInstances({ filter: { processInstanceKey } });
  return items[0]?.state;
}
