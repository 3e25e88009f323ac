/**
 * Timer events, black-box through @camunda8/sdk with the engine clock pinned (`PUT /v2/clock`): intermediate
 * catch events (static and FEEL values), interrupting and non-interrupting boundary events on user and service
 * tasks, timer start events across versions, and invalid timers (Zeebe's TimerCatchEventTest,
 * BoundaryEventTest, TimerStartEventTest).
 *
 * Every test gets its own engine, because the clock is engine-wide. Moving the clock never sleeps: `PUT /v2/clock`
 * answers once every timer due by the new time has fired and its work is committed, so "did NOT fire" is checked
 * right after it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bpmnProcess, escapeXml, flow, serviceTask } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { instanceActions } from '../../support/instance-actions.js';
import { instanceProbes } from '../../support/instance-probes.js';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let engine: EngineFixture;
const { events, lifecycleOf, intentsOf, stateOf, variablesIn } = instanceProbes(() => engine);
const { startInstance } = instanceActions(() => engine);

beforeEach(async () => {
  engine = await startEngine();
  await engine.client.pinInternalClock(T0);
});

afterEach(async () => {
  await engine.client.resetClock();
  await engine.stop();
});

describe('timer intermediate catch event', () => {
  it('should fire a P15D timer when the clock has moved 15 days, NOT before', async () => {
    // given
    await deploy(engine.client, [{ name: 'timer-events.catch.bpmn', content: catchProcess('timer-catch', 'timeDuration', 'P15D') }]);
    const key = await startInstance('timer-catch', {});
    expect(timerIntents(key)).toEqual(['CREATED']);
    expect(timerRecords(key)[0]).toMatchObject({ elementId: 'wait', dueDate: T0 + 15 * DAY, repetitions: 1 });

    // when
    await pinClockAndSettle(T0 + 14 * DAY + 23 * HOUR);

    // then
    expect(await stateOf(key)).toBe('ACTIVE');
    expect(timerIntents(key)).toEqual(['CREATED']);
    expect(lifecycleOf(key, 'wait')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);

    // when
    await engine.client.pinInternalClock(T0 + 15 * DAY);

    // then
    await waitForState(key, 'COMPLETED');
    expect(timerIntents(key)).toEqual(['CREATED', 'TRIGGERED']);
    expect(lifecycleOf(key, 'wait')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(lifecycleOf(key, 'end')).toContain('ELEMENT_COMPLETED');
  });

  it('should answer the clock change only once the timers due by then fired and their instances moved on', async () => {
    // given
    await deploy(engine.client, [{ name: 'timer-events.settle.bpmn', content: catchProcess('timer-settle', 'timeDuration', 'PT1H') }]);
    const first = await startInstance('timer-settle', {});
    const second = await startInstance('timer-settle', {});

    // when
    await engine.client.pinInternalClock(T0 + HOUR);

    // then: no waiting, the answer came after the work
    expect(await stateOf(first)).toBe('COMPLETED');
    expect(await stateOf(second)).toBe('COMPLETED');
    expect(timerIntents(first)).toEqual(['CREATED', 'TRIGGERED']);
  });

  it('should read the due date from a FEEL expression over a process variable', async () => {
    // given: 2026-03-05T16:00:00+08:00 is three days after T0
    await deploy(engine.client, [{ name: 'timer-events.feel-date.bpmn', content: catchProcess('timer-feel-date', 'timeDate', '= deadline') }]);
    const key = await startInstance('timer-feel-date', { deadline: '2026-03-05T16:00:00+08:00' });
    expect(timerRecords(key)[0]).toMatchObject({ dueDate: T0 + 3 * DAY });

    // when
    await pinClockAndSettle(T0 + 3 * DAY - MINUTE);

    // then
    expect(await stateOf(key)).toBe('ACTIVE');

    // when
    await engine.client.pinInternalClock(T0 + 3 * DAY);

    // then
    await waitForState(key, 'COMPLETED');
    expect(timerIntents(key)).toEqual(['CREATED', 'TRIGGERED']);
  });

  it('should accept a FEEL duration value built from variables', async () => {
    // given
    const expression = '= duration("PT" + string(hours) + "H")';
    await deploy(engine.client, [{ name: 'timer-events.feel-duration.bpmn', content: catchProcess('timer-feel-duration', 'timeDuration', expression) }]);
    const key = await startInstance('timer-feel-duration', { hours: 2 });
    expect(timerRecords(key)[0]).toMatchObject({ dueDate: T0 + 2 * HOUR });

    // when
    await engine.client.pinInternalClock(T0 + 2 * HOUR);

    // then
    await waitForState(key, 'COMPLETED');
  });

  it('should fire at once for a due date in the past', async () => {
    // given
    await deploy(engine.client, [{ name: 'timer-events.past.bpmn', content: catchProcess('timer-past', 'timeDate', '2019-10-01T12:00:00Z') }]);

    // when
    const key = await startInstance('timer-past', {});

    // then: the scheduler runs while the clock stays pinned at T0
    await waitForState(key, 'COMPLETED');
    expect(timerIntents(key)).toEqual(['CREATED', 'TRIGGERED']);
  });
});

describe('timer boundary event', () => {
  it('should cancel a user task when an interrupting boundary timer fires, and take the boundary path', async () => {
    // given
    await deploy(engine.client, [{ name: 'timer-events.interrupting.bpmn', content: userTaskBoundaryProcess('timer-interrupting', 'PT1H', true) }]);
    const key = await startInstance('timer-interrupting', {});
    const task = await openUserTaskOf(key);

    // when
    await engine.client.pinInternalClock(T0 + HOUR);

    // then
    await waitForState(key, 'COMPLETED');
    expect(await engine.client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CANCELED' });
    expect(lifecycleOf(key, 'review')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycleOf(key, 'boundary')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(lifecycleOf(key, 'boundary-end')).toContain('ELEMENT_COMPLETED');
    expect(lifecycleOf(key, 'done')).toEqual([]);
    expect(timerIntents(key)).toEqual(['CREATED', 'TRIGGERED']);
  });

  it('should NOT complete a user task that an interrupting boundary timer cancelled', async () => {
    // given
    await deploy(engine.client, [{ name: 'timer-events.interrupting.bpmn', content: userTaskBoundaryProcess('timer-interrupting', 'PT1H', true) }]);
    const key = await startInstance('timer-interrupting', {});
    const task = await openUserTaskOf(key);
    await engine.client.pinInternalClock(T0 + HOUR);
    await waitForState(key, 'COMPLETED');

    // when
    const completion = engine.client.completeUserTask({ userTaskKey: task.userTaskKey, variables: { late: true } });

    // then: Camunda answers 404 (the task left the engine's state); this engine's 409 (wrong state) is as good for a client
    const rejection = (await completion.then(() => undefined, (error: unknown) => error)) as { statusCode?: number } | undefined;
    expect([404, 409]).toContain(rejection?.statusCode);
    expect(await engine.client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CANCELED' });
    expect(lifecycleOf(key, 'done')).toEqual([]);
  });

  it('should fire a non-interrupting R3/P1D cycle exactly three times and keep the user task open', async () => {
    // given
    await deploy(engine.client, [{ name: 'timer-events.reminder.bpmn', content: userTaskBoundaryProcess('timer-reminder', 'R3/P1D', false) }]);
    const key = await startInstance('timer-reminder', {});
    const task = await openUserTaskOf(key);

    // when
    await engine.client.pinInternalClock(T0 + 10 * DAY);

    // then
    await expect.poll(() => boundaryInstances(key), { message: 'three boundary events' }).toHaveLength(3);
    await pinClockAndSettle(T0 + 20 * DAY);
    const boundaries = await boundaryInstances(key);
    expect(boundaries).toHaveLength(3);
    expect(boundaries.map((b) => b.state)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
    expect(timerIntents(key)).toEqual(['CREATED', 'TRIGGERED', 'CREATED', 'TRIGGERED', 'CREATED', 'TRIGGERED']);
    expect(timerRecords(key).filter((_, i) => i % 2 === 0).map((t) => t.dueDate)).toEqual([T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY]);
    expect(lifecycleOf(key, 'boundary-end').filter((i) => i === 'ELEMENT_COMPLETED')).toHaveLength(3);
    expect(lifecycleOf(key, 'review')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(await engine.client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CREATED' });
    expect(await stateOf(key)).toBe('ACTIVE');
  });

  it('should cancel the rest of a non-interrupting cycle when the user task completes', async () => {
    // given
    await deploy(engine.client, [{ name: 'timer-events.reminder.bpmn', content: userTaskBoundaryProcess('timer-reminder', 'R3/P1D', false) }]);
    const key = await startInstance('timer-reminder', {});
    const task = await openUserTaskOf(key);
    await engine.client.pinInternalClock(T0 + DAY + 12 * HOUR);
    await expect.poll(() => boundaryInstances(key), { message: 'the first reminder' }).toHaveLength(1);

    // when
    await engine.client.completeUserTask({ userTaskKey: task.userTaskKey, variables: {} });

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(timerIntents(key)).toEqual(['CREATED', 'TRIGGERED', 'CREATED', 'CANCELED']);
    await pinClockAndSettle(T0 + 10 * DAY);
    expect(await boundaryInstances(key)).toHaveLength(1);
    expect(timerIntents(key)).toEqual(['CREATED', 'TRIGGERED', 'CREATED', 'CANCELED']);
    expect(lifecycleOf(key, 'done')).toContain('ELEMENT_COMPLETED');
  });

  it('should cancel the job of a service task when a boundary timer fires', async () => {
    // given
    await deploy(engine.client, [{ name: 'timer-events.service.bpmn', content: serviceTaskBoundaryProcess() }]);
    const key = await startInstance('timer-service', {});
    const [job] = await engine.client.activateJobs({ type: 'timer-slow-work', worker: 'slow', timeout: 10 * DAY, maxJobsToActivate: 1, requestTimeout: -1 });
    expect(job).toBeDefined();

    // when
    await engine.client.pinInternalClock(T0 + 30 * MINUTE);

    // then
    await waitForState(key, 'COMPLETED');
    await expect(engine.client.completeJob({ jobKey: job!.jobKey, variables: { done: true } })).rejects.toMatchObject({ statusCode: 404 });
    expect(intentsOf(key, 'JOB')).toEqual(['CREATED', 'ACTIVATED', 'CANCELED']);
    expect(lifecycleOf(key, 'work')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycleOf(key, 'boundary-end')).toContain('ELEMENT_COMPLETED');
    expect(lifecycleOf(key, 'done')).toEqual([]);
    expect(await variablesIn(key)).toEqual({});
  });
});

describe('timer start event', () => {
  it('should create exactly two instances for R2/2026-01-01T00:00:00Z/P1D as the clock passes both dates', async () => {
    // given
    await engine.client.pinInternalClock(Date.parse('2025-12-31T12:00:00Z'));
    await deploy(engine.client, [{ name: 'timer-events.start-cycle.bpmn', content: startTimerProcess('timer-start-cycle', 'timeCycle', 'R2/2026-01-01T00:00:00Z/P1D') }]);
    expect(await instancesOf('timer-start-cycle')).toHaveLength(0);

    // when
    await engine.client.pinInternalClock(Date.parse('2026-01-01T06:00:00Z'));

    // then
    await expect.poll(() => instancesOf('timer-start-cycle'), { message: 'the first instance' }).toHaveLength(1);

    // when
    await engine.client.pinInternalClock(Date.parse('2026-01-02T06:00:00Z'));

    // then
    await expect.poll(() => instancesOf('timer-start-cycle'), { message: 'the second instance' }).toHaveLength(2);
    await pinClockAndSettle(Date.parse('2026-01-10T00:00:00Z'));
    const instances = await instancesOf('timer-start-cycle');
    expect(instances).toHaveLength(2);
    for (const instance of instances) {
      expect(lifecycleOf(instance.processInstanceKey, 'every-day')).toEqual([
        'ELEMENT_ACTIVATING',
        'ELEMENT_ACTIVATED',
        'ELEMENT_COMPLETING',
        'ELEMENT_COMPLETED',
      ]);
      expect(instance.state).toBe('ACTIVE');
    }
  });

  it('should replace the start timer of the previous version when a new version is deployed', async () => {
    // given: version 1 starts an instance every day
    const v1 = await deploy(engine.client, [{ name: 'timer-events.start.bpmn', content: startTimerProcess('timer-start-versions', 'timeCycle', 'R/P1D') }]);
    await engine.client.pinInternalClock(T0 + DAY);
    await expect.poll(() => instancesOf('timer-start-versions'), { message: 'an instance of version 1' }).toHaveLength(1);

    // when: version 2 starts one instance on a fixed date instead
    const v2 = await deploy(engine.client, [
      { name: 'timer-events.start.bpmn', content: startTimerProcess('timer-start-versions', 'timeDate', '2026-03-04T08:00:00Z') },
    ]);
    await pinClockAndSettle(T0 + 5 * DAY);

    // then
    expect(v2.processes[0]!.processDefinitionVersion).toBe(2);
    const instances = await instancesOf('timer-start-versions');
    const byDefinition = (definitionKey: string) => instances.filter((i) => i.processDefinitionKey === definitionKey);
    expect(byDefinition(v1.processes[0]!.processDefinitionKey)).toHaveLength(1);
    expect(byDefinition(v2.processes[0]!.processDefinitionKey)).toHaveLength(1);
    expect(instances).toHaveLength(2);
  });
});

describe('invalid timers', () => {
  it('should reject a deployment with a static duration that is not ISO 8601, naming the element', async () => {
    // given
    const xml = catchProcess('timer-invalid', 'timeDuration', '3 days', 'wait-three-days');

    // when
    const deployment = deploy(engine.client, [{ name: 'timer-events.invalid.bpmn', content: xml }]);

    // then
    const error = (await deployment.then(() => undefined, (e: unknown) => e)) as { statusCode?: number; response?: { body: string } } | undefined;
    expect(error?.statusCode).toBe(400);
    const problem = JSON.parse(error!.response!.body) as { title: string; detail: string };
    expect(problem.title).toBe('INVALID_ARGUMENT');
    expect(problem.detail).toContain('wait-three-days');
    expect(problem.detail).toContain('3 days');
    const { items } = await engine.client.searchProcessDefinitions({ filter: { processDefinitionId: 'timer-invalid' } });
    expect(items).toHaveLength(0);
  });

  it('should raise an EXTRACT_VALUE_ERROR incident when a FEEL timer gives no duration, and wait again once resolved', async () => {
    // given
    await deploy(engine.client, [{ name: 'timer-events.feel-error.bpmn', content: catchProcess('timer-feel-error', 'timeDuration', '= waitFor') }]);

    // when
    const key = await startInstance('timer-feel-error', { waitFor: 42 });

    // then
    const incidents = await activeIncidentsOf(key);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'wait', state: 'ACTIVE' });
    expect(incidents[0]!.errorMessage).toContain('wait');
    expect(timerIntents(key)).toEqual([]);

    // when: the variable is fixed and the incident resolved
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: key, variables: { waitFor: 'PT1H' } });
    await engine.client.resolveIncident(incidents[0]!.incidentKey);

    // then
    expect(timerRecords(key)).toEqual([expect.objectContaining({ dueDate: T0 + HOUR })]);
    await engine.client.pinInternalClock(T0 + HOUR);
    await waitForState(key, 'COMPLETED');
  });
});

// helpers

function timerDefinition(kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: string): string {
  return `<bpmn:timerEventDefinition><bpmn:${kind}>${escapeXml(value)}</bpmn:${kind}></bpmn:timerEventDefinition>`;
}

function userTask(id: string): string {
  return `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>`;
}

function catchProcess(processId: string, kind: 'timeDuration' | 'timeDate', value: string, catchId = 'wait'): string {
  return bpmnProcess(
    processId,
    `<bpmn:startEvent id="start"/>
    <bpmn:intermediateCatchEvent id="${catchId}">${timerDefinition(kind, value)}</bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"/>
    ${flow('f1', 'start', catchId)}
    ${flow('f2', catchId, 'end')}`,
  );
}

function userTaskBoundaryProcess(processId: string, value: string, interrupting: boolean): string {
  const kind = value.startsWith('R') ? 'timeCycle' : 'timeDuration';
  return bpmnProcess(
    processId,
    `<bpmn:startEvent id="start"/>
    ${userTask('review')}
    <bpmn:boundaryEvent id="boundary" attachedToRef="review" cancelActivity="${interrupting}">${timerDefinition(kind, value)}</bpmn:boundaryEvent>
    <bpmn:endEvent id="done"/>
    <bpmn:endEvent id="boundary-end"/>
    ${flow('f1', 'start', 'review')}
    ${flow('f2', 'review', 'done')}
    ${flow('f3', 'boundary', 'boundary-end')}`,
  );
}

function serviceTaskBoundaryProcess(): string {
  return bpmnProcess(
    'timer-service',
    `<bpmn:startEvent id="start"/>
    ${serviceTask('work', 'timer-slow-work')}
    <bpmn:boundaryEvent id="boundary" attachedToRef="work">${timerDefinition('timeDuration', 'PT30M')}</bpmn:boundaryEvent>
    <bpmn:endEvent id="done"/>
    <bpmn:endEvent id="boundary-end"/>
    ${flow('f1', 'start', 'work')}
    ${flow('f2', 'work', 'done')}
    ${flow('f3', 'boundary', 'boundary-end')}`,
  );
}

function startTimerProcess(processId: string, kind: 'timeDate' | 'timeCycle', value: string): string {
  return bpmnProcess(
    processId,
    `<bpmn:startEvent id="every-day">${timerDefinition(kind, value)}</bpmn:startEvent>
    ${userTask('handle')}
    <bpmn:endEvent id="end"/>
    ${flow('f1', 'every-day', 'handle')}
    ${flow('f2', 'handle', 'end')}`,
  );
}

/** Pins the clock at `at`; the answer comes once every timer due by then has fired. */
async function pinClockAndSettle(at: number): Promise<void> {
  await engine.client.pinInternalClock(at);
}

