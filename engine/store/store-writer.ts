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
 * is on disk is unknown, which ends the process as a failed fsync always did (command-queue.ts, `diskFailed`).
 */
import { Worker } from 'node:worker_threads';

/** A row of `events` as bound values: process instance key, timestamp, records (JSON), actor. */
export type EventRow = [processInstanceKey: number | null, timestamp: string, records: string, actor: string | null];

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
 * Slots of the shared Int32Array (store-writer-thread.cjs has the same): the last batch done (its number as an
 * int32: batch numbers wrap around, and only equality is ever asked of them), how many batches failed (a count, so
 * a wrap cannot hide one), and whether the thread closed its connection.
 */
const DONE = 0;
const FAILED = 1;
const CLOSED = 2;

/** How long the engine's thread waits for the writer before it gives up (a thread that died answers nothing). */
const SETTLE_TIMEOUT_MS = 30_000;

interface Answer {
  seq: number;
  committed?: boolean;
  error?: { message: string; code?: string };
}

export class StoreWriter {
  private readonly worker: Worker;
  private readonly state = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  /** The last batch handed over, as an int32 (the shared slot's type: after 2³¹ − 1 comes −2³¹). */
  private handed: number;
  /** How many failed batches had their memory rebuilt. */
  private failedHandled = 0;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private closed = false;
  /** Why the thread stopped unasked (its batches in flight are lost to this process). */
  private dead: Error | undefined;
  /** Called once the batches handed over so far are answered (`whenAnswered`). */
  private answeredCallbacks: (() => void)[] = [];
  /** How many batches the thread committed and synced (tests). */
  syncs = 0;

  constructor(
    /** The engine's file. */
    databasePath: string,
    /** Whether the thread syncs the WAL after each commit (`synchronous = FULL` asked for). */
    private readonly sync: boolean,
    /** A handed batch failed before its commit: the engine's memory must drop it (engine-store.ts). */
    private readonly failed: () => void,
    /** The number the batches count on from (tests: near the int32 wrap). */
    lastBatch = 0,
  ) {
    this.handed = lastBatch | 0;
    Atomics.store(this.state, DONE, this.handed);
    this.worker = new Worker(new URL('./store-writer-thread.cjs', import.meta.url), {
      workerData: { path: databasePath, sync, shared: this.state.buffer },
      // the engine's own command-line flags (a profiler, a heap size) are not the thread's
      execArgv: [],
    });
    this.worker.on('message', (answer: Answer) => this.answered(answer));
    this.worker.on('error', (error) => this.died(error));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.died(new Error(`the store's writer thread stopped (exit code ${code})`));
    });
    // an idle writer does not keep the process alive (a program that forgets to close its store still ends); one
    // with batches in flight does, or a program awaiting only their answer would end before it (append, settled)
    this.worker.unref();
  }

  /** Hands a batch's event rows and the key counter over; resolves when they are committed and on disk. */
  append(rows: EventRow[], nextKey: number): Promise<void> {
    if (this.closed) return Promise.reject(new Error("the store's writer thread is closed"));
    const seq = (this.handed = (this.handed + 1) | 0);
    return new Promise<void>((resolve, reject) => {
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(seq, { resolve, reject });
      this.worker.postMessage({ seq, rows, nextKey });
    });
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

  /** Calls `callback` once every batch handed over so far is answered (at once when none is waiting). */
  whenAnswered(callback: () => void): void {
    if (this.waiting.size === 0) callback();
    else this.answeredCallbacks.push(callback);
  }

  /**
   * Returns when every batch handed over is committed or failed (not necessarily synced): before the engine's
   * connection writes, or reads the event log. A failed one rebuilds memory first (`failed`).
   */
  settle(): void {
    if (Atomics.load(this.state, DONE) === this.handed) {
      this.checkFailed();
      return;
    }
    if (this.dead) throw this.dead;
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    for (let done = Atomics.load(this.state, DONE); done !== this.handed; done = Atomics.load(this.state, DONE)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the store's writer thread did not finish batch ${this.handed} within ${SETTLE_TIMEOUT_MS / 1000} s`);
      Atomics.wait(this.state, DONE, done, left);
    }
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

  // helpers

  private checkFailed(): void {
    const failed = Atomics.load(this.state, FAILED);
    if (failed !== this.failedHandled) {
      this.failedHandled = failed;
      this.failed();
    }
  }

  private answered(answer: Answer): void {
    this.settled(answer);
    if (this.waiting.size > 0 || this.answeredCallbacks.length === 0) return;
    const callbacks = this.answeredCallbacks;
    this.answeredCallbacks = [];
    for (const callback of callbacks) callback();
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
    this.checkFailed();
    waiter?.reject(new BatchNotCommitted(error.message, error.code));
  }

  private died(error: Error): void {
    // whether the batches in flight reached the file is unknown: as after a failed fsync (command-queue.ts)
    this.dead = error;
    this.closed = true;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
