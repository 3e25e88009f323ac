/**
 * One measured run: a client (lean or SDK) against a server (engine or stand-in) in a child process. Warm-up,
 * then a fixed window in which completions, latencies and CPU time are counted, then the client stops creating
 * and drains, and the server's own count of COMPLETED instances is read.
 */
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { deployBenchProcess } from './bench-process.js';
import { startChildServer } from './child-server.js';
import { InstanceTracker, percentile } from './instance-tracker.js';
import { countCompletedInstances } from './lean-client.js';
import { sleep, type Load } from './load.js';
import { cpuPerInstanceUs } from './cpu-bound.js';
import type { CountersRequest, EngineCounters } from './engine-counters.js';
import type { FsyncSummary } from './fsync-probe.js';
import { busiestThread, cpuTimeMs, machineBusyMs, threadCpuTimesMs } from './process-cpu.js';

export type Target = 'engine' | 'stand-in';

export interface RunOptions {
  warmupMs: number;
  measureMs: number;
  drainMs: number;
  /** Write a V8 CPU profile of the engine child here (`--cpu-prof`). */
  cpuProfileDir?: string;
}

export interface RunResult {
  target: Target;
  seconds: number;
  /** Instances whose job completion was acknowledged inside the window. */
  completed: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** All acknowledged completions of the run (warm-up, window, drain). */
  clientCompletedTotal: number;
  /** The server's count of COMPLETED instances after the run. */
  serverCompleted: number;
  errors: number;
  firstError?: string;
  /** CPU use in the window, % of one core. */
  serverCpu?: number;
  clientCpu?: number;
  /** CPU other programs on the machine used in the window, % of one core (noise). */
  otherCpu?: number;
  /** CPU time per instance completed in the window, µs: the server child's and the client's (this process). */
  serverCpuPerInstanceUs?: number;
  clientCpuPerInstanceUs?: number;
  /** The server child's busiest thread in the window: its name and CPU use, % of one core. */
  serverBusiestThread?: { name: string; cpu: number };
  /** Cores the machine offers this process (`os.availableParallelism()`). */
  cores: number;
  /** The engine's batch syncs in the window (engine runs only). */
  engineSyncs?: EngineSyncs;
  /** The window on the machine's monotonic clock, µs (`process.hrtime`, V8's CPU profiles): a profile's samples in it. */
  windowUs: { from: number; to: number };
  /**
   * The client's (this process's) event loop delay in the window, ms: how late a reply or a timer was taken up because
   * the client's own thread was held (its work, GC, or the core taken by the server on a 2-core machine).
   */
  clientLoopDelay: EngineCounters['loopDelay'];
}

export interface EngineSyncs {
  /** WAL syncs (one per command batch) per instance completed in the window. */
  perInstance: number;
  /** Share (0–1) of the jobs created in the window that a waiting long poll took at once: no activation batch. */
  handedAtCreation: number;
  /** The engine's own waits for its WAL fsync in the window, ms. */
  wait: FsyncSummary;
  /** What held the engine's thread in the window, ms: its event loop's delay, the projector's runs, GC pauses. */
  loopDelay: EngineCounters['loopDelay'];
  projector: FsyncSummary;
  gc: FsyncSummary;
  /** The engine's thread blocked waiting for the store's writer thread in the window: how often, ms in all. */
  writerBlocked: { waits: number; ms: number };
  /** The WAL's checkpoints in the window: off the batches' path, the writer thread's when idle, on a message's path. */
  checkpoints: EngineCounters['checkpoints'];
  /** The share (0–1) of the window the engine's event loop was not idle (`eventLoopUtilization`). */
  loopUtilization: number;
}

const CHILD_FILES: Record<Target, string> = {
  engine: fileURLToPath(new URL('./engine-process.ts', import.meta.url)),
  'stand-in': fileURLToPath(new URL('./stand-in-process.ts', import.meta.url)),
};

