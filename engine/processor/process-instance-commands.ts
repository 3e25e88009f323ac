/** Creating and cancelling process instances. */
import { InvalidArgumentError, InvalidStateError, NotFoundError } from '../errors.js';
import type { ElementInstanceRecord, ProcessDefinitionRecord, ProcessInstanceRecord } from '../state/records.js';
import type { CommandContext } from './command-context.js';

export interface CreateProcessInstance {
  processDefinitionKey?: number;
  processDefinitionId?: string;
  /** -1 or undefined: the latest version. */
  processDefinitionVersion?: number;
  variables: Record<string, unknown>;
  tenantId: string;
  /** Internal: a timer, message or signal start event to begin at instead of the none start event. */
  startEventId?: string;
  /** Internal: the call activity that starts this instance as its child. */
  caller?: ElementInstanceRecord;
}

export function resolveDefinition({ store }: CommandContext, command: CreateProcessInstance): ProcessDefinitionRecord {
  if (command.processDefinitionKey !== undefined) {
    const definition = store.processDefinitions.get(command.processDefinitionKey);
    if (!definition) throw new NotFoundError(`no process definition with key '${command.processDefinitionKey}' is deployed`);
    return definition;
  }
  const id = command.processDefinitionId!;
  const version = command.processDefinitionVersion ?? -1;
  const definition =
    version < 0
      ? store.processDefinitions.first('bpmn_process_id = ? AND tenant_id = ? ORDER BY version DESC', id, command.tenantId)
      : store.processDefinitions.first('bpmn_process_id = ? AND tenant_id = ? AND version = ?', id, command.tenantId, version);
  if (!definition) {
    throw new NotFoundError(
      version < 0
        ? `no process definition with id '${id}' is deployed`
        : `no version ${version} of the process definition '${id}' is deployed`,
    );
  }
  return definition;
}

export function createProcessInstance(context: CommandContext, command: CreateProcessInstance): ProcessInstanceRecord {
  const { services, processor } = context;
  const definition = resolveDefinition(context, command);
  if (!command.startEventId && !context.models.processFor(definition.key).noneStartEventId) {
    throw new InvalidArgumentError(
      `the process '${definition.bpmnProcessId}' has no none start event; it starts only by its timer start events`,
    );
  }
  const key = services.nextKey();
  const record: ProcessInstanceRecord = {
    key,
    processDefinitionKey: definition.key,
    bpmnProcessId: definition.bpmnProcessId,
    version: definition.version,
    state: 'ACTIVE',
    startDate: services.nowIso(),
    endDate: null,
    tenantId: definition.tenantId,
    parentProcessInstanceKey: command.caller?.processInstanceKey ?? null,
    parentElementInstanceKey: command.caller?.key ?? null,
  };
  services.writer.append('PROCESS_INSTANCE_STATE', 'CHANGED', record);
  const instance = processor.startProcess({
    key,
    processInstanceKey: key,
    processDefinitionKey: definition.key,
    bpmnProcessId: definition.bpmnProcessId,
    elementId: definition.bpmnProcessId,
    elementName: definition.name,
    elementType: 'PROCESS',
    flowScopeKey: null,
    tenantId: definition.tenantId,
  }, command.variables, command.startEventId);
  return context.store.processInstances.get(instance.key)!;
}

export function cancelProcessInstance({ store, processor }: CommandContext, processInstanceKey: number): void {
  const record = store.processInstances.get(processInstanceKey);
  if (!record || record.state !== 'ACTIVE') {
    throw new NotFoundError(`no active process instance with key '${processInstanceKey}' exists`);
  }
  if (record.parentProcessInstanceKey !== null) {
    throw new InvalidStateError(
      `the process instance '${processInstanceKey}' was called by '${record.parentProcessInstanceKey}'; cancel that root instance instead`,
    );
  }
  processor.terminate(store.elementInstances.get(processInstanceKey)!);
  processor.drain();
}

export function assertVariablesDocument(variables: unknown): Record<string, unknown> {
  if (variables === undefined || variables === null) return {};
  if (typeof variables !== 'object' || Array.isArray(variables)) throw new InvalidArgumentError('variables must be a JSON object');
  return variables as Record<string, unknown>;
}
