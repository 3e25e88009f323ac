/**
 * The open message subscriptions by message name, correlation key and tenant, in memory: every publish and
 * correlation asks which subscriptions wait for it, and a query of the subscriptions table would make it write the
 * projection's held rows each time. Loaded whole from SQLite on first use (and again after a rollback cleared it):
 * a publish usually names a correlation key asked for the first time, so loading one key at a time would query on
 * every publish. Then kept current by every change of the table.
 */
import type { MessageSubscriptionRecord } from '../state/records.js';
import type { TableObserver } from './record-table.js';

export class MessageSubscriptionsByCorrelation implements TableObserver<MessageSubscriptionRecord> {
  private groups: Map<string, Map<number, MessageSubscriptionRecord>> | undefined;
  private readonly groupOfMember = new Map<number, string>();

  constructor(
    /** Every subscription as SQLite holds it. */
    private readonly load: () => MessageSubscriptionRecord[],
  ) {}

  /** The subscriptions waiting for a message of this name and correlation key in this tenant, in key order. */
  waitingFor(messageName: string, correlationKey: string, tenantId: string): MessageSubscriptionRecord[] {
    const group = this.loaded().get(groupKey(messageName, correlationKey, tenantId));
    return group ? [...group.values()].sort((a, b) => a.key - b.key) : [];
  }

  changed(key: number, record: MessageSubscriptionRecord | undefined): void {
    if (!this.groups) return;
    const before = this.groupOfMember.get(key);
    if (before !== undefined) {
      const group = this.groups.get(before)!;
      group.delete(key);
      if (group.size === 0) this.groups.delete(before);
      this.groupOfMember.delete(key);
    }
    if (record) this.add(record);
  }

  clear(): void {
    this.groups = undefined;
    this.groupOfMember.clear();
  }

  transactionEnded(): void {}

  // helpers

  private loaded(): Map<string, Map<number, MessageSubscriptionRecord>> {
    if (this.groups) return this.groups;
    this.groups = new Map();
    this.groupOfMember.clear();
    for (const record of this.load()) this.add(record);
    return this.groups;
  }

  private add(record: MessageSubscriptionRecord): void {
    const key = groupKey(record.messageName, record.correlationKey, record.tenantId);
    let group = this.groups!.get(key);
    if (!group) this.groups!.set(key, (group = new Map()));
    group.set(record.key, record);
    this.groupOfMember.set(record.key, key);
  }
}

function groupKey(messageName: string, correlationKey: string, tenantId: string): string {
  // NUL cannot occur in a message name or tenant id, so the parts cannot run into each other
  return `${tenantId}\u0000${messageName}\u0000${correlationKey}`;
}
