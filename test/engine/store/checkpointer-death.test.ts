/**
 * The store's checkpointer thread dying (engine/store/store-writer-thread.cjs, `wakeCheckpointer`): against a real
 * file, with the real writer and checkpointer threads, the checkpointer's Worker terminated as a crash would end it.
 * It is started again at the next need and copies again; after its third death SQLite's own checkpoints are back on
 * (the WAL stays bounded through them, not through the writer's limit); nothing committed is lost, and batches go on
 * being acknowledged throughout.
 */
import Database from 'better-sqlite3';
import { closeSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineStore } from '../../../engine/store/engine-store.js';
import { StoreWriter, type WriterEvents } from '../../../engine/store/store-writer.js';

const { openWalIndexFile, WalIndex } = createRequire(import.meta.url)('../../../engine/store/wal-index.cjs') as {
  openWalIndexFile: (databasePath: string) => number | undefined;
  WalIndex: new (fd: number | undefined) => { read(): { frames: number; backfilled: number } | undefined };
};

/** The checkpointer's shared slot telling it closed (store-writer-thread.cjs, `CHECKPOINTER_CLOSED`). */
const CHECKPOINTER_CLOSED = 2;
/** WAL frames that wake the checkpointer here (the engine's is 1000); the writer's own limit is 8 times this. */
const CHECKPOINT_FRAMES = 40;
/** SQLite's `wal_autocheckpoint` once the writer gives the checkpointer up (its default, as before the checkpointer). */
const SQLITE_CHECKPOINT_PAGES = 1000;

const folders: string[] = [];

afterEach(() => {
  vi.restoreAllMocks();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A file with the engine's schema (and nothing else open on it); its path. */
function schemaFile(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'checkpointer-death-'));
  folders.push(dataDir);
  new EngineStore({ dataDir, synchronous: 'FULL', projection: { delayMs: 60_000 }, replay: () => undefined }).close();
  return join(dataDir, 'engine.sqlite');
}

/** A batch of one event whose records take a few pages (overflow pages), so the WAL grows fast. */
const bulky = (key: number) => [[key, '2026-12-07T11:00:00.000Z', JSON.stringify({ key, padding: '料'.repeat(3000) }), null]] as [number, string, string, null][];
const events: WriterEvents = { batchFailed: () => {}, projectionFailed: () => {}, projected: () => {}, projectionError: () => {} };

describe("the store's checkpointer thread dying", () => {
  it("should be started again and copy again, then leave the WAL to SQLite's own checkpoints after its third death, losing nothing", async () => {
    // given: a connection of the engine's kind (the last to close) and a synced writer that checkpoints past 40 frames
    // (the threads' console goes to this thread's stderr stream)
    const written: string[] = [];
    const stderr = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      written.push(String(chunk));
      return (stderr as (...args: unknown[]) => boolean)(chunk, ...rest);
    });
    const path = schemaFile();
    const db = new Database(path);
    db.pragma('wal_autocheckpoint = 0');
    db.prepare('SELECT count(*) FROM events').get();
    const writer = new StoreWriter(path, true, events, 0, CHECKPOINT_FRAMES);
    const inside = writer as unknown as { worker: { postMessage(message: unknown): void }; checkpointState: Int32Array };
    const walIndexFd = openWalIndexFile(path);
    const wal = new WalIndex(walIndexFd);
    expect(writer.ownCheckpoints).toBe(true);
    let key = 1;
    let acknowledged = 0;
    /** Appends a batch and waits for its acknowledgement (committed and synced). */
    const batch = async () => {
      await writer.append(bulky(key), key + 1);
      acknowledged = key++;
    };

    try {
      for (let death = 1; death <= 3; death++) {
        // when: batches until the checkpointer (started, or started again, at this need) has copied frames
        const before = writer.checkpoints.offPath;
        await vi.waitFor(
          async () => {
            for (let i = 0; i < 10; i++) await batch();
            expect(writer.checkpoints.offPath).toBeGreaterThan(before);
          },
          { timeout: 20_000, interval: 1 },
        );

        // and: its Worker is terminated (it never reaches its own close), and the writer thread sees it exit
        Atomics.store(inside.checkpointState, CHECKPOINTER_CLOSED, 0);
        inside.worker.postMessage({ terminateCheckpointer: true });
        await vi.waitFor(() => expect(Atomics.load(inside.checkpointState, CHECKPOINTER_CLOSED)).toBe(1), { timeout: 10_000 });
      }
      // then: each death was a restart (copies after each), and the writer did not give it up before the third
      expect(written.join('')).not.toMatch(/SQLite checkpoints/);

      // when: batches go on after the third death, well past SQLite's own mark and the writer's limit (320 frames)
      const offPath = writer.checkpoints.offPath;
      let mostFrames = 0;
      let restarts = 0;
      let last = wal.read()!.frames;
      for (let i = 0; i < 1200; i++) {
        await batch();
        const frames = wal.read()!.frames;
        if (frames < last) restarts++;
        last = frames;
        mostFrames = Math.max(mostFrames, frames);
      }

      // then: the writer said once that SQLite checkpoints again; no checkpointer copied since
      await vi.waitFor(() => expect(written.join('').match(/SQLite checkpoints/g)).toHaveLength(1));
      expect(writer.checkpoints.offPath).toBe(offPath);
      // and: the WAL went past the writer's limit (its own checkpoints are off) but restarted at SQLite's mark,
      // several times: bounded by SQLite's checkpoints in the commits, as before the checkpointer
      expect(mostFrames).toBeGreaterThan(8 * CHECKPOINT_FRAMES);
      expect(mostFrames).toBeLessThan(SQLITE_CHECKPOINT_PAGES + 20);
      expect(restarts).toBeGreaterThanOrEqual(2);
    } finally {
      writer.close();
      db.close();
      writer.closeWalIndex();
      if (walIndexFd !== undefined) closeSync(walIndexFd);
    }

    // and: every acknowledged batch is in the file, each once and in order
    const reopened = new Database(path, { readonly: true });
    try {
      const keys = (reopened.prepare('SELECT process_instance_key AS key FROM events ORDER BY position').all() as { key: number }[]).map((row) => row.key);
      expect(keys).toEqual(Array.from({ length: acknowledged }, (_, i) => i + 1));
    } finally {
      reopened.close();
    }
  }, 120_000);
});
