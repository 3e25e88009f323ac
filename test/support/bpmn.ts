/**
 * Small helpers to write fixture BPMN inline: wraps flow elements in Zeebe-dialect definitions (also the benchmark's
 * processes, scripts/bench). `roots`: root elements beside the process (messages).
 */
export function bpmnProcess(processId: string, body: string, name = processId, roots = ''): string {
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

export function serviceTask(id: string, type: string, extra = ''): string {
  return `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}"/>${extra}</bpmn:extensionElements></bpmn:serviceTask>`;
}

export function flow(id: string, from: string, to: string, condition?: string): string {
  return condition
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression>${escapeXml(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;
}

/** A message (a root element, for `bpmnProcess`'s `roots`), its subscriptions correlated by `correlationKey` when given. */
export function message(id: string, name: string, correlationKey?: string): string {
  const subscription = correlationKey ? `<bpmn:extensionElements><zeebe:subscription correlationKey="${escapeXml(correlationKey)}"/></bpmn:extensionElements>` : '';
  return `<bpmn:message id="${id}" name="${name}">${subscription}</bpmn:message>`;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A start event, one service task `task` of the job type `type`, an end, and their two flows. */
export function serviceTaskProcess(type: string, { processId = type, task = 'task', name }: { processId?: string; task?: string; name?: string } = {}): string {
  return bpmnProcess(processId, `<bpmn:startEvent id="start"/>${serviceTask(task, type)}<bpmn:endEvent id="end"/>${flow('f1', 'start', task)}${flow('f2', task, 'end')}`, name);
}

/** A process of `2 × tasks` elements: a start event, `tasks` service tasks of `type` in a row, their flows, an end. */
export function longProcess(processId: string, type: string, tasks: number): string {
  const body = Array.from({ length: tasks }, (_, i) => serviceTask(`t${i}`, type)).join('');
  const flows = Array.from({ length: tasks - 1 }, (_, i) => flow(`g${i}`, `t${i}`, `t${i + 1}`)).join('');
  return bpmnProcess(processId, `<bpmn:startEvent id="start"/>${body}<bpmn:endEvent id="end"/>${flow('gs', 'start', 't0')}${flows}${flow('ge', `t${tasks - 1}`, 'end')}`);
}
