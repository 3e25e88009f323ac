/**
 * `npm run web`: the web apps alone, in front of the cluster ZEEBE_REST_ADDRESS names (Camunda 8.8 with Basic
 * auth, or an embedded engine on another machine). Users log in with their cluster accounts.
 */
import { ensureWebAppsBuilt } from '../web-shared/build/ensure-web-apps-built.js';
import { startWebServer } from '../web-shared/server/start-web-server.js';
import { webApps } from '../web-shared/server/web-apps-index.js';
import { readWebConfig } from '../web-shared/server/web-config.js';
import { stopOnSignals } from './stop-on-signals.js';

const config = readWebConfig();
for (const outcome of await ensureWebAppsBuilt()) {
  if (outcome.built) console.log(`[web] built ${outcome.dir} in ${Math.round(outcome.ms)} ms`);
}
const server = await startWebServer({
  clusterUrl: config.ZEEBE_REST_ADDRESS,
  port: config.WEB_PORT,
  host: config.WEB_HOST,
  apps: webApps({ dataDir: config.DATA_DIR }),
});
console.log(`[web] ready: ${server.url}/tasklist (cluster ${config.ZEEBE_REST_ADDRESS})`);
stopOnSignals(async () => {
  await server.stop();
  console.log('[web] stopped');
});
