/**
 * `npm run backup [-- --to DIR]`: an online backup of the running (or stopped) deployment named by DATA_DIR and
 * WORKER_DATA_DIR (defaults .data and .data/workers) into DIR (default backups/<time>): engine database,
 * documents, worker state (scripts/reliability/backup-deployment.ts). Worker state kept in Redis (REDIS_URL) is
 * not included: back it up with Redis's own tools.
 * `npm run backup -- --restore DIR`: copies a backup back into DATA_DIR and WORKER_DATA_DIR while everything is
 * stopped; refuses to overwrite an existing state.
 */
import { parseArgs } from 'node:util';
import { backupDeployment, restoreDeployment } from './reliability/backup-deployment.js';

const { values } = parseArgs({ options: { to: { type: 'string' }, restore: { type: 'string' } } });
const dataDir = process.env.DATA_DIR || '.data';
const workerDataDir = process.env.WORKER_DATA_DIR || '.data/workers';
if (values.restore) {
  const manifest = restoreDeployment({ source: values.restore, dataDir, workerDataDir });
  console.log(`[backup] restored the backup of ${manifest.createdAt} into ${dataDir} and ${workerDataDir}`);
} else {
  const target = values.to ?? `backups/${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const manifest = await backupDeployment({ dataDir, workerDataDir, target });
  console.log(`[backup] ${target}: engine ${manifest.engine.pages} pages (${manifest.engine.integrity}), ${manifest.documents} documents, worker state ${manifest.workerState ? `${manifest.workerState.pages} pages (${manifest.workerState.integrity})` : 'none'}`);
}
