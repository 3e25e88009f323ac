/**
 * One chaos run: the engine (`scripts/engine.ts`, synchronous FULL) and the job workers (`scripts/workers.ts`) as
 * real child processes, steady load through the SDK and clerks' sessions (chaos-load.ts), and the engine SIGKILLed
 * at random moments and restarted on the same data directory and port, `kills` times; the worker process is killed
 * too, preferably while it holds a notice job. After each engine kill the WAL is inspected (a transaction cut off
 * mid-write counts as a kill during group commit); before the last restart a torn frame is forged into it. Then
 * the load stops creating, the clock runs two days ahead per round until every case has ended, and chaos-check.ts
 * compares the final state with every acknowledged command. Finally SQLite's integrity check on both files.
 * With `workerState: 'redis'` the workers keep their state in a real redis-server (append-only file fsynced on
 * every write), SIGKILLed together with the worker process each time and started again on its file; its check
 * is redis-check-aof's.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inspectSqliteFile, openSqliteReadonly } from '../../engine/store/sqlite-file.js';
import { DEFAULT_KEY_PREFIX } from '../../workers/runtime/worker-state.js';
import { checkChaos, type ChaosCheck } from './chaos-check.js';
import { startLoad } from './chaos-load.js';
import { NOTICE_JOB_TYPE } from './chaos-model.js';
import { CLERKS, DEMO_ADMIN, drainCases, HOUR, pause, retry, startTestDeployment } from './test-deployment.js';
import { inspectWal, tearWal } from './wal-tail.js';

export interface ChaosOptions {
  /** Engine SIGKILLs (each followed by a restart). */
  kills: number;
  /** Worker-process SIGKILLs, spread over the engine kills. */
  workerKills: number;
  createsPerSecond: number;
  /** The engine runs a random time in [minUpMs, maxUpMs] between restarts. */
  minUpMs: number;
  maxUpMs: number;
  seed: number;
  drainTimeoutMs: number;
  /** How often the drain moves the engine clock 20 minutes (default 10 s, see drainCases). */
  drainClockEveryMs?: number;
  /** Where the workers keep their state (default SQLite). */
  workerState?: 'sqlite' | 'redis';
  /** Keep the data directories and the process log (for a post-mortem). */
  keep?: boolean;
  log?: (line: string) => void;
}

export interface ChaosReport extends ChaosCheck {
  kills: number;
  /** Kills after which the WAL ended in a transaction's frames without its commit frame, or inside a frame. */
  killsDuringCommit: number;
  tornFramesForged: number;
  workerKills: number;
  workerKillsHoldingANoticeJob: number;
  /** Redis SIGKILLs (with the worker process), with `workerState: 'redis'`. */
  redisKills: number;
  /** Mean time from SIGKILL to the restarted engine's ready line. */
  meanRestartMs: number;
  /** Time the cases took to end after the load stopped. */
  drainMs: number;
  durationMs: number;
  attempts: Record<string, { acknowledged: number; failed: number }>;
  integrity: { engine: string; workerState: string };
  workDir: string;
}


