/**
 * The command batch's durability without blocking the engine's thread. With `synchronous = FULL`, SQLite calls
 * fsync inside COMMIT, on the thread that runs everything else: HTTP parsing, replies, long polls, the projector
 * all wait for the disk (on the benchmark machine 1.5 ms typically, 10–90 ms at the 99th and 99.9th percentile).
 * Instead the batch commits with `synchronous = NORMAL` (its WAL frames written, not synced) and this syncs the
 * WAL file on libuv's thread pool; the command queue replies only when that sync is done, so the promise is
 * unchanged: an acknowledged command is on disk. Power-cut safety of what is not yet acknowledged is SQLite's own
 * (in WAL mode a NORMAL commit counts only with its commit frame, and SQLite syncs the WAL before every
 * checkpoint copies frames into the database file).
 */
import { close, closeSync, fsync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StoreConnection } from './store-connection.js';

export class WalSync {
  private walFd: number | undefined;
  private inFlight = 0;
  private closing = false;

  constructor(private readonly db: StoreConnection) {}

  /** Runs `commit` (an outermost transaction) so that its COMMIT writes the WAL without syncing it. */
  withoutSync<T>(commit: () => T): T {
    // (through `pragma`, not a statement prepared once: SQLite applies this pragma when the statement is prepared,
    // so running a kept one again does not reliably set it)
    this.db.pragma('synchronous = NORMAL');
    try {
      return commit();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  /** Resolves once everything committed so far is on disk: one fsync of the WAL file, on the thread pool. */
  sync(): Promise<void> {
    let fd: number;
    try {
      fd = this.fd();
    } catch (error) {
      return Promise.reject(error as Error);
    }
    this.inFlight++;
    return new Promise<void>((resolve, reject) => {
      fsync(fd, (error) => {
        this.inFlight--;
        if (this.closing && this.inFlight === 0) this.closeFd();
        if (error) reject(error);
        else resolve();
      });
    });
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
    this.walFd = openSync(`${this.db.name}-wal`, 'r');
    const dir = openSync(dirname(this.db.name), 'r');
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
