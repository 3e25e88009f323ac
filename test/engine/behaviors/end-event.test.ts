/**
 * None and terminate end events, black-box through @camunda8/sdk (Zeebe's EndEventTest,
 * TerminateEndEventTest).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { instanceProbes } from '../../support/instance-probes.js';

let engine: EngineFixture;
const { sequence, lifecycleOf, stateOf } = instanceProbes(() => engine);

beforeAll(async () => {
  engine = await startEngine();
  await deployFixtures('end-event.none.bpmn', 'end-event.terminate.bpmn');
});

afterAll(async () => {
  await engine.stop();
});

describe('none end event', () => {
  it('should NOT complete the instance while another branch is still active', async () => {
    // given
    // when
    const key = await startInstance('end-event-none');

    // then
    expect(lifecycleOf(key, 'end-early')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(await userTaskOf(key)).toMatchObject({ state: 'CREATED' });
    expect(await stateOf(key)).toBe('ACTIVE');
  });

  it('should complete the instance when the last branch ends', async () => {
    // given
    const key = await startInstance('end-event-none');
    const { userTaskKey } = await userTaskOf(key);

    // when
    await engine.client.completeUserTask({ userTaskKey });

    // then
    expect(sequence(key).slice(-6)).toEqual([
      'ELEMENT_ACTIVATING end-review',
      'ELEMENT_ACTIVATED end-review',
      'ELEMENT_COMPLETING end-review',
      'ELEMENT_COMPLETED end-review',
      'ELEMENT_COMPLETING end-event-none',
      'ELEMENT_COMPLETED end-event-none',
    ]);
    expect(await stateOf(key)).toBe('COMPLETED');
  });
});

describe('terminate end event', () => {
  it('should terminate a parallel branch that is still waiting and complete the instance', async () => {
    // given
    const key = await startInstance('end-event-terminate');
    const { userTaskKey } = await userTaskOf(key);
    const [job] = await engine.client.activateJobs({ type: 'end-event-work', worker: 'test', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
    expect(job?.processInstanceKey).toBe(key);

    // when
    await engine.client.completeJob({ jobKey: job!.jobKey, variables: {} });

    // then
    expect(await engine.client.getUserTask(userTaskKey)).toMatchObject({ state: 'CANCELED' });
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(lifecycleOf(key, 'review')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycleOf(key, 'terminate')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    const events = sequence(key);
    expect(events.indexOf('ELEMENT_TERMINATED review')).toBeGreaterThan(events.indexOf('ELEMENT_ACTIVATING terminate'));
    expect(events.slice(-2)).toEqual(['ELEMENT_COMPLETING end-event-terminate', 'ELEMENT_COMPLETED end-event-terminate']);
    expect(lifecycleOf(key, 'end-review')).toEqual([]);
  });

  it('should NOT let the terminated branch continue', async () => {
    // given
    const key = await startInstance('end-event-terminate');
    const { userTaskKey } = await userTaskOf(key);
    const [job] = await engine.client.activateJobs({ type: 'end-event-work', worker: 'test', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
    await engine.client.completeJob({ jobKey: job!.jobKey, variables: {} });

    // when
    const completion = engine.client.completeUserTask({ userTaskKey });

    // then: Camunda answers 404 (the task left the engine's state); a 409 (wrong state) is as good for a client
    const rejection = (await completion.then(() => undefined, (error: unknown) => error)) as { statusCode?: number } | undefined;
    expect([404, 409]).toContain(rejection?.statusCode);
    expect(lifecycleOf(key, 'end-review')).toEqual([]);
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

async function startInstance(processDefinitionId: string): Promise<string> {
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId, variables: {} });
  return processInstanceKey;
}

/** The one user task of the instance. */
async function userTaskOf(processInstanceKey: string) {
  const { items } = await engine.client.searchUserTasks({ filter: { processInstanceKey } });
  expect(items).toHaveLength(1);
  return items[0]!;
}

