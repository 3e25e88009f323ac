/**
 * The store's connection (engine/store/store-connection.ts) on a real SQLite file: a read of a projected table, or of
 * a view over one, projects before each run; other reads, writes and the store's own transactions do not; a read
 * transaction projects before it begins; the lagging reads (the search lag) project only inside a transaction. Only
 * the projector writes a projected table: `write` refuses such SQL, and the statements of `projectorWrite` run only
 * inside `asProjector`. Statements are cached by text, least recently used out first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATEMENT_CACHE_LIMIT, StoreConnection } from '../../../engine/store/store-connection.js';

let dir: string;
let db: Database.Database;
let connection: StoreConnection;
/** What `beforeRead` saw: whether a transaction was open when it ran. */
let projections: { inTransaction: boolean }[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'store-connection-'));
  db = new Database(join(dir, 'engine.sqlite'));
  db.exec(`CREATE TABLE jobs (key INTEGER PRIMARY KEY, type TEXT);
           CREATE TABLE forms (key INTEGER PRIMARY KEY, form_id TEXT);
           CREATE VIEW job_view AS SELECT key, upper(type) AS type FROM jobs;
           CREATE VIEW job_view_of_view AS SELECT key FROM job_view;
           CREATE VIEW form_view AS SELECT key FROM forms;`);
  projections = [];
  connection = new StoreConnection(db, { tables: ['jobs'], beforeRead: () => projections.push({ inTransaction: db.inTransaction }) });
});

