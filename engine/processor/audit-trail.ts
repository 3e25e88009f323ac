/**
 * The audit log of cases (Camunda 8.9's audit log): the operations users perform on a case — creating,
 * cancelling, modifying and migrating it, assigning, unassigning, updating and completing its user tasks, setting
 * its variables (also those a completion set, each with the task's key and the value — this engine's addition),
 * resolving its incidents, and batch operations with every item they processed under the name of whoever created
 * them. The engine's own work (timers, jobs of workers) is not an operation of a user and is not recorded here; the
 * event log keeps it. Each entry is an AUDIT_LOG RECORDED event, written in the same command as the operation.
 */
import type { AuditLogRecord } from '../state/records.js';
import type { CommandContext } from './command-context.js';

/** Who did it, and for the items of a batch operation, which one. */
export interface AuditActor {
  username: string;
  batch?: { key: number; type: string };
}

type Entry = Pick<AuditLogRecord, 'operationType' | 'entityType'> & Partial<Omit<AuditLogRecord, 'key' | 'timestamp' | 'actorId' | 'actorType'>>;

const MAX_VALUE = 8_192;

export function auditProcessInstance(context: CommandContext, actor: AuditActor, operationType: 'CREATE' | 'CANCEL' | 'MODIFY' | 'MIGRATE', processInstanceKey: number): void {
  record(context, actor, { operationType, entityType: 'PROCESS_INSTANCE', entityKey: String(processInstanceKey), ...ofCase(context, processInstanceKey) });
}

/** Names that exist as variables of a case now (call before setting them, to tell CREATE from UPDATE). */
export function existingVariables(context: CommandContext, processInstanceKey: number, names: readonly string[]): Set<string> {
  return new Set(names.filter((name) => context.readers.latestVariableOfProcessInstance(processInstanceKey, name)));
}

/** Variables a user set (an edit, or what a task's completion submitted), one entry each with the value set. */
export function auditVariables(
  context: CommandContext,
  actor: AuditActor,
  processInstanceKey: number,
  variables: Record<string, unknown>,
  existed: Set<string>,
  where: { elementInstanceKey?: number; userTaskKey?: number },
): void {
  for (const [name, value] of Object.entries(variables)) {
    const variable = context.readers.latestVariableOfProcessInstance(processInstanceKey, name);
    const text = JSON.stringify(value ?? null);
    record(context, actor, {
      operationType: existed.has(name) ? 'UPDATE' : 'CREATE',
      entityType: 'VARIABLE',
      entityKey: variable ? String(variable.key) : null,
      entityDescription: name,
      ...ofCase(context, processInstanceKey),
      elementInstanceKey: where.elementInstanceKey ?? null,
      userTaskKey: where.userTaskKey ?? null,
      category: where.userTaskKey === undefined ? 'DEPLOYED_RESOURCES' : 'USER_TASKS',
      variableValue: text.length <= MAX_VALUE ? text : null,
    });
  }
}

export function auditUserTask(context: CommandContext, actor: AuditActor, operationType: 'ASSIGN' | 'UNASSIGN' | 'UPDATE' | 'COMPLETE', userTaskKey: number): void {
  const task = context.readers.userTask(userTaskKey);
  if (!task) return;
  record(context, actor, {
    operationType,
    entityType: 'USER_TASK',
    entityKey: String(userTaskKey),
    entityDescription: task.name ?? task.elementId,
    category: 'USER_TASKS',
    ...ofCase(context, task.processInstanceKey),
    elementInstanceKey: task.elementInstanceKey,
    userTaskKey,
  });
}

export function auditIncident(context: CommandContext, actor: AuditActor, incidentKey: number): void {
  const incident = context.readers.incident(incidentKey);
  if (!incident) return;
  record(context, actor, {
    operationType: 'RESOLVE',
    entityType: 'INCIDENT',
    entityKey: String(incidentKey),
    entityDescription: incident.errorType,
    ...ofCase(context, incident.processInstanceKey),
    elementInstanceKey: incident.elementInstanceKey,
    jobKey: incident.jobKey,
  });
}

export function auditBatchOperation(context: CommandContext, actor: AuditActor, batchOperationKey: number, batchOperationType: string): void {
  record(context, actor, {
    operationType: 'CREATE',
    entityType: 'BATCH',
    entityKey: String(batchOperationKey),
    batchOperationKey,
    batchOperationType,
  });
}

/** The user who created the batch operation of an item (its items are recorded under that name); undefined if unknown. */
export function batchItemCreator(context: CommandContext, itemKey: number): string | undefined {
  const item = context.readers.batchOperationItem(itemKey);
  return item ? context.readers.batchOperationCreator(item.batchOperationKey) : undefined;
}

/** One item of a batch operation its creator's command processed: the operation it performed on its case. */
export function auditBatchItem(context: CommandContext, creator: string, itemKey: number): void {
  const item = context.readers.batchOperationItem(itemKey);
  const operation = item && context.readers.batchOperation(item.batchOperationKey);
  if (!item || !operation || item.state !== 'COMPLETED') return;
  const type = operation.batchOperationType;
  const actor: AuditActor = { username: creator, batch: { key: operation.key, type } };
  if (type === 'RESOLVE_INCIDENT') return auditIncident(context, actor, item.itemKey);
  const kind = ({ CANCEL_PROCESS_INSTANCE: 'CANCEL', MODIFY_PROCESS_INSTANCE: 'MODIFY', MIGRATE_PROCESS_INSTANCE: 'MIGRATE' } as const)[type as 'CANCEL_PROCESS_INSTANCE'];
  if (kind) auditProcessInstance(context, actor, kind, item.processInstanceKey);
}

// helpers

function ofCase(context: CommandContext, processInstanceKey: number): Partial<AuditLogRecord> {
  const instance = context.readers.processInstance(processInstanceKey);
  return {
    processInstanceKey,
    processDefinitionKey: instance?.processDefinitionKey ?? null,
    bpmnProcessId: instance?.bpmnProcessId ?? null,
    tenantId: instance?.tenantId ?? '<default>',
  };
}

function record(context: CommandContext, actor: AuditActor, entry: Entry): void {
  const { services } = context;
  services.writer.append('AUDIT_LOG', 'RECORDED', {
    key: services.nextKey(),
    timestamp: services.nowIso(),
    actorId: actor.username,
    actorType: 'USER',
    entityKey: null,
    entityDescription: null,
    category: 'DEPLOYED_RESOURCES',
    result: 'SUCCESS',
    processInstanceKey: null,
    processDefinitionKey: null,
    bpmnProcessId: null,
    elementInstanceKey: null,
    userTaskKey: null,
    jobKey: null,
    batchOperationKey: actor.batch?.key ?? null,
    batchOperationType: actor.batch?.type ?? null,
    variableValue: null,
    tenantId: '<default>',
    ...entry,
  });
}
