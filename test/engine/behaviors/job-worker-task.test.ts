/**
 * Service tasks and the other job-worker tasks, black-box through @camunda8/sdk: retries, incidents, task
 * headers and FEEL job types (Zeebe's ServiceTaskTest, JobFailTest).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { instanceActions } from '../../support/instance-actions.js';
import { instanceProbes } from '../../support/instance-probes.js';

let engine: EngineFixture;
const { events, lifecycleOf, stateOf, activeIncidents } = instanceProbes(() => engine);
const { startInstance, activatableJobs, activateJob } = instanceActions(() => engine);

beforeAll(async () => {
  engine = await startEngine();
  await deployFixtures('job-worker-task.retries.bpmn', 'job-worker-task.headers.bpmn', 'job-worker-task.feel-type.bpmn');
});

afterAll(async () => {
  await engine.stop();
});

describe('job worker task', () => {
  it('should create a job with the retries of the task definition', async () => {
    // given
    const key = await startInstance('job-worker-task-retries');

    // when
    const job = await activateJob('worker-retries', key);

    // then
    expect(job).toMatchObject({ type: 'worker-retries', retries: 2, elementId: 'task', processDefinitionId: 'job-worker-task-retries' });
    expect(lifecycleOf(key, 'task')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    await engine.client.completeJob({ jobKey: job.jobKey, variables: {} });
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should hand a failed job out again with the retries the worker left', async () => {
    // given
    const key = await startInstance('job-worker-task-retries');
    const job = await activateJob('worker-retries', key);

    // when
    await engine.client.failJob({ jobKey: job.jobKey, retries: job.retries - 1, errorMessage: 'timeout calling the bank', retryBackOff: 0 });

    // then
    const again = await activateJob('worker-retries', key);
    expect(again.jobKey).toBe(job.jobKey);
    expect(again.retries).toBe(1);
    expect(await activeIncidents(key)).toEqual([]);
    await engine.client.completeJob({ jobKey: again.jobKey, variables: {} });
  });

  it('should NOT hand a failed job out again before its retry back-off elapsed', async () => {
    // given
    const key = await startInstance('job-worker-task-retries');
    const job = await activateJob('worker-retries', key);

    // when
    await engine.client.failJob({ jobKey: job.jobKey, retries: 1, errorMessage: 'busy', retryBackOff: 60_000 });

    // then
    expect(await activatableJobs('worker-retries')).toEqual([]);
    await engine.client.cancelProcessInstance({ processInstanceKey: key });
  });

  it('should raise a JOB_NO_RETRIES incident with the worker\'s error message when no retries are left', async () => {
    // given
    const key = await startInstance('job-worker-task-retries');
    const first = await activateJob('worker-retries', key);
    await engine.client.failJob({ jobKey: first.jobKey, retries: 1, errorMessage: 'timeout calling the bank', retryBackOff: 0 });
    const second = await activateJob('worker-retries', key);

    // when
    await engine.client.failJob({ jobKey: second.jobKey, retries: 0, errorMessage: '银行接口不可用', retryBackOff: 0 });

    // then
    const [incident, ...others] = await activeIncidents(key);
    expect(others).toEqual([]);
    expect(incident).toMatchObject({
      errorType: 'JOB_NO_RETRIES',
      errorMessage: '银行接口不可用',
      elementId: 'task',
      jobKey: first.jobKey,
      elementInstanceKey: first.elementInstanceKey,
    });
    expect(await activatableJobs('worker-retries')).toEqual([]);
    expect(await stateOf(key)).toBe('ACTIVE');
    expect(jobIntents(key)).toEqual(['CREATED', 'ACTIVATED', 'FAILED', 'ACTIVATED', 'FAILED']);
  });

  it('should hand the job out again after its retries were raised and the incident resolved', async () => {
    // given
    const key = await startInstance('job-worker-task-retries');
    const job = await activateJob('worker-retries', key);
    await engine.client.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: 'down', retryBackOff: 0 });
    const [incident] = await activeIncidents(key);

    // when
    await engine.client.updateJob({ jobKey: job.jobKey, retries: 1 });
    await engine.client.resolveIncident(incident!.incidentKey);

    // then
    const again = await activateJob('worker-retries', key);
    expect(again).toMatchObject({ jobKey: job.jobKey, retries: 1 });
    await engine.client.completeJob({ jobKey: again.jobKey, variables: {} });
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should pass the task headers to the job as custom headers', async () => {
    // given
    const key = await startInstance('job-worker-task-headers');

    // when
    const job = await activateJob('worker-headers', key);

    // then
    expect({ ...job.customHeaders }).toEqual({ method: 'VISA', template: '审核通知' });
    await engine.client.completeJob({ jobKey: job.jobKey, variables: {} });
  });

  it('should evaluate a FEEL job type', async () => {
    // given
    const key = await startInstance('job-worker-task-feel-type', { kind: 'tax' });

    // when
    const job = await activateJob('calc-tax', key);

    // then
    expect(job.type).toBe('calc-tax');
    await engine.client.completeJob({ jobKey: job.jobKey, variables: {} });
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should raise an EXTRACT_VALUE_ERROR incident when the FEEL job type is not a string, and create the job after the fix', async () => {
    // given: without `kind`, `"calc-" + kind` is null
    // when
    const key = await startInstance('job-worker-task-feel-type', {});

    // then
    const [incident] = await activeIncidents(key);
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'task' });
    expect(jobIntents(key)).toEqual([]);

    // when
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: key, variables: { kind: 'fee' } });
    await engine.client.resolveIncident(incident!.incidentKey);

    // then
    const job = await activateJob('calc-fee', key);
    await engine.client.completeJob({ jobKey: job.jobKey, variables: {} });
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

function jobIntents(processInstanceKey: string): string[] {
  return events(processInstanceKey)
    .filter((e) => e.valueType === 'JOB')
    .map((e) => e.intent);
}
