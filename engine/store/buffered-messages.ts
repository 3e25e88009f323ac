/**
 * The buffered messages (published with a time to live) in memory, by name, correlation key and tenant: an element
 * that starts waiting asks for a buffered message it may take, a publish with a message id asks whether one with that
 * id is still buffered, and the scheduler asks after every round which ones expired (see WholeTableIndex for why the
 * whole table is kept). Only what those questions need is kept (key, expiry, message id), not the variables: the
 * caller reads the record by key (the table's held rows and cache, else SQLite). The expiries are kept sorted
 * (earliest-due.ts), so a scheduler round with nothing expired costs one comparison.
 */
import type { MessageRecord } from '../state/records.js';
import { EarliestDue } from './earliest-due.js';
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
  private readonly expiries = new EarliestDue();

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

  /**
   * The keys of up to `limit` messages whose time to live has passed by `now`, the longest expired first (as Zeebe's
   * deadline column family): the tree walks only those it answers, however many have expired.
   */
  expired(now: number, limit: number): number[] {
    this.ensureLoaded();
    return this.expiries.dueBy(now, limit);
  }

  override clear(): void {
    super.clear();
    this.expiries.clear();
  }

  protected override added(message: BufferedMessage): void {
    this.expiries.set(message.key, message.expiresAt);
  }

  protected override removed(message: BufferedMessage): void {
    this.expiries.delete(message.key);
  }
}
