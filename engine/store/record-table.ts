/**
 * A table of records with camelCase fields stored in snake_case columns. Statements are prepared once;
 * JSON fields (arrays, header maps) are serialised here so nothing above the store sees SQL types.
 *
 * Hot tables keep a write-through cache of records by key: SQLite stays the truth (every write goes to it in
 * the same transaction), the cache only saves re-reading and re-parsing rows. A rolled-back command clears it
 * (`invalidateCache`), so it never holds what SQLite does not. Records are treated as immutable.
 *
 * The projected tables (the connection's list, engine-store.ts) are write-behind: they also hold their inserts,
 * updates and deletes until `flush`, so an element's four lifecycle steps become one row write. With the projection
 * on the held writes outlive the batch's commit (the events are the truth, the projector writes the rows later);
 * without it they are flushed at the end of every transaction. Held records are always readable by `get`, which
 * looks at them before SQLite; every other SQL read of the table (`where`, `first`, `count`, the queries) is a read
 * statement of the connection, which writes the held rows first (store-connection.ts).
 *
 * The projector writes the held rows on the store's writer thread (engine-store.ts, store-writer.ts): `handOver` turns
 * them into statements' bound values for a `ProjectionSink` and keeps them, as handed writes, readable by `get` and
 * `all` until the writer has committed them (`projected`), or holds them again when it could not (`rehold`). `flush`
 * runs them on the engine's connection instead (a projection inside a command, a store without the writer).
 *
 * Observers (the group indexes of group-index.ts) follow every insert, update and delete. Each of them counts in the
 * connection's `changes` (held or not), which tells a failed command that changed nothing (engine-store.ts).
 *
 * An update of a cached record writes only the columns that differ from the cached (= stored) version, so SQLite
 * leaves the indexes over unchanged columns alone; one statement is prepared per set of changed columns.
 */
import type { ReadStatement, StoreConnection, WriteStatement } from './store-connection.js';

/** Where the projector's writes go: a statement's SQL and the values bound for one run of it, in order. */
export interface ProjectionSink {
  run(sql: string, values: unknown[]): void;
}

/** Write-behind: held inserts, held updates with the stored version they change (when it was cached), held deletes. */
interface HeldWrites<R> {
  inserts: Map<number, R>;
  updates: Map<number, { record: R; stored: R | undefined }>;
  deletes: Set<number>;
}

export class RecordTable<R extends { key: number }> {
  private readonly insertSql: string;
  /** The projector's multi-row INSERTs by their number of rows (see `flush`). */
  private readonly multiInserts = new Map<number, string>();
  private readonly updateSql: string;
  private readonly getStatement: ReadStatement;
  private readonly deleteSql: string;
  /** UPDATE statements by the bit mask of the columns they set. */
  private readonly partialUpdates = new Map<number, string>();
  /** The statements of this table's writes on the engine's connection, by SQL text. */
  private readonly statements = new Map<string, WriteStatement>();
  /** Runs a write on the engine's connection (`flush`'s default, and every write of a table that is not projected). */
  private readonly connectionSink: ProjectionSink = { run: (sql, values) => this.statement(sql).run(values) };
  private cache: Map<number, R> | undefined;
  private pending: HeldWrites<R> | undefined;
  /**
   * Held writes handed to the writer thread and not known to be committed, oldest first, each with the number of
   * its projection: SQLite may not hold them yet, so `get` and `all` read them as they read the held ones.
   */
  private handed: { seq: number; writes: HeldWrites<R> }[] = [];
  private readonly columns: readonly { field: keyof R & string; column: string; json: boolean }[];
  private readonly observers: TableObserver<R>[] = [];
  private readonly prepareWrite: (sql: string) => WriteStatement;
  private allStatement: ReadStatement | undefined;

  constructor(
    private readonly db: StoreConnection,
    readonly table: string,
    fields: readonly (keyof R & string)[],
    jsonFields: readonly (keyof R & string)[] = [],
    options: { cache?: boolean } = {},
  ) {
    const writeBehind = db.isProjected(table);
    if (options.cache || writeBehind) this.cache = new Map();
    if (writeBehind) this.pending = emptyHeld();
    this.columns = fields.map((field) => ({ field, column: toSnakeCase(field), json: jsonFields.includes(field) }));
    const names = this.columns.map((c) => c.column);
    // a projected table's rows are the projector's: its statements run only inside the connection's asProjector
    this.prepareWrite = writeBehind ? (sql) => db.projectorWrite(sql) : (sql) => db.write(sql);
    // positional parameters: binding by name costs a property lookup per column on every write
    this.insertSql = this.insertOf(1);
    this.updateSql = `UPDATE ${table} SET ${names.filter((n) => n !== 'key').map((n) => `${n} = ?`).join(', ')} WHERE key = ?`;
    // not projecting first: `get` looks at the held (and handed) rows before it asks SQLite
    this.getStatement = db.readStored(`SELECT * FROM ${table} WHERE key = ?`);
    this.deleteSql = `DELETE FROM ${table} WHERE key = ?`;
    // prepared now, as before: a table whose statement does not fit the schema fails at the store's open
    for (const sql of [this.insertSql, this.updateSql, this.deleteSql]) this.statement(sql);
  }

