/**
 * The buffered messages (published with a time to live) in memory, by name, correlation key and tenant: an element
 * that starts waiting asks for a buffered message it may take, a publish with a message id asks whether one with that
 * id is still buffered, and the scheduler asks after every round which ones expired; a query of the messages table
 * would make each of them write the projection's held rows. Only what those questions need is kept (key, expiry,
 * message id), not the variables: the caller reads the record by key (the table's held rows and cache, else SQLite).
 * Loaded whole on first use (and again after a rollback cleared it), then kept current by every change of the table.
 * The earliest expiry is remembered, so a scheduler round with nothing expired costs one comparison.
 */
import type { MessageRecord } from '../state/records.js';
import type { TableObserver } from './record-table.js';

/** What is kept of a buffered message. */
export interface BufferedMessage {
  key: number;
  expiresAt: number;
  messageId: string | null;
}

/** What the index needs of each message. */
type StoredMessage = Pick<MessageRecord, 'key' | 'name' | 'correlationKey' | 'tenantId' | 'expiresAt' | 'messageId'>;

export class BufferedMessages implements TableObserver<MessageRecord> {
  private groups: Map<string, Map<number, BufferedMessage>> | undefined;
  private readonly groupOfMessage = new Map<number, string>();
  /** The earliest expiry; undefined when unknown (to be found again by a scan) or when nothing is buffered. */
  private earliest: number | undefined;
  private earliestKnown = false;

  constructor(
    /** Every buffered message (SQLite's rows with the held ones laid over them). */
    private readonly load: () => StoredMessage[],
  ) {}

  /** The messages of this name, correlation key and tenant still buffered at `now`, in key (publication) order. */
  live(name: string, correlationKey: string, tenantId: string, now: number): BufferedMessage[] {
    const group = this.loaded().get(groupKey(name, correlationKey, tenantId));
    if (!group) return [];
    return [...group.values()].filter((message) => message.expiresAt > now).sort((a, b) => a.key - b.key);
  }

  /** The keys of up to `limit` messages whose time to live has passed by `now`, in key order. */
  expired(now: number, limit: number): number[] {
    const groups = this.loaded();
    if (!this.earliestKnown) this.findEarliest();
    if (this.earliest === undefined || this.earliest > now) return [];
    const expired: number[] = [];
    for (const group of groups.values()) for (const message of group.values()) if (message.expiresAt <= now) expired.push(message.key);
    return expired.sort((a, b) => a - b).slice(0, limit);
  }

  changed(key: number, record: MessageRecord | undefined): void {
    if (!this.groups) return;
    const before = this.groupOfMessage.get(key);
    if (before !== undefined) {
      const group = this.groups.get(before)!;
      if (group.get(key)!.expiresAt === this.earliest) this.earliestKnown = false;
      group.delete(key);
      if (group.size === 0) this.groups.delete(before);
      this.groupOfMessage.delete(key);
    }
    if (record) this.add(record);
  }

  clear(): void {
    this.groups = undefined;
    this.groupOfMessage.clear();
    this.earliestKnown = false;
  }

  transactionEnded(): void {}

  // helpers

  private loaded(): Map<string, Map<number, BufferedMessage>> {
    if (this.groups) return this.groups;
    this.groups = new Map();
    this.groupOfMessage.clear();
    this.earliestKnown = false;
    for (const message of this.load()) this.add(message);
    return this.groups;
  }

  private add(message: StoredMessage): void {
    const key = groupKey(message.name, message.correlationKey, message.tenantId);
    let group = this.groups!.get(key);
    if (!group) this.groups!.set(key, (group = new Map()));
    group.set(message.key, { key: message.key, expiresAt: message.expiresAt, messageId: message.messageId });
    this.groupOfMessage.set(message.key, key);
    if (this.earliestKnown && (this.earliest === undefined || message.expiresAt < this.earliest)) this.earliest = message.expiresAt;
  }

  private findEarliest(): void {
    let earliest = Infinity;
    for (const group of this.groups!.values()) for (const message of group.values()) if (message.expiresAt < earliest) earliest = message.expiresAt;
    this.earliest = Number.isFinite(earliest) ? earliest : undefined;
    this.earliestKnown = true;
  }
}

function groupKey(name: string, correlationKey: string, tenantId: string): string {
  // NUL cannot occur in a message name or tenant id, so the parts cannot run into each other
  return `${tenantId}\u0000${name}\u0000${correlationKey}`;
}
