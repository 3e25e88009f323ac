/** `npm run engine`: the embedded engine alone, nothing deployed. */
import { readEngineConfig } from '../engine/config.js';
import { startEngineServer } from '../engine/server.js';
import { stopOnSignals } from './stop-on-signals.js';

const config = readEngineConfig();
const server = await startEngineServer({ port: config.PORT, host: config.HOST, dataDir: config.DATA_DIR, synchronous: config.ENGINE_SYNC });
console.log(`[engine] ready: ${server.url}/v2 (data in ${config.DATA_DIR})`);
stopOnSignals(async () => {
  await server.stop();
  console.log('[engine] stopped');
});
