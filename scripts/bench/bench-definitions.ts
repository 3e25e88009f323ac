/**
 * The BPMN file around each benchmark process (one `definitions` element holding one process, Camunda 8.8 as its
 * execution platform), and its deployment outside any measurement.
 */
import { BENCH_AUTHORIZATION } from './bench-credentials.js';

/** `body`: the process's elements; `roots`: root elements beside the process (messages). */
export function benchProcessXml(processId: string, name: string, body: string, roots = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="definitions-${processId}" targetNamespace="http://bpmn.io/schema/bpmn"
  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="${processId}" name="${name}" isExecutable="true">
${body}
  </bpmn:process>${roots}
</bpmn:definitions>`;
}

/** Deploys one process with a plain multipart request (not part of any measurement). */
export async function deployBenchProcessXml(url: string, processId: string, xml: string): Promise<void> {
  const form = new FormData();
  form.append('resources', new Blob([xml], { type: 'application/xml' }), `${processId}.bpmn`);
  const response = await fetch(`${url}/v2/deployments`, { method: 'POST', body: form, headers: { authorization: BENCH_AUTHORIZATION } });
  if (!response.ok) throw new Error(`deploying ${processId} failed: ${response.status} ${await response.text()}`);
}
