/**
 * Conformance: element instances (search, get) and setting variables on a scope
 * (PUT /v2/element-instances/{key}/variables, local and propagated), through CamundaRestClient.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { problemOf } from '../support/problem-of.js';

const KEY = /^\d+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

let engine: EngineFixture;
const processId = `elements-${randomUUID()}`;
const jobType = `elements-${randomUUID()}`;

/** start → service task → end, as process `id`. */
function elementsProcess(id: string) {
  return {
    name: `${id}.bpmn`,
    content: bpmnProcess(
      id,
      `<bpmn:startEvent id="start" name="受理"/>
       <bpmn:serviceTask id="task" name="核验"><bpmn:extensionElements><zeebe:taskDefinition type="${jobType}"/></bpmn:extensionElements></bpmn:serviceTask>
       <bpmn:endEvent id="end"/>${flow('f1', 'start', 'task')}${flow('f2', 'task', 'end')}`,
    ),
  };
}

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [elementsProcess(processId)]);
});

afterAll(async () => {
  await engine.stop();
});

describe('POST /v2/element-instances/search', () => {
  it('should find the element instances of a process instance with string keys, type, state and dates', async () => {
    // given
    const { processInstanceKey, processDefinitionKey } = await start({ n: 1 });

    // when
    const result = await engine.client.searchElementInstances({
      filter: { processInstanceKey },
      sort: [{ field: 'elementInstanceKey', order: 'ASC' }],
    });

    // then
    const flowNodes = result.items;
    expect(flowNodes.map((i) => [i.elementId, i.type, i.state])).toEqual([
      ['start', 'START_EVENT', 'COMPLETED'],
      ['task', 'SERVICE_TASK', 'ACTIVE'],
    ]);
    expect(result.page.totalItems).toBe(2);
    for (const item of result.items) {
      expect(item.elementInstanceKey).toMatch(KEY);
      expect(item).toMatchObject({ processInstanceKey, processDefinitionKey, processDefinitionId: processId, hasIncident: false, tenantId: '<default>' });
      expect(item.startDate).toMatch(ISO_DATE);
    }
    expect(flowNodes[0]!.elementName).toBe('受理');
    expect(flowNodes[0]!.endDate).toMatch(ISO_DATE);
    expect(flowNodes[1]!.elementName).toBe('核验');
    expect(flowNodes[1]!.endDate).toBeUndefined();
  });

  it('should filter by elementId, type and state', async () => {
    // given
    const { processInstanceKey } = await start({ n: 2 });

    // when
    const active = await engine.client.searchElementInstances({ filter: { processInstanceKey, state: 'ACTIVE', type: 'SERVICE_TASK' } });
    const startEvents = await engine.client.searchElementInstances({ filter: { processInstanceKey, elementId: 'start' } });

    // then
    expect(active.items.map((i) => i.elementId)).toEqual(['task']);
    expect(active.page.totalItems).toBe(1);
    expect(startEvents.items.map((i) => [i.elementId, i.state])).toEqual([['start', 'COMPLETED']]);
  });

  it('should page with from and limit and report totalItems', async () => {
    // given
    // a process of its own, so that its three instances are all there is: Camunda 8.8 takes processInstanceKey as a
    // plain value only (no $in), and a conformance suite must run against a cluster unchanged
    const pagedProcessId = `elements-paged-${randomUUID()}`;
    await deploy(engine.client, [elementsProcess(pagedProcessId)]);
    const keys: string[] = [];
    for (let i = 0; i < 3; i++) keys.push((await start({ i }, pagedProcessId)).processInstanceKey);
    const filter = { processDefinitionId: pagedProcessId, elementId: 'task' };

    // when
    const first = await engine.client.searchElementInstances({ filter, sort: [{ field: 'elementInstanceKey', order: 'ASC' }], page: { from: 0, limit: 2 } });
    const second = await engine.client.searchElementInstances({ filter, sort: [{ field: 'elementInstanceKey', order: 'ASC' }], page: { from: 2, limit: 2 } });

    // then
    expect(first.page.totalItems).toBe(3);
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    expect([...first.items, ...second.items].map((i) => i.processInstanceKey)).toEqual(keys);
    expect(typeof first.page.endCursor).toBe('string');
  });
});