  /** Tells `observer` every change of this table from now on. */
  observe<O extends TableObserver<R>>(observer: O): O {
    this.observers.push(observer);
    return observer;
  }

  insert(record: R): void {
    this.db.changes++;
    if (this.pending) this.pending.inserts.set(record.key, record);
    else this.connectionSink.run(this.insertSql, this.toValues(record));
    this.remember(record);
    for (const observer of this.observers) observer.changed(record.key, record);
  }

  update(record: R): void {
    this.db.changes++;
    if (this.pending?.inserts.has(record.key)) {
      this.pending.inserts.set(record.key, record);
    } else if (this.pending) {
      const held = this.pending.updates.get(record.key);
      this.pending.updates.set(record.key, { record, stored: held ? held.stored : this.cache?.get(record.key) });
    } else {
      this.write(record, this.cache?.get(record.key), this.connectionSink);
    }
    this.remember(record);
    for (const observer of this.observers) observer.changed(record.key, record);
  }

  /** Whether the table holds its writes back (a projected table). */
  get writeBehind(): boolean {
    return this.pending !== undefined;
  }

  /** How many writes write-behind holds back. */
  get held(): number {
    return this.pending ? this.pending.inserts.size + this.pending.updates.size + this.pending.deletes.size : 0;
  }

  /** Writes what write-behind held back (on the engine's connection unless `sink` says otherwise, inside the caller's transaction). */
  flush(sink: ProjectionSink = this.connectionSink): void {
    if (!this.pending || this.held === 0) return;
    this.writeHeld(this.pending, sink);
    this.pending.inserts.clear();
    this.pending.updates.clear();
    this.pending.deletes.clear();
  }

  /**
   * Hands what write-behind held back to `sink` (the writer thread's projection `seq`) and keeps it readable as
   * handed writes until `projected` says the projection is committed.
   */
  handOver(sink: ProjectionSink, seq: number): void {
    if (!this.pending || this.held === 0) return;
    this.writeHeld(this.pending, sink);
    this.handed.push({ seq, writes: this.pending });
    this.pending = emptyHeld();
  }

  /** The projections `committed` tells of are in SQLite: their handed writes are no longer needed. */
  projected(committed: (seq: number) => boolean): void {
    let written = 0;
    while (written < this.handed.length && committed(this.handed[written]!.seq)) written++;
    if (written > 0) this.handed.splice(0, written);
  }

  /**
   * The handed projections not `committed` failed on the writer thread (SQLite has none of them): their writes are
   * held again, under the ones held since (which are newer), so the next projection writes them.
   */
  rehold(committed: (seq: number) => boolean): void {
    this.projected(committed);
    if (!this.pending) return;
    for (const { writes } of this.handed.reverse()) holdUnder(this.pending, writes);
    this.handed = [];
  }

  get(key: number): R | undefined {
    const cached = this.cache?.get(key);
    if (cached) return cached;
    if (this.pending) {
      // held and handed records may not be in SQLite yet, and the cache (a bounded subset) may have let them go
      const held = heldVersion(this.pending, key);
      if (held !== NOT_HELD) return held;
      for (let i = this.handed.length - 1; i >= 0; i--) {
        const handed = heldVersion(this.handed[i]!.writes, key);
        if (handed !== NOT_HELD) return handed;
      }
    }
    const row = this.getStatement.get(key) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    const record = this.fromRow(row);
    this.remember(record);
    return record;
  }

  delete(key: number): void {
    this.db.changes++;
    for (const observer of this.observers) observer.changed(key, undefined);
    if (this.pending?.inserts.delete(key)) {
      this.cache?.delete(key);
      return;
    }
    if (this.pending) {
      this.pending.updates.delete(key);
      this.pending.deletes.add(key);
    } else {
      this.connectionSink.run(this.deleteSql, [key]);
    }
    this.cache?.delete(key);
  }

  /** Drops the cache, the held writes and the indexes (a transaction rolled back). */
  invalidateCache(): void {
    this.cache?.clear();
    this.pending?.inserts.clear();
    this.pending?.updates.clear();
    this.pending?.deletes.clear();
    // (the store waited for the writer first: SQLite holds what of them was committed, the replay the rest)
    this.handed = [];
    for (const observer of this.observers) observer.clear();
  }

