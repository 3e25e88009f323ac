/**
 * The buffered messages (published with a time to live) in memory, by name, correlation key and tenant: an element
 * that starts waiting asks for a buffered message it may take, a publish with a message id asks whether one with that
 * id is still buffered, and the scheduler asks after every round which ones expired (see WholeTableIndex for why the
 * whole table is kept). Only what those questions need is kept (key, expiry, message id), not the variables: the
 * caller reads the record by key (the table's held rows and cache, else SQLite). The earliest expiry is remembered,
 * so a scheduler round with nothing expired costs one comparison.
 */
import type { MessageRecord } from '../state/records.js';
import { groupKey, WholeTableIndex } from './whole-table-index.js';

/** What is kept of a buffered message. */
export interface BufferedMessage {
  key: number;
  expiresAt: number;
  messageId: string | null;
}

/** What the index needs of each message. */
type StoredMessage = Pick<MessageRecord, 'key' | 'name' | 'correlationKey' | 'tenantId' | 'expiresAt' | 'messageId'>;

export class BufferedMessages extends WholeTableIndex<StoredMessage, BufferedMessage> {
  /** The earliest expiry; undefined when unknown (to be found again by a scan) or when nothing is buffered. */
  private earliest: number | undefined;
  private earliestKnown = false;

  constructor(
    /** Every buffered message (SQLite's rows with the held ones laid over them). */
    load: () => StoredMessage[],
  ) {
    super(
      (message) => groupKey(message.tenantId, message.name, message.correlationKey),
      load,
      (message) => ({ key: message.key, expiresAt: message.expiresAt, messageId: message.messageId }),
    );
  }

  /** The messages of this name, correlation key and tenant still buffered at `now`, in key (publication) order. */
  live(name: string, correlationKey: string, tenantId: string, now: number): BufferedMessage[] {
    return this.members(groupKey(tenantId, name, correlationKey)).filter((message) => message.expiresAt > now);
  }

  /** The keys of up to `limit` messages whose time to live has passed by `now`, in key order. */
  expired(now: number, limit: number): number[] {
    if (!this.earliestKnown) this.findEarliest();
    if (this.earliest === undefined || this.earliest > now) return [];
    return this.select((message) => message.expiresAt <= now).slice(0, limit).map((message) => message.key);
  }

  override clear(): void {
    super.clear();
    this.earliestKnown = false;
  }

  protected override added(message: BufferedMessage): void {
    if (this.earliestKnown && (this.earliest === undefined || message.expiresAt < this.earliest)) this.earliest = message.expiresAt;
  }

  protected override removed(message: BufferedMessage): void {
    if (message.expiresAt === this.earliest) this.earliestKnown = false;
  }

  // helpers

  private findEarliest(): void {
    let earliest = Infinity;
    for (const message of this.everyMember()) if (message.expiresAt < earliest) earliest = message.expiresAt;
    this.earliest = Number.isFinite(earliest) ? earliest : undefined;
    this.earliestKnown = true;
  }
}
