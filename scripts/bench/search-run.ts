/**
 * Mode (s): the user-task search of a clerk's task list with `openTasks` open tasks across the 23 models, against
 * the engine in a child process (search-engine-process.ts), with the CPU other programs took meanwhile.
 */
import { fileURLToPath } from 'node:url';
import { startChildServer, type ChildServer } from './child-server.js';
import { cpuTimeMs, machineBusyMs } from './process-cpu.js';
import { CLERK, CLERK_QUERY, measureTaskSearch, type SearchResult } from './task-search.js';

export interface SearchRun extends SearchResult {
  openTasks: number;
  /** Goal for p95, ms. */
  goalMs: number;
  clerk: string;
  query: unknown;
  /** CPU of other programs during the measurement, % of one core (noise). */
  otherCpu?: number;
}

const CHILD = fileURLToPath(new URL('./search-engine-process.ts', import.meta.url));

/** The engine child of modes (s) and (t): all models, `openTasks` open tasks, the web apps mounted. */
export function startSearchEngine(openTasks: number): Promise<ChildServer> {
  return startChildServer(CHILD, { env: { BENCH_OPEN_TASKS: String(openTasks) }, readyTimeoutMs: 600_000 });
}

export async function measureSearchRun(server: ChildServer, options: { openTasks: number; warmup: number; requests: number; goalMs: number }): Promise<SearchRun> {
  const server0 = cpuTimeMs(server.pid);
  const client0 = cpuTimeMs();
  const machine0 = machineBusyMs();
  const started = performance.now();
  const result = await measureTaskSearch(server.url, options);
  const elapsed = performance.now() - started;
  const used = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : b - a);
  const serverCpu = used(server0, cpuTimeMs(server.pid));
  const clientCpu = used(client0, cpuTimeMs());
  const machineCpu = used(machine0, machineBusyMs());
  const otherCpu =
    serverCpu === undefined || clientCpu === undefined || machineCpu === undefined ? undefined : (Math.max(0, machineCpu - serverCpu - clientCpu) / elapsed) * 100;
  return { ...result, openTasks: options.openTasks, goalMs: options.goalMs, clerk: `${CLERK.username} (${CLERK.groups.join(', ')})`, query: CLERK_QUERY, otherCpu };
}
