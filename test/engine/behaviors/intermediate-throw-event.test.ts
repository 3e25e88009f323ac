/**
 * Intermediate throw events: a none event passes at once (a milestone such as 告知查询结果); a message throw
 * event is sent by a job worker, as in Zeebe, and the instance waits for that job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { instanceProbes } from '../../support/instance-probes.js';

let engine: EngineFixture;
const { lifecycleOf, stateOf } = instanceProbes(() => engine);

const NONE_THROW = bpmnProcess(
  'throw-none',
  `<bpmn:startEvent id="start"/>
  <bpmn:intermediateThrowEvent id="resultTold" name="告知查询结果"/>
  <bpmn:endEvent id="end"/>
  ${flow('f1', 'start', 'resultTold')}${flow('f2', 'resultTold', 'end')}`,
);

const MESSAGE_THROW = bpmnProcess(
  'throw-message',
  `<bpmn:startEvent id="start"/>
  <bpmn:intermediateThrowEvent id="notifyOffice" name="通知转入地">
    <bpmn:extensionElements><zeebe:taskDefinition type="notify-office"/></bpmn:extensionElements>
    <bpmn:messageEventDefinition id="notifyOfficeMessage"/>
  </bpmn:intermediateThrowEvent>
  <bpmn:endEvent id="end"/>
  ${flow('f1', 'start', 'notifyOffice')}${flow('f2', 'notifyOffice', 'end')}`,
);

const TIMER_THROW = bpmnProcess(
  'throw-timer',
  `<bpmn:startEvent id="start"/>
  <bpmn:intermediateThrowEvent id="wrong"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateThrowEvent>
  <bpmn:endEvent id="end"/>
  ${flow('f1', 'start', 'wrong')}${flow('f2', 'wrong', 'end')}`,
);

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    { name: 'throw-none.bpmn', content: NONE_THROW },
    { name: 'throw-message.bpmn', content: MESSAGE_THROW },
  ]);
});

afterAll(() => engine?.stop());

describe('intermediate throw event', () => {
  it('should pass a none throw event at once', async () => {
    // when
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: 'throw-none', variables: {} });

    // then
    await expect.poll(() => stateOf(processInstanceKey), { message: 'instance completed' }).toBe('COMPLETED');
    expect(lifecycleOf(processInstanceKey, 'resultTold')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
  });

  it('should wait at a message throw event until its job is completed', async () => {
    // given
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: 'throw-message', variables: {} });

    // when
    const [job] = await engine.client.activateJobs({ type: 'notify-office', maxJobsToActivate: 1, timeout: 10_000, worker: 'test', requestTimeout: -1 });
    const before = await stateOf(processInstanceKey);
    await engine.client.completeJob({ jobKey: job!.jobKey, variables: { notified: true } });

    // then
    expect(job).toMatchObject({ processInstanceKey, elementId: 'notifyOffice' });
    expect(before).toBe('ACTIVE');
    await expect.poll(() => stateOf(processInstanceKey), { message: 'instance completed' }).toBe('COMPLETED');
  });

  it('should reject a timer throw event at deployment, naming the element', async () => {
    // when
    const attempt = deploy(engine.client, [{ name: 'throw-timer.bpmn', content: TIMER_THROW }]);

    // then
    await expect(attempt).rejects.toThrow(/wrong/);
  });
});
