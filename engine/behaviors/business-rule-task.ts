/**
 * Business rule task: with `zeebe:calledDecision` it evaluates a DMN decision; without, a job worker does the
 * work (`zeebe:taskDefinition`, see job-worker-task.ts).
 * - activate: evaluates the called decision (binding latest, deployment or versionTag) with the task's variables
 *   and completes with `{ resultVariable: output }`, which follows the usual output rules; a missing decision is
 *   CALLED_DECISION_ERROR, a failed evaluation DECISION_EVALUATION_ERROR (resolving the incident evaluates again).
 * - terminate: cancels the job of a job-based task.
 */
import type { BusinessRuleTaskElement } from '../model/executable-process.js';
import type { ElementBehavior } from './shared/element-behavior.js';
import { failure, isFailure } from './shared/failure.js';
import { jobWorkerTaskBehavior } from './job-worker-task.js';
import { describeValue } from '../feel/value-type-name.js';

export const businessRuleTaskBehavior: ElementBehavior<BusinessRuleTaskElement> = {
  onActivate(context) {
    const { element, instance, services, transitions } = context;
    if (element.job) return jobWorkerTaskBehavior.onActivate({ ...context, element });
    const called = element.calledDecision;
    const decisionIdEvaluation = services.variables.evaluate(called.decisionId, instance.key);
    if (!decisionIdEvaluation.ok) return decisionIdEvaluation.failure.as('EXTRACT_VALUE_ERROR');
    const decisionId = decisionIdEvaluation.value;
    if (typeof decisionId !== 'string' || decisionId.trim() === '') {
      return failure('EXTRACT_VALUE_ERROR', `expected the decision id of '${element.id}' to be a non-empty string, but was ${describeValue(decisionId)}`);
    }
    const result = services.decisions.evaluateCalled(instance, decisionId, { type: called.bindingType, versionTag: called.versionTag });
    if (isFailure(result)) return result;
    transitions.complete(instance, { [called.resultVariable]: result.output });
    return 'WAIT';
  },
  onTerminate: jobWorkerTaskBehavior.onTerminate,
};
