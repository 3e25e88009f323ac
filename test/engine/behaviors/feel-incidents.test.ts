/**
 * FEEL failures at run time become incidents (IO_MAPPING_ERROR, CONDITION_ERROR, EXTRACT_VALUE_ERROR) that are
 * resolved once the cause is fixed through `PUT /v2/element-instances/{k}/variables` (Zeebe's
 * IncidentTest / ExpressionIncidentTest; camunda-api.md 1.3 Incidents and Variables).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, escapeXml, flow, serviceTask } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { instanceActions } from '../../support/instance-actions.js';
import { instanceProbes } from '../../support/instance-probes.js';

let engine: EngineFixture;
const { lifecycleOf, intentsOf, stateOf, variablesIn, activeIncidents } = instanceProbes(() => engine);
const { startInstance, activatableJobs } = instanceActions(() => engine);

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    { name: 'feel-incidents.input-mapping.bpmn', content: inputMappingProcess() },
    { name: 'feel-incidents.output-mapping.bpmn', content: outputMappingProcess() },
    { name: 'feel-incidents.condition.bpmn', content: conditionProcess() },
    { name: 'feel-incidents.correlation-key.bpmn', content: correlationKeyProcess() },
  ]);
});

afterAll(async () => {
  await engine.stop();
});

describe('IO_MAPPING_ERROR', () => {
  it('should raise an incident when an input mapping fails, and continue after the variable is fixed', async () => {
    // given
    const key = await startInstance('feel-input-mapping', {});
    const [incident] = await activeIncidents(key);
    expect(incident).toMatchObject({ errorType: 'IO_MAPPING_ERROR', elementId: 'task', state: 'ACTIVE', processInstanceKey: key });
    expect(lifecycleOf(key, 'task')).toEqual(['ELEMENT_ACTIVATING']);
    expect(await activatableJobs('feel-input-mapping-work')).toEqual([]);

    // when
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: incident!.elementInstanceKey, variables: { amount: 42 } });
    await engine.client.resolveIncident(incident!.incidentKey);

    // then
    expect(await activeIncidents(key)).toEqual([]);
    expect(await incidentState(incident!.incidentKey)).toBe('RESOLVED');
    expect(lifecycleOf(key, 'task')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    const [job] = await activatableJobs('feel-input-mapping-work');
    expect(job!.variables).toMatchObject({ amount: 42, checked: 42 });
    await engine.client.completeJob({ jobKey: job!.jobKey, variables: {} });
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(intentsOf(key, 'INCIDENT')).toEqual(['CREATED', 'RESOLVED']);
  });

  it('should raise a new incident when resolved without fixing the cause', async () => {
    // given
    const key = await startInstance('feel-input-mapping', {});
    const [first] = await activeIncidents(key);

    // when
    await engine.client.resolveIncident(first!.incidentKey);

    // then
    const [second] = await activeIncidents(key);
    expect(second).toMatchObject({ errorType: 'IO_MAPPING_ERROR', elementId: 'task', elementInstanceKey: first!.elementInstanceKey });
    expect(second!.incidentKey).not.toBe(first!.incidentKey);
    expect(await incidentState(first!.incidentKey)).toBe('RESOLVED');
    expect(intentsOf(key, 'INCIDENT')).toEqual(['CREATED', 'RESOLVED', 'CREATED']);
    await engine.client.cancelProcessInstance({ processInstanceKey: key });
  });

  it('should raise an incident when an output mapping fails, and complete the task after the variable is fixed', async () => {
    // given
    const key = await startInstance('feel-output-mapping', {});
    const [job] = await activatableJobs('feel-output-mapping-work');
    await engine.client.completeJob({ jobKey: job!.jobKey, variables: { other: 1 } });
    const [incident] = await activeIncidents(key);
    expect(incident).toMatchObject({ errorType: 'IO_MAPPING_ERROR', elementId: 'task' });
    expect(lifecycleOf(key, 'task')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING']);

    // when
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: incident!.elementInstanceKey, variables: { result: 'ok' }, local: true });
    await engine.client.resolveIncident(incident!.incidentKey);

    // then
    expect(await activeIncidents(key)).toEqual([]);
    expect(lifecycleOf(key, 'task')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(await variablesIn(key)).toEqual({ final: 'ok' });
  });
});

describe('CONDITION_ERROR', () => {
  it('should raise an incident when no condition of an exclusive gateway holds (the variable is missing), and continue after the fix', async () => {
    // given
    const key = await startInstance('feel-condition', {});
    const [incident] = await activeIncidents(key);
    expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'decide', state: 'ACTIVE' });
    expect(lifecycleOf(key, 'high')).toEqual([]);
    expect(lifecycleOf(key, 'low')).toEqual([]);

    // when
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: incident!.elementInstanceKey, variables: { amount: 150 } });
    await engine.client.resolveIncident(incident!.incidentKey);

    // then
    expect(await activeIncidents(key)).toEqual([]);
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(lifecycleOf(key, 'decide').at(-1)).toBe('ELEMENT_COMPLETED');
    expect(lifecycleOf(key, 'high')).toContain('ELEMENT_COMPLETED');
    expect(lifecycleOf(key, 'low')).toEqual([]);
    expect(await variablesIn(key)).toEqual({ amount: 150 });
  });
});

describe('EXTRACT_VALUE_ERROR', () => {
  it('should raise an incident when a correlation key is missing, and subscribe after the variable is fixed', async () => {
    // given
    const key = await startInstance('feel-correlation-key', {});
    const [incident] = await activeIncidents(key);
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'wait', state: 'ACTIVE' });
    expect(intentsOf(key, 'MESSAGE_SUBSCRIPTION')).toEqual([]);

    // when
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: key, variables: { caseId: 'case-42' } });
    await engine.client.resolveIncident(incident!.incidentKey);

    // then
    expect(await activeIncidents(key)).toEqual([]);
    expect(intentsOf(key, 'MESSAGE_SUBSCRIPTION')).toEqual(['CREATED']);
    const correlation = await engine.client.correlateMessage({ name: 'feel-case-ready', correlationKey: 'case-42', variables: {} });
    expect(correlation.processInstanceKey).toBe(key);
    expect(await stateOf(key)).toBe('COMPLETED');
  });
});

// helpers

function inputMappingProcess(): string {
  const mapping = `<zeebe:ioMapping><zeebe:input source="${escapeXml('=assert(amount, amount != null)')}" target="checked"/></zeebe:ioMapping>`;
  return bpmnProcess(
    'feel-input-mapping',
    `<bpmn:startEvent id="start"/>
    ${serviceTask('task', 'feel-input-mapping-work', mapping)}
    <bpmn:endEvent id="end"/>
    ${flow('f1', 'start', 'task')}
    ${flow('f2', 'task', 'end')}`,
  );
}

function outputMappingProcess(): string {
  const mapping = `<zeebe:ioMapping><zeebe:output source="${escapeXml('=assert(result, result != null)')}" target="final"/></zeebe:ioMapping>`;
  return bpmnProcess(
    'feel-output-mapping',
    `<bpmn:startEvent id="start"/>
    ${serviceTask('task', 'feel-output-mapping-work', mapping)}
    <bpmn:endEvent id="end"/>
    ${flow('f1', 'start', 'task')}
    ${flow('f2', 'task', 'end')}`,
  );
}

function conditionProcess(): string {
  return bpmnProcess(
    'feel-condition',
    `<bpmn:startEvent id="start"/>
    <bpmn:exclusiveGateway id="decide"/>
    <bpmn:endEvent id="high"/>
    <bpmn:endEvent id="low"/>
    ${flow('f1', 'start', 'decide')}
    ${flow('f2', 'decide', 'high', '=amount > 100')}
    ${flow('f3', 'decide', 'low', '=amount <= 100')}`,
  );
}

function correlationKeyProcess(): string {
  return bpmnProcess(
    'feel-correlation-key',
    `<bpmn:startEvent id="start"/>
    <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="message-ready"/></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"/>
    ${flow('f1', 'start', 'wait')}
    ${flow('f2', 'wait', 'end')}`,
  ).replace(
    '</bpmn:process>',
    `</bpmn:process><bpmn:message id="message-ready" name="feel-case-ready"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements></bpmn:message>`,
  );
}

async function incidentState(incidentKey: string): Promise<string | undefined> {
  const { items } = await engine.client.searchIncidents({ filter: { incidentKey } });
  return items[0]?.state;
}