export async function measureRun(target: Target, makeLoad: (url: string, tracker: InstanceTracker) => Load, options: RunOptions): Promise<RunResult> {
  const server = await startChildServer(CHILD_FILES[target], {
    cpuProfileDir: target === 'engine' ? options.cpuProfileDir : undefined,
    ipc: target === 'engine',
  });
  const counters = (reset: boolean) =>
    target === 'engine' ? server.ask<EngineCounters>({ counters: true, reset } satisfies CountersRequest) : Promise.resolve(undefined);
  try {
    if (target === 'engine') await deployBenchProcess(server.url);
    const tracker = new InstanceTracker();
    const load = makeLoad(server.url, tracker);
    load.start();
    await sleep(options.warmupMs);

    const counters0 = await counters(true);
    const serverCpu0 = cpuTimeMs(server.pid);
    const threads0 = threadCpuTimesMs(server.pid);
    const clientCpu0 = cpuTimeMs();
    const machine0 = machineBusyMs();
    const clientLoop = monitorEventLoopDelay({ resolution: 1 });
    clientLoop.enable();
    tracker.openWindow();
    const windowFromUs = monotonicUs();
    await sleep(options.measureMs);
    const window = tracker.closeWindow();
    const windowToUs = monotonicUs();
    clientLoop.disable();
    const serverCpu1 = cpuTimeMs(server.pid);
    const threads1 = threadCpuTimesMs(server.pid);
    const clientCpu1 = cpuTimeMs();
    const machine1 = machineBusyMs();
    const counters1 = await counters(false);

    await load.stop(options.drainMs);
    const serverCompleted = await countCompletedInstances(server.url);
    const share = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : ((b - a) / (window.seconds * 1000)) * 100);
    const used = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : b - a);
    const busiest = busiestThread(threads0, threads1);
    const serverCpu = share(serverCpu0, serverCpu1);
    const clientCpu = share(clientCpu0, clientCpu1);
    const machineCpu = share(machine0, machine1);
    return {
      target,
      seconds: window.seconds,
      completed: window.completed,
      perSecond: window.completed / window.seconds,
      p50: percentile(tracker.latencies, 50),
      p99: percentile(tracker.latencies, 99),
      clientCompletedTotal: tracker.completed,
      serverCompleted,
      errors: tracker.errors,
      firstError: tracker.firstError,
      serverCpu,
      clientCpu,
      otherCpu:
        machineCpu === undefined || serverCpu === undefined || clientCpu === undefined
          ? undefined
          : Math.max(0, machineCpu - serverCpu - clientCpu),
      serverCpuPerInstanceUs: cpuPerInstanceUs(used(serverCpu0, serverCpu1), window.completed),
      clientCpuPerInstanceUs: cpuPerInstanceUs(used(clientCpu0, clientCpu1), window.completed),
      serverBusiestThread: busiest && { name: busiest.name, cpu: (busiest.ms / (window.seconds * 1000)) * 100 },
      cores: availableParallelism(),
      engineSyncs: counters0 && counters1 && window.completed > 0 ? engineSyncs(counters0, counters1, window.completed) : undefined,
      windowUs: { from: windowFromUs, to: windowToUs },
      clientLoopDelay: { p50: clientLoop.percentile(50) / 1e6, p99: clientLoop.percentile(99) / 1e6, max: clientLoop.max / 1e6 },
    };
  } finally {
    await server.stop();
  }
}

// helpers

function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

function engineSyncs(before: EngineCounters, after: EngineCounters, completed: number): EngineSyncs {
  const offered = after.offered - before.offered;
  return {
    perInstance: (after.syncs - before.syncs) / completed,
    handedAtCreation: offered === 0 ? 0 : (after.handed - before.handed) / offered,
    wait: after.sync,
    loopDelay: after.loopDelay,
    projector: after.projector,
    gc: after.gc,
    writerBlocked: { waits: after.writerBlocked.waits - before.writerBlocked.waits, ms: after.writerBlocked.ms - before.writerBlocked.ms },
    checkpoints: {
      offPath: after.checkpoints.offPath - before.checkpoints.offPath,
      whenIdle: after.checkpoints.whenIdle - before.checkpoints.whenIdle,
      onPath: after.checkpoints.onPath - before.checkpoints.onPath,
    },
    loopUtilization: after.loopUtilization,
  };
}
