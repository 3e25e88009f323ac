/**
 * How far the engine's WAL runs ahead of its database file, read from SQLite's wal-index: the `-shm` file that every
 * connection to a WAL database maps and updates (https://www.sqlite.org/walformat.html, "The WAL-Index Header" and
 * "The WAL-Index Checkpoint Information"). Two numbers of it: `mxFrame`, the frames in the WAL now (0 after the WAL
 * restarts from its beginning), and `nBackfill`, how many of them a checkpoint has copied into the database file.
 * The store's writer thread and its checkpointer (store-checkpointer-thread.cjs) decide from them when to
 * checkpoint, because better-sqlite3 exposes no `sqlite3_wal_hook` (which tells the same to the committing
 * connection) and the only other way to learn the WAL's length, `PRAGMA wal_checkpoint`, is the checkpoint itself.
 *
 * Read through ONE descriptor of the `-shm` file per store, opened on the engine's thread (`openWalIndexFile`, after
 * the engine's connection opened the file in WAL mode) and handed by number to both threads (descriptors are the
 * process's): nothing here ever closes it. SQLite locks the `-shm` file with POSIX `fcntl` locks, which belong to
 * the whole process, and closing ANY descriptor of the file drops every lock the process holds on it
 * (https://www.sqlite.org/howtocorrupt.html, 2.2): with the engine's lock on it gone, another process opening the
 * file (a backup) takes it for unused, truncates the `-shm`, and the engine dies of SIGBUS at its next query. The
 * store closes the descriptor once its last connection to the file is closed (store-writer.ts, `closeWalIndex`).
 *
 * One `pread` of the header's first 100 bytes (native byte order, as SQLite writes it). Read without SQLite's locks,
 * a header being rewritten may come torn: SQLite writes the header twice (bytes 0–47 and 48–95) and a reader trusts
 * it when both copies agree, so `read` does the same (a few tries, then `undefined` for this read). The numbers only
 * decide when to checkpoint, never what is durable, and the next read is right again. A header of another version
 * than SQLite's 3007000 (the only one since 3.7.0), or not yet initialised, is not trusted: `read` answers
 * `undefined`; at the store's start that leaves SQLite's automatic checkpoints on (store-writer.ts, `ownCheckpoints`).
 */
'use strict';
const { openSync, readSync } = require('node:fs');
const { endianness } = require('node:os');

const VERSION = 3007000;
/** Offsets in the header (walformat.html): iVersion, isInit, mxFrame, the second copy, and nBackfill after the two copies. */
const VERSION_AT = 0;
const IS_INIT_AT = 12;
const FRAMES_AT = 16;
const COPY = 48;
const BACKFILLED_AT = 96;
const READ = 100;
/** Reads of a header whose two copies differ (a writer rewriting it) before this read gives up. */
const TRIES = 3;

/**
 * Opens the store's descriptor of `<databasePath>-shm` (undefined when there is none): call it once per store, after
 * the engine's connection has read the file, and close the descriptor only after every connection of this process to
 * the file is closed (never while one may be open: see above).
 */
function openWalIndexFile(databasePath) {
  try {
    return openSync(`${databasePath}-shm`, 'r');
  } catch {
    return undefined;
  }
}

class WalIndex {
  /** @param {number | undefined} fd the store's descriptor of the `-shm` file (`openWalIndexFile`); never closed here */
  constructor(fd) {
    this.fd = fd;
    this.buffer = Buffer.alloc(READ);
    this.little = endianness() === 'LE';
  }

  /** @returns {{ frames: number, backfilled: number } | undefined} the WAL's frames and how many are checkpointed */
  read() {
    if (this.fd === undefined) return undefined;
    const u32 = (at) => (this.little ? this.buffer.readUInt32LE(at) : this.buffer.readUInt32BE(at));
    for (let tries = 0; tries < TRIES; tries++) {
      try {
        if (readSync(this.fd, this.buffer, 0, READ, 0) < READ) return undefined;
      } catch {
        return undefined;
      }
      // a header being rewritten: its two copies differ (SQLite's readers retry the same way)
      if (this.buffer.compare(this.buffer, 0, COPY, COPY, 2 * COPY) !== 0) continue;
      if (u32(VERSION_AT) !== VERSION || this.buffer[IS_INIT_AT] === 0) return undefined;
      return { frames: u32(FRAMES_AT), backfilled: u32(BACKFILLED_AT) };
    }
    return undefined;
  }
}

module.exports = { openWalIndexFile, WalIndex };
