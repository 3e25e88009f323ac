/**
 * Mode (o): memory per waiting user-task instance. An engine child (open-instances-engine-process.ts, with
 * `--expose-gc`) on a fresh data directory gets the one-user-task process deployed; then `count` instances are
 * created through `POST /v2/process-instances` (`concurrency` requests at once on a keep-alive pool) and each
 * waits in its user task. Memory is read from the child after two full GCs, before and after; the data
 * directory's files (engine.sqlite with its WAL) likewise. The child is handed on, running, to mode (r).
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { deployBenchProcess, BENCH_PROCESS_ID } from './bench-process.js';
import { startChildServer, type ChildServer } from './child-server.js';
import { post } from './lean-client.js';
import { sleep } from './load.js';
import { deployUserTaskProcess, USER_TASK_PROCESS_ID, USER_TASK_VARIABLES } from './user-task-process.js';

export const OPEN_INSTANCES_CHILD = fileURLToPath(new URL('./open-instances-engine-process.ts', import.meta.url));

export interface OpenInstancesResult {
  instances: number;
  /** Wall time of the creates, s, and the rate. */
  createSeconds: number;
  createdPerSecond: number;
  errors: number;
  firstError?: string;
  /** The child's memory after two GCs, bytes, before the creates and after. */
  before: ChildMemory;
  after: ChildMemory;
  /** Bytes of the data directory's files before and after. */
  diskBefore: number;
  diskAfter: number;
  /** Open user tasks the engine counts afterwards, warm-up instances included (capped at 10,000 as on Camunda: then `10000+`). */
  openTasksCounted: string;
  /** Whether the child ran with --expose-gc (else the figures are without a forced GC). */
  gc: boolean;
  /** Spawn → HTTP server listening of the first start on the empty data directory, ms (the restarts' reference). */
  emptyStartMs: number;
}

export interface ChildMemory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export interface OpenInstancesRun {
  result: OpenInstancesResult;
  /** The engine child, still running, and its data directory: mode (r) restarts it. */
  child: ChildServer;
  dataDir: string;
}

/** Instances created before the baseline, so every lazily built cache and statement exists by then. */
export const WARM_UP_INSTANCES = 100;

/** Jobs of the benchmark's service-task process left waiting, one for each restart of mode (r) to activate. */
export const WAITING_JOBS = 4;

export async function measureOpenInstances(options: { count: number; concurrency: number; dataDir?: string }): Promise<OpenInstancesRun> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'engine-bench-open-'));
  const child = await startOpenInstancesEngine(dataDir);
  try {
    await deployUserTaskProcess(child.url);
    await deployBenchProcess(child.url);
    const pool = new Pool(child.url, { connections: options.concurrency, keepAliveTimeout: 60_000 });
    try {
      for (let i = 0; i < WAITING_JOBS; i++) await post(pool, '/v2/process-instances', JSON.stringify({ processDefinitionId: BENCH_PROCESS_ID }));
      await createInstances(pool, WARM_UP_INSTANCES, options.concurrency);
      const before = await memoryOf(child);
      const diskBefore = directoryBytes(dataDir);
      const started = performance.now();
      const created = await createInstances(pool, options.count, options.concurrency);
      const createSeconds = (performance.now() - started) / 1000;
      const page = await settledOpenTasks(pool, WARM_UP_INSTANCES + created.ok);
      const after = await memoryOf(child);
      const diskAfter = directoryBytes(dataDir);
      return {
        child,
        dataDir,
        result: {
          instances: options.count,
          createSeconds,
          createdPerSecond: created.ok / createSeconds,
          errors: created.errors,
          firstError: created.firstError,
          before,
          after,
          diskBefore,
          diskAfter,
          openTasksCounted: `${page.page.totalItems}${page.page.hasMoreTotalItems ? '+' : ''}`,
          gc: before.gc && after.gc,
          emptyStartMs: child.readyAt - child.spawnedAt,
        },
      };
    } finally {
      await pool.close();
    }
  } catch (error) {
    await child.stop();
    throw error;
  }
}

export function startOpenInstancesEngine(dataDir: string): Promise<ChildServer> {
  return startChildServer(OPEN_INSTANCES_CHILD, { env: { BENCH_DATA_DIR: dataDir }, nodeArgs: ['--expose-gc'], ipc: true, readyTimeoutMs: 300_000 });
}

/** Bytes per instance: (after − before) / instances. */
export function perInstance(result: OpenInstancesResult, of: 'rss' | 'heapUsed' | 'disk'): number {
  const delta = of === 'disk' ? result.diskAfter - result.diskBefore : result.after[of] - result.before[of];
  return delta / result.instances;
}

// helpers

/**
 * The open tasks' count once the search shows them all (at most a minute): searches may trail the commands that
 * wrote them, as on Camunda, and memory is read once the engine has settled.
 */
async function settledOpenTasks(pool: Pool, expected: number): Promise<{ page: { totalItems: number; hasMoreTotalItems?: boolean } }> {
  const body = JSON.stringify({ filter: { state: 'CREATED', processDefinitionId: USER_TASK_PROCESS_ID }, page: { limit: 1 } });
  const deadline = performance.now() + 60_000;
  for (;;) {
    const found = (await post(pool, '/v2/user-tasks/search', body)) as { page: { totalItems: number; hasMoreTotalItems?: boolean } };
    if (found.page.totalItems >= Math.min(expected, 10_000) || performance.now() > deadline) return found;
    await sleep(100);
  }
}

async function memoryOf(child: ChildServer): Promise<ChildMemory & { gc: boolean }> {
  return child.ask<ChildMemory & { gc: boolean }>('memory');
}

async function createInstances(pool: Pool, count: number, concurrency: number): Promise<{ ok: number; errors: number; firstError?: string }> {
  const body = JSON.stringify({ processDefinitionId: USER_TASK_PROCESS_ID, variables: USER_TASK_VARIABLES });
  let next = 0;
  let ok = 0;
  let errors = 0;
  let firstError: string | undefined;
  const lane = async () => {
    while (next < count) {
      next++;
      try {
        await post(pool, '/v2/process-instances', body);
        ok++;
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { ok, errors, firstError };
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(path) : statSync(path).size;
  }
  return total;
}
