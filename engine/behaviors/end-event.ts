/**
 * None and terminate end events.
 * - activate: a terminate end event first terminates every other active element of its flow scope; both kinds
 *   then complete, and the flow scope completes once nothing in it is active.
 */
import type { ElementBehavior } from './shared/element-behavior.js';

export const endEventBehavior: ElementBehavior = {
  onActivate({ element, instance, services }) {
    if (element.terminate && instance.flowScopeKey !== null) {
      for (const sibling of services.readers.activeChildren(instance.flowScopeKey)) {
        if (sibling.key !== instance.key) services.transitions.terminate(sibling);
      }
      services.transitions.clearJoinTokens(instance.flowScopeKey);
    }
    return 'COMPLETE';
  },
  onComplete: () => [],
};
