/** Opens and closes signal subscriptions (signals are broadcast by name, no correlation key). */
import type { SignalDefinition } from '../../model/executable-process.js';
import type { ElementInstanceRecord } from '../../state/records.js';
import type { EngineServices } from './engine-services.js';
import { failure, type Failure } from './failure.js';
import { describeValue } from '../../feel/value-type-name.js';

export function openSignalSubscription(
  event: { readonly id: string; readonly signal: SignalDefinition },
  owner: ElementInstanceRecord,
  services: EngineServices,
): Failure | void {
  const nameEvaluation = services.variables.evaluate(event.signal.name, owner.key);
  if (!nameEvaluation.ok) return nameEvaluation.failure.as('EXTRACT_VALUE_ERROR');
  const name = nameEvaluation.value;
  if (typeof name !== 'string' || name === '') {
    return failure('EXTRACT_VALUE_ERROR', `expected the signal name of '${event.id}' to be a non-empty string, but was ${describeValue(name)}`);
  }
  services.writer.append('SIGNAL_SUBSCRIPTION', 'CREATED', {
    key: services.nextKey(),
    elementId: event.id,
    elementInstanceKey: owner.key,
    processInstanceKey: owner.processInstanceKey,
    processDefinitionKey: owner.processDefinitionKey,
    bpmnProcessId: owner.bpmnProcessId,
    signalName: name,
    tenantId: owner.tenantId,
  });
}

export function closeSignalSubscriptions(owner: ElementInstanceRecord, services: EngineServices): void {
  for (const subscription of services.readers.signalSubscriptionsOf(owner.key)) {
    services.writer.append('SIGNAL_SUBSCRIPTION', 'DELETED', subscription);
  }
}
