/**
 * Process instance migration (`POST /v2/process-instances/{key}/migration`): moves a running instance to another
 * process definition (typically the next version) by mapping each active element to an element of the target.
 * Element instances keep their keys, variables and state; their jobs, user tasks, incidents, timers and message
 * and signal subscriptions move with them. Boundary events mapped to a boundary event of the target element keep
 * their subscription (a reminder keeps its due date); unmapped ones are closed and the target element's own
 * boundary events subscribe. Zeebe's preconditions apply, checked before anything changes: NOT_FOUND → 404,
 * invalid instructions → 400, what cannot be migrated → 409 (INVALID_STATE).
 */
import { InvalidArgumentError, InvalidStateError, NotFoundError } from '../errors.js';
import {
  boundaryEventIdsOf,
  multiInstanceBodyOf,
  requireElement,
  requireElementOfType,
  type ExecutableElement,
  type ExecutableProcess,
} from '../model/executable-process.js';
import { openEventSubscription } from '../behaviors/shared/event-subscriptions.js';
import type { ElementInstanceRecord, ProcessDefinitionRecord } from '../state/records.js';
import type { CommandContext } from './command-context.js';

export interface MigrateProcessInstance {
  targetProcessDefinitionKey: number;
  mappingInstructions: { sourceElementId: string; targetElementId: string }[];
}

/** Active element kinds a migration can move (Zeebe 8.8). */
const SUPPORTED = new Set([
  'PROCESS', 'SERVICE_TASK', 'SEND_TASK', 'BUSINESS_RULE_TASK', 'SCRIPT_TASK', 'USER_TASK', 'RECEIVE_TASK', 'SUB_PROCESS',
  'CALL_ACTIVITY', 'INTERMEDIATE_CATCH_EVENT', 'MULTI_INSTANCE_BODY',
]);

export function migrateProcessInstance(context: CommandContext, processInstanceKey: number, command: MigrateProcessInstance): void {
  const { readers, models, services } = context;
  const record = readers.processInstance(processInstanceKey);
  if (!record || record.state !== 'ACTIVE') {
    throw new NotFoundError(`Expected to migrate process instance but no process instance found with key '${processInstanceKey}'`);
  }
  const target = readers.processDefinition(command.targetProcessDefinitionKey);
  if (!target || target.tenantId !== record.tenantId) {
    throw new NotFoundError(
      `Expected to migrate process instance to process definition but no process definition found with key '${command.targetProcessDefinitionKey}'`,
    );
  }
  const source = models.processFor(record.processDefinitionKey);
  const targetProcess = models.processFor(target.key);
  const mapping = validateInstructions(processInstanceKey, source, targetProcess, command);
  mapping.set(source.bpmnProcessId, targetProcess.bpmnProcessId);

  const active = readers.activeElementInstances(processInstanceKey);
  for (const instance of active) checkElement(context, processInstanceKey, instance, source, targetProcess, mapping);

  services.writer.append('PROCESS_INSTANCE_MIGRATION', 'MIGRATED', {
    key: processInstanceKey,
    processInstanceKey,
    targetProcessDefinitionKey: target.key,
    mappingInstructions: command.mappingInstructions,
  });
  services.writer.append('PROCESS_INSTANCE_STATE', 'CHANGED', {
    ...record,
    processDefinitionKey: target.key,
    bpmnProcessId: target.bpmnProcessId,
    version: target.version,
  });
  for (const instance of active) migrateElement(context, instance, source, targetProcess, target, mapping);
}

// helpers

type Mapping = Map<string, string>;

const conflict = (processInstanceKey: number, reason: string): never => {
  throw new InvalidStateError(`Expected to migrate process instance '${processInstanceKey}' but ${reason}`);
};

