/**
 * A small process of the task list's browser tests on a 初审 (first review) page: 受理 by 窗口受理 (window-clerk), then
 * 初审 by 窗口初审 (window-first-review), with a form of the test's own or none; and a case of it waiting at its 初审,
 * its 受理 done. What the tests on such a page (form data read only in part, masking for a reader) start from.
 */
import { bpmnProcess, flow } from './bpmn.js';
import type { ProcessHarness } from './process-harness.js';

/**
 * The process `processId`, named `title`, its steps `${title}受理` and `${title}初审`; `formId`: the 初审's form
 * (undefined: none — the page then knows the case's values only by reading its variables).
 */
export function intakeThenReview(processId: string, title: string, formId: string | undefined): string {
  return bpmnProcess(
    processId,
    `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="intake" name="${title}受理">
     <bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="window-clerk"/></bpmn:extensionElements>
   </bpmn:userTask>
   <bpmn:userTask id="review" name="${title}初审">
     <bpmn:extensionElements>
       <zeebe:userTask/>
       ${formId === undefined ? '' : `<zeebe:formDefinition formId="${formId}"/>`}
       <zeebe:assignmentDefinition candidateGroups="window-first-review"/>
     </bpmn:extensionElements>
   </bpmn:userTask>
   <bpmn:endEvent id="end"/>
   ${flow('f0', 'start', 'intake')}${flow('f1', 'intake', 'review')}${flow('f2', 'review', 'end')}`,
    title,
  );
}

/** Starts a case of `processId` with `variables`, completes its 受理 as 窗口受理 with `intake`: its 初审's user task key. */
export async function caseAtReview(harness: ProcessHarness, processId: string, variables: Record<string, unknown>, intake: Record<string, unknown>): Promise<string> {
  const caseKey = await harness.start(processId, variables);
  await harness.complete(caseKey, 'intake', { as: 'window-clerk', variables: intake });
  return (await harness.waitForTask(caseKey, 'review')).userTaskKey;
}
