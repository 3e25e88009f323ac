/** Deploys a benchmark process outside any measurement (its BPMN: test/support/bpmn.ts's `bpmnProcess`). */
import { BENCH_AUTHORIZATION } from './bench-credentials.js';

export async function deployBenchProcessXml(url: string, processId: string, xml: string): Promise<void> {
  const form = new FormData();
  form.append('resources', new Blob([xml], { type: 'application/xml' }), `${processId}.bpmn`);
  const response = await fetch(`${url}/v2/deployments`, { method: 'POST', body: form, headers: { authorization: BENCH_AUTHORIZATION } });
  if (!response.ok) throw new Error(`deploying ${processId} failed: ${response.status} ${await response.text()}`);
}