function validateInstructions(processInstanceKey: number, source: ExecutableProcess, target: ExecutableProcess, command: MigrateProcessInstance): Mapping {
  const mapping: Mapping = new Map();
  const invalid = (reason: string): never => {
    throw new InvalidArgumentError(`Expected to migrate process instance '${processInstanceKey}' but ${reason}`);
  };
  for (const { sourceElementId, targetElementId } of command.mappingInstructions) {
    if (mapping.has(sourceElementId)) invalid(`the mapping instructions contain duplicate source element ids '${sourceElementId}'.`);
    if (!source.elements.has(sourceElementId)) {
      invalid(`mapping instructions contain a non-existing source element id '${sourceElementId}'. Elements provided in mapping instructions must exist in the source process definition.`);
    }
    if (!target.elements.has(targetElementId)) {
      invalid(`mapping instructions contain a non-existing target element id '${targetElementId}'. Elements provided in mapping instructions must exist in the target process definition.`);
    }
    mapping.set(sourceElementId, targetElementId);
  }
  return mapping;
}

function checkElement(
  { readers }: CommandContext,
  processInstanceKey: number,
  instance: ElementInstanceRecord,
  source: ExecutableProcess,
  target: ExecutableProcess,
  mapping: Mapping,
): void {
  const reject = (reason: string) => conflict(processInstanceKey, reason);
  if (!SUPPORTED.has(instance.elementType)) {
    reject(`active element with id '${instance.elementId}' has an unsupported type. The migration of a ${instance.elementType} is not supported.`);
  }
  if (readers.joinsWithTokens(instance.key).length > 0) {
    reject(`active element with id '${instance.elementId}' has a joining gateway waiting for its other flows. Migrate it once the join fired.`);
  }
  const element = requireElement(source, instance.elementId);
  if (instance.elementType === 'INTERMEDIATE_CATCH_EVENT') {
    if (element.incoming.some((f) => requireElement(source, f.sourceId).type === 'EVENT_BASED_GATEWAY')) {
      reject(`active element with id '${instance.elementId}' is an intermediate catch event attached to an event-based gateway. Migrating active events attached to an event-based gateway is not possible yet.`);
    }
  }
  if (instance.elementType === 'PROCESS') return;
  const targetId = mapping.get(instance.elementId);
  if (targetId === undefined) {
    reject(`no mapping instruction defined for active element with id '${instance.elementId}'. Elements cannot be migrated without a mapping.`);
  }
  const targetElement = requireElement(target, targetId!);
  const targetType = instance.elementType === 'MULTI_INSTANCE_BODY' ? (multiInstanceBodyOf(targetElement) ? 'MULTI_INSTANCE_BODY' : targetElement.type) : targetElement.type;
  const sourceType = instance.elementType === 'MULTI_INSTANCE_BODY' ? 'MULTI_INSTANCE_BODY' : element.type;
  if (sourceType !== targetType) {
    reject(
      `active element with id '${instance.elementId}' and type '${sourceType}' is mapped to an element with id '${targetId}' and different type '${targetType}'. Elements must be mapped to elements of the same type.`,
    );
  }
  const flowScope = instance.flowScopeKey === null ? undefined : readers.elementInstance(instance.flowScopeKey);
  // the inner instances of a multi-instance body live in the body, which has the same element id
  const expectedScope = flowScope ? (flowScope.elementType === 'MULTI_INSTANCE_BODY' ? targetId : mapping.get(flowScope.elementId)) : undefined;
  const actualScope = flowScope?.elementType === 'MULTI_INSTANCE_BODY' ? targetId : targetElement.flowScopeId;
  if (flowScope && expectedScope !== actualScope) {
    reject(
      `the flow scope of active element with id '${instance.elementId}' is changed. The flow scope of the active element is expected to be '${expectedScope}' but was '${actualScope}'. The flow scope of an element cannot be changed during migration yet.`,
    );
  }
  for (const boundaryId of boundaryEventIdsOf(element)) {
    const mappedBoundary = mapping.get(boundaryId);
    if (mappedBoundary !== undefined && !boundaryEventIdsOf(targetElement).includes(mappedBoundary)) {
      reject(
        `active element with id '${instance.elementId}' is mapped to an element with id '${targetId}' and has a boundary event with id '${boundaryId}' that is mapped to an element with id '${mappedBoundary}'. These mappings detach the boundary event from the element in the target process. Boundary events must stay attached to the same element instance.`,
      );
    }
  }
}

