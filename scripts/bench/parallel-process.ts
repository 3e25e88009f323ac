/**
 * The parallel workload's process: start → parallel split → two service tasks (job type `bench-parallel-task`) →
 * parallel join → end. The first completed task leaves a token waiting at the join; the second fires it.
 */
import { bpmnProcess, flow, serviceTask } from '../../test/support/bpmn.js';

export const PARALLEL_PROCESS_ID = 'bench-parallel';
export const PARALLEL_JOB_TYPE = 'bench-parallel-task';

export const PARALLEL_PROCESS_XML = bpmnProcess(PARALLEL_PROCESS_ID, `
    <bpmn:startEvent id="start"/>
    <bpmn:parallelGateway id="split"/>
    ${serviceTask('check-a', PARALLEL_JOB_TYPE)}
    ${serviceTask('check-b', PARALLEL_JOB_TYPE)}
    <bpmn:parallelGateway id="join"/>
    <bpmn:endEvent id="end"/>
    ${flow('to-split', 'start', 'split')}
    ${flow('to-a', 'split', 'check-a')}
    ${flow('to-b', 'split', 'check-b')}
    ${flow('a-to-join', 'check-a', 'join')}
    ${flow('b-to-join', 'check-b', 'join')}
    ${flow('to-end', 'join', 'end')}`, 'Benchmark (parallel)');
