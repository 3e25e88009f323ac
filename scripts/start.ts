/**
 * `npm start`: the embedded engine, everything under bpmn/ and forms/ deployed, on one port.
 * The deployment and the job workers log in as the service user `npm-start` (roles job-worker and deployer)
 * whose random password stays in DATA_DIR/service-account.json. Prints one line when ready; stops cleanly on
 * SIGTERM. The modeler's Play sandbox runs beside it in the same process (scripts/play-sandbox.ts).
 */
import { join } from 'node:path';
import { readEngineConfig, sessionOptions } from '../engine/config.js';
import { ensureServiceAccount, ensureServiceRole } from '../engine/identity/service-account.js';
import { startEngineServer } from '../engine/server.js';
import { readWorkerConfig } from '../workers/config.js';
import { JOB_WORKERS } from '../workers/index.js';
import { registerJobWorkers } from '../workers/runtime/register-job-workers.js';
import { jsonLinesLogger } from '../workers/runtime/worker-logger.js';
import { configureNoticeServices } from '../workers/runtime/worker-services.js';
import { ensureWebAppsBuilt } from '../web-shared/build/ensure-web-apps-built.js';
import { mountWebApps, type MountedWebApps } from '../web-shared/server/mount-web-apps.js';
import { webApps } from '../web-shared/server/web-apps-index.js';
import { camundaClientAs } from './camunda-client-as.js';
import { deployResources, findResources } from './deploy-resources.js';
import { firstStartLines, loginHint } from './login-banner.js';
import { startPlaySandbox } from './play-sandbox.js';
import { stopOnSignals } from './stop-on-signals.js';
import { runStopSteps } from './stop-steps.js';
import { startStopSteps } from './start-stop-steps.js';
import { workerParametersAtStart } from './worker-parameters-at-start.js';

const config = readEngineConfig();
const workerConfig = readWorkerConfig();
const { parameters, holidays } = workerParametersAtStart('[start]');
for (const outcome of await ensureWebAppsBuilt()) {
  if (outcome.built) console.log(`[start] built ${outcome.dir} in ${Math.round(outcome.ms)} ms`);
}
const workerLogger = jsonLinesLogger(undefined, workerConfig.WORKER_LOG_LEVEL);
// the modeler's Play sandbox: a second engine of its own (DATA_DIR/play), reached through /play/v2 on this port
const sandbox = await startPlaySandbox({ dataDir: config.DATA_DIR, workers: { parameters, options: workerConfig.options, logger: workerLogger } });
let web: MountedWebApps | undefined;
const server = await startEngineServer({
  port: config.PORT,
  host: config.HOST,
  dataDir: config.DATA_DIR,
  synchronous: config.ENGINE_SYNC,
  projectionDelay: config.ENGINE_PROJECTION_DELAY_MS,
  searchLag: config.ENGINE_SEARCH_LAG_MS,
  strictFilters: config.CAMUNDA_88_STRICT_FILTERS,
  deploymentParseTimeout: config.DEPLOYMENT_PARSE_TIMEOUT_SECONDS * 1000,
  trustProxy: config.TRUST_PROXY,
  identity: sessionOptions(config),
  // the web apps authenticate their own routes against this server's /v2 (its port is known once it listens)
  // (and name their clients' addresses to its login throttle with the forwarder secret it hands them)
  extend: (app, { forwarderSecret }) => {
    web = mountWebApps(app, webApps({ dataDir: config.DATA_DIR, warmUp: true, sessionMaxHours: config.SESSION_MAX_HOURS }), { v2Url: () => server.url, forwarderSecret });
    sandbox.mount(app, { v2Url: () => server.url, forwarderSecret });
  },
});
try {
  const account = await ensureServiceAccount(server.engine.identity, join(config.DATA_DIR, 'service-account.json'), {
    username: 'npm-start',
    name: 'npm start 服务账号',
    roles: ['job-worker', 'deployer'],
  });
  const camunda = camundaClientAs(server.url, account);
  // the monitor's read model reads /v2 with an account of its own that may read and change nothing else
  ensureServiceRole(server.engine.identity, 'monitor-reader');
  const monitorAccount = await ensureServiceAccount(server.engine.identity, join(config.DATA_DIR, 'monitor-account.json'), {
    username: 'monitor-reader',
    name: '业务监控读取服务账号',
    roles: ['monitor-reader'],
  });
  // people's display names for the apps (a clerk may not read /v2/users): an account that may read users, nothing else
  ensureServiceRole(server.engine.identity, 'name-reader');
  const nameAccount = await ensureServiceAccount(server.engine.identity, join(config.DATA_DIR, 'name-reader-account.json'), {
    username: 'name-reader',
    name: '人员姓名读取服务账号',
    roles: ['name-reader'],
  });
  const files = findResources(['bpmn', 'forms']);
  const deployment = await deployResources(camunda, files);
  const summary = deployment ? `${deployment.processes.length} processes, ${deployment.forms.length} forms deployed` : 'nothing to deploy yet';
  // notices upload through this client (the SDK config is explicit here, not in the environment)
  configureNoticeServices({ camunda, settings: parameters.notices });
  const monitorClient = camundaClientAs(server.url, monitorAccount);
  web?.start({ camunda: monitorClient });
  const nameClient = camundaClientAs(server.url, nameAccount);
  web?.readNamesAs(nameClient);
  const workers = registerJobWorkers(camunda, JOB_WORKERS, workerLogger, workerConfig.options, parameters);
  // front to back, each step guarded (start-stop-steps.ts)
  stopOnSignals('start', async () => {
    await runStopSteps('start', startStopSteps({ web, server, sandbox, workers, workerClient: camunda, appClients: [nameClient, monitorClient] }));
    console.log('[start] stopped');
  });
  console.log(`[start] ready: ${server.url}/v2 (${summary}; ${JOB_WORKERS.length} job workers; data in ${config.DATA_DIR}); ${loginHint(server)}`);
  for (const line of firstStartLines(server, '[start]')) console.log(line);
  if (holidays.warning) console.warn(`[start] 注意：${holidays.warning}`);
} catch (error) {
  console.error(`[start] deployment failed: ${(error as Error).message}`);
  await runStopSteps('start', startStopSteps({ web, server, sandbox })).catch(() => undefined);
  process.exit(1);
}