  /** The outermost transaction committed or rolled back. */
  transactionEnded(): void {
    for (const observer of this.observers) observer.transactionEnded();
  }

  /**
   * Rows matching `where` (SQL after WHERE, with `?` parameters); the statement is prepared once per text. Like
   * every SQL read of a projected table, it writes the held rows first.
   */
  where(where: string, ...params: unknown[]): R[] {
    return (this.db.read(`SELECT * FROM ${this.table} WHERE ${where}`).all(...params) as Record<string, unknown>[]).map((row) =>
      this.fromRow(row),
    );
  }

  first(where: string, ...params: unknown[]): R | undefined {
    const row = this.db.read(`SELECT * FROM ${this.table} WHERE ${where} LIMIT 1`).get(...params) as Record<string, unknown> | undefined;
    return row ? this.fromRow(row) : undefined;
  }

  /**
   * The first row matching `where` as SQLite holds it now, without writing the held rows first: for an index that
   * observes the table (it saw every held row when it was inserted) and asks SQLite only for what it has not seen.
   * It does not wait for the writer thread either: a handed row was a held one, seen by the index as well.
   */
  firstStored(where: string, ...params: unknown[]): R | undefined {
    const row = this.db.readStored(`SELECT * FROM ${this.table} WHERE ${where} LIMIT 1`).get(...params) as Record<string, unknown> | undefined;
    return row ? this.fromRow(row) : undefined;
  }

  count(where: string, ...params: unknown[]): number {
    return (this.db.read(`SELECT count(*) AS n FROM ${this.table} WHERE ${where}`).get(...params) as { n: number }).n;
  }

  /**
   * Every record of the table as this process holds it: SQLite's rows with the handed and then the held writes laid
   * over them, in key order, read without writing the held rows first or waiting for the writer thread (whether its
   * snapshot has a handed projection or not, laying it over gives the same). For an in-memory index that loads a
   * whole table (its load may run inside a command, where a projecting read would write every held row).
   */
  all(): R[] {
    this.allStatement ??= this.db.readStored(`SELECT * FROM ${this.table} ORDER BY key`);
    const records = new Map<number, R>();
    for (const row of this.allStatement.all() as Record<string, unknown>[]) {
      const record = this.fromRow(row);
      records.set(record.key, record);
    }
    if (!this.pending || (this.held === 0 && this.handed.length === 0)) return [...records.values()];
    for (const writes of [...this.handed.map((handed) => handed.writes), this.pending]) {
      for (const key of writes.deletes) records.delete(key);
      for (const [key, { record }] of writes.updates) records.set(key, record);
      for (const [key, record] of writes.inserts) records.set(key, record);
    }
    return [...records.values()].sort((a, b) => a.key - b.key);
  }

  fromRow(row: Record<string, unknown>): R {
    const record: Record<string, unknown> = {};
    for (const { field, column, json } of this.columns) {
      const value = row[column];
      record[field] = json && typeof value === 'string' ? JSON.parse(value) : value;
    }
    return record as R;
  }

  // helpers

  private remember(record: R): void {
    if (!this.cache) return;
    // a bound, not an LRU: clearing now and then is cheaper than tracking use; SQLite and the held writes have everything
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(record.key, record);
  }

  private toValues(record: R): unknown[] {
    return this.columns.map(({ field, json }) => {
      const value = record[field];
      return json ? JSON.stringify(value) : value === undefined ? null : value;
    });
  }

