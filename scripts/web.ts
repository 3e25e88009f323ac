/**
 * `npm run web`: the web apps alone, in front of the cluster ZEEBE_REST_ADDRESS names (Camunda 8.8 with Basic
 * auth, or an embedded engine on another machine). Users log in with their cluster accounts.
 */
import { Camunda8 } from '@camunda8/sdk';
import { ensureWebAppsBuilt } from '../web-shared/build/ensure-web-apps-built.js';
import { startWebServer } from '../web-shared/server/start-web-server.js';
import { webApps } from '../web-shared/server/web-apps-index.js';
import { readWebConfig } from '../web-shared/server/web-config.js';
import { stopOnSignals } from './stop-on-signals.js';
import { runStopSteps } from './stop-steps.js';
import { webStopSteps } from './web-stop-steps.js';

const config = readWebConfig();
for (const outcome of await ensureWebAppsBuilt()) {
  if (outcome.built) console.log(`[web] built ${outcome.dir} in ${Math.round(outcome.ms)} ms`);
}
const server = await startWebServer({
  clusterUrl: config.ZEEBE_REST_ADDRESS,
  port: config.WEB_PORT,
  host: config.WEB_HOST,
  apps: webApps({ dataDir: config.DATA_DIR, warmUp: true }),
});
// the monitor's read model reads /v2 with a service account of its own, given by the SDK's variables
// (and the same account shows people's names, where the cluster lets it read users; else the apps show usernames)
const camunda = process.env.CAMUNDA_AUTH_STRATEGY ? new Camunda8() : undefined;
if (camunda) {
  server.apps.start({ camunda });
  server.apps.readNamesAs(camunda);
} else console.warn('[web] 业务监控的读取模型未连接：请用 SDK 的变量（CAMUNDA_AUTH_STRATEGY 等）给出一个只读服务账号（docs/web-apps.md）');
console.log(`[web] ready: ${server.url}/tasklist, ${server.url}/monitor (cluster ${config.ZEEBE_REST_ADDRESS})`);
// front to back, each step guarded (web-stop-steps.ts)
stopOnSignals('web', async () => {
  await runStopSteps('web', webStopSteps({ server, appClient: camunda }));
  console.log('[web] stopped');
});
