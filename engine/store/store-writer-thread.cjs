/**
 * The writer thread's side of store-writer.ts: a connection of its own to the engine's file, which appends a command
 * batch's event rows and the key counter in one transaction, commits, and syncs the WAL file here (as wal-sync.ts
 * does on the engine's thread), so none of it holds the engine's thread.
 *
 * Plain CommonJS, not TypeScript: a thread started from TypeScript sources needs tsx's loader, which made the
 * thread's start several times slower than loading better-sqlite3 alone, and every engine (each test's) starts one.
 *
 * Per batch (message `{ seq, rows, nextKey }`, `rows` as arrays of bound values): the transaction; then the shared
 * state's `DONE` slot is set to `seq` (and `FAILED` counts one more when the transaction failed: nothing of it is in the file),
 * which the engine's thread may be waiting for with `Atomics.wait` before it uses its own connection; then the fsync;
 * then the answer `{ seq }`, or `{ seq, error, committed }`. Message `{ pragma }` makes a setting made on the
 * engine's connection here too; `{ close: true }` closes the connection and sets `CLOSED`.
 *
 * Per projection (message `{ seq, project, failures }`, `project` as `[sql, runs][]`: the projector's statements
 * on the projected tables with the values of each run, engine-store.ts): one transaction with those runs and the
 * projected position, the last event position now. The messages come in the order they were handed over, so every
 * batch whose held rows the projection carries was committed here before it (or on the engine's connection, which
 * waited for this thread and committed before handing the projection over): the position covers their events, and
 * the rows are never committed before the events they come from. Committed with the connection's NORMAL commit and
 * not synced: see engine-store.ts (`project`). A projection whose `failures` (what the engine's thread knew) is not
 * this thread's count was built on a failed batch's changes or a failed projection's rows: skipped, not written.
 * Then `PROJECTED` (committed) or `PROJECTION_FAILED` (failed), then `DONE`, then the answer.
 *
 * Checkpoints (docs/performance-notes.md, "Checkpoints off the batch's path"): SQLite's automatic checkpoint ran
 * inside the commit that took the WAL past 1000 pages — here, a batch's (or a projection's, with batches queued
 * behind it) — and held that batch's answer 10–70 ms. It is off on this connection (and on the engine's, engine-store.ts);
 * after each message, once answered, `afterWrite` reads how many WAL frames are not yet in the database file
 * (wal-index.cjs) and, past `checkpointFrames`, wakes the checkpointer thread (store-checkpointer-thread.cjs, started
 * here at the first need: an engine that never writes that much never starts it), which copies them while batches
 * go on committing. The WAL restarts from its beginning only at a write that begins with every frame copied, and
 * under a steady stream of batches a checkpointer's pass copies only the frames there when it began (each pass syncs
 * the WAL first, and the database file only when no commit overtook it): what was committed during the copy
 * remains, and passes rarely end inside a gap between two commits: measured, it left a remainder of a few hundred frames every time and the
 * WAL grew on. So this thread copies the remainder itself — one small PASSIVE checkpoint, nothing commits meanwhile —
 * once the WAL holds `RESTART_AFTER` catch-ups' worth, when the remainder is small and this thread is idle: the
 * checkpointer is not running, and no message was handed after the one just answered (`HANDED`, set by
 * store-writer.ts before each hand-over; one handed during the checkpoint waits for it: a few pages and an fsync). Past `CHECKPOINT_LIMIT` times `checkpointFrames` in the WAL (never idle, a checkpointer that failed, a
 * reader's old snapshot) it checkpoints after the answer whether idle or not, as SQLite did in the commit (holding the
 * checkpointer off meanwhile, `HOLD`: SQLite runs one checkpoint at a time), and says so once: the WAL stays bounded whatever happens. A wal-index of an unknown version leaves SQLite's checkpoints on.
 * A checkpointer that exits (a failed open, an error) is started again at the next need, `CHECKPOINTER_STARTS` times
 * in all; then this connection's commits checkpoint again as SQLite's did (`wal_autocheckpoint` back on), said once.
 * At `close` the checkpointer stops first, then this connection closes, and the engine's, the last, checkpoints the rest.
 */
'use strict';
const Database = require('better-sqlite3');
const { appendFileSync, closeSync, fsyncSync, openSync } = require('node:fs');
const { dirname } = require('node:path');
const { parentPort, Worker, workerData } = require('node:worker_threads');
const { WalIndex } = require('./wal-index.cjs');