async function waitForState(processInstanceKey: string, state: string): Promise<void> {
  await expect.poll(() => stateOf(processInstanceKey), { message: `instance ${processInstanceKey} ${state}` }).toBe(state);
}

async function instancesOf(processDefinitionId: string) {
  const { items } = await engine.client.searchProcessInstances({
    filter: { processDefinitionId },
    sort: [{ field: 'processInstanceKey', order: 'ASC' }],
  });
  return items;
}

/** The one open user task of the instance. */
async function openUserTaskOf(processInstanceKey: string) {
  const { items } = await engine.client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } });
  expect(items).toHaveLength(1);
  return items[0]!;
}

async function boundaryInstances(processInstanceKey: string) {
  const { items } = await engine.client.searchElementInstances({
    filter: { processInstanceKey, elementId: 'boundary' },
    sort: [{ field: 'elementInstanceKey', order: 'ASC' }],
  });
  return items;
}

async function activeIncidentsOf(processInstanceKey: string) {
  const { items } = await engine.client.searchIncidents({ filter: { processInstanceKey, state: 'ACTIVE' } });
  return items;
}

function timerIntents(processInstanceKey: string): string[] {
  return intentsOf(processInstanceKey, 'TIMER');
}

function timerRecords(processInstanceKey: string) {
  return events(processInstanceKey)
    .filter((e) => e.valueType === 'TIMER')
    .map((e) => e.record as { elementId: string; dueDate: number; repetitions: number });
}
