/**
 * Backup and restore of one deployment's state, while it runs:
 * - `engine.sqlite` through SQLite's online backup API (a consistent snapshot while the engine keeps writing);
 * - then the documents folder (documents are written once under their id, so every document the snapshot
 *   refers to already exists when it is copied; unfinished `.tmp` files are left out);
 * - then the workers' state (notice counters, uploads remembered), after the engine, so its counters are never
 *   behind a number the engine snapshot holds and a restored deployment never issues a notice number twice:
 *   `worker-state.sqlite` through the same backup API, and, when the workers keep their state in Redis
 *   (`redisUrl`), every key under their prefix exported through the Redis protocol (redis-state-backup.ts).
 *   An engine restored from the backup hands out again the keys issued after its snapshot, to other jobs, so the
 *   worker state leaves out the claims and records of jobs whose key the snapshot had not issued yet (their
 *   notice numbers stay counted: skipped after a restore, never handed out twice).
 * Each SQLite copy is checked with `PRAGMA integrity_check`; `manifest.json` records what was taken.
 * Layout of a backup: `engine/` (DATA_DIR) and `workers/` (WORKER_DATA_DIR, plus `redis-state.ndjson`).
 * Restoring copies them back into empty directories and an empty Redis; the engine and workers must be stopped,
 * and an existing state is never overwritten.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backupSqliteFile, inspectSqliteFile, openSqliteReadonly } from '../../engine/store/sqlite-file.js';
import { jobKeyOfRedisKey } from '../../workers/runtime/redis-worker-state.js';
import { SqliteWorkerState } from '../../workers/runtime/sqlite-worker-state.js';
import { DEFAULT_KEY_PREFIX } from '../../workers/runtime/worker-state.js';
import { exportRedisState, importRedisState, type RedisStateCopy } from './redis-state-backup.js';

const REDIS_STATE_FILE = 'redis-state.ndjson';

export interface DeploymentLocation {
  dataDir: string;
  workerDataDir: string;
  /** The workers' REDIS_URL, when they keep their state in Redis. */
  redisUrl?: string;
}

export interface BackupManifest {
  createdAt: string;
  engine: { pages: number; integrity: string };
  documents: number;
  workerState: { pages: number; integrity: string; forgottenRecords?: number } | null;
  /** The first key the engine snapshot had not issued: worker records of jobs from there on were left out. */
  engineNextKey?: string;
  /** The workers' Redis keys, when they keep their state there (absent in backups taken before it was added). */
  redisWorkerState?: RedisStateCopy | null;
}

export async function backupDeployment(options: DeploymentLocation & { target: string }): Promise<BackupManifest> {
  if (existsSync(options.target) && readdirSync(options.target).length > 0) throw new Error(`backup target ${options.target} is not empty`);
  const engineTarget = join(options.target, 'engine');
  const workerTarget = join(options.target, 'workers');
  mkdirSync(engineTarget, { recursive: true });
  mkdirSync(workerTarget, { recursive: true });

  const engineFile = join(engineTarget, 'engine.sqlite');
  const enginePages = await backupSqliteFile(join(options.dataDir, 'engine.sqlite'), engineFile);
  const nextKey = engineNextKey(engineFile);
  const documentsSource = join(options.dataDir, 'documents');
  let documents = 0;
  if (existsSync(documentsSource)) {
    cpSync(documentsSource, join(engineTarget, 'documents'), { recursive: true, filter: (source) => !source.endsWith('.tmp') });
    documents = readdirSync(join(engineTarget, 'documents')).filter((name) => name.endsWith('.json')).length;
  }
  const workerSource = join(options.workerDataDir, 'worker-state.sqlite');
  let workerState: BackupManifest['workerState'] = null;
  if (existsSync(workerSource)) {
    const workerFile = join(workerTarget, 'worker-state.sqlite');
    const pages = await backupSqliteFile(workerSource, workerFile);
    const forgottenRecords = nextKey === undefined ? 0 : SqliteWorkerState.forgetJobsFrom(workerFile, nextKey);
    workerState = { pages, integrity: inspectSqliteFile(workerFile).integrity, forgottenRecords };
  }
  const knownToEngine = (key: string) => nextKey === undefined || (jobKeyOfRedisKey(key) ?? -1) < nextKey;
  const redisWorkerState = options.redisUrl
    ? await exportRedisState(options.redisUrl, DEFAULT_KEY_PREFIX, join(workerTarget, REDIS_STATE_FILE), knownToEngine)
    : null;
  const manifest: BackupManifest = {
    createdAt: new Date().toISOString(),
    engine: { pages: enginePages, integrity: inspectSqliteFile(engineFile).integrity },
    documents,
    workerState,
    engineNextKey: nextKey === undefined ? undefined : String(nextKey),
    redisWorkerState,
  };
  writeFileSync(join(options.target, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (manifest.engine.integrity !== 'ok' || (workerState && workerState.integrity !== 'ok')) {
    throw new Error(`backup in ${options.target} failed its integrity check: ${JSON.stringify(manifest)}`);
  }
  return manifest;
}

/** The engine's next key as its snapshot saved it (engine/store/engine-store.ts keeps it in `meta`). */
function engineNextKey(engineFile: string): number | undefined {
  const db = openSqliteReadonly(engineFile);
  try {
    const row = db.prepare(`SELECT value FROM meta WHERE name = 'nextKey'`).get() as { value: string } | undefined;
    return row ? Number(row.value) : undefined;
  } finally {
    db.close();
  }
}

/**
 * Copies a backup into the (stopped) deployment's directories and Redis; refuses to overwrite an existing state,
 * and checks everything it can before it writes anything.
 */
export async function restoreDeployment(options: DeploymentLocation & { source: string }): Promise<BackupManifest> {
  const manifest = JSON.parse(readFileSync(join(options.source, 'manifest.json'), 'utf8')) as BackupManifest;
  if (existsSync(join(options.dataDir, 'engine.sqlite'))) throw new Error(`${options.dataDir} already holds an engine.sqlite: move it aside first`);
  if (existsSync(join(options.workerDataDir, 'worker-state.sqlite'))) throw new Error(`${options.workerDataDir} already holds a worker-state.sqlite: move it aside first`);
  if (manifest.redisWorkerState && !options.redisUrl) {
    throw new Error(`the backup holds the workers' Redis state (${manifest.redisWorkerState.keys} keys): set REDIS_URL to the Redis to restore it into`);
  }
  if (manifest.redisWorkerState && options.redisUrl) {
    await importRedisState(options.redisUrl, manifest.redisWorkerState.prefix, join(options.source, 'workers', REDIS_STATE_FILE));
  }
  cpSync(join(options.source, 'engine'), options.dataDir, { recursive: true });
  if (manifest.workerState) {
    cpSync(join(options.source, 'workers'), options.workerDataDir, { recursive: true, filter: (source) => !source.endsWith(REDIS_STATE_FILE) });
  }
  return manifest;
}
