/**
 * Call activity (`zeebe:calledElement`), black-box through @camunda8/sdk: variables passed down and back, the
 * call hierarchy, boundary events that terminate the child, errors caught across the call, a missing called
 * process, and cancellation (Zeebe's CallActivityTest; camunda-api.md section 4, Call activity).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow, serviceTask } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { instanceActions } from '../../support/instance-actions.js';
import { instanceProbes } from '../../support/instance-probes.js';

const T0 = Date.parse('2030-04-01T08:00:00.000Z');
const HOUR = 3_600_000;

let engine: EngineFixture;
const { variablesIn, activeIncidents } = instanceProbes(() => engine);
const { startInstance } = instanceActions(() => engine);

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    { name: 'call-activity.child.bpmn', content: childProcess() },
    { name: 'call-activity.user-task-child.bpmn', content: userTaskChildProcess() },
    { name: 'call-activity.parent.bpmn', content: parentProcess('ca-parent', 'ca-child', '') },
    {
      name: 'call-activity.output-mappings.bpmn',
      content: parentProcess(
        'ca-parent-outputs',
        'ca-child',
        'propagateAllChildVariables="false"',
        '<zeebe:ioMapping><zeebe:output source="=result" target="childResult"/></zeebe:ioMapping>',
      ),
    },
    { name: 'call-activity.no-child-variables.bpmn', content: parentProcess('ca-parent-no-child-vars', 'ca-child', 'propagateAllChildVariables="false"') },
    {
      name: 'call-activity.input-mappings.bpmn',
      content: parentProcess(
        'ca-parent-inputs',
        'ca-child',
        'propagateAllParentVariables="false"',
        '<zeebe:ioMapping><zeebe:input source="=order.id" target="orderId"/></zeebe:ioMapping>',
      ),
    },
    { name: 'call-activity.root.bpmn', content: parentProcess('ca-root', 'ca-parent', '', '', 'Root process') },
    { name: 'call-activity.timer-boundary.bpmn', content: timerBoundaryParent() },
    { name: 'call-activity.error-boundary.bpmn', content: errorBoundaryParent() },
    { name: 'call-activity.missing-child.bpmn', content: parentProcess('ca-parent-missing', 'ca-late-child', '') },
  ]);
});

afterAll(async () => {
  await engine.client.resetClock();
  await engine.stop();
});

describe('call activity', () => {
  it('should start the child at its none start event and return all its variables', async () => {
    // given
    const key = await startInstance('ca-parent', { applicant: '赵六' });
    const job = await activateJob('ca-child-work');
    const childKey = job.processInstanceKey;
    expect(childKey).not.toBe(key);
    expect(job.variables).toEqual({ applicant: '赵六' });

    // when
    await engine.client.completeJob({ jobKey: job.jobKey, variables: { result: 'approved', extra: 1 } });

    // then
    expect(await stateOf(childKey)).toBe('COMPLETED');
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(await variablesIn(key)).toEqual({ applicant: '赵六', result: 'approved', extra: 1 });
    expect(lifecycleOf(key, 'call')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect((await elementInstances(key, 'call'))[0]).toMatchObject({ type: 'CALL_ACTIVITY', state: 'COMPLETED' });
  });

  it('should return only the output mappings with propagateAllChildVariables="false"', async () => {
    // given
    const key = await startInstance('ca-parent-outputs', { applicant: 'a-2' });
    const job = await activateJob('ca-child-work');

    // when
    await engine.client.completeJob({ jobKey: job.jobKey, variables: { result: 'rejected', extra: 2 } });

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(await variablesIn(key)).toEqual({ applicant: 'a-2', childResult: 'rejected' });
  });

  it('should return no variables with propagateAllChildVariables="false" and no output mappings', async () => {
    // given
    const key = await startInstance('ca-parent-no-child-vars', { applicant: 'a-3' });
    const job = await activateJob('ca-child-work');

    // when
    await engine.client.completeJob({ jobKey: job.jobKey, variables: { result: 'approved' } });

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(await variablesIn(key)).toEqual({ applicant: 'a-3' });
  });

  it('should pass only the input mappings with propagateAllParentVariables="false"', async () => {
    // given
    // when
    const key = await startInstance('ca-parent-inputs', { order: { id: 'o-9', total: 12 }, secret: 's' });

    // then
    const job = await activateJob('ca-child-work');
    expect(job.variables).toEqual({ orderId: 'o-9' });
    expect(await variablesIn(job.processInstanceKey)).toEqual({ orderId: 'o-9' });
    await engine.client.completeJob({ jobKey: job.jobKey, variables: {} });
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should link the child to its parent and call activity', async () => {
    // given
    const key = await startInstance('ca-parent', {});
    const job = await activateJob('ca-child-work');
    const callKey = (await elementInstances(key, 'call'))[0]!.elementInstanceKey;

    // when
    const child = await getProcessInstance(job.processInstanceKey);

    // then
    expect(child).toMatchObject({
      processDefinitionId: 'ca-child',
      state: 'ACTIVE',
      parentProcessInstanceKey: key,
      parentElementInstanceKey: callKey,
    });
    expect((await getProcessInstance(key)).parentProcessInstanceKey).toBeUndefined();
    const { items } = await engine.client.searchProcessInstances({ filter: { parentProcessInstanceKey: key } });
    expect(items.map((i) => i.processInstanceKey)).toEqual([job.processInstanceKey]);
    await engine.client.completeJob({ jobKey: job.jobKey, variables: {} });
  });

  it('should answer the call hierarchy root first', async () => {
    // given
    const rootKey = await startInstance('ca-root', {});
    const job = await activateJob('ca-child-work');
    const childKey = job.processInstanceKey;
    const parentKey = (await getProcessInstance(childKey)).parentProcessInstanceKey!;

    // when
    const hierarchy = await callHierarchy(childKey);

    // then
    expect(hierarchy).toEqual([
      { processInstanceKey: rootKey, processDefinitionKey: await definitionKeyOf(rootKey), processDefinitionName: 'Root process' },
      { processInstanceKey: parentKey, processDefinitionKey: await definitionKeyOf(parentKey), processDefinitionName: 'ca-parent' },
      { processInstanceKey: childKey, processDefinitionKey: await definitionKeyOf(childKey), processDefinitionName: 'ca-child' },
    ]);
    expect(await callHierarchy(rootKey)).toHaveLength(1);
    await engine.client.completeJob({ jobKey: job.jobKey, variables: {} });
    expect(await stateOf(rootKey)).toBe('COMPLETED');
  });

  it('should terminate the child when an interrupting timer boundary on the call activity fires', async () => {
    // given
    await engine.client.pinInternalClock(T0);
    const key = await startInstance('ca-parent-timer', {});
    const task = await userTaskOfChildOf(key);

    // when
    await engine.client.pinInternalClock(T0 + 2 * HOUR);

    // then
    await expect.poll(() => stateOf(key)).toBe('COMPLETED');
    expect(await stateOf(task.processInstanceKey)).toBe('TERMINATED');
    expect(await engine.client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CANCELED' });
    expect(lifecycleOf(key, 'call')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycleOf(key, 'timed-out')).toContain('ELEMENT_COMPLETED');
    expect(lifecycleOf(task.processInstanceKey, 'review').at(-1)).toBe('ELEMENT_TERMINATED');
  });

  it('should catch an error thrown in the child with an error boundary on the call activity', async () => {
    // given
    const key = await startInstance('ca-parent-error', {});
    const job = await activateJob('ca-child-work');

    // when
    await engine.client.errorJob({ jobKey: job.jobKey, errorCode: 'CHILD_FAILED', errorMessage: '审核失败', variables: { why: 'fraud' } });

    // then
    expect(await stateOf(job.processInstanceKey)).toBe('TERMINATED');
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(lifecycleOf(key, 'call').at(-1)).toBe('ELEMENT_TERMINATED');
    expect(lifecycleOf(key, 'child-failed')).toContain('ELEMENT_COMPLETED');
    expect(lifecycleOf(key, 'failed-end')).toContain('ELEMENT_COMPLETED');
    expect(lifecycleOf(key, 'ok-end')).toEqual([]);
    expect(await variablesIn(key)).toMatchObject({ why: 'fraud' });
    expect(await activeIncidents(key)).toEqual([]);
    expect(await activeIncidents(job.processInstanceKey)).toEqual([]);
  });

  it('should raise CALLED_ELEMENT_ERROR for a process that is not deployed, and continue once it is and the incident is resolved', async () => {
    // given
    const key = await startInstance('ca-parent-missing', { applicant: 'late' });
    const [incident] = await activeIncidents(key);
    expect(incident).toMatchObject({ errorType: 'CALLED_ELEMENT_ERROR', elementId: 'call', state: 'ACTIVE' });
    expect(incident!.errorMessage).toContain('ca-late-child');
    expect(lifecycleOf(key, 'call')).toEqual(['ELEMENT_ACTIVATING']);

    // when
    await deploy(engine.client, [{ name: 'call-activity.late-child.bpmn', content: childProcess('ca-late-child', 'ca-late-child-work') }]);
    await engine.client.resolveIncident(incident!.incidentKey);

    // then
    expect(await activeIncidents(key)).toEqual([]);
    const job = await activateJob('ca-late-child-work');
    expect(job.variables).toEqual({ applicant: 'late' });
    expect((await getProcessInstance(job.processInstanceKey)).parentProcessInstanceKey).toBe(key);
    await engine.client.completeJob({ jobKey: job.jobKey, variables: { done: true } });
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(await variablesIn(key)).toEqual({ applicant: 'late', done: true });
  });

  it('should NOT cancel the child directly (409), and cancelling the root cancels both', async () => {
    // given
    const key = await startInstance('ca-parent', {});
    const job = await activateJob('ca-child-work');
    const childKey = job.processInstanceKey;

    // when
    const rejection = await engine.client.cancelProcessInstance({ processInstanceKey: childKey }).then(
      () => undefined,
      (error: unknown) => error as { statusCode?: number },
    );

    // then
    expect(rejection?.statusCode).toBe(409);
    expect(await stateOf(childKey)).toBe('ACTIVE');
    expect(await stateOf(key)).toBe('ACTIVE');

    // when
    await engine.client.cancelProcessInstance({ processInstanceKey: key });

    // then
    expect(await stateOf(key)).toBe('TERMINATED');
    expect(await stateOf(childKey)).toBe('TERMINATED');
    expect(lifecycleOf(childKey, 'child-work').at(-1)).toBe('ELEMENT_TERMINATED');
    await expect(engine.client.completeJob({ jobKey: job.jobKey, variables: {} })).rejects.toMatchObject({ statusCode: 404 });
  });
});

// helpers

function childProcess(processId = 'ca-child', jobType = 'ca-child-work'): string {
  return bpmnProcess(
    processId,
    `<bpmn:startEvent id="child-start"/>
    ${serviceTask('child-work', jobType)}
    <bpmn:endEvent id="child-end"/>
    ${flow('c1', 'child-start', 'child-work')}
    ${flow('c2', 'child-work', 'child-end')}`,
  );
}

function userTaskChildProcess(): string {
  return bpmnProcess(
    'ca-user-task-child',
    `<bpmn:startEvent id="child-start"/>
    <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="child-end"/>
    ${flow('c1', 'child-start', 'review')}
    ${flow('c2', 'review', 'child-end')}`,
  );
}

function callActivity(calledProcessId: string, attributes: string, extra = ''): string {
  return `<bpmn:callActivity id="call"><bpmn:extensionElements>
      <zeebe:calledElement processId="${calledProcessId}" ${attributes}/>${extra}
    </bpmn:extensionElements></bpmn:callActivity>`;
}

function parentProcess(processId: string, calledProcessId: string, attributes: string, extra = '', name = processId): string {
  return bpmnProcess(
    processId,
    `<bpmn:startEvent id="start"/>
    ${callActivity(calledProcessId, attributes, extra)}
    <bpmn:endEvent id="end"/>
    ${flow('f1', 'start', 'call')}
    ${flow('f2', 'call', 'end')}`,
    name,
  );
}

function timerBoundaryParent(): string {
  return bpmnProcess(
    'ca-parent-timer',
    `<bpmn:startEvent id="start"/>
    ${callActivity('ca-user-task-child', '')}
    <bpmn:boundaryEvent id="timeout" attachedToRef="call">
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="end"/>
    <bpmn:endEvent id="timed-out"/>
    ${flow('f1', 'start', 'call')}
    ${flow('f2', 'call', 'end')}
    ${flow('f3', 'timeout', 'timed-out')}`,
  );
}

function errorBoundaryParent(): string {
  return bpmnProcess(
    'ca-parent-error',
    `<bpmn:startEvent id="start"/>
    ${callActivity('ca-child', '')}
    <bpmn:boundaryEvent id="child-failed" attachedToRef="call"><bpmn:errorEventDefinition errorRef="error-child"/></bpmn:boundaryEvent>
    <bpmn:endEvent id="ok-end"/>
    <bpmn:endEvent id="failed-end"/>
    ${flow('f1', 'start', 'call')}
    ${flow('f2', 'call', 'ok-end')}
    ${flow('f3', 'child-failed', 'failed-end')}`,
  ).replace('</bpmn:process>', '</bpmn:process><bpmn:error id="error-child" errorCode="CHILD_FAILED"/>');
}

/** Activates the one job of `type` that is waiting (the tests run one at a time). */
async function activateJob(type: string) {
  const jobs = await engine.client.activateJobs({ type, worker: 'test', timeout: 60_000, maxJobsToActivate: 10, requestTimeout: -1 });
  expect(jobs).toHaveLength(1);
  return jobs[0]!;
}

