/**
 * The subscriptions of a small, whole-table kind (signal subscriptions, message start subscriptions) in memory, by
 * the name they wait for and tenant: every signal broadcast and every message publish asks which subscriptions wait
 * for its name, and a query of the table would make it write the projection's held rows each time. Loaded whole from
 * SQLite on first use (and again after a rollback cleared it), then kept current by every change of the table. The
 * rarer questions (a deployment's or a deletion's: the start subscriptions of a process) filter the whole set.
 */
import type { TableObserver } from './record-table.js';

export class SubscriptionsByName<R extends { key: number; tenantId: string }> implements TableObserver<R> {
  private records: Map<number, R> | undefined;
  private groups = new Map<string, Map<number, R>>();

  constructor(
    /** The name a subscription waits for (the signal's, the message's). */
    private readonly nameOf: (record: R) => string,
    /** Every subscription (SQLite's rows with the held ones laid over them). */
    private readonly load: () => R[],
  ) {}

  /** The subscriptions waiting for `name` in this tenant, in key order. */
  withName(name: string, tenantId: string): R[] {
    this.loaded();
    const group = this.groups.get(groupKey(name, tenantId));
    return group ? [...group.values()].sort(byKey) : [];
  }

  /** The subscriptions `predicate` accepts, in key order. */
  select(predicate: (record: R) => boolean): R[] {
    return [...this.loaded().values()].filter(predicate).sort(byKey);
  }

  changed(key: number, record: R | undefined): void {
    if (!this.records) return;
    const before = this.records.get(key);
    if (before) {
      const name = groupKey(this.nameOf(before), before.tenantId);
      const group = this.groups.get(name)!;
      group.delete(key);
      if (group.size === 0) this.groups.delete(name);
      this.records.delete(key);
    }
    if (record) this.add(record);
  }

  clear(): void {
    this.records = undefined;
    this.groups = new Map();
  }

  transactionEnded(): void {}

  // helpers

  private loaded(): Map<number, R> {
    if (this.records) return this.records;
    this.records = new Map();
    this.groups = new Map();
    for (const record of this.load()) this.add(record);
    return this.records;
  }

  private add(record: R): void {
    const name = groupKey(this.nameOf(record), record.tenantId);
    let group = this.groups.get(name);
    if (!group) this.groups.set(name, (group = new Map()));
    group.set(record.key, record);
    this.records!.set(record.key, record);
  }
}

function byKey(a: { key: number }, b: { key: number }): number {
  return a.key - b.key;
}

function groupKey(name: string, tenantId: string): string {
  // NUL cannot occur in a tenant id, so the parts cannot run into each other
  return `${tenantId}\u0000${name}`;
}
