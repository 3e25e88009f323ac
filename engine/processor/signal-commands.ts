/** Signals: a broadcast reaches every waiting signal subscription and starts every process with that signal start. */
import type { ExecutableProcess } from '../model/executable-process.js';
import type { ProcessDefinitionRecord } from '../state/records.js';
import type { CommandContext } from './command-context.js';
import { createProcessInstance } from './process-instance-commands.js';

export function broadcastSignal(
  context: CommandContext,
  command: { signalName: string; variables: Record<string, unknown>; tenantId: string },
): number {
  const { store, services, processor } = context;
  const key = services.nextKey();
  services.writer.append('SIGNAL', 'BROADCAST', { key, ...command });
  const subscriptions = store.signalSubscriptions.where('signal_name = ? AND tenant_id = ? ORDER BY key', command.signalName, command.tenantId);
  for (const subscription of subscriptions) {
    if (subscription.elementInstanceKey === null) {
      createProcessInstance(context, {
        processDefinitionKey: subscription.processDefinitionKey,
        variables: command.variables,
        tenantId: command.tenantId,
        startEventId: subscription.elementId,
      });
    } else if (store.signalSubscriptions.get(subscription.key)) {
      // an earlier trigger in this broadcast may have closed it (an interrupting event on the same host)
      processor.triggerSignal(subscription, command.variables);
    }
  }
  return key;
}

/** When a new version becomes the latest, its signal start events replace those of the older versions. */
export function subscribeSignalStartEvents({ store, services }: CommandContext, definition: ProcessDefinitionRecord, process: ExecutableProcess): void {
  const previous = store.signalSubscriptions.where(
    'element_instance_key IS NULL AND bpmn_process_id = ? AND tenant_id = ?',
    definition.bpmnProcessId,
    definition.tenantId,
  );
  for (const subscription of previous) services.writer.append('SIGNAL_SUBSCRIPTION', 'DELETED', subscription);
  for (const id of process.signalStartEventIds) {
    const name = process.elements.get(id)!.signal!.name;
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
