/**
 * Batch operations (Camunda 8.8): cancellation, incident resolution, migration and modification over the process
 * instances a filter matches when the operation is created. Creating one records its items; the engine then
 * works them off in the background, one command per item, each recording the item's outcome in the same
 * transaction as the work (so a restart resumes exactly where it stopped). An operation can be suspended,
 * resumed and cancelled; it ends COMPLETED, or PARTIALLY_COMPLETED when some item failed.
 */
import { EngineError, InvalidStateError, NotFoundError } from '../errors.js';
import type {
  BatchOperationItemRecord,
  BatchOperationRecord,
  BatchOperationState,
  BatchOperationType,
} from '../state/records.js';
import type { CommandContext } from './command-context.js';
import { resolveIncident } from './incident-commands.js';
import { migrateProcessInstance, type MigrateProcessInstance } from './process-instance-migration.js';
import { modifyProcessInstance } from './process-instance-modification.js';
import { cancelProcessInstance } from './process-instance-commands.js';

export interface CreateBatchOperation {
  type: BatchOperationType;
  filter: Record<string, unknown>;
  /** MIGRATE_PROCESS_INSTANCE: the migration plan; MODIFY_PROCESS_INSTANCE: `{ moveInstructions }`. */
  payload: Record<string, unknown> | null;
}

/** Finds the process instance keys a filter matches (the process-instance search, every page). */
export type ProcessInstanceFinder = (filter: Record<string, unknown>) => number[];

export function createBatchOperation(context: CommandContext, command: CreateBatchOperation, find: ProcessInstanceFinder): BatchOperationRecord {
  const { readers, services } = context;
  const key = services.nextKey();
  // only running instances can be cancelled, migrated or modified; resolution takes their active incidents
  const instanceKeys = find({ ...command.filter, state: 'ACTIVE' });
  const targets =
    command.type === 'RESOLVE_INCIDENT'
      ? instanceKeys.flatMap((instanceKey) =>
          readers.activeIncidentsOfProcessInstance(instanceKey).map((incident) => ({ itemKey: incident.key, processInstanceKey: instanceKey })),
        )
      : instanceKeys.map((instanceKey) => ({ itemKey: instanceKey, processInstanceKey: instanceKey }));
  const items: BatchOperationItemRecord[] = targets.map((target) => ({
    key: services.nextKey(),
    batchOperationKey: key,
    ...target,
    state: 'ACTIVE',
    processedDate: null,
    errorMessage: null,
  }));
  const operation: BatchOperationRecord = {
    key,
    batchOperationType: command.type,
    state: 'ACTIVE',
    filter: command.filter,
    payload: command.payload,
    startDate: services.nowIso(),
    endDate: null,
  };
  services.writer.append('BATCH_OPERATION', 'CREATED', { ...operation, items });
  if (items.length === 0) return finish(context, operation);
  return operation;
}

export function suspendBatchOperation(context: CommandContext, key: number): void {
  const operation = requireOperation(context, key);
  if (operation.state !== 'ACTIVE') refuse(operation, 'suspend', 'ACTIVE');
  context.services.writer.append('BATCH_OPERATION', 'SUSPENDED', { ...operation, state: 'SUSPENDED' });
}

export function resumeBatchOperation(context: CommandContext, key: number): void {
  const operation = requireOperation(context, key);
  if (operation.state !== 'SUSPENDED') refuse(operation, 'resume', 'SUSPENDED');
  context.services.writer.append('BATCH_OPERATION', 'RESUMED', { ...operation, state: 'ACTIVE' });
}

export function cancelBatchOperation(context: CommandContext, key: number): void {
  const { readers, services } = context;
  const operation = requireOperation(context, key);
  if (operation.state !== 'ACTIVE' && operation.state !== 'SUSPENDED') refuse(operation, 'cancel', 'ACTIVE or SUSPENDED');
  for (const item of readers.activeItemsOf(key)) {
    services.writer.append('BATCH_OPERATION_ITEM', 'CANCELED', { ...item, state: 'CANCELED', processedDate: services.nowIso() });
  }
  services.writer.append('BATCH_OPERATION', 'CANCELED', { ...operation, state: 'CANCELED', endDate: services.nowIso() });
}

/** The oldest active operation's next item, or undefined when nothing is left to do. */
export function nextBatchItem({ readers }: CommandContext): BatchOperationItemRecord | undefined {
  return readers.nextBatchOperationItem();
}

/**
 * Works off one item: its operation runs in its own savepoint, so a refusal (a finished instance, a migration
 * that does not fit) rolls back alone and is recorded on the item, in the same command.
 */
export function runBatchItem(context: CommandContext, itemKey: number): void {
  const { readers, services } = context;
  const item = readers.batchOperationItem(itemKey);
  const operation = item ? readers.batchOperation(item.batchOperationKey) : undefined;
  if (!item || !operation || item.state !== 'ACTIVE' || operation.state !== 'ACTIVE') return;
  let outcome: { state: 'COMPLETED' | 'SKIPPED' | 'FAILED'; message: string | null };
  try {
    outcome = context.attempt(() => applyItem(context, operation, item));
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    outcome = { state: 'FAILED', message: error.message };
  }
  services.writer.append('BATCH_OPERATION_ITEM', outcome.state, {
    ...readers.batchOperationItem(itemKey)!,
    state: outcome.state,
    processedDate: services.nowIso(),
    errorMessage: outcome.message,
  });
  if (readers.itemCount(operation.key, 'ACTIVE') === 0) finish(context, operation);
}

