/**
 * Intermediate catch event (timer or message).
 * - activate: schedules its timer or opens its message subscription, and waits; the timer or the correlated
 *   message completes it (message variables become its completion variables).
 * - terminate: cancels the timer / closes the subscription.
 */
import type { ElementBehavior } from './shared/element-behavior.js';
import { closeEventSubscriptions } from './shared/event-subscriptions.js';
import { openMessageSubscription } from './shared/messages.js';
import { scheduleElementTimer } from './shared/timers.js';

export const intermediateCatchEventBehavior: ElementBehavior = {
  onActivate({ element, instance, services }) {
    const failed = element.timer ? scheduleElementTimer(element, instance, services) : openMessageSubscription(element, instance, services);
    return failed ?? 'WAIT';
  },
  onTerminate({ instance, services }) {
    closeEventSubscriptions(instance, services);
  },
};
