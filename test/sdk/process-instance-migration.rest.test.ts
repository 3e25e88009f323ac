/**
 * Conformance: POST /v2/process-instances/{key}/migration through CamundaRestClient.migrateProcessInstance:
 * service tasks with their jobs, user tasks with their reminder timers, message catch events, sub-processes,
 * and Camunda 8.8's refusals (404, 400, 409). The outcomes are checked through /v2 searches (element instances,
 * user tasks, process instances), so the file runs against a cluster too; what only the embedded engine's event
 * log shows (the MIGRATED record, the timers' intents, that a refusal writes nothing) is checked in the last,
 * embedded-only block.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bpmnProcess, flow, serviceTask } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { TEST_CLUSTER } from '../support/test-cluster.js';
import { instanceActions } from '../support/instance-actions.js';
import { instanceProbes } from '../support/instance-probes.js';
import { problemOf } from '../support/problem-of.js';

let engine: EngineFixture;
const { stateOf, events } = instanceProbes(() => engine);
const { activateJob } = instanceActions(() => engine);

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine.stop();
});

describe('POST /v2/process-instances/{key}/migration', () => {
  it('should migrate a waiting service task to the next version, whose later tasks then run (the SDK suite case)', async () => {
    // given, when
    const { processInstanceKey, response, first, second, target } = await migrateWaitingServiceTask();

    // then
    expect(response).toBe('');
    expect(first.customHeaders).toEqual({ ProcessVersion: '1' });
    expect(second.customHeaders).toEqual({ ProcessVersion: '2' });
    await expect
      .poll(async () => (await engine.client.searchProcessInstances({ filter: { processInstanceKey } })).items[0])
      .toMatchObject({ processDefinitionVersion: 2, processDefinitionKey: target });
  });

  it('should keep a user task (same key, now of the new version) and its mapped reminder timer with its due date', async () => {
    // given
    const start = Date.parse('2026-03-02T01:00:00Z');
    await engine.client.pinInternalClock(start);
    try {
      const { processInstanceKey, before, v1, v2 } = await migrateReviewWithReminder([
        { sourceElementId: 'review', targetElementId: 'review' },
        { sourceElementId: 'remindOld', targetElementId: 'remindNew' },
      ]);

      // when
      await engine.client.pinInternalClock(start + 3 * 24 * 3600_000 + 1_000);

      // then
      await expect.poll(() => elementIdsOf(processInstanceKey), { message: 'the migrated reminder to fire' }).toContain('reminded');
      expect(await elementIdsOf(processInstanceKey)).toContain('remindNew');
      expect(await elementIdsOf(processInstanceKey)).not.toContain('remindOld');
      await expect
        .poll(async () => (await engine.client.getUserTask(before.userTaskKey)) as unknown as Record<string, unknown>)
        .toMatchObject({ userTaskKey: before.userTaskKey, state: 'CREATED', processDefinitionVersion: 2, name: '初审（新）' });
      expect(v1).not.toBe(v2);
    } finally {
      await engine.client.resetClock();
    }
  });

  it('should close an unmapped boundary timer and subscribe the target element’s own one', async () => {
    // given
    const start = Date.parse('2026-03-02T01:00:00Z');
    await engine.client.pinInternalClock(start);
    try {
      const { processInstanceKey } = await migrateReviewWithReminder([{ sourceElementId: 'review', targetElementId: 'review' }]);

      // when
      await engine.client.pinInternalClock(start + 3 * 24 * 3600_000 + 1_000);

      // then: the target's own timer fires; the closed one never does
      await expect.poll(() => elementIdsOf(processInstanceKey), { message: 'the target’s reminder to fire' }).toContain('reminded');
      const fired = (await engine.client.searchElementInstances({ filter: { processInstanceKey, type: 'BOUNDARY_EVENT' } })).items;
      expect(fired.map((e) => e.elementId)).toEqual(['remindNew']);
    } finally {
      await engine.client.resetClock();
    }
  });

  it('should migrate a waiting message catch event inside a sub-process, which then correlates in the new version', async () => {
    // given
    const processId = `wait-${randomUUID()}`;
    const message = `paid-${randomUUID()}`;
    const model = (endId: string) =>
      bpmnProcess(
        processId,
        `<bpmn:startEvent id="start"/><bpmn:subProcess id="sub"><bpmn:startEvent id="subStart"/>
           <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
           <bpmn:endEvent id="subEnd"/>${flow('s1', 'subStart', 'paid')}${flow('s2', 'paid', 'subEnd')}</bpmn:subProcess>
         <bpmn:endEvent id="${endId}"/>${flow('f1', 'start', 'sub')}${flow('f2', 'sub', endId)}`,
      ).replace('</bpmn:definitions>', `<bpmn:message id="m" name="${message}"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements></bpmn:message></bpmn:definitions>`);
    await deploy(engine.client, [{ name: 'wait.bpmn', content: model('endOld') }]);
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: { caseId: 'C-1' } });
    const v2 = await deploy(engine.client, [{ name: 'wait.bpmn', content: model('endNew') }]);

    // when
    await engine.client.migrateProcessInstance({
      processInstanceKey,
      targetProcessDefinitionKey: v2.processes[0]!.processDefinitionKey,
      mappingInstructions: [
        { sourceElementId: 'sub', targetElementId: 'sub' },
        { sourceElementId: 'paid', targetElementId: 'paid' },
      ],
    });
    await engine.client.correlateMessage({ name: message, correlationKey: 'C-1', variables: {} });

    // then
    await expect.poll(() => stateOf(processInstanceKey)).toBe('COMPLETED');
    await expect
      .poll(async () => (await engine.client.searchElementInstances({ filter: { processInstanceKey, type: 'END_EVENT' } })).items.map((e) => e.elementId).sort())
      .toEqual(['endNew', 'subEnd']);
  });

  it('should answer 404 for an unknown process instance or target definition', async () => {
    // given
    const { processInstanceKey } = await startTwoTaskInstance();

    // when
    const noInstance = await problemOf(
      engine.client.migrateProcessInstance({ processInstanceKey: '2251799813999981', targetProcessDefinitionKey: '2251799813999982', mappingInstructions: [] }),
    );
    const noTarget = await problemOf(
      engine.client.migrateProcessInstance({ processInstanceKey, targetProcessDefinitionKey: '2251799813999982', mappingInstructions: [] }),
    );

    // then
    expect(noInstance.status).toBe(404);
    expect(noTarget.status).toBe(404);
    expect(noTarget.body.detail).toContain('2251799813999982');
  });

  it.each([
    ['duplicate source ids', [{ sourceElementId: 'a', targetElementId: 'a' }, { sourceElementId: 'a', targetElementId: 'b' }], /duplicate source element ids 'a'/],
    ['an unknown source element', [{ sourceElementId: 'ghost', targetElementId: 'a' }], /non-existing source element id 'ghost'/],
    ['an unknown target element', [{ sourceElementId: 'a', targetElementId: 'ghost' }], /non-existing target element id 'ghost'/],
  ])('should answer 400 for %s', async (_, mappingInstructions, detail) => {
    // given
    const { processInstanceKey, target } = await startTwoTaskInstance();

    // when
    const problem = await problemOf(engine.client.migrateProcessInstance({ processInstanceKey, targetProcessDefinitionKey: target, mappingInstructions }));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toMatch(detail);
  });

  it.each([
    ['an active element without a mapping', [], /no mapping instruction defined for active element with id 'a'/],
    ['a task mapped to an element of another type', [{ sourceElementId: 'a', targetElementId: 'gate' }], /different type 'EXCLUSIVE_GATEWAY'/],
    ['a task moved into another flow scope', [{ sourceElementId: 'a', targetElementId: 'inner' }], /flow scope of active element with id 'a' is changed/],
    ['a boundary event detached from its task', [{ sourceElementId: 'a', targetElementId: 'a' }, { sourceElementId: 'aTimer', targetElementId: 'bTimer' }], /detach the boundary event/],
  ])('should answer 409 for %s and change nothing', async (_, mappingInstructions, detail) => {
    // given
    const { processInstanceKey, source, target } = await startTwoTaskInstance();
    await expect.poll(() => activeElementsOf(processInstanceKey)).toEqual([`a ${source}`]);

    // when
    const problem = await problemOf(engine.client.migrateProcessInstance({ processInstanceKey, targetProcessDefinitionKey: target, mappingInstructions }));

    // then
    expect(problem.status).toBe(409);
    expect(problem.body.title).toBe('INVALID_STATE');
    expect(problem.body.detail).toMatch(detail);
    expect(await activeElementsOf(processInstanceKey)).toEqual([`a ${source}`]);
    expect((await engine.client.searchProcessInstances({ filter: { processInstanceKey } })).items[0]).toMatchObject({ processDefinitionKey: source });
  });

  it('should answer 409 for an active element kind that cannot be migrated (an event-based gateway)', async () => {
    // given
    const processId = `gateway-${randomUUID()}`;
    const model = bpmnProcess(
      processId,
      `<bpmn:startEvent id="start"/><bpmn:eventBasedGateway id="choose"/>
       <bpmn:intermediateCatchEvent id="t1"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
       <bpmn:intermediateCatchEvent id="t2"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
       <bpmn:endEvent id="end"/>${flow('f1', 'start', 'choose')}${flow('f2', 'choose', 't1')}${flow('f3', 'choose', 't2')}${flow('f4', 't1', 'end')}${flow('f5', 't2', 'end')}`,
    );
    const { processes } = await deploy(engine.client, [{ name: 'gateway.bpmn', content: model }]);
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });

    // when
    const problem = await problemOf(
      engine.client.migrateProcessInstance({
        processInstanceKey,
        targetProcessDefinitionKey: processes[0]!.processDefinitionKey,
        mappingInstructions: [{ sourceElementId: 'choose', targetElementId: 'choose' }],
      }),
    );

    // then
    expect(problem.status).toBe(409);
    expect(problem.body.detail).toMatch(/The migration of a EVENT_BASED_GATEWAY is not supported/);
  });
});

// the embedded engine's event log: what no /v2 search shows
describe.skipIf(TEST_CLUSTER)('migration in the event log (embedded engine only)', () => {
  it('should record the migration as PROCESS_INSTANCE_MIGRATION MIGRATED', async () => {
    // given, when
    const { processInstanceKey } = await migrateWaitingServiceTask();

    // then
    expect(events(processInstanceKey).some((e) => e.valueType === 'PROCESS_INSTANCE_MIGRATION' && e.intent === 'MIGRATED')).toBe(true);
  });

  it('should migrate a mapped reminder timer (created, migrated, triggered)', async () => {
    // given
    const start = Date.parse('2026-03-02T01:00:00Z');
    await engine.client.pinInternalClock(start);
    try {
      const { processInstanceKey } = await migrateReviewWithReminder([
        { sourceElementId: 'review', targetElementId: 'review' },
        { sourceElementId: 'remindOld', targetElementId: 'remindNew' },
      ]);

      // when
      await engine.client.pinInternalClock(start + 3 * 24 * 3600_000 + 1_000);

      // then
      await expect.poll(() => events(processInstanceKey).filter((e) => e.valueType === 'TIMER').map((e) => e.intent)).toEqual(['CREATED', 'MIGRATED', 'TRIGGERED']);
    } finally {
      await engine.client.resetClock();
    }
  });

  it('should cancel an unmapped boundary timer and create the target element’s own one', async () => {
    // given, when
    const { processInstanceKey } = await migrateReviewWithReminder([{ sourceElementId: 'review', targetElementId: 'review' }]);

    // then
    const timers = events(processInstanceKey).filter((e) => e.valueType === 'TIMER');
    expect(timers.map((e) => `${e.intent} ${(e.record as { elementId: string }).elementId}`)).toEqual([
      'CREATED remindOld',
      'CANCELED remindOld',
      'CREATED remindNew',
    ]);
  });

  it('should write no event for a refused migration', async () => {
    // given
    const { processInstanceKey, target } = await startTwoTaskInstance();
    const before = events(processInstanceKey).length;

    // when
    const problem = await problemOf(engine.client.migrateProcessInstance({ processInstanceKey, targetProcessDefinitionKey: target, mappingInstructions: [] }));

    // then
    expect(problem.status).toBe(409);
    expect(events(processInstanceKey)).toHaveLength(before);
  });
});

// helpers

/** Version 1 waits at `checkpoint` after `task1` ran; migrated to version 2, whose `task2` then runs. */
async function migrateWaitingServiceTask() {
  const processId = `migrant-${randomUUID()}`;
  const type = `migrant-${randomUUID()}`;
  const version = (n: number) =>
    bpmnProcess(
      processId,
      `<bpmn:startEvent id="start"/>
       ${serviceTask('task1', `${type}-1`, `<zeebe:taskHeaders><zeebe:header key="ProcessVersion" value="${n}"/></zeebe:taskHeaders>`)}
       ${serviceTask('checkpoint', `${type}-checkpoint`)}
       ${serviceTask('task2', `${type}-2`, `<zeebe:taskHeaders><zeebe:header key="ProcessVersion" value="${n}"/></zeebe:taskHeaders>`)}
       <bpmn:endEvent id="end"/>${flow('f1', 'start', 'task1')}${flow('f2', 'task1', 'checkpoint')}${flow('f3', 'checkpoint', 'task2')}${flow('f4', 'task2', 'end')}`,
    );
  await deploy(engine.client, [{ name: 'migrant.bpmn', content: version(1) }]);
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });
  const first = await activateJob(`${type}-1`, processInstanceKey);
  await engine.client.completeJob({ jobKey: first.jobKey, variables: {} });
  const v2 = await deploy(engine.client, [{ name: 'migrant.bpmn', content: version(2) }]);
  const target = v2.processes[0]!.processDefinitionKey;
  const response = await engine.client.migrateProcessInstance({
    processInstanceKey,
    targetProcessDefinitionKey: target,
    mappingInstructions: [{ sourceElementId: 'checkpoint', targetElementId: 'checkpoint' }],
  });
  const checkpoint = await activateJob(`${type}-checkpoint`, processInstanceKey);
  await engine.client.completeJob({ jobKey: checkpoint.jobKey, variables: {} });
  const second = await activateJob(`${type}-2`, processInstanceKey);
  return { processInstanceKey, response, first, second, target };
}

