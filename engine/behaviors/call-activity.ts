/**
 * Call activity (`zeebe:calledElement`, binding latest).
 * - activate: starts the latest version of the called process as a child instance, with every visible
 *   variable (propagateAllParentVariables) or only the input mappings; a missing process → CALLED_ELEMENT_ERROR.
 * - complete: when the child completes, with the child's variables (propagateAllChildVariables) or its outputs.
 * - terminate: terminates the child instance.
 */
import type { CallActivityElement } from '../model/executable-process.js';
import type { ElementBehavior } from './shared/element-behavior.js';
import { failure } from './shared/failure.js';
import { describeValue } from '../feel/value-type-name.js';

export const callActivityBehavior: ElementBehavior<CallActivityElement> = {
  onActivate({ element, instance, services, transitions }) {
    const called = element.calledElement;
    const processIdEvaluation = services.variables.evaluate(called.processId, instance.key);
    if (!processIdEvaluation.ok) return processIdEvaluation.failure.as('EXTRACT_VALUE_ERROR');
    const processId = processIdEvaluation.value;
    if (typeof processId !== 'string' || processId === '') {
      return failure('EXTRACT_VALUE_ERROR', `expected the called process id of '${element.id}' to be a string, but was ${describeValue(processId)}`);
    }
    const definition = services.readers.latestProcessDefinition(processId, instance.tenantId);
    if (!definition) {
      return failure('CALLED_ELEMENT_ERROR', `Expected process with BPMN process id '${processId}' to be deployed, but not found.`);
    }
    const variables = called.propagateAllParentVariables
      ? services.variables.visible(instance.key)
      : services.variables.local(instance.key);
    return transitions.startCalledProcess(instance, definition.key, variables) ?? 'WAIT';
  },
  onTerminate({ instance, services, transitions }) {
    const child = services.readers.calledProcessInstance(instance.key);
    if (child) transitions.terminate(child);
  },
};
