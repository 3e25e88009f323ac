/**
 * The task list page's list: loads the current view (list-load.ts) and its next pages (加载更多, load-more.ts);
 * refreshes every {@link REFRESH_MS} while the page is shown (a tab in the background asks the engine nothing) and
 * at once when the window gets the focus back. The page's own 认领 / 释放 / 办结 show in the list and the counts at
 * once, over searches that may still lag behind them (own-changes.ts), and the list is read again, less often each
 * time, until the reads show them, and for a while after a 办结, so the case's next task shows soon after the
 * searches return it.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CurrentUser, UserTask } from '../../web-shared/src/api/camunda-types.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import { loadList, REFRESH_MS } from './list-load.js';
import { ownView, tabCounts, withChangedTask } from './list-own-changes.js';
import { loadMore } from './load-more.js';
import type { OwnChanges } from './own-changes.js';
import type { ListContext, ListLoads, TaskListState } from './task-list-state.js';
import type { LimitRuleOf } from './task-rows.js';
import type { TasklistApi } from './tasklist-api.js';
import type { ViewQuery } from './tasklist-types.js';

/** How often the page looks whether a re-read after its own command is due (own-changes.ts says when). */
const FOLLOW_UP_TICK_MS = 250;

export function useTaskList(client: V2Client, api: TasklistApi, user: CurrentUser, limitRuleOf: LimitRuleOf, query: ViewQuery, changes: OwnChanges) {
  const [state, setState] = useState<TaskListState>({ rows: [], total: 0, counts: {}, loading: true, canLoadMore: false });
  const loads = useRef<ListLoads>({ generation: 0, moreRows: 0 }).current;
  // the tasks as the page last read them by key (the task page's reads, the list's of its changed tasks): a change of
  // one the counts' load did not return shifts the counts from it (withChangedTask)
  const readByKey = useRef(new Map<string, { task: UserTask; sentAt: number }>()).current;
  const context = useMemo<ListContext>(() => ({ client, api, user, limitRuleOf, query, changes, setState }), [client, api, user, limitRuleOf, query, changes]);

  // (a layout effect: the load starts as the list renders, not after the next frame; on the first screen its
  // answers have often come already, and the rows then show in the same paint as the list)
  useLayoutEffect(() => {
    void loadList(loads, context, false);
    const timer = window.setInterval(() => document.visibilityState === 'visible' && void loadList(loads, context, true), REFRESH_MS);
    // a due re-read waits for the load (or 加载更多) under way (not counted as done while one runs)
    const followUp = window.setInterval(
      () => document.visibilityState === 'visible' && loads.running === undefined && !loads.more && changes.followUpDue() && void loadList(loads, context, true),
      FOLLOW_UP_TICK_MS,
    );
    const onFocus = () => void loadList(loads, context, true);
    window.addEventListener('focus', onFocus);
    return () => {
      // a new view (or none: the list is gone) supersedes the load under way, and a 加载更多
      loads.bound?.supersede();
      loads.more?.supersede();
      window.clearInterval(timer);
      window.clearInterval(followUp);
      window.removeEventListener('focus', onFocus);
    };
  }, [loads, context, changes]);

  // an own change shows at once in the rows and the counts, from what the page last read (the command is not even
  // sent yet: a search now would only show the old state; the follow-up reads ½ s later); an undone one shows at once
  // in the counts, and the list is read again at once — superseding a load under way, which may have read it before
  // the undo —, so a row the change took out comes back as the searches have it (not as the task page last read it:
  // the list may have read the task since); a dropped one may bring a task back that the rows no longer have too
  useEffect(
    () =>
      changes.subscribe((event) => {
        if (event.kind === 'read') return noteRead(readByKey, event.task, event.sentAt);
        if (event.kind === 'dropped') return void loadList(loads, context, true);
        if (event.kind === 'changed' && loads.countedFrom) loads.countedFrom = withChangedTask(loads.countedFrom, readByKey.get(event.userTaskKey)?.task);
        const from = loads.countedFrom;
        const counts = from && tabCounts(from.counts, { tasks: from.tasks, agreedNow: false }, changes, user);
        setState((previous) => ({
          ...previous,
          rows: previous.rows.flatMap((row) => ownView([row.task], changes, query.list, user).map((task) => ({ ...row, task }))),
          counts: counts ?? previous.counts,
        }));
        if (event.kind === 'undone') void loadList(loads, context, true, true);
      }),
    [loads, context, changes, query.list, user, readByKey],
  );

  return { ...state, refresh: () => loadList(loads, context, false), loadMore: () => loadMore(loads, context) };
}

// helpers

/** At most this many tasks read by key are kept (a clerk opens a few dozen a day; the oldest go first). */
const MAX_READ_BY_KEY = 200;

/** Keeps a read by key unless a newer one of the task is kept (an older read can answer later). */
function noteRead(readByKey: Map<string, { task: UserTask; sentAt: number }>, task: UserTask, sentAt: number): void {
  const kept = readByKey.get(task.userTaskKey);
  if (kept && kept.sentAt > sentAt) return;
  readByKey.delete(task.userTaskKey);
  readByKey.set(task.userTaskKey, { task, sentAt });
  if (readByKey.size > MAX_READ_BY_KEY) readByKey.delete(readByKey.keys().next().value!);
}
