/**
 * `npm run bench:engine`: the engine's CPU per completed instance in process (no HTTP), the driver behind the
 * "in process" figures of docs/performance-notes.md (see bench/in-process.ts for what it does). One JSON line per
 * run; compare two versions by alternating runs of each (this machine's throughput swings by a factor of two).
 *
 * Environment:
 *   BENCH_SECONDS         measurement window (default 10)
 *   BENCH_WARMUP_SECONDS  warm-up before the window (default 2)
 *   BENCH_WORKLOAD        "service-task" (default), "user-task", "publish", "publish-correlating", "business-rule" or "parallel"
 *   BENCH_CLIENTS         creating clients (default 8 for service-task and parallel, 16 for the others)
 *   BENCH_WORKERS         job-working clients of service-task and parallel (default 4)
 *   BENCH_MESSAGE_TTL_MS  the time to live of publish's messages (default 0: not buffered)
 *   BENCH_FAILING_EVERY_MS  beside the workload, one client completes an unknown job every this many ms (default 0: none)
 *   BENCH_RUNS            runs one after another, each on a fresh engine (default 1)
 */
import { IN_PROCESS_WORKLOADS, measureInProcess, type InProcessWorkload } from './bench/in-process.js';
import { envNumber } from './bench/env-number.js';

const workload = (process.env.BENCH_WORKLOAD || 'service-task') as InProcessWorkload;
if (!IN_PROCESS_WORKLOADS.includes(workload))
  throw new Error(`BENCH_WORKLOAD must be one of ${IN_PROCESS_WORKLOADS.join(', ')}, got '${workload}'`);
const options = {
  workload,
  windowMs: envNumber('BENCH_SECONDS', 10) * 1000,
  warmupMs: envNumber('BENCH_WARMUP_SECONDS', 2) * 1000,
  creators: envNumber('BENCH_CLIENTS', workload === 'service-task' || workload === 'parallel' ? 8 : 16),
  workers: envNumber('BENCH_WORKERS', 4),
  messageTtlMs: process.env.BENCH_MESSAGE_TTL_MS ? envNumber('BENCH_MESSAGE_TTL_MS', 0) : 0,
  failingEveryMs: process.env.BENCH_FAILING_EVERY_MS ? envNumber('BENCH_FAILING_EVERY_MS', 0) : 0,
};
const runs = envNumber('BENCH_RUNS', 1);

for (let run = 1; run <= runs; run++) {
  const result = await measureInProcess(options);
  console.log(JSON.stringify({
    run,
    workload,
    clients: options.creators,
    ...(workload === 'service-task' || workload === 'parallel' ? { workers: options.workers } : {}),
    ...(workload === 'publish' ? { messageTtlMs: options.messageTtlMs } : {}),
    ...(options.failingEveryMs ? { failingEveryMs: options.failingEveryMs, failedCommands: result.failedCommands } : {}),
    windowSeconds: options.windowMs / 1000,
    engineCpuPerInstanceUs: Math.round(result.cpuPerInstanceUs),
    userUs: Math.round(result.userPerInstanceUs),
    systemUs: Math.round(result.systemPerInstanceUs),
    instancesPerSecond: Math.round(result.instancesPerSecond),
    instances: result.instances,
    forcedProjectionsPerInstance: round3(result.forcedProjectionsPerInstance),
    batchesPerInstance: round3(result.batchesPerInstance),
  }));
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
