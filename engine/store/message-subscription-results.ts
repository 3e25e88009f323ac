/**
 * The shapes of Camunda 8.8's message subscription searches (`POST /v2/message-subscriptions/search` and
 * `POST /v2/correlated-message-subscriptions/search`), as the Apache-2.0 `@camunda8/orchestration-cluster-api`
 * types name them (MessageSubscriptionResult, CorrelatedMessageSubscriptionResult). Keys are decimal strings, dates
 * ISO date-times; absent values are left out.
 */
import type { MessageSubscriptionState } from '../state/records.js';

/** A message subscription: what an element waits (or waited) for, in the state of its last event. */
export interface MessageSubscriptionResult {
  messageSubscriptionKey: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processInstanceKey: string;
  elementId: string;
  elementInstanceKey: string;
  messageSubscriptionState: MessageSubscriptionState;
  lastUpdatedDate: string;
  messageName: string;
  correlationKey: string;
  tenantId: string;
}

/** One correlation of a message to a subscription; a message start event's has no element instance. */
export interface CorrelatedMessageSubscriptionResult {
  correlationKey: string;
  correlationTime: string;
  elementId: string;
  elementInstanceKey?: string;
  messageKey: string;
  messageName: string;
  partitionId: number;
  processDefinitionId: string;
  processDefinitionKey: string;
  processInstanceKey: string;
  subscriptionKey: string;
  tenantId: string;
}
