/**
 * When each locked or backed-off job becomes activatable again (its lock deadline, its retry back-off), in memory:
 * the scheduler asks after every round, and a query of the jobs table would make it write the projection's held
 * rows each time. Loaded from SQLite on first use (and again after a rollback cleared it), then kept current by
 * every change of the jobs table.
 */
import type { JobRecord } from '../state/records.js';
import type { TableObserver } from './record-table.js';

interface WakeUp {
  type: string;
  at: number;
  /** A lock deadline (else a retry back-off). */
  lock: boolean;
}

export class JobWakeUps implements TableObserver<JobRecord> {
  private wakeUps: Map<number, WakeUp> | undefined;

  constructor(
    /** The jobs with a wake-up as SQLite holds them. */
    private readonly load: () => JobRecord[],
  ) {}

  /** The earliest wake-up, if any job has one. */
  next(): number | undefined {
    let next = Infinity;
    for (const { at } of this.loaded().values()) if (at < next) next = at;
    return Number.isFinite(next) ? next : undefined;
  }

  /** The types of the jobs whose wake-up falls in (since, until]. */
  typesDueBetween(since: number, until: number): string[] {
    const types = new Set<string>();
    for (const { type, at } of this.loaded().values()) if (at > since && at <= until) types.add(type);
    return [...types];
  }

  /** The keys of the jobs whose lock deadline is `until` or earlier, earliest first. */
  locksDueBy(until: number): number[] {
    const due = [...this.loaded()].filter(([, { at, lock }]) => lock && at <= until);
    return due.sort(([keyA, a], [keyB, b]) => a.at - b.at || keyA - keyB).map(([key]) => key);
  }

  changed(key: number, record: JobRecord | undefined): void {
    if (!this.wakeUps) return;
    const at = record && wakeUpOf(record);
    if (record && at !== undefined) this.wakeUps.set(key, { type: record.type, at, lock: record.state === 'ACTIVATED' });
    else this.wakeUps.delete(key);
  }

  clear(): void {
    this.wakeUps = undefined;
  }

  transactionEnded(): void {}

  // helpers

  private loaded(): Map<number, WakeUp> {
    if (this.wakeUps) return this.wakeUps;
    const wakeUps = new Map<number, WakeUp>();
    for (const job of this.load()) {
      const at = wakeUpOf(job);
      if (at !== undefined) wakeUps.set(job.key, { type: job.type, at, lock: job.state === 'ACTIVATED' });
    }
    return (this.wakeUps = wakeUps);
  }
}

/** A locked job's deadline, a backed-off job's retry time; undefined for any other job. */
function wakeUpOf(job: JobRecord): number | undefined {
  if (job.state === 'ACTIVATED' && job.deadline !== null) return job.deadline;
  if (job.state === 'FAILED' && job.retries > 0 && job.retryAt !== null) return job.retryAt;
  return undefined;
}
