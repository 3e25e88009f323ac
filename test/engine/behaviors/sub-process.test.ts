/**
 * Embedded sub-processes and event sub-processes, black-box through @camunda8/sdk: variable scopes, completion,
 * boundary events on the sub-process, and timer / message / error event sub-processes (Zeebe's
 * EmbeddedSubProcessTest and EventSubProcessTest; camunda-api.md section 4, Timers, Messages and Errors).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow, serviceTask } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { instanceActions } from '../../support/instance-actions.js';
import { instanceProbes } from '../../support/instance-probes.js';

const T0 = Date.parse('2030-03-01T08:00:00.000Z');
const MINUTE = 60_000;

let engine: EngineFixture;
const { stateOf, variablesIn, activeIncidents } = instanceProbes(() => engine);
const { startInstance, activatableJobs, activateJob } = instanceActions(() => engine);

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    { name: 'sub-process.scopes.bpmn', content: scopesProcess() },
    { name: 'sub-process.timer-boundary.bpmn', content: timerBoundaryProcess() },
    { name: 'sub-process.error-boundary.bpmn', content: errorBoundaryProcess() },
    { name: 'sub-process.timer-event-sub-process.bpmn', content: timerEventSubProcess() },
    { name: 'sub-process.message-event-sub-process.bpmn', content: messageEventSubProcess() },
    { name: 'sub-process.error-end-event-sub-process.bpmn', content: errorEndEventSubProcess() },
    { name: 'sub-process.job-error-event-sub-process.bpmn', content: jobErrorEventSubProcess() },
    { name: 'sub-process.rethrow-event-sub-process.bpmn', content: rethrowEventSubProcess() },
  ]);
});

afterAll(async () => {
  await engine.client.resetClock();
  await engine.stop();
});

describe('embedded sub-process', () => {
  it('should keep input-mapped variables local to the sub-process and propagate the others', async () => {
    // given
    const key = await startInstance('sub-process-scopes', { amount: 21 });
    const subProcessKey = await elementInstanceKey(key, 'sub');

    // when
    const inner = await activateJob('sp-scopes-inner', key);
    await engine.client.completeJob({ jobKey: inner.jobKey, variables: { doubled: 99, verdict: 'ok' } });

    // then
    expect(inner.variables).toEqual({ amount: 21, doubled: 42 });
    expect(await variablesIn(subProcessKey)).toEqual({ doubled: 99 });
    expect(await variablesIn(key)).toEqual({ amount: 21, verdict: 'ok' });
    const after = await activateJob('sp-scopes-after', key);
    expect(after.variables).toEqual({ amount: 21, verdict: 'ok' });
    await engine.client.completeJob({ jobKey: after.jobKey, variables: {} });
  });

  it('should complete when its inner end event is reached and continue after it', async () => {
    // given
    const key = await startInstance('sub-process-scopes', { amount: 1 });
    const inner = await activateJob('sp-scopes-inner', key);
    expect(lifecycleOf(key, 'sub')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);

    // when
    await engine.client.completeJob({ jobKey: inner.jobKey, variables: {} });

    // then
    expect(lifecycleOf(key, 'sub')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    const after = await activateJob('sp-scopes-after', key);
    await engine.client.completeJob({ jobKey: after.jobKey, variables: {} });
    expect(completionOrder(key)).toEqual(['start', 'sub-start', 'inner', 'sub-end', 'sub', 'after', 'end', 'sub-process-scopes']);
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should terminate the inner user task when a timer boundary on the sub-process fires', async () => {
    // given
    await engine.client.pinInternalClock(T0);
    const key = await startInstance('sub-process-timer-boundary', {});
    const task = await userTaskOf(key);

    // when
    await engine.client.pinInternalClock(T0 + 61 * MINUTE);

    // then
    await expect.poll(() => stateOf(key)).toBe('COMPLETED');
    expect(await engine.client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CANCELED' });
    expect(lifecycleOf(key, 'review')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycleOf(key, 'sub')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycleOf(key, 'timeout').at(-1)).toBe('ELEMENT_COMPLETED');
    expect(lifecycleOf(key, 'timed-out')).toContain('ELEMENT_COMPLETED');
    expect(lifecycleOf(key, 'done')).toEqual([]);
  });

  it('should NOT fire the timer boundary once the sub-process completed', async () => {
    // given
    await engine.client.pinInternalClock(T0);
    const key = await startInstance('sub-process-timer-boundary', {});
    const task = await userTaskOf(key);
    await engine.client.completeUserTask({ userTaskKey: task.userTaskKey, variables: {} });
    expect(await stateOf(key)).toBe('COMPLETED');

    // when
    await engine.client.pinInternalClock(T0 + 120 * MINUTE);

    // then
    expect(lifecycleOf(key, 'timeout')).toEqual([]);
    expect(lifecycleOf(key, 'done')).toContain('ELEMENT_COMPLETED');
  });

  it('should catch an error thrown by a job inside with an error boundary on the sub-process', async () => {
    // given
    const key = await startInstance('sub-process-error-boundary', {});
    const job = await activateJob('sp-error-risky', key);

    // when
    await engine.client.errorJob({ jobKey: job.jobKey, errorCode: 'REJECTED', errorMessage: '材料不全', variables: { reason: 'missing-id' } });

    // then
    const handler = await activateJob('sp-error-handle', key);
    expect(handler.variables).toMatchObject({ reason: 'missing-id' });
    expect(lifecycleOf(key, 'risky')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycleOf(key, 'sub')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycleOf(key, 'rejected')).toContain('ELEMENT_COMPLETED');
    expect(await activeIncidents(key)).toEqual([]);
    await engine.client.completeJob({ jobKey: handler.jobKey, variables: {} });
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(lifecycleOf(key, 'ok-end')).toEqual([]);
  });
});

describe('event sub-process', () => {
  it('should interrupt the main flow when an interrupting timer event sub-process fires, and complete through it', async () => {
    // given
    await engine.client.pinInternalClock(T0);
    const key = await startInstance('sub-process-timer-esp', {});
    const task = await userTaskOf(key);

    // when
    await engine.client.pinInternalClock(T0 + 11 * MINUTE);

    // then
    await expect.poll(() => lifecycleOf(key, 'escalate')).toContain('ELEMENT_ACTIVATED');
    expect(await engine.client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CANCELED' });
    expect(lifecycleOf(key, 'review')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(await stateOf(key)).toBe('ACTIVE');

    // when
    const escalate = await activateJob('sp-esp-escalate', key);
    await engine.client.completeJob({ jobKey: escalate.jobKey, variables: { escalated: true } });

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(lifecycleOf(key, 'timer-esp')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(lifecycleOf(key, 'main-end')).toEqual([]);
    expect(await variablesIn(key)).toEqual({ escalated: true });
    expect((await elementInstances(key, 'timer-esp'))[0]).toMatchObject({ type: 'EVENT_SUB_PROCESS', state: 'COMPLETED' });
  });

  it('should run a non-interrupting message event sub-process once per message and keep the main flow', async () => {
    // given
    const key = await startInstance('sub-process-message-esp', { caseId: 'case-7' });
    const task = await userTaskOf(key);

    // when
    await engine.client.publishMessage({ name: 'sp-note', correlationKey: 'case-7', variables: { note: 'first' } });
    await engine.client.publishMessage({ name: 'sp-note', correlationKey: 'case-7', variables: { note: 'second' } });

    // then
    const jobs = await activatableJobs('sp-esp-log');
    expect(jobs.map((j) => j.processInstanceKey)).toEqual([key, key]);
    expect((await elementInstances(key, 'message-esp')).map((e) => e.state)).toEqual(['ACTIVE', 'ACTIVE']);
    expect(await engine.client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CREATED' });
    expect(lifecycleOf(key, 'review')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);

    // when
    for (const job of jobs) await engine.client.completeJob({ jobKey: job.jobKey, variables: {} });
    expect(await stateOf(key)).toBe('ACTIVE');
    await engine.client.completeUserTask({ userTaskKey: task.userTaskKey, variables: {} });

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    expect((await elementInstances(key, 'message-esp')).map((e) => e.state)).toEqual(['COMPLETED', 'COMPLETED']);
    expect(lifecycleOf(key, 'main-end')).toContain('ELEMENT_COMPLETED');
  });

  it('should catch an error end event with an error event sub-process', async () => {
    // given
    // when
    const key = await startInstance('sub-process-error-end-esp', { applicant: 'a-1' });

    // then
    const fix = await activateJob('sp-esp-fix', key);
    expect(lifecycleOf(key, 'broken').at(-1)).toBe('ELEMENT_TERMINATED');
    expect(lifecycleOf(key, 'broken')).not.toContain('ELEMENT_COMPLETED');
    expect(lifecycleOf(key, 'error-esp').slice(0, 2)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(await activeIncidents(key)).toEqual([]);
    await engine.client.completeJob({ jobKey: fix.jobKey, variables: {} });
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should catch a job error raised inside the process with a catch-all error event sub-process', async () => {
    // given
    const key = await startInstance('sub-process-job-error-esp', {});
    const [review, work] = [await userTaskOf(key), await activateJob('sp-esp-work', key)];

    // when
    await engine.client.errorJob({ jobKey: work.jobKey, errorCode: 'ANY_CODE', errorMessage: 'boom', variables: { failure: 'timeout' } });

    // then
    const fallback = await activateJob('sp-esp-fallback', key);
    expect(fallback.variables).toMatchObject({ failure: 'timeout' });
    expect(lifecycleOf(key, 'work').at(-1)).toBe('ELEMENT_TERMINATED');
    expect(await engine.client.getUserTask(review.userTaskKey)).toMatchObject({ state: 'CANCELED' });
    await engine.client.completeJob({ jobKey: fallback.jobKey, variables: {} });
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should NOT catch an error thrown inside an interrupting error event sub-process with the same scope', async () => {
    // given
    const key = await startInstance('sub-process-rethrow-esp', {});
    const work = await activateJob('sp-esp-rethrow-work', key);

    // when: the error event sub-process starts and its error end event throws again
    await engine.client.errorJob({ jobKey: work.jobKey, errorCode: 'FIRST', errorMessage: '', variables: {} });

    // then: the scope is interrupted, so the second error is unhandled (Zeebe's rule) instead of restarting it
    const [incident] = await activeIncidents(key);
    expect(incident).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'rethrow' });
    expect(incident!.errorMessage).toContain('AGAIN');
    expect(lifecycleOf(key, 'error-esp')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(await stateOf(key)).toBe('ACTIVE');
    await engine.client.cancelProcessInstance({ processInstanceKey: key });
    expect(await stateOf(key)).toBe('TERMINATED');
  });
});

// helpers

function rethrowEventSubProcess(): string {
  return bpmnProcess(
    'sub-process-rethrow-esp',
    `<bpmn:startEvent id="start"/>
    ${serviceTask('work', 'sp-esp-rethrow-work')}
    <bpmn:endEvent id="main-end"/>
    ${flow('f1', 'start', 'work')}
    ${flow('f2', 'work', 'main-end')}
    <bpmn:subProcess id="error-esp" triggeredByEvent="true">
      <bpmn:startEvent id="error-start"><bpmn:errorEventDefinition/></bpmn:startEvent>
      <bpmn:endEvent id="rethrow"><bpmn:errorEventDefinition errorRef="error-again"/></bpmn:endEvent>
      ${flow('ef1', 'error-start', 'rethrow')}
    </bpmn:subProcess>`,
  ).replace('</bpmn:process>', '</bpmn:process><bpmn:error id="error-again" errorCode="AGAIN"/>');
}

function scopesProcess(): string {
  return bpmnProcess(
    'sub-process-scopes',
    `<bpmn:startEvent id="start"/>
    <bpmn:subProcess id="sub">
      <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=amount * 2" target="doubled"/></zeebe:ioMapping></bpmn:extensionElements>
      <bpmn:startEvent id="sub-start"/>
      ${serviceTask('inner', 'sp-scopes-inner')}
      <bpmn:endEvent id="sub-end"/>
      ${flow('sf1', 'sub-start', 'inner')}
      ${flow('sf2', 'inner', 'sub-end')}
    </bpmn:subProcess>
    ${serviceTask('after', 'sp-scopes-after')}
    <bpmn:endEvent id="end"/>
    ${flow('f1', 'start', 'sub')}
    ${flow('f2', 'sub', 'after')}
    ${flow('f3', 'after', 'end')}`,
  );
}

function timerBoundaryProcess(): string {
  return bpmnProcess(
    'sub-process-timer-boundary',
    `<bpmn:startEvent id="start"/>
    <bpmn:subProcess id="sub">
      <bpmn:startEvent id="sub-start"/>
      ${userTask('review')}
      <bpmn:endEvent id="sub-end"/>
      ${flow('sf1', 'sub-start', 'review')}
      ${flow('sf2', 'review', 'sub-end')}
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="timeout" attachedToRef="sub">
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="done"/>
    <bpmn:endEvent id="timed-out"/>
    ${flow('f1', 'start', 'sub')}
    ${flow('f2', 'sub', 'done')}
    ${flow('f3', 'timeout', 'timed-out')}`,
  );
}

function errorBoundaryProcess(): string {
  return bpmnProcess(
    'sub-process-error-boundary',
    `<bpmn:startEvent id="start"/>
    <bpmn:subProcess id="sub">
      <bpmn:startEvent id="sub-start"/>
      ${serviceTask('risky', 'sp-error-risky')}
      <bpmn:endEvent id="sub-end"/>
      ${flow('sf1', 'sub-start', 'risky')}
      ${flow('sf2', 'risky', 'sub-end')}
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="rejected" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="error-rejected"/></bpmn:boundaryEvent>
    ${serviceTask('handle', 'sp-error-handle')}
    <bpmn:endEvent id="ok-end"/>
    <bpmn:endEvent id="error-end"/>
    ${flow('f1', 'start', 'sub')}
    ${flow('f2', 'sub', 'ok-end')}
    ${flow('f3', 'rejected', 'handle')}
    ${flow('f4', 'handle', 'error-end')}`,
  ).replace('</bpmn:process>', '</bpmn:process><bpmn:error id="error-rejected" errorCode="REJECTED"/>');
}

function timerEventSubProcess(): string {
  return bpmnProcess(
    'sub-process-timer-esp',
    `<bpmn:startEvent id="start"/>
    ${userTask('review')}
    <bpmn:endEvent id="main-end"/>
    ${flow('f1', 'start', 'review')}
    ${flow('f2', 'review', 'main-end')}
    <bpmn:subProcess id="timer-esp" triggeredByEvent="true">
      <bpmn:startEvent id="timer-start" isInterrupting="true">
        <bpmn:timerEventDefinition><bpmn:timeDuration>PT10M</bpmn:timeDuration></bpmn:timerEventDefinition>
      </bpmn:startEvent>
      ${serviceTask('escalate', 'sp-esp-escalate')}
      <bpmn:endEvent id="esp-end"/>
      ${flow('ef1', 'timer-start', 'escalate')}
      ${flow('ef2', 'escalate', 'esp-end')}
    </bpmn:subProcess>`,
  );
}

function messageEventSubProcess(): string {
  return bpmnProcess(
    'sub-process-message-esp',
    `<bpmn:startEvent id="start"/>
    ${userTask('review')}
    <bpmn:endEvent id="main-end"/>
    ${flow('f1', 'start', 'review')}
    ${flow('f2', 'review', 'main-end')}
    <bpmn:subProcess id="message-esp" triggeredByEvent="true">
      <bpmn:startEvent id="message-start" isInterrupting="false"><bpmn:messageEventDefinition messageRef="message-note"/></bpmn:startEvent>
      ${serviceTask('log', 'sp-esp-log')}
      <bpmn:endEvent id="esp-end"/>
      ${flow('ef1', 'message-start', 'log')}
      ${flow('ef2', 'log', 'esp-end')}
    </bpmn:subProcess>`,
  ).replace(
    '</bpmn:process>',
    `</bpmn:process><bpmn:message id="message-note" name="sp-note"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements></bpmn:message>`,
  );
}

function errorEndEventSubProcess(): string {
  return bpmnProcess(
    'sub-process-error-end-esp',
    `<bpmn:startEvent id="start"/>
    <bpmn:endEvent id="broken"><bpmn:errorEventDefinition errorRef="error-broken"/></bpmn:endEvent>
    ${flow('f1', 'start', 'broken')}
    <bpmn:subProcess id="error-esp" triggeredByEvent="true">
      <bpmn:startEvent id="error-start"><bpmn:errorEventDefinition errorRef="error-broken"/></bpmn:startEvent>
      ${serviceTask('fix', 'sp-esp-fix')}
      <bpmn:endEvent id="esp-end"/>
      ${flow('ef1', 'error-start', 'fix')}
      ${flow('ef2', 'fix', 'esp-end')}
    </bpmn:subProcess>`,
  ).replace('</bpmn:process>', '</bpmn:process><bpmn:error id="error-broken" errorCode="BROKEN"/>');
}

function jobErrorEventSubProcess(): string {
  return bpmnProcess(
    'sub-process-job-error-esp',
    `<bpmn:startEvent id="start"/>
    <bpmn:parallelGateway id="fork"/>
    ${serviceTask('work', 'sp-esp-work')}
    ${userTask('review')}
    <bpmn:parallelGateway id="join"/>
    <bpmn:endEvent id="main-end"/>
    ${flow('f1', 'start', 'fork')}
    ${flow('f2', 'fork', 'work')}
    ${flow('f3', 'fork', 'review')}
    ${flow('f4', 'work', 'join')}
    ${flow('f5', 'review', 'join')}
    ${flow('f6', 'join', 'main-end')}
    <bpmn:subProcess id="error-esp" triggeredByEvent="true">
      <bpmn:startEvent id="error-start"><bpmn:errorEventDefinition/></bpmn:startEvent>
      ${serviceTask('fallback', 'sp-esp-fallback')}
      <bpmn:endEvent id="esp-end"/>
      ${flow('ef1', 'error-start', 'fallback')}
      ${flow('ef2', 'fallback', 'esp-end')}
    </bpmn:subProcess>`,
  );
}

function userTask(id: string): string {
  return `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>`;
}

/** The one open user task of the instance. */
async function userTaskOf(processInstanceKey: string) {
  const { items } = await engine.client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } });
  expect(items).toHaveLength(1);
  return items[0]!;
}

