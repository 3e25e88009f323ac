/** `npm run engine`: the embedded engine alone, nothing deployed. Logins as for `npm start` (docs/identity.md). */
import { readEngineConfig, sessionOptions } from '../engine/config.js';
import { startEngineServer } from '../engine/server.js';
import { firstStartLines, loginHint } from './login-banner.js';
import { stopOnSignals } from './stop-on-signals.js';

const config = readEngineConfig();
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
});
console.log(`[engine] ready: ${server.url}/v2 (data in ${config.DATA_DIR}); ${loginHint(server)}`);
for (const line of firstStartLines(server, '[engine]')) console.log(line);
stopOnSignals('engine', async () => {
  await server.stop();
  console.log('[engine] stopped');
});