/** Slots of the shared Int32Array (store-writer.ts has the same). */
const DONE = 0;
const FAILED = 1;
const CLOSED = 2;
const PROJECTION_FAILED = 3;
const PROJECTED = 4;
const HANDED = 5;
/** Slots of the checkpointer's shared Int32Array (store-checkpointer-thread.cjs and store-writer.ts have the same). */
const WAKE = 0;
const STOP = 1;
const CHECKPOINTER_CLOSED = 2;
const ON_PATH = 4;
const CATCHING_UP = 5;
const WHEN_IDLE = 6;
const HOLD = 7;
/**
 * How many times `checkpointFrames` the WAL holds before this thread, when idle, copies the checkpointer's remainder
 * so the WAL restarts: the copy's fsync is the one cost left on a message's path (when one arrives during it), paid
 * once in four catch-ups rather than after each, for a WAL of up to ~16 MB instead of ~4 MB.
 */
const RESTART_AFTER = 4;
/** How many times `checkpointFrames` the WAL may hold before this thread checkpoints itself, idle or not. */
const CHECKPOINT_LIMIT = 8;
/**
 * The largest remainder this thread copies when idle, as a share of `checkpointFrames` (1/8: 125 frames, 500 KB at
 * 4 KB pages): a larger one (a slow disk's passes leave more behind) waits for the next catch-up rather than hold a
 * message that arrives meanwhile for its copy and fsync.
 */
const IDLE_REMAINDER_SHARE = 8;
/**
 * How many times the checkpointer is started (it exited: a failed open, an error): then this connection's commits
 * checkpoint again as SQLite did before, rather than every checkpoint landing on a message's path past the limit.
 */
const CHECKPOINTER_STARTS = 3;
/** How long a checkpoint past the limit waits for a catch-up under way to end, ms (then it tries anyway: a busy PASSIVE copies nothing, harmlessly). */
const HOLD_WAIT_MS = 5_000;
/** How often the checkpointer looks at the WAL unwoken (the engine's connection's commits do not wake it), ms. */
const CHECKPOINTER_POLL_MS = 1000;

const { path, walIndexFd, sync, shared, checkpoints, checkpointFrames, timings } = workerData;
/**
 * Per message, when `timings` names a file (store-writer.ts, `STORE_WRITER_TIMINGS`): [kind (b batch, p projection),
 * handed, began, committed, synced (ms since the epoch, with a fraction), rows (a projection: its rows, and the
 * values they bound)]; appended there as one line at close.
 */
