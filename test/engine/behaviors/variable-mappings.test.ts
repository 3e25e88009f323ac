/**
 * Input and output mappings (`zeebe:ioMapping`) and the propagation of job variables, black-box through
 * @camunda8/sdk (Zeebe's VariableMappingTest, camunda-api.md section 4).
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
  await deployFixtures(
    'variable-mappings.input.bpmn',
    'variable-mappings.output.bpmn',
    'variable-mappings.propagation.bpmn',
    'variable-mappings.feel-error.bpmn',
  );
});

afterAll(async () => {
  await engine.stop();
});

describe('input mappings', () => {
  it('should create local variables that the job sees', async () => {
    // given
    const key = await startInstance('variable-mappings-input', { customer: { id: 'c-7', name: '张三' } });

    // when
    const job = await activateJob('mappings-input', key);

    // then
    expect(job.variables).toMatchObject({
      customer: { id: 'c-7', name: '张三' },
      sender: '张三',
      salutation: 'Dear 张三',
      recipient: { id: 'c-7' },
    });
    expect(await variablesIn(job.elementInstanceKey)).toEqual({ sender: '张三', salutation: 'Dear 张三', recipient: { id: 'c-7' } });
    await engine.client.completeJob({ jobKey: job.jobKey, variables: {} });
  });

  it('should NOT put input variables into the process scope', async () => {
    // given
    const key = await startInstance('variable-mappings-input', { customer: { id: 'c-8', name: '李四' } });
    const job = await activateJob('mappings-input', key);

    // when
    await engine.client.completeJob({ jobKey: job.jobKey, variables: {} });

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(await variablesIn(key)).toEqual({ customer: { id: 'c-8', name: '李四' } });
  });

  it('should map a missing source to null', async () => {
    // given
    const key = await startInstance('variable-mappings-input', {});

    // when
    const job = await activateJob('mappings-input', key);

    // then
    expect(job.variables).toMatchObject({ sender: null, recipient: { id: null } });
    await engine.client.completeJob({ jobKey: job.jobKey, variables: {} });
  });
});

describe('output mappings', () => {
  it('should merge only the mapped targets into the process scope', async () => {
    // given
    const key = await startInstance('variable-mappings-output', { order: { id: 7 } });
    const job = await activateJob('mappings-output', key);

    // when
    await engine.client.completeJob({ jobKey: job.jobKey, variables: { status: 'paid', receipt: 'r-1' } });

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    const processVariables = await variablesIn(key);
    expect(processVariables.paymentStatus).toBe('paid');
    expect(processVariables).not.toHaveProperty('status');
    expect(processVariables).not.toHaveProperty('receipt');
  });

  it('should merge a nested target `a.b` into the existing object', async () => {
    // given
    const key = await startInstance('variable-mappings-output', { order: { id: 7, items: ['x'] } });
    const job = await activateJob('mappings-output', key);

    // when
    await engine.client.completeJob({ jobKey: job.jobKey, variables: { status: 'paid' } });

    // then
    expect(await variablesIn(key)).toEqual({ order: { id: 7, items: ['x'], status: 'paid' }, paymentStatus: 'paid' });
  });

  it('should keep the job variables local to the task when it has output mappings', async () => {
    // given
    const key = await startInstance('variable-mappings-output', {});
    const job = await activateJob('mappings-output', key);

    // when
    await engine.client.completeJob({ jobKey: job.jobKey, variables: { status: 'open', receipt: 'r-2' } });

    // then
    expect(await variablesIn(job.elementInstanceKey)).toEqual({ status: 'open', receipt: 'r-2' });
    expect(await variablesIn(key)).toEqual({ paymentStatus: 'open', order: { status: 'open' } });
  });
});

describe('job variables without output mappings', () => {
  it('should propagate new variables to the process scope', async () => {
    // given
    const key = await startInstance('variable-mappings-propagation', { applicant: 'a-1' });
    const job = await activateJob('mappings-propagation', key);

    // when
    await engine.client.completeJob({ jobKey: job.jobKey, variables: { approved: true, score: { total: 12 } } });

    // then
    expect(await variablesIn(key)).toEqual({ applicant: 'a-1', approved: true, score: { total: 12 } });
    expect(await variablesIn(job.elementInstanceKey)).toEqual({});
  });

  it('should update an existing process variable in place', async () => {
    // given
    const key = await startInstance('variable-mappings-propagation', { count: 1 });
    const [before] = await variableRecords(key, 'count');
    const job = await activateJob('mappings-propagation', key);

    // when
    await engine.client.completeJob({ jobKey: job.jobKey, variables: { count: 2 } });

    // then
    const after = await variableRecords(key, 'count');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ variableKey: before!.variableKey, scopeKey: key, value: '2' });
    const variableEvents = events(key).filter((e) => e.valueType === 'VARIABLE').map((e) => e.intent);
    expect(variableEvents).toEqual(['CREATED', 'UPDATED']);
  });
});

describe('FEEL errors in mappings', () => {
  it('should raise an IO_MAPPING_ERROR incident when an input mapping fails', async () => {
    // given: `amount` is missing, so the input's assert() fails
    // when
    const key = await startInstance('variable-mappings-feel-error', {});

    // then
    const [incident, ...others] = await activeIncidents(key);
    expect(others).toEqual([]);
    expect(incident).toMatchObject({ errorType: 'IO_MAPPING_ERROR', elementId: 'task' });
    expect(incident!.errorMessage).toContain('amount is missing');
    expect(lifecycleOf(key, 'task')).toEqual(['ELEMENT_ACTIVATING']);
    expect(await activatableJobs('mappings-feel-error')).toEqual([]);
  });

  it('should create the job once the variable is set and the incident resolved', async () => {
    // given
    const key = await startInstance('variable-mappings-feel-error', {});
    const [incident] = await activeIncidents(key);

    // when
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: key, variables: { amount: 120 } });
    await engine.client.resolveIncident(incident!.incidentKey);

    // then
    const job = await activateJob('mappings-feel-error', key);
    expect(job.variables).toMatchObject({ checkedAmount: 120 });
    await engine.client.completeJob({ jobKey: job.jobKey, variables: { receipt: 'r-3' } });
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(await variablesIn(key)).toEqual({ amount: 120, receipt: 'r-3' });
  });

  it('should raise an IO_MAPPING_ERROR incident when an output mapping fails, and complete after the fix', async () => {
    // given
    const key = await startInstance('variable-mappings-feel-error', { amount: 5 });
    const job = await activateJob('mappings-feel-error', key);

    // when: the worker does not return `receipt`
    await engine.client.completeJob({ jobKey: job.jobKey, variables: {} });

    // then
    const [incident] = await activeIncidents(key);
    expect(incident).toMatchObject({ errorType: 'IO_MAPPING_ERROR', elementId: 'task', elementInstanceKey: job.elementInstanceKey });
    expect(incident!.errorMessage).toContain('receipt is missing');
    expect(lifecycleOf(key, 'task')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING']);

    // when
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: job.elementInstanceKey, variables: { receipt: 'r-4' }, local: true });
    await engine.client.resolveIncident(incident!.incidentKey);

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(await variablesIn(key)).toEqual({ amount: 5, receipt: 'r-4' });
  });
});

// helpers

async function deployFixtures(...names: string[]) {
  await deploy(
    engine.client,
    names.map((name) => ({ name, content: readFileSync(new URL(name, import.meta.url), 'utf8') })),
  );
}

async function variableRecords(scopeKey: string, name?: string) {
  const { items } = await engine.client.searchVariables({ filter: name ? { scopeKey, name } : { scopeKey } });
  return items;
}

/** The variables stored in exactly this scope (not the ones visible from it), with their values parsed. */
async function variablesIn(scopeKey: string): Promise<Record<string, unknown>> {
  const records = await variableRecords(scopeKey);
  return Object.fromEntries(records.map((v) => [v.name, JSON.parse(v.value) as unknown]));
}
