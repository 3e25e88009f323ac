/**
 * `npm run deploy`: every .bpmn, .dmn and .form under bpmn/ and forms/ (or the folders given as arguments), in one
 * deployment, to the cluster the SDK's own variables name (ZEEBE_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY, …) — what
 * `npm start` does for the embedded engine. A resource deployed before unchanged keeps its version.
 */
import { Camunda8 } from '@camunda8/sdk';
import { deployResources, findResources } from './deploy-resources.js';

const folders = process.argv.slice(2);
const files = findResources(folders.length > 0 ? folders : ['bpmn', 'forms']);
const address = process.env.ZEEBE_REST_ADDRESS ?? 'http://localhost:8080';
if (files.length === 0) {
  console.error(`[deploy] nothing to deploy: no .bpmn, .dmn or .form under ${(folders.length > 0 ? folders : ['bpmn', 'forms']).join(', ')}`);
  process.exit(1);
}
const camunda = new Camunda8({ CAMUNDA_LOG_LEVEL: process.env.CAMUNDA_LOG_LEVEL ?? 'warn' } as never);
try {
  const deployment = (await deployResources(camunda, files))!;
  const counts = `${deployment.processes.length} processes, ${deployment.decisions.length} decisions, ${deployment.forms.length} forms`;
  console.log(`[deploy] ${counts} deployed to ${address} (deployment ${deployment.deploymentKey})`);
} catch (error) {
  console.error(`[deploy] deployment to ${address} failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await camunda.closeAllClients();
}
