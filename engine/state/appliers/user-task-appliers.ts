/** User tasks, each change checked against the user task lifecycle table. */
import type { MutableState } from '../mutable-state.js';
import type { UserTaskRecord } from '../records.js';
import { canTransitionUserTask } from '../user-task-lifecycle.js';
import { illegalTransition, insert, type AppliersOf } from './applier.js';

export const USER_TASK_APPLIERS: AppliersOf<'USER_TASK'> = {
  CREATED: insert((s) => s.userTasks),
  ASSIGNED: transition,
  UPDATED: transition,
  COMPLETED: transition,
  CANCELED: transition,
  MIGRATED: transition,
};

// helpers

function transition(state: MutableState, task: UserTaskRecord): void {
  const current = state.userTasks.get(task.key);
  if (!current) throw new Error(`user task ${task.key} does not exist`);
  if (!canTransitionUserTask(current.state, task.state)) illegalTransition('user task', task.key, current.state, task.state);
  state.userTasks.update(task);
}
