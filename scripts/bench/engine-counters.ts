/**
 * Counters inside the benchmark's engine child, read by the benchmark over IPC: the batches' waits for the disk (how
 * many, and how long each took from the batch's end to its durability: on the store's writer thread its commit and
 * fsync, or, for a batch written on the engine's connection, the fsync on libuv's pool; queueing included) and the new jobs
 * offered to a waiting long poll at their creation (handed: no activation batch on that job's path); and what held
 * the engine's thread: its event loop's delay (node's histogram, 1 ms resolution), the projector's runs, the GC
 * pauses, its waits for the store's writer thread (the store's own always-on counter) and its event loop's busy share. They wrap the engine's own methods in the child only; each call costs a counter and, per sync or projector
 * run, two clock reads.
 */
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { EngineStore } from '../../engine/store/engine-store.js';
import { JobPollRegistry } from '../../engine/processor/job-poll-registry.js';
import { summarizeFsyncs, type FsyncSummary } from './fsync-probe.js';

export interface EngineCounters {
  syncs: number;
  /** New jobs offered to waiting polls at their creation, and how many of them a poll took. */
  offered: number;
  handed: number;
  /** The syncs' durations since the last read that reset them, ms. */
  sync: FsyncSummary;
  /** Since the same reset, ms: the event loop's delay (p50, p99, max), the projector's runs, the GC pauses. */
  loopDelay: { p50: number; p99: number; max: number };
  projector: FsyncSummary;
  gc: FsyncSummary;
  /** Since the engine started: how often and how long (ms, in all) its thread was blocked waiting for the writer thread. */
  writerBlocked: { waits: number; ms: number };
  /**
   * Since the engine started: the WAL's checkpoints (engine-store.ts, `writerCheckpoints`): the checkpointer's
   * catch-ups off the batches' path, the writer thread's small ones when idle, and its own on a message's path.
   */
  checkpoints: { offPath: number; whenIdle: number; onPath: number };
  /** Since the same reset: the share (0–1) of the time the event loop was not idle (`eventLoopUtilization`). */
  loopUtilization: number;
}

/** The message the benchmark sends; `reset`: start the sync durations afresh after this answer. */
export interface CountersRequest {
  counters: true;
  reset: boolean;
}

export function installEngineCounters(): void {
  let syncs = 0;
  let offered = 0;
  let handed = 0;
  let durations: number[] = [];
  /** The engine's store's waits for its writer, known from its first batch (the child runs one engine). */
  let writerBlocked: () => { waits: number; ms: number } | undefined = () => undefined;
  let checkpoints: () => EngineCounters['checkpoints'] | undefined = () => undefined;
  const durable = EngineStore.prototype.durable;
  EngineStore.prototype.durable = function (this: EngineStore) {
    writerBlocked = () => this.writerBlocked();
    checkpoints = () => this.writerCheckpoints();
    const waiting = durable.call(this);
    if (!waiting) return waiting;
    syncs++;
    const startedAt = performance.now();
    return waiting.finally(() => durations.push(performance.now() - startedAt));
  };
  const offer = JobPollRegistry.prototype.offer;
  JobPollRegistry.prototype.offer = function (this: JobPollRegistry, ...args: Parameters<typeof offer>) {
    offered++;
    const took = offer.apply(this, args);
    if (took) handed++;
    return took;
  };
  // the projector's work on the engine's thread: its timer's hand-over to the writer thread (`handOver`, private: the
  // rows turned into bound values and posted), or `project` (a read's or the stop's, waiting for the writer; or
  // writing on this connection without one), counted once where one calls the other
  let projections: number[] = [];
  let inProjector = false;
  const prototype = EngineStore.prototype as unknown as Record<'project' | 'handOver', (this: EngineStore) => void>;
  for (const name of ['project', 'handOver'] as const) {
    const run = prototype[name];
    prototype[name] = function (this: EngineStore) {
      if (inProjector) return run.call(this);
      inProjector = true;
      const startedAt = performance.now();
      try {
        run.call(this);
      } finally {
        inProjector = false;
        projections.push(performance.now() - startedAt);
      }
    };
  }
  let pauses: number[] = [];
  new PerformanceObserver((list) => pauses.push(...list.getEntries().map((entry) => entry.duration))).observe({ entryTypes: ['gc'] });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let utilization = performance.eventLoopUtilization();
  process.on('message', (message: Partial<CountersRequest>) => {
    if (message.counters !== true) return;
    const answer: EngineCounters = {
      syncs,
      offered,
      handed,
      sync: summarizeFsyncs(durations),
      loopDelay: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
      projector: summarizeFsyncs(projections),
      gc: summarizeFsyncs(pauses),
      writerBlocked: { ...(writerBlocked() ?? { waits: 0, ms: 0 }) },
      checkpoints: { ...(checkpoints() ?? { offPath: 0, whenIdle: 0, onPath: 0 }) },
      loopUtilization: performance.eventLoopUtilization(utilization).utilization,
    };
    if (message.reset) {
      durations = [];
      projections = [];
      pauses = [];
      loop.reset();
      utilization = performance.eventLoopUtilization();
    }
    process.send?.(answer);
  });
}
