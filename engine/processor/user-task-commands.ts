/**
 * User task commands: assign, unassign, update, complete. Only a CREATED (open) task accepts them.
 *
 * Four-eyes (四眼原则): a review task whose model names other user tasks in `fourEyes.differsFrom` cannot be
 * assigned to, nor completed by, a user who completed one of those tasks in the same process instance (409).
 * Completing records the authenticated user as `completedBy`; an unassigned task also gets them as its assignee
 * (claimed and completed at once), so a case's history shows who did each step.
 */
import { FourEyesViolationError, InvalidArgumentError, InvalidStateError, NotFoundError } from '../errors.js';
import type { UserTaskRecord } from '../state/records.js';
import type { CommandContext } from './command-context.js';

export function assignUserTask(context: CommandContext, key: number, assignee: string, allowOverride: boolean): void {
  const { services } = context;
  const task = requireOpenTask(services.readers.userTask(key), key);
  if (!allowOverride && task.assignee && task.assignee !== assignee) {
    throw new InvalidStateError(`the user task '${key}' is already assigned to '${task.assignee}'`);
  }
  requireFourEyes(context, task, assignee, 'assign');
  services.writer.append('USER_TASK', 'ASSIGNED', { ...task, assignee });
}

export function unassignUserTask({ services }: CommandContext, key: number): void {
  const task = requireOpenTask(services.readers.userTask(key), key);
  services.writer.append('USER_TASK', 'ASSIGNED', { ...task, assignee: null });
}

export interface UserTaskChangeset {
  dueDate?: string | null;
  followUpDate?: string | null;
  candidateGroups?: string[] | null;
  candidateUsers?: string[] | null;
  priority?: number | null;
}

export function updateUserTask({ services }: CommandContext, key: number, changeset: UserTaskChangeset): void {
  const task = requireOpenTask(services.readers.userTask(key), key);
  const updated: UserTaskRecord = { ...task };
  if (changeset.dueDate !== undefined) updated.dueDate = isoOrNull(changeset.dueDate, 'dueDate');
  if (changeset.followUpDate !== undefined) updated.followUpDate = isoOrNull(changeset.followUpDate, 'followUpDate');
  if (changeset.candidateGroups !== undefined) updated.candidateGroups = changeset.candidateGroups ?? [];
  if (changeset.candidateUsers !== undefined) updated.candidateUsers = changeset.candidateUsers ?? [];
  if (changeset.priority !== undefined && changeset.priority !== null) updated.priority = changeset.priority;
  services.writer.append('USER_TASK', 'UPDATED', updated);
}

/** `completedBy`: the authenticated user; undefined only for callers inside the engine (no user). */
export function completeUserTask(context: CommandContext, key: number, variables: Record<string, unknown>, completedBy?: string): void {
  const { services, processor } = context;
  const task = requireOpenTask(services.readers.userTask(key), key);
  if (completedBy !== undefined) requireFourEyes(context, task, completedBy, 'complete');
  services.writer.append('USER_TASK', 'COMPLETED', {
    ...task,
    state: 'COMPLETED',
    completionDate: services.nowIso(),
    completedBy: completedBy ?? null,
    assignee: task.assignee ?? completedBy ?? null,
  });
  processor.complete(services.readers.elementInstance(task.elementInstanceKey)!, variables);
  processor.drain();
}

// helpers

function requireOpenTask(task: UserTaskRecord | undefined, key: number): UserTaskRecord {
  if (!task) throw new NotFoundError(`no user task with key '${key}' exists`);
  if (task.state !== 'CREATED') throw new InvalidStateError(`the user task '${key}' is ${task.state.toLowerCase()} and can no longer change`);
  return task;
}

/** Refuses `username` for `task` when they completed a task the model pairs it with (four-eyes). */
function requireFourEyes({ readers, models }: CommandContext, task: UserTaskRecord, username: string, action: 'assign' | 'complete'): void {
  const process = models.processFor(task.processDefinitionKey);
  const element = process.elements.get(task.elementId);
  const pairs = (element?.type === 'USER_TASK' ? element.userTask.fourEyesDiffersFrom : undefined) ?? [];
  for (const elementId of pairs) {
    const earlier = readers.userTaskCompletedBy(task.processInstanceKey, elementId, username);
    if (!earlier) continue;
    const earlierName = process.elements.get(elementId)?.name ?? elementId;
    const thisName = task.name ?? task.elementId;
    const who = action === 'complete' ? '您' : `用户 ${username} `;
    throw new FourEyesViolationError(
      `四眼原则：${who}已办理本案件的「${earlierName}」，不能再${action === 'complete' ? '办理' : '认领'}「${thisName}」，请由其他工作人员办理。`,
      username,
      task.key,
    );
  }
}

function isoOrNull(value: string | null, field: string): string | null {
  if (value === null || value === '') return null;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new InvalidArgumentError(`${field} must be an ISO 8601 date-time, got '${value}'`);
  return new Date(parsed).toISOString();
}
