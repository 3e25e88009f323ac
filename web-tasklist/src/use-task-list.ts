/**
 * Loads a list of the task list page: the tasks of the current view (first page, then more with the cursor),
 * the counts of the three lists, the applicant and masked ID number of each case, and the remaining working days
 * of each due date; refreshes every {@link REFRESH_MS} while the page is shown (a tab in the background asks the
 * engine nothing) and at once when the window gets the focus back. The page's own 认领 / 释放 / 办结 show in the
 * list and the counts at once, over searches that may still lag behind them (own-changes.ts), and the list is read
 * again, less often each time, until the reads show them, and for a while after a 办结, so the case's next task shows
 * soon after the searches return it.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CurrentUser, SearchResult, UserTask, Variable } from '../../web-shared/src/api/camunda-types.js';
import type { UserTaskSearch, V2Client } from '../../web-shared/src/api/v2-client.js';
import { serverNow } from '../../web-shared/src/api/server-clock.js';
import { maskIdNumber } from '../../web-shared/src/masking/personal-data.js';
import { firstScreen } from './first-screen-requests.js';
import { LoadBound } from './load-bound.js';
import type { OwnChanges, OwnReads } from './own-changes.js';
import { inList, MAX_REREAD_ROWS, PAGE_SIZE, rowVariablesSearch, tabCountSearches, taskSearches, type DueBoundaries } from './task-queries.js';
import type { TasklistApi } from './tasklist-api.js';
import { t } from './texts.js';
import type { DueInfo, TaskListId, ViewQuery } from './tasklist-types.js';

export const REFRESH_MS = 15_000;
/** How often the page looks whether a re-read after its own command is due (own-changes.ts says when). */
const FOLLOW_UP_TICK_MS = 250;

export interface TaskRow {
  task: UserTask;
  applicant?: string;
  /** Masked: lists never show a full ID number. */
  idNumber?: string;
  due?: DueInfo;
  /** Not accepted yet: no deadline runs (the badge says when it starts, not that there is none). */
  accepted: boolean;
}

export interface TaskListState {
  rows: TaskRow[];
  total: number;
  /** Per list; `10000+` where the server stops counting (Camunda's hasMoreTotalItems). */
  counts: Partial<Record<TaskListId, string>>;
  loading: boolean;
  error?: string;
  refreshedAt?: number;
  canLoadMore: boolean;
}