async function elementInstances(processInstanceKey: string, elementId: string) {
  const { items } = await engine.client.searchElementInstances({
    filter: { processInstanceKey, elementId },
    sort: [{ field: 'elementInstanceKey', order: 'ASC' }],
  });
  return items;
}

async function elementInstanceKey(processInstanceKey: string, elementId: string): Promise<string> {
  const items = await elementInstances(processInstanceKey, elementId);
  expect(items).toHaveLength(1);
  return items[0]!.elementInstanceKey;
}

function processInstanceEvents(processInstanceKey: string) {
  return engine.server.engine
    .eventsOf(Number(processInstanceKey))
    .filter((e) => e.valueType === 'PROCESS_INSTANCE')
    .map((e) => ({ elementId: (e.record as { elementId?: string }).elementId, intent: e.intent }));
}

function lifecycleOf(processInstanceKey: string, elementId: string): string[] {
  return processInstanceEvents(processInstanceKey)
    .filter((e) => e.elementId === elementId)
    .map((e) => e.intent);
}

/** The elements in the order they completed. */
function completionOrder(processInstanceKey: string): string[] {
  return processInstanceEvents(processInstanceKey)
    .filter((e) => e.intent === 'ELEMENT_COMPLETED')
    .map((e) => e.elementId ?? '');
}
