/**
 * Camunda user task (`zeebe:userTask`), black-box through @camunda8/sdk: its lifecycle, the variables of its
 * completion, and cancellation with its process instance (Zeebe's UserTaskTest).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { instanceActions } from '../../support/instance-actions.js';
import { instanceProbes } from '../../support/instance-probes.js';

let engine: EngineFixture;
const { events, lifecycleOf, stateOf, variablesIn } = instanceProbes(() => engine);
const { startInstance } = instanceActions(() => engine);

beforeAll(async () => {
  engine = await startEngine();
  await deployFixtures('user-task.lifecycle.bpmn', 'user-task.cancel.bpmn');
});

afterAll(async () => {
  await engine.stop();
});

describe('user task', () => {
  it('should create an open, unassigned task and wait', async () => {
    // given
    // when
    const key = await startInstance('user-task-lifecycle', { applicant: '王五' });

    // then
    const task = await userTaskOf(key);
    expect(task).toMatchObject({ state: 'CREATED', elementId: 'review', name: 'Review', processInstanceKey: key });
    expect(task.assignee).toBeUndefined();
    expect(lifecycleOf(key, 'review')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(await stateOf(key)).toBe('ACTIVE');
  });

  it('should go through created, assigned and completed, and continue the instance', async () => {
    // given
    const key = await startInstance('user-task-lifecycle', { applicant: '王五' });
    const { userTaskKey } = await userTaskOf(key);

    // when
    await engine.client.assignUserTask({ userTaskKey, assignee: 'clerk-01' });

    // then
    expect(await engine.client.getUserTask(userTaskKey)).toMatchObject({ state: 'CREATED', assignee: 'clerk-01' });

    // when
    await engine.client.completeUserTask({ userTaskKey, variables: { decision: 'approve', remark: '材料齐全' } });

    // then
    const completed = await engine.client.getUserTask(userTaskKey);
    expect(completed).toMatchObject({ state: 'COMPLETED', assignee: 'clerk-01' });
    expect(completed.completionDate).toEqual(expect.any(String));
    expect(userTaskIntents(key)).toEqual(['CREATED', 'ASSIGNED', 'COMPLETED']);
    expect(lifecycleOf(key, 'review')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should propagate the completion variables to the process scope', async () => {
    // given
    const key = await startInstance('user-task-lifecycle', { applicant: '王五', decision: 'pending' });
    const { userTaskKey } = await userTaskOf(key);

    // when
    await engine.client.completeUserTask({ userTaskKey, variables: { decision: 'reject', remark: '缺少身份证复印件' } });

    // then
    expect(await variablesIn(key)).toEqual({ applicant: '王五', decision: 'reject', remark: '缺少身份证复印件' });
  });

  it('should cancel the task and the job of a parallel service task when the instance is cancelled', async () => {
    // given
    const key = await startInstance('user-task-cancel', {});
    const { userTaskKey } = await userTaskOf(key);
    const [job] = await engine.client.activateJobs({ type: 'user-task-archive', worker: 'test', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
    expect(job?.processInstanceKey).toBe(key);

    // when
    await engine.client.cancelProcessInstance({ processInstanceKey: key });

    // then
    const cancelled = await engine.client.getUserTask(userTaskKey);
    expect(cancelled).toMatchObject({ state: 'CANCELED' });
    // as Camunda 8.8's exporter does: a cancelled task carries the time it ended
    expect(Date.parse(String(cancelled.completionDate))).toBeGreaterThanOrEqual(Date.parse(cancelled.creationDate));
    expect(await stateOf(key)).toBe('TERMINATED');
    expect(userTaskIntents(key)).toEqual(['CREATED', 'CANCELED']);
    expect(jobIntents(key)).toEqual(['CREATED', 'ACTIVATED', 'CANCELED']);
    expect(lifecycleOf(key, 'review')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycleOf(key, 'archive')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    await expect(engine.client.completeJob({ jobKey: job!.jobKey, variables: {} })).rejects.toMatchObject({ statusCode: 404 });
  });

  it('should NOT complete a task of a cancelled instance', async () => {
    // given
    const key = await startInstance('user-task-lifecycle', {});
    const { userTaskKey } = await userTaskOf(key);
    await engine.client.cancelProcessInstance({ processInstanceKey: key });

    // when
    const completion = engine.client.completeUserTask({ userTaskKey, variables: { decision: 'approve' } });

    // then: Camunda answers 404 (the task left the engine's state); a 409 (wrong state) is as good for a client
    const rejection = (await completion.then(() => undefined, (error: unknown) => error)) as { statusCode?: number } | undefined;
    expect([404, 409]).toContain(rejection?.statusCode);
    expect(await engine.client.getUserTask(userTaskKey)).toMatchObject({ state: 'CANCELED' });
    expect(await variablesIn(key)).toEqual({});
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

/** The one user task of the instance. */
async function userTaskOf(processInstanceKey: string) {
  const { items } = await engine.client.searchUserTasks({ filter: { processInstanceKey } });
  expect(items).toHaveLength(1);
  return items[0]!;
}

function userTaskIntents(processInstanceKey: string): string[] {
  return events(processInstanceKey)
    .filter((e) => e.valueType === 'USER_TASK')
    .map((e) => e.intent);
}

function jobIntents(processInstanceKey: string): string[] {
  return events(processInstanceKey)
    .filter((e) => e.valueType === 'JOB')
    .map((e) => e.intent);
}
