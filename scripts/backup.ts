/**
 * `npm run backup [-- --to DIR]`: an online backup of the running (or stopped) deployment named by DATA_DIR,
 * WORKER_DATA_DIR and REDIS_URL (defaults .data, .data/workers, none) into DIR (default backups/<time>): engine
 * database, documents, worker state in SQLite and, with REDIS_URL, the workers' keys in Redis
 * (scripts/reliability/backup-deployment.ts).
 * `npm run backup -- --restore DIR`: copies a backup back into DATA_DIR, WORKER_DATA_DIR and the Redis of
 * REDIS_URL while everything is stopped; refuses to overwrite an existing state.
 */
import { parseArgs } from 'node:util';
import { readWorkerConfig } from '../workers/config.js';
import { backupDeployment, restoreDeployment } from './reliability/backup-deployment.js';

const { values } = parseArgs({ options: { to: { type: 'string' }, restore: { type: 'string' } } });
const dataDir = process.env.DATA_DIR || '.data';
const { WORKER_DATA_DIR: workerDataDir, REDIS_URL: redisUrl } = readWorkerConfig();
if (values.restore) {
  const manifest = await restoreDeployment({ source: values.restore, dataDir, workerDataDir, redisUrl });
  const redis = manifest.redisWorkerState ? ` and ${manifest.redisWorkerState.keys} Redis keys` : '';
  console.log(`[backup] restored the backup of ${manifest.createdAt} into ${dataDir} and ${workerDataDir}${redis}`);
} else {
  const target = values.to ?? `backups/${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const manifest = await backupDeployment({ dataDir, workerDataDir, redisUrl, target });
  const sqlite = manifest.workerState ? `${manifest.workerState.pages} pages (${manifest.workerState.integrity})` : 'none';
  const redis = manifest.redisWorkerState ? `, Redis ${manifest.redisWorkerState.keys} keys under ${manifest.redisWorkerState.prefix}` : '';
  console.log(`[backup] ${target}: engine ${manifest.engine.pages} pages (${manifest.engine.integrity}), ${manifest.documents} documents, worker state ${sqlite}${redis}`);
}
