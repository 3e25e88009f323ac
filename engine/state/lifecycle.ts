/**
 * Allowed element-instance transitions, as data. Every transition the engine makes is checked against this
 * table, so a command that does not fit the element's state is rejected instead of corrupting it.
 */
import type { ElementInstanceState } from './records.js';

export const TRANSITIONS: Readonly<Record<ElementInstanceState, readonly ElementInstanceState[]>> = {
  ACTIVATING: ['ACTIVATED', 'TERMINATING'],
  ACTIVATED: ['COMPLETING', 'TERMINATING'],
  COMPLETING: ['COMPLETED', 'TERMINATING'],
  COMPLETED: [],
  TERMINATING: ['TERMINATED'],
  TERMINATED: [],
};

export const ACTIVE_STATES: readonly ElementInstanceState[] = ['ACTIVATING', 'ACTIVATED', 'COMPLETING', 'TERMINATING'];

export function canTransition(from: ElementInstanceState, to: ElementInstanceState): boolean {
  return TRANSITIONS[from].includes(to);
}
