/**
 * The search lag (engine.ts `searchLag`, ENGINE_SEARCH_LAG_MS): the /v2 searches and reads by key see only what the
 * projector has written, as a Camunda 8.8 cluster's searches read a secondary store behind the commands, and they
 * catch up within the lag; the commands, and the authorization checks before them, still read the current state.
 * The projector's delay is the lag, so no clock is pinned here: the lag is real time, waited on with expect.poll.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';

/** Long enough that the reads right after a command surely come before the projector, even on a loaded machine. */
const LAG_MS = 1_500;
/** The bound the tests wait: the lag and room for a busy machine. */
const BOUND = { timeout: LAG_MS + 5_000 };

const processId = `search-lag-${randomUUID()}`;
const USER_TASK = bpmnProcess(
  processId,
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="review" name="审核"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:endEvent id="end"/>${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}`,
);

describe('with a search lag', () => {
  let engine: EngineFixture;

  beforeAll(async () => {
    engine = await startEngine({ engine: { searchLag: LAG_MS } });
    await deploy(engine.client, [{ name: 'search-lag.bpmn', content: USER_TASK }]);
  });

  // each test begins with nothing held: the projector's next run is then a whole lag after the test's first command
  beforeEach(() => {
    engine.server.engine.projectHeld();
  });

  afterAll(async () => {
    await engine.stop();
  });

  const post = (path: string, body: unknown) =>
    engine.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('should not show a new process instance to a search or a read by key at once, and show it within the lag', async () => {
    // given
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: { applicant: '张三' } });

    // when
    const searched = await engine.client.searchProcessInstances({ filter: { processInstanceKey } });
    const read = await engine.fetch(`/v2/process-instances/${processInstanceKey}`);
    const variables = await engine.client.searchVariables({ filter: { processInstanceKey } });

    // then
    expect(searched.items).toEqual([]);
    expect(read.status).toBe(404);
    expect(variables.items).toEqual([]);
    await expect
      .poll(async () => (await engine.client.searchProcessInstances({ filter: { processInstanceKey } })).items, BOUND)
      .toEqual([expect.objectContaining({ processInstanceKey, state: 'ACTIVE' })]);
    expect(await (await engine.fetch(`/v2/process-instances/${processInstanceKey}`)).json()).toMatchObject({ processInstanceKey, state: 'ACTIVE' });
    expect((await engine.client.searchVariables({ filter: { processInstanceKey } })).items).toEqual([
      expect.objectContaining({ name: 'applicant', value: '"张三"' }),
    ]);
  });

  it('should let a command act on an instance the searches do not show yet, and show its outcome within the lag', async () => {
    // given
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });
    expect((await engine.client.searchProcessInstances({ filter: { processInstanceKey } })).items).toEqual([]);

    // when: the command reads the current state, not the searches' rows
    await engine.client.cancelProcessInstance({ processInstanceKey });

    // then
    await expect
      .poll(async () => (await engine.client.searchProcessInstances({ filter: { processInstanceKey } })).items, BOUND)
      .toEqual([expect.objectContaining({ processInstanceKey, state: 'TERMINATED' })]);
  });

  it('should let a batch operation find the instances its filter matches before the searches show them', async () => {
    // given
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });
    expect((await engine.client.searchProcessInstances({ filter: { processInstanceKey } })).items).toEqual([]);

    // when: the batch operation finds its cases in the current state (engine.ts `currentQueries`)
    const created = (await (await post('/v2/process-instances/cancellation', { filter: { processInstanceKey } })).json()) as { batchOperationKey: string };

    // then
    await expect
      .poll(async () => {
        const response = await post('/v2/batch-operation-items/search', { filter: { batchOperationKey: created.batchOperationKey } });
        return ((await response.json()) as { items: unknown[] }).items;
      }, BOUND)
      .toEqual([expect.objectContaining({ processInstanceKey, state: 'COMPLETED' })]);
    await expect
      .poll(async () => (await engine.client.searchProcessInstances({ filter: { processInstanceKey } })).items, BOUND)
      .toEqual([expect.objectContaining({ state: 'TERMINATED' })]);
  });
});

describe('without a search lag (the default)', () => {
  let engine: EngineFixture;

  beforeAll(async () => {
    engine = await startEngine({ engine: { searchLag: 0 } });
    await deploy(engine.client, [{ name: 'search-lag.bpmn', content: USER_TASK }]);
  });

  afterAll(async () => {
    await engine.stop();
  });

  it('should show a new process instance to the next search and read by key (read-your-writes)', async () => {
    // given
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });

    // when
    const searched = await engine.client.searchProcessInstances({ filter: { processInstanceKey } });

    // then
    expect(searched.items).toEqual([expect.objectContaining({ processInstanceKey, state: 'ACTIVE' })]);
    expect(await (await engine.fetch(`/v2/process-instances/${processInstanceKey}`)).json()).toMatchObject({ processInstanceKey, state: 'ACTIVE' });
  });
});