/** An item whose work failed in an unexpected way (a bug) is recorded as failed, so the operation moves on. */
export function failBatchItem(context: CommandContext, itemKey: number, message: string): void {
  const { readers, services } = context;
  const item = readers.batchOperationItem(itemKey);
  if (!item || item.state !== 'ACTIVE') return;
  services.writer.append('BATCH_OPERATION_ITEM', 'FAILED', { ...item, state: 'FAILED', processedDate: services.nowIso(), errorMessage: message });
  const operation = readers.batchOperation(item.batchOperationKey)!;
  if (readers.itemCount(operation.key, 'ACTIVE') === 0) finish(context, operation);
}

// helpers

function applyItem(
  context: CommandContext,
  operation: BatchOperationRecord,
  item: BatchOperationItemRecord,
): { state: 'COMPLETED' | 'SKIPPED'; message: string | null } {
  const done = { state: 'COMPLETED' as const, message: null };
  switch (operation.batchOperationType) {
    case 'CANCEL_PROCESS_INSTANCE':
      cancelProcessInstance(context, item.processInstanceKey);
      return done;
    case 'RESOLVE_INCIDENT': {
      // Operate's "retry": a job without retries gets one back, then the incident is resolved
      const incident = context.readers.incident(item.itemKey);
      const job = incident?.jobKey ? context.readers.job(incident.jobKey) : undefined;
      if (incident?.errorType === 'JOB_NO_RETRIES' && job && job.retries <= 0) {
        context.services.writer.append('JOB', 'RETRIES_UPDATED', { ...job, retries: 1 });
      }
      resolveIncident(context, item.itemKey);
      return done;
    }
    case 'MIGRATE_PROCESS_INSTANCE':
      migrateProcessInstance(context, item.processInstanceKey, operation.payload as unknown as MigrateProcessInstance);
      return done;
    case 'MODIFY_PROCESS_INSTANCE':
      return moveTokens(context, item.processInstanceKey, (operation.payload?.moveInstructions ?? []) as MoveInstruction[]);
  }
}

interface MoveInstruction {
  sourceElementId: string;
  targetElementId: string;
}

/** Each active instance of a source element is terminated and one of its target activated in the same flow scope. */
function moveTokens(context: CommandContext, processInstanceKey: number, moves: MoveInstruction[]) {
  const { readers } = context;
  const terminateInstructions: { elementInstanceKey: number }[] = [];
  const activateInstructions: { elementId: string; ancestorElementInstanceKey?: number; variableInstructions: [] }[] = [];
  for (const move of moves) {
    // a multi-instance activity moves as a whole: its body, not each inner instance
    const active = readers
      .activatedInstancesOf(processInstanceKey, move.sourceElementId)
      .filter((instance) => instance.flowScopeKey === null || readers.elementInstance(instance.flowScopeKey)?.elementType !== 'MULTI_INSTANCE_BODY');
    for (const instance of active) {
      terminateInstructions.push({ elementInstanceKey: instance.key });
      const scope = instance.flowScopeKey === null ? undefined : readers.elementInstance(instance.flowScopeKey);
      const sameScope = scope && scope.elementType !== 'PROCESS' ? scope.key : undefined;
      activateInstructions.push({ elementId: move.targetElementId, ancestorElementInstanceKey: sameScope, variableInstructions: [] });
    }
  }
  if (terminateInstructions.length === 0) {
    return { state: 'SKIPPED' as const, message: `no active instance of ${moves.map((m) => `'${m.sourceElementId}'`).join(', ')} to move` };
  }
  modifyProcessInstance(context, processInstanceKey, { activateInstructions, terminateInstructions });
  return { state: 'COMPLETED' as const, message: null };
}

function finish({ readers, services }: CommandContext, operation: BatchOperationRecord): BatchOperationRecord {
  const failed = readers.itemCount(operation.key, 'FAILED');
  const state: BatchOperationState = failed > 0 ? 'PARTIALLY_COMPLETED' : 'COMPLETED';
  const finished = { ...readers.batchOperation(operation.key)!, state, endDate: services.nowIso() };
  services.writer.append('BATCH_OPERATION', 'COMPLETED', finished);
  return finished;
}

function requireOperation({ readers }: CommandContext, key: number): BatchOperationRecord {
  const operation = readers.batchOperation(key);
  if (!operation) throw new NotFoundError(`no batch operation with key '${key}' exists`);
  return operation;
}

function refuse(operation: BatchOperationRecord, action: string, expected: string): never {
  throw new InvalidStateError(
    `Expected to ${action} the batch operation '${operation.key}', but it is ${operation.state} (it must be ${expected})`,
  );
}
