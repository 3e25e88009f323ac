/** The benchmarked process: start → service task (job type `bench-task`) → end, and how to deploy it. */
import { BENCH_AUTHORIZATION } from './bench-credentials.js';

export const BENCH_PROCESS_ID = 'bench-process';
export const BENCH_JOB_TYPE = 'bench-task';

export const BENCH_PROCESS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="definitions-${BENCH_PROCESS_ID}" targetNamespace="http://bpmn.io/schema/bpmn"
  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="${BENCH_PROCESS_ID}" name="Benchmark" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="to-task" sourceRef="start" targetRef="task"/>
    <bpmn:serviceTask id="task">
      <bpmn:extensionElements><zeebe:taskDefinition type="${BENCH_JOB_TYPE}"/></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="to-end" sourceRef="task" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>`;

/** Deploys the process with a plain multipart request (not part of any measurement). */
export async function deployBenchProcess(url: string): Promise<void> {
  const form = new FormData();
  form.append('resources', new Blob([BENCH_PROCESS_XML], { type: 'application/xml' }), `${BENCH_PROCESS_ID}.bpmn`);
  const response = await fetch(`${url}/v2/deployments`, { method: 'POST', body: form, headers: { authorization: BENCH_AUTHORIZATION } });
  if (!response.ok) throw new Error(`deploying ${BENCH_PROCESS_ID} failed: ${response.status} ${await response.text()}`);
}
