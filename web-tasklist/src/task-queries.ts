/**
 * The user-task searches behind the task list's lists and filters, in Camunda 8.8's filter language (advanced
 * operators), so they mean the same on the embedded engine and on a cluster:
 * - 我的待办: open tasks assigned to me;
 * - 待认领: open, unassigned tasks of my candidate groups (`candidateGroup: {$in: groups}`; on Camunda 8.8
 *   candidate groups do not limit visibility, so the list must ask for them);
 * - 全部: every open task the server lets me read (managers).
 * Search text: digits are a case number (process instance key); anything else an applicant name (`personName`
 * or `unitName`, `$like`), which needs two searches because Camunda's user-task filter has no `$or`.
 */
import type { CurrentUser, UserTask, UserTaskFilter, UserTaskSortField } from '../../web-shared/src/api/camunda-types.js';
import { serverNow } from '../../web-shared/src/api/server-clock.js';
import type { UserTaskSearch } from '../../web-shared/src/api/v2-client.js';
import { REFUSAL_AT_INTAKE_VARIABLES } from '../../web-shared/src/format/refused-at-intake.js';
import type { TasklistApi } from './tasklist-api.js';
import type { TaskListId, TaskSort, ViewQuery } from './tasklist-types.js';

export const PAGE_SIZE = 50;
export const APPLICANT_VARIABLES = ['personName', 'unitName'] as const;
/**
 * The case variables a list row shows: the applicant, the ID number (masked), whether the case was accepted, and
 * whether it was refused at intake (a late FC18/FC22 application at 送达不予受理告知书, FC17's filing the system
 * refused at 送达不予备案告知书: unaccepted for good, and its badge says 无时限, not 受理后起算).
 */
export const ROW_VARIABLES = [...APPLICANT_VARIABLES, 'idNumber', ...REFUSAL_AT_INTAKE_VARIABLES];

/** Boundaries of the due states, from the engine's "now" and the working-day calendar. */
export interface DueBoundaries {
  now: string;
  dueSoonUntil: string | null;
}

export function mayListAll(user: CurrentUser): boolean {
  return user.authorizedComponents.includes('*') || user.roles.includes('manager') || user.roles.includes('admin') || user.groups.includes('manager');
}

export function listFilter(list: TaskListId, user: CurrentUser): UserTaskFilter | undefined {
  if (list === 'mine') return { state: 'CREATED', assignee: user.username };
  if (list === 'claimable') {
    return user.groups.length ? { state: 'CREATED', assignee: { $exists: false }, candidateGroup: { $in: user.groups } } : undefined;
  }
  return { state: 'CREATED' };
}

/** Whether {@link listFilter} of `list` takes the task: for a task the server does not show as changed yet (own-changes.ts). */
export function inList(task: UserTask, list: TaskListId, user: CurrentUser): boolean {
  if (task.state !== 'CREATED') return false;
  if (list === 'mine') return task.assignee === user.username;
  if (list === 'claimable') return !task.assignee && (task.candidateGroups ?? []).some((group) => user.groups.includes(group));
  return true;
}

/** At most this many rows in a re-read of a list the clerk extended with 加载更多 (a page of 50 each time). */
export const MAX_REREAD_ROWS = 500;

/**
 * One search per applicant variable for a name, one search otherwise; undefined when the list is empty by definition.
 * `limit`: the rows asked for (a re-read asks for as many as are shown, so 加载更多's rows stay).
 */
export function taskSearches(query: ViewQuery, user: CurrentUser, due: DueBoundaries | undefined, limit = PAGE_SIZE): UserTaskSearch[] | undefined {
  const base = listFilter(query.list, user);
  if (!base) return undefined;
  const filter: UserTaskFilter = { ...base };
  if (query.processId) filter.processDefinitionId = query.processId;
  const dueDate = dueDateFilter(query.dueState, due);
  if (dueDate !== undefined) filter.dueDate = dueDate;
  const sort = sortOf(query.sort);
  const page = { limit };
  const text = query.search?.trim();
  if (!text) return [{ filter, sort, page }];
  if (/^\d+$/.test(text)) return [{ filter: { ...filter, processInstanceKey: text }, sort, page }];
  const pattern = `*${text.replace(/[\\*?]/g, (c) => `\\${c}`)}*`;
  return APPLICANT_VARIABLES.map((name) => ({ filter: { ...filter, processInstanceVariables: [{ name, value: { $like: pattern } }] }, sort, page }));
}

/**
 * The boundaries the view's due filter needs (the engine's "now" and the working-day calendar); undefined at once when
 * it needs none (a load without that filter sends its searches in the same turn).
 */
export function dueBoundaries(query: ViewQuery, api: TasklistApi, signal?: AbortSignal): Promise<DueBoundaries> | undefined {
  if (!query.dueState || query.dueState === 'noLimit') return undefined;
  const now = new Date(serverNow()).toISOString();
  return api.workingDays(now, [], signal).then(({ dueSoonUntil }) => ({ now, dueSoonUntil }));
}

export function countSearch(list: TaskListId, user: CurrentUser): UserTaskSearch | undefined {
  const filter = listFilter(list, user);
  return filter && { filter, page: { limit: 1 } };
}

/**
 * The tabs whose counts a load of `query` shows, each with its count search: `page` where the list's own search
 * counts it (a list shown without filters: its total is the tab's count, one search less), undefined where the
 * list is empty by definition.
 */
export function tabCountSearches(query: ViewQuery, user: CurrentUser): { list: TaskListId; search: UserTaskSearch | 'page' | undefined }[] {
  const lists: TaskListId[] = mayListAll(user) ? ['mine', 'claimable', 'all'] : ['mine', 'claimable'];
  const countsItself = !query.processId && !query.dueState && !query.search?.trim();
  return lists.map((list) => ({ list, search: countsItself && list === query.list ? 'page' : countSearch(list, user) }));
}

/**
 * The variables search for the rows of `tasks`: case keys sorted, so the same tasks always give the same request.
 * The case's own scope only (`scopeKey`, Camunda 8.8's VariableFilter): the same names live on in task and
 * subprocess scopes (input mappings, a form's local copy), and with them a page of cases × names would cut some
 * cases' `acceptedAt` off (受理后起算 on a case accepted long ago); in its own scope a case has each name once.
 */
export function rowVariablesSearch(tasks: readonly UserTask[]) {
  const caseKeys = [...new Set(tasks.map((task) => task.processInstanceKey))].sort();
  return {
    filter: { processInstanceKey: { $in: caseKeys }, scopeKey: { $in: caseKeys }, name: { $in: ROW_VARIABLES } },
    page: { limit: caseKeys.length * ROW_VARIABLES.length },
  };
}

export function sortOf(sort: TaskSort | undefined): { field: UserTaskSortField; order: 'asc' | 'desc' }[] {
  if (sort === 'creationDate') return [{ field: 'creationDate', order: 'asc' }];
  if (sort === '-creationDate') return [{ field: 'creationDate', order: 'desc' }];
  return [
    { field: 'dueDate', order: 'asc' },
    { field: 'creationDate', order: 'asc' },
  ];
}

// helpers

function dueDateFilter(state: ViewQuery['dueState'], due: DueBoundaries | undefined): UserTaskFilter['dueDate'] | undefined {
  if (!state) return undefined;
  if (state === 'noLimit') return { $exists: false };
  if (!due) return undefined;
  const soon = due.dueSoonUntil ?? due.now;
  if (state === 'overdue') return { $lt: due.now };
  if (state === 'dueSoon') return { $gte: due.now, $lte: soon };
  return { $gt: soon };
}
