/**
 * The parallel workload's process: start → parallel split → two service tasks (job type `bench-parallel-task`) →
 * parallel join → end. The first completed task leaves a token waiting at the join; the second fires it.
 */
export const PARALLEL_PROCESS_ID = 'bench-parallel';
export const PARALLEL_JOB_TYPE = 'bench-parallel-task';

const task = (id: string) =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${PARALLEL_JOB_TYPE}"/></bpmn:extensionElements></bpmn:serviceTask>`;
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;

export const PARALLEL_PROCESS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="definitions-${PARALLEL_PROCESS_ID}" targetNamespace="http://bpmn.io/schema/bpmn"
  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="${PARALLEL_PROCESS_ID}" name="Benchmark (parallel)" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:parallelGateway id="split"/>
    ${task('check-a')}
    ${task('check-b')}
    <bpmn:parallelGateway id="join"/>
    <bpmn:endEvent id="end"/>
    ${flow('to-split', 'start', 'split')}
    ${flow('to-a', 'split', 'check-a')}
    ${flow('to-b', 'split', 'check-b')}
    ${flow('a-to-join', 'check-a', 'join')}
    ${flow('b-to-join', 'check-b', 'join')}
    ${flow('to-end', 'join', 'end')}
  </bpmn:process>
</bpmn:definitions>`;
