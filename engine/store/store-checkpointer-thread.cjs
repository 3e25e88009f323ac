/**
 * The store's checkpointer: a thread with a connection of its own to the engine's file that copies the WAL's frames
 * into the database file (a PASSIVE checkpoint), so that no command batch waits for it.
 *
 * Why: SQLite checkpoints by itself inside the COMMIT of whichever connection's commit takes the WAL past
 * `wal_autocheckpoint` pages (1000) — with the writer thread, nearly always a batch's commit there, or a projection's
 * that the next batches queue behind. At `synchronous = NORMAL` that checkpoint syncs the WAL, copies up to 1000
 * pages and syncs the database file: 10–70 ms on the benchmark machine, two or more times a second at the engine's
 * capacity, so the batch's wait for durability had p50 1.0 ms and p99 17 ms (docs/performance-notes.md,
 * "Checkpoints off the batch's path"). The writer thread turns that off on its connection and the engine's, and
 * wakes this thread instead (store-writer-thread.cjs) when the WAL holds `checkpointFrames` frames not yet copied.
 *
 * A PASSIVE checkpoint takes no lock a writer needs: batches commit while it copies. The WAL restarts from its
 * beginning (and so stays bounded) only when a write transaction begins with every frame copied, so one catch-up
 * runs passes until a pass finds nothing left that it could copy (each after the first copies only what was
 * committed during the one before), at most `MAX_PASSES`. Under a steady stream of batches it mostly leaves a
 * remainder: what was committed while its last pass copied (a pass copies the frames there when it began, and
 * syncs the database file only if that still was the WAL's end; one overtaken by a commit syncs the WAL alone and
 * still moves `nBackfill`, SQLite's walCheckpoint). The writer thread copies that
 * when it is idle, and checkpoints on its own path past a limit (store-writer-thread.cjs, `afterWrite`): never an
 * unbounded WAL. `CATCHING_UP` tells the writer thread a catch-up is under way; `HOLD`, set by the writer thread for
 * its checkpoint past the limit (SQLite runs one checkpoint at a time: a PASSIVE one finding another under way does
 * nothing), makes this thread end its catch-up after the current pass and start none until it is cleared.
 *
 * The thread blocks in `Atomics.wait` between catch-ups (it takes no messages): woken by the writer, and every
 * `pollMs` to look at the WAL itself (commits on the engine's connection do not wake it). Durability is untouched:
 * a batch is answered after its own fsync of the WAL, and a checkpoint pass syncs the WAL before it copies (what it
 * copies is durable already); it syncs the database file only when it copied to the WAL's end, and the WAL
 * restarts only after such a pass, so a copy not yet synced is still in the WAL for a crash's recovery. Stopped by the writer thread (`STOP`) before the writer's
 * connection and the engine's close, so the engine's connection is still the last to close and checkpoints the rest.
 */
'use strict';
const Database = require('better-sqlite3');
const { workerData } = require('node:worker_threads');
const { WalIndex } = require('./wal-index.cjs');

/** Slots of the shared Int32Array (store-writer-thread.cjs and store-writer.ts have the same). */
const WAKE = 0;
const STOP = 1;
const CLOSED = 2;
const CATCH_UPS = 3;
const CATCHING_UP = 5;
const HOLD = 7;
/** Passes of one catch-up: the first copies the bulk, the later ones what was committed meanwhile (a few pages). */
const MAX_PASSES = 4;

const { path, walIndexFd, shared, checkpointFrames, pollMs } = workerData;
const state = new Int32Array(shared);
// the store's descriptor of the -shm file, never closed here: closing any would drop the process's locks on it (wal-index.cjs)
const walIndex = new WalIndex(walIndexFd);
let db;
let failed = false;

/** @param {number} backfilled the frames copied before it (`nBackfill`): a catch-up counts only if it copied more */
function catchUp(backfilled) {
  // announced before `HOLD` is looked at, as the writer thread sets `HOLD` before it looks at this: one of the two sees the other
  Atomics.store(state, CATCHING_UP, 1);
  try {
    if (Atomics.load(state, HOLD)) return;
    // counted only when it copied something (one finding SQLite's checkpoint lock taken copies nothing)
    if (passes(backfilled)) Atomics.add(state, CATCH_UPS, 1);
  } finally {
    Atomics.store(state, CATCHING_UP, 0);
    Atomics.notify(state, CATCHING_UP);
  }
}

/** @returns {boolean} whether a pass moved `nBackfill` past `backfilled` */
function passes(backfilled) {
  let copied = -1;
  let moved = false;
  for (let pass = 0; pass < MAX_PASSES && !Atomics.load(state, STOP) && !Atomics.load(state, HOLD); pass++) {
    const [{ busy, log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
    if (!busy && checkpointed > backfilled) moved = true;
    // done, or another connection's checkpoint runs, or a reader's snapshot stops it where the last pass did
    if (busy || log <= 0 || checkpointed >= log || checkpointed === copied) break;
    copied = checkpointed;
  }
  return moved;
}

try {
  db = new Database(path);
  // a checkpoint syncs the WAL before it copies (and the database file once it copied to the WAL's end), at NORMAL as at FULL
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  while (!Atomics.load(state, STOP)) {
    Atomics.wait(state, WAKE, 0, pollMs);
    Atomics.store(state, WAKE, 0);
    if (Atomics.load(state, STOP)) break;
    const wal = walIndex.read();
    if (!wal || wal.frames - wal.backfilled < checkpointFrames) continue;
    try {
      catchUp(wal.backfilled);
    } catch (error) {
      // an I/O error here loses nothing (the frames stay in the WAL); the writer's limit still bounds the WAL
      if (!failed) console.error(`[engine] the store's checkpointer: ${error.message} (the writer thread checkpoints past its limit)`);
      failed = true;
    }
  }
} finally {
  if (db?.open) db.close();
  Atomics.store(state, CLOSED, 1);
  Atomics.notify(state, CLOSED);
}
