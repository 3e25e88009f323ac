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
 */
'use strict';
const Database = require('better-sqlite3');
const { closeSync, fsyncSync, openSync } = require('node:fs');
const { dirname } = require('node:path');
const { parentPort, workerData } = require('node:worker_threads');

/** Slots of the shared Int32Array (store-writer.ts has the same). */
const DONE = 0;
const FAILED = 1;
const CLOSED = 2;
const PROJECTION_FAILED = 3;
const PROJECTED = 4;

const { path, sync, shared } = workerData;
const state = new Int32Array(shared);
const db = new Database(path);
// the engine's thread migrated the file and set WAL; commits here are synced by this thread (below), not by SQLite
db.pragma('synchronous = NORMAL');
db.pragma('temp_store = MEMORY');
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
/** How many batches and projections failed here (a projection built before the engine's thread knew is skipped). */
let failures = 0;
/** The WAL file, opened at the first sync; it keeps its inode while any connection is open (wal-sync.ts). */
let walFd;

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
  fsyncSync(walFd);
}

parentPort.on('message', (message) => {
  if (message.close) {
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
  if (message.project) {
    project(message);
    return;
  }
  const { seq, rows, nextKey } = message;
  let committed = false;
  try {
    appendBatch(rows, nextKey);
    committed = true;
    done(seq, false);
    if (sync) syncWal();
    parentPort.postMessage({ seq });
  } catch (error) {
    if (!committed) done(seq, true);
    parentPort.postMessage({ seq, committed, error: { message: error.message, code: error.code } });
  }
});

function project({ seq, project: writes, failures: known }) {
  if (known !== failures) {
    Atomics.store(state, DONE, seq);
    Atomics.notify(state, DONE);
    parentPort.postMessage({ seq, projection: true, skipped: true });
    return;
  }
  try {
    projectRows(writes);
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
}
