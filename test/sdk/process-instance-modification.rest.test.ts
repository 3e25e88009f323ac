/**
 * Conformance: POST /v2/process-instances/{key}/modification through CamundaRestClient.modifyProcessInstance:
 * activating elements (with ancestor scopes and variables), terminating element instances and Camunda 8.8's
 * refusals, checked through /v2 searches (element instances, variables, process instances) so the file runs
 * against a cluster too. What only the embedded engine's event log shows (the MODIFIED record and the order of
 * the records after it, that a refusal writes nothing) is checked in the last, embedded-only block.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bpmnProcess, flow, serviceTask } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { TEST_CLUSTER } from '../support/test-cluster.js';
import { instanceActions } from '../support/instance-actions.js';
import { instanceProbes } from '../support/instance-probes.js';
import { problemOf } from '../support/problem-of.js';

let engine: EngineFixture;
const { stateOf, variablesIn, events } = instanceProbes(() => engine);
const { activatableJobs } = instanceActions(() => engine);

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine.stop();
});

describe('POST /v2/process-instances/{key}/modification', () => {
  it('should activate an element so that its job reaches a worker, and answer an empty 204', async () => {
    // given: the SDK suite's case, a second task activated beside the waiting one
    const { processId, type } = await deployTwoTasks();
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: { key: 'k1' } });

    // when
    const response = await engine.client.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'second', ancestorElementInstanceKey: '-1', variableInstructions: [] }],
    });

    // then
    expect(response).toBe('');
    const jobs = await activatableJobs(`${type}-second`);
    expect(jobs.map((j) => j.processInstanceKey)).toEqual([processInstanceKey]);
    expect((await activatableJobs(`${type}-first`)).map((j) => j.processInstanceKey)).toEqual([processInstanceKey]);
  });

  it('should move a token: terminate the waiting task and activate another, with global and local variables', async () => {
    // given, when
    const { processInstanceKey, type } = await moveTokenToSecond();

    // then
    await expect.poll(() => elementStatesOf(processInstanceKey)).toEqual(['first TERMINATED', 'second ACTIVE', 'start COMPLETED']);
    await expect.poll(() => variablesIn(processInstanceKey)).toEqual({ reason: '跳过初审' });
    const [job] = await activatableJobs(`${type}-second`);
    await expect.poll(() => variablesIn(job!.elementInstanceKey)).toEqual({ note: '管理员调整' });
    await engine.client.completeJob({ jobKey: job!.jobKey, variables: {} });
    await expect.poll(() => stateOf(processInstanceKey)).toBe('COMPLETED');
  });

  it('should enter a sub-process without its start event to activate an element inside it, with variables in its scope', async () => {
    // given
    const { processId, type } = await deployWithSubProcess();
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });

    // when
    await engine.client.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'inner', variableInstructions: [{ variables: { level: 2 }, scopeId: 'sub' }] }],
    });

    // then
    const sub = await activeInstanceOf(processInstanceKey, 'sub');
    await expect.poll(() => variablesIn(sub)).toEqual({ level: 2 });
    expect(await elementStatesOf(processInstanceKey)).not.toContain('subStart COMPLETED');
    expect((await activatableJobs(`${type}-inner`)).map((j) => j.elementId)).toEqual(['inner']);
  });

  it('should terminate the process instance when the only active element is terminated', async () => {
    // given
    const { processId } = await deployTwoTasks();
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });

    // when
    await engine.client.modifyProcessInstance({ processInstanceKey, terminateInstructions: [{ elementInstanceKey: await activeInstanceOf(processInstanceKey, 'first') }] });

    // then
    await expect.poll(() => stateOf(processInstanceKey)).toBe('TERMINATED');
  });

  it('should answer 404 for an unknown or ended process instance', async () => {
    // given
    const unknown = '2251799813999995';

    // when
    const problem = await problemOf(engine.client.modifyProcessInstance({ processInstanceKey: unknown, activateInstructions: [{ elementId: 'x' }] }));

    // then
    expect(problem.status).toBe(404);
    expect(problem.body.detail).toContain(unknown);
  });

  it.each([
    ['an unknown element', () => ({ activateInstructions: [{ elementId: 'nope' }] }), /element that could not be found: 'nope'/],
    ['a start event', () => ({ activateInstructions: [{ elementId: 'start' }] }), /type 'START_EVENT' is not supported/],
    ['a boundary event', () => ({ activateInstructions: [{ elementId: 'timeout' }] }), /type 'BOUNDARY_EVENT' is not supported/],
    ['an event after an event-based gateway', () => ({ activateInstructions: [{ elementId: 'waitMessage' }] }), /event-based gateway is not supported/],
    ['an element inside a multi-instance sub-process', () => ({ activateInstructions: [{ elementId: 'perItem' }] }), /multi-instance element 'loop'/],
    ['a variable scope that is no flow scope', () => ({ activateInstructions: [{ elementId: 'first', variableInstructions: [{ variables: {}, scopeId: 'second' }] }] }), /doesn't belong to the activating element's flow scope/],
    ['an unknown variable scope', () => ({ activateInstructions: [{ elementId: 'first', variableInstructions: [{ variables: {}, scopeId: 'ghost' }] }] }), /scope element id that could not be found: 'ghost'/],
    ['an unknown element instance to terminate', () => ({ terminateInstructions: [{ elementInstanceKey: '2251799813999994' }] }), /element instance that could not be found: '2251799813999994'/],
  ])('should refuse %s with 400 and change nothing', async (_, instructions, detail) => {
    // given
    const { processId } = await deployRefusals();
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: { items: [1, 2] } });
    await expect.poll(() => elementStatesOf(processInstanceKey)).toEqual(REFUSALS_WAITING);

    // when
    const problem = await problemOf(engine.client.modifyProcessInstance({ processInstanceKey, ...(instructions() as object) }));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.title).toBe('INVALID_ARGUMENT');
    expect(problem.body.detail).toMatch(detail);
    expect(await elementStatesOf(processInstanceKey)).toEqual(REFUSALS_WAITING);
  });

  it('should refuse an ancestor that is not a flow scope of the element, and an ambiguous flow scope without ancestor', async () => {
    // given: two instances of the sub-process run in parallel
    const { processId } = await deployWithSubProcess(true);
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });
    const items = await vi.waitFor(
      async () => {
        const found = (await engine.client.searchElementInstances({ filter: { processInstanceKey, elementId: 'sub', state: 'ACTIVE', type: 'SUB_PROCESS' } })).items;
        if (found.length < 2) throw new Error('the two sub-process instances are not found by a search yet');
        return found;
      },
      { timeout: 10_000, interval: 25 },
    );
    const waiting = await activeInstanceOf(processInstanceKey, 'before');

    // when
    const ambiguous = await problemOf(engine.client.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId: 'inner' }] }));
    const notAncestor = await problemOf(
      engine.client.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId: 'inner', ancestorElementInstanceKey: waiting }] }),
    );
    await engine.client.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'inner', ancestorElementInstanceKey: items[1]!.elementInstanceKey }],
    });

    // then
    expect(items).toHaveLength(2);
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.detail).toMatch(/more than one active instance: 'sub'/);
    expect(notAncestor.status).toBe(400);
    expect(notAncestor.body.detail).toMatch(/is not an ancestor of element 'inner'/);
    // each sub-process instance runs its own `inner`; the third is the one the modification activated in the second
    await expect.poll(async () => (await engine.client.searchElementInstances({ filter: { processInstanceKey, elementId: 'inner', state: 'ACTIVE' } })).items).toHaveLength(3);
  });
});

// the embedded engine's event log: what no /v2 search shows
describe.skipIf(TEST_CLUSTER)('modification in the event log (embedded engine only)', () => {
  it('should record PROCESS_INSTANCE_MODIFICATION MODIFIED, then activate before it terminates, and cancel the job of the terminated task', async () => {
    // given, when
    const { processInstanceKey } = await moveTokenToSecond();

    // then
    const log = events(processInstanceKey);
    const modified = log.findIndex((e) => e.valueType === 'PROCESS_INSTANCE_MODIFICATION' && e.intent === 'MODIFIED');
    expect(modified).toBeGreaterThan(0);
    const after = log
      .slice(modified + 1)
      .filter((e) => e.valueType === 'PROCESS_INSTANCE')
      .map((e) => `${e.intent} ${(e.record as { elementId: string }).elementId}`);
    expect(after).toEqual(['ELEMENT_ACTIVATING second', 'ELEMENT_TERMINATING first', 'ELEMENT_TERMINATED first', 'ELEMENT_ACTIVATED second']);
    expect(log.filter((e) => e.valueType === 'JOB').map((e) => e.intent)).toEqual(['CREATED', 'CANCELED', 'CREATED']);
  });

  it('should write no event for a refused modification', async () => {
    // given
    const { processId } = await deployRefusals();
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: { items: [1, 2] } });
    const before = events(processInstanceKey).length;

    // when
    const problem = await problemOf(engine.client.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId: 'nope' }] }));

    // then
    expect(problem.status).toBe(400);
    expect(events(processInstanceKey)).toHaveLength(before);
  });
});

// helpers

/** The one active instance of the element, once a search finds it. */
async function activeInstanceOf(processInstanceKey: string, elementId: string): Promise<string> {
  return vi.waitFor(
    async () => {
      const { items } = await engine.client.searchElementInstances({ filter: { processInstanceKey, elementId, state: 'ACTIVE' } });
      if (items.length !== 1) throw new Error(`expected one active ${elementId}, found ${items.length}`);
      return items[0]!.elementInstanceKey;
    },
    { timeout: 10_000, interval: 25 },
  );
}