export function useTaskList(client: V2Client, api: TasklistApi, user: CurrentUser, query: ViewQuery, changes: OwnChanges) {
  const [state, setState] = useState<TaskListState>({ rows: [], total: 0, counts: {}, loading: true, canLoadMore: false });
  const generation = useRef(0);
  /** The load under way (its generation), counts included: the engine answers one request after the other. */
  const running = useRef<number | undefined>(undefined);
  /** The end of the newest load: a newer one or the list's end supersedes it, or it runs out of time (load-bound.ts). */
  const bound = useRef<LoadBound | undefined>(undefined);
  const cursor = useRef<string | undefined>(undefined);
  /** Rows 加载更多 added to the list's first page: a re-read asks for them too (they would drop off at the next one). */
  const moreRows = useRef(0);
  /** The end of the 加载更多 under way: a load that supersedes the one under way supersedes it too; re-reads wait for it. */
  const more = useRef<LoadBound | undefined>(undefined);
  /** What the counts shown were counted from: their searches' pages and the tasks as that load read them (by key, else as listed). */
  const countedFrom = useRef<{ counts: Parameters<typeof tabCounts>[0]; tasks: UserTask[] } | undefined>(undefined);

  /** The tasks of a search as this page knows them: its own changes over them, out of the list if they no longer fit it. */
  const ownView = useCallback(
    (tasks: UserTask[]) => tasks.map((task) => changes.over(task)).filter((task) => !changes.has(task.userTaskKey) || inList(task, query.list, user)),
    [changes, query.list, user],
  );

  /**
   * `polling`: a re-read, skipped while a load is under way (that one shows the changes as they are when it answers);
   * else it supersedes it (its requests still out are cancelled). Either ends after LOAD_TIMEOUT_MS at most.
   */
  const load = useCallback(
    async (polling: boolean) => {
      // (a re-read would also take the rows 加载更多 is bringing, and its cursor)
      if (polling && (running.current !== undefined || more.current)) return;
      const mine = ++generation.current;
      running.current = mine;
      bound.current?.supersede();
      more.current?.supersede();
      more.current = undefined;
      const own = new LoadBound();
      bound.current = own;
      const { signal } = own;
      let countsShown: Promise<unknown> = Promise.resolve();
      if (!polling) setState((previous) => ({ ...previous, loading: true, error: undefined }));
      try {
        const due = query.dueState && query.dueState !== 'noLimit' ? await own.bounded(dueBoundaries(api, signal)) : undefined;
        if (!polling) moreRows.current = 0;
        const limit = Math.min(MAX_REREAD_ROWS, PAGE_SIZE + moreRows.current);
        const searches = taskSearches(query, user, due, limit);
        const searchedAt = Date.now();
        // (the first load takes what first-screen-requests.ts sent ahead for the same searches)
        const searchTasks = (search: UserTaskSearch) => {
          const early = firstScreen.take<SearchResult<UserTask>>(user.username, 'user-tasks', search);
          return early ? own.bounded(early) : client.searchUserTasks(search, { polling, signal });
        };
        const listed = Promise.all((searches ?? []).map(searchTasks));
        const counted = Promise.all(
          tabCountSearches(query, user).map(async ({ list, search }) => {
            if (search === 'page') return [list, (await listed)[0]?.page ?? { totalItems: 0 }] as const;
            return [list, search ? (await searchTasks(search)).page : { totalItems: 0 }] as const;
          }),
        );
        // the changed tasks are read by key after the searches (failed or not): a read that still shows a task unchanged means they did too
        const reads: Promise<OwnReads> = changes.holding()
          ? own.bounded(Promise.allSettled([listed, counted]).then(() => changes.read(client, polling, searchedAt, signal)))
          : Promise.resolve({ tasks: [], agreedNow: false });
        // the counts come in beside the list: the list and its applicants do not wait for them, nor fail with them
        countsShown = Promise.all([counted, reads, listed.catch(() => [])]).then(
          ([counts, reads, results]) => {
            const shown = tabCounts(counts, reads, changes, user);
            if (!shown || mine !== generation.current) return;
            const readKeys = new Set(reads.tasks.map((task) => task.userTaskKey));
            countedFrom.current = { counts, tasks: [...reads.tasks, ...results.flatMap((result) => result.items).filter((task) => !readKeys.has(task.userTaskKey))] };
            setState((previous) => ({ ...previous, counts: shown }));
          },
          () => undefined,
        );
        const [results, read] = await Promise.all([listed, reads]);
        const returned = results.flatMap((result) => result.items);
        const kept = ownView(returned);
        // only without filters: the page cannot check those
        const filtered = Boolean(query.processId || query.dueState || query.search?.trim());
        const added = filtered ? [] : changedIntoList(read, returned, changes, query.list, user);
        // one search: every row it returned stays, the cursor goes on after its last one
        const tasks = mergeTasks([...kept, ...added], query.sort, results.length === 1 ? Number.POSITIVE_INFINITY : limit);
        const total = results.length === 1 ? results[0]!.page.totalItems - (returned.length - kept.length) + added.length : tasks.length;
        cursor.current = results.length === 1 ? (results[0]!.page.endCursor ?? undefined) : undefined;
        const rows = await own.bounded(enrich(client, api, user, tasks, polling, signal));
        firstScreen.close();
        if (mine !== generation.current) return;
        // (a re-read that answers takes the place of a failed load's message)
        setState((previous) => ({ ...previous, rows, total, loading: false, error: undefined, refreshedAt: Date.now(), canLoadMore: rows.length < total && cursor.current !== undefined }));
      } catch (error) {
        firstScreen.close();
        const failure = own.failure(error, t.list.loadTimeout);
        if (failure === undefined) return;
        // the server is down, refuses or does not answer: the follow-up re-reads wait for the normal refresh
        changes.loadFailed(REFRESH_MS);
        setState((previous) => ({ ...previous, loading: false, error: failure }));
      } finally {
        // (the counts may still come after the list: the load is under way, and bounded, until they have)
        countsShown = own.bounded(countsShown).catch(() => undefined);
        void countsShown.then(() => {
          own.finish();
          if (running.current === mine) running.current = undefined;
        });
      }
    },
    [client, api, user, query, changes, ownView],
  );

  /**
   * The next page after the cursor, bounded like a load (LOAD_TIMEOUT_MS): one that ran out of time says so and
   * leaves the cursor where it was, so 加载更多 brings the same page when pressed again. Pressed again while one is
   * under way, it waits for that one.
   */
  const loadMore = useCallback(async () => {
    if (more.current || !cursor.current) return;
    const mine = generation.current;
    const own = new LoadBound();
    more.current = own;
    const { signal } = own;
    setState((previous) => ({ ...previous, error: undefined }));
    try {
      const due = query.dueState && query.dueState !== 'noLimit' ? await own.bounded(dueBoundaries(api, signal)) : undefined;
      const searches = taskSearches(query, user, due);
      if (!searches || searches.length !== 1 || !cursor.current) return;
      const result = await client.searchUserTasks({ ...searches[0], page: { after: cursor.current, limit: PAGE_SIZE } }, { signal });
      const rows = await own.bounded(enrich(client, api, user, ownView(result.items), false, signal));
      if (mine !== generation.current || more.current !== own) return;
      cursor.current = result.page.endCursor ?? undefined;
      moreRows.current += result.items.length;
      setState((previous) => {
        // a task the page added by its own change, or that moved up while the clerk read on, is shown once
        const shown = new Set(previous.rows.map((row) => row.task.userTaskKey));
        const all = [...previous.rows, ...rows.filter((row) => !shown.has(row.task.userTaskKey))];
        return { ...previous, rows: all, canLoadMore: all.length < previous.total && cursor.current !== undefined };
      });
    } catch (error) {
      const failure = own.failure(error, t.list.loadTimeout);
      if (failure !== undefined) setState((previous) => ({ ...previous, error: failure }));
    } finally {
      own.finish();
      if (more.current === own) more.current = undefined;
    }
  }, [client, api, user, query, ownView]);

  // (a layout effect: the load starts as the list renders, not after the next frame; on the first screen its
  // answers have often come already, and the rows then show in the same paint as the list)
  useLayoutEffect(() => {
    void load(false);
    const timer = window.setInterval(() => document.visibilityState === 'visible' && void load(true), REFRESH_MS);
    const loads = bound;
    const pages = more;
    // a due re-read waits for the load (or 加载更多) under way (not counted as done while one runs)
    const followUp = window.setInterval(
      () => document.visibilityState === 'visible' && running.current === undefined && !more.current && changes.followUpDue() && void load(true),
      FOLLOW_UP_TICK_MS,
    );
    const onFocus = () => void load(true);
    window.addEventListener('focus', onFocus);
    return () => {
      // a new view (or none: the list is gone) supersedes the load under way, and a 加载更多
      loads.current?.supersede();
      pages.current?.supersede();
      window.clearInterval(timer);
      window.clearInterval(followUp);
      window.removeEventListener('focus', onFocus);
    };
  }, [load, changes]);

  // an own change shows at once in the rows and the counts, from what the page last read (the command is not even
  // sent yet: a search now would only show the old state; the follow-up reads ½ s later); an undone or dropped one
  // may bring a task back that the rows no longer have, so the list is read again at once
  useEffect(
    () =>
      changes.subscribe((event) => {
        if (event.kind === 'read') return;
        if (event.kind === 'dropped') return void load(true);
        const from = countedFrom.current;
        const counts = from && tabCounts(from.counts, { tasks: from.tasks, agreedNow: false }, changes, user);
        setState((previous) => ({
          ...previous,
          rows: previous.rows.flatMap((row) => ownView([row.task]).map((task) => ({ ...row, task }))),
          counts: counts ?? previous.counts,
        }));
        if (event.kind === 'undone') void load(true);
      }),
    [changes, load, ownView, user],
  );

  return { ...state, refresh: () => load(false), loadMore };
}

