/**
 * `npm run workers`: the job workers alone, against whatever Camunda 8 cluster the SDK's environment
 * variables name (ZEEBE_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY, ZEEBE_CLIENT_ID, …).
 */
import { Camunda8 } from '@camunda8/sdk';
import { readWorkerConfig } from '../workers/config.js';
import { JOB_WORKERS } from '../workers/index.js';
import { registerJobWorkers } from '../workers/runtime/register-job-workers.js';
import { sdkLogger } from '../workers/runtime/sdk-logger.js';
import { jsonLinesLogger } from '../workers/runtime/worker-logger.js';
import { closeNoticeServices, configureNoticeServices } from '../workers/runtime/worker-services.js';
import { workerParametersAtStart } from './worker-parameters-at-start.js';
import { stopOnSignals } from './stop-on-signals.js';

const config = readWorkerConfig();
const { parameters, holidays } = workerParametersAtStart('[workers]');
const logger = jsonLinesLogger(undefined, config.WORKER_LOG_LEVEL);
// the SDK's own lines (REST client, notice uploads) into the same redacted JSON lines
const camunda = new Camunda8({ CAMUNDA_LOG_LEVEL: process.env.CAMUNDA_LOG_LEVEL ?? 'warn', logger: sdkLogger(logger) } as never);
configureNoticeServices({ camunda, settings: parameters.notices });
const workers = registerJobWorkers(camunda, JOB_WORKERS, logger, config.options, parameters);
console.log(`[workers] ready: ${JOB_WORKERS.length} job types against ${process.env.ZEEBE_REST_ADDRESS ?? 'http://localhost:8080'}`);
if (holidays.warning) console.warn(`[workers] 注意：${holidays.warning}`);
stopOnSignals('workers', async () => {
  await workers.stop();
  await closeNoticeServices();
  await camunda.closeAllClients();
});
