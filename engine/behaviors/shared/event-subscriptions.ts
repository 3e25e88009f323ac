/** Everything an element waits for besides its own work: timers, message and signal subscriptions. */
import type { ElementInstanceRecord } from '../../state/records.js';
import type { EngineServices } from './engine-services.js';
import { closeMessageSubscriptions } from './messages.js';
import { closeSignalSubscriptions } from './signals.js';
import { cancelTimers } from './timers.js';

export function closeEventSubscriptions(owner: ElementInstanceRecord, services: EngineServices): void {
  cancelTimers(owner, services);
  closeMessageSubscriptions(owner, services);
  closeSignalSubscriptions(owner, services);
}
