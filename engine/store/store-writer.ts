/**
 * The writer thread: a `worker_threads` thread with a connection of its own to the engine's file, which appends each
 * command batch's event rows and the key counter, commits and syncs the WAL (store-writer-thread.cjs), so the batch's
 * SQLite work leaves the engine's thread (docs/performance-notes.md, "A writer thread, built"). The rows arrive
 * already encoded, as arrays of bound values (a structured clone: the cheapest hand-over measured).
 *
 * One writer at a time: SQLite lets one connection write the file at once, and the engine's own connection still
 * writes (the projector, the tables a command writes with SQL, identity). Before it does, it waits until the writer
 * has finished what it was handed (`settle`: `Atomics.wait` on a shared counter the thread sets right after its
 * commit, before its fsync), so the two never wait on each other's lock, and whatever the engine's connection writes
 * comes after the handed rows in the WAL.
 *
 * A batch whose transaction failed (a full disk, an I/O error) left nothing in the file: its promise rejects with
 * `BatchNotCommitted`, after `failed` has rebuilt the engine's memory without it (once, whichever of `settle` and the
 * thread's answer learns of it first). A batch committed whose fsync failed rejects with the plain error: whether it
 * is on disk is unknown, so its commands are answered 504, the queue's 503, and the process ends (command-queue.ts,
 * `diskFailed`). A
 * thread that stops unasked (an uncaught error, terminated) is the same: its batches in flight reject with
 * `OutcomeUnknownError` (504), everything later with `StoreFailedError` (503), and `WriterEvents.died` has the engine
 * refuse every command and end (engine.ts; docs/reliability.md, "When the writer thread dies").
 *
 * The projector's writes go the same way (`project`): the held rows of the projected tables as statements' bound
 * values, in the same ordered stream as the batches, run in one transaction with the projected position (which the
 * thread reads itself: the last event position once the batches handed before it are written). Nothing waits for
 * them but a read of a projected table (`settle`); a batch waits only for the batches before it (`settleBatches`). A
 * projection handed after a failure the engine's thread had not learnt of yet was built on what failed (a batch's
 * changes, or a failed projection's rows that a later one's partial updates build on): the thread skips it, and the
 * engine holds the rows of every projection not committed again (`WriterEvents.projectionFailed`) or, after a
 * failed batch, rebuilds its memory.
 *
 * The WAL's checkpoints are the thread's too: off the batches' commits, on a checkpointer thread it starts when the
 * WAL first needs one (store-writer-thread.cjs, store-checkpointer-thread.cjs; docs/performance-notes.md,
 * "Checkpoints off the batch's path"). `ownCheckpoints` tells the store to turn SQLite's automatic checkpoint off on
 * the engine's connection too; `checkpoints` counts them.
 */
import { closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { OutcomeUnknownError, StoreFailedError } from '../errors.js';
import type { ProjectionSink } from './record-table.js';

/** A row of `events` as bound values: process instance key, timestamp, records (JSON), actor. */
export type EventRow = [processInstanceKey: number | null, timestamp: string, records: string, actor: string | null];

/** A projection's writes: per statement (its SQL), the values bound for each run of it, in the order they run. */
export type ProjectionWrites = [sql: string, runs: unknown[][]][];

/** A sink that gathers the runs the tables hand over into `writes`, consecutive runs of one statement together. */
export function projectionWritesSink(): { writes: ProjectionWrites; sink: ProjectionSink } {
  const writes: ProjectionWrites = [];
  const sink: ProjectionSink = {
    run: (sql, values) => {
      const last = writes.at(-1);
      if (last?.[0] === sql) last[1].push(values);
      else writes.push([sql, [values]]);
    },
  };
  return { writes, sink };
}

/** What the engine's memory must do when the thread's work ends otherwise than planned, or is done (engine-store.ts). */
export interface WriterEvents {
  /** A handed batch failed before its commit: memory must drop it. Everything handed is done by then. */
  batchFailed(): void;
  /**
   * A handed projection failed or was skipped (none after a failed batch: `batchFailed` covers those): memory must
   * hold its rows again. `committed` tells the projections that were written. Everything handed is done by then.
   */
  projectionFailed(committed: (seq: number) => boolean): void;
  /** The projections `committed` tells of are written. */
  projected(committed: (seq: number) => boolean): void;
  /** Why a projection failed on the thread (SQLite's message, no row of it). */
  projectionError(message: string): void;
  /**
   * The thread stopped unasked (`error` says how, without a row of any batch): no batch can be made durable any more,
   * and nothing checkpoints the WAL off the commits (engine-store.ts turns SQLite's back on, and the engine ends).
   */
  died?(error: Error): void;
}

/** The batch's transaction failed on the writer thread: nothing of it is in the file, and memory no longer holds it. */
export class BatchNotCommitted extends Error {
  /** What the command queue looks for (command-queue.ts, `durable`): the engine goes on serving. */
  readonly notCommitted = true;

  constructor(message: string, readonly code: string | undefined) {
    super(message);
    this.name = 'BatchNotCommitted';
  }
}

/**
 * Slots of the shared Int32Array (store-writer-thread.cjs has the same): the last message done (a batch or a
 * projection, its number as an int32: numbers wrap around, and are only compared as a distance, `atOrAfter`), how
 * many batches failed (a count, so a wrap cannot hide one), whether the thread closed its connection, how many
 * projections failed, and the last projection committed.
 */
const DONE = 0;
const FAILED = 1;
const CLOSED = 2;
const PROJECTION_FAILED = 3;
const PROJECTED = 4;
/** The last message handed over (the writer thread, idle when it has answered it, copies the WAL's remainder). */
const HANDED = 5;
const SLOTS = 6;

/**
 * Slots of the checkpointer's shared Int32Array (store-writer-thread.cjs and store-checkpointer-thread.cjs have the
 * same): a wake-up, a stop, whether the checkpointer closed, its catch-ups, the checkpoints the writer thread made
 * itself past its limit, whether a catch-up is under way, the remainders the writer thread copied when idle, and the
 * writer thread's hold on catch-ups while it checkpoints past its limit.
 */
const CHECKPOINT_SLOTS = 8;
const CATCH_UPS = 3;
const ON_PATH = 4;
const WHEN_IDLE = 6;

/** WAL frames not yet in the database file that wake the checkpointer: SQLite's own `wal_autocheckpoint` default. */
const CHECKPOINT_FRAMES = 1000;

/**
 * `STORE_WRITER_TIMINGS=<file>`: the thread times each message (when it was handed, when its transaction began,
 * committed, was synced; a projection's row count) and appends them to that file as one JSON line at close — what
 * docs/performance-notes.md's per-message tables on the writer thread are made of. Off: nothing is timed.
 */
const TIMINGS = process.env.STORE_WRITER_TIMINGS || undefined;

/** Now as epoch ms with a fraction, comparable between threads (each has its own `performance.timeOrigin`). */
function timedNow(): number {
  return performance.timeOrigin + performance.now();
}

const { openWalIndexFile, WalIndex } = createRequire(import.meta.url)('./wal-index.cjs') as {
  openWalIndexFile: (databasePath: string) => number | undefined;
  WalIndex: new (fd: number | undefined) => { read(): { frames: number; backfilled: number } | undefined };
};

/** How long the engine's thread waits for the writer before it gives up (a thread that died answers nothing). */
const SETTLE_TIMEOUT_MS = 30_000;

interface Answer {
  seq: number;
  committed?: boolean;
  /** A projection's answer (its seq is not a batch's). */
  projection?: boolean;
  /** A projection not run: it came after a failure (no error of its own). */
  skipped?: boolean;
  error?: { message: string; code?: string };
}

/**
 * What an uncaught error in the thread arrives as: an Error, or (better-sqlite3's SqliteError does not survive the
 * structured clone) a plain object with its `code` alone.
 */
function thrownInThread(error: unknown): Error {
  if (error instanceof Error) return error;
  const code = (error as { code?: unknown } | null)?.code;
  return new Error(`an uncaught ${typeof code === 'string' ? code : 'error'} in the thread`);
}

/** Whether message number `seq` comes at or after `target` (int32 numbers that wrap; never 2³¹ apart). */
function atOrAfter(seq: number, target: number): boolean {
  return ((seq - target) | 0) >= 0;
}

export class StoreWriter {
  private readonly worker: Worker;
  private readonly state = new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));
  private readonly checkpointState = new Int32Array(new SharedArrayBuffer(CHECKPOINT_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  /**
   * Whether the thread checkpoints the WAL itself (the wal-index it reads the WAL's length from is of the known
   * version): then no connection that commits may leave SQLite's automatic checkpoint on (engine-store.ts).
   */
  readonly ownCheckpoints: boolean;
  /** The last message handed over, as an int32 (the shared slot's type: after 2³¹ − 1 comes −2³¹). */
  private handed: number;
  /** The last batch handed over (`settleBatches`). */
  private lastBatch: number;
  /** How many failed batches had their memory rebuilt. */
  private failedHandled = 0;
  /** How many failed projections had their rows held again. */
  private projectionFailedHandled = 0;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private closed = false;
  /**
   * Set once the thread stopped unasked: a settle, or a batch handed now, is refused with it (503: not done). The
   * batches in flight were answered `OutcomeUnknownError` (504): whether they reached the file is unknown.
   */
  private dead: StoreFailedError | undefined;
  /**
   * The store's one descriptor of the `-shm` file, which both threads read the wal-index through (wal-index.cjs):
   * open until `closeWalIndex`, after the last connection of this process to the file has closed, because closing
   * a descriptor of that file drops every lock the process holds on it (SQLite's too).
   */
  private walIndexFd: number | undefined;
  /** A projection was handed over since the last `settle` (which then tells of the ones committed). */
  private projecting = false;
  /** How many batches the thread committed and synced (tests). */
  syncs = 0;
  /**
   * How often the engine's thread waited for this thread (`settle`, `settleBatches`: blocked in `Atomics.wait`), and
   * for how long in all (ms): what the bench prints beside the busiest thread. Counted only when it had to wait.
   */
  readonly blocked = { waits: 0, ms: 0 };

  constructor(
    /** The engine's file. */
    databasePath: string,
    /** Whether the thread syncs the WAL after each commit (`synchronous = FULL` asked for). */
    private readonly sync: boolean,
    private readonly events: WriterEvents,
    /** The number the messages count on from (tests: near the int32 wrap). */
    lastBatch = 0,
    /** WAL frames not yet in the database file that wake the checkpointer (tests: fewer). */
    checkpointFrames = CHECKPOINT_FRAMES,
  ) {
    this.handed = this.lastBatch = lastBatch | 0;
    Atomics.store(this.state, DONE, this.handed);
    Atomics.store(this.state, PROJECTED, this.handed);
    // the engine's connection has read the file in WAL mode, so the wal-index is there; the thread reads it again the
    // same way (a connection only maps and fills it at its first read), through this same descriptor
    this.walIndexFd = openWalIndexFile(databasePath);
    this.ownCheckpoints = new WalIndex(this.walIndexFd).read() !== undefined;
    this.worker = new Worker(new URL('./store-writer-thread.cjs', import.meta.url), {
      workerData: {
        path: databasePath,
        walIndexFd: this.walIndexFd,
        sync,
        shared: this.state.buffer,
        checkpoints: this.checkpointState.buffer,
        checkpointFrames,
        timings: TIMINGS,
      },
      // the engine's own command-line flags (a profiler, a heap size) are not the thread's
      execArgv: [],
    });
    this.worker.on('message', (answer: Answer) => this.answered(answer));
    this.worker.on('error', (error: unknown) => this.died(thrownInThread(error)));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.died(new Error(`exit code ${code}`));
    });
    // an idle writer does not keep the process alive (a program that forgets to close its store still ends); one
    // with batches in flight does, or a program awaiting only their answer would end before it (append, settled)
    this.worker.unref();
  }

  /** Hands a batch's event rows and the key counter over; resolves when they are committed and on disk. */
  append(rows: EventRow[], nextKey: number): Promise<void> {
    if (this.closed) return Promise.reject(this.dead ?? new Error("the store's writer thread is closed"));
    const seq = (this.handed + 1) | 0;
    return new Promise<void>((resolve, reject) => {
      // told before it is posted, so the thread never takes itself for idle with this one on its way
      Atomics.store(this.state, HANDED, seq);
      // posted before it counts as handed: a message that cannot be cloned is refused here, not waited for by `settle`
      this.worker.postMessage(TIMINGS ? { seq, rows, nextKey, at: timedNow() } : { seq, rows, nextKey });
      this.handed = this.lastBatch = seq;
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(seq, { resolve, reject });
    });
  }

  /**
   * The WAL's checkpoints so far, counted only when they copied frames (not attempts that found SQLite's checkpoint
   * lock taken or nothing to copy): the checkpointer's catch-ups (off every batch's path), the remainders the writer
   * thread copied when nothing was handed to it, and the checkpoints it made after a message because the WAL had
   * passed its limit (on the path of the messages behind it).
   */
  get checkpoints(): { readonly offPath: number; readonly whenIdle: number; readonly onPath: number } {
    const state = this.checkpointState;
    return { offPath: Atomics.load(state, CATCH_UPS), whenIdle: Atomics.load(state, WHEN_IDLE), onPath: Atomics.load(state, ON_PATH) };
  }

  /** Whether messages can be handed over (not closed, not dead): else the engine's connection writes for itself. */
  get open(): boolean {
    return !this.closed;
  }

  /** The number the next projection handed over gets (`project`); throws when the thread is closed. */
  get nextProjection(): number {
    if (this.closed) throw new Error("the store's writer thread is closed");
    return (this.handed + 1) | 0;
  }

  /**
   * Hands a projection's writes over (numbered `nextProjection`), after the batches handed before it: their events
   * are committed first, and the position the thread saves with the rows covers them. Nothing waits for it here.
   */
  project(writes: ProjectionWrites): void {
    const seq = this.nextProjection;
    // the failures known here: one the thread counted and this side did not yet means these writes were built on it
    // (posted before it counts as handed, as a batch)
    Atomics.store(this.state, HANDED, seq);
    const failures = this.failedHandled + this.projectionFailedHandled;
    this.worker.postMessage(TIMINGS ? { seq, project: writes, failures, at: timedNow() } : { seq, project: writes, failures });
    this.handed = seq;
    this.projecting = true;
  }

  /** Makes a setting on the thread's connection too (a PRAGMA made on the engine's), before the next batch. */
  pragma(source: string): void {
    if (!this.closed) this.worker.postMessage({ pragma: source });
  }

  /**
   * Whether a batch handed over is not committed (or failed) yet: `settle` would wait for it now. Not after the
   * thread died: then `settle` throws at once.
   */
  get committing(): boolean {
    return !this.dead && Atomics.load(this.state, DONE) !== this.handed;
  }

  /**
   * Returns when everything handed over is committed or failed (not necessarily synced): before the engine's
   * connection writes, or reads a projected table. A failure is dealt with first (`WriterEvents`), and the
   * projections committed are told (`projected`), so nothing handed lingers in memory over newer rows.
   */
  settle(): void {
    this.waitFor(this.handed);
    this.checkFailed();
    if (this.projecting) {
      this.projecting = false;
      const last = Atomics.load(this.state, PROJECTED);
      this.events.projected((seq) => atOrAfter(last, seq));
    }
  }

  /**
   * Returns when every batch handed over is committed or failed, the projections after them maybe not: before a
   * batch begins (a failed one leaves memory first), or the event log is read.
   */
  settleBatches(): void {
    this.waitFor(this.lastBatch);
    this.checkFailed();
  }

  /**
   * Waits for what was handed over to be committed, then closes the thread's connection and waits for that too (the
   * engine's connection may be the last one and checkpoint the file). Pending answers come as messages no one reads
   * any more once the engine is stopped: the command queue waited for them before the stop (`idle`).
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.dead) return;
    try {
      this.settle();
    } finally {
      this.worker.postMessage({ close: true });
      Atomics.wait(this.state, CLOSED, 0, SETTLE_TIMEOUT_MS);
    }
  }

  /**
   * Closes the store's descriptor of the `-shm` file: only once every connection of this process to the file is
   * closed (the thread's by `close`, the engine's after it), never before — it would drop their locks on the file.
   * Left open when the thread did not confirm its close (it may still read through it): a descriptor leaks, no lock.
   */
  closeWalIndex(): void {
    if (this.walIndexFd === undefined || !this.closed) return;
    if (!this.dead && Atomics.load(this.state, CLOSED) !== 1) return;
    closeSync(this.walIndexFd);
    this.walIndexFd = undefined;
  }

  // helpers

  /** Waits until message `target` is done (at most `SETTLE_TIMEOUT_MS`). */
  private waitFor(target: number): void {
    if (atOrAfter(Atomics.load(this.state, DONE), target)) return;
    if (this.dead) throw this.dead;
    const startedAt = performance.now();
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    try {
      for (let done = Atomics.load(this.state, DONE); !atOrAfter(done, target); done = Atomics.load(this.state, DONE)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`the store's writer thread did not finish message ${target} within ${SETTLE_TIMEOUT_MS / 1000} s`);
        Atomics.wait(this.state, DONE, done, left);
      }
    } finally {
      this.blocked.waits++;
      this.blocked.ms += performance.now() - startedAt;
    }
  }

  private checkFailed(): void {
    const state = this.state;
    if (Atomics.load(state, FAILED) === this.failedHandled && Atomics.load(state, PROJECTION_FAILED) === this.projectionFailedHandled) return;
    // the thread skips the projections handed after a failure: once all of them are done, memory deals with it once
    this.waitFor(this.handed);
    const failed = Atomics.load(state, FAILED);
    const batchFailed = failed !== this.failedHandled;
    this.failedHandled = failed;
    this.projectionFailedHandled = Atomics.load(state, PROJECTION_FAILED);
    this.projecting = false;
    if (batchFailed) {
      this.events.batchFailed();
    } else {
      const last = Atomics.load(state, PROJECTED);
      this.events.projectionFailed((seq) => atOrAfter(last, seq));
    }
  }

  private answered(answer: Answer): void {
    if (answer.projection) this.projectionAnswered(answer);
    else this.settled(answer);
  }

  private projectionAnswered({ seq, skipped, error }: Answer): void {
    if (error && !skipped) this.events.projectionError(error.message);
    if (!error && !skipped) this.events.projected((handed) => atOrAfter(seq, handed));
    // a failure (this one, or the one it followed) is dealt with now, once everything handed before is done
    else if (!this.dead) this.settleInHandler();
  }

  private settled({ seq, committed, error }: Answer): void {
    const waiter = this.waiting.get(seq);
    this.waiting.delete(seq);
    if (this.waiting.size === 0) this.worker.unref();
    if (!error) {
      if (this.sync) this.syncs++;
      waiter?.resolve();
      return;
    }
    if (committed) {
      waiter?.reject(Object.assign(new Error(error.message), { code: error.code }));
      return;
    }
    // memory drops the batch before anyone hears of the failure
    if (!this.dead) this.settleInHandler(() => this.checkFailed());
    waiter?.reject(new BatchNotCommitted(error.message, error.code));
  }

  /**
   * A wait inside the thread's message handler: one that times out (a thread that stopped answering unnoticed) is
   * left to the next `settle`, which throws where a command or a read can answer for it, instead of ending the
   * process from an event handler.
   */
  private settleInHandler(wait: () => void = () => this.settle()): void {
    try {
      wait();
    } catch (error) {
      console.error(`[engine] the store's writer thread: ${(error as Error).message}`);
    }
  }

  private died(error: Error): void {
    // whether the batches in flight reached the file is unknown: as after a failed fsync (command-queue.ts), nothing
    // of them is acknowledged, and their commands hear so (504), not that they were refused
    this.dead = new StoreFailedError();
    this.dead.cause = error;
    this.closed = true;
    for (const waiter of this.waiting.values()) waiter.reject(Object.assign(new OutcomeUnknownError(), { cause: error }));
    this.waiting.clear();
    this.events.died?.(error);
  }
}
