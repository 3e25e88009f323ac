/**
 * Who created each batch operation (its items run under that name, and are audited as theirs): the actor of the
 * operation's CREATE entry in the audit log. Asked before every item; the audit log is projected, so a query of it
 * would first write every held row of the projection. Every entry inserted in this process since the last rollback
 * went through `changed` (held or written); every other one is in SQLite, read without projecting first.
 */
import type { AuditLogRecord } from '../state/records.js';
import type { TableObserver } from './record-table.js';

export class BatchOperationCreators implements TableObserver<AuditLogRecord> {
  private readonly creators = new Map<number, string>();

  constructor(
    /** The creator as SQLite holds it (`stored`: the projected rows only). */
    private readonly stored: (batchOperationKey: number) => string | undefined,
  ) {}

  of(batchOperationKey: number): string | undefined {
    const known = this.creators.get(batchOperationKey);
    if (known !== undefined) return known;
    const creator = this.stored(batchOperationKey);
    // an unknown operation is not remembered: made-up keys cannot grow the map
    if (creator !== undefined) this.creators.set(batchOperationKey, creator);
    return creator;
  }

  changed(_key: number, record: AuditLogRecord | undefined): void {
    // the operation's first entry names its creator (as the stored lookup's ORDER BY key)
    if (record?.entityType !== 'BATCH' || record.batchOperationKey === null || record.actorId === null) return;
    if (!this.creators.has(record.batchOperationKey)) this.creators.set(record.batchOperationKey, record.actorId);
  }

  clear(): void {
    this.creators.clear();
  }

  transactionEnded(): void {}
}
