/**
 * What a kill left at the end of SQLite's write-ahead log (https://www.sqlite.org/fileformat.html#the_write_ahead_log):
 * frames of the current WAL generation (salts equal to the header's) after the last commit frame belong to a
 * transaction that was being written when the process died — a kill during group commit — and a file that ends
 * inside a frame is a torn write. SQLite ignores both on recovery (checksums, commit markers); the chaos run
 * counts them and then checks that every acknowledged command survived.
 *
 * `tearWal` forges the worst case a power cut leaves: a last frame of the current generation written only in part.
 */
import { closeSync, existsSync, openSync, readSync, statSync, writeSync } from 'node:fs';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

export interface WalTail {
  /** Frames of the current generation. */
  frames: number;
  /** Of those, frames after the last commit frame: a transaction cut off mid-write. */
  uncommittedFrames: number;
  /** Bytes after the last whole frame of the current generation, when the file ends there (a torn write). */
  partialBytes: number;
  /** Where the next frame would go. */
  end: number;
}

export function inspectWal(walPath: string): WalTail | undefined {
  if (!existsSync(walPath)) return undefined;
  const size = statSync(walPath).size;
  if (size < WAL_HEADER) return { frames: 0, uncommittedFrames: 0, partialBytes: size, end: 0 };
  const fd = openSync(walPath, 'r');
  try {
    const header = Buffer.alloc(WAL_HEADER);
    readSync(fd, header, 0, WAL_HEADER, 0);
    const pageSize = header.readUInt32BE(8);
    const salt1 = header.readUInt32BE(16);
    const salt2 = header.readUInt32BE(20);
    const frameSize = FRAME_HEADER + pageSize;
    const frameHeader = Buffer.alloc(FRAME_HEADER);
    let frames = 0;
    let lastCommit = 0;
    let offset = WAL_HEADER;
    let otherGeneration = false;
    while (offset + frameSize <= size) {
      readSync(fd, frameHeader, 0, FRAME_HEADER, offset);
      if (frameHeader.readUInt32BE(8) !== salt1 || frameHeader.readUInt32BE(12) !== salt2) {
        otherGeneration = true;
        break;
      }
      frames++;
      if (frameHeader.readUInt32BE(4) !== 0) lastCommit = frames;
      offset += frameSize;
    }
    return { frames, uncommittedFrames: frames - lastCommit, partialBytes: otherGeneration ? 0 : size - offset, end: offset };
  } finally {
    closeSync(fd);
  }
}

/**
 * Appends a torn frame to the WAL: a header of the current generation claiming to commit, followed by half a
 * page of noise (the checksum cannot match). Answers the number of bytes appended.
 */
export function tearWal(walPath: string): number {
  const tail = inspectWal(walPath);
  if (!tail || tail.end === 0) return 0;
  const fd = openSync(walPath, 'r+');
  try {
    const header = Buffer.alloc(WAL_HEADER);
    readSync(fd, header, 0, WAL_HEADER, 0);
    const pageSize = header.readUInt32BE(8);
    const frame = Buffer.alloc(FRAME_HEADER + Math.floor(pageSize / 2));
    frame.writeUInt32BE(1, 0); // page 1
    frame.writeUInt32BE(1, 4); // "commit": database size 1 page
    header.copy(frame, 8, 16, 24); // the current salts
    for (let i = 16; i < frame.length; i++) frame[i] = (i * 131 + 7) & 0xff;
    writeSync(fd, frame, 0, frame.length, tail.end);
    return frame.length;
  } finally {
    closeSync(fd);
  }
}
