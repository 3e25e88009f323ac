/**
 * Multi-instance activities (`zeebe:loopCharacteristics`), black-box through @camunda8/sdk: parallel and
 * sequential service tasks, output collections, completion conditions, user tasks, sub-processes, and the
 * EXTRACT_VALUE_ERROR incident of a bad input collection (Zeebe's MultiInstanceActivityTest).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, escapeXml, flow } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { instanceActions } from '../../support/instance-actions.js';
import { instanceProbes } from '../../support/instance-probes.js';

let engine: EngineFixture;
const { stateOf, variablesIn, activeIncidents } = instanceProbes(() => engine);
const { startInstance } = instanceActions(() => engine);

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    { name: 'multi-instance.parallel.bpmn', content: serviceTaskProcess('mi-parallel', 'mi-parallel-work', false) },
    { name: 'multi-instance.sequential.bpmn', content: serviceTaskProcess('mi-sequential', 'mi-sequential-work', true) },
    { name: 'multi-instance.empty.bpmn', content: serviceTaskProcess('mi-empty', 'mi-empty-work', false) },
    {
      name: 'multi-instance.completion-condition.bpmn',
      content: serviceTaskProcess('mi-completion', 'mi-completion-work', false, '=numberOfCompletedInstances >= 2'),
    },
    { name: 'multi-instance.veto.bpmn', content: serviceTaskProcess('mi-veto', 'mi-veto-work', false, '=result = "veto"') },
    { name: 'multi-instance.sequential-broken.bpmn', content: serviceTaskProcess('mi-sequential-broken', 'mi-sequential-broken-work', true) },
    {
      name: 'multi-instance.condition-error.bpmn',
      content: serviceTaskProcess('mi-condition-error', 'mi-condition-error-work', false, '=numberOfCompletedInstances >= assert(quorum, quorum != null)'),
    },
    { name: 'multi-instance.user-task.bpmn', content: userTaskProcess() },
    { name: 'multi-instance.sub-process.bpmn', content: subProcessProcess() },
    { name: 'multi-instance.bad-collection.bpmn', content: serviceTaskProcess('mi-bad-collection', 'mi-bad-collection-work', false) },
  ]);
});

afterAll(async () => {
  await engine.stop();
});

describe('parallel multi-instance', () => {
  it('should create one job per item at once, each with its input element and loop counter', async () => {
    // given
    // when
    const key = await startInstance('mi-parallel', { items: ['甲', '乙', '丙'] });

    // then
    const jobs = await activateJobs('mi-parallel-work', key, 3);
    expect(jobs.map((j) => [varsOf(j).item, varsOf(j).loopCounter])).toEqual([
      ['甲', 1],
      ['乙', 2],
      ['丙', 3],
    ]);
    expect(new Set(jobs.map((j) => j.elementInstanceKey)).size).toBe(3);
    const [body] = await elementInstances(key, 'work', 'MULTI_INSTANCE_BODY');
    expect(body).toMatchObject({ state: 'ACTIVE' });
    for (const job of jobs) await engine.client.completeJob({ jobKey: job.jobKey, variables: { result: `done-${String(varsOf(job).item)}` } });
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should collect the output in item order even when completed in reverse order', async () => {
    // given
    const key = await startInstance('mi-parallel', { items: ['a', 'b', 'c'] });
    const jobs = await activateJobs('mi-parallel-work', key, 3);

    // when
    for (const job of [...jobs].reverse()) {
      await engine.client.completeJob({ jobKey: job.jobKey, variables: { result: `${String(varsOf(job).item)}!` } });
    }

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    // the output element `result` stays local to each inner instance (Zeebe initialises it there with null)
    expect(await variablesIn(key)).toEqual({ items: ['a', 'b', 'c'], results: ['a!', 'b!', 'c!'] });
    expect(lifecycleOf(key, 'work', 'MULTI_INSTANCE_BODY')).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
    expect(lifecycleOf(key, 'work', 'SERVICE_TASK').filter((i) => i === 'ELEMENT_COMPLETED')).toHaveLength(3);
  });

  it('should complete at once with an empty output collection for an empty input collection', async () => {
    // given
    // when
    const key = await startInstance('mi-empty', { items: [] });

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    expect((await variablesIn(key)).results).toEqual([]);
    expect(lifecycleOf(key, 'work', 'SERVICE_TASK')).toEqual([]);
    expect(lifecycleOf(key, 'work', 'MULTI_INSTANCE_BODY')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
  });

  it('should finish early when the completion condition holds and terminate the other instances', async () => {
    // given
    const key = await startInstance('mi-completion', { items: [1, 2, 3, 4] });
    const jobs = await activateJobs('mi-completion-work', key, 4);

    // when
    await engine.client.completeJob({ jobKey: jobs[0]!.jobKey, variables: { result: 'r1' } });
    expect(await stateOf(key)).toBe('ACTIVE');
    await engine.client.completeJob({ jobKey: jobs[2]!.jobKey, variables: { result: 'r3' } });

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    const inner = await elementInstances(key, 'work', 'SERVICE_TASK');
    expect(inner.map((i) => i.state)).toEqual(['COMPLETED', 'TERMINATED', 'COMPLETED', 'TERMINATED']);
    expect((await variablesIn(key)).results).toEqual(['r1', null, 'r3', null]);
    await expect(engine.client.completeJob({ jobKey: jobs[1]!.jobKey, variables: {} })).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('completion condition', () => {
  it('should see the variables of the inner instance that completed (its output element)', async () => {
    // given
    const key = await startInstance('mi-veto', { items: ['a', 'b', 'c'] });
    const jobs = await activateJobs('mi-veto-work', key, 3);

    // when
    await engine.client.completeJob({ jobKey: jobs[0]!.jobKey, variables: { result: 'agree' } });
    expect(await stateOf(key)).toBe('ACTIVE');
    await engine.client.completeJob({ jobKey: jobs[1]!.jobKey, variables: { result: 'veto' } });

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    expect((await elementInstances(key, 'work', 'SERVICE_TASK')).map((i) => i.state)).toEqual(['COMPLETED', 'COMPLETED', 'TERMINATED']);
    expect(await variablesIn(key)).toEqual({ items: ['a', 'b', 'c'], results: ['agree', 'veto', null] });
  });
});

describe('sequential multi-instance', () => {
  it('should create one job at a time, in item order', async () => {
    // given
    const key = await startInstance('mi-sequential', { items: ['x', 'y', 'z'] });

    for (const [index, item] of ['x', 'y', 'z'].entries()) {
      // when
      const [job] = await activateJobs('mi-sequential-work', key, 1);

      // then
      expect(job!.variables).toMatchObject({ item, loopCounter: index + 1 });
      await engine.client.completeJob({ jobKey: job!.jobKey, variables: { result: item.toUpperCase() } });
    }
    expect(await stateOf(key)).toBe('COMPLETED');
    expect((await variablesIn(key)).results).toEqual(['X', 'Y', 'Z']);
  });
});

describe('multi-instance user task and sub-process', () => {
  it('should create one user task per item with candidate groups computed per item', async () => {
    // given
    // when
    const key = await startInstance('mi-user-task', { districts: ['城中', '城东'] });

    // then
    const { items: tasks } = await engine.client.searchUserTasks({ filter: { processInstanceKey: key, state: 'CREATED' } });
    expect(tasks.map((t) => t.candidateGroups).sort()).toEqual([['reviewers-城东'], ['reviewers-城中']]);
    for (const task of tasks) await engine.client.completeUserTask({ userTaskKey: task.userTaskKey, variables: {} });
    expect(await stateOf(key)).toBe('COMPLETED');
  });

  it('should run the sub-process once per item with its own scope', async () => {
    // given
    const key = await startInstance('mi-sub-process', { claims: [{ id: 'c1' }, { id: 'c2' }] });

    // when
    const jobs = await activateJobs('mi-sub-process-work', key, 2);

    // then
    expect(jobs.map((j) => varsOf(j).claim)).toEqual([{ id: 'c1' }, { id: 'c2' }]);
    const inner = await elementInstances(key, 'review-claim', 'SUB_PROCESS');
    expect(inner.map((i) => i.state)).toEqual(['ACTIVE', 'ACTIVE']);
    for (const job of jobs) await engine.client.completeJob({ jobKey: job.jobKey, variables: { verdict: `ok-${String((varsOf(job).claim as { id: string }).id)}` } });
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(await variablesIn(key)).toEqual({ claims: [{ id: 'c1' }, { id: 'c2' }], verdicts: ['ok-c1', 'ok-c2'] });
    expect((await elementInstances(key, 'review-claim', 'SUB_PROCESS')).map((i) => i.state)).toEqual(['COMPLETED', 'COMPLETED']);
  });
});

describe('multi-instance incidents', () => {
  it('should raise EXTRACT_VALUE_ERROR for a non-list input collection, resolvable after fixing the variable', async () => {
    // given
    const key = await startInstance('mi-bad-collection', { items: 'not-a-list' });
    const [incident] = await activeIncidents(key);
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'work', state: 'ACTIVE' });

    // when
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: incident!.elementInstanceKey, variables: { items: ['fixed'] } });
    await engine.client.resolveIncident(incident!.incidentKey);

    // then
    expect(await activeIncidents(key)).toEqual([]);
    const [job] = await activateJobs('mi-bad-collection-work', key, 1);
    expect(job!.variables).toMatchObject({ item: 'fixed', loopCounter: 1 });
    await engine.client.completeJob({ jobKey: job!.jobKey, variables: { result: 'ok' } });
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(await variablesIn(key)).toEqual({ items: ['fixed'], results: ['ok'] });
  });

  it('should raise EXTRACT_VALUE_ERROR when a sequential input collection stops being a list, and go on after the fix', async () => {
    // given
    const key = await startInstance('mi-sequential-broken', { items: ['x', 'y'] });
    const [first] = await activateJobs('mi-sequential-broken-work', key, 1);
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: key, variables: { items: 'broken' } });

    // when
    await engine.client.completeJob({ jobKey: first!.jobKey, variables: { result: 'X' } });

    // then: the body does not silently stop after the first item
    const [incident] = await activeIncidents(key);
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'work', elementInstanceKey: first!.elementInstanceKey });
    expect(await stateOf(key)).toBe('ACTIVE');
    expect(lifecycleOf(key, 'work', 'SERVICE_TASK')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING']);

    // when
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: key, variables: { items: ['x', 'y'] } });
    await engine.client.resolveIncident(incident!.incidentKey);

    // then
    const [second] = await activateJobs('mi-sequential-broken-work', key, 1);
    expect(varsOf(second!)).toMatchObject({ item: 'y', loopCounter: 2 });
    await engine.client.completeJob({ jobKey: second!.jobKey, variables: { result: 'Y' } });
    expect(await stateOf(key)).toBe('COMPLETED');
    expect((await variablesIn(key)).results).toEqual(['X', 'Y']);
  });

  it('should raise an incident when the completion condition fails, and evaluate it again after the fix', async () => {
    // given
    const key = await startInstance('mi-condition-error', { items: [1, 2, 3] });
    const jobs = await activateJobs('mi-condition-error-work', key, 3);

    // when
    await engine.client.completeJob({ jobKey: jobs[0]!.jobKey, variables: {} });

    // then
    const [incident] = await activeIncidents(key);
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'work', elementInstanceKey: jobs[0]!.elementInstanceKey });

    // when
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: key, variables: { quorum: 1 } });
    await engine.client.resolveIncident(incident!.incidentKey);

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    expect((await elementInstances(key, 'work', 'SERVICE_TASK')).map((i) => i.state)).toEqual(['COMPLETED', 'TERMINATED', 'TERMINATED']);
  });
});

// helpers

function loop(inputCollection: string, inputElement: string, output: { collection: string; element: string } | undefined, sequential: boolean, completion?: string) {
  const outputAttributes = output ? ` outputCollection="${output.collection}" outputElement="${escapeXml(output.element)}"` : '';
  return `<bpmn:multiInstanceLoopCharacteristics${sequential ? ' isSequential="true"' : ''}>
        <bpmn:extensionElements>
          <zeebe:loopCharacteristics inputCollection="${escapeXml(inputCollection)}" inputElement="${inputElement}"${outputAttributes}/>
        </bpmn:extensionElements>${completion ? `<bpmn:completionCondition>${escapeXml(completion)}</bpmn:completionCondition>` : ''}
      </bpmn:multiInstanceLoopCharacteristics>`;
}

function serviceTaskProcess(processId: string, jobType: string, sequential: boolean, completion?: string): string {
  return bpmnProcess(
    processId,
    `<bpmn:startEvent id="start"/>
    <bpmn:serviceTask id="work">
      <bpmn:extensionElements><zeebe:taskDefinition type="${jobType}"/></bpmn:extensionElements>
      ${loop('=items', 'item', { collection: 'results', element: '=result' }, sequential, completion)}
    </bpmn:serviceTask>
    <bpmn:endEvent id="end"/>
    ${flow('f1', 'start', 'work')}
    ${flow('f2', 'work', 'end')}`,
  );
}

function userTaskProcess(): string {
  return bpmnProcess(
    'mi-user-task',
    `<bpmn:startEvent id="start"/>
    <bpmn:userTask id="review">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="=[&quot;reviewers-&quot; + district]"/>
        <zeebe:userTask/>
      </bpmn:extensionElements>
      ${loop('=districts', 'district', undefined, false)}
    </bpmn:userTask>
    <bpmn:endEvent id="end"/>
    ${flow('f1', 'start', 'review')}
    ${flow('f2', 'review', 'end')}`,
  );
}

function subProcessProcess(): string {
  return bpmnProcess(
    'mi-sub-process',
    `<bpmn:startEvent id="start"/>
    <bpmn:subProcess id="review-claim">
      ${loop('=claims', 'claim', { collection: 'verdicts', element: '=verdict' }, false)}
      <bpmn:startEvent id="sub-start"/>
      <bpmn:serviceTask id="check"><bpmn:extensionElements><zeebe:taskDefinition type="mi-sub-process-work"/></bpmn:extensionElements></bpmn:serviceTask>
      <bpmn:endEvent id="sub-end"/>
      ${flow('sf1', 'sub-start', 'check')}
      ${flow('sf2', 'check', 'sub-end')}
    </bpmn:subProcess>
    <bpmn:endEvent id="end"/>
    ${flow('f1', 'start', 'review-claim')}
    ${flow('f2', 'review-claim', 'end')}`,
  );
}

/** Activates every job of `type`; exactly `count` are waiting, all of this instance. Ordered by loop counter. */
async function activateJobs(type: string, processInstanceKey: string, count: number) {
  const jobs = await engine.client.activateJobs({ type, worker: 'test', timeout: 60_000, maxJobsToActivate: 10, requestTimeout: -1 });
  expect(jobs.map((job) => job.processInstanceKey)).toEqual(Array<string>(count).fill(processInstanceKey));
  return [...jobs].sort((a, b) => Number(varsOf(a).loopCounter) - Number(varsOf(b).loopCounter));
}

/** A job's variables as a plain record (the SDK types them as a lossless DTO). */
function varsOf(job: { variables: unknown }): Record<string, unknown> {
  return job.variables as Record<string, unknown>;
}

async function elementInstances(processInstanceKey: string, elementId: string, type: string) {
  const { items } = await engine.client.searchElementInstances({
    filter: { processInstanceKey, elementId, type: type as never },
    sort: [{ field: 'elementInstanceKey', order: 'ASC' }],
  });
  return items;
}

/** The lifecycle events of the element, restricted to the body or the inner instances. */
function lifecycleOf(processInstanceKey: string, elementId: string, elementType: string): string[] {
  return engine.server.engine
    .eventsOf(Number(processInstanceKey))
    .filter((e) => {
      const record = e.record as { elementId?: string; elementType?: string };
      return e.valueType === 'PROCESS_INSTANCE' && record.elementId === elementId && record.elementType === elementType;
    })
    .map((e) => e.intent);
}
