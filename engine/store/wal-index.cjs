/**
 * How far the engine's WAL runs ahead of its database file, read from SQLite's wal-index: the `-shm` file that every
 * connection to a WAL database maps and updates (https://www.sqlite.org/walformat.html, "The WAL-Index Header" and
 * "The WAL-Index Checkpoint Information"). Two numbers of it: `mxFrame`, the frames in the WAL now (0 after the WAL
 * restarts from its beginning), and `nBackfill`, how many of them a checkpoint has copied into the database file.
 * The store's writer thread and its checkpointer (store-checkpointer-thread.cjs) decide from them when to
 * checkpoint, because better-sqlite3 exposes no `sqlite3_wal_hook` (which tells the same to the committing
 * connection) and the only other way to learn the WAL's length, `PRAGMA wal_checkpoint`, is the checkpoint itself.
 *
 * One `pread` of the header's first 100 bytes (native byte order, as SQLite writes it). Read without SQLite's locks,
 * a header being rewritten may come torn: the numbers only decide when to checkpoint, never what is durable, and the
 * next read is right again. A header of another version than SQLite's 3007000 (the only one since 3.7.0) is not
 * trusted: `read` then answers `undefined` and the callers checkpoint by time instead.
 */
'use strict';
const { closeSync, openSync, readSync } = require('node:fs');
const { endianness } = require('node:os');

const VERSION = 3007000;
/** Offsets in the header (walformat.html): iVersion, mxFrame, and nBackfill after the header's two 48-byte copies. */
const VERSION_AT = 0;
const FRAMES_AT = 16;
const BACKFILLED_AT = 96;
const READ = 100;

class WalIndex {
  /** @param {string} databasePath the database file; its wal-index is this plus `-shm` */
  constructor(databasePath) {
    this.path = `${databasePath}-shm`;
    this.fd = undefined;
    this.buffer = Buffer.alloc(READ);
    this.little = endianness() === 'LE';
  }

  /** @returns {{ frames: number, backfilled: number } | undefined} the WAL's frames and how many are checkpointed */
  read() {
    try {
      // the file exists while any connection is open (it is opened after the caller's own connection)
      if (this.fd === undefined) this.fd = openSync(this.path, 'r');
      if (readSync(this.fd, this.buffer, 0, READ, 0) < READ) return undefined;
    } catch {
      return undefined;
    }
    const u32 = (at) => (this.little ? this.buffer.readUInt32LE(at) : this.buffer.readUInt32BE(at));
    if (u32(VERSION_AT) !== VERSION) return undefined;
    return { frames: u32(FRAMES_AT), backfilled: u32(BACKFILLED_AT) };
  }

  close() {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

module.exports = { WalIndex };
