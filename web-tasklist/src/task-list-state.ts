/**
 * The task list as the page shows it (TaskListState), and where its loads stand (ListLoads): the load of the list
 * (list-load.ts) and 加载更多 (load-more.ts) share the cursor, the rows 加载更多 added, and each other's end — a load
 * supersedes the 加载更多 under way, and a re-read waits for it. Both read with a {@link ListContext}.
 */
import type { CurrentUser } from '../../web-shared/src/api/camunda-types.js';
import type { Failure } from '../../web-shared/src/api/failure.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import type { LoadBound } from './load-bound.js';
import type { CountedFrom } from './list-own-changes.js';
import type { OwnChanges } from './own-changes.js';
import type { LimitRuleOf, TaskRow } from './task-rows.js';
import type { TasklistApi } from './tasklist-api.js';
import type { TaskListId, ViewQuery } from './tasklist-types.js';

export interface TaskListState {
  rows: TaskRow[];
  total: number;
  /** Per list; `10000+` where the server stops counting (Camunda's hasMoreTotalItems). */
  counts: Partial<Record<TaskListId, string>>;
  loading: boolean;
  error?: Failure;
  refreshedAt?: number;
  canLoadMore: boolean;
}

/** Held across renders by the list's hook (use-task-list.ts), one per list page. */
export interface ListLoads {
  /** Goes up with each load that is not skipped: one that answers after a newer one began is not shown. */
  generation: number;
  /** The load under way (its generation), counts included: the engine answers one request after the other. */
  running?: number;
  /** The end of the newest load: a newer one or the list's end supersedes it, or it runs out of time (load-bound.ts). */
  bound?: LoadBound;
  /** Where 加载更多 goes on: the end of the list's single search (none for a name search, which runs two). */
  cursor?: string;
  /** Rows 加载更多 added to the list's first page: a re-read asks for them too (they would drop off at the next one). */
  moreRows: number;
  /** The end of the 加载更多 under way: a load that supersedes the one under way supersedes it too; re-reads wait for it. */
  more?: LoadBound;
  /** What the counts shown were counted from: their searches' pages and the tasks as that load read them (by key, else as listed). */
  countedFrom?: CountedFrom;
}

/** What the list's loads read with, and where they show what they read. */
export interface ListContext {
  client: V2Client;
  api: TasklistApi;
  user: CurrentUser;
  /** The catalogue's limit rule of a process: a row's 即时办结 deadline is counted only where it is 'sameDay' (task-rows.ts). */
  limitRuleOf: LimitRuleOf;
  query: ViewQuery;
  changes: OwnChanges;
  setState(update: (previous: TaskListState) => TaskListState): void;
}
