/**
 * Conformance: Camunda 8.8's element statistics of a process definition and of a process instance, and the
 * sequence flows an instance took (Operate's diagram badges and taken paths), through the SDK's Orchestration
 * Cluster API client; who may read them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bpmnProcess, flow, serviceTask } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { SEARCHES } from '../support/searches.js';

const NOW = { consistency: { waitUpToMs: 0 } };

let engine: EngineFixture;
let api: ReturnType<EngineFixture['camunda']['getOrchestrationClusterApiClient']>;
const processId = `statistics-${randomUUID()}`;
let definitionKey = '';

beforeAll(async () => {
  engine = await startEngine();
  api = engine.camunda.getOrchestrationClusterApiClient();
  // start → gateway → (review: user task | check: job) → end
  const deployment = await deploy(engine.client, [
    {
      name: 'statistics.bpmn',
      content: bpmnProcess(
        processId,
        `<bpmn:startEvent id="start"/>
         <bpmn:exclusiveGateway id="route" default="toCheck"/>
         <bpmn:userTask id="review" name="业务复审"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
         ${serviceTask('check', '= jobType')}
         <bpmn:endEvent id="end"/>
         ${flow('toRoute', 'start', 'route')}${flow('toReview', 'route', 'review', '= path = "review"')}${flow('toCheck', 'route', 'check')}
         ${flow('reviewDone', 'review', 'end')}${flow('checkDone', 'check', 'end')}`,
      ),
    },
  ]);
  definitionKey = deployment.processes[0]!.processDefinitionKey;
});

afterAll(async () => {
  await engine.stop();
});

async function start(path: 'review' | 'check', jobType = `statistics-${randomUUID()}`) {
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: { path, jobType } });
  return { processInstanceKey, jobType };
}

describe('POST /v2/process-definitions/{key}/statistics/element-instances', () => {
  it('should count active, incident, completed and canceled element instances of the matching instances', async () => {
    // given two instances waiting at the review, one completed through the check, one with a failed job, one canceled
    const waiting = [await start('review'), await start('review')];
    const done = await start('check');
    const [doneJob] = await engine.client.activateJobs({ type: done.jobType, worker: 'w', timeout: 10_000, maxJobsToActivate: 1, requestTimeout: -1 });
    await engine.client.completeJob({ jobKey: doneJob!.jobKey, variables: {} });
    const failing = await start('check');
    const [failingJob] = await engine.client.activateJobs({ type: failing.jobType, worker: 'w', timeout: 10_000, maxJobsToActivate: 1, requestTimeout: -1 });
    await engine.client.failJob({ jobKey: failingJob!.jobKey, retries: 0, errorMessage: '接口不可用', retryBackOff: 0 });
    const canceled = await start('review');
    await engine.client.cancelProcessInstance({ processInstanceKey: canceled.processInstanceKey });

    // the searches lag behind the commands on a cluster: read and check again until they show it
    await vi.waitFor(async () => {
      // when
      const all = await api.getProcessDefinitionStatistics({ processDefinitionKey: definitionKey as never }, NOW);
      const active = await api.getProcessDefinitionStatistics({ processDefinitionKey: definitionKey as never, filter: { state: 'ACTIVE' } }, NOW);

      // then
      const byElement = Object.fromEntries((all.items ?? []).map((item) => [item.elementId, item]));
      expect(byElement.review).toEqual({ elementId: 'review', active: 2, canceled: 1, incidents: 0, completed: 0 });
      expect(byElement.check).toEqual({ elementId: 'check', active: 0, canceled: 0, incidents: 1, completed: 1 });
      expect(byElement.end).toEqual({ elementId: 'end', active: 0, canceled: 0, incidents: 0, completed: 1 });
      expect(byElement.start).toMatchObject({ completed: 5 });
      expect(Object.keys(byElement)).not.toContain(processId);
      const activeByElement = Object.fromEntries((active.items ?? []).map((item) => [item.elementId, item]));
      expect(activeByElement.review).toMatchObject({ active: 2, canceled: 0 });
      expect(activeByElement.check).toMatchObject({ incidents: 1, completed: 0 });
      expect(activeByElement.end).toBeUndefined();
      expect(waiting).toHaveLength(2);
    }, SEARCHES);
  });

  it('should apply the instance filter, process instance keys and variables included', async () => {
    // given
    const one = await start('review');
    await start('review');

    // the searches lag behind the commands on a cluster: read and check again until they show it
    await vi.waitFor(async () => {
      // when
      const byKey = await api.getProcessDefinitionStatistics(
        { processDefinitionKey: definitionKey as never, filter: { processInstanceKey: { $in: [one.processInstanceKey] } as never } },
        NOW,
      );
      const byVariable = await api.getProcessDefinitionStatistics(
        { processDefinitionKey: definitionKey as never, filter: { state: 'ACTIVE', variables: [{ name: 'jobType', value: JSON.stringify(one.jobType) }] as never } },
        NOW,
      );

      // then
      expect(byKey.items?.find((item) => item.elementId === 'review')).toMatchObject({ active: 1 });
      expect(byVariable.items?.find((item) => item.elementId === 'review')).toMatchObject({ active: 1 });
    }, SEARCHES);
  });

  it('should apply the filters on element instances and incidents of the instances', async () => {
    // given: one instance whose check job failed without retries, with its own message
    const message = `核验失败 ${randomUUID()}`;
    const failing = await start('check');
    const [job] = await engine.client.activateJobs({ type: failing.jobType, worker: 'w', timeout: 10_000, maxJobsToActivate: 1, requestTimeout: -1 });
    await engine.client.failJob({ jobKey: job!.jobKey, retries: 0, errorMessage: message, retryBackOff: 0 });

    // the searches lag behind the commands on a cluster: read and check again until they show it
    await vi.waitFor(async () => {
      // when
      const byMessage = await api.getProcessDefinitionStatistics({ processDefinitionKey: definitionKey as never, filter: { errorMessage: message } }, NOW);
      const byElement = await api.getProcessDefinitionStatistics(
        { processDefinitionKey: definitionKey as never, filter: { elementId: 'check', hasElementInstanceIncident: true, errorMessage: { $like: '核验失败*' } } },
        NOW,
      );

      // then
      const counts = (items: { elementId?: string; incidents?: number; active?: number }[] | undefined) =>
        Object.fromEntries((items ?? []).map((item) => [item.elementId, item.incidents ?? 0]));
      expect(counts(byMessage.items)).toEqual({ start: 0, route: 0, check: 1 });
      expect(counts(byElement.items)).toEqual({ start: 0, route: 0, check: 1 });
    }, SEARCHES);
  });

  it('should answer an empty list for a definition that does not exist, and 400 for an unknown filter field', async () => {
    // when
    const unknown = await api.getProcessDefinitionStatistics({ processDefinitionKey: '2251799813999999' as never }, NOW);
    const bad = await engine.fetch(`/v2/process-definitions/${definitionKey}/statistics/element-instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filter: { colour: 'red' } }),
    });

    // then
    expect(unknown.items).toEqual([]);
    expect(bad.status).toBe(400);
  });
});

describe('GET /v2/process-instances/{key}/statistics/element-instances and /sequence-flows', () => {
  it('should show where one instance is and which flows it took', async () => {
    // given
    const { processInstanceKey } = await start('review');

    // the searches lag behind the commands on a cluster: read and check again until they show it
    await vi.waitFor(async () => {
      // when
      const statistics = await api.getProcessInstanceStatistics({ processInstanceKey: processInstanceKey as never }, NOW);
      const flows = await api.getProcessInstanceSequenceFlows({ processInstanceKey: processInstanceKey as never }, NOW);

      // then
      expect(statistics.items).toEqual([
        { elementId: 'review', active: 1, canceled: 0, incidents: 0, completed: 0 },
        { elementId: 'route', active: 0, canceled: 0, incidents: 0, completed: 1 },
        { elementId: 'start', active: 0, canceled: 0, incidents: 0, completed: 1 },
      ]);
      expect(flows.items).toEqual([
        { sequenceFlowId: `${processInstanceKey}_toRoute`, processInstanceKey, processDefinitionKey: definitionKey, processDefinitionId: processId, elementId: 'toRoute', tenantId: '<default>' },
        { sequenceFlowId: `${processInstanceKey}_toReview`, processInstanceKey, processDefinitionKey: definitionKey, processDefinitionId: processId, elementId: 'toReview', tenantId: '<default>' },
      ]);
    }, SEARCHES);
  });

  it('should answer empty lists for an instance that does not exist', async () => {
    // when
    const statistics = await api.getProcessInstanceStatistics({ processInstanceKey: '2251799813999999' as never }, NOW);
    const flows = await api.getProcessInstanceSequenceFlows({ processInstanceKey: '2251799813999999' as never }, NOW);

    // then
    expect(statistics.items).toEqual([]);
    expect(flows.items).toEqual([]);
  });

  it('should answer a clerk empty statistics and flows of any case (searches: filtered, not refused)', async () => {
    // given
    const { processInstanceKey } = await start('review');
    const clerk = { username: 'zhang-min', password: 'demo' };

    // when
    const responses = await Promise.all([
      engine.fetch(`/v2/process-instances/${processInstanceKey}/statistics/element-instances`, { as: clerk }),
      engine.fetch(`/v2/process-instances/${processInstanceKey}/sequence-flows`, { as: clerk }),
      engine.fetch(`/v2/process-definitions/${definitionKey}/statistics/element-instances`, {
        as: clerk,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    ]);

    // then
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(await Promise.all(responses.map(async (response) => response.json()))).toEqual([{ items: [] }, { items: [] }, { items: [] }]);
  });
});
