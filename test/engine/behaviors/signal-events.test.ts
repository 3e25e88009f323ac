/**
 * Signal events, black-box through @camunda8/sdk's `broadcastSignal`: intermediate catch events in several
 * instances, boundary events, and signal start events (Zeebe's SignalCatchEventTest, SignalStartEventTest).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { instanceActions } from '../../support/instance-actions.js';
import { instanceProbes } from '../../support/instance-probes.js';

let engine: EngineFixture;
const { lifecycleOf, intentsOf, stateOf, variablesIn } = instanceProbes(() => engine);
const { startInstance } = instanceActions(() => engine);

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    { name: 'signal-events.catch.bpmn', content: catchProcess() },
    { name: 'signal-events.boundary.bpmn', content: boundaryProcess('signal-boundary', 'sig-recall', true) },
    { name: 'signal-events.non-interrupting-boundary.bpmn', content: boundaryProcess('signal-boundary-non-interrupting', 'sig-remind', false) },
    { name: 'signal-events.start.bpmn', content: startProcess() },
  ]);
});

afterAll(async () => {
  await engine.stop();
});

describe('signal broadcast', () => {
  it('should answer the signal key and the tenant', async () => {
    // given
    // when
    const response = await engine.client.broadcastSignal({ signalName: 'sig-nobody-listens', variables: {} });

    // then
    expect(response).toEqual({ signalKey: expect.stringMatching(/^\d+$/), tenantId: '<default>' });
  });

  it('should complete the signal catch events of every waiting instance, with the signal variables', async () => {
    // given
    const first = await startInstance('signal-catch', { n: 1 });
    const second = await startInstance('signal-catch', { n: 2 });
    expect(lifecycleOf(first, 'wait')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(intentsOf(first, 'SIGNAL_SUBSCRIPTION')).toEqual(['CREATED']);

    // when
    const { signalKey } = await engine.client.broadcastSignal({ signalName: 'sig-go', variables: { released: '2030-06-01' } });

    // then
    expect(signalKey).toMatch(/^\d+$/);
    for (const [key, n] of [[first, 1], [second, 2]] as const) {
      expect(await stateOf(key)).toBe('COMPLETED');
      expect(lifecycleOf(key, 'wait')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
      expect(intentsOf(key, 'SIGNAL_SUBSCRIPTION')).toEqual(['CREATED', 'DELETED']);
      expect(await variablesIn(key)).toEqual({ n, released: '2030-06-01' });
    }
  });

  it('should NOT complete a catch event for another signal name', async () => {
    // given
    const key = await startInstance('signal-catch', {});

    // when
    await engine.client.broadcastSignal({ signalName: 'sig-other', variables: {} });

    // then
    expect(await stateOf(key)).toBe('ACTIVE');
    expect(lifecycleOf(key, 'wait')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    await engine.client.broadcastSignal({ signalName: 'sig-go', variables: {} });
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should trigger an interrupting signal boundary event and cancel the task', async () => {
    // given
    const key = await startInstance('signal-boundary', {});
    const task = await userTaskOf(key);

    // when
    await engine.client.broadcastSignal({ signalName: 'sig-recall', variables: { recalled: true } });

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(await engine.client.getUserTask(task.userTaskKey)).toMatchObject({ state: 'CANCELED' });
    expect(lifecycleOf(key, 'review')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycleOf(key, 'signalled')).toContain('ELEMENT_COMPLETED');
    expect(lifecycleOf(key, 'signalled-end')).toContain('ELEMENT_COMPLETED');
    expect(lifecycleOf(key, 'done')).toEqual([]);
    expect(await variablesIn(key)).toEqual({ recalled: true });
  });

  it('should trigger a non-interrupting signal boundary event every time and keep the task', async () => {
    // given
    const key = await startInstance('signal-boundary-non-interrupting', {});
    const task = await userTaskOf(key);

    // when
    await engine.client.broadcastSignal({ signalName: 'sig-remind', variables: {} });
    await engine.client.broadcastSignal({ signalName: 'sig-remind', variables: {} });

    // then
    expect(lifecycleOf(key, 'signalled-end').filter((i) => i === 'ELEMENT_COMPLETED')).toHaveLength(2);
    expect(lifecycleOf(key, 'review')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(await stateOf(key)).toBe('ACTIVE');
    await engine.client.completeUserTask({ userTaskKey: task.userTaskKey, variables: {} });
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(lifecycleOf(key, 'done')).toContain('ELEMENT_COMPLETED');
  });

  it('should start a process at its signal start event with the signal variables', async () => {
    // given
    const before = await instancesOf('signal-start');

    // when
    await engine.client.broadcastSignal({ signalName: 'sig-open-case', variables: { applicant: '钱七', district: '城中' } });

    // then
    const after = await instancesOf('signal-start');
    expect(after).toHaveLength(before.length + 1);
    const started = after.find((i) => !before.some((b) => b.processInstanceKey === i.processInstanceKey))!;
    expect(started).toMatchObject({ state: 'ACTIVE', processDefinitionId: 'signal-start' });
    expect(await variablesIn(started.processInstanceKey)).toEqual({ applicant: '钱七', district: '城中' });
    expect(lifecycleOf(started.processInstanceKey, 'opened')).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
    const task = await userTaskOf(started.processInstanceKey);
    expect(task.elementId).toBe('register');
  });
});

// helpers

function signal(id: string, name: string): string {
  return `<bpmn:signal id="${id}" name="${name}"/>`;
}

function userTask(id: string): string {
  return `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>`;
}

function catchProcess(): string {
  return bpmnProcess(
    'signal-catch',
    `<bpmn:startEvent id="start"/>
    <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="signal-go"/></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"/>
    ${flow('f1', 'start', 'wait')}
    ${flow('f2', 'wait', 'end')}`,
  ).replace('</bpmn:process>', `</bpmn:process>${signal('signal-go', 'sig-go')}`);
}

function boundaryProcess(processId: string, signalName: string, interrupting: boolean): string {
  return bpmnProcess(
    processId,
    `<bpmn:startEvent id="start"/>
    ${userTask('review')}
    <bpmn:boundaryEvent id="signalled" attachedToRef="review" cancelActivity="${interrupting}">
      <bpmn:signalEventDefinition signalRef="sig-def-boundary"/>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="done"/>
    <bpmn:endEvent id="signalled-end"/>
    ${flow('f1', 'start', 'review')}
    ${flow('f2', 'review', 'done')}
    ${flow('f3', 'signalled', 'signalled-end')}`,
  ).replace('</bpmn:process>', `</bpmn:process>${signal('sig-def-boundary', signalName)}`);
}

function startProcess(): string {
  return bpmnProcess(
    'signal-start',
    `<bpmn:startEvent id="opened"><bpmn:signalEventDefinition signalRef="signal-open"/></bpmn:startEvent>
    ${userTask('register')}
    <bpmn:endEvent id="end"/>
    ${flow('f1', 'opened', 'register')}
    ${flow('f2', 'register', 'end')}`,
  ).replace('</bpmn:process>', `</bpmn:process>${signal('signal-open', 'sig-open-case')}`);
}

async function instancesOf(processDefinitionId: string) {
  const { items } = await engine.client.searchProcessInstances({ filter: { processDefinitionId } });
  return items;
}

/** The one open user task of the instance. */
async function userTaskOf(processInstanceKey: string) {
  const { items } = await engine.client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } });
  expect(items).toHaveLength(1);
  return items[0]!;
}
