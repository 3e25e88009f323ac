/**
 * The one-user-task shape of modes (o), (r) and (p): start → user task (candidate group window-first-review) →
 * end, and how to deploy it. Each instance is created with the variables of one FC20 application, so a waiting
 * instance carries what a real case carries when it waits for its first clerk.
 */
import { FC20_APPLICATION } from '../../test/support/fc20-sample-case.js';
import { BENCH_AUTHORIZATION } from './bench-credentials.js';

export const USER_TASK_PROCESS_ID = 'bench-user-task-process';

export const USER_TASK_VARIABLES: Record<string, unknown> = FC20_APPLICATION;

export const USER_TASK_PROCESS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="definitions-${USER_TASK_PROCESS_ID}" targetNamespace="http://bpmn.io/schema/bpmn"
  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="${USER_TASK_PROCESS_ID}" name="Benchmark user task" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="to-task" sourceRef="start" targetRef="review"/>
    <bpmn:userTask id="review" name="初审">
      <bpmn:extensionElements>
        <zeebe:userTask/>
        <zeebe:assignmentDefinition candidateGroups="window-first-review"/>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="to-end" sourceRef="review" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>`;

/** Deploys the process with a plain multipart request (not part of any measurement). */
export async function deployUserTaskProcess(url: string): Promise<void> {
  const form = new FormData();
  form.append('resources', new Blob([USER_TASK_PROCESS_XML], { type: 'application/xml' }), `${USER_TASK_PROCESS_ID}.bpmn`);
  const response = await fetch(`${url}/v2/deployments`, { method: 'POST', body: form, headers: { authorization: BENCH_AUTHORIZATION } });
  if (!response.ok) throw new Error(`deploying ${USER_TASK_PROCESS_ID} failed: ${response.status} ${await response.text()}`);
}
