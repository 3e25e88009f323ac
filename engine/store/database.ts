/**
 * Opens the engine's SQLite file (WAL) and applies migrations. The only place that creates a connection;
 * every table class receives it.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

export type SqliteDatabase = Database.Database;

export interface DatabaseOptions {
  /** Directory holding `engine.sqlite`; `:memory:` is not offered, state must be durable. */
  dataDir: string;
  /** FULL syncs every commit to disk; NORMAL survives process crashes but not power loss. */
  synchronous: 'FULL' | 'NORMAL';
}

export function openDatabase(options: DatabaseOptions): SqliteDatabase {
  // the file holds password hashes and sessions: the folder is the owner's only
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(options.dataDir, 'engine.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous}`);
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -65536');
  // Every command runs in its own savepoint; SQLite keeps the pages a savepoint or statement may have to restore
  // in temporary journals, by default files (/var/tmp/etilqs_*): ~180 KB of write syscalls per process instance
  // of the benchmark. Kept in memory instead. Transient data only: durability rests on the WAL and synchronous.
  db.pragma('temp_store = MEMORY');
  migrate(db);
  return db;
}

// helpers

function migrate(db: SqliteDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`the data directory was written by a newer engine (schema ${current} > ${SCHEMA_VERSION})`);
  }
  db.transaction(() => {
    for (let version = current; version < SCHEMA_VERSION; version++) db.exec(MIGRATIONS[version]!);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