const timed = timings ? [] : undefined;
const timedNow = () => performance.timeOrigin + performance.now();
const state = new Int32Array(shared);
const checkpointState = new Int32Array(checkpoints);
const db = new Database(path);
// the engine's thread migrated the file and set WAL; commits here are synced by this thread (below), not by SQLite
db.pragma('synchronous = NORMAL');
db.pragma('temp_store = MEMORY');
/** The checkpointer thread while it runs (started at the first need, and again at the next one after it exited). */
let checkpointer;
/** How many times the checkpointer was started: past `CHECKPOINTER_STARTS` SQLite checkpoints in this thread's commits again. */
let checkpointerStarts = 0;
/** The checkpointer could not be kept running: `wal_autocheckpoint` is back on for this connection, `afterWrite` does nothing. */
let sqliteCheckpoints = false;
let overLimitTold = false;
let checkpointFailedTold = false;
const append = db.prepare('INSERT INTO events (process_instance_key, timestamp, records, actor) VALUES (?, ?, ?, ?)');
const saveKey = db.prepare(`INSERT INTO meta (name, value) VALUES ('nextKey', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`);
const appendBatch = db.transaction((rows, nextKey) => {
  for (const row of rows) append.run(row);
  saveKey.run(String(nextKey));
});
const lastPosition = db.prepare('SELECT coalesce(max(position), 0) AS position FROM events');
const savePosition = db.prepare(
  `INSERT INTO meta (name, value) VALUES ('projectedPosition', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
);
/** The projector's statements by SQL text: a fixed few per table (inserts by rows, updates by the columns they set). */
const statements = new Map();
const projectRows = db.transaction((writes) => {
  for (const [sql, runs] of writes) {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    for (const values of runs) statement.run(values);
  }
  savePosition.run(String(lastPosition.get().position));
});
// the store's descriptor of the -shm file (store-writer.ts), never closed here: closing any descriptor of that file
// drops the process's locks on it, the engine's connection's too (wal-index.cjs)
const walIndex = new WalIndex(walIndexFd);
// the statements above read the schema, so this connection has mapped the wal-index (the store's writer read the same
// header on the engine's connection before it started this thread: store-writer.ts, `ownCheckpoints`)
const ownCheckpoints = walIndex.read() !== undefined;
if (ownCheckpoints) db.pragma('wal_autocheckpoint = 0');
/** How many batches and projections failed here (a projection built before the engine's thread knew is skipped). */
let failures = 0;
/** The WAL file, opened at the first sync; it keeps its inode while any connection is open (wal-sync.ts). */
let walFd;
/** Tests only (`failNextSync`): the next batch's sync fails after its commit, as a disk's EIO would. */
let failNextSync = false;

function done(seq, failed) {
  // a count of failures, not the batch's number: numbers wrap around (int32), a count only ever changes
  if (failed) {
    failures++;
    Atomics.add(state, FAILED, 1);
  }
  Atomics.store(state, DONE, seq);
  Atomics.notify(state, DONE);
}

function syncWal() {
  if (walFd === undefined) {
    walFd = openSync(`${path}-wal`, 'r');
    const dir = openSync(dirname(path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
  if (failNextSync) {
    failNextSync = false;
    throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO', syscall: 'fsync' });
  }
  fsyncSync(walFd);
}

parentPort.on('message', (message) => {
  if (message.close) {
    if (timed) appendFileSync(timings, `${JSON.stringify(timed)}\n`);
    stopCheckpointer();
    if (walFd !== undefined) closeSync(walFd);
    db.close();
    Atomics.store(state, CLOSED, 1);
    Atomics.notify(state, CLOSED);
    parentPort.close();
    return;
  }
  if (message.pragma) {
    db.pragma(message.pragma);
    return;
  }
  if (message.terminateCheckpointer) {
    // tests only (test/engine/store/checkpointer-death.test.ts): the checkpointer dies as a crash would end it
    void checkpointer?.terminate();
    return;
  }
  if (message.failNextSync) {
    // tests only (test/engine/store/writer-death.test.ts): a failed fsync of a committed batch, which no disk here gives
    failNextSync = true;
    return;
  }
  if (message.project) {
    project(message);
    return;
  }
  const { seq, rows, nextKey } = message;
  let committed = false;
  const began = timed && timedNow();
  try {
    appendBatch(rows, nextKey);
    committed = true;
    done(seq, false);
    const commitAt = timed && timedNow();
    if (sync) syncWal();
    if (timed) timed.push(['b', message.at, began, commitAt, timedNow(), rows.length]);
    parentPort.postMessage({ seq });
  } catch (error) {
    if (!committed) done(seq, true);
    parentPort.postMessage({ seq, committed, error: { message: error.message, code: error.code } });
  }
  afterWrite(seq);
});

/** After a message's answer: wakes the checkpointer when the WAL holds enough to copy, or checkpoints here past the limit. */
function afterWrite(seq) {
  if (!ownCheckpoints || sqliteCheckpoints) return;
  const wal = walIndex.read();
  if (!wal) return;
  const behind = wal.frames - wal.backfilled;
  if (behind === 0) return;
  if (behind >= checkpointFrames) {
    wakeCheckpointer();
    if (sqliteCheckpoints) return;
  } else if (
    wal.frames >= checkpointFrames * RESTART_AFTER &&
    behind <= checkpointFrames / IDLE_REMAINDER_SHARE &&
    Atomics.load(checkpointState, CATCHING_UP) === 0 &&
    Atomics.load(state, HANDED) === seq
  ) {
    // the checkpointer's remainder, while nothing waits here: the next write restarts the WAL. Held off meanwhile as
    // past the limit (a catch-up that began since would make this copy find SQLite's checkpoint lock taken)
    Atomics.store(checkpointState, HOLD, 1);
    let copied = false;
    try {
      if (Atomics.load(checkpointState, CATCHING_UP) === 0) {
        checkpointHere(WHEN_IDLE, wal.backfilled);
        copied = true;
      }
    } finally {
      Atomics.store(checkpointState, HOLD, 0);
    }
    if (copied) return;
  }
  if (wal.frames < checkpointFrames * CHECKPOINT_LIMIT) return;
  if (!overLimitTold) {
    overLimitTold = true;
    console.error(
      `[engine] the WAL holds ${wal.frames} frames, ${behind} of them not in the database file: the store's writer thread ` +
        'checkpoints itself past this limit, whether messages wait or not (said once)',
    );
  }
  // the checkpointer's catch-up would make this one find SQLite's checkpoint lock taken and copy nothing: held off
  Atomics.store(checkpointState, HOLD, 1);
  try {
    // bounded: a catch-up that never ends (a stuck disk) must not stop the messages here
    const until = Date.now() + HOLD_WAIT_MS;
    for (let left = HOLD_WAIT_MS; left > 0 && Atomics.load(checkpointState, CATCHING_UP) === 1; left = until - Date.now()) {
      Atomics.wait(checkpointState, CATCHING_UP, 1, left);
    }
    checkpointHere(ON_PATH, wal.backfilled);
  } finally {
    Atomics.store(checkpointState, HOLD, 0);
  }
}

