/**
 * Inclusive gateway, black-box: the fork takes every flow whose condition is true (else the default flow) and the
 * join waits only for the branches that were taken (Zeebe's InclusiveGatewayTest).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { instanceActions } from '../../support/instance-actions.js';
import { instanceProbes } from '../../support/instance-probes.js';

let engine: EngineFixture;
const { sequence, lifecycleOf, takenFlows, stateOf } = instanceProbes(() => engine);
const { activatableJobs } = instanceActions(() => engine);

beforeAll(async () => {
  engine = await startEngine();
  await deployFixtures('inclusive-gateway.fork-join.bpmn', 'inclusive-gateway.direct-flow.bpmn');
});

afterAll(async () => {
  await engine.stop();
});

describe('inclusive gateway', () => {
  it('should take every outgoing flow whose condition is true', async () => {
    // given
    const variables = { a: true, b: false, c: true };

    // when
    const key = await startInstance(variables);

    // then
    expect(lifecycleOf(key, 'fork')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(sequence(key).slice(sequence(key).indexOf('ELEMENT_COMPLETED fork'))).toEqual([
      'ELEMENT_COMPLETED fork',
      'SEQUENCE_FLOW_TAKEN to-a',
      'ELEMENT_ACTIVATING task-a',
      'SEQUENCE_FLOW_TAKEN to-c',
      'ELEMENT_ACTIVATING task-c',
      'ELEMENT_ACTIVATED task-a',
      'ELEMENT_ACTIVATED task-c',
    ]);
    expect(await activatableJobs('inclusive-b')).toEqual([]);
    expect(await activatableJobs('inclusive-fallback')).toEqual([]);
    await completeJob('inclusive-a', key);
    await completeJob('inclusive-c', key);
  });

  it('should wait at the join only for the branches that were taken', async () => {
    // given
    const key = await startInstance({ a: true, b: true, c: false });

    // when
    await completeJob('inclusive-b', key);

    // then
    expect(lifecycleOf(key, 'join')).toEqual([]);
    expect(await stateOf(key)).toBe('ACTIVE');

    // when
    await completeJob('inclusive-a', key);

    // then
    expect(lifecycleOf(key, 'join')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(takenFlows(key)).toEqual(['to-fork', 'to-a', 'to-b', 'from-b', 'from-a', 'to-end']);
    expect(lifecycleOf(key, 'task-c')).toEqual([]);
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should pass the join at once when only one branch was taken', async () => {
    // given
    const key = await startInstance({ a: false, b: false, c: true });

    // when
    await completeJob('inclusive-c', key);

    // then
    expect(takenFlows(key)).toEqual(['to-fork', 'to-c', 'from-c', 'to-end']);
    expect(lifecycleOf(key, 'join')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should take the default flow when no condition is true', async () => {
    // given
    const variables = { a: false, b: false, c: false };

    // when
    const key = await startInstance(variables);

    // then
    expect(takenFlows(key)).toEqual(['to-fork', 'to-fallback']);
    for (const type of ['inclusive-a', 'inclusive-b', 'inclusive-c']) expect(await activatableJobs(type)).toEqual([]);

    // when
    await completeJob('inclusive-fallback', key);

    // then
    expect(takenFlows(key)).toEqual(['to-fork', 'to-fallback', 'from-fallback', 'to-end']);
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should NOT pass the join early when a taken flow leads straight to it', async () => {
    // given: `direct` goes from the fork straight to the join and comes before `to-a`
    const variables = { direct: true, a: true };

    // when
    const key = await startInstance(variables, 'inclusive-gateway-direct-flow');

    // then
    expect(takenFlows(key)).toEqual(['to-fork', 'direct', 'to-a']);
    expect(lifecycleOf(key, 'join')).toEqual([]);
    expect(await stateOf(key)).toBe('ACTIVE');

    // when
    await completeJob('inclusive-direct-a', key);

    // then
    expect(takenFlows(key)).toEqual(['to-fork', 'direct', 'to-a', 'from-a', 'to-end']);
    expect(lifecycleOf(key, 'join')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(lifecycleOf(key, 'end')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should pass the join at once when only the flow straight to it was taken', async () => {
    // given
    const variables = { direct: true, a: false };

    // when
    const key = await startInstance(variables, 'inclusive-gateway-direct-flow');

    // then
    expect(takenFlows(key)).toEqual(['to-fork', 'direct', 'to-end']);
    expect(lifecycleOf(key, 'task-a')).toEqual([]);
    expect(await stateOf(key)).toBe('COMPLETED');
  });
});

// helpers

async function deployFixtures(...names: string[]) {
  await deploy(
    engine.client,
    names.map((name) => ({ name, content: readFileSync(new URL(name, import.meta.url), 'utf8') })),
  );
}

async function startInstance(variables: Record<string, unknown>, processDefinitionId = 'inclusive-gateway-fork-join'): Promise<string> {
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId, variables });
  return processInstanceKey;
}

/** Activates the one job of `type` that belongs to the instance and completes it. */
async function completeJob(type: string, processInstanceKey: string) {
  const jobs = await activatableJobs(type);
  expect(jobs.map((job) => job.processInstanceKey)).toEqual([processInstanceKey]);
  await engine.client.completeJob({ jobKey: jobs[0]!.jobKey, variables: {} });
}

