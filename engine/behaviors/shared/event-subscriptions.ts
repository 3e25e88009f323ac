/**
 * Everything an element waits for besides its own work: timers, message and signal subscriptions. An element
 * instance owns the subscriptions of its own catch event, of its boundary events and, for a container, of the
 * start events of its event sub-processes.
 */
import {
  boundaryEventIdsOf,
  eventSubProcessIdsOf,
  eventSubProcessStartOf,
  requireElementOfType,
  type ExecutableElement,
  type ExecutableProcess,
  type SubscribingEventElement,
} from '../../model/executable-process.js';
import type { ElementInstanceRecord } from '../../state/records.js';
import type { EngineServices } from './engine-services.js';
import type { Failure } from './failure.js';
import { closeMessageSubscriptions, openMessageSubscription } from './messages.js';
import { closeSignalSubscriptions, openSignalSubscription } from './signals.js';
import { cancelTimers, scheduleElementTimer } from './timers.js';

/** Opens the subscription an event waits on (timer, message or signal; errors need none). */
export function openEventSubscription(event: SubscribingEventElement, owner: ElementInstanceRecord, services: EngineServices): Failure | void {
  if (event.type === 'RECEIVE_TASK') return openMessageSubscription(event, owner, services);
  if (event.timer) return scheduleElementTimer(event, owner, services);
  if (event.message) return openMessageSubscription(event, owner, services);
  if (event.signal) return openSignalSubscription(event, owner, services);
}

/**
 * Opens the subscriptions of an activity's boundary events and, for a container, of its event sub-processes'
 * start events; on a failure none stays open.
 */
export function subscribeAttachedEvents(process: ExecutableProcess, element: ExecutableElement, owner: ElementInstanceRecord, services: EngineServices): Failure | void {
  const events = [
    ...boundaryEventIdsOf(element).map((id) => requireElementOfType(process, id, 'BOUNDARY_EVENT')),
    ...(eventSubProcessIdsOf(element) ?? []).map((id) => eventSubProcessStartOf(process, id)),
  ];
  if (events.length === 0) return;
  closeEventSubscriptions(owner, services);
  for (const event of events) {
    const failed = openEventSubscription(event, owner, services);
    if (failed) {
      closeEventSubscriptions(owner, services);
      return failed;
    }
  }
}

export function closeEventSubscriptions(owner: ElementInstanceRecord, services: EngineServices): void {
  cancelTimers(owner, services);
  closeMessageSubscriptions(owner, services);
  closeSignalSubscriptions(owner, services);
}

/** Whether an instance of `element` may own subscriptions that must close when it ends. */
export function ownsSubscriptions(element: ExecutableElement, instance: ElementInstanceRecord): boolean {
  return (
    boundaryEventIdsOf(element).length > 0 ||
    eventSubProcessIdsOf(element) !== undefined ||
    instance.elementType === 'EVENT_BASED_GATEWAY' ||
    instance.elementType === 'INTERMEDIATE_CATCH_EVENT' ||
    instance.elementType === 'RECEIVE_TASK'
  );
}
