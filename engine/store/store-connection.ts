/**
 * The engine's SQLite connection as the rest of engine/store/ uses it: the one place that prepares statements and
 * begins transactions on it (eslint refuses better-sqlite3 and `openDatabase` in the rest of the store, except the
 * file's own copy and check in sqlite-file.ts).
 *
 * With the projection on (engine-store.ts), the rows of the projected tables are held in memory until the projector
 * writes them, so every SQL read of one of those tables (or of a view over one) must write them first. A read
 * statement made here (`read`) does that itself: when its SQL names a projected table or such a view, every `get`
 * and `all` first calls the store's `beforeRead` (which hands the held rows to the store's writer thread and waits
 * until it has written them and what was handed before); a read of the other tables is the library's statement as it is.
 * A read transaction (`readTransaction`: a search's count and page) calls `beforeRead` before it begins, so held rows
 * are never written inside a reader's transaction, where its rollback would take them along.
 *
 * With the search lag on (engine.ts, `searchLag`), the REST read side reads through `lagging()` instead: like a Camunda
 * cluster's secondary store, it sees only what the projector has written, up to the projector's delay behind the
 * commands. Inside a transaction (a command's own use of a query) those reads still project first, so the command
 * path never reads a stale row.
 *
 * What does not project: `write` statements (they return no rows), the command transactions (`transaction`: a
 * command's reads inside it project as part of it), and `readStored`, which reads what SQLite holds now and is meant
 * for a caller that looks at the held rows itself (a table's lookup by key).
 *
 * Only the projector writes a projected table: the events are the truth for its rows, and a row written past the
 * projector would be missing after a rollback's or a crash's replay, or written twice by it. So `write` refuses SQL
 * that writes a projected table (or a view over one), or reads one (that read would skip the projection); such SQL
 * is prepared with `projectorWrite` (eslint allows it in record-table.ts and join-tokens.ts alone), whose statements run only inside
 * `asProjector` (the store's flush of the held rows) and throw anywhere else.
 *
 * Durability: opened with `synchronous = FULL`, the connection runs at NORMAL after its migrations and syncs the WAL
 * itself (wal-sync.ts). A write statement run outside a transaction (its own commit) is synced before `run` returns;
 * an outermost transaction is synced by its owner (engine-store.ts: `syncCommit` after it, or `syncLater` for the
 * command batch). With the projection, a command batch is usually written by the store's writer thread on a
 * connection of its own (store-writer.ts), which syncs it there; `beforeWrite` lets the store wait for it before
 * this connection writes.
 */
import type { Database as SqliteDatabase, RunResult, Statement, Transaction } from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { openDatabase, type DatabaseOptions } from './database.js';
import { WalSync } from './wal-sync.js';

/** The per-connection limits a `pragma` on the engine's connection also sets on the writer thread's. */
const CONNECTION_LIMIT = /^\s*(?:max_page_count|cache_size)\s*=/i;

/** A prepared read; with `beforeRead` first when it reads a projected table. */
export interface ReadStatement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/** A prepared write (INSERT, UPDATE, DELETE); returns no rows, so it never projects. */
export interface WriteStatement {
  run(...params: unknown[]): RunResult;
}

export interface ProjectedReads {
  /** The tables whose rows may be held in memory (views over them are found from the schema). */
  readonly tables: readonly string[];
  /** Writes the held rows, if any; called before a read of a projected table and before a read transaction. */
  readonly beforeRead: () => void;
}

/** What the REST read side needs of the connection (engine-queries.ts, search-query.ts). */
export type QueryReads = Pick<StoreConnection, 'read' | 'readTransaction' | 'defineFunction'>;

/** Plain reads: no table is projected (a connection of its own, a test). */
const NOTHING_PROJECTED: ProjectedReads = { tables: [], beforeRead: () => {} };

export class StoreConnection {
  /** The projected tables and every view that reads one (directly or through another view). */
  private readonly projected: ReadonlySet<string>;
  private readonly beforeRead: () => void;
  /** Prepared statements by SQL text; the least recently used leaves beyond `STATEMENT_CACHE_LIMIT`. */
  private readonly statements = new LRUCache<string, ReadStatement | WriteStatement>({ max: STATEMENT_CACHE_LIMIT });
  /** Inside `asProjector`: the projector's statements may run. */
  private projecting = false;
  private readonly inReadTransaction: Transaction<(work: () => unknown) => unknown>;
  /**
   * Counts every change made through this connection: each run of a write statement, and each change the store
   * makes in memory only (a held row's insert, update or delete, a buffered event). Equal before and after a command
   * that failed, it tells that the command changed nothing, so its savepoint's rollback is all the undoing it needs.
   */
  changes = 0;
  /** With FULL asked for: the WAL's sync, done here instead of inside SQLite's COMMIT (`commitsSyncedHere`). */
  private walSync: WalSync | undefined;
  /**
   * Runs before this connection writes: before a write statement and before a transaction begins (the store waits
   * there for its writer thread, store-writer.ts, or takes a batch it was going to hand over back onto this
   * connection, engine-store.ts).
   */
  beforeWrite: () => void = () => {};