function migrateElement(
  context: CommandContext,
  instance: ElementInstanceRecord,
  source: ExecutableProcess,
  target: ExecutableProcess,
  definition: ProcessDefinitionRecord,
  mapping: Mapping,
): void {
  const { services } = context;
  const readers = services.readers;
  const targetId = mapping.get(instance.elementId)!;
  const targetElement = requireElement(target, targetId);
  const moved: ElementInstanceRecord = {
    ...readers.elementInstance(instance.key)!,
    processDefinitionKey: definition.key,
    bpmnProcessId: definition.bpmnProcessId,
    elementId: targetId,
    elementName: (instance.elementType === 'PROCESS' ? target.name : targetElement.name) ?? null,
  };
  services.writer.append('PROCESS_INSTANCE', 'ELEMENT_MIGRATED', moved);
  const where = { processDefinitionKey: definition.key, bpmnProcessId: definition.bpmnProcessId };

  const job = readers.jobForElement(instance.key);
  if (job && (job.state === 'CREATED' || job.state === 'ACTIVATED' || job.state === 'FAILED')) {
    services.writer.append('JOB', 'MIGRATED', { ...job, ...where, elementId: targetId, version: definition.version });
  }
  const task = readers.userTaskForElement(instance.key);
  if (task && task.state === 'CREATED') {
    services.writer.append('USER_TASK', 'MIGRATED', {
      ...task,
      ...where,
      elementId: targetId,
      version: definition.version,
      name: targetElement.name ?? null,
      processName: target.name ?? null,
    });
  }
  for (const incident of readers.activeIncidentsOfElement(instance.key)) {
    services.writer.append('INCIDENT', 'MIGRATED', { ...incident, ...where, elementId: targetId });
  }
  if (instance.elementType === 'PROCESS') return;
  migrateSubscriptions(context, moved, requireElement(source, instance.elementId), targetElement, target, mapping);
}

/** The element's own catch event and its boundary events: keep what is mapped, close the rest, open the target's new ones. */
function migrateSubscriptions(
  { services }: CommandContext,
  owner: ElementInstanceRecord,
  sourceElement: ExecutableElement,
  targetElement: ExecutableElement,
  target: ExecutableProcess,
  mapping: Mapping,
): void {
  const readers = services.readers;
  const kept = new Set<string>();
  const where = { processDefinitionKey: owner.processDefinitionKey, bpmnProcessId: owner.bpmnProcessId };
  const move = (eventId: string): string | undefined => {
    if (eventId === sourceElement.id) return targetElement.id;
    const mapped = mapping.get(eventId);
    return mapped !== undefined && boundaryEventIdsOf(targetElement).includes(mapped) ? mapped : undefined;
  };
  for (const timer of readers.timersOf(owner.key)) {
    const to = move(timer.elementId);
    if (to === undefined) services.writer.append('TIMER', 'CANCELED', timer);
    else {
      services.writer.append('TIMER', 'MIGRATED', { ...timer, ...where, elementId: to });
      kept.add(to);
    }
  }
  for (const subscription of readers.messageSubscriptionsOf(owner.key)) {
    const to = move(subscription.elementId);
    if (to === undefined) services.writer.append('MESSAGE_SUBSCRIPTION', 'DELETED', { ...subscription, updatedAt: services.nowIso() });
    else {
      services.writer.append('MESSAGE_SUBSCRIPTION', 'MIGRATED', { ...subscription, ...where, elementId: to, updatedAt: services.nowIso() });
      kept.add(to);
    }
  }
  for (const subscription of readers.signalSubscriptionsOf(owner.key)) {
    const to = move(subscription.elementId);
    if (to === undefined) services.writer.append('SIGNAL_SUBSCRIPTION', 'DELETED', subscription);
    else {
      services.writer.append('SIGNAL_SUBSCRIPTION', 'MIGRATED', { ...subscription, ...where, elementId: to });
      kept.add(to);
    }
  }
  // an inner instance of a multi-instance activity: its body holds the boundary events
  const innerInstance = multiInstanceBodyOf(sourceElement) !== undefined && owner.elementType !== 'MULTI_INSTANCE_BODY';
  if (owner.state !== 'ACTIVATED' || innerInstance) return;
  for (const boundaryId of boundaryEventIdsOf(targetElement)) {
    if (kept.has(boundaryId)) continue;
    const failed = openEventSubscription(requireElementOfType(target, boundaryId, 'BOUNDARY_EVENT'), owner, services);
    if (failed) services.incidents.raise(owner, failed);
  }
}
