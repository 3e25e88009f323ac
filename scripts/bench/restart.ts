/**
 * Mode (r): restart with the open instances of mode (o). The engine child is stopped — once with SIGTERM (a clean
 * stop: the current batch commits, the database closes), once with SIGKILL (a crash: SQLite recovers from its
 * WAL) — and a new child is started on the same data directory. Each figure is measured from the spawn of the new
 * process (node and tsx start-up included, as `npm run engine` would pay them): its HTTP server listening,
 * `GET /v2/topology` answered, a user-task search answering a full page of the waiting tasks (asked again until it
 * does, should searches trail the start), and a job activation handing out one of the jobs left waiting before
 * the stop. Ready = all of these.
 */
import { Pool } from 'undici';
import { BENCH_JOB_TYPE } from './bench-process.js';
import type { ChildServer } from './child-server.js';
import { post } from './lean-client.js';
import { sleep } from './load.js';
import { startOpenInstancesEngine } from './open-instances.js';
import { USER_TASK_PROCESS_ID } from './user-task-process.js';
import { BENCH_AUTHORIZATION } from './bench-credentials.js';

export interface RestartResult {
  signal: 'SIGTERM' | 'SIGKILL';
  /** From the signal to the old process's exit, ms. */
  stopMs: number;
  /** From the spawn of the new process, ms. */
  listeningMs: number;
  topologyMs: number;
  userTaskSearchMs: number;
  jobActivationMs: number;
  readyMs: number;
  /** Items of the search's first page (50 expected) and the job activated. */
  searchItems: number;
  jobsActivated: number;
}

/** Restarts `child` once per signal on `dataDir`; answers the figures and the child that runs at the end. */
export async function measureRestarts(child: ChildServer, dataDir: string, signals: readonly RestartResult['signal'][] = ['SIGTERM', 'SIGKILL']): Promise<{ results: RestartResult[]; child: ChildServer }> {
  const results: RestartResult[] = [];
  let current = child;
  for (const signal of signals) {
    const stopping = performance.now();
    await current.kill(signal);
    const stopMs = performance.now() - stopping;
    current = await startOpenInstancesEngine(dataDir);
    results.push({ signal, stopMs, ...(await readiness(current)) });
  }
  return { results, child: current };
}

// helpers

/** The first page of the waiting tasks, asked again until it is full (searches may trail a start; at most a minute). */
async function fullPage(pool: Pool): Promise<{ items: unknown[] }> {
  const body = JSON.stringify({ filter: { state: 'CREATED', processDefinitionId: USER_TASK_PROCESS_ID }, page: { limit: 50 } });
  const deadline = performance.now() + 60_000;
  for (;;) {
    const found = (await post(pool, '/v2/user-tasks/search', body)) as { items: unknown[] };
    if (found.items.length >= 50 || performance.now() > deadline) return found;
    await sleep(20);
  }
}

async function readiness(child: ChildServer): Promise<Omit<RestartResult, 'signal' | 'stopMs'>> {
  const since = (at: number) => at - child.spawnedAt;
  const pool = new Pool(child.url, { connections: 1 });
  try {
    const topology = await pool.request({ path: '/v2/topology', method: 'GET', headers: { authorization: BENCH_AUTHORIZATION } });
    await topology.body.dump();
    if (topology.statusCode !== 200) throw new Error(`GET /v2/topology after the restart: ${topology.statusCode}`);
    const topologyAt = performance.now();
    const search = await fullPage(pool);
    const searchAt = performance.now();
    const activation = (await post(pool, '/v2/jobs/activation', JSON.stringify({ type: BENCH_JOB_TYPE, worker: 'bench-restart', timeout: 600_000, maxJobsToActivate: 1, requestTimeout: 5_000 }))) as { jobs: unknown[] };
    const activationAt = performance.now();
    return {
      listeningMs: since(child.readyAt),
      topologyMs: since(topologyAt),
      userTaskSearchMs: since(searchAt),
      jobActivationMs: since(activationAt),
      readyMs: since(Math.max(topologyAt, searchAt, activationAt)),
      searchItems: search.items.length,
      jobsActivated: activation.jobs.length,
    };
  } finally {
    await pool.close();
  }
}
