/**
 * `npm run deploy`: every .bpmn, .dmn and .form under bpmn/, forms/ and dmn/ (or the folders given as arguments), in
 * one deployment, to the cluster the SDK's own variables name (ZEEBE_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY, …) — what
 * `npm start` does for the embedded engine. A resource deployed before unchanged keeps its version. Says what it
 * deployed in English and Chinese; a failure exits with 1 and the cluster's reason, and (a deployment being
 * atomic) deploys nothing.
 */
import { Camunda8 } from '@camunda8/sdk';
import { deployResources, findResources } from './deploy-resources.js';

const DEFAULT_FOLDERS = ['bpmn', 'forms', 'dmn'];

const folders = process.argv.slice(2).length > 0 ? process.argv.slice(2) : DEFAULT_FOLDERS;
const files = findResources(folders);
const address = process.env.ZEEBE_REST_ADDRESS ?? 'http://localhost:8080';
if (files.length === 0) {
  console.error(`[deploy] nothing to deploy: no .bpmn, .dmn or .form under ${folders.join(', ')}`);
  console.error(`[deploy] 没有可部署的文件：${folders.join('、')} 下没有 .bpmn、.dmn 或 .form 文件`);
  process.exit(1);
}
const camunda = new Camunda8({ CAMUNDA_LOG_LEVEL: process.env.CAMUNDA_LOG_LEVEL ?? 'warn' } as never);
try {
  const deployment = (await deployResources(camunda, files))!;
  const { processes, decisions, forms, deploymentKey } = deployment;
  console.log(`[deploy] ${processes.length} processes, ${decisions.length} decisions, ${forms.length} forms deployed to ${address} (deployment ${deploymentKey})`);
  console.log(`[deploy] 已部署到 ${address}：${processes.length} 个流程、${decisions.length} 个决策、${forms.length} 个表单（部署号 ${deploymentKey}）`);
  for (const process of processes) console.log(`  ${process.processDefinitionId} v${process.processDefinitionVersion} (${process.resourceName})`);
} catch (error) {
  const reason = reasonOf(error);
  console.error(`[deploy] deployment to ${address} failed, nothing was deployed: ${reason}`);
  console.error(`[deploy] 部署到 ${address} 失败，未部署任何文件：${reason}`);
  process.exitCode = 1;
} finally {
  await camunda.closeAllClients();
}

/** The problem detail the cluster answered (status and `detail`), or the connection error. */
function reasonOf(error: unknown): string {
  const response = (error as { response?: { body?: unknown; statusCode?: number } }).response;
  if (response?.body === undefined) return error instanceof Error ? error.message : String(error);
  try {
    const problem = (typeof response.body === 'string' ? JSON.parse(response.body) : response.body) as { title?: string; detail?: string };
    return `${response.statusCode ?? ''} ${problem.detail ?? problem.title ?? JSON.stringify(problem)}`.trim();
  } catch {
    return `${response.statusCode ?? ''} ${String(response.body)}`.trim();
  }
}
