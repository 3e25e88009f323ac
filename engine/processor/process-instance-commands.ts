/** Creating and cancelling process instances. */
import { InvalidStateError, NotFoundError } from '../errors.js';
import type { ProcessDefinitionRecord, ProcessInstanceRecord } from '../state/records.js';
import type { CommandContext } from './command-context.js';

export interface CreateProcessInstance {
  processDefinitionKey?: number;
  processDefinitionId?: string;
  /** -1 or undefined: the latest version. */
  processDefinitionVersion?: number;
  variables: Record<string, unknown>;
  tenantId: string;
  tags?: readonly string[];
}

export function resolveDefinition({ readers }: CommandContext, command: CreateProcessInstance): ProcessDefinitionRecord {
  if (command.processDefinitionKey !== undefined) {
    const definition = readers.processDefinition(command.processDefinitionKey);
    if (!definition) throw new NotFoundError(`no process definition with key '${command.processDefinitionKey}' is deployed`);
    return definition;
  }
  const id = command.processDefinitionId!;
  const version = command.processDefinitionVersion ?? -1;
  const definition =
    version < 0 ? readers.latestProcessDefinition(id, command.tenantId) : readers.processDefinitionVersion(id, command.tenantId, version);
  if (!definition) {
    throw new NotFoundError(
      version < 0
        ? `no process definition with id '${id}' is deployed`
        : `no version ${version} of the process definition '${id}' is deployed`,
    );
  }
  return definition;
}

/** `startedBy`: the user giving the command (undefined for callers inside the engine). */
export function createProcessInstance(context: CommandContext, command: CreateProcessInstance, startedBy?: string): ProcessInstanceRecord {
  return context.processor.createProcessInstance(resolveDefinition(context, command), command.variables, { tags: command.tags, startedBy });
}

export function cancelProcessInstance({ readers, processor }: CommandContext, processInstanceKey: number): void {
  const record = readers.processInstance(processInstanceKey);
  if (!record || record.state !== 'ACTIVE') {
    throw new NotFoundError(`no active process instance with key '${processInstanceKey}' exists`);
  }
  if (record.parentProcessInstanceKey !== null) {
    throw new InvalidStateError(
      `the process instance '${processInstanceKey}' was called by '${record.parentProcessInstanceKey}'; cancel that root instance instead`,
    );
  }
  processor.terminate(readers.elementInstance(processInstanceKey)!);
  processor.drain();
}

