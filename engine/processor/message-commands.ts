/**
 * Messages: publication (correlated to every waiting subscription, at most once per process instance, and
 * buffered for its time to live), correlation (not buffered; 404 when nothing is waiting), message start events.
 */
import { InvalidStateError, NotFoundError } from '../errors.js';
import type { ExecutableProcess } from '../model/executable-process.js';
import type { MessageRecord, MessageStartSubscriptionRecord, ProcessDefinitionRecord } from '../state/records.js';
import type { CommandContext } from './command-context.js';

export interface PublishMessage {
  name: string;
  correlationKey: string;
  timeToLive: number;
  messageId: string | undefined;
  variables: Record<string, unknown>;
  tenantId: string;
}

export function publishMessage(context: CommandContext, command: PublishMessage): MessageRecord {
  const { readers, services } = context;
  const now = services.now();
  if (command.messageId) {
    const duplicate = readers.bufferedMessageWithId(command.name, command.correlationKey, command.messageId, command.tenantId, now);
    if (duplicate) {
      throw new InvalidStateError(`a message with the id '${command.messageId}' was already published and is still buffered`);
    }
  }
  const message: MessageRecord = {
    key: services.nextKey(),
    name: command.name,
    correlationKey: command.correlationKey,
    variables: command.variables,
    expiresAt: command.timeToLive > 0 ? now + command.timeToLive : 0,
    messageId: command.messageId ?? null,
    tenantId: command.tenantId,
    publishedAt: services.nowIso(),
  };
  services.writer.append('MESSAGE', 'PUBLISHED', message);
  const reached = new Set<number>();
  for (const subscription of waitingSubscriptions(context, message)) {
    if (reached.has(subscription.processInstanceKey)) continue;
    if (context.processor.correlateMessage(subscription, message.key, message.variables)) reached.add(subscription.processInstanceKey);
  }
  for (const start of readers.messageStartSubscriptionsFor(message.name, message.tenantId)) {
    startByMessage(context, start, message);
  }
  return message;
}

export function correlateMessage(
  context: CommandContext,
  command: Omit<PublishMessage, 'timeToLive' | 'messageId'>,
): { messageKey: number; processInstanceKey: number } {
  const { readers, services } = context;
  const message: MessageRecord = {
    key: services.nextKey(),
    name: command.name,
    correlationKey: command.correlationKey,
    variables: command.variables,
    expiresAt: 0,
    messageId: null,
    tenantId: command.tenantId,
    publishedAt: services.nowIso(),
  };
  services.writer.append('MESSAGE', 'PUBLISHED', message);
  for (const subscription of waitingSubscriptions(context, message)) {
    if (context.processor.correlateMessage(subscription, message.key, message.variables)) {
      return { messageKey: message.key, processInstanceKey: subscription.processInstanceKey };
    }
  }
  for (const start of readers.messageStartSubscriptionsFor(message.name, message.tenantId)) {
    const instance = startByMessage(context, start, message);
    if (instance !== undefined) return { messageKey: message.key, processInstanceKey: instance };
  }
  throw new NotFoundError(
    `no process instance waits for the message '${command.name}' with the correlation key '${command.correlationKey}', and no process starts with it`,
  );
}

/** Drops buffered messages whose time to live has passed. */
export function expireMessages({ readers, services }: CommandContext): void {
  for (const message of readers.expiredMessages(services.now(), 500)) {
    services.writer.append('MESSAGE', 'EXPIRED', message);
  }
}

/** When a new version becomes the latest, its message start events replace those of the older versions. */
export function subscribeMessageStartEvents(
  { readers, services }: CommandContext,
  definition: ProcessDefinitionRecord,
  process: ExecutableProcess,
): void {
  const previous = readers.messageStartSubscriptionsOf(definition.bpmnProcessId, definition.tenantId);
  for (const subscription of previous) services.writer.append('MESSAGE_START_EVENT_SUBSCRIPTION', 'DELETED', subscription);
  for (const { id, message } of process.messageStartEvents) {
    const { name } = message;
    if (!name.isStatic) continue;
    services.writer.append('MESSAGE_START_EVENT_SUBSCRIPTION', 'CREATED', {
      key: services.nextKey(),
      elementId: id,
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      messageName: name.source,
      tenantId: definition.tenantId,
    });
  }
}

// helpers

function waitingSubscriptions({ readers }: CommandContext, message: MessageRecord) {
  return readers.messageSubscriptionsFor(message.name, message.correlationKey, message.tenantId);
}

/**
 * Starts an instance at a message start event. With a correlation key, not while an instance started by the
 * same key is still active (Zeebe's rule: one active instance per key).
 */
function startByMessage(context: CommandContext, start: MessageStartSubscriptionRecord, message: MessageRecord): number | undefined {
  const { readers, services, processor } = context;
  const definition = readers.processDefinition(start.processDefinitionKey)!;
  if (message.correlationKey !== '') {
    const active = readers
      .instancesStartedByMessage(definition.bpmnProcessId, message.correlationKey)
      .some((key) => readers.processInstance(key)?.state === 'ACTIVE');
    if (active) return undefined;
  }
  const correlationTime = services.nowIso();
  const instance = processor.createProcessInstance(definition, message.variables, { startEventId: start.elementId });
  const correlationRecordKey = services.nextKey();
  services.writer.append('MESSAGE', 'CORRELATED', {
    key: correlationRecordKey,
    messageKey: message.key,
    processInstanceKey: instance.key,
    bpmnProcessId: definition.bpmnProcessId,
    correlationKey: message.correlationKey,
    startedInstance: 1,
  });
  services.writer.append('MESSAGE_START_EVENT_SUBSCRIPTION', 'CORRELATED', {
    ...start,
    correlationRecordKey,
    messageKey: message.key,
    correlationTime,
    processInstanceKey: instance.key,
    correlationKey: message.correlationKey,
  });
  return instance.key;
}