/** The instance's element instances as `elementId STATE`, sorted (a search: what a cluster shows too). */
async function elementStatesOf(processInstanceKey: string): Promise<string[]> {
  const { items } = await engine.client.searchElementInstances({ filter: { processInstanceKey }, page: { limit: 100 } } as never);
  return items.filter((item) => item.type !== 'PROCESS').map((item) => `${item.elementId} ${item.state}`).sort();
}

/** Two tasks; the token waiting at `first` is moved to `second`, with a global and a local variable. */
async function moveTokenToSecond() {
  const { processId, type } = await deployTwoTasks();
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });
  const first = await activeInstanceOf(processInstanceKey, 'first');
  await engine.client.modifyProcessInstance({
    processInstanceKey,
    activateInstructions: [
      {
        elementId: 'second',
        variableInstructions: [{ variables: { reason: '跳过初审' } }, { variables: { note: '管理员调整' }, scopeId: 'second' }],
      },
    ],
    terminateInstructions: [{ elementInstanceKey: first }],
  });
  return { processInstanceKey, type };
}

/** Where an instance of the refusals model stands: waiting at `first` and at the event-based gateway. */
const REFUSALS_WAITING = ['choose ACTIVE', 'first ACTIVE', 'fork COMPLETED', 'start COMPLETED'];

