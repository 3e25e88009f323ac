/**
 * The parallel workload's process: start → parallel split → two service tasks (job type `bench-parallel-task`) →
 * parallel join → end. The first completed task leaves a token waiting at the join; the second fires it.
 */
import { benchProcessXml } from './bench-definitions.js';

export const PARALLEL_PROCESS_ID = 'bench-parallel';
export const PARALLEL_JOB_TYPE = 'bench-parallel-task';

const task = (id: string) =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${PARALLEL_JOB_TYPE}"/></bpmn:extensionElements></bpmn:serviceTask>`;
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;

export const PARALLEL_PROCESS_XML = benchProcessXml(PARALLEL_PROCESS_ID, 'Benchmark (parallel)', `
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
    ${flow('to-end', 'join', 'end')}`);
