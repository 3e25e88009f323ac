/** User task commands: assign, unassign, update, complete. Only a CREATED (open) task accepts them. */
import { InvalidArgumentError, InvalidStateError, NotFoundError } from '../errors.js';
import type { UserTaskRecord } from '../state/records.js';
import type { CommandContext } from './command-context.js';

export function assignUserTask({ services }: CommandContext, key: number, assignee: string, allowOverride: boolean): void {
  const task = requireOpenTask(services.readers.userTask(key), key);
  if (!allowOverride && task.assignee && task.assignee !== assignee) {
    throw new InvalidStateError(`the user task '${key}' is already assigned to '${task.assignee}'`);
  }
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

export function completeUserTask({ services, processor }: CommandContext, key: number, variables: Record<string, unknown>): void {
  const task = requireOpenTask(services.readers.userTask(key), key);
  services.writer.append('USER_TASK', 'COMPLETED', { ...task, state: 'COMPLETED', completionDate: services.nowIso() });
  processor.complete(services.readers.elementInstance(task.elementInstanceKey)!, variables);
  processor.drain();
}

// helpers

function requireOpenTask(task: UserTaskRecord | undefined, key: number): UserTaskRecord {
  if (!task) throw new NotFoundError(`no user task with key '${key}' exists`);
  if (task.state !== 'CREATED') throw new InvalidStateError(`the user task '${key}' is ${task.state.toLowerCase()} and can no longer change`);
  return task;
}

function isoOrNull(value: string | null, field: string): string | null {
  if (value === null || value === '') return null;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new InvalidArgumentError(`${field} must be an ISO 8601 date-time, got '${value}'`);
  return new Date(parsed).toISOString();
}
