/**
 * The open message subscriptions by message name, correlation key and tenant, in memory: every publish and
 * correlation asks which subscriptions wait for it (see WholeTableIndex for why the whole table is kept).
 */
import type { MessageSubscriptionRecord } from '../state/records.js';
import { groupKey, WholeTableIndex } from './whole-table-index.js';

export class MessageSubscriptionsByCorrelation extends WholeTableIndex<MessageSubscriptionRecord> {
  constructor(
    /** Every subscription as SQLite holds it. */
    load: () => MessageSubscriptionRecord[],
  ) {
    super((r) => groupKey(r.tenantId, r.messageName, r.correlationKey), load);
  }

  /** The subscriptions waiting for a message of this name and correlation key in this tenant, in key order. */
  waitingFor(messageName: string, correlationKey: string, tenantId: string): MessageSubscriptionRecord[] {
    return this.members(groupKey(tenantId, messageName, correlationKey));
  }
}
