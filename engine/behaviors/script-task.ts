/**
 * Script task with a FEEL script (`zeebe:script`).
 * - activate: evaluates the expression and completes with `{ resultVariable: value }`, which then follows
 *   the usual output rules (output mappings, else propagation).
 */
import type { ScriptTaskElement } from '../model/executable-process.js';
import type { ElementBehavior } from './shared/element-behavior.js';

import { jobWorkerTaskBehavior } from './job-worker-task.js';

export const scriptTaskBehavior: ElementBehavior<ScriptTaskElement> = {
  onActivate(context) {
    const { element, instance, services, transitions } = context;
    if (element.job) return jobWorkerTaskBehavior.onActivate({ ...context, element });
    const valueEvaluation = services.variables.evaluate(element.script.expression, instance.key);
    if (!valueEvaluation.ok) return valueEvaluation.failure.as('EXTRACT_VALUE_ERROR');
    const value = valueEvaluation.value;
    transitions.complete(instance, { [element.script.resultVariable]: value });
    return 'WAIT';
  },
  onTerminate: jobWorkerTaskBehavior.onTerminate,
};
