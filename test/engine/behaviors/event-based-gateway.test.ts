/**
 * Event-based gateway, black-box through @camunda8/sdk with the engine clock pinned: the first event to occur
 * (a message or a timer) chooses the branch, and the other subscription is closed (Zeebe's
 * EventbasedGatewayTest; camunda-api.md section 4, Timers and Messages).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { instanceProbes } from '../../support/instance-probes.js';

const T0 = Date.parse('2030-05-01T08:00:00.000Z');
const MINUTE = 60_000;

let engine: EngineFixture;
const { lifecycleOf, intentsOf, stateOf, variablesIn } = instanceProbes(() => engine);

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [{ name: 'event-based-gateway.message-or-timer.bpmn', content: messageOrTimerProcess() }]);
});

afterAll(async () => {
  await engine.client.resetClock();
  await engine.stop();
});

describe('event-based gateway', () => {
  it('should wait at the gateway with a message subscription and a timer', async () => {
    // given
    await engine.client.pinInternalClock(T0);

    // when
    const key = await startInstance({ orderId: 'o-wait' });

    // then
    expect(lifecycleOf(key, 'gateway')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(intentsOf(key, 'TIMER')).toEqual(['CREATED']);
    expect(intentsOf(key, 'MESSAGE_SUBSCRIPTION')).toEqual(['CREATED']);
    expect(lifecycleOf(key, 'payment-received')).toEqual([]);
    expect(lifecycleOf(key, 'payment-timeout')).toEqual([]);
    await engine.client.cancelProcessInstance({ processInstanceKey: key });
    expect(intentsOf(key, 'TIMER')).toEqual(['CREATED', 'CANCELED']);
    expect(intentsOf(key, 'MESSAGE_SUBSCRIPTION')).toEqual(['CREATED', 'DELETED']);
  });

  it('should take the message branch when the message arrives first, and cancel the timer', async () => {
    // given
    await engine.client.pinInternalClock(T0);
    const key = await startInstance({ orderId: 'o-1' });

    // when
    const correlation = await engine.client.correlateMessage({ name: 'ebg-payment', correlationKey: 'o-1', variables: { amount: 120 } });

    // then
    expect(correlation.processInstanceKey).toBe(key);
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(lifecycleOf(key, 'gateway')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(lifecycleOf(key, 'payment-received').at(-1)).toBe('ELEMENT_COMPLETED');
    expect(lifecycleOf(key, 'paid')).toContain('ELEMENT_COMPLETED');
    expect(lifecycleOf(key, 'payment-timeout')).toEqual([]);
    expect(intentsOf(key, 'TIMER')).toEqual(['CREATED', 'CANCELED']);
    expect(await variablesIn(key)).toEqual({ orderId: 'o-1', amount: 120 });

    // when: the time of the timer passes afterwards
    await engine.client.pinInternalClock(T0 + 60 * MINUTE);

    // then: nothing changes
    expect(intentsOf(key, 'TIMER')).toEqual(['CREATED', 'CANCELED']);
    expect(lifecycleOf(key, 'payment-timeout')).toEqual([]);
    expect(lifecycleOf(key, 'expired')).toEqual([]);
  });

  it('should take the message branch at once when the message was published before', async () => {
    // given
    await engine.client.pinInternalClock(T0);
    await engine.client.publishMessage({ name: 'ebg-payment', correlationKey: 'o-early', variables: { amount: 7 }, timeToLive: 60_000 });

    // when
    const key = await startInstance({ orderId: 'o-early' });

    // then
    expect(await stateOf(key)).toBe('COMPLETED');
    expect(lifecycleOf(key, 'paid')).toContain('ELEMENT_COMPLETED');
    expect(lifecycleOf(key, 'payment-timeout')).toEqual([]);
    expect(intentsOf(key, 'TIMER')).toEqual(['CREATED', 'CANCELED']);
  });

  it('should take the timer branch when the clock passes first, and not correlate a later message', async () => {
    // given
    await engine.client.pinInternalClock(T0);
    const key = await startInstance({ orderId: 'o-2' });

    // when
    await engine.client.pinInternalClock(T0 + 31 * MINUTE);

    // then
    await expect.poll(() => stateOf(key)).toBe('COMPLETED');
    expect(lifecycleOf(key, 'payment-timeout').at(-1)).toBe('ELEMENT_COMPLETED');
    expect(lifecycleOf(key, 'expired')).toContain('ELEMENT_COMPLETED');
    expect(lifecycleOf(key, 'payment-received')).toEqual([]);
    expect(intentsOf(key, 'TIMER')).toEqual(['CREATED', 'TRIGGERED']);
    expect(intentsOf(key, 'MESSAGE_SUBSCRIPTION')).toEqual(['CREATED', 'DELETED']);

    // when
    const rejection = await engine.client.correlateMessage({ name: 'ebg-payment', correlationKey: 'o-2', variables: {} }).then(
      () => undefined,
      (error: unknown) => error as { statusCode?: number },
    );

    // then
    expect(rejection?.statusCode).toBe(404);
    expect(lifecycleOf(key, 'payment-received')).toEqual([]);
    expect(lifecycleOf(key, 'paid')).toEqual([]);
  });

  it('should NOT deploy a gateway that leads to a receive task', async () => {
    // given
    const xml = bpmnProcess(
      'event-based-gateway-receive-task',
      `<bpmn:startEvent id="start"/>
      <bpmn:eventBasedGateway id="gateway"/>
      <bpmn:receiveTask id="receive" messageRef="message-payment"/>
      <bpmn:intermediateCatchEvent id="payment-timeout">
        <bpmn:timerEventDefinition><bpmn:timeDuration>PT30M</bpmn:timeDuration></bpmn:timerEventDefinition>
      </bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="end"/>
      ${flow('f1', 'start', 'gateway')}
      ${flow('f2', 'gateway', 'receive')}
      ${flow('f3', 'gateway', 'payment-timeout')}
      ${flow('f4', 'receive', 'end')}
      ${flow('f5', 'payment-timeout', 'end')}`,
    ).replace('</bpmn:process>', `</bpmn:process>${paymentMessage()}`);

    // when
    const rejection = await deploy(engine.client, [{ name: 'event-based-gateway.receive-task.bpmn', content: xml }]).then(
      () => undefined,
      (error: unknown) => error as { statusCode?: number; message?: string },
    );

    // then: Zeebe accepts only message, timer and signal intermediate catch events behind the gateway
    expect(rejection?.statusCode).toBe(400);
    expect(rejection?.message).toContain('event-based gateway');
  });
});

// helpers

function paymentMessage(): string {
  return `<bpmn:message id="message-payment" name="ebg-payment"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId"/></bpmn:extensionElements></bpmn:message>`;
}

function messageOrTimerProcess(): string {
  return bpmnProcess(
    'event-based-gateway',
    `<bpmn:startEvent id="start"/>
    <bpmn:eventBasedGateway id="gateway"/>
    <bpmn:intermediateCatchEvent id="payment-received"><bpmn:messageEventDefinition messageRef="message-payment"/></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="payment-timeout">
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT30M</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="paid"/>
    <bpmn:endEvent id="expired"/>
    ${flow('f1', 'start', 'gateway')}
    ${flow('f2', 'gateway', 'payment-received')}
    ${flow('f3', 'gateway', 'payment-timeout')}
    ${flow('f4', 'payment-received', 'paid')}
    ${flow('f5', 'payment-timeout', 'expired')}`,
  ).replace('</bpmn:process>', `</bpmn:process>${paymentMessage()}`);
}

async function startInstance(variables: Record<string, unknown>): Promise<string> {
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: 'event-based-gateway', variables });
  return processInstanceKey;
}
