/**
 * Conformance: POST /v2/process-instances (by id, version, key; awaiting the result), cancellation, search and get,
 * through CamundaRestClient.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bpmnProcess, flow, serviceTask } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { SEARCHES } from '../support/searches.js';
import { problemOf } from '../support/problem-of.js';

const KEY = /^\d+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine.stop();
});

describe('POST /v2/process-instances', () => {
  it('should create an instance of the latest version by process id with string keys and empty variables', async () => {
    // given
    const id = `latest-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'p.bpmn', content: waitingProcess(id, 'v1') }]);
    const v2 = await deploy(engine.client, [{ name: 'p.bpmn', content: waitingProcess(id, 'v2') }]);

    // when
    const created = await engine.client.createProcessInstance({ processDefinitionId: id, variables: { amount: 12.5, applicant: '张三' } });

    // then
    expect(created.processInstanceKey).toMatch(KEY);
    expect(created.processDefinitionKey).toMatch(KEY);
    expect(created.processDefinitionKey).toBe(v2.processes[0]!.processDefinitionKey);
    expect(created.processDefinitionId).toBe(id);
    expect(created.processDefinitionVersion).toBe(2);
    expect(created.tenantId).toBe('<default>');
    expect(created.variables).toEqual({});
  });

  it('should create an instance of an explicit version by process id', async () => {
    // given
    const id = `explicit-${randomUUID()}`;
    const v1 = await deploy(engine.client, [{ name: 'p.bpmn', content: waitingProcess(id, 'v1') }]);
    await deploy(engine.client, [{ name: 'p.bpmn', content: waitingProcess(id, 'v2') }]);

    // when
    const created = await engine.client.createProcessInstance({ processDefinitionId: id, processDefinitionVersion: 1, variables: {} });

    // then
    expect(created.processDefinitionVersion).toBe(1);
    expect(created.processDefinitionKey).toBe(v1.processes[0]!.processDefinitionKey);
  });

  it('should create an instance by process definition key', async () => {
    // given
    const id = `by-key-${randomUUID()}`;
    const v1 = await deploy(engine.client, [{ name: 'p.bpmn', content: waitingProcess(id, 'v1') }]);
    await deploy(engine.client, [{ name: 'p.bpmn', content: waitingProcess(id, 'v2') }]);
    const key = v1.processes[0]!.processDefinitionKey;

    // when
    const created = await engine.client.createProcessInstance({ processDefinitionKey: key, variables: {} });

    // then
    expect(created.processDefinitionKey).toBe(key);
    expect(created.processDefinitionId).toBe(id);
    expect(created.processDefinitionVersion).toBe(1);
    expect(created.processInstanceKey).toMatch(KEY);
  });

  it('should answer 404 with a problem for an unknown process id', async () => {
    // given
    const id = `missing-${randomUUID()}`;

    // when
    const problem = await problemOf(engine.client.createProcessInstance({ processDefinitionId: id, variables: {} }));

    // then
    expect(problem.status).toBe(404);
    expect(problem.contentType).toMatch(/^application\/problem\+json/);
    expect(problem.body).toMatchObject({ type: 'about:blank', status: 404, title: 'NOT_FOUND', instance: '/v2/process-instances' });
    expect(problem.body.detail).toContain(id);
  });

  it('should answer 404 for an unknown version of a deployed process', async () => {
    // given
    const id = `no-version-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'p.bpmn', content: straightThrough(id) }]);

    // when
    const problem = await problemOf(engine.client.createProcessInstance({ processDefinitionId: id, processDefinitionVersion: 7, variables: {} }));

    // then
    expect(problem.status).toBe(404);
  });
});

describe('bad input to POST /v2/process-instances', () => {
  it('should answer 400 with a problem for a malformed JSON body', async () => {
    // given
    const body = '{"processDefinitionId": "x", "variables": {';

    // when
    const response = await engine.fetch(`/v2/process-instances`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    // then
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ type: 'about:blank', status: 400, title: 'INVALID_ARGUMENT', instance: '/v2/process-instances' });
  });

  it('should answer 400 naming the field when neither processDefinitionId nor processDefinitionKey is given', async () => {
    // given
    const body = { variables: { a: 1 } };

    // when
    const problem = await problemOf(engine.client.callApiEndpoint({ method: 'POST', urlPath: 'process-instances', body }));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('processDefinitionId');
  });

  it('should answer 400 naming the field when variables is not an object', async () => {
    // given
    const body = { processDefinitionId: 'x', variables: [1, 2] };

    // when
    const problem = await problemOf(engine.client.callApiEndpoint({ method: 'POST', urlPath: 'process-instances', body }));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('variables');
  });

  it('should answer 400 for a non-numeric key in the path', async () => {
    // given
    const processInstanceKey = 'abc';

    // when
    const problem = await problemOf(engine.client.cancelProcessInstance({ processInstanceKey }));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body).toMatchObject({ status: 400, title: 'INVALID_ARGUMENT' });
    expect(problem.body.detail).toContain('processInstanceKey');
  });
});

describe('POST /v2/process-instances with awaitCompletion', () => {
  it('should answer with the completed instance and all its variables', async () => {
    // given
    const id = `await-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'p.bpmn', content: straightThrough(id) }]);

    // when
    const result = await engine.client.createProcessInstanceWithResult({ processDefinitionId: id, variables: { a: 1, b: '乙', c: true } });

    // then
    expect(result.processInstanceKey).toMatch(KEY);
    expect(result.processDefinitionVersion).toBe(1);
    expect(toPlain(result.variables)).toEqual({ a: 1, b: '乙', c: true });
  });

  it('should answer only the variables named in fetchVariables', async () => {
    // given
    const id = `fetch-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'p.bpmn', content: straightThrough(id) }]);

    // when
    const result = await engine.client.createProcessInstanceWithResult({
      processDefinitionId: id,
      variables: { a: 1, b: 'two', c: { nested: [1, 2] } },
      fetchVariables: ['a', 'c'],
    });

    // then
    expect(toPlain(result.variables)).toEqual({ a: 1, c: { nested: [1, 2] } });
  });

  it('should wait until a worker completes the job and answer with its variables', async () => {
    // given
    const id = `await-job-${randomUUID()}`;
    const type = `await-job-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'p.bpmn', content: waitingProcess(id, type) }]);

    // when
    const pending = engine.client.createProcessInstanceWithResult({ processDefinitionId: id, variables: { input: 1 }, requestTimeout: 10_000 });
    const [job] = await engine.client.activateJobs({ type, worker: 'w', timeout: 10_000, maxJobsToActivate: 1, requestTimeout: 5_000 });
    await engine.client.completeJob({ jobKey: job!.jobKey, variables: { output: 'done' } });
    const result = await pending;

    // then
    expect(result.processInstanceKey).toBe(job!.processInstanceKey);
    expect(toPlain(result.variables)).toEqual({ input: 1, output: 'done' });
  });

  it('should answer 504 with a problem when the instance does not complete within requestTimeout', async () => {
    // given
    const id = `timeout-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'p.bpmn', content: waitingProcess(id, `nobody-${randomUUID()}`) }]);
    const started = Date.now();

    // when
    const problem = await problemOf(engine.client.createProcessInstanceWithResult({ processDefinitionId: id, variables: {}, requestTimeout: 400 }));

    // then
    expect(problem.status).toBe(504);
    expect(problem.contentType).toMatch(/^application\/problem\+json/);
    expect(problem.body).toMatchObject({ type: 'about:blank', status: 504, title: expect.any(String), detail: expect.any(String) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    await expect.poll(async () => (await engine.client.searchProcessInstances({ filter: { processDefinitionId: id } })).items.map((i) => i.state)).toEqual(['ACTIVE']);
  });
});

describe('POST /v2/process-instances/{key}/cancellation', () => {
  it('should terminate an active instance', async () => {
    // given
    const id = `cancel-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'p.bpmn', content: waitingProcess(id, `cancel-${randomUUID()}`) }]);
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: id, variables: {} });

    // when
    await engine.client.cancelProcessInstance({ processInstanceKey });

    // then
    const instance = await vi.waitFor(async () => {
      const found = await getProcessInstance(processInstanceKey);
      expect(found.state).toBe('TERMINATED');
      return found;
    }, SEARCHES);
    expect(instance.endDate).toMatch(ISO_DATE);
  });

  it('should answer 404 with a problem when the instance is cancelled twice', async () => {
    // given
    const id = `cancel-twice-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'p.bpmn', content: waitingProcess(id, `cancel-${randomUUID()}`) }]);
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: id, variables: {} });
    await engine.client.cancelProcessInstance({ processInstanceKey });

    // when
    const problem = await problemOf(engine.client.cancelProcessInstance({ processInstanceKey }));

    // then
    expect(problem.status).toBe(404);
    expect(problem.body).toMatchObject({ status: 404, title: 'NOT_FOUND', instance: `/v2/process-instances/${processInstanceKey}/cancellation` });
  });

  it('should answer 404 for an unknown instance key', async () => {
    // given
    const unknown = '2251799813999999';

    // when
    const problem = await problemOf(engine.client.cancelProcessInstance({ processInstanceKey: unknown }));

    // then
    expect(problem.status).toBe(404);
  });
});

describe('POST /v2/process-instances/search', () => {
  const id = `search-${randomUUID()}`;
  const keys: string[] = [];
  const terminated: string[] = [];

  beforeAll(async () => {
    await deploy(engine.client, [{ name: 'search.bpmn', content: waitingProcess(id, `search-${randomUUID()}`) }]);
    for (let i = 0; i < 5; i++) {
      keys.push((await engine.client.createProcessInstance({ processDefinitionId: id, variables: { i } })).processInstanceKey);
    }
    for (const key of keys.slice(0, 2)) {
      await engine.client.cancelProcessInstance({ processInstanceKey: key });
      terminated.push(key);
    }
    // the searches lag behind the commands on a cluster: wait until they show every instance as it now is
    await vi.waitFor(async () => {
      expect((await engine.client.searchProcessInstances({ filter: { processDefinitionId: id, state: 'ACTIVE' } })).page.totalItems).toBe(3);
      expect((await engine.client.searchProcessInstances({ filter: { processDefinitionId: id, state: 'TERMINATED' } })).page.totalItems).toBe(2);
    }, SEARCHES);
  });

  it('should filter by processDefinitionId and state and report totalItems', async () => {
    // given
    const filter = { processDefinitionId: id, state: 'ACTIVE' as const };

    // when
    const result = await engine.client.searchProcessInstances({ filter });

    // then
    expect(result.page.totalItems).toBe(3);
    expect(result.items.map((i) => i.processInstanceKey).sort()).toEqual(keys.slice(2).sort());
    for (const item of result.items) {
      expect(item).toMatchObject({ processDefinitionId: id, state: 'ACTIVE', hasIncident: false, tenantId: '<default>' });
      expect(item.processInstanceKey).toMatch(KEY);
      expect(item.processDefinitionKey).toMatch(KEY);
      expect(typeof item.processDefinitionVersion).toBe('number');
      expect(item.startDate).toMatch(ISO_DATE);
    }
    const ended = await engine.client.searchProcessInstances({ filter: { processDefinitionId: id, state: 'TERMINATED' } });
    expect(ended.items.map((i) => i.processInstanceKey).sort()).toEqual([...terminated].sort());
  });

  it('should sort by processInstanceKey descending', async () => {
    // given
    const filter = { processDefinitionId: id };

    // when
    const result = await engine.client.searchProcessInstances({ filter, sort: [{ field: 'processInstanceKey', order: 'DESC' }] });

    // then
    const expected = [...keys].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1));
    expect(result.items.map((i) => i.processInstanceKey)).toEqual(expected);
  });

  it('should page with from and limit and report the total and cursors', async () => {
    // given
    const filter = { processDefinitionId: id };
    const sort = [{ field: 'processInstanceKey' as const, order: 'ASC' as const }];

    // when
    const pages = [];
    for (const from of [0, 2, 4]) pages.push(await engine.client.searchProcessInstances({ filter, sort, page: { from, limit: 2 } }));

    // then
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages.map((p) => p.page.totalItems)).toEqual([5, 5, 5]);
    expect(pages.flatMap((p) => p.items.map((i) => i.processInstanceKey))).toEqual(sortedKeys(keys));
    expect(typeof pages[0]!.page.startCursor).toBe('string');
    expect(typeof pages[0]!.page.endCursor).toBe('string');
  });

  it('should page forward with the endCursor in page.after', async () => {
    // given
    const filter = { processDefinitionId: id };
    const sort = [{ field: 'processInstanceKey' as const, order: 'ASC' as const }];
    const first = await engine.client.searchProcessInstances({ filter, sort, page: { from: 0, limit: 2 } });

    // when
    const second = await engine.client.searchProcessInstances({ filter, sort, page: cursorPage({ after: first.page.endCursor, limit: 2 }) });
    const third = await engine.client.searchProcessInstances({ filter, sort, page: cursorPage({ after: second.page.endCursor, limit: 2 }) });

    // then
    expect(second.page.totalItems).toBe(5);
    expect([...first.items, ...second.items, ...third.items].map((i) => i.processInstanceKey)).toEqual(sortedKeys(keys));
    const back = await engine.client.searchProcessInstances({ filter, sort, page: cursorPage({ before: second.page.startCursor, limit: 2 }) });
    expect(back.items.map((i) => i.processInstanceKey)).toEqual(first.items.map((i) => i.processInstanceKey));
  });

  it('should sort by processDefinitionVersionTag and parentElementInstanceKey, as Camunda 8.8 allows', async () => {
    // given: a child process (version tag v1) started once alone and once by a parent's call activity (tag v2)
    const child = `sort-child-${randomUUID()}`;
    const parent = `sort-parent-${randomUUID()}`;
    const tagged = (tag: string) => `<bpmn:extensionElements><zeebe:versionTag value="${tag}"/></bpmn:extensionElements>`;
    await deploy(engine.client, [
      { name: 'sort-child.bpmn', content: bpmnProcess(child, `${tagged('v1')}<bpmn:startEvent id="start"/>${serviceTask('task', `sort-${randomUUID()}`)}${flow('f1', 'start', 'task')}`) },
      {
        name: 'sort-parent.bpmn',
        content: bpmnProcess(
          parent,
          `${tagged('v2')}<bpmn:startEvent id="start"/><bpmn:callActivity id="call"><bpmn:extensionElements>
             <zeebe:calledElement processId="${child}"/></bpmn:extensionElements></bpmn:callActivity>${flow('f1', 'start', 'call')}`,
        ),
      },
    ]);
    const alone = (await engine.client.createProcessInstance({ processDefinitionId: child, variables: {} })).processInstanceKey;
    const caller = (await engine.client.createProcessInstance({ processDefinitionId: parent, variables: {} })).processInstanceKey;
    const filter = { processDefinitionId: { $in: [child, parent] } };
    const called = async () =>
      (await engine.client.searchProcessInstances({ filter: { ...filter, parentProcessInstanceKey: caller } as never })).items.map((i) => i.processInstanceKey);
    await expect.poll(called, { message: 'the called instance' }).toHaveLength(1);
    const [calledKey] = await called();
    const order = async (sort: { field: string; order: string }[]) =>
      (await engine.client.searchProcessInstances({ filter, sort } as never)).items.map((i) => i.processInstanceKey);

    // when
    const byTag = await order([{ field: 'processDefinitionVersionTag', order: 'DESC' }, { field: 'processInstanceKey', order: 'ASC' }]);
    const byParentElement = await order([{ field: 'parentElementInstanceKey', order: 'DESC' }, { field: 'processInstanceKey', order: 'ASC' }]);

    // then: an absent parent element sorts as the smallest value
    expect(byTag).toEqual([caller, ...sortedKeys([alone, calledKey!])]);
    expect(byParentElement).toEqual([calledKey, ...sortedKeys([alone, caller])]);
  });

  it('should answer an empty page with totalItems 0 when nothing matches', async () => {
    // given
    const filter = { processDefinitionId: `nothing-${randomUUID()}` };

    // when
    const result = await engine.client.searchProcessInstances({ filter });

    // then
    expect(result.items).toEqual([]);
    expect(result.page.totalItems).toBe(0);
  });

  it('should filter by a variable with the string operators of any other field', async () => {
    // given: the values as JSON text, as Camunda compares them
    const plain = { processDefinitionId: id, variables: [{ name: 'i', value: '2' }] };
    const operators = { processDefinitionId: id, variables: [{ name: 'i', value: { $in: ['3', '4'] } }] } as never;

    // when
    const one = await engine.client.searchProcessInstances({ filter: plain });
    const two = await engine.client.searchProcessInstances({ filter: operators });

    // then
    expect(one.items.map((i) => i.processInstanceKey)).toEqual([keys[2]]);
    expect(two.items.map((i) => i.processInstanceKey).sort()).toEqual(keys.slice(3).sort());
  });

  it('should filter by variables inside $or alternatives', async () => {
    // given
    const filter = {
      processDefinitionId: id,
      $or: [{ variables: [{ name: 'i', value: '0' }] }, { variables: [{ name: 'i', value: { $like: '4' } }] }],
    } as never;

    // when
    const result = await engine.client.searchProcessInstances({ filter });

    // then
    expect(result.items.map((i) => i.processInstanceKey).sort()).toEqual([keys[0], keys[4]].sort());
  });

  it('should answer 400 naming the operator for an unknown operator in a variable filter', async () => {
    // given
    const filter = { processDefinitionId: id, variables: [{ name: 'i', value: { $contains: '1' } }] } as never;

    // when
    const problem = await problemOf(engine.client.searchProcessInstances({ filter }));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('$contains');
  });

  it('should answer 400 for a variable filter entry without a value', async () => {
    // given
    const filter = { processDefinitionId: id, variables: [{ name: 'i' }] } as never;

    // when
    const problem = await problemOf(engine.client.searchProcessInstances({ filter }));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('variables');
  });

  it('should answer 400 with a problem for an unknown filter field', async () => {
    // given
    const filter = { noSuchField: 'x' } as never;

    // when
    const problem = await problemOf(engine.client.searchProcessInstances({ filter }));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('noSuchField');
  });
});

describe('POST /v2/process-instances/search by element instances, incidents, jobs and batch operations', () => {
  const id = `related-${randomUUID()}`;
  const type = `related-${randomUUID()}`;
  const message = '医保结算接口超时 (timeout)';
  // retrying: its job failed with retries left; broken: its job failed without, so it has an incident;
  // cancelled: cancelled at the task; waiting: waits at the task; batched: cancelled by a batch operation
  const k = { retrying: '', broken: '', cancelled: '', waiting: '', batched: '' };
  let batchOperationKey = '';

  const search = async (filter: Record<string, unknown>) =>
    (await engine.client.searchProcessInstances({ filter: { processDefinitionId: id, ...filter } as never })).items
      .map((i) => i.processInstanceKey)
      .sort();
  const expected = (...names: (keyof typeof k)[]) => names.map((n) => k[n]).sort();

  beforeAll(async () => {
    await deploy(engine.client, [{ name: 'related.bpmn', content: waitingProcess(id, type) }]);
    for (const name of Object.keys(k) as (keyof typeof k)[]) {
      k[name] = (await engine.client.createProcessInstance({ processDefinitionId: id, variables: {} })).processInstanceKey;
    }
    // a cluster's batch operation finds its cases in the searches, which lag behind the commands
    await vi.waitFor(async () => expect(await search({})).toEqual(expected('retrying', 'broken', 'cancelled', 'waiting', 'batched')), SEARCHES);
    const jobs = await engine.client.activateJobs({ type, worker: 'w', timeout: 60_000, maxJobsToActivate: 5, requestTimeout: -1 });
    const jobOf = (name: keyof typeof k) => jobs.find((j) => j.processInstanceKey === k[name])!.jobKey;
    await engine.client.failJob({ jobKey: jobOf('retrying'), retries: 2, errorMessage: 'try again', retryBackOff: 0 });
    await engine.client.failJob({ jobKey: jobOf('broken'), retries: 0, errorMessage: message, retryBackOff: 0 });
    await engine.client.cancelProcessInstance({ processInstanceKey: k.cancelled });
    const created = await engine.client.callApiEndpoint<never, { batchOperationKey: string }>({
      method: 'POST',
      urlPath: 'process-instances/cancellation',
      body: { filter: { processInstanceKey: k.batched } } as never,
    });
    batchOperationKey = created.batchOperationKey;
    await vi.waitFor(
      async () => {
        const operation = await engine.client.callApiEndpoint<never, { state: string }>({ method: 'GET', urlPath: `batch-operations/${batchOperationKey}` });
        if (operation.state !== 'COMPLETED') throw new Error(`batch operation is ${operation.state}`);
      },
      { timeout: 10_000, interval: 25 },
    );
    await vi.waitFor(async () => {
      expect(await search({ state: 'TERMINATED' })).toEqual(expected('cancelled', 'batched'));
      expect(await search({ hasIncident: true })).toEqual(expected('broken'));
    }, SEARCHES);
  });

  it('should filter by elementId and elementInstanceState on one and the same element instance', async () => {
    // when
    const waitingAtTask = await search({ elementId: 'task', elementInstanceState: 'ACTIVE' });
    const cancelledAtTask = await search({ elementId: { $in: ['task'] }, elementInstanceState: { $eq: 'TERMINATED' } });
    const activeAtStart = await search({ elementId: 'start', elementInstanceState: 'ACTIVE' });
    const atEnd = await search({ elementId: 'end' });

    // then: the start event of every instance completed, so only a per-element-instance test finds none ACTIVE there
    expect(waitingAtTask).toEqual(expected('retrying', 'broken', 'waiting'));
    expect(cancelledAtTask).toEqual(expected('cancelled', 'batched'));
    expect(activeAtStart).toEqual([]);
    expect(atEnd).toEqual([]);
  });

  it('should filter by hasElementInstanceIncident, alone and with the element id', async () => {
    // when
    const withIncident = await search({ hasElementInstanceIncident: true });
    const atTask = await search({ elementId: 'task', hasElementInstanceIncident: true });
    const atStart = await search({ elementId: 'start', hasElementInstanceIncident: true });

    // then
    expect(withIncident).toEqual(expected('broken'));
    expect(atTask).toEqual(expected('broken'));
    expect(atStart).toEqual([]);
  });

  it('should filter by the error message of an active incident with the string operators', async () => {
    // when
    const like = await search({ errorMessage: { $like: '*结算接口*' } });
    const exact = await search({ errorMessage: message });
    const other = await search({ errorMessage: 'try again' });

    // then: a failure with retries left raises no incident, so its message is not an incident's
    expect(like).toEqual(expected('broken'));
    expect(exact).toEqual(expected('broken'));
    expect(other).toEqual([]);
  });

  it("should filter by incidentErrorHashCode, Java's hash code of the incident's error message", async () => {
    // when
    const match = await search({ incidentErrorHashCode: javaHashCode(message) });
    const inList = await search({ incidentErrorHashCode: { $in: [1, javaHashCode(message)] } });
    const noMatch = await search({ incidentErrorHashCode: javaHashCode('try again') });

    // then
    expect(match).toEqual(expected('broken'));
    expect(inList).toEqual(expected('broken'));
    expect(noMatch).toEqual([]);
  });

  it('should filter by hasRetriesLeft: instances with a job that failed and will be retried', async () => {
    // when
    const withRetries = await search({ hasRetriesLeft: true });
    const without = await search({ hasRetriesLeft: false });

    // then
    expect(withRetries).toEqual(expected('retrying'));
    expect(without).toEqual(expected('broken', 'cancelled', 'waiting', 'batched'));
  });

  it('should filter by batchOperationId (and its 8.9 name batchOperationKey): the items of a batch operation', async () => {
    // when
    const byId = await search({ batchOperationId: batchOperationKey });
    const byKey = await search({ batchOperationKey: { $in: [batchOperationKey] } });
    const other = await search({ batchOperationId: '1' });
    const inNone = await search({ batchOperationId: { $exists: false } });

    // then
    expect(inNone).toEqual(expected('retrying', 'broken', 'cancelled', 'waiting'));
    expect(byId).toEqual(expected('batched'));
    expect(byKey).toEqual(expected('batched'));
    expect(other).toEqual([]);
  });

  it('should combine these fields inside $or alternatives', async () => {
    // when
    const failed = await search({ $or: [{ hasRetriesLeft: true }, { errorMessage: { $like: '*超时*' } }] });
    const ended = await search({ $or: [{ elementId: 'task', elementInstanceState: 'TERMINATED', batchOperationId: batchOperationKey }, { elementId: 'nowhere' }] });

    // then
    expect(failed).toEqual(expected('retrying', 'broken'));
    expect(ended).toEqual(expected('batched'));
  });

  it('should answer 400 naming the field for an operator its type does not take, and for tags that are not a list', async () => {
    // when
    const problems = await Promise.all(
      [{ hasRetriesLeft: { $eq: true } }, { elementInstanceState: { $gt: 'ACTIVE' } }, { incidentErrorHashCode: 'abc' }, { tags: 'a' }].map((filter) =>
        problemOf(engine.client.searchProcessInstances({ filter: filter as never })),
      ),
    );

    // then
    expect(problems.map((p) => p.status)).toEqual([400, 400, 400, 400]);
    expect(problems[0]!.body.detail).toContain('hasRetriesLeft');
    expect(problems[1]!.body.detail).toContain('$gt');
    expect(problems[2]!.body.detail).toContain('incidentErrorHashCode');
    expect(problems[3]!.body.detail).toContain('tags');
  });
});

describe('process-instance tags', () => {
  // the SDK 8.8's createProcessInstance sends no tags: the request is posted as Camunda 8.8 documents it
  const create = async (processDefinitionId: string, tags: string[]) => {
    const response = await engine.fetch('/v2/process-instances', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ processDefinitionId, variables: {}, tags }),
    });
    expect(response.status).toBe(200);
    const created = (await response.json()) as { processInstanceKey: string; tags: string[] };
    // the searches lag behind the commands on a cluster
    await expect.poll(async () => (await engine.client.searchProcessInstances({ filter: { processInstanceKey: created.processInstanceKey } })).items).toHaveLength(1);
    return created;
  };

  it('should keep the tags given at creation, answer them, and find the instances that carry every tag asked for', async () => {
    // given
    const id = `tags-${randomUUID()}`;
    const jobType = `tags-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'p.bpmn', content: waitingProcess(id, jobType) }]);
    const both = await create(id, ['office:chengzhong', 'urgent']);
    const one = await create(id, ['office:chengzhong']);
    const none = await create(id, []);

    // when
    const got = (await (await engine.fetch(`/v2/process-instances/${both.processInstanceKey}`)).json()) as { tags: string[] };
    const keysOf = async (filter: object) =>
      ((await engine.client.searchProcessInstances({ filter: { processDefinitionId: id, ...filter } as never, sort: [{ field: 'processInstanceKey' }] } as never)).items as { processInstanceKey: string }[]).map(
        (item) => item.processInstanceKey,
      );

    // then
    expect(both.tags).toEqual(['office:chengzhong', 'urgent']);
    expect(none.tags).toEqual([]);
    expect(got.tags).toEqual(['office:chengzhong', 'urgent']);
    expect(await keysOf({ tags: ['office:chengzhong'] })).toEqual([both.processInstanceKey, one.processInstanceKey]);
    expect(await keysOf({ tags: ['office:chengzhong', 'urgent'] })).toEqual([both.processInstanceKey]);
    expect(await keysOf({ tags: ['unknown'] })).toEqual([]);
    expect(await keysOf({ $or: [{ tags: ['urgent'] }, { processInstanceKey: none.processInstanceKey }] })).toEqual([both.processInstanceKey, none.processInstanceKey]);

    // and: a worker gets the tags of the job's instance
    const activation = await engine.fetch('/v2/jobs/activation', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: jobType, worker: 'tags-test', timeout: 60_000, maxJobsToActivate: 3, requestTimeout: -1 }),
    });
    const { jobs } = (await activation.json()) as { jobs: { processInstanceKey: string; tags: string[] }[] };
    expect(Object.fromEntries(jobs.map((job) => [job.processInstanceKey, job.tags]))).toEqual({
      [both.processInstanceKey]: ['office:chengzhong', 'urgent'],
      [one.processInstanceKey]: ['office:chengzhong'],
      [none.processInstanceKey]: [],
    });
  });

  it('should refuse a tag that breaks Camunda\'s pattern, and more than ten, with a 400', async () => {
    // given
    const id = `tags-bad-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'p.bpmn', content: waitingProcess(id, `tags-bad-${randomUUID()}`) }]);

    // when
    const post = (tags: string[]) =>
      engine.fetch('/v2/process-instances', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ processDefinitionId: id, tags }) });
    const statuses = [(await post(['1starts-with-a-digit'])).status, (await post(Array.from({ length: 11 }, (_, i) => `t${i}`))).status];

    // then
    expect(statuses).toEqual([400, 400]);
  });
  it('should give a called child instance no tags, as Zeebe creates it afresh: its jobs carry none either', async () => {
    // given: a parent created with tags whose call activity starts a child waiting at a job
    const parent = `tags-parent-${randomUUID()}`;
    const child = `tags-child-${randomUUID()}`;
    const jobType = `tags-child-${randomUUID()}`;
    await deploy(engine.client, [
      { name: 'child.bpmn', content: waitingProcess(child, jobType) },
      {
        name: 'parent.bpmn',
        content: bpmnProcess(
          parent,
          `<bpmn:startEvent id="start"/><bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="${child}"/></bpmn:extensionElements></bpmn:callActivity>${flow('f1', 'start', 'call')}`,
        ),
      },
    ]);
    const created = await create(parent, ['office:chengzhong', 'urgent']);
    await expect
      .poll(async () => (await engine.client.searchProcessInstances({ filter: { parentProcessInstanceKey: created.processInstanceKey } } as never)).items)
      .toHaveLength(1);

    // when
    const children = (await engine.client.searchProcessInstances({ filter: { parentProcessInstanceKey: created.processInstanceKey } } as never)).items as { processInstanceKey: string; tags?: string[] }[];
    const tagged = ((await engine.client.searchProcessInstances({ filter: { tags: ['urgent'], processDefinitionId: child } as never })).items as unknown[]).length;
    const activation = await engine.fetch('/v2/jobs/activation', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: jobType, worker: 'tags-test', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: -1 }),
    });
    const { jobs } = (await activation.json()) as { jobs: { processInstanceKey: string; tags: string[] }[] };

    // then
    expect(children.map((instance) => instance.tags)).toEqual([[]]);
    expect(tagged).toBe(0);
    expect(jobs.map((job) => [job.processInstanceKey, job.tags])).toEqual([[children[0]!.processInstanceKey, []]]);
  });
});

describe('GET /v2/process-instances/{key}', () => {
  it('should answer the instance with string keys, numeric version and ISO dates', async () => {
    // given
    const id = `get-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'p.bpmn', content: waitingProcess(id, `get-${randomUUID()}`, '报销申请') }]);
    const created = await engine.client.createProcessInstance({ processDefinitionId: id, variables: {} });

    // when (the reads by key lag behind the commands on a cluster, as the searches do)
    const instance = await vi.waitFor(() => getProcessInstance(created.processInstanceKey), SEARCHES);

    // then
    expect(instance).toMatchObject({
      processInstanceKey: created.processInstanceKey,
      processDefinitionKey: created.processDefinitionKey,
      processDefinitionId: id,
      processDefinitionName: '报销申请',
      processDefinitionVersion: 1,
      state: 'ACTIVE',
      hasIncident: false,
      tenantId: '<default>',
    });
    expect(instance.startDate).toMatch(ISO_DATE);
    expect(instance.endDate).toBeUndefined();
  });

  it('should answer a completed instance with state COMPLETED and an endDate', async () => {
    // given
    const id = `get-completed-${randomUUID()}`;
    await deploy(engine.client, [{ name: 'p.bpmn', content: straightThrough(id) }]);
    const created = await engine.client.createProcessInstance({ processDefinitionId: id, variables: {} });

    // when (the reads by key lag behind the commands on a cluster, as the searches do)
    const instance = await vi.waitFor(async () => {
      const found = await getProcessInstance(created.processInstanceKey);
      expect(found.state).toBe('COMPLETED');
      return found;
    }, SEARCHES);

    // then
    expect(instance.state).toBe('COMPLETED');
    expect(instance.endDate).toMatch(ISO_DATE);
  });

  it('should answer 404 with a problem for an unknown key', async () => {
    // given
    const unknown = '2251799813999998';

    // when
    const problem = await problemOf(getProcessInstance(unknown));

    // then
    expect(problem.status).toBe(404);
    expect(problem.body).toMatchObject({ status: 404, instance: `/v2/process-instances/${unknown}` });
  });
});

// helpers

function waitingProcess(id: string, jobType: string, name = id): string {
  return bpmnProcess(
    id,
    `<bpmn:startEvent id="start"/>${serviceTask('task', jobType)}<bpmn:endEvent id="end"/>
     ${flow('f1', 'start', 'task')}${flow('f2', 'task', 'end')}`,
    name,
  );
}

function straightThrough(id: string): string {
  return bpmnProcess(id, `<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/>${flow('f1', 'start', 'end')}`);
}

interface ProcessInstance {
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionName: string;
  processDefinitionVersion: number;
  state: string;
  startDate: string;
  endDate?: string;
  hasIncident: boolean;
  tenantId: string;
}

/** The SDK's CamundaRestClient has no getProcessInstance; this is the raw call. */
async function getProcessInstance(key: string): Promise<ProcessInstance> {
  return engine.client.callApiEndpoint<never, ProcessInstance>({ method: 'GET', urlPath: `process-instances/${key}` });
}

/** The SDK's page type demands `from` next to a cursor, which Camunda rejects; a cursor page has only limit and after/before. */
function cursorPage(page: { after?: string; before?: string; limit: number }) {
  return page as unknown as { from: number; limit: number };
}

function sortedKeys(keys: string[]): string[] {
  return [...keys].sort((a, b) => (BigInt(a) > BigInt(b) ? 1 : -1));
}

/** Java's String.hashCode(): s[0]*31^(n-1) + … + s[n-1] over UTF-16 code units, as a 32-bit signed int. */
function javaHashCode(text: string): number {
  let hash = 0n;
  for (let i = 0; i < text.length; i++) hash = hash * 31n + BigInt(text.charCodeAt(i));
  return Number(BigInt.asIntN(32, hash));
}

/** Variables parsed by the SDK's lossless parser; a JSON round trip gives plain values. */
function toPlain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
