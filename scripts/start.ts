/**
 * `npm start`: the embedded engine, everything under bpmn/ and forms/ deployed, on one port.
 * Prints one line when ready; stops cleanly on SIGTERM.
 */
import { Camunda8 } from '@camunda8/sdk';
import { readEngineConfig } from '../engine/config.js';
import { startEngineServer } from '../engine/server.js';
import { deployResources, findResources } from './deploy-resources.js';
import { stopOnSignals } from './stop-on-signals.js';

const config = readEngineConfig();
const server = await startEngineServer({ port: config.PORT, host: config.HOST, dataDir: config.DATA_DIR, synchronous: config.ENGINE_SYNC });
const camunda = new Camunda8({ ZEEBE_REST_ADDRESS: server.url, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none' } as never);
try {
  const files = findResources(['bpmn', 'forms']);
  const deployment = await deployResources(camunda, files);
  const summary = deployment ? `${deployment.processes.length} processes, ${deployment.forms.length} forms deployed` : 'nothing to deploy yet';
  console.log(`[start] ready: ${server.url}/v2 (${summary}; data in ${config.DATA_DIR})`);
} catch (error) {
  console.error(`[start] deployment failed: ${(error as Error).message}`);
  await server.stop();
  process.exit(1);
}
stopOnSignals(async () => {
  await camunda.closeAllClients();
  await server.stop();
  console.log('[start] stopped');
});
