/**
 * The batch commit's sync off the engine's thread (engine/store/wal-sync.ts): the commit runs with
 * `synchronous = NORMAL` and the connection is FULL again right after it, the WAL fsync resolves, and what was
 * committed is in the file for another connection; after `close` nothing is left open.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../engine/store/database.js';
import { StoreConnection } from '../../../engine/store/store-connection.js';
import { WalSync } from '../../../engine/store/wal-sync.js';

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function open() {
  const dataDir = mkdtempSync(join(tmpdir(), 'wal-sync-'));
  folders.push(dataDir);
  const db = openDatabase({ dataDir, synchronous: 'FULL' });
  db.exec('CREATE TABLE probe (value TEXT)');
  return { db, dataDir };
}

describe('WAL sync of the batch commit', () => {
  it('should commit without sync, be FULL again after the commit, and resolve the fsync with the rows in the file', async () => {
    const { db, dataDir } = open();
    const sync = new WalSync(new StoreConnection(db));
    const during = sync.withoutSync(() =>
      db.transaction(() => {
        db.prepare('INSERT INTO probe (value) VALUES (?)').run('committed');
        return db.pragma('synchronous', { simple: true });
      })(),
    );
    expect(during).toBe(1); // NORMAL
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    await expect(sync.sync()).resolves.toBeUndefined();
    const other = new Database(join(dataDir, 'engine.sqlite'), { readonly: true });
    expect(other.prepare('SELECT value FROM probe').all()).toEqual([{ value: 'committed' }]);
    other.close();
    sync.close();
    db.close();
    expect(readdirSync(dataDir)).toEqual(['engine.sqlite']);
  });

  it('should be FULL again after a commit that failed', () => {
    const { db } = open();
    const sync = new WalSync(new StoreConnection(db));
    expect(() =>
      sync.withoutSync(() =>
        db.transaction(() => {
          throw new Error('the command failed');
        })(),
      ),
    ).toThrow('the command failed');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    sync.close();
    db.close();
  });
});
