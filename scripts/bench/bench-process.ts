/** The benchmarked process: start → service task (job type `bench-task`) → end, and how to deploy it. */
import { bpmnProcess } from '../../test/support/bpmn.js';
import { deployBenchProcessXml } from './deploy-bench-process.js';

export const BENCH_PROCESS_ID = 'bench-process';
export const BENCH_JOB_TYPE = 'bench-task';

export const BENCH_PROCESS_XML = bpmnProcess(BENCH_PROCESS_ID, `
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="to-task" sourceRef="start" targetRef="task"/>
    <bpmn:serviceTask id="task">
      <bpmn:extensionElements><zeebe:taskDefinition type="${BENCH_JOB_TYPE}"/></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="to-end" sourceRef="task" targetRef="end"/>
    <bpmn:endEvent id="end"/>`, 'Benchmark');

/** Deploys the process (not part of any measurement). */
export function deployBenchProcess(url: string): Promise<void> {
  return deployBenchProcessXml(url, BENCH_PROCESS_ID, BENCH_PROCESS_XML);
}
