/**
 * Receive task: waits for its message like a message catch event, and can carry boundary events.
 * - activate: opens the message subscription and waits.
 * - terminate: closes the subscription.
 */
import type { ReceiveTaskElement } from '../model/executable-process.js';
import type { ElementBehavior } from './shared/element-behavior.js';
import { intermediateCatchEventBehavior } from './intermediate-catch-event.js';

export const receiveTaskBehavior: ElementBehavior<ReceiveTaskElement> = intermediateCatchEventBehavior;
