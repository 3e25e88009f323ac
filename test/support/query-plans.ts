/**
 * What the query-plan tests look at: the SQL statements the engine reads with while it answers one request, and
 * SQLite's plan for each (EXPLAIN QUERY PLAN on a read-only connection to the engine's file), so a test can say
 * which index a search goes through.
 */
import { join } from 'node:path';
import { vi } from 'vitest';
import { openSqliteReadonly } from '../../engine/store/sqlite-file.js';
import { StoreConnection } from '../../engine/store/store-connection.js';
import type { EngineFixture } from './engine-fixture.js';

/** The SQL of the engine's reads whose text matches `from` while `request` runs (e.g. /FROM\s+"?user_tasks"?\s/i). */
export async function statementsReadDuring(from: RegExp, request: () => Promise<void>): Promise<string[]> {
  const statements: string[] = [];
  const read = StoreConnection.prototype.read;
  const spy = vi.spyOn(StoreConnection.prototype, 'read').mockImplementation(function (this: StoreConnection, sql: string) {
    if (from.test(sql)) statements.push(sql);
    return read.call(this, sql);
  });
  try {
    await request();
  } finally {
    spy.mockRestore();
  }
  return statements;
}

/** SQLite's plan of `sql` on the engine's file, one line per step (its parameters bound to a placeholder value). */
export function queryPlanOf(engine: EngineFixture, sql: string): string[] {
  const db = openSqliteReadonly(join(engine.dataDir, 'engine.sqlite'));
  try {
    const parameters = Array.from(sql.matchAll(/\?/g), () => 'x');
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map(({ detail }) => detail);
  } finally {
    db.close();
  }
}
