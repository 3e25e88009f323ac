/**
 * The embedded worker-state backend: one SQLite file (`worker-state.sqlite`, WAL) under `WORKER_DATA_DIR`,
 * separate from the engine's database. Each operation is one `BEGIN IMMEDIATE` transaction, so several worker
 * processes on one machine may share the file; numbers and leases stay atomic across them.
 *
 * The one file under workers/ that may import better-sqlite3 (eslint.config.js names it).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { jobKeyOfRecord, type LeaseClaim, type NoticeNumber, type WorkerStateBackend } from './worker-state.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS notice_counters (
  office TEXT NOT NULL, notice_type TEXT NOT NULL, year INTEGER NOT NULL, last_number INTEGER NOT NULL,
  PRIMARY KEY (office, notice_type, year)
);
CREATE TABLE IF NOT EXISTS notice_claims (
  office TEXT NOT NULL, notice_type TEXT NOT NULL, claim_key TEXT NOT NULL,
  year INTEGER NOT NULL, number INTEGER NOT NULL, claimed_at INTEGER NOT NULL,
  PRIMARY KEY (office, notice_type, claim_key),
  UNIQUE (office, notice_type, year, number)
);
CREATE TABLE IF NOT EXISTS remembered (
  key TEXT PRIMARY KEY, value TEXT, owner TEXT, lease_until INTEGER, created_at INTEGER NOT NULL
);
`;

interface RememberedRow {
  value: string | null;
  owner: string | null;
  lease_until: number | null;
}

export class SqliteWorkerState implements WorkerStateBackend {
  private constructor(private readonly db: Database.Database) {}

  static open(dataDir: string, options: { retentionMs: number }): SqliteWorkerState {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(join(dataDir, 'worker-state.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 10000');
    db.exec(SCHEMA);
    const horizon = Date.now() - options.retentionMs;
    db.transaction(() => {
      db.prepare('DELETE FROM remembered WHERE value IS NOT NULL AND created_at < ?').run(horizon);
      db.prepare('DELETE FROM notice_claims WHERE claimed_at < ?').run(horizon);
    }).immediate();
    return new SqliteWorkerState(db);
  }

  /**
   * In a backup copy of the file: drops the claims and records of jobs whose key is `firstUnknownJobKey` or above
   * (worker-state.ts); counters stay, so their numbers are skipped, never handed out twice. Answers how many.
   */
  static forgetJobsFrom(file: string, firstUnknownJobKey: number): number {
    const db = new Database(file);
    try {
      const unknown = (key: string) => (jobKeyOfRecord(key) ?? -1) >= firstUnknownJobKey;
      return db.transaction(() => {
        let dropped = 0;
        const claims = db.prepare('SELECT office, notice_type, claim_key FROM notice_claims').all() as { office: string; notice_type: string; claim_key: string }[];
        const dropClaim = db.prepare('DELETE FROM notice_claims WHERE office = ? AND notice_type = ? AND claim_key = ?');
        for (const claim of claims.filter((c) => unknown(c.claim_key))) dropped += dropClaim.run(claim.office, claim.notice_type, claim.claim_key).changes;
        const records = db.prepare('SELECT key FROM remembered').all() as { key: string }[];
        const dropRecord = db.prepare('DELETE FROM remembered WHERE key = ?');
        for (const record of records.filter((r) => unknown(r.key))) dropped += dropRecord.run(record.key).changes;
        return dropped;
      })();
    } finally {
      db.close();
    }
  }

  async nextNoticeNumber(office: string, noticeType: string, year: number, claimKey: string): Promise<NoticeNumber> {
    return this.db
      .transaction((): NoticeNumber => {
        const claimed = this.db
          .prepare('SELECT year, number FROM notice_claims WHERE office = ? AND notice_type = ? AND claim_key = ?')
          .get(office, noticeType, claimKey) as NoticeNumber | undefined;
        if (claimed) return { year: claimed.year, number: claimed.number };
        const { last_number: number } = this.db
          .prepare(
            `INSERT INTO notice_counters (office, notice_type, year, last_number) VALUES (?, ?, ?, 1)
             ON CONFLICT (office, notice_type, year) DO UPDATE SET last_number = last_number + 1
             RETURNING last_number`,
          )
          .get(office, noticeType, year) as { last_number: number };
        this.db
          .prepare('INSERT INTO notice_claims (office, notice_type, claim_key, year, number, claimed_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(office, noticeType, claimKey, year, number, Date.now());
        return { year, number };
      })
      .immediate();
  }

  async claim(key: string, owner: string, leaseMs: number): Promise<LeaseClaim> {
    return this.db
      .transaction((): LeaseClaim => {
        const now = Date.now();
        const row = this.row(key);
        if (row?.value != null) return { kind: 'done', value: row.value };
        if (row && (row.lease_until ?? 0) > now && row.owner !== owner) return { kind: 'busy' };
        this.db
          .prepare(
            `INSERT INTO remembered (key, value, owner, lease_until, created_at) VALUES (?, NULL, ?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until`,
          )
          .run(key, owner, now + leaseMs, now);
        return { kind: 'claimed' };
      })
      .immediate();
  }

  async finish(key: string, _owner: string, value: string): Promise<string> {
    return this.db
      .transaction((): string => {
        const row = this.row(key);
        if (row?.value != null) return row.value;
        this.db
          .prepare(
            `INSERT INTO remembered (key, value, owner, lease_until, created_at) VALUES (?, ?, NULL, NULL, ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, owner = NULL, lease_until = NULL`,
          )
          .run(key, value, Date.now());
        return value;
      })
      .immediate();
  }

  async release(key: string, owner: string): Promise<void> {
    this.db.prepare('DELETE FROM remembered WHERE key = ? AND owner = ? AND value IS NULL').run(key, owner);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  // helpers

  private row(key: string): RememberedRow | undefined {
    return this.db.prepare('SELECT value, owner, lease_until FROM remembered WHERE key = ?').get(key) as RememberedRow | undefined;
  }
}