describe('GET /v2/element-instances/{key}', () => {
  it('should answer the element instance', async () => {
    // given
    const { processInstanceKey } = await start({ n: 3 });
    const [task] = (await engine.client.searchElementInstances({ filter: { processInstanceKey, elementId: 'task' } })).items;

    // when
    const fetched = await engine.client.getElementInstance(task!.elementInstanceKey);

    // then
    expect(fetched).toEqual(task);
  });

  it('should NOT treat the process instance itself as an element instance', async () => {
    // given
    const { processInstanceKey } = await start({ n: 4 });

    // when
    const problem = await problemOf(engine.client.getElementInstance(processInstanceKey));
    const search = await engine.client.searchElementInstances({ filter: { processInstanceKey, type: 'PROCESS' } as never });

    // then
    expect(problem.status).toBe(404);
    expect(search.page.totalItems).toBe(0);
  });

  it('should answer 404 with a problem for an unknown key', async () => {
    // given
    const unknown = '2251799813999993';

    // when
    const problem = await problemOf(engine.client.getElementInstance(unknown));

    // then
    expect(problem.status).toBe(404);
    expect(problem.contentType).toMatch(/^application\/problem\+json/);
    expect(problem.body).toMatchObject({ type: 'about:blank', status: 404, instance: `/v2/element-instances/${unknown}` });
  });

  it('should answer 400 with a problem for a non-numeric key', async () => {
    // given
    const key = '12ab';

    // when
    const problem = await problemOf(engine.client.getElementInstance(key));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('elementInstanceKey');
  });
});

describe('PUT /v2/element-instances/{key}/variables', () => {
  it('should set variables strictly in the given scope with local true', async () => {
    // given
    const { processInstanceKey, taskKey } = await startWithTask({ shared: 'root' });

    // when
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: taskKey, variables: { shared: 'task', onlyTask: 1 }, local: true });

    // then
    await expect.poll(() => variablesByScope(processInstanceKey)).toEqual({
      [processInstanceKey]: { shared: '"root"' },
      [taskKey]: { shared: '"task"', onlyTask: '1' },
    });
  });

  it('should propagate variables to the outermost scope by default', async () => {
    // given
    const { processInstanceKey, taskKey } = await startWithTask({ shared: 'root' });

    // when
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: taskKey, variables: { shared: 'changed', added: { a: [1] } } });

    // then
    await expect.poll(() => variablesByScope(processInstanceKey)).toEqual({
      [processInstanceKey]: { shared: '"changed"', added: '{"a":[1]}' },
    });
  });

  it('should update a variable in the nearest scope that has it when propagating', async () => {
    // given
    const { processInstanceKey, taskKey } = await startWithTask({ shared: 'root' });
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: taskKey, variables: { shared: 'task' }, local: true });

    // when
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: taskKey, variables: { shared: 'again', fresh: true }, local: false });

    // then
    await expect.poll(() => variablesByScope(processInstanceKey)).toEqual({
      [processInstanceKey]: { shared: '"root"', fresh: 'true' },
      [taskKey]: { shared: '"again"' },
    });
  });

  it('should set variables on the process instance scope by its key', async () => {
    // given
    const { processInstanceKey } = await startWithTask({});

    // when
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: processInstanceKey, variables: { 申请人: '张三' }, local: true });

    // then
    await expect.poll(() => variablesByScope(processInstanceKey)).toEqual({ [processInstanceKey]: { 申请人: '"张三"' } });
  });

  it('should answer 404 for a completed element instance', async () => {
    // given
    const { processInstanceKey } = await start({});
    const [startEvent] = (await engine.client.searchElementInstances({ filter: { processInstanceKey, elementId: 'start' } })).items;

    // when
    const problem = await problemOf(engine.client.updateElementInstanceVariables({ elementInstanceKey: startEvent!.elementInstanceKey, variables: { x: 1 } }));

    // then
    expect(problem.status).toBe(404);
  });

  it('should answer 400 naming the field when variables are missing', async () => {
    // given
    const { taskKey } = await startWithTask({});

    // when
    const problem = await problemOf(engine.client.callApiEndpoint({ method: 'PUT', urlPath: `element-instances/${taskKey}/variables`, body: { local: true } }));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('variables');
  });
});

// helpers

/** Starts an instance and waits until the searches show it waiting at the task (on a cluster they lag behind). */
async function start(variables: Record<string, unknown>, processDefinitionId = processId) {
  const created = await engine.client.createProcessInstance({ processDefinitionId, variables });
  const { processInstanceKey } = created;
  await expect.poll(async () => (await engine.client.searchElementInstances({ filter: { processInstanceKey, elementId: 'task' } })).items).toHaveLength(1);
  return created;
}

async function startWithTask(variables: Record<string, unknown>) {
  const { processInstanceKey } = await start(variables);
  const [task] = (await engine.client.searchElementInstances({ filter: { processInstanceKey, elementId: 'task' } })).items;
  return { processInstanceKey, taskKey: task!.elementInstanceKey };
}

/** scopeKey -> name -> JSON value, from POST /v2/variables/search. */
async function variablesByScope(processInstanceKey: string): Promise<Record<string, Record<string, string>>> {
  const { items } = await engine.client.searchVariables({ filter: { processInstanceKey } });
  const result: Record<string, Record<string, string>> = {};
  for (const v of items) (result[v.scopeKey] ??= {})[v.name] = v.value;
  return result;
}