/** A review task with the reminder `remindOld` (P3D), migrated to a version whose reminder is `remindNew`. */
async function migrateReviewWithReminder(mappingInstructions: { sourceElementId: string; targetElementId: string }[]) {
  const processId = `review-${randomUUID()}`;
  const v1 = await deploy(engine.client, [{ name: 'review.bpmn', content: reviewProcess(processId, '初审', 'remindOld') }]);
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });
  const before = await vi.waitFor(
    async () => {
      const [task] = (await engine.client.searchUserTasks({ filter: { processInstanceKey } })).items;
      if (!task) throw new Error('the review task is not found by a search yet');
      return task;
    },
    { timeout: 10_000, interval: 25 },
  );
  const v2 = await deploy(engine.client, [{ name: 'review.bpmn', content: reviewProcess(processId, '初审（新）', 'remindNew') }]);
  await engine.client.migrateProcessInstance({ processInstanceKey, targetProcessDefinitionKey: v2.processes[0]!.processDefinitionKey, mappingInstructions });
  return { processInstanceKey, before, v1: v1.processes[0]!.processDefinitionKey, v2: v2.processes[0]!.processDefinitionKey };
}

/** The ids of every element instance of the instance (a search: what a cluster shows too). */
async function elementIdsOf(processInstanceKey: string): Promise<string[]> {
  const { items } = await engine.client.searchElementInstances({ filter: { processInstanceKey }, page: { limit: 100 } } as never);
  return items.map((item) => item.elementId);
}

