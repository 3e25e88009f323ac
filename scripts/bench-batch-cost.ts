/**
 * `npx tsx scripts/bench-batch-cost.ts`: the engine's main thread CPU per command batch against the batch's size, in
 * process (docs/performance-notes.md, "The cost of a batch"). The engine is started here (`synchronous = FULL`, the
 * writer thread, the projector as configured) and driven in lock step: a round creates `b` instances of
 * start → service task → end at once (one batch of `b` commands), activates their `b` jobs (one batch of one
 * command) and completes them at once (one batch of `b` commands). The main thread's CPU is read from
 * /proc/self/task/<pid>/stat (user + system, the kernel's exact run time in 10 ms units: a block of rounds is sized
 * to take seconds), so other programs on the machine change the wall time, not the figure.
 *
 * Blocks of `BLOCK_INSTANCES` instances per size, the sizes in a rotated order per repeat; per size the median of the
 * repeats' µs per batch and per instance, then a least-squares fit of a block's CPU per instance against its batches
 * per instance: CPU/instance = c + F · batches/instance (F: fixed per round's batch, c: per instance beside it; the
 * round's one activation is in F too). Beside each block of size b > 1 a block of the same rounds with every create
 * and completion sent alone (`together: 0`): the same commands and requests in 2b + 1 batches instead of 3, so the
 * difference per extra batch (`usPerExtraBatch`) is what a batch costs beside its commands. One JSON line per block
 * and one for the fit; in process with the event loop's utilization (`utilization`: the engine's loop, the driver's
 * rounds in it too), which over HTTP is left out (this process's loop is then the driver's alone).
 *
 * With `BATCH_COST_HTTP=1` the engine runs as `npm run bench` runs it (a child process, its HTTP server, the bench's
 * engine settings) and the same rounds go over HTTP (an undici pool of 64 keep-alive connections: the `b` requests of a
 * round leave at once and arrive in one turn of the child's event loop, mostly); the child's main thread is read from
 * /proc/<pid>/task/<pid>/stat and its batches from its counters (bench/engine-counters.ts: batches handed over).
 *
 * Environment:
 *   BATCH_COST_HTTP     1: over HTTP, the engine in a child process (default: in process)
 *   BATCH_COST_CPU_PROF a directory: over HTTP, the child's CPU profile goes there (`--cpu-prof`)
 *   BATCH_COST_ROUNDS   both (default), together or apart: which blocks run (apart alone: for a profile of its own)
 *   BATCH_SIZES         instances per round (default 1,2,4,8,16,32)
 *   BLOCK_INSTANCES     instances per block (default 2048)
 *   REPEATS             blocks per size (default 5)
 *   WARMUP_INSTANCES    instances before the first block, at the largest size and at 1 (default 4096)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { Engine } from '../engine/engine.js';
import { countBatches, type BatchingStore } from './bench/batch-count.js';
import { BENCH_JOB_TYPE, BENCH_PROCESS_ID, BENCH_PROCESS_XML } from './bench/bench-process.js';
import { startChildServer } from './bench/child-server.js';
import { deployBenchProcessXml } from './bench/deploy-bench-process.js';
import type { CountersRequest, EngineCounters } from './bench/engine-counters.js';
import { envNumber } from './bench/env-number.js';
import { post } from './bench/lean-client.js';

const TENANT = '<default>';
const sizes = (process.env.BATCH_SIZES || '1,2,4,8,16,32').split(',').map(Number);
const blockInstances = envNumber('BLOCK_INSTANCES', 2048);
const repeats = envNumber('REPEATS', 5);
const warmupInstances = envNumber('WARMUP_INSTANCES', 4096);
const roundsKind = process.env.BATCH_COST_ROUNDS || 'both';
if (!['both', 'together', 'apart'].includes(roundsKind)) throw new Error(`BATCH_COST_ROUNDS must be both, together or apart, got '${roundsKind}'`);

/** The main thread's CPU time so far (ms) of process `pid`: its tid is the process id. */
function mainThreadCpuMs(pid = process.pid): number {
  const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields after the name: state is 0, utime 11, stime 12 (stat(5) fields 14 and 15), in clock ticks of 10 ms
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** What a round needs of the engine, in process or over HTTP. */
interface Target {
  create(): Promise<unknown>;
  /** Activates up to `max` jobs; their keys. */
  activate(max: number): Promise<string[]>;
  complete(jobKey: string): Promise<unknown>;
  batches(): Promise<number>;
  cpuMs(): number;
  stop(): Promise<void>;
}

const overHttp = process.env.BATCH_COST_HTTP === '1';
const target = overHttp ? await httpTarget() : await inProcessTarget();

async function inProcessTarget(): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-batch-cost-'));
  const engine = await Engine.start({ dataDir, synchronous: 'FULL', identity: { loopback: true } });
  const batches = countBatches((engine as unknown as { store: BatchingStore }).store);
  await engine.deploy([{ name: `${BENCH_PROCESS_ID}.bpmn`, content: Buffer.from(BENCH_PROCESS_XML) }], TENANT);
  return {
    create: () => engine.createProcessInstance({ processDefinitionId: BENCH_PROCESS_ID, variables: {}, tenantId: TENANT }),
    activate: async (max) =>
      (await engine.activateJobs({ type: BENCH_JOB_TYPE, worker: 'batch-cost', timeout: 60_000, maxJobsToActivate: max, tenantIds: [TENANT] }, -1))
        .map(({ job }) => String(job.key)),
    complete: (jobKey) => engine.completeJob(Number(jobKey), {}),
    batches: async () => batches(),
    cpuMs: () => mainThreadCpuMs(),
    async stop() {
      await engine.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function httpTarget(): Promise<Target> {
  const child = await startChildServer(fileURLToPath(new URL('./bench/engine-process.ts', import.meta.url)), {
    ipc: true,
    cpuProfileDir: process.env.BATCH_COST_CPU_PROF || undefined,
    // a finer sampling than the 1 ms default: a batch's own work is a tenth of that
    nodeArgs: process.env.BATCH_COST_CPU_PROF ? ['--cpu-prof-interval', '100'] : [],
  });
  await deployBenchProcessXml(child.url, BENCH_PROCESS_ID, BENCH_PROCESS_XML);
  const pool = new Pool(child.url, { connections: 64, pipelining: 1, keepAliveTimeout: 60_000 });
  const createBody = JSON.stringify({ processDefinitionId: BENCH_PROCESS_ID, variables: {} });
  return {
    create: () => post(pool, '/v2/process-instances', createBody),
    activate: async (max) => {
      const body = JSON.stringify({ type: BENCH_JOB_TYPE, worker: 'batch-cost', timeout: 60_000, maxJobsToActivate: max, requestTimeout: 500 });
      return ((await post(pool, '/v2/jobs/activation', body)) as { jobs: { jobKey: string }[] }).jobs.map((job) => job.jobKey);
    },
    complete: (jobKey) => post(pool, `/v2/jobs/${jobKey}/completion`, '{}'),
    batches: async () => (await child.ask<EngineCounters>({ counters: true, reset: false } satisfies CountersRequest)).syncs,
    cpuMs: () => mainThreadCpuMs(child.pid),
    async stop() {
      await pool.close();
      await child.stop();
    },
  };
}

/**
 * One round: `b` creates, their jobs activated, each completed. `together`: the creates at once and the completions at
 * once (3 batches); apart: each create and each completion after the one before is answered (2b + 1 batches, the
 * same commands and requests).
 */
async function round(b: number, together: boolean): Promise<void> {
  if (together) await Promise.all(Array.from({ length: b }, () => target.create()));
  else for (let i = 0; i < b; i++) await target.create();
  let left = b;
  while (left > 0) {
    const jobs = await target.activate(left);
    if (jobs.length === 0) throw new Error(`${left} jobs of the round were not activated`);
    left -= jobs.length;
    if (together) await Promise.all(jobs.map((job) => target.complete(job)));
    else for (const job of jobs) await target.complete(job);
  }
}

async function block(b: number, instances: number, together = true) {
  const rounds = Math.max(1, Math.round(instances / b));
  const batches0 = await target.batches();
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = target.cpuMs();
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) await round(b, together);
  const cpuMs = target.cpuMs() - cpu0;
  const wallMs = performance.now() - t0;
  const elu = performance.eventLoopUtilization(elu0);
  const done = rounds * b;
  const batchCount = (await target.batches()) - batches0;
  // (this process's event loop: the engine's in process; over HTTP only the driver's, the engine's is the child's —
  // left out, so it is not read as the engine's)
  const utilization: { utilization?: number } = overHttp ? {} : { utilization: elu.utilization };
  return { b, together: together ? 1 : 0, instances: done, batches: batchCount, cpuMs, wallMs, ...utilization, usPerInstance: (cpuMs * 1000) / done, usPerBatch: (cpuMs * 1000) / batchCount };
}

try {
  await block(Math.max(...sizes), warmupInstances);
  await block(1, warmupInstances / 8);
  const results: Awaited<ReturnType<typeof block>>[] = [];
  /** Per pair of blocks: the CPU per extra batch of the apart block (µs). */
  const extras: { b: number; us: number }[] = [];
  for (let r = 0; r < repeats; r++) {
    for (let i = 0; i < sizes.length; i++) {
      const b = sizes[(i + r) % sizes.length]!;
      // together and apart next to each other, in turns first
      const pair: Awaited<ReturnType<typeof block>>[] = [];
      for (const together of r % 2 ? [false, true] : [true, false]) {
        if ((!together && b === 1) || (roundsKind === 'apart' && together) || (roundsKind === 'together' && !together)) continue;
        const result = await block(b, blockInstances, together);
        results.push(result);
        pair.push(result);
        console.log(JSON.stringify({ repeat: r + 1, ...round2(result), load: loadAverage() }));
      }
      const apart = pair.find((result) => result.together === 0);
      const joined = pair.find((result) => result.together === 1);
      if (apart && joined) extras.push({ b, us: ((apart.cpuMs - joined.cpuMs) * 1000) / (apart.batches - joined.batches) });
    }
  }
  // least squares over every block: usPerInstance = c + F · batches/instance
  const fitted = results.filter((r) => r.together === 1);
  const xs = fitted.map((r) => r.batches / r.instances);
  const ys = fitted.map((r) => r.usPerInstance);
  const mx = mean(xs);
  const my = mean(ys);
  const F = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i]! - my), 0) / xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  const c = my - F * mx;
  const residual = Math.sqrt(mean(ys.map((y, i) => (y - (c + F * xs[i]!)) ** 2)));
  const medians = sizes.map((b) => {
    const of = results.filter((r) => r.b === b && r.together === 1);
    const extra = extras.filter((e) => e.b === b).map((e) => e.us);
    return {
      b,
      usPerInstance: Math.round(median(of.map((r) => r.usPerInstance))),
      usPerBatch: Math.round(median(of.map((r) => r.usPerBatch))),
      ...(overHttp ? {} : { utilization: round3(median(of.map((r) => r.utilization ?? Number.NaN))) }),
      ...(extra.length > 0 ? { usPerExtraBatch: Math.round(median(extra)) } : {}),
    };
  });
  const allExtra = extras.map((e) => e.us);
  console.log(JSON.stringify({
    fit: { usPerBatch: Math.round(F), usPerInstance: Math.round(c), residualUs: Math.round(residual) },
    ...(allExtra.length > 0 ? { usPerExtraBatch: { median: Math.round(median(allExtra)), pairs: allExtra.length } } : {}),
    medians,
  }));
} finally {
  await target.stop();
}

function round2<T extends Record<string, number | undefined>>(result: T): T {
  return Object.fromEntries(Object.entries(result).map(([k, v]) => [k, v === undefined ? v : Math.round(v * 1000) / 1000])) as T;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
