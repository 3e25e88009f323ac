/** What elements wait on: timers, messages and their subscriptions, signal subscriptions. */
import type { MutableState } from '../mutable-state.js';
import type { CorrelatedMessageSubscriptionRecord, MessageSubscriptionRecord, MessageSubscriptionState } from '../records.js';
import { insert, recordOnly, remove, update, type AppliersOf } from './applier.js';

export const TIMER_APPLIERS: AppliersOf<'TIMER'> = {
  CREATED: insert((s) => s.timers),
  // a cycle that fires again is created anew with its next due date
  TRIGGERED: remove((s) => s.timers),
  CANCELED: remove((s) => s.timers),
  MIGRATED: update((s) => s.timers),
};

export const MESSAGE_APPLIERS: AppliersOf<'MESSAGE'> = {
  // an unbuffered message (time to live 0) is only recorded in the event log
  PUBLISHED: (state, message) => {
    if (message.expiresAt > 0) state.messages.insert(message);
  },
  EXPIRED: remove((s) => s.messages),
  CORRELATED: insert((s) => s.messageCorrelations),
};

export const MESSAGE_SUBSCRIPTION_APPLIERS: AppliersOf<'MESSAGE_SUBSCRIPTION'> = {
  CREATED: (state, subscription) => {
    state.messageSubscriptions.insert(subscription);
    state.messageSubscriptionHistory.insert({ ...fieldsOf(subscription), state: 'CREATED', lastUpdatedDate: subscription.createdAt });
  },
  // a non-interrupting boundary keeps its subscription; the others were deleted by DELETED just before
  CORRELATED: (state, event) => {
    recordHistory(state, event, 'CORRELATED', event.correlationTime);
    const { messageKey, correlationRecordKey } = event;
    if (messageKey === undefined || correlationRecordKey === undefined) return;
    insertCorrelation(state, { ...event, messageKey, correlationRecordKey, correlationTime: event.correlationTime! }, event.elementInstanceKey);
  },
  DELETED: (state, subscription) => {
    state.messageSubscriptions.delete(subscription.key);
    recordHistory(state, subscription, 'DELETED', subscription.updatedAt);
  },
  MIGRATED: (state, subscription) => {
    state.messageSubscriptions.update(fieldsOf(subscription));
    recordHistory(state, subscription, 'MIGRATED', subscription.updatedAt);
  },
};

export const MESSAGE_START_EVENT_SUBSCRIPTION_APPLIERS: AppliersOf<'MESSAGE_START_EVENT_SUBSCRIPTION'> = {
  CREATED: insert((s) => s.messageStartSubscriptions),
  DELETED: remove((s) => s.messageStartSubscriptions),
  CORRELATED: (state, event) => insertCorrelation(state, event, null),
};

export const SIGNAL_SUBSCRIPTION_APPLIERS: AppliersOf<'SIGNAL_SUBSCRIPTION'> = {
  CREATED: insert((s) => s.signalSubscriptions),
  DELETED: remove((s) => s.signalSubscriptions),
  MIGRATED: update((s) => s.signalSubscriptions),
};

export const SIGNAL_APPLIERS: AppliersOf<'SIGNAL'> = { BROADCAST: recordOnly };

// helpers

/** What a correlation's search row takes from its event. */
type CorrelationEvent = Omit<CorrelatedMessageSubscriptionRecord, 'key' | 'subscriptionKey' | 'elementInstanceKey'> & {
  key: number;
  correlationRecordKey: number;
};

/** The search row of one correlation: the subscription's fields with the message and the time it arrived. */
function insertCorrelation(state: MutableState, event: CorrelationEvent, elementInstanceKey: number | null): void {
  state.correlatedMessageSubscriptions.insert({
    key: event.correlationRecordKey,
    messageKey: event.messageKey,
    subscriptionKey: event.key,
    messageName: event.messageName,
    correlationKey: event.correlationKey,
    elementId: event.elementId,
    elementInstanceKey,
    processInstanceKey: event.processInstanceKey,
    processDefinitionKey: event.processDefinitionKey,
    bpmnProcessId: event.bpmnProcessId,
    tenantId: event.tenantId,
    correlationTime: event.correlationTime,
  });
}

/** The subscription's own fields, without what its event added (the correlation, the event's time). */
function fieldsOf(s: MessageSubscriptionRecord): MessageSubscriptionRecord {
  return {
    key: s.key,
    elementId: s.elementId,
    elementInstanceKey: s.elementInstanceKey,
    processInstanceKey: s.processInstanceKey,
    processDefinitionKey: s.processDefinitionKey,
    bpmnProcessId: s.bpmnProcessId,
    messageName: s.messageName,
    correlationKey: s.correlationKey,
    tenantId: s.tenantId,
    createdAt: s.createdAt,
  };
}

/** The subscription's row of the search moves to `state` (an event before schema 15 has no time: its creation stands in). */
function recordHistory(state: MutableState, subscription: MessageSubscriptionRecord, to: MessageSubscriptionState, at: string | undefined): void {
  const row = { ...fieldsOf(subscription), state: to, lastUpdatedDate: at ?? subscription.createdAt };
  if (state.messageSubscriptionHistory.get(subscription.key)) state.messageSubscriptionHistory.update(row);
  else state.messageSubscriptionHistory.insert(row);
}