export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  const started = Date.now();
  const deployment = await startTestDeployment('chaos', { workerState: options.workerState });
  const { workDir, dataDir, workerDir, url, http, redis, startEngine, startWorkers } = deployment;
  let { engine, workers } = deployment;
  const load = startLoad({
    url,
    admin: DEMO_ADMIN,
    clerks: CLERKS,
    runId: `c${options.seed}`,
    createsPerSecond: options.createsPerSecond,
    clockStepMs: 1_500,
    clockStepMinutes: 10,
    jobTimeoutMs: 6 * HOUR,
  });
  await load.repinClock();

  let killsDuringCommit = 0;
  let tornFramesForged = 0;
  let workerKills = 0;
  let workerKillsHoldingANoticeJob = 0;
  let redisKills = 0;
  let restartMs = 0;
  const workerKillEvery = options.workerKills > 0 ? Math.max(1, Math.floor(options.kills / options.workerKills)) : Infinity;
  try {
    for (let kill = 1; kill <= options.kills; kill++) {
      await pause(options.minUpMs + random() * (options.maxUpMs - options.minUpMs));
      if (kill % workerKillEvery === 0 && workerKills < options.workerKills) {
        const holding = await waitForActivatedNoticeJob(join(dataDir, 'engine.sqlite'), 3_000);
        await workers.kill();
        workerKills++;
        if (holding) workerKillsHoldingANoticeJob++;
        if (redis) {
          await redis.kill();
          redisKills++;
          await redis.restart();
        }
        workers = await startWorkers();
      }
      // every other kill waits for the WAL to grow and strikes at once: inside the group commit's writes
      if (kill % 2 === 0) await walGrows(join(dataDir, 'engine.sqlite-wal'), 2_000);
      await engine.kill();
      const killedAt = Date.now();
      const tail = inspectWal(join(dataDir, 'engine.sqlite-wal'));
      if (tail && (tail.uncommittedFrames > 0 || tail.partialBytes > 0)) killsDuringCommit++;
      if (kill === options.kills && tearWal(join(dataDir, 'engine.sqlite-wal')) > 0) tornFramesForged++;
      engine = await startEngine();
      restartMs += Date.now() - killedAt;
      await retry(() => load.repinClock(), 20);
      log(`[chaos] kill ${kill}/${options.kills}: ${tail ? `${tail.frames} WAL frames, ${tail.uncommittedFrames} uncommitted, ${tail.partialBytes} partial bytes` : 'no WAL'}; ${load.ledger.created.size} cases acknowledged`);
    }

    const drainMs = await drainCases(http, load, options.drainTimeoutMs, log, options.drainClockEveryMs);
    await load.stop();
    // the workers stop first: a notice half-made while the check reads would look like a lost upload
    await workers.stop();
    const check = await checkChaos(http, load.ledger, dataDir);
    if (redis && (await redis.countKeys(DEFAULT_KEY_PREFIX)) === 0) check.violations.push('the workers kept nothing in Redis');
    await engine.stop();
    const engineIntegrity = inspectSqliteFile(join(dataDir, 'engine.sqlite')).integrity;
    const workerIntegrity = redis ? await redis.checkAof() : inspectSqliteFile(join(workerDir, 'worker-state.sqlite')).integrity;
    for (const [name, result] of [['engine.sqlite', engineIntegrity], [redis ? 'Redis append-only file' : 'worker-state.sqlite', workerIntegrity]] as const) {
      if (result !== 'ok') check.violations.push(`${name} integrity check: ${result}`);
    }
    return {
      ...check,
      kills: options.kills,
      killsDuringCommit,
      tornFramesForged,
      workerKills,
      workerKillsHoldingANoticeJob,
      redisKills,
      meanRestartMs: options.kills > 0 ? Math.round(restartMs / options.kills) : 0,
      drainMs,
      durationMs: Date.now() - started,
      attempts: load.ledger.attempts,
      integrity: { engine: engineIntegrity, workerState: workerIntegrity },
      workDir,
    };
  } finally {
    await load.stop().catch(() => undefined);
    await workers.kill().catch(() => undefined);
    await engine.kill().catch(() => undefined);
    await redis?.kill().catch(() => undefined);
    if (!options.keep) rmSync(workDir, { recursive: true, force: true });
  }
}

// helpers

/** Resolves as soon as the file grows (a commit is being written), or after `timeoutMs`. */
async function walGrows(path: string, timeoutMs: number): Promise<boolean> {
  const sizeOf = () => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  const before = sizeOf();
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (sizeOf() !== before) return true;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return false;
}

/**
 * Whether a worker holds a notice job within `timeoutMs`, read from the engine's jobs table: the job search answers
 * an activated job as Camunda 8.8 does, without its activation (docs/camunda8-cluster.md).
 */
async function waitForActivatedNoticeJob(engineFile: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    let db: ReturnType<typeof openSqliteReadonly> | undefined;
    try {
      db = openSqliteReadonly(engineFile);
      db.pragma('busy_timeout = 200');
      if (db.prepare(`SELECT 1 FROM jobs WHERE type = ? AND state = 'ACTIVATED' LIMIT 1`).get(NOTICE_JOB_TYPE)) return true;
    } catch {
      // the engine may be starting or writing: look again
    } finally {
      db?.close();
    }
    await pause(30);
  }
  return false;
}

/** mulberry32: the same seed gives the same kill moments. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