/** The one open user task of the child instance that the call activity of `parentKey` started. */
async function userTaskOfChildOf(parentKey: string) {
  const { items: children } = await engine.client.searchProcessInstances({ filter: { parentProcessInstanceKey: parentKey } });
  expect(children).toHaveLength(1);
  const { items } = await engine.client.searchUserTasks({ filter: { processInstanceKey: children[0]!.processInstanceKey, state: 'CREATED' } });
  expect(items).toHaveLength(1);
  return items[0]!;
}

interface ProcessInstance {
  processInstanceKey: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  state: string;
  parentProcessInstanceKey?: string;
  parentElementInstanceKey?: string;
}

function getProcessInstance(key: string): Promise<ProcessInstance> {
  return engine.client.callApiEndpoint<never, ProcessInstance>({ method: 'GET', urlPath: `process-instances/${key}` });
}

function callHierarchy(key: string) {
  return engine.client.callApiEndpoint<never, unknown[]>({ method: 'GET', urlPath: `process-instances/${key}/call-hierarchy` });
}

async function definitionKeyOf(processInstanceKey: string): Promise<string> {
  return (await getProcessInstance(processInstanceKey)).processDefinitionKey;
}

async function elementInstances(processInstanceKey: string, elementId: string) {
  const { items } = await engine.client.searchElementInstances({ filter: { processInstanceKey, elementId } });
  return items;
}

async function stateOf(processInstanceKey: string): Promise<string | undefined> {
  return (await getProcessInstance(processInstanceKey)).state;
}

function lifecycleOf(processInstanceKey: string, elementId: string): string[] {
  return engine.server.engine
    .eventsOf(Number(processInstanceKey))
    .filter((e) => e.valueType === 'PROCESS_INSTANCE' && (e.record as { elementId?: string }).elementId === elementId)
    .map((e) => e.intent);
}
