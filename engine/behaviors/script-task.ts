/**
 * Script task with a FEEL script (`zeebe:script`).
 * - activate: evaluates the expression and completes with `{ resultVariable: value }`, which then follows
 *   the usual output rules (output mappings, else propagation).
 */
import type { ElementBehavior } from './shared/element-behavior.js';
import { isFailure } from './shared/failure.js';
import { jobWorkerTaskBehavior } from './job-worker-task.js';

export const scriptTaskBehavior: ElementBehavior = {
  onActivate(context) {
    const { element, instance, services, transitions } = context;
    if (!element.script) return jobWorkerTaskBehavior.onActivate!(context);
    const value = services.variables.evaluate(element.script.expression, instance.key);
    if (isFailure(value)) return { ...value, errorType: 'EXTRACT_VALUE_ERROR' };
    transitions.complete(instance, { [element.script.resultVariable]: value });
    return 'WAIT';
  },
  onTerminate: jobWorkerTaskBehavior.onTerminate,
};
