/**
 * The store's connection (engine/store/store-connection.ts) on a real SQLite file: a read of a projected table, or of
 * a view over one, projects before each run; other reads, writes and the store's own transactions do not; a read
 * transaction projects before it begins.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreConnection } from '../../../engine/store/store-connection.js';

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
    connection.write('INSERT INTO jobs (key, type) VALUES (?, ?)').run(1, 'mail');

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
    connection.transaction(() => connection.write('INSERT INTO jobs (key, type) VALUES (?, ?)').run(2, 'mail'))();

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

  it('should refuse a write made as a read and a read made as a write', () => {
    // then
    expect(() => connection.read('DELETE FROM jobs')).toThrow('not a read');
    expect(() => connection.write('SELECT key FROM jobs')).toThrow('must project first');
  });

  it('should prepare each SQL text once', () => {
    // when
    const first = connection.read('SELECT key FROM forms WHERE key = ?');
    const second = connection.read('SELECT key FROM forms WHERE key = ?');

    // then
    expect(second).toBe(first);
  });
});
