/** Signals: a broadcast reaches every waiting signal subscription and starts every process with that signal start. */
import type { ExecutableProcess } from '../model/executable-process.js';
import type { ProcessDefinitionRecord } from '../state/records.js';
import type { CommandContext } from './command-context.js';

export function broadcastSignal(
  context: CommandContext,
  command: { signalName: string; variables: Record<string, unknown>; tenantId: string },
): number {
  const { readers, services, processor } = context;
  const key = services.nextKey();
  services.writer.append('SIGNAL', 'BROADCAST', { key, ...command });
  for (const subscription of readers.signalSubscriptionsFor(command.signalName, command.tenantId)) {
    if (subscription.elementInstanceKey === null) {
      const definition = readers.processDefinition(subscription.processDefinitionKey)!;
      processor.createProcessInstance(definition, command.variables, { startEventId: subscription.elementId });
    } else if (readers.signalSubscription(subscription.key)) {
      // an earlier trigger in this broadcast may have closed it (an interrupting event on the same host)
      processor.triggerSignal(subscription, command.variables);
    }
  }
  return key;
}

/** When a new version becomes the latest, its signal start events replace those of the older versions. */
export function subscribeSignalStartEvents({ readers, services }: CommandContext, definition: ProcessDefinitionRecord, process: ExecutableProcess): void {
  const previous = readers.signalStartSubscriptionsOf(definition.bpmnProcessId, definition.tenantId);
  for (const subscription of previous) services.writer.append('SIGNAL_SUBSCRIPTION', 'DELETED', subscription);
  for (const { id, signal } of process.signalStartEvents) {
    const { name } = signal;
    if (!name.isStatic) continue;
    services.writer.append('SIGNAL_SUBSCRIPTION', 'CREATED', {
      key: services.nextKey(),
      elementId: id,
      elementInstanceKey: null,
      processInstanceKey: null,
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      signalName: name.source,
      tenantId: definition.tenantId,
    });
  }
}
