/**
 * Child process of `npm run bench` for mode (f): what `npm start` runs, without the web apps — the embedded engine
 * on a fresh data directory (synchronous FULL unless BENCH_ENGINE_SYNC says otherwise), every model and form of
 * bpmn/ and forms/ deployed, and the 18 job workers registered with their default settings, logged in as a
 * service user with the roles job-worker and deployer, their state in a fresh WORKER_DATA_DIR. The workers log
 * nothing below warnings (as npm start at WORKER_LOG_LEVEL=warn). Prints one JSON line `{"url": …}` when ready;
 * stops (and removes the data directory) on SIGTERM or when the parent closes stdin.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureServiceAccount } from '../../engine/identity/service-account.js';
import { startEngineServer } from '../../engine/server.js';
import { JOB_WORKERS } from '../../workers/index.js';
import { DEFAULT_WORKER_OPTIONS, registerJobWorkers } from '../../workers/runtime/register-job-workers.js';
import { jsonLinesLogger } from '../../workers/runtime/worker-logger.js';
import { loadWorkerParameters } from '../../workers/runtime/worker-parameters.js';
import { closeNoticeServices, configureNoticeServices } from '../../workers/runtime/worker-services.js';
import { camundaClientAs } from '../camunda-client-as.js';
import { deployResources, findResources } from '../deploy-resources.js';
import { engineSettings } from './engine-settings.js';
import { onParentGone } from './parent-link.js';

const dataDir = mkdtempSync(join(tmpdir(), 'engine-bench-fc20-'));
process.env.WORKER_DATA_DIR = join(dataDir, 'workers');
mkdirSync(process.env.WORKER_DATA_DIR);
const parameters = loadWorkerParameters();
const server = await startEngineServer({ port: 0, host: '127.0.0.1', dataDir, ...engineSettings() });
const account = await ensureServiceAccount(server.engine.identity, join(dataDir, 'service-account.json'), {
  username: 'bench-workers',
  name: '基准测试作业执行',
  roles: ['job-worker', 'deployer'],
});
const camunda = camundaClientAs(server.url, account);
await deployResources(camunda, findResources(['bpmn', 'forms']));
configureNoticeServices({ camunda, settings: parameters.notices });
const workers = registerJobWorkers(camunda, JOB_WORKERS, jsonLinesLogger(undefined, 'warn'), DEFAULT_WORKER_OPTIONS, parameters);
process.stdout.write(JSON.stringify({ url: server.url }) + '\n');

onParentGone(async () => {
  await workers.stop();
  await closeNoticeServices();
  await camunda.closeAllClients();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});
