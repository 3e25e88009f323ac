/**
 * The process itself, the outermost container.
 * - activate: activates the start event the instance was created at (the none start event, or a timer start).
 * - complete: marks the process instance COMPLETED and answers callers awaiting its result.
 * - terminate: marks the process instance TERMINATED (children are terminated by the processor first).
 */
import type { ElementBehavior, ElementContext } from './shared/element-behavior.js';
import { requireElement, type ProcessElement } from '../model/executable-process.js';
import type { ProcessInstanceState } from '../state/records.js';

export const processBehavior: ElementBehavior<ProcessElement> = {
  onActivate({ process, element, instance, transitions }) {
    // createProcessInstance refuses a process without a none start event unless it names the start event
    const startEventId = transitions.startEventOf(instance.key) ?? element.noneStartEventId;
    if (startEventId === undefined) throw new Error(`the process instance ${instance.key} has no start event to begin at`);
    transitions.activateChild(instance, process, requireElement(process, startEventId));
    return 'WAIT';
  },
  onComplete(context) {
    endProcessInstance(context, 'COMPLETED');
    return [];
  },
  onTerminate(context) {
    endProcessInstance(context, 'TERMINATED');
  },
};

// helpers

function endProcessInstance({ instance, services }: ElementContext, state: ProcessInstanceState) {
  const record = services.readers.processInstance(instance.key);
  if (!record) return;
  services.writer.append('PROCESS_INSTANCE_STATE', 'CHANGED', { ...record, state, endDate: services.nowIso() });
  services.afterCommit.processInstanceEnded(instance.key);
}
