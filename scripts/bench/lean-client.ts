/**
 * Mode (a), engine capacity: a lean HTTP client on an undici Pool (keep-alive, a fixed number of connections).
 * It keeps `inFlight` instances between "create sent" and "job completed": creates instances
 * (`POST /v2/process-instances`), activates their jobs in batches (`POST /v2/jobs/activation`, short long-poll)
 * from a few concurrent loops and completes each job (`POST /v2/jobs/{jobKey}/completion`) as soon as it arrives.
 */
import { Pool } from 'undici';
import { BENCH_AUTHORIZATION } from './bench-credentials.js';
import { BENCH_JOB_TYPE, BENCH_PROCESS_ID } from './bench-process.js';
import type { InstanceTracker } from './instance-tracker.js';
import { sleep, waitUntil, type Load } from './load.js';

export interface LeanOptions {
  /** Instances between create sent and job completed. */
  inFlight: number;
  /** TCP connections of the pool. */
  connections: number;
  /** Create requests at once. */
  createConcurrency: number;
  /** Concurrent activation loops. */
  activators: number;
  /** maxJobsToActivate of one activation request. */
  activationBatch: number;
  /** Long-poll time of one activation request (ms). */
  requestTimeout: number;
}

interface ActivatedJob {
  jobKey: string;
  processInstanceKey: string;
}

const HEADERS = { 'content-type': 'application/json', accept: 'application/json', authorization: BENCH_AUTHORIZATION };

export function leanLoad(url: string, tracker: InstanceTracker, options: LeanOptions): Load {
  const pool = new Pool(url, { connections: options.connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const createBody = JSON.stringify({ processDefinitionId: BENCH_PROCESS_ID, variables: {} });
  const activationBody = JSON.stringify({
    type: BENCH_JOB_TYPE,
    worker: 'bench-lean',
    timeout: 60_000,
    maxJobsToActivate: options.activationBatch,
    requestTimeout: options.requestTimeout,
  });
  let creating = 0;
  let stopping = false;
  let done = false;
  const loops: Promise<void>[] = [];

  const pump = () => {
    while (!stopping && creating < options.createConcurrency && tracker.inFlight < options.inFlight) void createOne();
  };

  async function createOne(): Promise<void> {
    creating++;
    tracker.onCreateSent();
    try {
      const created = (await post(pool, '/v2/process-instances', createBody)) as { processInstanceKey: string };
      tracker.onCreated(created.processInstanceKey);
    } catch (error) {
      tracker.onError(error);
    } finally {
      creating--;
      pump();
    }
  }

  async function completeOne(job: ActivatedJob): Promise<void> {
    try {
      await post(pool, `/v2/jobs/${job.jobKey}/completion`, '{}');
      tracker.onCompleted(job.processInstanceKey);
    } catch (error) {
      tracker.onError(error, job.processInstanceKey);
    } finally {
      pump();
    }
  }

  async function activationLoop(): Promise<void> {
    while (!done) {
      try {
        const { jobs } = (await post(pool, '/v2/jobs/activation', activationBody)) as { jobs: ActivatedJob[] };
        for (const job of jobs) void completeOne(job);
      } catch (error) {
        if (done) return;
        tracker.onError(error);
        await sleep(100);
      }
    }
  }

  return {
    start() {
      for (let i = 0; i < options.activators; i++) loops.push(activationLoop());
      pump();
    },
    async stop(drainMs) {
      stopping = true;
      await waitUntil(() => tracker.inFlight === 0, drainMs);
      done = true;
      await Promise.all(loops);
      await pool.close();
    },
  };
}

/** POSTs a JSON body; resolves with the parsed answer (undefined for 204), rejects on a non-2xx status. */
export async function post(pool: Pool, path: string, body: string): Promise<unknown> {
  const response = await pool.request({ path, method: 'POST', headers: HEADERS, body });
  if (response.statusCode >= 300) {
    const text = await response.body.text();
    throw new Error(`POST ${path}: ${response.statusCode} ${text.slice(0, 300)}`);
  }
  if (response.statusCode === 204) {
    await response.body.dump();
    return undefined;
  }
  return response.body.json();
}

/**
 * The server's count of COMPLETED instances of the benchmark process (`POST /v2/process-instances/search`). Search
 * counts stop at 10,000 (`hasMoreTotalItems`, as on Camunda); beyond, the pages are counted.
 */
export async function countCompletedInstances(url: string): Promise<number> {
  const pool = new Pool(url, { connections: 1 });
  const filter = { processDefinitionId: BENCH_PROCESS_ID, state: 'COMPLETED' };
  try {
    const first = (await post(pool, '/v2/process-instances/search', JSON.stringify({ filter, page: { limit: 1 } }))) as SearchPage;
    if (!first.page.hasMoreTotalItems) return first.page.totalItems;
    let counted = 0;
    for (let after: string | undefined; ; ) {
      const body = JSON.stringify({ filter, page: { limit: 10_000, ...(after ? { after } : {}) } });
      const result = (await post(pool, '/v2/process-instances/search', body)) as SearchPage;
      counted += result.items.length;
      if (result.items.length < 10_000 || !result.page.endCursor) return counted;
      after = result.page.endCursor;
    }
  } finally {
    await pool.close();
  }
}

interface SearchPage {
  items: unknown[];
  page: { totalItems: number; hasMoreTotalItems?: boolean; endCursor?: string };
}
