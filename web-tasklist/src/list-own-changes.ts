/**
 * The page's own 认领 / 释放 / 办结 (own-changes.ts) in a list the searches returned, which may not show them yet:
 * the tasks as the page knows them (out of the list when they no longer fit it), the tasks changed into the list,
 * and the tabs' counts shifted by the changes.
 */
import type { CurrentUser, UserTask } from '../../web-shared/src/api/camunda-types.js';
import type { OwnChanges, OwnReads } from './own-changes.js';
import { inList } from './task-queries.js';
import type { TaskListId } from './tasklist-types.js';

/** The pages of the tabs' count searches, by tab. */
export type TabCountPages = readonly (readonly [TaskListId, { totalItems: number; hasMoreTotalItems?: boolean }])[];

/** The tasks of a search as this page knows them: its own changes over them, out of the list if they no longer fit it. */
export function ownView(tasks: UserTask[], changes: OwnChanges, list: TaskListId, user: CurrentUser): UserTask[] {
  return tasks.map((task) => changes.over(task)).filter((task) => !changes.has(task.userTaskKey) || inList(task, list, user));
}

/**
 * The tabs' counts from their searches, shifted by the page's own changes the searches may not show yet (`reads`:
 * the changed tasks as the server's reads by key show them). Undefined — keep the counts shown — when a read first
 * showed a change after the searches went out: they may not show it yet, while the change no longer shifts anything
 * (the read agrees), so the count would flip back for one load. A capped count (10000+) is not shifted.
 */
export function tabCounts(counts: TabCountPages, reads: OwnReads, changes: OwnChanges, user: CurrentUser): Partial<Record<TaskListId, string>> | undefined {
  if (reads.agreedNow) return undefined;
  const shown = counts.map(([list, page]) => {
    const capped = Boolean(page.hasMoreTotalItems);
    const shift = capped ? 0 : reads.tasks.reduce((sum, task) => sum + Number(inList(changes.over(task), list, user)) - Number(inList(task, list, user)), 0);
    return [list, countText({ totalItems: Math.max(0, page.totalItems + shift), hasMoreTotalItems: capped })] as const;
  });
  return Object.fromEntries(shown);
}

/** The tasks the counts shown were counted from (ListLoads.countedFrom). */
export interface CountedFrom {
  counts: TabCountPages;
  tasks: UserTask[];
}

/**
 * The counts' tasks with the task just changed added as the page last read it by key (`read`), when their load did
 * not return it — the clerk opened it by its address, or from another tab's list —: the change then shifts the
 * counts as it does the rows (the 认领 of a task of 待认领 shown while 我的待办 is listed). Its count searches
 * counted it as that read shows it, but for a change between the two (a colleague's) or a search lagging behind a
 * task just created (a cluster): the counts are then one off until the load after the change is let go.
 */
export function withChangedTask(from: CountedFrom, read: UserTask | undefined): CountedFrom {
  if (!read || from.tasks.some((task) => task.userTaskKey === read.userTaskKey)) return from;
  return { counts: from.counts, tasks: [...from.tasks, read] };
}

/**
 * The tasks the page changed into `list` that the server does not have in it yet — the same as shift the counts
 * (tabCounts): its search cannot return them, nor count them. One the server has in the list already is not added
 * though the search did not return it: it may be on a later page (加载更多 would bring it twice, 共 N one too many).
 * While a read first shows a change the counts stay as they were, and so do the tasks the change added.
 */
export function changedIntoList(reads: OwnReads, returned: UserTask[], changes: OwnChanges, list: TaskListId, user: CurrentUser): UserTask[] {
  const returnedKeys = new Set(returned.map((task) => task.userTaskKey));
  return reads.tasks
    .filter((task) => !returnedKeys.has(task.userTaskKey) && (reads.agreedNow || !inList(task, list, user)))
    .map((task) => changes.over(task))
    .filter((task) => inList(task, list, user));
}

// helpers

/** A tab's count: `10000+` where the server stops counting. */
function countText(page: { totalItems: number; hasMoreTotalItems?: boolean }): string {
  return `${page.totalItems}${page.hasMoreTotalItems ? '+' : ''}`;
}
