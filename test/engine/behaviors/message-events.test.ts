/**
 * Message events and BPMN errors, black-box through @camunda8/sdk: catch events with correlation keys,
 * buffering by time to live (with the clock pinned), messageId deduplication, correlation (404 when nothing
 * waits), boundary and start events, and errors thrown by jobs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow, message, serviceTask } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

const T0 = Date.parse('2026-03-02T01:00:00Z');
let engine: EngineFixture;

const withRoots = (xml: string, roots: string) => xml.replace('</bpmn:process>', '</bpmn:process>' + roots);

beforeAll(async () => {
  engine = await startEngine();
  await engine.client.pinInternalClock(T0);
  await deploy(engine.client, [
    {
      name: 'message-events.catch.bpmn',
      content: withRoots(
        bpmnProcess('message-catch', `<bpmn:startEvent id="s"/>${flow('f1', 's', 'c')}
<bpmn:intermediateCatchEvent id="c" name="等待信息表"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>${flow('f2', 'c', 'e')}
<bpmn:endEvent id="e"/>`),
        message('m', '信息表到达', '=caseId'),
      ),
    },
    {
      name: 'message-events.boundary.bpmn',
      content: withRoots(
        bpmnProcess('message-boundary', `<bpmn:startEvent id="s"/>${flow('f1', 's', 'u')}
<bpmn:userTask id="u"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>${flow('f2', 'u', 'e')}
<bpmn:boundaryEvent id="withdraw" attachedToRef="u"><bpmn:messageEventDefinition messageRef="w"/></bpmn:boundaryEvent>${flow('f3', 'withdraw', 'e2')}
<bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>`),
        message('w', 'application-withdrawn', '=caseId'),
      ),
    },
    {
      name: 'message-events.start.bpmn',
      content: withRoots(
        bpmnProcess('message-start', `<bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="st"/></bpmn:startEvent>${flow('f1', 's', 'u')}
<bpmn:userTask id="u"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>${flow('f2', 'u', 'e')}
<bpmn:endEvent id="e"/>`),
        '<bpmn:message id="st" name="online-application"/>',
      ),
    },
    {
      name: 'message-events.error.bpmn',
      content: withRoots(
        bpmnProcess('job-error', `<bpmn:startEvent id="s"/>${flow('f1', 's', 'check')}
${serviceTask('check', 'check-materials')}${flow('f2', 'check', 'e')}
<bpmn:boundaryEvent id="incomplete" attachedToRef="check"><bpmn:errorEventDefinition errorRef="err"/></bpmn:boundaryEvent>${flow('f3', 'incomplete', 'notice')}
<bpmn:userTask id="notice" name="一次性告知"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>${flow('f4', 'notice', 'e2')}
<bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>`),
        '<bpmn:error id="err" errorCode="MATERIALS_INCOMPLETE"/>',
      ),
    },
  ]);
});

afterAll(async () => {
  await engine.stop();
});

describe('message catch event', () => {
  it('should complete on a published message with the matching correlation key and propagate its variables', async () => {
    // given
    const instance = await start('message-catch', { caseId: 'A-1' });

    // when
    await engine.client.publishMessage({ name: '信息表到达', correlationKey: 'B-2', variables: { wrong: true } } as never);
    await engine.client.publishMessage({ name: '信息表到达', correlationKey: 'A-1', variables: { sheetNo: 7 } } as never);

    // then
    await expect.poll(() => stateOf(instance)).toBe('COMPLETED');
    expect(await variablesOf(instance)).toEqual({ caseId: '"A-1"', sheetNo: '7' });
  });

  it('should be reached by a buffered message published before the instance existed, within the time to live', async () => {
    // given
    await engine.client.publishMessage({ name: '信息表到达', correlationKey: 'C-3', timeToLive: 60_000, variables: { early: 1 } } as never);

    // when
    const instance = await start('message-catch', { caseId: 'C-3' });

    // then
    await expect.poll(() => stateOf(instance)).toBe('COMPLETED');
  });

  it('should NOT be reached by a buffered message whose time to live has passed', async () => {
    // given
    await engine.client.pinInternalClock(T0);
    await engine.client.publishMessage({ name: '信息表到达', correlationKey: 'D-4', timeToLive: 60_000, variables: {} } as never);
    await engine.client.pinInternalClock(T0 + 61_000);

    // when
    const instance = await start('message-catch', { caseId: 'D-4' });

    // then: the clock moved on answers once every expiry and timer due by then is done
    await engine.client.pinInternalClock(T0 + 61_000);
    expect(await stateOf(instance)).toBe('ACTIVE');
    await engine.client.pinInternalClock(T0);
  });

  it('should reject a second publication with the same messageId while the first is buffered', async () => {
    // given
    const request = { name: '信息表到达', correlationKey: 'E-5', timeToLive: 60_000, messageId: 'sheet-E-5', variables: {} };
    await engine.client.publishMessage(request as never);

    // when
    const second = await engine.client.publishMessage(request as never).catch((error: Error) => error);

    // then
    expect(String(second)).toMatch(/409/);
  });

  it('should answer correlateMessage with the instance key, and 404 when nothing waits', async () => {
    // given
    const instance = await start('message-catch', { caseId: 'F-6' });

    // when
    const correlated = await engine.client.correlateMessage({ name: '信息表到达', correlationKey: 'F-6', variables: {} } as never);
    const missing = await engine.client.correlateMessage({ name: '信息表到达', correlationKey: 'nobody', variables: {} } as never).catch((e: Error) => e);

    // then
    expect(correlated.processInstanceKey).toBe(instance);
    expect(String(missing)).toMatch(/404/);
  });
});

describe('message boundary and start events', () => {
  it('should cancel the user task and take the boundary path when the interrupting message arrives', async () => {
    // given
    const instance = await start('message-boundary', { caseId: 'G-7' });
    await expect.poll(() => tasksOf(instance)).toHaveLength(1);

    // when
    await engine.client.publishMessage({ name: 'application-withdrawn', correlationKey: 'G-7', variables: {} } as never);

    // then
    await expect.poll(() => stateOf(instance)).toBe('COMPLETED');
    const task = (await engine.client.searchUserTasks({ filter: { processInstanceKey: instance } } as never)).items[0]!;
    expect(task.state).toBe('CANCELED');
  });

  it('should start an instance with the message variables, once per active correlation key', async () => {
    // given
    const publish = () =>
      engine.client.publishMessage({ name: 'online-application', correlationKey: 'H-8', variables: { channel: '网上' } } as never);

    // when
    await publish();
    await publish();

    // then
    const started = await engine.client.searchProcessInstances({ filter: { processDefinitionId: 'message-start' } } as never);
    expect(started.items).toHaveLength(1);
    expect(await variablesOf(started.items[0]!.processInstanceKey)).toEqual({ channel: '"网上"' });
  });
});

describe('errors thrown by jobs', () => {
  it('should be caught by the error boundary on the task, with the error variables', async () => {
    // given
    const instance = await start('job-error', {});
    const [job] = await engine.client.activateJobs({ type: 'check-materials', worker: 'test', timeout: 10_000, maxJobsToActivate: 1 });

    // when
    await job!.error({ errorCode: 'MATERIALS_INCOMPLETE', errorMessage: '缺少材料', variables: { missingMaterials: ['身份证复印件'] } } as never);

    // then
    await expect.poll(() => tasksOf(instance)).toHaveLength(1);
    expect(await variablesOf(instance)).toEqual({ missingMaterials: '["身份证复印件"]' });
  });

  it('should raise UNHANDLED_ERROR_EVENT when no boundary catches the code', async () => {
    // given
    const instance = await start('job-error', {});
    const [job] = await engine.client.activateJobs({ type: 'check-materials', worker: 'test', timeout: 10_000, maxJobsToActivate: 1 });

    // when
    await job!.error({ errorCode: 'SOMETHING_ELSE', errorMessage: 'x', variables: {} } as never);

    // then
    const incidentsOf = async () => (await engine.client.searchIncidents({ filter: { processInstanceKey: instance } } as never)).items;
    await expect.poll(incidentsOf).not.toHaveLength(0);
    const incidents = await incidentsOf();
    expect(incidents[0]).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT' });
    expect(incidents[0]!.errorMessage).toContain('SOMETHING_ELSE');
  });
});

// helpers

async function start(processDefinitionId: string, variables: Record<string, unknown>): Promise<string> {
  return (await engine.client.createProcessInstance({ processDefinitionId, variables })).processInstanceKey;
}

async function stateOf(processInstanceKey: string): Promise<string> {
  return (await engine.client.searchProcessInstances({ filter: { processInstanceKey } } as never)).items[0]!.state;
}

async function tasksOf(processInstanceKey: string) {
  return (await engine.client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } } as never)).items;
}

async function variablesOf(processInstanceKey: string): Promise<Record<string, string>> {
  const found = await engine.client.searchVariables({ filter: { processInstanceKey, scopeKey: processInstanceKey } } as never);
  return Object.fromEntries(found.items.map((v) => [v.name, v.value]));
}
