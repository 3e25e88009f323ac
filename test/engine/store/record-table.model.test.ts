/**
 * A projected record table (engine/store/record-table.ts) against a model, on a real SQLite file: random sequences of
 * inserts, partial updates and deletes of a few keys, hand-overs to a writer (a second connection to the file, as the
 * writer thread's) that commits them or fails them (the ones handed after a failure skipped, as store-writer.ts
 * does), `projected`, settles that hold a failed hand-over again (`rehold`), projections forced on the engine's
 * connection (`flush`) and caches let go. After every step `all()` is what the model holds and the file what the model
 * held at the last projection committed; `get` of every key answers the model at each read step and at the end.
 *
 * fast-check runs the sequences from a fixed seed (the same ones every run); a failure prints its seed and the
 * shortest sequence it found.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordTable } from '../../../engine/store/record-table.js';
import { StoreConnection } from '../../../engine/store/store-connection.js';

interface Row {
  key: number;
  title: string;
  due: string | null;
}

const KEYS = [1, 2, 3, 4];
const SEED = 20261207;

type Step =
  /** Of a key the model holds: a delete or an update of some of its columns; of another key: an insert. */
  | { kind: 'write'; key: number; remove: boolean; title: boolean; due: 'same' | 'null' | 'new' }
  /** The held writes handed to the writer, which will fail them (when it gets to them) or not. */
  | { kind: 'handOver'; fails: boolean }
  /** The writer does the oldest projection handed to it. */
  | { kind: 'writer' }
  /** The writer's answers so far are told (`projected`). */
  | { kind: 'projected' }
  /** Everything handed is done; a failure among it is dealt with (`rehold`), else what was written is told. */
  | { kind: 'settle' }
  /** A projection inside a command: settled, then the held rows written on the engine's connection. */
  | { kind: 'flush' }
  | { kind: 'clearCache' }
  | { kind: 'read' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('write' as const),
      key: fc.constantFrom(...KEYS),
      remove: fc.boolean(),
      title: fc.boolean(),
      due: fc.constantFrom('same' as const, 'null' as const, 'new' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('handOver' as const), fails: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'writer' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'projected' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'settle' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'flush' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clearCache' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'read' as const }) },
);

let dir: string;
let connection: StoreConnection;
/** The writer thread's connection to the file. */
let writer: Database.Database;
const writerStatements = new Map<string, Database.Statement>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'record-table-model-'));
  const db = new Database(join(dir, 'engine.sqlite'));
  // (no sync: what is under test is what reaches the file, not when it is on disk)
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.exec('CREATE TABLE rows (key INTEGER PRIMARY KEY, title TEXT NOT NULL, due TEXT)');
  connection = new StoreConnection(db, { tables: ['rows'], beforeRead: () => undefined });
  writer = new Database(join(dir, 'engine.sqlite'));
  writer.pragma('synchronous = OFF');
});

afterAll(() => {
  writer.close();
  connection.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a projected record table against a model', () => {
  it('should read and write what the model holds, whatever the writes, hand-overs, failures and settles', () => {
    fc.assert(
      fc.property(fc.subarray(KEYS), fc.array(step, { maxLength: 40 }), (stored, steps) => run(stored, steps)),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

/** One sequence: the file's table emptied and given the `stored` keys, a new record table over it. */
function run(stored: number[], steps: Step[]): void {
  const model = new Map<number, Row>();
  writer.transaction(() => {
    writer.exec('DELETE FROM rows');
    for (const key of stored) {
      const row = { key, title: `t${key}`, due: `d${key}` };
      inWriter('INSERT INTO rows (key, title, due) VALUES (?, ?, ?)').run(row.key, row.title, row.due);
      model.set(key, row);
    }
  })();
  const table = new RecordTable<Row>(connection, 'rows', ['key', 'title', 'due']);
  /** What the file should hold: the model when the last projection committed was handed (or flushed). */
  let inFile = new Map(model);
  /** Handed to the writer and not done by it yet, oldest first, each with the model when it was handed. */
  const queue: { seq: number; statements: [string, unknown[]][]; fails: boolean; model: Map<number, Row> }[] = [];
  const committed = new Set<number>();
  let failed = false;
  let seq = 0;
  let version = 0;

  /** The writer thread's turn: after a failure it skips what was handed before the engine learnt of it. */
  const writerDoes = () => {
    const projection = queue.shift()!;
    if (failed || projection.fails) {
      failed = true;
      return;
    }
    writer.transaction(() => {
      for (const [sql, values] of projection.statements) inWriter(sql).run(values);
    })();
    committed.add(projection.seq);
    inFile = projection.model;
  };
  const settle = () => {
    while (queue.length > 0) writerDoes();
    if (failed) table.rehold((handed) => committed.has(handed));
    else table.projected((handed) => committed.has(handed));
    failed = false;
  };
  const expectGet = () => {
    for (const key of KEYS) expect(table.get(key) ?? null, `get(${key})`).toEqual(model.get(key) ?? null);
  };

  for (const next of steps) {
    switch (next.kind) {
      case 'write': {
        const held = model.get(next.key);
        version++;
        if (held && next.remove) {
          model.delete(next.key);
          table.delete(next.key);
        } else if (held) {
          const due = next.due === 'same' ? held.due : next.due === 'null' ? null : `d${version}`;
          const row = { key: next.key, title: next.title ? `t${version}` : held.title, due };
          model.set(next.key, row);
          table.update(row);
        } else {
          const row = { key: next.key, title: `t${version}`, due: next.due === 'null' ? null : `d${version}` };
          model.set(next.key, row);
          table.insert(row);
        }
        break;
      }
      case 'handOver': {
        const statements: [string, unknown[]][] = [];
        table.handOver({ run: (sql, values) => statements.push([sql, values]) }, ++seq);
        if (statements.length > 0) queue.push({ seq, statements, fails: next.fails, model: new Map(model) });
        break;
      }
      case 'writer':
        if (queue.length > 0) writerDoes();
        break;
      case 'projected':
        table.projected((handed) => committed.has(handed));
        break;
      case 'settle':
        settle();
        break;
      case 'flush':
        settle();
        connection.transaction(() => connection.asProjector(() => table.flush()))();
        inFile = new Map(model);
        break;
      case 'clearCache':
        (table as unknown as { cache: Map<number, Row> }).cache.clear();
        break;
      case 'read':
        // (only here: a read caches what it reads from SQLite, and an update of a record not cached writes every column)
        expectGet();
        break;
    }
    expect(table.all()).toEqual(sorted(model));
    expect(rowsInFile()).toEqual(sorted(inFile));
  }

  // then: settled, read without the cache, and written: the file holds what the model holds
  settle();
  (table as unknown as { cache: Map<number, Row> }).cache.clear();
  expectGet();
  connection.transaction(() => connection.asProjector(() => table.flush()))();
  expect(table.held).toBe(0);
  expect(rowsInFile()).toEqual(sorted(model));
}

/** The statement of `sql` on the writer's connection, prepared once. */
function inWriter(sql: string): Database.Statement {
  let statement = writerStatements.get(sql);
  if (!statement) writerStatements.set(sql, (statement = writer.prepare(sql)));
  return statement;
}

function rowsInFile(): Row[] {
  return inWriter('SELECT key, title, due FROM rows ORDER BY key').all() as Row[];
}

function sorted(rows: Map<number, Row>): Row[] {
  return [...rows.values()].sort((a, b) => a.key - b.key);
}
