/**
 * Boundary event. It is activated only once its trigger fired (the processor subscribes the host's boundary
 * timers when the host activates and, for an interrupting event, terminates the host first).
 * - activate: completes at once and takes its outgoing flows.
 */
import type { ElementBehavior } from './shared/element-behavior.js';

export const boundaryEventBehavior: ElementBehavior = {
  onActivate: () => 'COMPLETE',
};
