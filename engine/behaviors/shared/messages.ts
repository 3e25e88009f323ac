/**
 * Opens and closes message subscriptions. The message name and correlation key are evaluated when the
 * subscription opens (Zeebe does the same), so a later change of the variable does not move it.
 */
import type { MessageDefinition } from '../../model/executable-process.js';
import type { ElementInstanceRecord } from '../../state/records.js';
import type { EngineServices } from './engine-services.js';
import { failure, type Failure } from './failure.js';
import { describeValue } from '../../feel/value-type-name.js';

/** Subscribes `owner` (a waiting catch event / receive task, or a boundary event's host) to `event`'s message. */
export function openMessageSubscription(
  event: { readonly id: string; readonly message: MessageDefinition },
  owner: ElementInstanceRecord,
  services: EngineServices,
): Failure | void {
  const { message } = event;
  const nameEvaluation = services.variables.evaluate(message.name, owner.key);
  if (!nameEvaluation.ok) return nameEvaluation.failure.as('EXTRACT_VALUE_ERROR');
  const name = nameEvaluation.value;
  if (typeof name !== 'string' || name === '') {
    return failure('EXTRACT_VALUE_ERROR', `expected the message name of '${event.id}' to be a non-empty string, but was ${describeValue(name)}`);
  }
  const keyEvaluation = services.variables.evaluate(message.correlationKey, owner.key);
  if (!keyEvaluation.ok) return keyEvaluation.failure.as('EXTRACT_VALUE_ERROR');
  const key = keyEvaluation.value;
  if (typeof key !== 'string' && typeof key !== 'number') {
    return failure(
      'EXTRACT_VALUE_ERROR',
      `expected the correlation key of '${event.id}' to be a string or a number, but was ${describeValue(key)}`,
    );
  }
  services.writer.append('MESSAGE_SUBSCRIPTION', 'CREATED', {
    key: services.nextKey(),
    elementId: event.id,
    elementInstanceKey: owner.key,
    processInstanceKey: owner.processInstanceKey,
    processDefinitionKey: owner.processDefinitionKey,
    bpmnProcessId: owner.bpmnProcessId,
    messageName: name,
    correlationKey: String(key),
    tenantId: owner.tenantId,
    createdAt: services.nowIso(),
  });
}

export function closeMessageSubscriptions(owner: ElementInstanceRecord, services: EngineServices): void {
  for (const subscription of services.readers.messageSubscriptionsOf(owner.key)) {
    services.writer.append('MESSAGE_SUBSCRIPTION', 'DELETED', { ...subscription, updatedAt: services.nowIso() });
  }
}
