/**
 * The message shape of the in-process driver's `publish-correlating` workload: start → message catch event
 * (材料补正, correlation key `=caseId`) → end.
 */
export const MESSAGE_PROCESS_ID = 'bench-message-process';

export const MESSAGE_NAME = 'bench-material-received';

export const MESSAGE_PROCESS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="definitions-${MESSAGE_PROCESS_ID}" targetNamespace="http://bpmn.io/schema/bpmn"
  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="${MESSAGE_PROCESS_ID}" name="Benchmark message" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="to-wait" sourceRef="start" targetRef="material"/>
    <bpmn:intermediateCatchEvent id="material" name="材料补正">
      <bpmn:messageEventDefinition messageRef="material-message"/>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="to-end" sourceRef="material" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
  <bpmn:message id="material-message" name="${MESSAGE_NAME}">
    <bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements>
  </bpmn:message>
</bpmn:definitions>`;