  constructor(
    private readonly db: SqliteDatabase,
    projection: ProjectedReads = NOTHING_PROJECTED,
  ) {
    this.projected = projectedNames(db, projection.tables);
    this.beforeRead = projection.beforeRead;
    // built once: better-sqlite3 builds four wrapper functions for every `transaction` call
    this.inReadTransaction = db.transaction((work: () => unknown) => work());
  }

  /** Opens the engine's file (database.ts: WAL, migrations). */
  static open(options: DatabaseOptions, projection?: ProjectedReads): StoreConnection {
    const connection = new StoreConnection(openDatabase(options), projection);
    if (options.synchronous === 'FULL') connection.commitsSyncedHere();
    return connection;
  }

  /**
   * From now on COMMIT does not sync (`synchronous = NORMAL`, set once for the connection's life: switching it per
   * transaction means preparing a PRAGMA statement twice per batch) and the WAL is synced by this connection: a write
   * outside a transaction before its `run` returns, a transaction by its owner (`syncCommit`, `syncLater`).
   */
  private commitsSyncedHere(): void {
    this.db.pragma('synchronous = NORMAL');
    this.walSync = new WalSync(this.db.name);
  }

  /**
   * After an outermost transaction committed: on disk when this returns (fsync on this thread), as FULL's COMMIT
   * would have it; nothing to do without sync (NORMAL asked for) or when SQLite syncs itself.
   */
  syncCommit(): void {
    this.walSync?.syncNow();
  }

  /** A write statement ran: outside a transaction it was its own commit, on disk before the caller goes on. */
  written(): void {
    if (this.walSync && !this.db.inTransaction) this.walSync.syncNow();
  }

  /**
   * Everything committed so far reaches the disk off this thread (the command batch): resolves when it is;
   * undefined when this connection does not sync commits itself.
   */
  syncLater(): Promise<void> | undefined {
    return this.walSync?.sync();
  }

  /** How many syncs this connection ran itself (tests). */
  get syncs(): { readonly now: number; readonly later: number } {
    return this.walSync?.syncs ?? { now: 0, later: 0 };
  }

  /** True for a projected table or a view over one. */
  isProjected(tableOrView: string): boolean {
    return this.projected.has(tableOrView.toLowerCase());
  }

  /** A read statement for `sql` (prepared once per text); it projects first when it reads a projected table. */
  read(sql: string): ReadStatement {
    const cached = this.statements.get(sql) as ReadStatement | undefined;
    if (cached) return cached;
    const statement = this.prepare(sql, true);
    const read = mentions(sql, this.projected) ? new ProjectingStatement(statement, this.beforeRead) : statement;
    return this.remember(sql, read);
  }

  /**
   * A read of what SQLite holds now, without projecting first, even of a projected table. Only for a caller that
   * looks at the held rows itself before it asks SQLite (RecordTable's lookup by key, the join tokens' and the
   * message correlation index's loads); eslint keeps it to those files.
   */
  readStored(sql: string): ReadStatement {
    return this.prepare(sql, true);
  }

  /**
   * A write statement for `sql` (prepared once per text). Refused when `sql` names a projected table or a view over
   * one (as its target or in a subquery): those rows are the projector's (`projectorWrite`).
   */
  write(sql: string): WriteStatement {
    const cached = this.statements.get(sql) as WriteStatement | undefined;
    if (cached) return cached;
    const statement = this.prepare(sql, false);
    const projected = tablesNamed(sql).find((name) => this.projected.has(name));
    if (projected !== undefined) {
      throw new Error(`${projected} is a projected table, written only by the projector (RecordTable's held writes): ${sql}`);
    }
    return this.remember(sql, new CountedStatement(statement, this));
  }

  /**
   * A write of a projected table, for the projector's flush of the held rows (record-table.ts, join-tokens.ts; eslint
   * allows no other file): its `run` throws outside `asProjector`, so a held row can reach SQLite only through the projector.
   * Prepared anew per call: the caller keeps it.
   */
  projectorWrite(sql: string): WriteStatement {
    return new ProjectorStatement(this.prepare(sql, false), this);
  }

