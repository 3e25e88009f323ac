/**
 * Manual task and undefined task (bpmn:task): nothing for the engine to do, so they complete at once. The
 * person's work is recorded outside the engine.
 */
import type { ElementBehavior } from './shared/element-behavior.js';

export const passThroughTaskBehavior: ElementBehavior = {
  onActivate: () => 'COMPLETE',
};
