/**
 * Makes every SQL read of the projected tables see the held writes: statements prepared on the connection from
 * now on that read one of `tables`, or a view over one, call `barrier` (which writes what is held) before they
 * run. One hook at the connection instead of one at each of the queries, readers and searches.
 *
 * A transaction begun on the connection from now on (a search reads its count and its page in one) calls the
 * barrier before it begins, so the held rows are never written inside a reader's transaction, where its rollback
 * would take them along. Answers the connection's own `transaction`, for the store's commands (which must not
 * write the held rows at their start).
 */
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database.js';

export function installReadBarrier(db: SqliteDatabase, tables: readonly string[], barrier: () => void): SqliteDatabase['transaction'] {
  const names = new Set<string>(tables);
  // views over the tables (and views over those views) read them too
  const views = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'view'`).all() as { name: string; sql: string }[];
  for (let grew = true; grew; ) {
    grew = false;
    for (const view of views) {
      if (!names.has(view.name) && mentions(view.sql, names)) {
        names.add(view.name);
        grew = true;
      }
    }
  }
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    if (statement.reader && mentions(source, names)) guard(statement, barrier);
    return statement;
  }) as typeof db.prepare;
  const transaction = db.transaction.bind(db);
  db.transaction = ((work: (...args: unknown[]) => unknown) => {
    const wrapped = transaction(work);
    return Object.assign((...args: unknown[]) => {
      if (!db.inTransaction) barrier();
      return wrapped(...args);
    }, wrapped);
  }) as typeof db.transaction;
  return transaction;
}

// helpers

function mentions(sql: string, names: ReadonlySet<string>): boolean {
  for (const word of sql.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []) if (names.has(word)) return true;
  return false;
}

function guard(statement: Statement, barrier: () => void): void {
  const { get, all, iterate } = statement;
  statement.get = function (this: Statement, ...params: unknown[]) {
    barrier();
    return get.apply(this, params);
  } as typeof statement.get;
  statement.all = function (this: Statement, ...params: unknown[]) {
    barrier();
    return all.apply(this, params);
  } as typeof statement.all;
  statement.iterate = function (this: Statement, ...params: unknown[]) {
    barrier();
    return iterate.apply(this, params);
  } as typeof statement.iterate;
}
