/**
 * Every timer's due date, in memory: the scheduler asks for the earliest after every round and for the due ones
 * when one comes, and a query of the timers table would make it write the projection's held rows each time. Loaded
 * from SQLite on first use (and again after a rollback cleared it), then kept current by every change of the
 * table. Only key and due date are kept (a waiting case's deadline timer costs an entry, not its record), sorted by
 * due date (earliest-due.ts).
 */
import type { TimerRecord } from '../state/records.js';
import { EarliestDue } from './earliest-due.js';
import type { TableObserver } from './record-table.js';

export class TimerDueDates implements TableObserver<TimerRecord> {
  private dueDates: EarliestDue | undefined;

  constructor(
    /** Every timer's key and due date as SQLite holds them. */
    private readonly load: () => { key: number; dueDate: number }[],
  ) {}

  /** The earliest due date, if any timer exists. */
  next(): number | undefined {
    return this.loaded().earliest();
  }

  /** The keys of up to `limit` timers due by `now`, by due date, then key. */
  due(now: number, limit: number): number[] {
    return this.loaded().dueBy(now, limit);
  }

  changed(key: number, record: TimerRecord | undefined): void {
    if (!this.dueDates) return;
    if (record) this.dueDates.set(key, record.dueDate);
    else this.dueDates.delete(key);
  }

  clear(): void {
    this.dueDates = undefined;
  }

  transactionEnded(): void {}

  // helpers

  private loaded(): EarliestDue {
    if (this.dueDates) return this.dueDates;
    const dueDates = new EarliestDue();
    for (const { key, dueDate } of this.load()) dueDates.set(key, dueDate);
    return (this.dueDates = dueDates);
  }
}
