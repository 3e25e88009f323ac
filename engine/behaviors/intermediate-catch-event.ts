/**
 * Intermediate catch event (timer, message or signal).
 * - activate: schedules its timer or opens its message / signal subscription, and waits; the event completes it
 *   (message and signal variables become its completion variables).
 * - terminate: cancels the timer / closes the subscription.
 */
import type { IntermediateCatchEventElement, ReceiveTaskElement } from '../model/executable-process.js';
import type { ElementBehavior } from './shared/element-behavior.js';
import { closeEventSubscriptions } from './shared/event-subscriptions.js';

export const intermediateCatchEventBehavior: ElementBehavior<IntermediateCatchEventElement | ReceiveTaskElement> = {
  onActivate({ element, instance, transitions }) {
    return transitions.openEventSubscription(element, instance) ?? 'WAIT';
  },
  onTerminate({ instance, services }) {
    closeEventSubscriptions(instance, services);
  },
};
