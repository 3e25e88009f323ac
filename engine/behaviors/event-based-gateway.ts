/**
 * Event-based gateway.
 * - activate: subscribes to the events behind its outgoing flows (timers, messages, signals) and waits.
 * - complete: the first event that occurs chooses the flow (the processor records it); the other
 *   subscriptions close, and the chosen catch event completes at once with the event's variables.
 */
import { requireElementOfType, type EventBasedGatewayElement } from '../model/executable-process.js';
import type { ElementBehavior } from './shared/element-behavior.js';
import { closeEventSubscriptions } from './shared/event-subscriptions.js';

export const eventBasedGatewayBehavior: ElementBehavior<EventBasedGatewayElement> = {
  onActivate({ process, element, instance, services, transitions }) {
    for (const flow of element.outgoing) {
      const failed = transitions.openEventSubscription(requireElementOfType(process, flow.targetId, 'INTERMEDIATE_CATCH_EVENT'), instance);
      if (failed) {
        closeEventSubscriptions(instance, services);
        return failed;
      }
    }
    return 'WAIT';
  },
  onTerminate({ instance, services }) {
    closeEventSubscriptions(instance, services);
  },
};
