/**
 * The durability of commits without SQLite's sync inside COMMIT. With `synchronous = FULL` asked for, the connection
 * runs at `synchronous = NORMAL` all the time (a COMMIT writes its WAL frames without syncing them) and this syncs
 * the WAL file instead, at the two places a commit's caller learns of it:
 * - the command batch (command-queue.ts): `sync` runs fsync on libuv's thread pool, and the queue replies only when
 *   it is done. With FULL, SQLite would call fsync inside COMMIT, on the thread that runs everything else (HTTP
 *   parsing, replies, long polls, the projector all waiting for the disk: on the benchmark machine 1.5 ms typically,
 *   10–90 ms at the 99th and 99.9th percentile);
 * - every other commit (an outermost transaction outside the batch, a write outside any transaction: identity
 *   changes, sessions, login failures, the store's own bookkeeping at open): `syncNow`, right after the commit and
 *   before its caller goes on, which is what FULL did inside COMMIT (store-connection.ts, engine-store.ts).
 * With the projection, the command batch is written and synced by the store's writer thread instead (store-writer.ts,
 * the same fsync of the same file on that thread), unless a command of it wrote SQL on this connection.
 * Only the projector's transaction is left unsynced (engine-store.ts says why). The connection stays at NORMAL
 * instead of being switched for each batch: the `PRAGMA` pair cost more CPU per batch than the rest of the commit
 * path at low load. Power-cut safety of what is not yet acknowledged is SQLite's own (in WAL mode a NORMAL commit
 * counts only with its commit frame, and SQLite syncs the WAL before every checkpoint copies frames into the
 * database file). A failed sync ends the process (`fatal`): after a failed fsync the kernel may have dropped the
 * pages, so what memory holds may not be on disk, and only a restart from the file is sure.
 */
import { close, closeSync, fsync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export class WalSync {
  private walFd: number | undefined;
  private inFlight = 0;
  private closing = false;
  /** How many syncs ran, on this thread and on the pool (tests). */
  readonly syncs = { now: 0, later: 0 };

  constructor(
    /** The database file; its WAL file is this plus `-wal`. */
    private readonly databasePath: string,
    private readonly fatal: (error: unknown) => void = (error) =>
      setImmediate(() => {
        throw error;
      }),
  ) {}

  /** Resolves once everything committed so far is on disk: one fsync of the WAL file, on the thread pool. */
  sync(): Promise<void> {
    let fd: number;
    try {
      fd = this.fd();
    } catch (error) {
      return Promise.reject(error as Error);
    }
    this.inFlight++;
    this.syncs.later++;
    return new Promise<void>((resolve, reject) => {
      fsync(fd, (error) => {
        this.inFlight--;
        if (this.closing && this.inFlight === 0) this.closeFd();
        if (error) reject(error);
        else resolve();
      });
    });
  }

  /** Everything committed so far is on disk when this returns (fsync on this thread); throws and ends the process when not. */
  syncNow(): void {
    try {
      fsyncSync(this.fd());
      this.syncs.now++;
    } catch (error) {
      this.fatal(error);
      throw error;
    }
  }

  /** Closes the WAL file (after a sync still running); the connection's own close syncs what is left. */
  close(): void {
    this.closing = true;
    if (this.inFlight === 0) this.closeFd();
  }

  // helpers

  private fd(): number {
    if (this.walFd !== undefined) return this.walFd;
    // The WAL file keeps its inode while any connection is open (SQLite deletes it only when the last one closes,
    // and restarts it in place), so one descriptor serves the connection's life. Its directory entry is made
    // durable once, as SQLite's own first sync of a new WAL does.
    this.walFd = openSync(`${this.databasePath}-wal`, 'r');
    const dir = openSync(dirname(this.databasePath), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    return this.walFd;
  }

  private closeFd(): void {
    if (this.walFd === undefined) return;
    close(this.walFd, () => undefined);
    this.walFd = undefined;
  }
}
