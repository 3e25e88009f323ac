/**
 * Exclusive gateway, black-box: deploy a fixture through @camunda8/sdk, then assert on the emitted events and
 * the incidents (Zeebe's ExclusiveGatewayTest).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { instanceActions } from '../../support/instance-actions.js';
import { instanceProbes } from '../../support/instance-probes.js';

let engine: EngineFixture;
const { events, sequence, lifecycleOf, takenFlows, stateOf, activeIncidents } = instanceProbes(() => engine);
const { startInstance } = instanceActions(() => engine);

beforeAll(async () => {
  engine = await startEngine();
  await deployFixtures('exclusive-gateway.default-flow.bpmn', 'exclusive-gateway.no-default.bpmn');
});

afterAll(async () => {
  await engine.stop();
});

describe('exclusive gateway', () => {
  it('should take only the first outgoing flow whose condition is true', async () => {
    // given: amount 5000 makes both `to-high` and `to-medium` true; `to-high` comes first
    // when
    const key = await startInstance('exclusive-gateway-default-flow', { amount: 5000 });

    // then
    expect(lifecycleOf(key, 'decide')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(sequence(key).slice(sequence(key).indexOf('ELEMENT_COMPLETED decide'))).toEqual([
      'ELEMENT_COMPLETED decide',
      'SEQUENCE_FLOW_TAKEN to-high',
      'ELEMENT_ACTIVATING end-high',
      'ELEMENT_ACTIVATED end-high',
      'ELEMENT_COMPLETING end-high',
      'ELEMENT_COMPLETED end-high',
      'ELEMENT_COMPLETING exclusive-gateway-default-flow',
      'ELEMENT_COMPLETED exclusive-gateway-default-flow',
    ]);
    expect(takenFlows(key)).toEqual(['to-decide', 'to-high']);
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should take the default flow when no condition is true', async () => {
    // given
    const variables = { amount: 10 };

    // when
    const key = await startInstance('exclusive-gateway-default-flow', variables);

    // then
    expect(takenFlows(key)).toEqual(['to-decide', 'to-low']);
    expect(activatedElements(key)).not.toContain('end-high');
    expect(activatedElements(key)).not.toContain('end-medium');
    expect(activatedElements(key)).toContain('end-low');
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should NOT take the default flow when a condition is true', async () => {
    // given
    const variables = { amount: 500 };

    // when
    const key = await startInstance('exclusive-gateway-default-flow', variables);

    // then
    expect(takenFlows(key)).toEqual(['to-decide', 'to-medium']);
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should raise a CONDITION_ERROR incident when no condition is true and there is no default flow', async () => {
    // given: `approved` is not set, so neither condition is true
    // when
    const key = await startInstance('exclusive-gateway-no-default', {});

    // then
    const [incident, ...others] = await activeIncidents(key);
    expect(others).toEqual([]);
    expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'decide', state: 'ACTIVE', processInstanceKey: key });
    expect(incident!.errorMessage).toContain('decide');
    expect(lifecycleOf(key, 'decide')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING']);
    expect(takenFlows(key)).toEqual(['to-decide']);
    expect(await stateOf(key)).toBe('ACTIVE');
  });

  it('should continue to the matching end event once the variable is fixed and the incident resolved', async () => {
    // given
    const key = await startInstance('exclusive-gateway-no-default', {});
    const [incident] = await activeIncidents(key);

    // when
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: key, variables: { approved: false } });
    await engine.client.resolveIncident(incident!.incidentKey);

    // then
    expect(await activeIncidents(key)).toEqual([]);
    expect(lifecycleOf(key, 'decide')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(takenFlows(key)).toEqual(['to-decide', 'to-rejected']);
    expect(activatedElements(key)).not.toContain('end-approved');
    expect(events(key).filter((e) => e.valueType === 'INCIDENT').map((e) => e.intent)).toEqual(['CREATED', 'RESOLVED']);
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should raise the incident again when resolved without fixing the variable', async () => {
    // given
    const key = await startInstance('exclusive-gateway-no-default', {});
    const [incident] = await activeIncidents(key);

    // when
    await engine.client.resolveIncident(incident!.incidentKey);

    // then
    const [again, ...others] = await activeIncidents(key);
    expect(others).toEqual([]);
    expect(again).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'decide' });
    expect(again!.incidentKey).not.toBe(incident!.incidentKey);
    expect(await stateOf(key)).toBe('ACTIVE');
  });

  it('should resolve the incident when the instance is cancelled', async () => {
    // given
    const key = await startInstance('exclusive-gateway-no-default', {});
    const [incident] = await activeIncidents(key);

    // when
    await engine.client.cancelProcessInstance({ processInstanceKey: key });

    // then
    expect(await activeIncidents(key)).toEqual([]);
    const { items } = await engine.client.searchIncidents({ filter: { incidentKey: incident!.incidentKey } });
    expect(items.map((i) => i.state)).toEqual(['RESOLVED']);
    expect(lifecycleOf(key, 'decide')).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_TERMINATING',
      'ELEMENT_TERMINATED',
    ]);
    expect(await stateOf(key)).toBe('TERMINATED');
  });
});

// helpers

async function deployFixtures(...names: string[]) {
  await deploy(
    engine.client,
    names.map((name) => ({ name, content: readFileSync(new URL(name, import.meta.url), 'utf8') })),
  );
}

function activatedElements(processInstanceKey: string): string[] {
  return sequence(processInstanceKey)
    .filter((entry) => entry.startsWith('ELEMENT_ACTIVATED '))
    .map((entry) => entry.split(' ')[1]!);
}
