/**
 * None start event: completes as soon as it is activated and takes its outgoing flows.
 */
import type { ElementBehavior } from './shared/element-behavior.js';

export const startEventBehavior: ElementBehavior = {
  onActivate: () => 'COMPLETE',
};
