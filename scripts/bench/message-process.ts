/**
 * The message shape of the in-process driver's `publish-correlating` workload: start → message catch event
 * (材料补正, correlation key `=caseId`) → end.
 */
import { bpmnProcess } from '../../test/support/bpmn.js';

export const MESSAGE_PROCESS_ID = 'bench-message-process';

export const MESSAGE_NAME = 'bench-material-received';

export const MESSAGE_PROCESS_XML = bpmnProcess(MESSAGE_PROCESS_ID, `
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="to-wait" sourceRef="start" targetRef="material"/>
    <bpmn:intermediateCatchEvent id="material" name="材料补正">
      <bpmn:messageEventDefinition messageRef="material-message"/>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="to-end" sourceRef="material" targetRef="end"/>
    <bpmn:endEvent id="end"/>`, 'Benchmark message', `
  <bpmn:message id="material-message" name="${MESSAGE_NAME}">
    <bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements>
  </bpmn:message>`);