/** A PASSIVE checkpoint here, counted in `counter` only when it copied frames past `backfilled` (not when busy). */
function checkpointHere(counter, backfilled) {
  try {
    const [{ busy, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
    if (!busy && checkpointed > backfilled) Atomics.add(checkpointState, counter, 1);
  } catch (error) {
    // nothing is lost (the frames stay in the WAL); the next message tries again
    if (!checkpointFailedTold) console.error(`[engine] checkpoint on the store's writer thread: ${error.message}`);
    checkpointFailedTold = true;
  }
}

function wakeCheckpointer() {
  if (!checkpointer) {
    if (checkpointerStarts === CHECKPOINTER_STARTS) {
      // it exited each time: this connection's commits checkpoint again, as before the checkpointer (on the path)
      sqliteCheckpoints = true;
      db.pragma('wal_autocheckpoint = 1000');
      console.error(`[engine] the store's checkpointer stopped ${CHECKPOINTER_STARTS} times: SQLite checkpoints in the writer thread's commits again (said once)`);
      return;
    }
    checkpointerStarts++;
    // a checkpointer that died mid-catch-up may have left these set
    Atomics.store(checkpointState, CHECKPOINTER_CLOSED, 0);
    Atomics.store(checkpointState, CATCHING_UP, 0);
    const started = new Worker(`${__dirname}/store-checkpointer-thread.cjs`, {
      workerData: { path, walIndexFd, shared: checkpoints, checkpointFrames, pollMs: CHECKPOINTER_POLL_MS },
      execArgv: [],
    });
    started.on('error', (error) => console.error(`[engine] the store's checkpointer stopped: ${error.message}`));
    // started again at the next need (at most `CHECKPOINTER_STARTS` in all); meanwhile the limit keeps the WAL bounded
    started.on('exit', () => {
      if (checkpointer === started) checkpointer = undefined;
      Atomics.store(checkpointState, CATCHING_UP, 0);
      // a thread that died (terminated, an uncaught error) never reached its own `finally`: it is closed all the same
      Atomics.store(checkpointState, CHECKPOINTER_CLOSED, 1);
      Atomics.notify(checkpointState, CHECKPOINTER_CLOSED);
    });
    started.unref();
    checkpointer = started;
  }
  Atomics.store(checkpointState, WAKE, 1);
  Atomics.notify(checkpointState, WAKE);
}

/** Stops the checkpointer and waits until its connection is closed (a catch-up under way ends first). */
function stopCheckpointer() {
  if (!checkpointer) return;
  Atomics.store(checkpointState, STOP, 1);
  Atomics.notify(checkpointState, WAKE);
  Atomics.wait(checkpointState, CHECKPOINTER_CLOSED, 0, 30_000);
}

function project({ seq, project: writes, failures: known, at }) {
  if (known !== failures) {
    Atomics.store(state, DONE, seq);
    Atomics.notify(state, DONE);
    parentPort.postMessage({ seq, projection: true, skipped: true });
    return;
  }
  const began = timed && timedNow();
  try {
    projectRows(writes);
    if (timed) timed.push(['p', at, began, timedNow(), timedNow(), ...runsAndValues(writes)]);
    Atomics.store(state, PROJECTED, seq);
    Atomics.store(state, DONE, seq);
    Atomics.notify(state, DONE);
    parentPort.postMessage({ seq, projection: true });
  } catch (error) {
    failures++;
    Atomics.add(state, PROJECTION_FAILED, 1);
    Atomics.store(state, DONE, seq);
    Atomics.notify(state, DONE);
    parentPort.postMessage({ seq, projection: true, error: { message: error.message, code: error.code } });
  }
  afterWrite(seq);
}

/** A projection's rows (a multi-row INSERT's run counts each row) and the values they bound (timings only). */
function runsAndValues(writes) {
  let rows = 0;
  let values = 0;
  for (const [sql, statementRuns] of writes) {
    const perRun = sql.startsWith('INSERT') ? sql.split('), (').length : 1;
    rows += statementRuns.length * perRun;
    for (const run of statementRuns) values += run.length;
  }
  return [rows, values];
}
