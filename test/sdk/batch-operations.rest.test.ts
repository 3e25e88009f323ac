/**
 * Conformance: batch operations through the SDK's Orchestration Cluster client: cancellation, incident
 * resolution, migration and modification over a process-instance filter; search and get of operations and their
 * items with each item's state and error; suspend, resume, cancel; an operation survives an engine restart.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bpmnProcess, flow, serviceTask } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { TEST_CLUSTER } from '../support/test-cluster.js';
import { problemOf } from '../support/problem-of.js';

const NO_WAIT = { consistency: { waitUpToMs: 0 } } as const;

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine.stop();
});

const oca = (fixture = engine) => fixture.camunda.getOrchestrationClusterApiClientLoose();

describe('POST /v2/process-instances/cancellation', () => {
  it('should cancel every running instance the filter matches in the background, item by item', async () => {
    // given
    const { processId } = await deployTasks();
    const keys = await startInstances(processId, 3);
    const other = await deployTasks();
    const untouched = (await startInstances(other.processId, 1))[0]!;

    // when
    const created = await oca().cancelProcessInstancesBatchOperation({ filter: { processDefinitionId: processId as never } }, NO_WAIT);
    const operation = await finished(String(created.batchOperationKey));

    // then
    expect(created.batchOperationType).toBe('CANCEL_PROCESS_INSTANCE');
    expect(operation).toMatchObject({
      batchOperationKey: created.batchOperationKey,
      state: 'COMPLETED',
      batchOperationType: 'CANCEL_PROCESS_INSTANCE',
      operationsTotalCount: 3,
      operationsFailedCount: 0,
      operationsCompletedCount: 3,
    });
    expect(operation.endDate).toBeDefined();
    for (const key of keys) await expect.poll(() => stateOf(key)).toBe('TERMINATED');
    await expect.poll(() => stateOf(untouched)).toBe('ACTIVE');
    const items = await oca().searchBatchOperationItems({ filter: { batchOperationKey: String(created.batchOperationKey) } }, NO_WAIT);
    expect(items.items!.map((i) => [i.itemKey, i.processInstanceKey, i.state, i.operationType])).toEqual(
      keys.map((key) => [key, key, 'COMPLETED', 'CANCEL_PROCESS_INSTANCE']),
    );
    expect(items.items!.every((i) => typeof i.processedDate === 'string')).toBe(true);
  });

  it('should complete at once when the filter matches nothing, and answer 400 for an unknown filter field', async () => {
    // given
    const filter = { processDefinitionId: `nothing-${randomUUID()}` };

    // when
    const created = await oca().cancelProcessInstancesBatchOperation({ filter: filter as never }, NO_WAIT);
    const problem = await problemOf(engine.client.callApiEndpoint({ method: 'POST', urlPath: 'process-instances/cancellation', body: { filter: { colour: 'red' } } }));

    // then
    expect(await oca().getBatchOperation({ batchOperationKey: String(created.batchOperationKey) }, NO_WAIT)).toMatchObject({ state: 'COMPLETED', operationsTotalCount: 0 });
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toMatch(/colour/);
  });
});

describe('POST /v2/process-instances/incident-resolution', () => {
  it('should give jobs without retries one back and resolve their incidents, so workers get them again', async () => {
    // given
    const { processId, type } = await deployTasks();
    const [key] = await startInstances(processId, 1);
    const [job] = await engine.client.activateJobs({ type: `${type}-a`, worker: 'w', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
    await engine.client.failJob({ jobKey: job!.jobKey, retries: 0, errorMessage: '社保系统不可用', retryBackOff: 0 });

    // when
    const created = await oca().resolveIncidentsBatchOperation({ filter: { processDefinitionId: processId as never } }, NO_WAIT);
    await finished(String(created.batchOperationKey));

    // then
    const incidents = async () => (await engine.client.searchIncidents({ filter: { processInstanceKey: key! } })).items;
    await expect.poll(async () => (await incidents()).map((i) => i.state)).toEqual(['RESOLVED']);
    const items = await incidents();
    const again = await engine.client.activateJobs({ type: `${type}-a`, worker: 'w', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
    expect(again.map((j) => [j.jobKey, j.retries])).toEqual([[job!.jobKey, 1]]);
    const batchItems = await oca().searchBatchOperationItems({ filter: { batchOperationKey: String(created.batchOperationKey) } }, NO_WAIT);
    expect(batchItems.items!.map((i) => [i.itemKey, i.processInstanceKey])).toEqual([[items[0]!.incidentKey, key]]);
  });
});

describe('POST /v2/process-instances/migration', () => {
  it('should migrate the instances that fit the plan and record why the others failed', async () => {
    // given: one instance waits at `a` (mapped), one at `b` (not mapped)
    const { processId, type } = await deployTasks();
    const [first, second] = await startInstances(processId, 2);
    const [job] = await engine.client.activateJobs({ type: `${type}-a`, worker: 'w', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
    await engine.client.completeJob({ jobKey: job!.jobKey, variables: {} });
    const atB = job!.processInstanceKey;
    const atA = atB === first ? second! : first!;
    const v2 = await deploy(engine.client, [{ name: 'tasks.bpmn', content: tasksModel(processId, type, '第二版') }]);

    // when
    const created = await oca().migrateProcessInstancesBatchOperation(
      {
        filter: { processDefinitionId: processId as never },
        migrationPlan: { targetProcessDefinitionKey: v2.processes[0]!.processDefinitionKey as never, mappingInstructions: [{ sourceElementId: 'a', targetElementId: 'a' }] },
      },
      NO_WAIT,
    );
    const operation = await finished(String(created.batchOperationKey));

    // then
    expect(operation).toMatchObject({ state: 'PARTIALLY_COMPLETED', operationsTotalCount: 2, operationsFailedCount: 1, operationsCompletedCount: 1 });
    const items = await oca().searchBatchOperationItems({ filter: { batchOperationKey: String(created.batchOperationKey), state: 'FAILED' } }, NO_WAIT);
    expect(items.items!.map((i) => i.processInstanceKey)).toEqual([atB]);
    expect(items.items![0]!.errorMessage).toMatch(/no mapping instruction defined for active element with id 'b'/);
    const versions = async () => {
      const instances = await engine.client.searchProcessInstances({ filter: { processDefinitionId: processId } });
      return Object.fromEntries(instances.items.map((i) => [i.processInstanceKey, i.processDefinitionVersion]));
    };
    await expect.poll(versions).toEqual({ [atA]: 2, [atB]: 1 });
  });
});

describe('POST /v2/process-instances/modification', () => {
  it('should move the token from one element to another in every matched instance, and skip instances without it', async () => {
    // given
    const { processId, type } = await deployTasks();
    const [first, second] = await startInstances(processId, 2);
    const [job] = await engine.client.activateJobs({ type: `${type}-a`, worker: 'w', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 });
    await engine.client.completeJob({ jobKey: job!.jobKey, variables: {} });
    const atB = job!.processInstanceKey;
    const atA = atB === first ? second! : first!;

    // when
    const created = await oca().modifyProcessInstancesBatchOperation(
      { filter: { processDefinitionId: processId as never }, moveInstructions: [{ sourceElementId: 'a', targetElementId: 'b' }] },
      NO_WAIT,
    );
    const operation = await finished(String(created.batchOperationKey));

    // then
    expect(operation).toMatchObject({ state: 'COMPLETED', operationsTotalCount: 2 });
    const items = await oca().searchBatchOperationItems({ filter: { batchOperationKey: String(created.batchOperationKey) }, sort: [{ field: 'itemKey' }] }, NO_WAIT);
    const states = Object.fromEntries(items.items!.map((i) => [i.processInstanceKey, i.state]));
    expect(states).toEqual({ [atA]: 'COMPLETED', [atB]: 'SKIPPED' });
    const active = async () => (await engine.client.searchElementInstances({ filter: { processInstanceKey: atA, state: 'ACTIVE', type: 'SERVICE_TASK' } })).items;
    await expect.poll(async () => (await active()).map((e) => e.elementId)).toEqual(['b']);
  });
});

describe('suspending, resuming and cancelling a batch operation', () => {
  // skipped against a cluster (EMBEDDED_ONLY): needs engine settings (batch operation pace) and a restart on its data directory
  it.skipIf(TEST_CLUSTER)('should stop working while suspended, keep its state across a restart, and finish once resumed', async () => {
    // given: an engine that works off one item every 250 ms, so the operation is still running when suspended
    let paced = await startEngine({ engine: { batchOperationPace: 250 } });
    try {
      const processId = `paced-${randomUUID()}`;
      await deploy(paced.client, [{ name: 'paced.bpmn', content: tasksModel(processId, `paced-${randomUUID()}`, '') }]);
      for (let i = 0; i < 6; i++) await paced.client.createProcessInstance({ processDefinitionId: processId, variables: {} });
      const created = await oca(paced).cancelProcessInstancesBatchOperation({ filter: { processDefinitionId: processId as never } }, NO_WAIT);
      const key = String(created.batchOperationKey);

      // when
      await oca(paced).suspendBatchOperation({ batchOperationKey: key }, NO_WAIT);
      const suspended = await oca(paced).getBatchOperation({ batchOperationKey: key }, NO_WAIT);
      const dataDir = paced.dataDir;
      await paced.stop({ keepData: true });
      paced = await startEngine({ dataDir, engine: { batchOperationPace: 10 } });
      const afterRestart = await oca(paced).getBatchOperation({ batchOperationKey: key }, NO_WAIT);
      await oca(paced).resumeBatchOperation({ batchOperationKey: key }, NO_WAIT);
      const done = await finished(key, paced);

      // then
      expect(suspended.state).toBe('SUSPENDED');
      expect(suspended.operationsCompletedCount).toBeLessThan(6);
      expect(afterRestart).toMatchObject({ state: 'SUSPENDED', operationsCompletedCount: suspended.operationsCompletedCount });
      expect(done).toMatchObject({ state: 'COMPLETED', operationsCompletedCount: 6 });
    } finally {
      await paced.stop();
    }
  });

  // skipped against a cluster (EMBEDDED_ONLY): needs engine settings (batch operation pace) and a restart on its data directory
  it.skipIf(TEST_CLUSTER)('should cancel the items not worked off yet, and refuse what does not fit the operation’s state', async () => {
    // given
    const paced = await startEngine({ engine: { batchOperationPace: 250 } });
    try {
      const processId = `paced-${randomUUID()}`;
      await deploy(paced.client, [{ name: 'paced.bpmn', content: tasksModel(processId, `paced-${randomUUID()}`, '') }]);
      for (let i = 0; i < 4; i++) await paced.client.createProcessInstance({ processDefinitionId: processId, variables: {} });
      const created = await oca(paced).cancelProcessInstancesBatchOperation({ filter: { processDefinitionId: processId as never } }, NO_WAIT);
      const key = String(created.batchOperationKey);

      // when
      await oca(paced).cancelBatchOperation({ batchOperationKey: key }, NO_WAIT);
      const resumeCanceled = await problemOf(paced.client.callApiEndpoint({ method: 'POST', urlPath: `batch-operations/${key}/resumption` }));
      const suspendCanceled = await problemOf(paced.client.callApiEndpoint({ method: 'POST', urlPath: `batch-operations/${key}/suspension` }));
      const unknown = await problemOf(paced.client.callApiEndpoint({ method: 'GET', urlPath: 'batch-operations/2251799813999971' }));

      // then
      const operation = await oca(paced).getBatchOperation({ batchOperationKey: key }, NO_WAIT);
      expect(operation.state).toBe('CANCELED');
      const canceled = await oca(paced).searchBatchOperationItems({ filter: { batchOperationKey: key, state: 'CANCELED' } }, NO_WAIT);
      expect(canceled.items!.length).toBeGreaterThan(0);
      expect(canceled.items!.length + operation.operationsCompletedCount!).toBe(4);
      expect(resumeCanceled.status).toBe(409);
      expect(suspendCanceled.status).toBe(409);
      expect(unknown.status).toBe(404);
      const search = await oca(paced).searchBatchOperations({ filter: { state: 'CANCELED' } }, NO_WAIT);
      expect(search.items!.map((o) => o.batchOperationKey)).toEqual([key]);
    } finally {
      await paced.stop();
    }
  });
});

// helpers

function tasksModel(processId: string, type: string, name: string): string {
  return bpmnProcess(
    processId,
    `<bpmn:startEvent id="start"/>${serviceTask('a', `${type}-a`)}${serviceTask('b', `${type}-b`)}<bpmn:endEvent id="end"/>
     ${flow('f1', 'start', 'a')}${flow('f2', 'a', 'b')}${flow('f3', 'b', 'end')}`,
    name || processId,
  );
}

async function deployTasks() {
  const processId = `batch-${randomUUID()}`;
  const type = `batch-${randomUUID()}`;
  await deploy(engine.client, [{ name: 'tasks.bpmn', content: tasksModel(processId, type, '') }]);
  return { processId, type };
}

/** Starts `count` instances and waits until the searches show them (a cluster's batch operation finds its cases there). */
async function startInstances(processId: string, count: number): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) keys.push((await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} })).processInstanceKey);
  for (const key of keys) await expect.poll(() => stateOf(key)).toBe('ACTIVE');
  return keys;
}

async function stateOf(processInstanceKey: string) {
  const { items } = await engine.client.searchProcessInstances({ filter: { processInstanceKey } });
  return items[0]?.state;
}

/** Waits until the operation reached a final state and answers it. */
async function finished(batchOperationKey: string, fixture = engine) {
  return vi.waitFor(
    async () => {
      const operation = await oca(fixture).getBatchOperation({ batchOperationKey }, NO_WAIT);
      if (!['COMPLETED', 'PARTIALLY_COMPLETED', 'CANCELED', 'FAILED'].includes(operation.state!)) throw new Error(`batch operation ${batchOperationKey} is ${operation.state}`);
      return operation;
    },
    { timeout: 10_000, interval: 25 },
  );
}
