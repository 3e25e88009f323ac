/**
 * A projected record table (engine/store/record-table.ts) on a real SQLite file: its writes are held until the
 * projector's flush, which alone may run its statements (store-connection.ts), and `all` answers SQLite's rows with
 * the held writes laid over them without writing them. The flush writes the held inserts in multi-row statements of
 * 32, 8 and 1 rows, and the file then holds exactly what the table held, JSON fields, nulls and the updates and
 * deletes of the same flush included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordTable } from '../../../engine/store/record-table.js';
import { StoreConnection } from '../../../engine/store/store-connection.js';

interface Note {
  key: number;
  text: string;
}

let dir: string;
let db: Database.Database;
let connection: StoreConnection;
let projections: number;
let table: RecordTable<Note>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'record-table-'));
  db = new Database(join(dir, 'engine.sqlite'));
  db.exec(`CREATE TABLE notes (key INTEGER PRIMARY KEY, text TEXT NOT NULL);
           CREATE TABLE dated_notes (key INTEGER PRIMARY KEY, title TEXT NOT NULL, labels TEXT NOT NULL, due INTEGER);
           CREATE INDEX dated_notes_due ON dated_notes (due)`);
  db.prepare(`INSERT INTO notes (key, text) VALUES (1, '受理'), (2, '初审'), (3, '复审')`).run();
  projections = 0;
  connection = new StoreConnection(db, { tables: ['notes', 'dated_notes'], beforeRead: () => projections++ });
  table = new RecordTable<Note>(connection, 'notes', ['key', 'text']);
});

afterEach(() => {
  connection.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a projected record table', () => {
  it('should answer every record with the held writes laid over the stored rows, in key order, without projecting', () => {
    // given: held writes of every kind
    table.insert({ key: 0, text: '申请' });
    table.update({ key: 2, text: '初审通过' });
    table.delete(3);
    table.insert({ key: 4, text: '办结' });

    // when
    const all = table.all();

    // then
    expect(all).toEqual([{ key: 0, text: '申请' }, { key: 1, text: '受理' }, { key: 2, text: '初审通过' }, { key: 4, text: '办结' }]);
    expect(projections).toBe(0);
    expect(db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(3);
  });

  it("should write the held rows only inside the projector's flush", () => {
    // given
    table.insert({ key: 4, text: '办结' });

    // when
    expect(() => table.flush()).toThrow('written only by the projector');
    connection.asProjector(() => table.flush());

    // then
    expect(table.held).toBe(0);
    expect(db.prepare('SELECT text FROM notes WHERE key = 4').pluck().get()).toBe('办结');
  });

  it('should read handed writes until they are committed, and hold a failed hand-over again under the writes held since', () => {
    // given: writes of every kind handed over (to a sink that writes nothing: a projection in flight), and read
    const cached = (key: number) => (table as unknown as { cache: Map<number, Note> }).cache.delete(key);
    table.insert({ key: 4, text: '办结' });
    table.update({ key: 2, text: '初审通过' });
    table.delete(3);
    table.insert({ key: 5, text: '归档' });
    const handed: [string, unknown[]][] = [];
    table.handOver({ run: (sql, values) => handed.push([sql, values]) }, 1);
    for (const key of [2, 4, 5]) cached(key);
    expect(table.held).toBe(0);
    expect([table.get(2), table.get(3), table.get(4)]).toEqual([{ key: 2, text: '初审通过' }, undefined, { key: 4, text: '办结' }]);
    expect(table.all().map((note) => note.key)).toEqual([1, 2, 4, 5]);
    expect(handed.map(([sql]) => sql.split(' ')[0])).toEqual(['DELETE', 'INSERT', 'INSERT', 'UPDATE']);

    // when: newer writes held, then the hand-over failed (nothing of it committed), then the projector writes here
    table.update({ key: 4, text: '办结（补正）' });
    table.delete(5);
    table.update({ key: 2, text: '初审退回' });
    table.rehold(() => false);
    connection.asProjector(() => table.flush());

    // then: the file holds what memory holds: 4 inserted with its newest text, 5 never stored, 2 updated, 3 deleted
    expect(db.prepare('SELECT key, text FROM notes ORDER BY key').all()).toEqual([
      { key: 1, text: '受理' },
      { key: 2, text: '初审退回' },
      { key: 4, text: '办结（补正）' },
    ]);
    expect(table.held).toBe(0);
  });

  it('should hold a failed delete again under a newer insert of its key: SQLite ends with the newer row', () => {
    // given: stored rows 1, 2 and 3; a hand-over that deletes 1 and 3 and re-inserts 1, and one that only deletes 2
    // (each to a sink that writes nothing: the projections fail); the cache let the records go
    const cached = () => (table as unknown as { cache: Map<number, Note> }).cache.clear();
    table.delete(1);
    table.insert({ key: 1, text: '受理（重新登记）' });
    table.delete(3);
    cached();
    // (held, a key deleted then inserted reads as the insert)
    expect([table.get(1), table.get(3)]).toEqual([{ key: 1, text: '受理（重新登记）' }, undefined]);
    table.handOver({ run: () => undefined }, 1);
    table.delete(2);
    table.handOver({ run: () => undefined }, 2);
    // and: newer writes held before the failure was known: 3 and 2 inserted again, 1 changed again
    table.insert({ key: 3, text: '复审（重新受理）' });
    table.update({ key: 1, text: '受理（补正）' });
    table.insert({ key: 2, text: '初审（重新受理）' });
    table.delete(2);
    table.insert({ key: 2, text: '初审（第三次）' });

    // when: both hand-overs held again, read, then written by the projector (in one transaction, as the projector's)
    table.rehold(() => false);
    cached();
    const read = [table.get(1), table.get(2), table.get(3)];
    const all = table.all();
    connection.transaction(() => connection.asProjector(() => table.flush()))();

    // then: the newest rows, read and stored; none stale, no UNIQUE failure
    const newest = [{ key: 1, text: '受理（补正）' }, { key: 2, text: '初审（第三次）' }, { key: 3, text: '复审（重新受理）' }];
    expect(read).toEqual(newest);
    expect(all).toEqual(newest);
    expect(db.prepare('SELECT key, text FROM notes ORDER BY key').all()).toEqual(newest);
    expect(table.held).toBe(0);
  });

  it('should hold a failed re-insert again right whatever the newer writes of its key did', () => {
    // given: per stored key, a failed hand-over that deleted it and inserted it again, then newer writes of it
    const cases: { key: number; newer: (key: number) => void; expected: string | undefined }[] = [
      { key: 1, newer: () => undefined, expected: '重新登记' },
      { key: 2, newer: (key) => table.update({ key, text: '改过' }), expected: '改过' },
      { key: 3, newer: (key) => table.delete(key), expected: undefined },
    ];
    // and: a key never stored, inserted by the failed hand-over, then deleted and inserted again since
    for (const { key } of cases) {
      table.delete(key);
      table.insert({ key, text: '重新登记' });
    }
    table.insert({ key: 9, text: '新件' });
    table.handOver({ run: () => undefined }, 1);
    for (const { key, newer } of cases) newer(key);
    table.delete(9);
    table.insert({ key: 9, text: '新件（再次）' });

    // when: held again, read (the cache let the records go: the held writes answer), then written
    table.rehold(() => false);
    (table as unknown as { cache: Map<number, Note> }).cache.clear();
    const read = [...cases.map(({ key }) => table.get(key)?.text), table.get(9)?.text];
    const all = table.all();
    connection.transaction(() => connection.asProjector(() => table.flush()))();

    // then: memory and the file agree, key by key
    const newest = [
      { key: 1, text: '重新登记' },
      { key: 2, text: '改过' },
      { key: 9, text: '新件（再次）' },
    ];
    expect(read).toEqual([...cases.map(({ expected }) => expected), '新件（再次）']);
    expect(all).toEqual(newest);
    expect(db.prepare('SELECT key, text FROM notes ORDER BY key').all()).toEqual(newest);
  });

  it('should drop handed writes once they are committed, and read SQLite for them from then on', () => {
    // given
    table.update({ key: 1, text: '受理（已核）' });
    table.handOver({ run: (sql, values) => connection.asProjector(() => db.prepare(sql).run(values)) }, 7);

    // when
    table.projected((seq) => seq <= 7);
    db.prepare(`UPDATE notes SET text = '受理（外部）' WHERE key = 1`).run();
    (table as unknown as { cache: Map<number, Note> }).cache.clear();

    // then: the handed version no longer stands over SQLite's
    expect(table.get(1)).toEqual({ key: 1, text: '受理（外部）' });
  });

  it('should write every held insert, whatever the count, in the order of the multi-row statements', () => {
    const notes = new RecordTable<Dated>(connection, 'dated_notes', ['key', 'title', 'labels', 'due'], ['labels']);
    for (const count of [1, 7, 8, 9, 31, 32, 33, 45, 77]) {
      // given
      db.exec('DELETE FROM dated_notes');
      const held = Array.from({ length: count }, (_, i) => dated(1000 * count + i));
      for (const record of held) notes.insert(record);
      expect(datedRowsInFile()).toEqual([]);

      // when
      flush(notes);

      // then
      expect(notes.held).toBe(0);
      expect(datedRowsInFile()).toEqual(
        held.map((record) => ({ key: record.key, title: record.title, labels: JSON.stringify(record.labels), due: record.due })),
      );
      expect(notes.all()).toEqual(held);
    }
  });

  it('should write the held inserts, updates and deletes of one flush together', () => {
    // given: 40 rows stored, then 41 new ones held, 2 stored ones changed and 1 deleted, 1 new one changed before the flush
    const notes = new RecordTable<Dated>(connection, 'dated_notes', ['key', 'title', 'labels', 'due'], ['labels']);
    for (let key = 1; key <= 40; key++) notes.insert(dated(key));
    flush(notes);
    for (let key = 41; key <= 81; key++) notes.insert(dated(key));
    notes.update({ ...dated(5), title: '改过', due: null });
    notes.update({ ...dated(6), labels: ['b'] });
    notes.delete(7);
    notes.update({ ...dated(60), title: '新的也改过' });

    // when
    flush(notes);

    // then
    const expected = Array.from({ length: 81 }, (_, i) => dated(i + 1)).filter((record) => record.key !== 7).map((record) => {
      if (record.key === 5) return { ...record, title: '改过', due: null };
      if (record.key === 6) return { ...record, labels: ['b'] };
      if (record.key === 60) return { ...record, title: '新的也改过' };
      return record;
    });
    expect(notes.held).toBe(0);
    expect(notes.all()).toEqual(expected);
    expect(db.prepare('SELECT count(*) FROM dated_notes WHERE due IS NULL').pluck().get()).toBe(expected.filter((record) => record.due === null).length);
  });
});

interface Dated {
  key: number;
  title: string;
  labels: string[];
  due: number | null;
}

function dated(key: number): Dated {
  return { key, title: `第${key}条`, labels: key % 3 === 0 ? [] : ['a', String(key)], due: key % 2 === 0 ? null : key * 1000 };
}

function datedRowsInFile(): unknown[] {
  return db.prepare('SELECT key, title, labels, due FROM dated_notes ORDER BY key').all();
}

/** The projector's flush: in a transaction, as the projector's. */
function flush(table: RecordTable<Dated>): void {
  connection.transaction(() => connection.asProjector(() => table.flush()))();
}
