/**
 * The deployment the chaos and soak runs drive: `scripts/engine.ts` (synchronous FULL, a fresh data directory,
 * a fixed free port so clients keep their address across restarts) and `scripts/workers.ts` (the real job
 * workers as their own user with the job-worker role, worker state in SQLite, or in a real redis-server with
 * `workerState: 'redis'`), all real child processes, with the reliability case model deployed. Every process can
 * be SIGKILLed and started again on the same data.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { camundaClientAs } from '../camunda-client-as.js';
import type { RunningLoad } from './chaos-load.js';
import { CHAOS_BPMN, CHAOS_PROCESS_ID } from './chaos-model.js';
import { freePort, startChild, type RunningChild } from './child-process.js';
import { startRedisProcess, type RedisProcess } from './redis-process.js';
import { V2Http, type Credentials } from './v2-http.js';

export const DEMO_ADMIN: Credentials = { username: 'demo', password: 'demo' };
export const CLERKS: Credentials[] = [
  { username: 'zhang-min', password: 'demo' },
  { username: 'li-jing', password: 'demo' },
];
export const HOUR = 3_600_000;

export interface TestDeployment {
  workDir: string;
  dataDir: string;
  workerDir: string;
  logFile: string;
  url: string;
  /** The demo admin over plain HTTP. */
  http: V2Http;
  engine: RunningChild;
  workers: RunningChild;
  /** The workers' Redis, with `workerState: 'redis'`. */
  redis?: RedisProcess;
  startEngine(): Promise<RunningChild>;
  startWorkers(): Promise<RunningChild>;
}

export async function startTestDeployment(prefix: string, options: { workerState?: 'sqlite' | 'redis' } = {}): Promise<TestDeployment> {
  const workDir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const dataDir = join(workDir, 'engine');
  const workerDir = join(workDir, 'workers');
  mkdirSync(workerDir);
  const logFile = join(workDir, 'processes.log');
  const port = await freePort();
  const startEngine = () =>
    startChild({
      entry: 'scripts/engine.ts',
      env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ENGINE_SYNC: 'FULL' },
      logFile,
      ready: /\[engine\] ready: (http:\/\/\S+)\/v2/,
    });
  const redis = options.workerState === 'redis' ? await startRedisProcess(join(workDir, 'redis'), logFile) : undefined;
  const engine = await startEngine().catch(async (error: unknown) => {
    await redis?.kill();
    throw error;
  });
  try {
    return await prepare(engine);
  } catch (error) {
    await engine.kill();
    await redis?.kill();
    throw error;
  }

  async function prepare(engine: RunningChild): Promise<TestDeployment> {
    const url = engine.readyMatch[1]!;
    const http = new V2Http(url, DEMO_ADMIN);
    const worker: Credentials = { username: 'reliability-worker', password: randomBytes(18).toString('base64url') };
    await expectStatus(http.call('POST', '/v2/users', { ...worker, name: '可靠性测试作业执行', email: '' }), 201);
    await expectStatus(http.call('PUT', `/v2/roles/job-worker/users/${worker.username}`), 204);
    await deploy(url);
    const startWorkers = () =>
      startChild({
        entry: 'scripts/workers.ts',
        env: {
          ZEEBE_REST_ADDRESS: url,
          CAMUNDA_AUTH_STRATEGY: 'BASIC',
          CAMUNDA_BASIC_AUTH_USERNAME: worker.username,
          CAMUNDA_BASIC_AUTH_PASSWORD: worker.password,
          CAMUNDA_LOG_LEVEL: 'none',
          WORKER_DATA_DIR: workerDir,
          WORKER_NAME: 'reliability-workers',
          WORKER_JOB_TIMEOUT_MS: String(6 * HOUR),
          REDIS_URL: redis?.url ?? '',
        },
        logFile,
        ready: /\[workers\] ready/,
      });
    const workers = await startWorkers();
    return { workDir, dataDir, workerDir, logFile, url, http, engine, workers, redis, startEngine, startWorkers };
  }
}

/**
 * Lets every case end: no new cases; the clock two days ahead fires every timer and frees every lock a killed
 * worker held. After that the clock moves 20 minutes every `clockEveryMs` (default 10 s; timers of cases that reach
 * their wait later fall due), slowly enough that a live worker's 6-hour lock outlasts 18 such steps of its work
 * (three minutes at the default; the bounded runs of `npm test` step every 5 s, which still leaves a notice job
 * a minute and a half). Ends when every open case has an incident or none is open, or after `timeoutMs`. Answers the
 * drain's duration.
 */
export async function drainCases(
  http: V2Http,
  load: RunningLoad,
  timeoutMs: number,
  log: (line: string) => void,
  clockEveryMs = 10_000,
): Promise<number> {
  const started = Date.now();
  load.stopCreating();
  load.stopClock();
  await pause(2_000);
  await retry(() => load.advanceClock(48 * 60), 10);
  const until = started + timeoutMs;
  let last = '';
  let lastMoved = Date.now();
  for (;;) {
    await publishForWaitingCases(http, load);
    const open = await countOpen(http);
    const line = `[drain] ${open.active} cases open, ${open.withIncident} of them with an incident`;
    if (line !== last) log(line);
    last = line;
    if (open.active === open.withIncident || Date.now() > until) break;
    // a case ends a moment after its notice: looking often ends the drain when it is done, not up to a second later
    await pause(250);
    if (Date.now() - lastMoved > clockEveryMs) {
      await retry(() => load.advanceClock(20), 10);
      lastMoved = Date.now();
    }
  }
  return Date.now() - started;
}

/** Cases at the message event whose message was never acknowledged (e.g. created without an answer). */
async function publishForWaitingCases(http: V2Http, load: RunningLoad): Promise<void> {
  const waiting = await http.searchAll<{ processInstanceKey: string }>('/v2/element-instances/search', {
    processDefinitionId: CHAOS_PROCESS_ID,
    elementId: 'materials-arrived',
    state: 'ACTIVE',
  });
  for (const { processInstanceKey } of waiting) {
    let caseId = load.ledger.created.get(processInstanceKey);
    if (!caseId) {
      const found = await http.searchAll<{ value: string }>('/v2/variables/search', { processInstanceKey, name: 'caseId' });
      caseId = found[0] ? (JSON.parse(found[0].value) as string) : undefined;
    }
    if (caseId) await load.publishFor(processInstanceKey, caseId);
  }
}

async function countOpen(http: V2Http): Promise<{ active: number; withIncident: number }> {
  const total = async (filter: Record<string, unknown>) =>
    (await http.call<{ page: { totalItems: number } }>('POST', '/v2/process-instances/search', { filter, page: { limit: 1 } })).body.page.totalItems;
  const active = await total({ processDefinitionId: CHAOS_PROCESS_ID, state: 'ACTIVE' });
  const withIncident = await total({ processDefinitionId: CHAOS_PROCESS_ID, state: 'ACTIVE', hasIncident: true });
  return { active, withIncident };
}

async function deploy(url: string): Promise<void> {
  const camunda = camundaClientAs(url, DEMO_ADMIN);
  try {
    await camunda.getCamundaRestClient().deployResources([{ name: `${CHAOS_PROCESS_ID}.bpmn`, content: CHAOS_BPMN }]);
  } finally {
    await camunda.closeAllClients?.();
  }
}

async function expectStatus(call: Promise<{ status: number; body: unknown }>, status: number): Promise<void> {
  const answer = await call;
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
}

export async function retry(call: () => Promise<unknown>, times: number): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await call();
      return;
    } catch (error) {
      if (i >= times) throw error;
      await pause(200);
    }
  }
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
