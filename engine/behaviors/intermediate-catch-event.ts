/**
 * Intermediate catch event (timer).
 * - activate: schedules its timer and waits; the scheduler completes it when the timer fires.
 * - terminate: cancels the timer.
 */
import type { ElementBehavior } from './shared/element-behavior.js';
import { cancelTimers, scheduleElementTimer } from './shared/timers.js';

export const intermediateCatchEventBehavior: ElementBehavior = {
  onActivate({ element, instance, services }) {
    return scheduleElementTimer(element, instance, services) ?? 'WAIT';
  },
  onTerminate({ instance, services }) {
    cancelTimers(instance, services);
  },
};