afterEach(() => {
  connection.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the store connection', () => {
  it('should project before every run of a read of a projected table or of a view over one', () => {
    // given
    db.prepare('INSERT INTO jobs (key, type) VALUES (?, ?)').run(1, 'mail');

    // when
    const direct = connection.read('SELECT type FROM jobs WHERE key = ?');
    direct.get(1);
    direct.all(1);
    connection.read('SELECT type FROM job_view').all();
    connection.read('SELECT key FROM job_view_of_view').all();
    connection.read('SELECT f.key FROM forms f WHERE f.key IN (SELECT key FROM JOBS)').all();

    // then
    expect(projections).toHaveLength(5);
    expect(connection.isProjected('job_view_of_view')).toBe(true);
    expect(connection.isProjected('form_view')).toBe(false);
  });

  it('should not project for reads of other tables, writes, stored reads and the store transactions', () => {
    // when
    connection.read('SELECT key FROM forms').all();
    connection.read('SELECT key FROM form_view').all();
    connection.write('INSERT INTO forms (key, form_id) VALUES (?, ?)').run(1, 'f');
    connection.readStored('SELECT type FROM jobs WHERE key = ?').get(1);
    connection.transaction(() => connection.write('INSERT INTO forms (key, form_id) VALUES (?, ?)').run(2, 'g'))();
    const insert = connection.projectorWrite('INSERT INTO jobs (key, type) VALUES (?, ?)');
    connection.transaction(() => connection.asProjector(() => insert.run(2, 'mail')))();

    // then
    expect(projections).toEqual([]);
  });

  it('should project before a read transaction begins, and run one inside a transaction in it', () => {
    // when
    const count = connection.readTransaction(() => (connection.read('SELECT count(*) AS n FROM forms').get() as { n: number }).n);
    const inside = connection.transaction(() => connection.readTransaction(() => db.inTransaction))();

    // then
    expect(count).toBe(0);
    expect(inside).toBe(true);
    expect(projections).toEqual([{ inTransaction: false }]);
  });

  it('should read the projected tables without projecting through lagging(), except inside a transaction (a command)', () => {
    // given
    db.prepare('INSERT INTO jobs (key, type) VALUES (?, ?)').run(1, 'mail');
    const lagging = connection.lagging();

    // when
    const outside = lagging.read('SELECT type FROM job_view WHERE key = ?').get(1);
    const inReadTransaction = lagging.readTransaction(() => lagging.read('SELECT count(*) AS n FROM jobs').get());
    const projectedBefore = projections.length;
    const inCommand = db.transaction(() => lagging.read('SELECT type FROM jobs WHERE key = ?').get(1))();

    // then
    expect(outside).toEqual({ type: 'MAIL' });
    expect(inReadTransaction).toEqual({ n: 1 });
    expect(projectedBefore).toBe(0);
    expect(inCommand).toEqual({ type: 'mail' });
    expect(projections).toEqual([{ inTransaction: true }]);
  });

  it('should refuse a write made as a read and a read made as a write', () => {
    // then
    expect(() => connection.read('DELETE FROM jobs')).toThrow('not a read');
    expect(() => connection.write('SELECT key FROM jobs')).toThrow('must project first');
  });

  it('should refuse a write that writes or reads a projected table or a view over one', () => {
    // then
    for (const sql of [
      'INSERT INTO jobs (key, type) VALUES (?, ?)',
      'insert or replace into "JOBS" (key, type) values (?, ?)',
      'UPDATE jobs SET type = ? WHERE key = ?',
      'update or ignore jobs set type = ?',
      'DELETE FROM jobs WHERE key = ?',
      'INSERT INTO forms (key, form_id) SELECT key, type FROM jobs',
      'UPDATE forms SET form_id = (SELECT type FROM job_view_of_view v JOIN jobs j ON j.key = v.key LIMIT 1)',
      'INSERT INTO main.jobs (key, type) VALUES (?, ?)',
      'DELETE FROM "main"."jobs" WHERE key = ?',
      'UPDATE forms SET form_id = (SELECT type FROM forms f, main.jobs AS j WHERE j.key = f.key)',
      'INSERT INTO forms (key, form_id) SELECT f.key, j.type FROM forms f , jobs j',
    ]) {
      expect(() => connection.write(sql), sql).toThrow('written only by the projector');
    }
    // a column named like a projected table is not the table
    db.exec('ALTER TABLE forms ADD COLUMN jobs TEXT');
    expect(connection.write('UPDATE forms SET jobs = ? WHERE key = ?').run('x', 1).changes).toBe(0);
  });

  it("should run the projector's writes only inside asProjector", () => {
    // given
    const insert = connection.projectorWrite('INSERT INTO jobs (key, type) VALUES (?, ?)');

    // when
    const outside = () => insert.run(1, 'mail');
    const inside = connection.asProjector(() => connection.asProjector(() => insert.run(2, 'mail')));

    // then
    expect(outside).toThrow('written only by the projector');
    expect(inside.changes).toBe(1);
    expect(() => insert.run(3, 'mail')).toThrow('inside asProjector');
    expect(db.prepare('SELECT key FROM jobs').pluck().all()).toEqual([2]);
  });

  it('should leave the flag off when the projector fails', () => {
    // given
    const insert = connection.projectorWrite('INSERT INTO jobs (key, type) VALUES (?, ?)');

    // when
    expect(() => connection.asProjector(() => {
      insert.run(1, 'mail');
      insert.run(1, 'mail');
    })).toThrow('UNIQUE');

    // then
    expect(() => insert.run(2, 'mail')).toThrow('inside asProjector');
  });

  it('should keep a statement in use while one-off statements pass through the cache', () => {
    // given: a statement used all along
    const hot = connection.read('SELECT key FROM forms WHERE key = ?');

    // when: more one-off texts than the cache holds, the hot one used between them
    const first = connection.read('SELECT key FROM forms WHERE key = 0');
    for (let i = 1; i < STATEMENT_CACHE_LIMIT + 10; i++) {
      connection.read(`SELECT key FROM forms WHERE key = ${i}`);
      expect(connection.read('SELECT key FROM forms WHERE key = ?'), `after ${i} one-off statements`).toBe(hot);
    }

    // then: the hot one stayed; the oldest one-off left and is prepared anew
    expect(connection.read('SELECT key FROM forms WHERE key = 0')).not.toBe(first);
  });

  it('should prepare each SQL text once', () => {
    // when
    const first = connection.read('SELECT key FROM forms WHERE key = ?');
    const second = connection.read('SELECT key FROM forms WHERE key = ?');

    // then
    expect(second).toBe(first);
  });
});
