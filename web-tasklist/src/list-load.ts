/**
 * One load of the task list: the current view's first page (and the rows 加载更多 added, on a re-read), the counts of
 * the three lists beside it, the applicant, masked ID number and remaining working days of each row, and the page's
 * own changes over what the searches returned (reads of the changed tasks by key). A load is bounded (LoadBound,
 * LOAD_TIMEOUT_MS); a newer one supersedes it and the 加载更多 under way, whose requests are cancelled.
 */
import type { SearchResult, UserTask } from '../../web-shared/src/api/camunda-types.js';
import type { UserTaskSearch } from '../../web-shared/src/api/v2-client.js';
import { firstScreen } from './first-screen-requests.js';
import { changedIntoList, ownView, tabCounts } from './list-own-changes.js';
import { LoadBound } from './load-bound.js';
import type { OwnReads } from './own-changes.js';
import { dueBoundaries, MAX_REREAD_ROWS, PAGE_SIZE, tabCountSearches, taskSearches } from './task-queries.js';
import { taskRows } from './task-rows.js';
import type { ListContext, ListLoads } from './task-list-state.js';
import { t } from './texts.js';
import type { ViewQuery } from './tasklist-types.js';

/** How often the list is read again while the page is shown; after a failed load the follow-up re-reads wait as long. */
export const REFRESH_MS = 15_000;

/**
 * `polling`: a re-read, skipped while a load is under way (that one shows the changes as they are when it answers)
 * or a 加载更多 (a re-read would take the rows it is bringing, and its cursor); else it supersedes both (their
 * requests still out are cancelled). `supersede`: a re-read that supersedes them all the same (after an undone
 * change: a load under way may have read the list before the undo, and would show it without the task). Either ends
 * after LOAD_TIMEOUT_MS at most.
 */
export async function loadList(loads: ListLoads, context: ListContext, polling: boolean, supersede = !polling): Promise<void> {
  const { client, api, user, limitRuleOf, query, changes, setState } = context;
  if (!supersede && (loads.running !== undefined || loads.more)) return;
  const mine = ++loads.generation;
  loads.running = mine;
  loads.bound?.supersede();
  loads.more?.supersede();
  loads.more = undefined;
  const own = new LoadBound();
  loads.bound = own;
  const { signal } = own;
  let countsShown: Promise<unknown> = Promise.resolve();
  if (!polling) setState((previous) => ({ ...previous, loading: true, error: undefined }));
  try {
    const boundaries = dueBoundaries(query, api, signal);
    const due = boundaries && (await own.bounded(boundaries));
    if (!polling) loads.moreRows = 0;
    const limit = Math.min(MAX_REREAD_ROWS, PAGE_SIZE + loads.moreRows);
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
        if (!shown || mine !== loads.generation) return;
        const readKeys = new Set(reads.tasks.map((task) => task.userTaskKey));
        loads.countedFrom = { counts, tasks: [...reads.tasks, ...results.flatMap((result) => result.items).filter((task) => !readKeys.has(task.userTaskKey))] };
        setState((previous) => ({ ...previous, counts: shown }));
      },
      () => undefined,
    );
    const [results, read] = await Promise.all([listed, reads]);
    const returned = results.flatMap((result) => result.items);
    const kept = ownView(returned, changes, query.list, user);
    // only without filters: the page cannot check those
    const filtered = Boolean(query.processId || query.dueState || query.search?.trim());
    const added = filtered ? [] : changedIntoList(read, returned, changes, query.list, user);
    // one search: every row it returned stays, the cursor goes on after its last one
    const tasks = mergeTasks([...kept, ...added], query.sort, results.length === 1 ? Number.POSITIVE_INFINITY : limit);
    const total = results.length === 1 ? results[0]!.page.totalItems - (returned.length - kept.length) + added.length : tasks.length;
    loads.cursor = results.length === 1 ? (results[0]!.page.endCursor ?? undefined) : undefined;
    const rows = await own.bounded(taskRows(client, api, user, tasks, limitRuleOf, polling, signal));
    firstScreen.close();
    if (mine !== loads.generation) return;
    // (a re-read that answers takes the place of a failed load's message)
    setState((previous) => ({ ...previous, rows, total, loading: false, error: undefined, refreshedAt: Date.now(), canLoadMore: rows.length < total && loads.cursor !== undefined }));
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
      if (loads.running === mine) loads.running = undefined;
    });
  }
}

// helpers

function mergeTasks(tasks: UserTask[], sort: ViewQuery['sort'], limit: number): UserTask[] {
  const unique = [...new Map(tasks.map((task) => [task.userTaskKey, task])).values()];
  const key = (task: UserTask) => (sort === 'creationDate' || sort === '-creationDate' ? task.creationDate : (task.dueDate ?? '9999'));
  unique.sort((a, b) => key(a).localeCompare(key(b)) * (sort === '-creationDate' ? -1 : 1));
  return unique.slice(0, limit);
}
