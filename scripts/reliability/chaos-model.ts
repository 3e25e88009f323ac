/**
 * The case the reliability runs drive: every kind of command a real case needs, in one line —
 *   start → 审核材料 (job `chaos-work`) → 初审 (user task, window-first-review) → 补正材料到达 (message
 *   `chaos-materials`, correlation key = caseId) → 等待一小时 (timer PT1H on the engine clock) →
 *   一次性告知书 (the real `generate-missing-materials-notice` worker: a numbered PDF through the Documents API) → end.
 */
export const CHAOS_PROCESS_ID = 'reliability-case';
export const CHAOS_JOB_TYPE = 'chaos-work';
export const CHAOS_MESSAGE = 'chaos-materials';
export const CHAOS_REVIEW_GROUP = 'window-first-review';
export const NOTICE_JOB_TYPE = 'generate-missing-materials-notice';

const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;

export const CHAOS_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="definitions-${CHAOS_PROCESS_ID}" targetNamespace="http://bpmn.io/schema/bpmn"
  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:message id="materials" name="${CHAOS_MESSAGE}">
    <bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements>
  </bpmn:message>
  <bpmn:process id="${CHAOS_PROCESS_ID}" name="可靠性测试案件" isExecutable="true">
    <bpmn:startEvent id="received" name="受理"/>
    <bpmn:serviceTask id="work" name="审核材料"><bpmn:extensionElements><zeebe:taskDefinition type="${CHAOS_JOB_TYPE}"/></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:userTask id="review" name="初审"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="${CHAOS_REVIEW_GROUP}"/></bpmn:extensionElements></bpmn:userTask>
    <bpmn:intermediateCatchEvent id="materials-arrived" name="补正材料到达"><bpmn:messageEventDefinition messageRef="materials"/></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="wait" name="等待一小时"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:serviceTask id="notice" name="一次性告知书"><bpmn:extensionElements><zeebe:taskDefinition type="${NOTICE_JOB_TYPE}"/></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="done" name="办结"/>
    ${flow('f1', 'received', 'work')}${flow('f2', 'work', 'review')}${flow('f3', 'review', 'materials-arrived')}
    ${flow('f4', 'materials-arrived', 'wait')}${flow('f5', 'wait', 'notice')}${flow('f6', 'notice', 'done')}
  </bpmn:process>
</bpmn:definitions>`;

/** Start variables of case `n`: what the notice worker needs, and the correlation key. */
export function chaosCaseVariables(n: number, runId: string) {
  return {
    caseId: `${runId}-${n}`,
    applicantName: `测试申请人${n}`,
    serviceItem: '职工医保医疗费用零星报销',
    missingMaterials: ['医疗费用发票原件', '出院小结'],
  };
}
