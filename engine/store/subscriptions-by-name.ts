/**
 * The subscriptions of a small, whole-table kind (signal subscriptions, message start subscriptions) in memory, by
 * the name they wait for and tenant: every signal broadcast and every message publish asks which subscriptions wait
 * for its name (see WholeTableIndex for why the whole table is kept). The rarer questions (a deployment's or a
 * deletion's: the start subscriptions of a process) filter the whole set with `select`.
 */
import { groupKey, WholeTableIndex } from './whole-table-index.js';

export class SubscriptionsByName<R extends { key: number; tenantId: string }> extends WholeTableIndex<R> {
  constructor(
    /** The name a subscription waits for (the signal's, the message's). */
    nameOf: (record: R) => string,
    /** Every subscription (SQLite's rows with the held ones laid over them). */
    load: () => R[],
  ) {
    super((r) => groupKey(r.tenantId, nameOf(r)), load);
  }

  /** The subscriptions waiting for `name` in this tenant, in key order. */
  withName(name: string, tenantId: string): R[] {
    return this.members(groupKey(tenantId, name));
  }
}