/** The active element instances as `elementId processDefinitionKey`. */
async function activeElementsOf(processInstanceKey: string): Promise<string[]> {
  const { items } = await engine.client.searchElementInstances({ filter: { processInstanceKey, state: 'ACTIVE' } });
  return items.filter((item) => item.type !== 'PROCESS').map((item) => `${item.elementId} ${item.processDefinitionKey}`);
}

function reviewProcess(processId: string, taskName: string, reminderId: string): string {
  return bpmnProcess(
    processId,
    `<bpmn:startEvent id="start"/>
     <bpmn:userTask id="review" name="${taskName}"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
     <bpmn:boundaryEvent id="${reminderId}" cancelActivity="false" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
     <bpmn:endEvent id="reminded"/><bpmn:endEvent id="end"/>
     ${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}${flow(`${reminderId}Flow`, reminderId, 'reminded')}`,
  );
}

/** Source: `a` (with boundary `aTimer`) then `b` (with `bTimer`); the target adds a gateway and a sub-process holding `inner`. */
async function startTwoTaskInstance() {
  const processId = `two-${randomUUID()}`;
  const type = `two-${randomUUID()}`;
  const timer = (id: string, host: string) =>
    `<bpmn:boundaryEvent id="${id}" cancelActivity="false" attachedToRef="${host}"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent><bpmn:endEvent id="${id}End"/>${flow(`${id}Flow`, id, `${id}End`)}`;
  const source = bpmnProcess(
    processId,
    `<bpmn:startEvent id="start"/>${serviceTask('a', `${type}-a`)}${serviceTask('b', `${type}-b`)}${timer('aTimer', 'a')}${timer('bTimer', 'b')}<bpmn:endEvent id="end"/>
     ${flow('f1', 'start', 'a')}${flow('f2', 'a', 'b')}${flow('f3', 'b', 'end')}`,
  );
  const target = bpmnProcess(
    processId,
    `<bpmn:startEvent id="start"/>${serviceTask('a', `${type}-a`)}${serviceTask('b', `${type}-b`)}${timer('aTimer', 'a')}${timer('bTimer', 'b')}
     <bpmn:exclusiveGateway id="gate"/><bpmn:subProcess id="sub"><bpmn:startEvent id="subStart"/>${serviceTask('inner', `${type}-inner`)}${flow('s1', 'subStart', 'inner')}</bpmn:subProcess>
     <bpmn:endEvent id="end"/>${flow('f1', 'start', 'a')}${flow('f2', 'a', 'b')}${flow('f3', 'b', 'gate')}${flow('f4', 'gate', 'sub')}${flow('f5', 'sub', 'end')}`,
  );
  const v1 = await deploy(engine.client, [{ name: 'two.bpmn', content: source }]);
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });
  const { processes } = await deploy(engine.client, [{ name: 'two.bpmn', content: target }]);
  return { processInstanceKey, source: v1.processes[0]!.processDefinitionKey, target: processes[0]!.processDefinitionKey };
}