async function deployTwoTasks() {
  const processId = `modify-${randomUUID()}`;
  const type = `modify-${randomUUID()}`;
  await deploy(engine.client, [
    {
      name: 'two-tasks.bpmn',
      content: bpmnProcess(
        processId,
        `<bpmn:startEvent id="start"/>${serviceTask('first', `${type}-first`)}${serviceTask('second', `${type}-second`)}<bpmn:endEvent id="end"/>
         ${flow('f1', 'start', 'first')}${flow('f2', 'first', 'second')}${flow('f3', 'second', 'end')}`,
      ),
    },
  ]);
  return { processId, type };
}

/** `before` waits; `sub` (embedded) holds `inner`; with `parallel`, a fork starts two instances of `sub`. */
async function deployWithSubProcess(parallel = false) {
  const processId = `modify-sub-${randomUUID()}`;
  const type = `modify-sub-${randomUUID()}`;
  const sub = (id: string) => `<bpmn:subProcess id="${id}"><bpmn:startEvent id="${id}Start"/>${serviceTask('inner', `${type}-inner`)}<bpmn:endEvent id="${id}End"/>
    ${flow(`${id}f1`, `${id}Start`, 'inner')}${flow(`${id}f2`, 'inner', `${id}End`)}</bpmn:subProcess>`;
  const body = parallel
    ? `<bpmn:startEvent id="start"/><bpmn:parallelGateway id="fork"/>${serviceTask('before', `${type}-before`)}
       <bpmn:subProcess id="sub"><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2]"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
         <bpmn:startEvent id="subStart"/>${serviceTask('inner', `${type}-inner`)}<bpmn:endEvent id="subEnd"/>${flow('sf1', 'subStart', 'inner')}${flow('sf2', 'inner', 'subEnd')}</bpmn:subProcess>
       ${flow('f1', 'start', 'fork')}${flow('f2', 'fork', 'before')}${flow('f3', 'fork', 'sub')}`
    : `<bpmn:startEvent id="start"/>${serviceTask('before', `${type}-before`)}${sub('sub')}<bpmn:endEvent id="end"/>
       ${flow('f1', 'start', 'before')}${flow('f2', 'before', 'sub')}${flow('f3', 'sub', 'end')}`;
  await deploy(engine.client, [{ name: 'sub.bpmn', content: bpmnProcess(processId, body) }]);
  return { processId, type };
}

/** One model with every element kind a modification refuses to activate. */
async function deployRefusals() {
  const processId = `modify-refusals-${randomUUID()}`;
  const type = `modify-refusals-${randomUUID()}`;
  const body = `<bpmn:startEvent id="start"/><bpmn:parallelGateway id="fork"/>
    ${serviceTask('first', `${type}-first`)}${serviceTask('second', `${type}-second`)}
    <bpmn:boundaryEvent id="timeout" attachedToRef="first"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:eventBasedGateway id="choose"/>
    <bpmn:intermediateCatchEvent id="waitMessage"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="waitTimer"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:subProcess id="loop"><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
      <bpmn:startEvent id="loopStart"/>${serviceTask('perItem', `${type}-item`)}${flow('lf', 'loopStart', 'perItem')}</bpmn:subProcess>
    <bpmn:endEvent id="end"/><bpmn:endEvent id="end2"/><bpmn:endEvent id="end3"/>
    ${flow('f1', 'start', 'fork')}${flow('f2', 'fork', 'first')}${flow('f3', 'first', 'second')}${flow('f4', 'second', 'end')}
    ${flow('f5', 'fork', 'choose')}${flow('f6', 'choose', 'waitMessage')}${flow('f7', 'choose', 'waitTimer')}${flow('f8', 'waitMessage', 'end2')}${flow('f9', 'waitTimer', 'end2')}
    ${flow('f10', 'timeout', 'end3')}`;
  const xml = bpmnProcess(processId, body).replace(
    '</bpmn:definitions>',
    `<bpmn:message id="m" name="modify-refusal"><bpmn:extensionElements><zeebe:subscription correlationKey="=&quot;k&quot;"/></bpmn:extensionElements></bpmn:message></bpmn:definitions>`,
  );
  await deploy(engine.client, [{ name: 'refusals.bpmn', content: xml }]);
  return { processId };
}