  /** Whether the projector's statements may run now (inside `asProjector`). */
  get projectorWriting(): boolean {
    return this.projecting;
  }

  /** Runs `work` (the projector writing the held rows) with the `projectorWrite` statements allowed to run. */
  asProjector<T>(work: () => T): T {
    if (this.projecting) return work();
    this.projecting = true;
    try {
      return work();
    } finally {
      this.projecting = false;
    }
  }

  /**
   * `work` in one read transaction (a search's count and page see one snapshot), after projecting. Inside a
   * transaction already (a command's), `work` runs in it.
   */
  readTransaction<T>(work: () => T): T {
    if (this.db.inTransaction) return work();
    this.beforeRead();
    return this.inReadTransaction(work) as T;
  }

  /**
   * The reads of a Camunda cluster's secondary store (the search lag, engine.ts): outside a transaction, a read of a
   * projected table or a read transaction does not write the held rows first, so it sees the rows as the projector
   * last wrote them (its delay after a batch bounds how old they are). Inside a transaction — a command that runs a
   * query (a batch operation finding its cases) — they project first as `read` does: the command path never reads
   * behind its own writes.
   */
  lagging(): QueryReads {
    // inside the read transaction below: SQLite's transaction is the reader's own, not a command's
    let reading = false;
    const inCommand = () => {
      if (this.db.inTransaction && !reading) this.beforeRead();
    };
    const statements = new LRUCache<string, ReadStatement>({ max: STATEMENT_CACHE_LIMIT });
    return {
      read: (sql) => {
        let read = statements.get(sql);
        if (!read) {
          const statement = this.prepare(sql, true);
          read = mentions(sql, this.projected) ? new ProjectingStatement(statement, inCommand) : statement;
          statements.set(sql, read);
        }
        return read;
      },
      readTransaction: <T>(work: () => T): T => {
        if (this.db.inTransaction) return work();
        reading = true;
        try {
          return this.inReadTransaction(work) as T;
        } finally {
          reading = false;
        }
      },
      defineFunction: (name, fn) => this.defineFunction(name, fn),
    };
  }

  /**
   * The store's own transaction for `fn` (the command transaction, the projector's): nothing projects at its start.
   * Built once per use by the caller, not per call.
   */
  transaction<F extends (...args: never[]) => unknown>(fn: F): Transaction<F> {
    const transaction = this.db.transaction(fn as never) as unknown as (...args: unknown[]) => unknown;
    return ((...args: unknown[]) => {
      this.beforeWrite();
      return transaction(...args);
    }) as unknown as Transaction<F>;
  }

  /**
   * A transaction begun, and savepoints set, one step at a time: for a command batch that was going to be handed to
   * the writer thread and must now be written on this connection after all (engine-store.ts, `materialize`), whose
   * commands are already running, so it cannot be wrapped in `transaction`. Nothing projects or waits here.
   */
  begin(): void {
    this.db.exec('BEGIN');
  }

  savepoint(name: string): void {
    this.db.exec(`SAVEPOINT ${name}`);
  }

  release(name: string): void {
    this.db.exec(`RELEASE ${name}`);
  }

  /** Undoes what was written since the savepoint and drops it. */
  rollbackTo(name: string): void {
    this.db.exec(`ROLLBACK TO ${name}`);
    this.db.exec(`RELEASE ${name}`);
  }

  commit(): void {
    this.db.exec('COMMIT');
  }

  rollback(): void {
    this.db.exec('ROLLBACK');
  }

  /** A SQL function for the statements of this connection. */
  defineFunction(name: string, fn: (...args: unknown[]) => unknown): void {
    this.db.function(name, { deterministic: true }, fn);
  }

  pragma(source: string, options?: { simple?: boolean }): unknown {
    const result = this.db.pragma(source, options);
    if (CONNECTION_LIMIT.test(source)) this.pragmaSet(source);
    return result;
  }

  /**
   * After a connection's limit was set with `pragma` (a page limit, say): the store's writer thread, whose connection
   * writes the same file, sets it too (engine-store.ts). Only limits: a setting of the file or of how the connection
   * writes (`journal_mode`, `synchronous`, `locking_mode`) is the writer's own, and changing it there could stop it.
   */
  pragmaSet: (source: string) => void = () => {};

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  /** The file's path (its WAL file is this plus `-wal`). */
  get name(): string {
    return this.db.name;
  }

  get open(): boolean {
    return this.db.open;
  }

  close(): void {
    this.walSync?.close();
    this.db.close();
  }

  // helpers

