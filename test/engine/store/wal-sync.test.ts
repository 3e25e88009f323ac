/**
 * The WAL's sync done by the engine instead of inside SQLite's COMMIT (engine/store/wal-sync.ts): `sync` resolves
 * off the thread with what was committed in the file for another connection, `syncNow` syncs on the thread, a
 * failed sync ends the process (`fatal`) and throws, and after `close` nothing is left open.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../engine/store/database.js';
import { WalSync } from '../../../engine/store/wal-sync.js';

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function open() {
  const dataDir = mkdtempSync(join(tmpdir(), 'wal-sync-'));
  folders.push(dataDir);
  const db = openDatabase({ dataDir, synchronous: 'NORMAL' });
  db.exec('CREATE TABLE probe (value TEXT)');
  return { db, dataDir };
}

describe('WAL sync', () => {
  it('should resolve the fsync off the thread with the committed rows in the file, and close everything', async () => {
    const { db, dataDir } = open();
    const sync = new WalSync(db.name);
    db.transaction(() => db.prepare('INSERT INTO probe (value) VALUES (?)').run('committed'))();
    await expect(sync.sync()).resolves.toBeUndefined();
    sync.syncNow();
    expect(sync.syncs).toEqual({ now: 1, later: 1 });
    const other = new Database(join(dataDir, 'engine.sqlite'), { readonly: true });
    expect(other.prepare('SELECT value FROM probe').all()).toEqual([{ value: 'committed' }]);
    other.close();
    sync.close();
    db.close();
    expect(readdirSync(dataDir)).toEqual(['engine.sqlite']);
  });

  it('should end the process and throw when the sync on the thread fails', () => {
    const { db, dataDir } = open();
    const fatal: unknown[] = [];
    // a WAL file that is not there: opening it for the sync fails
    const sync = new WalSync(join(dataDir, 'missing.sqlite'), (error) => fatal.push(error));
    expect(() => sync.syncNow()).toThrow(/ENOENT/);
    expect(fatal).toHaveLength(1);
    expect(sync.syncs.now).toBe(0);
    db.close();
  });
});
