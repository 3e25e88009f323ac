/**
 * Parallel gateway, black-box: fork to service tasks and join, driven through @camunda8/sdk; assertions on
 * the emitted events (Zeebe's ParallelGatewayTest).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { instanceActions } from '../../support/instance-actions.js';
import { instanceProbes } from '../../support/instance-probes.js';

let engine: EngineFixture;
const { sequence, lifecycleOf, takenFlows, stateOf } = instanceProbes(() => engine);
const { startInstance } = instanceActions(() => engine);

beforeAll(async () => {
  engine = await startEngine();
  await deployFixtures('parallel-gateway.two-branches.bpmn', 'parallel-gateway.three-branches.bpmn');
});

afterAll(async () => {
  await engine.stop();
});

describe('parallel gateway', () => {
  it('should fork to every outgoing flow', async () => {
    // given
    // when
    const key = await startInstance('parallel-gateway-two-branches');

    // then
    expect(lifecycleOf(key, 'fork')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(sequence(key).slice(sequence(key).indexOf('ELEMENT_COMPLETED fork'))).toEqual([
      'ELEMENT_COMPLETED fork',
      'SEQUENCE_FLOW_TAKEN to-a',
      'ELEMENT_ACTIVATING task-a',
      'SEQUENCE_FLOW_TAKEN to-b',
      'ELEMENT_ACTIVATING task-b',
      'ELEMENT_ACTIVATED task-a',
      'ELEMENT_ACTIVATED task-b',
    ]);
    const jobA = await activateJob('parallel-a', key);
    const jobB = await activateJob('parallel-b', key);
    expect(jobA.elementId).toBe('task-a');
    expect(jobB.elementId).toBe('task-b');
    await engine.client.completeJob({ jobKey: jobA.jobKey, variables: {} });
    await engine.client.completeJob({ jobKey: jobB.jobKey, variables: {} });
  });

  it('should NOT activate the join while one incoming branch is still running', async () => {
    // given
    const key = await startInstance('parallel-gateway-two-branches');
    const jobA = await activateJob('parallel-a', key);
    const jobB = await activateJob('parallel-b', key);

    // when
    await engine.client.completeJob({ jobKey: jobA.jobKey, variables: {} });

    // then
    expect(lifecycleOf(key, 'task-a')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(takenFlows(key)).toContain('from-a');
    expect(lifecycleOf(key, 'join')).toEqual([]);
    expect(await stateOf(key)).toBe('ACTIVE');
    await engine.client.completeJob({ jobKey: jobB.jobKey, variables: {} });
  });

  it('should activate the join once and complete the instance after both branches completed', async () => {
    // given
    const key = await startInstance('parallel-gateway-two-branches');
    const jobA = await activateJob('parallel-a', key);
    const jobB = await activateJob('parallel-b', key);
    await engine.client.completeJob({ jobKey: jobB.jobKey, variables: {} });

    // when
    await engine.client.completeJob({ jobKey: jobA.jobKey, variables: {} });

    // then
    expect(sequence(key).slice(sequence(key).indexOf('ELEMENT_COMPLETING task-a'))).toEqual([
      'ELEMENT_COMPLETING task-a',
      'ELEMENT_COMPLETED task-a',
      'SEQUENCE_FLOW_TAKEN from-a',
      'ELEMENT_ACTIVATING join',
      'ELEMENT_ACTIVATED join',
      'ELEMENT_COMPLETING join',
      'ELEMENT_COMPLETED join',
      'SEQUENCE_FLOW_TAKEN to-end',
      'ELEMENT_ACTIVATING end',
      'ELEMENT_ACTIVATED end',
      'ELEMENT_COMPLETING end',
      'ELEMENT_COMPLETED end',
      'ELEMENT_COMPLETING parallel-gateway-two-branches',
      'ELEMENT_COMPLETED parallel-gateway-two-branches',
    ]);
    expect(takenFlows(key)).toEqual(['to-fork', 'to-a', 'to-b', 'from-b', 'from-a', 'to-end']);
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should join three branches only after the last one completed', async () => {
    // given
    const key = await startInstance('parallel-gateway-three-branches');
    const jobs = [
      await activateJob('parallel3-a', key),
      await activateJob('parallel3-b', key),
      await activateJob('parallel3-c', key),
    ];

    // when
    await engine.client.completeJob({ jobKey: jobs[2]!.jobKey, variables: {} });
    await engine.client.completeJob({ jobKey: jobs[0]!.jobKey, variables: {} });

    // then
    expect(lifecycleOf(key, 'join')).toEqual([]);
    expect(await stateOf(key)).toBe('ACTIVE');

    // when
    await engine.client.completeJob({ jobKey: jobs[1]!.jobKey, variables: {} });

    // then
    expect(lifecycleOf(key, 'join')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(takenFlows(key).filter((flow) => flow.startsWith('from-'))).toEqual(['from-c', 'from-a', 'from-b']);
    expect(lifecycleOf(key, 'end')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
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

/** Activates the one job of `type` that belongs to the instance. */
async function activateJob(type: string, processInstanceKey: string) {
  const jobs = await engine.client.activateJobs({ type, worker: 'test', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
  expect(jobs.map((job) => job.processInstanceKey)).toEqual([processInstanceKey]);
  return jobs[0]!;
}