  private prepare(sql: string, reader: boolean): Statement {
    const statement = this.db.prepare(sql);
    if (statement.reader !== reader) {
      throw new Error(reader ? `not a read (use write): ${sql}` : `a read, which must project first (use read): ${sql}`);
    }
    return statement;
  }

  private remember<S extends ReadStatement | WriteStatement>(sql: string, statement: S): S {
    this.statements.set(sql, statement);
    return statement;
  }
}

/**
 * Searches build SQL per filter shape, so the texts are unbounded; the fixed statements of the tables, used all the
 * time, are a few dozen, and being the most recently used they never leave for a burst of one-off search shapes.
 */
export const STATEMENT_CACHE_LIMIT = 1_000;

/** A write: counted in the connection's `changes`. */
class CountedStatement implements WriteStatement {
  constructor(
    private readonly statement: Statement,
    private readonly connection: StoreConnection,
  ) {}

  run(...params: unknown[]): RunResult {
    this.connection.beforeWrite();
    this.connection.changes++;
    const result = this.statement.run(...params);
    this.connection.written();
    return result;
  }
}

/** A write of a projected table: runs only while the connection is the projector's (`asProjector`); counted too. */
class ProjectorStatement implements WriteStatement {
  constructor(
    private readonly statement: Statement,
    private readonly connection: StoreConnection,
  ) {}

  run(...params: unknown[]): RunResult {
    if (!this.connection.projectorWriting) {
      throw new Error(`a projected table is written only by the projector (inside asProjector): ${this.statement.source}`);
    }
    this.connection.beforeWrite();
    this.connection.changes++;
    return this.statement.run(...params);
  }
}

/** A read of a projected table: the held rows are written before each run. */
class ProjectingStatement implements ReadStatement {
  constructor(
    private readonly statement: Statement,
    private readonly beforeRead: () => void,
  ) {}

  get(...params: unknown[]): unknown {
    this.beforeRead();
    return this.statement.get(...params);
  }

  all(...params: unknown[]): unknown[] {
    this.beforeRead();
    return this.statement.all(...params);
  }
}

// helpers

/** The tables and the views over them (and views over those views), lower case. */
function projectedNames(db: SqliteDatabase, tables: readonly string[]): ReadonlySet<string> {
  const names = new Set(tables.map((table) => table.toLowerCase()));
  if (names.size === 0) return names;
  const views = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'view'`).all() as { name: string; sql: string }[];
  for (let grew = true; grew; ) {
    grew = false;
    for (const view of views) {
      const name = view.name.toLowerCase();
      if (!names.has(name) && mentions(view.sql, names)) {
        names.add(name);
        grew = true;
      }
    }
  }
  return names;
}

/**
 * The tables and views `sql` writes or reads: the table after INSERT/REPLACE ... INTO and UPDATE [OR ...], and every
 * table of a FROM or JOIN list (a subquery's too), each maybe schema-qualified (`main.jobs`) or aliased, lower case.
 * Unlike `mentions` it skips column names, so a write of a table with a column named like a projected table
 * (messages.variables) is not mistaken for a write of that table.
 */
function tablesNamed(sql: string): string[] {
  const lower = sql.toLowerCase();
  const names: string[] = [];
  for (const match of lower.matchAll(/\b(?:into|update(?:\s+or\s+[a-z]+)?)\s+((?:[a-z_][a-z0-9_]*\s*\.\s*)?\S+)/g)) {
    const name = tableName(match[1]!);
    if (name) names.push(name);
  }
  for (const match of lower.matchAll(TABLE_LIST)) {
    for (const item of match[1]!.split(',')) {
      const name = tableName(item);
      if (name) names.push(name);
    }
  }
  return names;
}

/** FROM or JOIN and the list after it, up to the clause that ends it (a subquery's parenthesis ends it too). */
const TABLE_LIST =
  /\b(?:from|join)\s+([^()]*?)(?=\b(?:where|on|using|group|order|limit|join|inner|left|cross|natural|union|except|intersect|returning|set|values|window|having)\b|[();]|$)/g;

/** The table of one FROM item or INSERT/UPDATE target: its name without schema, quotes or alias. */
function tableName(item: string): string | undefined {
  return /^\s*(?:["`[]?[a-z_][a-z0-9_]*["`\]]?\s*\.\s*)?["`[]?([a-z_][a-z0-9_]*)/.exec(item)?.[1];
}

/** Whether `sql` names one of `names` (any word of it: FROM, JOIN, a subquery). */
function mentions(sql: string, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  for (const word of sql.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []) if (names.has(word)) return true;
  return false;
}
