/**
 * Conformance: POST /v2/process-instances/{key}/migration through CamundaRestClient.migrateProcessInstance:
 * service tasks with their jobs, user tasks with their reminder timers, message catch events, sub-processes,
 * and Camunda 8.8's refusals (404, 400, 409).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow, serviceTask } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { TEST_CLUSTER } from '../support/test-cluster.js';
import { instanceActions } from '../support/instance-actions.js';
import { instanceProbes } from '../support/instance-probes.js';
import { problemOf } from '../support/problem-of.js';

let engine: EngineFixture;
const { stateOf, events, takenFlows } = instanceProbes(() => engine);
const { activateJob } = instanceActions(() => engine);

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine.stop();
});

describe('POST /v2/process-instances/{key}/migration', () => {
  // skipped against a cluster (EMBEDDED_ONLY): needs the engine's event log
  it.skipIf(TEST_CLUSTER)('should migrate a waiting service task to the next version, whose later tasks then run (the SDK suite case)', async () => {
    // given
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

    // when
    const response = await engine.client.migrateProcessInstance({
      processInstanceKey,
      targetProcessDefinitionKey: v2.processes[0]!.processDefinitionKey,
      mappingInstructions: [{ sourceElementId: 'checkpoint', targetElementId: 'checkpoint' }],
    });
    const checkpoint = await activateJob(`${type}-checkpoint`, processInstanceKey);
    await engine.client.completeJob({ jobKey: checkpoint.jobKey, variables: {} });
    const second = await activateJob(`${type}-2`, processInstanceKey);

    // then
    expect(response).toBe('');
    expect(first.customHeaders).toEqual({ ProcessVersion: '1' });
    expect(second.customHeaders).toEqual({ ProcessVersion: '2' });
    const { items } = await engine.client.searchProcessInstances({ filter: { processInstanceKey } });
    expect(items[0]).toMatchObject({ processDefinitionVersion: 2, processDefinitionKey: v2.processes[0]!.processDefinitionKey });
    expect(events(processInstanceKey).some((e) => e.valueType === 'PROCESS_INSTANCE_MIGRATION' && e.intent === 'MIGRATED')).toBe(true);
  });

  // skipped against a cluster (EMBEDDED_ONLY): needs the engine's event log
  it.skipIf(TEST_CLUSTER)('should keep a user task (same key, now of the new version) and its mapped reminder timer with its due date', async () => {
    // given
    const start = Date.parse('2026-03-02T01:00:00Z');
    await engine.client.pinInternalClock(start);
    try {
      const processId = `review-${randomUUID()}`;
      const v1 = await deploy(engine.client, [{ name: 'review.bpmn', content: reviewProcess(processId, '初审', 'remindOld') }]);
      const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });
      const before = (await engine.client.searchUserTasks({ filter: { processInstanceKey } })).items[0]!;
      const v2 = await deploy(engine.client, [{ name: 'review.bpmn', content: reviewProcess(processId, '初审（新）', 'remindNew') }]);

      // when
      await engine.client.migrateProcessInstance({
        processInstanceKey,
        targetProcessDefinitionKey: v2.processes[0]!.processDefinitionKey,
        mappingInstructions: [
          { sourceElementId: 'review', targetElementId: 'review' },
          { sourceElementId: 'remindOld', targetElementId: 'remindNew' },
        ],
      });
      await engine.client.pinInternalClock(start + 3 * 24 * 3600_000 + 1_000);
      await expect.poll(() => takenFlows(processInstanceKey), { message: 'the migrated reminder to fire' }).toContain('remindNewFlow');

      // then
      const after = (await engine.client.getUserTask(before.userTaskKey)) as unknown as Record<string, unknown>;
      expect(after).toMatchObject({ userTaskKey: before.userTaskKey, state: 'CREATED', processDefinitionVersion: 2, name: '初审（新）' });
      expect(v1.processes[0]!.processDefinitionKey).not.toBe(v2.processes[0]!.processDefinitionKey);
      const timers = events(processInstanceKey).filter((e) => e.valueType === 'TIMER').map((e) => e.intent);
      expect(timers).toEqual(['CREATED', 'MIGRATED', 'TRIGGERED']);
    } finally {
      await engine.client.resetClock();
    }
  });

  // skipped against a cluster (EMBEDDED_ONLY): needs the engine's event log
  it.skipIf(TEST_CLUSTER)('should close an unmapped boundary timer and subscribe the target element’s own one', async () => {
    // given
    const processId = `review-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'review.bpmn', content: reviewProcess(processId, '初审', 'remindOld') }]);
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });
    const v2 = await deploy(engine.client, [{ name: 'review.bpmn', content: reviewProcess(processId, '初审', 'remindNew') }]);

    // when
    await engine.client.migrateProcessInstance({
      processInstanceKey,
      targetProcessDefinitionKey: v2.processes[0]!.processDefinitionKey,
      mappingInstructions: [{ sourceElementId: 'review', targetElementId: 'review' }],
    });

    // then
    const timers = events(processInstanceKey).filter((e) => e.valueType === 'TIMER');
    expect(timers.map((e) => `${e.intent} ${(e.record as { elementId: string }).elementId}`)).toEqual([
      'CREATED remindOld',
      'CANCELED remindOld',
      'CREATED remindNew',
    ]);
  });

  // skipped against a cluster (EMBEDDED_ONLY): needs the engine's event log
  it.skipIf(TEST_CLUSTER)('should migrate a waiting message catch event inside a sub-process, which then correlates in the new version', async () => {
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
    expect(await stateOf(processInstanceKey)).toBe('COMPLETED');
    expect(takenFlows(processInstanceKey)).toContain('f2');
    const ends = await engine.client.searchElementInstances({ filter: { processInstanceKey, type: 'END_EVENT' } });
    expect(ends.items.map((e) => e.elementId).sort()).toEqual(['endNew', 'subEnd']);
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

  // skipped against a cluster (EMBEDDED_ONLY): needs the engine's event log
  it.skipIf(TEST_CLUSTER).each([
    ['an active element without a mapping', [], /no mapping instruction defined for active element with id 'a'/],
    ['a task mapped to an element of another type', [{ sourceElementId: 'a', targetElementId: 'gate' }], /different type 'EXCLUSIVE_GATEWAY'/],
    ['a task moved into another flow scope', [{ sourceElementId: 'a', targetElementId: 'inner' }], /flow scope of active element with id 'a' is changed/],
    ['a boundary event detached from its task', [{ sourceElementId: 'a', targetElementId: 'a' }, { sourceElementId: 'aTimer', targetElementId: 'bTimer' }], /detach the boundary event/],
  ])('should answer 409 for %s and change nothing', async (_, mappingInstructions, detail) => {
    // given
    const { processInstanceKey, target } = await startTwoTaskInstance();
    const before = events(processInstanceKey).length;

    // when
    const problem = await problemOf(engine.client.migrateProcessInstance({ processInstanceKey, targetProcessDefinitionKey: target, mappingInstructions }));

    // then
    expect(problem.status).toBe(409);
    expect(problem.body.title).toBe('INVALID_STATE');
    expect(problem.body.detail).toMatch(detail);
    expect(events(processInstanceKey)).toHaveLength(before);
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

// helpers

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
  await deploy(engine.client, [{ name: 'two.bpmn', content: source }]);
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });
  const { processes } = await deploy(engine.client, [{ name: 'two.bpmn', content: target }]);
  return { processInstanceKey, target: processes[0]!.processDefinitionKey };
}
