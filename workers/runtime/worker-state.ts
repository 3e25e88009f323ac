/**
 * State the job workers share across retries, processes and machines: notice counters and idempotency records.
 * Never the engine's tables: workers reach the engine only through REST, and must run unchanged against a real
 * Camunda 8 cluster. Two backends implement {@link WorkerStateBackend} and pass the same test suite:
 * - Redis (ioredis) when `REDIS_URL` is set: several worker processes or machines share it;
 * - otherwise a SQLite file under `WORKER_DATA_DIR` (one machine; several processes may share the file).
 *
 * Guarantees:
 * - `nextNoticeNumber` hands out 1, 2, 3 … per office, notice type and year, atomically, without gaps or
 *   duplicates, also under concurrent callers. A `claimKey` (the job key) that already holds a number gets that
 *   number back, with the year it was claimed in, so a retried job never consumes a second number.
 * - `remember(key, compute)` runs `compute` once per key and answers every later (or concurrent) call with its
 *   stored result. While one caller computes, it holds a lease; others wait for the result. A caller that dies
 *   leaves its lease to expire, after which the next caller computes. A failing `compute` releases the lease at
 *   once and stores nothing. Results must be JSON values.
 *
 * Callers end every `remember` key and `claimKey` with the job key they work for (`notice:<type>:<jobKey>`): an
 * engine restored from a backup hands out the keys issued after that backup again, to other jobs, so a backup
 * leaves out the records of jobs its engine snapshot does not know (scripts/reliability/backup-deployment.ts).
 */

export interface NoticeNumber {
  /** The year of the counter the number came from (the year of the first claim). */
  readonly year: number;
  /** 1-based sequence number within office, notice type and year. */
  readonly number: number;
}

export interface WorkerState {
  nextNoticeNumber(office: string, noticeType: string, year: number, claimKey: string): Promise<NoticeNumber>;
  remember<T>(key: string, compute: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Outcome of trying to take the lease on an idempotency key. */
export type LeaseClaim = { readonly kind: 'done'; readonly value: string } | { readonly kind: 'claimed' } | { readonly kind: 'busy' };

/** What a storage backend provides; {@link LeasedWorkerState} builds `remember` on it. */
export interface WorkerStateBackend {
  nextNoticeNumber(office: string, noticeType: string, year: number, claimKey: string): Promise<NoticeNumber>;
  /** Answers the stored result, or takes the lease (none held, or expired), or reports another holder. */
  claim(key: string, owner: string, leaseMs: number): Promise<LeaseClaim>;
  /** Stores `value` unless a result is stored already, drops `owner`'s lease, and answers the stored result. */
  finish(key: string, owner: string, value: string): Promise<string>;
  /** Drops `owner`'s lease without a result (compute failed). */
  release(key: string, owner: string): Promise<void>;
  close(): Promise<void>;
}

export interface WorkerStateOptions {
  /** `redis://…`: use Redis; absent: the SQLite file under `dataDir`. */
  redisUrl?: string;
  /** Directory of the SQLite file (created if missing). */
  dataDir: string;
  /** Prefix of every Redis key (several deployments may share one Redis). */
  keyPrefix?: string;
  /** How long a computing caller holds its lease (ms); should cover the slowest compute. */
  leaseMs?: number;
  /** How often a waiting caller looks for the result (ms). */
  pollMs?: number;
  /** How long idempotency records and number claims are kept (ms); counters are kept forever. */
  retentionMs?: number;
}

export const DEFAULT_LEASE_MS = 60_000;
export const DEFAULT_RETENTION_MS = 400 * 24 * 60 * 60 * 1000;
export const DEFAULT_KEY_PREFIX = 'xining-workers:';

/** The job key a record or claim key ends with (`…:<jobKey>`), if it ends with one. */
export function jobKeyOfRecord(recordKey: string): number | undefined {
  const last = recordKey.slice(recordKey.lastIndexOf(':') + 1);
  return /^\d{1,16}$/.test(last) ? Number(last) : undefined;
}

/** Opens the backend the options name; the caller closes it. */
export async function openWorkerState(options: WorkerStateOptions): Promise<WorkerState> {
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const backend = options.redisUrl
    ? (await import('./redis-worker-state.js')).RedisWorkerState.connect(options.redisUrl, { keyPrefix: options.keyPrefix ?? DEFAULT_KEY_PREFIX, retentionMs })
    : (await import('./sqlite-worker-state.js')).SqliteWorkerState.open(options.dataDir, { retentionMs });
  return new LeasedWorkerState(await backend, { leaseMs: options.leaseMs, pollMs: options.pollMs });
}

/** `remember` with leases over any backend. */
export class LeasedWorkerState implements WorkerState {
  private readonly leaseMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly backend: WorkerStateBackend,
    options: { leaseMs?: number; pollMs?: number } = {},
  ) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.pollMs = options.pollMs ?? 50;
  }

  nextNoticeNumber(office: string, noticeType: string, year: number, claimKey: string): Promise<NoticeNumber> {
    if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`year ${year} is not a calendar year`);
    return this.backend.nextNoticeNumber(office, noticeType, year, claimKey);
  }

  async remember<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const owner = `${process.pid}-${Math.random().toString(36).slice(2)}`;
    for (;;) {
      const claim = await this.backend.claim(key, owner, this.leaseMs);
      if (claim.kind === 'done') return JSON.parse(claim.value) as T;
      if (claim.kind === 'busy') {
        await new Promise((resolve) => setTimeout(resolve, this.pollMs));
        continue;
      }
      let value: T;
      try {
        value = await compute();
      } catch (error) {
        await this.backend.release(key, owner).catch(() => undefined);
        throw error;
      }
      const stored = await this.backend.finish(key, owner, JSON.stringify(value ?? null));
      return JSON.parse(stored) as T;
    }
  }

  close(): Promise<void> {
    return this.backend.close();
  }
}