/**
 * The tabs' counts from their searches, shifted by the page's own changes the searches may not show yet (`reads`:
 * the changed tasks as the server's reads by key show them). Undefined — keep the counts shown — when a read first
 * showed a change after the searches went out: they may not show it yet, while the change no longer shifts anything
 * (the read agrees), so the count would flip back for one load. A capped count (10000+) is not shifted.
 */
export function tabCounts(
  counts: readonly (readonly [TaskListId, { totalItems: number; hasMoreTotalItems?: boolean }])[],
  reads: OwnReads,
  changes: OwnChanges,
  user: CurrentUser,
): TaskListState['counts'] | undefined {
  if (reads.agreedNow) return undefined;
  const shown = counts.map(([list, page]) => {
    const capped = Boolean(page.hasMoreTotalItems);
    const shift = capped ? 0 : reads.tasks.reduce((sum, task) => sum + Number(inList(changes.over(task), list, user)) - Number(inList(task, list, user)), 0);
    return [list, countText({ totalItems: Math.max(0, page.totalItems + shift), hasMoreTotalItems: capped })] as const;
  });
  return Object.fromEntries(shown);
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

async function dueBoundaries(api: TasklistApi, signal?: AbortSignal): Promise<DueBoundaries> {
  const now = new Date(serverNow()).toISOString();
  const { dueSoonUntil } = await api.workingDays(now, [], signal);
  return { now, dueSoonUntil };
}

function mergeTasks(tasks: UserTask[], sort: ViewQuery['sort'], limit: number): UserTask[] {
  const unique = [...new Map(tasks.map((task) => [task.userTaskKey, task])).values()];
  const key = (task: UserTask) => (sort === 'creationDate' || sort === '-creationDate' ? task.creationDate : (task.dueDate ?? '9999'));
  unique.sort((a, b) => key(a).localeCompare(key(b)) * (sort === '-creationDate' ? -1 : 1));
  return unique.slice(0, limit);
}

async function enrich(client: V2Client, api: TasklistApi, user: CurrentUser, tasks: UserTask[], polling: boolean, signal?: AbortSignal): Promise<TaskRow[]> {
  if (tasks.length === 0) return [];
  const dueDates = [...new Set(tasks.map((task) => task.dueDate).filter((date): date is string => Boolean(date)))];
  const search = rowVariablesSearch(tasks);
  const [variables, working] = await Promise.all([
    firstScreen.take<SearchResult<Variable>>(user.username, 'variables', search) ?? client.searchVariables(search, { polling, signal }),
    dueDates.length ? api.workingDays(new Date(serverNow()).toISOString(), dueDates, signal) : undefined,
  ]);
  const byCase = new Map<string, Record<string, unknown>>();
  for (const variable of variables.items) {
    const values = byCase.get(variable.processInstanceKey) ?? {};
    values[variable.name] = parseJson(variable.value);
    byCase.set(variable.processInstanceKey, values);
  }
  return tasks.map((task) => {
    const values = byCase.get(task.processInstanceKey) ?? {};
    const applicant = [values.personName, values.unitName].find((value): value is string => typeof value === 'string' && value.length > 0);
    const idNumber = typeof values.idNumber === 'string' && values.idNumber ? maskIdNumber(values.idNumber) : undefined;
    const accepted = typeof values.acceptedAt === 'string' && values.acceptedAt.length > 0;
    return { task, applicant, idNumber, due: task.dueDate ? working?.results[task.dueDate] : undefined, accepted };
  });
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
