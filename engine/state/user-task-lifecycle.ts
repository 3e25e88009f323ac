/**
 * Allowed user task state transitions, as data (like the element lifecycle). An open task (CREATED) is
 * completed by a person or cancelled with its element; while open it may be assigned, updated and migrated.
 */
import type { UserTaskState } from './records.js';

export const USER_TASK_TRANSITIONS: Readonly<Record<UserTaskState, readonly UserTaskState[]>> = {
  CREATED: ['COMPLETED', 'CANCELED'],
  COMPLETED: [],
  CANCELED: [],
};

export function canTransitionUserTask(from: UserTaskState, to: UserTaskState): boolean {
  return from === to ? USER_TASK_TRANSITIONS[from].length > 0 : USER_TASK_TRANSITIONS[from].includes(to);
}
