/**
 * The one-user-task shape of modes (o), (r) and (p): start → user task (candidate group window-first-review) →
 * end, and how to deploy it. Each instance is created with the variables of one FC20 application, so a waiting
 * instance carries what a real case carries when it waits for its first clerk.
 */
import { FC20_APPLICATION } from '../../test/support/fc20-sample-case.js';
import { bpmnProcess } from '../../test/support/bpmn.js';
import { deployBenchProcessXml } from './deploy-bench-process.js';

export const USER_TASK_PROCESS_ID = 'bench-user-task-process';

export const USER_TASK_VARIABLES: Record<string, unknown> = FC20_APPLICATION;

export const USER_TASK_PROCESS_XML = bpmnProcess(USER_TASK_PROCESS_ID, `
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="to-task" sourceRef="start" targetRef="review"/>
    <bpmn:userTask id="review" name="初审">
      <bpmn:extensionElements>
        <zeebe:userTask/>
        <zeebe:assignmentDefinition candidateGroups="window-first-review"/>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="to-end" sourceRef="review" targetRef="end"/>
    <bpmn:endEvent id="end"/>`, 'Benchmark user task');

/** Deploys the process (not part of any measurement). */
export function deployUserTaskProcess(url: string): Promise<void> {
  return deployBenchProcessXml(url, USER_TASK_PROCESS_ID, USER_TASK_PROCESS_XML);
}
