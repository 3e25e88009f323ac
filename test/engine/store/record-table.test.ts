/**
 * A projected record table (engine/store/record-table.ts) on a real SQLite file: its writes are held until the
 * projector's flush, which alone may run its statements (store-connection.ts), and `all` answers SQLite's rows with
 * the held writes laid over them without writing them.
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
  db.exec(`CREATE TABLE notes (key INTEGER PRIMARY KEY, text TEXT NOT NULL)`);
  db.prepare(`INSERT INTO notes (key, text) VALUES (1, '受理'), (2, '初审'), (3, '复审')`).run();
  projections = 0;
  connection = new StoreConnection(db, { tables: ['notes'], beforeRead: () => projections++ });
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
});
