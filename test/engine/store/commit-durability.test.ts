/**
 * Every commit of the engine's file is on disk before its caller goes on (engine/store/wal-sync.ts): with
 * `synchronous = FULL` asked for, the connection runs at NORMAL and syncs the WAL itself: right after each outermost
 * transaction and each write outside a transaction (identity changes, sessions, login failures, the store's own
 * bookkeeping), and for the command batch off the thread (`durable`, which the command queue awaits before it
 * replies). Only the projector's transaction is left to the next sync, as designed. Counted through the
 * connection's sync counters: a commit that returns to its caller without a sync is the defect these catch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../../engine/identity/login-throttle.js';
import { EngineStore } from '../../../engine/store/engine-store.js';
import { SCHEMA_VERSION } from '../../../engine/store/schema.js';
import { StoreConnection } from '../../../engine/store/store-connection.js';

const folders: string[] = [];
const stores: { close(): void }[] = [];

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'commit-durability-'));
  folders.push(dir);
  return dir;
}

function engineStore(synchronous: 'FULL' | 'NORMAL' = 'FULL'): { store: EngineStore; connection: StoreConnection } {
  const store = new EngineStore({ dataDir: dataDir(), synchronous, projection: { delayMs: 60_000 }, replay: () => undefined });
  stores.push(store);
  return { store, connection: (store as unknown as { connection: StoreConnection }).connection };
}

/** How many syncs on the thread `work` caused. */
function syncsNow(connection: StoreConnection, work: () => void): number {
  const before = connection.syncs.now;
  work();
  return connection.syncs.now - before;
}

const USER = { username: 'anna', name: 'Anna', email: 'anna@example.org', passwordHash: 'x' };

describe('durability of every commit', () => {
  it('should run at NORMAL after the migrations, which SQLite itself synced (FULL)', () => {
    const connection = StoreConnection.open({ dataDir: dataDir(), synchronous: 'FULL' });
    stores.push(connection);
    expect(connection.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(connection.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('should sync a write outside a transaction before it returns, and one inside only with its transaction', () => {
    const connection = StoreConnection.open({ dataDir: dataDir(), synchronous: 'FULL' });
    stores.push(connection);
    const write = connection.write(`INSERT INTO meta (name, value) VALUES (?, ?)`);
    expect(syncsNow(connection, () => write.run('alone', '1'))).toBe(1);
    expect(syncsNow(connection, () => connection.transaction(() => write.run('inside', '2'))())).toBe(0);
  });

  it('should sync identity writes: single ones, several in one transaction, sessions and login failures', () => {
    const { store, connection } = engineStore();
    expect(syncsNow(connection, () => store.identity.insertUser(USER, '2026-12-05T08:00:00Z'))).toBe(1);
    expect(syncsNow(connection, () => store.identity.deleteUser('anna'))).toBe(1); // one transaction, one sync
    expect(syncsNow(connection, () => new LoginThrottle(store.identity, () => Date.now()).failed('anna', '203.0.113.5'))).toBe(1);
    expect(
      syncsNow(connection, () =>
        store.identity.insertSession({ idHash: 'h', username: 'anna', csrfToken: 't', createdAt: 1, lastSeenAt: 1 }),
      ),
    ).toBe(1);
  });

  it('should sync an outermost transaction once when it commits, and not when it rolls back', () => {
    const { store, connection } = engineStore();
    expect(syncsNow(connection, () => store.transaction(() => store.transaction(() => store.nextKey())))).toBe(1);
    expect(
      syncsNow(connection, () =>
        expect(() =>
          store.transaction(() => {
            throw new Error('refused');
          }),
        ).toThrow('refused'),
      ),
    ).toBe(0);
  });

  it('should leave the command batch to `durable` (off the thread) and the projector to the next sync', async () => {
    const { store, connection } = engineStore();
    // the batch's rows are committed and synced by the store's writer thread (store-writer.ts)
    const writer = (store as unknown as { writer: { syncs: number } }).writer;
    expect(syncsNow(connection, () => store.batchTransaction(() => store.transaction(() => store.nextKey())))).toBe(0);
    const later = connection.syncs.later + writer.syncs;
    await store.durable();
    expect(connection.syncs.later + writer.syncs).toBe(later + 1);
    expect(syncsNow(connection, () => store.project())).toBe(0);
  });

  it('should not sync anything itself when NORMAL was asked for', () => {
    const { store, connection } = engineStore('NORMAL');
    expect(syncsNow(connection, () => store.identity.insertUser(USER, '2026-12-05T08:00:00Z'))).toBe(0);
    expect(store.durable()).toBeUndefined();
    expect(connection.pragma('synchronous', { simple: true })).toBe(1);
  });
});
