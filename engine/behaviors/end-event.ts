/**
 * None, terminate and error end events.
 * - activate: a terminate end event first terminates every other active element of its flow scope; an error
 *   end event throws its error to the nearest catching boundary up the scopes (uncaught → incident
 *   UNHANDLED_ERROR_EVENT). Then the event completes, and the flow scope completes once nothing in it is active.
 */
import type { EndEventElement } from '../model/executable-process.js';
import type { ElementBehavior } from './shared/element-behavior.js';

export const endEventBehavior: ElementBehavior<EndEventElement> = {
  onActivate({ element, instance, services, transitions }) {
    if (element.error) {
      const codeEvaluation = services.variables.evaluate(element.error.code, instance.key);
      if (!codeEvaluation.ok) return codeEvaluation.failure.as('EXTRACT_VALUE_ERROR');
      const code = codeEvaluation.value;
      const scope = instance.flowScopeKey === null ? undefined : services.readers.elementInstance(instance.flowScopeKey);
      return transitions.throwError(scope ?? instance, String(code), '', {}) ?? 'WAIT';
    }
    const flowScope = instance.flowScopeKey === null ? undefined : services.readers.elementInstance(instance.flowScopeKey);
    if (element.terminate && flowScope) {
      for (const sibling of services.readers.activeChildren(flowScope.key)) {
        if (sibling.key !== instance.key) transitions.terminate(sibling);
      }
      transitions.discardJoinTokens(flowScope);
    }
    return 'COMPLETE';
  },
  onComplete: () => [],
};
