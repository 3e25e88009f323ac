/**
 * 加载更多: the list's next page after the cursor, added under the rows shown. Bounded like a load (LoadBound,
 * LOAD_TIMEOUT_MS): one that ran out of time says so and leaves the cursor where it was, so 加载更多 brings the same
 * page when pressed again. Pressed again while one is under way, it waits for that one; a load that supersedes the
 * one under way cancels it (list-load.ts), and re-reads wait for it.
 */
import { ownView } from './list-own-changes.js';
import { LoadBound } from './load-bound.js';
import { dueBoundaries, PAGE_SIZE, taskSearches } from './task-queries.js';
import { taskRows } from './task-rows.js';
import type { ListContext, ListLoads } from './task-list-state.js';
import { t } from './texts.js';

export async function loadMore(loads: ListLoads, context: ListContext): Promise<void> {
  const { client, api, user, limitRuleOf, query, changes, setState } = context;
  if (loads.more || !loads.cursor) return;
  const mine = loads.generation;
  const own = new LoadBound();
  loads.more = own;
  const { signal } = own;
  setState((previous) => ({ ...previous, error: undefined }));
  try {
    const boundaries = dueBoundaries(query, api, signal);
    const due = boundaries && (await own.bounded(boundaries));
    const searches = taskSearches(query, user, due);
    if (!searches || searches.length !== 1 || !loads.cursor) return;
    const result = await client.searchUserTasks({ ...searches[0], page: { after: loads.cursor, limit: PAGE_SIZE } }, { signal });
    const rows = await own.bounded(taskRows(client, api, user, ownView(result.items, changes, query.list, user), limitRuleOf, false, signal));
    if (mine !== loads.generation || loads.more !== own) return;
    loads.cursor = result.page.endCursor ?? undefined;
    loads.moreRows += result.items.length;
    setState((previous) => {
      // a task the page added by its own change, or that moved up while the clerk read on, is shown once
      const shown = new Set(previous.rows.map((row) => row.task.userTaskKey));
      const all = [...previous.rows, ...rows.filter((row) => !shown.has(row.task.userTaskKey))];
      return { ...previous, rows: all, canLoadMore: all.length < previous.total && loads.cursor !== undefined };
    });
  } catch (error) {
    const failure = own.failure(error, t.list.loadTimeout);
    if (failure !== undefined) setState((previous) => ({ ...previous, error: failure }));
  } finally {
    own.finish();
    if (loads.more === own) loads.more = undefined;
  }
}