  /** The statement of `sql` on the engine's connection, prepared once. */
  private statement(sql: string): WriteStatement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.prepareWrite(sql)));
    return statement;
  }

  /** Writes held writes to `sink`: the deletes, the inserts, the updates. */
  private writeHeld(writes: HeldWrites<R>, sink: ProjectionSink): void {
    for (const key of writes.deletes) sink.run(this.deleteSql, [key]);
    this.insertHeld([...writes.inserts.values()], sink);
    for (const { record, stored } of writes.updates.values()) this.write(record, stored, sink);
  }

  /**
   * Inserts `records` with as few statements as the chunk sizes allow: a statement run per row costs its binding,
   * stepping and resetting each time, and the projector inserts hundreds of rows per transaction.
   */
  private insertHeld(records: readonly R[], sink: ProjectionSink): void {
    let next = 0;
    for (const rows of INSERT_CHUNKS) {
      for (; records.length - next >= rows; next += rows) {
        if (rows === 1) {
          sink.run(this.insertSql, this.toValues(records[next]!));
          continue;
        }
        const values: unknown[] = [];
        for (let i = next; i < next + rows; i++) for (const value of this.toValues(records[i]!)) values.push(value);
        sink.run(this.multiInsert(rows), values);
      }
    }
  }

  private multiInsert(rows: number): string {
    let sql = this.multiInserts.get(rows);
    if (!sql) this.multiInserts.set(rows, (sql = this.insertOf(rows)));
    return sql;
  }

  /** An INSERT of `rows` rows, every column of each. */
  private insertOf(rows: number): string {
    const row = `(${this.columns.map(() => '?').join(', ')})`;
    return `INSERT INTO ${this.table} (${this.columns.map((c) => c.column).join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`;
  }

  /** Updates the row of `record`: only the columns that differ from `stored` when it is known, else all. */
  private write(record: R, stored: R | undefined, sink: ProjectionSink): void {
    if (stored === undefined || this.columns.length > 31) {
      sink.run(this.updateSql, this.toUpdateValues(record));
      return;
    }
    let mask = 0;
    const values: unknown[] = [];
    this.columns.forEach(({ field, column, json }, i) => {
      const value = record[field];
      // JSON fields compare by reference: records are immutable, so the same object means the same value
      if (column === 'key' || value === stored[field] || (value === undefined && stored[field] === null)) return;
      mask |= 1 << i;
      values.push(json ? JSON.stringify(value) : value === undefined ? null : value);
    });
    if (mask === 0) return; // the stored row already holds exactly this record
    let sql = this.partialUpdates.get(mask);
    if (!sql) {
      const sets = this.columns.filter((_, i) => (mask & (1 << i)) !== 0).map(({ column }) => `${column} = ?`);
      sql = `UPDATE ${this.table} SET ${sets.join(', ')} WHERE key = ?`;
      this.partialUpdates.set(mask, sql);
    }
    values.push(record.key);
    sink.run(sql, values);
  }

  /** The update statement's parameters: every column but the key, then the key for the WHERE clause. */
  private toUpdateValues(record: R): unknown[] {
    const values = this.toValues(record);
    const keyIndex = this.columns.findIndex((c) => c.column === 'key');
    const [key] = values.splice(keyIndex, 1);
    values.push(key);
    return values;
  }
}

const MAX_CACHED = 50_000;

function emptyHeld<R>(): HeldWrites<R> {
  return { inserts: new Map(), updates: new Map(), deletes: new Set() };
}

/** `heldVersion`'s answer for a key the writes do not touch. */
const NOT_HELD = Symbol('not held');

/**
 * The record as `writes` leave it: the record, undefined when they delete it, `NOT_HELD` when they do not touch it. A
 * key both deleted and inserted was deleted first (a delete drops a held insert of its key, so an insert is always
 * the newer of the two): the insert stands.
 */
function heldVersion<R>(writes: HeldWrites<R>, key: number): R | undefined | typeof NOT_HELD {
  const inserted = writes.inserts.get(key);
  if (inserted) return inserted;
  if (writes.deletes.has(key)) return undefined;
  return writes.updates.get(key)?.record ?? NOT_HELD;
}

/**
 * Puts `older` (a failed projection's writes, never written) back under `held` (written after them): a key `held`
 * does not touch takes `older`'s write; an insert followed by a held update stays an insert, of the newer record; an
 * insert followed by a held delete was never stored and leaves both (but a delete `older` made before its insert
 * stays: SQLite still holds that row); an update followed by a held update changes the version `older` changed (what
 * SQLite still holds); a delete stays under a held insert of its key (a key inserted again: `writeHeld` runs the
 * delete before the insert, so SQLite ends with the newer row, never the stale one or a UNIQUE failure).
 */
function holdUnder<R>(held: HeldWrites<R>, older: HeldWrites<R>): void {
  // the inserts first: whether a held delete undoes one must be asked before `older`'s deletes join `held`'s
  for (const [key, record] of older.inserts) {
    if (held.deletes.has(key)) {
      // never stored: the held delete goes too (a delete `older` made before its insert is added back below)
      held.deletes.delete(key);
      continue;
    }
    const update = held.updates.get(key);
    held.updates.delete(key);
    held.inserts.set(key, update ? update.record : record);
  }
  for (const key of older.deletes) held.deletes.add(key);
  for (const [key, update] of older.updates) {
    if (held.deletes.has(key) || held.inserts.has(key)) continue;
    const newer = held.updates.get(key);
    held.updates.set(key, newer ? { record: newer.record, stored: update.stored } : update);
  }
}
/** Rows per INSERT statement of `flush`, largest first (the widest table, user tasks, binds 23 × 32 parameters). */
const INSERT_CHUNKS = [32, 8, 1];

/** Follows a table's changes (an in-memory index over it). */
export interface TableObserver<R> {
  /** A record was inserted or updated (`record`), or deleted (undefined). */
  changed(key: number, record: R | undefined): void;
  /** A transaction rolled back: whatever was derived from the table may be wrong now. */
  clear(): void;
  /** The outermost transaction committed or rolled back. */
  transactionEnded(): void;
}

export function toSnakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}
