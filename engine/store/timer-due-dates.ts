/**
 * Every timer's due date, in memory: the scheduler asks for the earliest after every round and for the due ones
 * when one comes, and a query of the timers table would make it write the projection's held rows each time. Loaded
 * from SQLite on first use (and again after a rollback cleared it), then kept current by every change of the
 * table. Only key and due date are kept (a waiting case's deadline timer costs a map entry, not its record); the
 * earliest due date is remembered and found again by a scan only when the timer holding it goes or moves.
 */
import type { TimerRecord } from '../state/records.js';
import type { TableObserver } from './record-table.js';

export class TimerDueDates implements TableObserver<TimerRecord> {
  private dueDates: Map<number, number> | undefined;
  /** The earliest due date; undefined when unknown (to be found again) or when there is no timer. */
  private earliest: number | undefined;
  private earliestKnown = false;

  constructor(
    /** Every timer's key and due date as SQLite holds them. */
    private readonly load: () => { key: number; dueDate: number }[],
  ) {}

  /** The earliest due date, if any timer exists. */
  next(): number | undefined {
    const dueDates = this.loaded();
    if (!this.earliestKnown) {
      let next = Infinity;
      for (const dueDate of dueDates.values()) if (dueDate < next) next = dueDate;
      this.earliest = Number.isFinite(next) ? next : undefined;
      this.earliestKnown = true;
    }
    return this.earliest;
  }

  /** The keys of up to `limit` timers due by `now`, by due date, then key. */
  due(now: number, limit: number): number[] {
    const next = this.next();
    if (next === undefined || next > now) return [];
    const due: [number, number][] = [];
    for (const [key, dueDate] of this.dueDates!) if (dueDate <= now) due.push([key, dueDate]);
    due.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    return due.slice(0, limit).map(([key]) => key);
  }

  changed(key: number, record: TimerRecord | undefined): void {
    if (!this.dueDates) return;
    const before = this.dueDates.get(key);
    if (record) this.dueDates.set(key, record.dueDate);
    else this.dueDates.delete(key);
    if (!this.earliestKnown) return;
    if (before !== undefined && before === this.earliest && record?.dueDate !== before) this.earliestKnown = false;
    else if (record && (this.earliest === undefined || record.dueDate < this.earliest)) this.earliest = record.dueDate;
  }

  clear(): void {
    this.dueDates = undefined;
    this.earliestKnown = false;
  }

  transactionEnded(): void {}

  // helpers

  private loaded(): Map<number, number> {
    if (this.dueDates) return this.dueDates;
    this.earliestKnown = false;
    return (this.dueDates = new Map(this.load().map(({ key, dueDate }) => [key, dueDate])));
  }
}
