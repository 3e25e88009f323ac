/**
 * The disk's fsync latency, measured beside mode (l): a WAL-like loop on the filesystem that holds the engine's
 * data directory (a fresh directory under the same temp directory), run on its own (not while the engine runs).
 * Each turn writes two WAL frames (2 × (4096 + 24) bytes) after the previous ones, wrapping to the file's start
 * after 1,000 frames as SQLite's WAL restarts after a checkpoint, then fsyncs the file on libuv's thread pool —
 * the call and the place the engine's batch waits for (engine/store/wal-sync.ts). Only the fsync is timed: the
 * engine writes the frames in COMMIT and then waits for the fsync alone.
 *
 * A job's path in the engine waits for the sync of every command batch it needs (engine/processor/command-queue.ts,
 * job-poll-registry.ts): the create (the job is created inside it), the activation (none when the job is handed to
 * a poll already waiting at its creation), the completion. A batch starts only after the previous batch's sync,
 * so each of those may also wait for one sync already under way.
 */
import { close, fsync, mkdtempSync, open, rmSync, write } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { percentile } from './instance-tracker.js';
import { filesystemOf } from './machine-info.js';

const FRAME_BYTES = 4096 + 24;
const FRAMES_PER_SYNC = 2;
const FRAMES_BEFORE_RESTART = 1000;

/** Synced batches on a job's path: create, activation, completion. */
const SYNCS_ON_JOB_PATH = { create: 1, activation: 1, completion: 1 } as const;
const OWN_SYNCS = Object.values(SYNCS_ON_JOB_PATH).reduce((a, b) => a + b, 0);

export interface FsyncSummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface FsyncProbeResult extends FsyncSummary {
  seconds: number;
  bytesPerSync: number;
  /** Filesystem and mount of the directory probed, e.g. "ext4 (/tmp on /)". */
  filesystem: string;
  /** The synced batches a job's path waits for: its own, and at most one under way before each. */
  pathSyncs: { own: number; withOneAhead: number };
  /** The fsync a path of `own` / `withOneAhead` syncs meets at its own 99th percentile (ms). */
  pathP99: { own: number; withOneAhead: number };
}

/** p50, p99 and max of fsync durations (ms), nearest rank; NaN when empty. */
export function summarizeFsyncs(samples: readonly number[]): FsyncSummary {
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: samples.length === 0 ? Number.NaN : Math.max(...samples),
  };
}

/**
 * The slowest of `syncs` independent fsyncs at the path's `p`-th percentile: the fsync percentile q with
 * 1 − (q/100)^syncs = 1 − p/100, i.e. q = 100 × (p/100)^(1/syncs). With 3 syncs a path's p99 meets the fsync's
 * p99.67; the path's p99 is at least that one sync plus the others' typical time.
 */
export function slowestSyncOfPath(samples: readonly number[], syncs: number, p = 99): number {
  return percentile(samples, 100 * (p / 100) ** (1 / syncs));
}

/** Runs the loop for `seconds` in a fresh directory under `dir` (the engine's temp directory by default). */
export async function measureFsync(options: { seconds: number; dir?: string }): Promise<FsyncProbeResult> {
  const parent = options.dir ?? tmpdir();
  const dir = mkdtempSync(join(parent, 'fsync-probe-'));
  const fd = await promisify(open)(join(dir, 'probe-wal'), 'w');
  const chunk = randomBytes(FRAME_BYTES * FRAMES_PER_SYNC);
  const samples: number[] = [];
  try {
    const startedAt = performance.now();
    let frame = 0;
    while (performance.now() - startedAt < options.seconds * 1000) {
      if (frame + FRAMES_PER_SYNC > FRAMES_BEFORE_RESTART) frame = 0;
      await promisify(write)(fd, chunk, 0, chunk.length, frame * FRAME_BYTES);
      frame += FRAMES_PER_SYNC;
      const syncAt = performance.now();
      await promisify(fsync)(fd);
      samples.push(performance.now() - syncAt);
    }
    return {
      ...summarizeFsyncs(samples),
      seconds: (performance.now() - startedAt) / 1000,
      bytesPerSync: chunk.length,
      filesystem: filesystemOf(parent),
      pathSyncs: { own: OWN_SYNCS, withOneAhead: 2 * OWN_SYNCS },
      pathP99: { own: slowestSyncOfPath(samples, OWN_SYNCS), withOneAhead: slowestSyncOfPath(samples, 2 * OWN_SYNCS) },
    };
  } finally {
    await promisify(close)(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}
