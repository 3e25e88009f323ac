/**
 * Script task with a FEEL script (`zeebe:script`), black-box through @camunda8/sdk (Zeebe's ScriptTaskTest).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, escapeXml, flow } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { instanceProbes } from '../../support/instance-probes.js';

let engine: EngineFixture;
const { events, lifecycleOf, stateOf, variablesIn, activeIncidents } = instanceProbes(() => engine);

beforeAll(async () => {
  engine = await startEngine();
  await deployFixtures('script-task.feel.bpmn', 'script-task.failure.bpmn');
});

afterAll(async () => {
  await engine.stop();
});

describe('script task', () => {
  it('should store the result of the FEEL expression in the result variable', async () => {
    // given
    const variables = { a: 2, b: 3, items: ['x', 'y'] };

    // when
    const key = await startInstance(variables);

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(await variablesIn(key)).toMatchObject({ total: 5 });
    expect(lifecycleOf(key, 'sum')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
  });

  it('should apply output mappings to the result variable instead of propagating it', async () => {
    // given
    const variables = { a: 1, b: 1, items: ['x', 'y', 'z'] };

    // when
    const key = await startInstance(variables);

    // then
    const processVariables = await variablesIn(key);
    expect(processVariables.itemCount).toBe(3);
    expect(processVariables).not.toHaveProperty('result');
    const summary = elementInstanceKeyOf(key, 'summary');
    expect(await variablesIn(summary)).toEqual({ result: { count: 3, first: 'x' } });
  });

  it('should NOT create a job for a FEEL script task', async () => {
    // given
    const key = await startInstance({ a: 1, b: 2, items: [] });

    // when
    const jobEvents = events(key).filter((e) => e.valueType === 'JOB');

    // then
    expect(jobEvents).toEqual([]);
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should raise an EXTRACT_VALUE_ERROR incident when the script fails, and complete after the fix', async () => {
    // given
    const variables = { amount: -1 };

    // when
    const key = await startInstance(variables, 'script-task-failure');

    // then
    const [incident, ...others] = await activeIncidents(key);
    expect(others).toEqual([]);
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'check' });
    expect(incident!.errorMessage).toContain('amount must be positive');
    expect(lifecycleOf(key, 'check')).toEqual(['ELEMENT_ACTIVATING']);

    // when
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: key, variables: { amount: 30 } });
    await engine.client.resolveIncident(incident!.incidentKey);

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(await variablesIn(key)).toEqual({ amount: 30, checkedAmount: 30 });
  });

  it('should store a result that looks like a failure (errorType and message) as a value, not raise an incident', async () => {
    // given
    const script = escapeXml('= {errorType: "EXTRACT_VALUE_ERROR", message: "nur ein Wert"}');
    const body = `<bpmn:startEvent id="s"/>${flow('f1', 's', 'result')}
      <bpmn:scriptTask id="result"><bpmn:extensionElements><zeebe:script expression="${script}" resultVariable="outcome"/></bpmn:extensionElements></bpmn:scriptTask>
      ${flow('f2', 'result', 'e')}<bpmn:endEvent id="e"/>`;
    await deploy(engine.client, [{ name: 'script-task-lookalike.bpmn', content: bpmnProcess('script-task-lookalike', body) }]);

    // when
    const key = await startInstance({}, 'script-task-lookalike');

    // then
    expect(await activeIncidents(key)).toEqual([]);
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(await variablesIn(key)).toEqual({ outcome: { errorType: 'EXTRACT_VALUE_ERROR', message: 'nur ein Wert' } });
  });
});

// helpers

async function deployFixtures(...names: string[]) {
  await deploy(
    engine.client,
    names.map((name) => ({ name, content: readFileSync(new URL(name, import.meta.url), 'utf8') })),
  );
}

async function startInstance(variables: Record<string, unknown>, processDefinitionId = 'script-task-feel'): Promise<string> {
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId, variables });
  return processInstanceKey;
}

function elementInstanceKeyOf(processInstanceKey: string, elementId: string): string {
  const event = events(processInstanceKey).find(
    (e) => e.intent === 'ELEMENT_ACTIVATING' && (e.record as { elementId?: string }).elementId === elementId,
  );
  return String(event!.recordKey);
}
