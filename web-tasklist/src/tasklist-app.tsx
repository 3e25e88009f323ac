/**
 * The task list (/tasklist): login, the shell, then the tasks page (list left, task right), 新办件 and the start
 * forms. The current view (list, filters, sort) stays in the session storage of the tab.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { UserTask } from '../../web-shared/src/api/camunda-types.js';
import { SessionProvider, useSession } from '../../web-shared/src/auth/session.js';
import { zh } from '../../web-shared/src/i18n/zh-cn.js';
import { AppShell } from '../../web-shared/src/layout/app-shell.js';
import { ErrorNotice } from '../../web-shared/src/layout/error-notice.js';
import { installShortcuts } from './keyboard-shortcuts.js';
import { OwnChanges } from './own-changes.js';
import type { PageMessage } from './page-message.js';
import { navigate, useRoute } from './router.js';
import { readStoredQuery, storeQuery } from './stored-query.js';
import { t } from './texts.js';
import type { ViewQuery } from './tasklist-types.js';
import { inList } from './task-queries.js';
import type { LimitRuleOf } from './task-rows.js';
import { AppDataProvider, useAppData } from './use-app-data.js';
import { useTaskList } from './use-task-list.js';
import { ProcessCatalogue, StartForm } from './views/new-case.js';
import { TaskDetail } from './views/task-detail.js';
import { TaskListPanel } from './views/task-list-panel.js';

export function TasklistApp() {
  return (
    <SessionProvider appTitle={zh.apps.tasklist}>
      <AppShell
        app="tasklist"
        actions={
          <button class="primary" onClick={() => navigate({ page: 'new-case' })} title="N">
            {t.newCase.button}
          </button>
        }
      >
        <AppDataProvider>
          <TasklistPages />
        </AppDataProvider>
      </AppShell>
    </SessionProvider>
  );
}

function TasklistPages() {
  const route = useRoute();
  const { client, user } = useSession();
  const { api, catalog } = useAppData();
  // (from the catalogue, read once: not `process`, which changes as people's names come in and would start the list's loads again)
  const limitRuleOf = useMemo<LimitRuleOf>(() => {
    const rules = new Map(catalog.processes.map((process) => [process.processId, process.limitRule]));
    return (processId) => rules.get(processId);
  }, [catalog]);
  const [query, setQueryState] = useState<ViewQuery>(readStoredQuery);
  const [message, setMessageState] = useState<PageMessage | undefined>(undefined);
  // an error's 技术详情 opened (support staff reading it): the message stays until the next one
  const [messageHeld, setMessageHeld] = useState(false);
  const setMessage = useCallback((next: PageMessage | undefined) => {
    setMessageHeld(false);
    setMessageState(next);
  }, []);
  // the page's own 认领 / 释放 / 办结 until the server's reads show them (a cluster's lag behind the commands)
  const [changes] = useState(() => new OwnChanges());
  // (the drafts and this view of anyone else, or of a clerk who logged out, are gone: SessionProvider, private-data.ts)
  const list = useTaskList(client, api, user, limitRuleOf, query, changes);
  const selectedKey = route.page === 'tasks' ? route.taskKey : undefined;
  const detailPane = useRef<HTMLDivElement>(null);

  const setQuery = useCallback((next: ViewQuery) => {
    storeQuery(next);
    setQueryState(next);
  }, []);

  const move = useCallback(
    (step: 1 | -1) => {
      const keys = list.rows.map((row) => row.task.userTaskKey);
      if (keys.length === 0) return;
      const index = selectedKey ? keys.indexOf(selectedKey) : -1;
      const next = keys[Math.min(keys.length - 1, Math.max(0, index + step))];
      if (next) navigate({ page: 'tasks', taskKey: next });
    },
    [list.rows, selectedKey],
  );

  useEffect(() => installShortcuts({ move, newCase: () => navigate({ page: 'new-case' }), refresh: () => void list.refresh() }), [move, list]);

  useEffect(() => {
    if (!message || messageHeld || message.held) return;
    const timer = window.setTimeout(() => setMessage(undefined), message.kind === 'ok' ? 6_000 : 15_000);
    return () => window.clearTimeout(timer);
  }, [message, messageHeld, setMessage]);
  // a note held for a task goes as she leaves that task (another task, 新办件)
  useEffect(() => {
    if (message?.held?.userTaskKey !== undefined && message.held.userTaskKey !== selectedKey) setMessage(undefined);
  }, [message, selectedKey, setMessage]);

  // the list follows the page's own changes by itself (use-task-list.ts); after 办结 the clerk moves on to the next task
  const onCompleted = useCallback(
    (task: { userTaskKey: string }) => {
      const keys = list.rows.map((row) => row.task.userTaskKey).filter((key) => key !== task.userTaskKey);
      const index = list.rows.findIndex((row) => row.task.userTaskKey === task.userTaskKey);
      const next = keys[Math.min(Math.max(index, 0), keys.length - 1)];
      navigate(next ? { page: 'tasks', taskKey: next } : { page: 'tasks' });
      // the 办结 button is gone with the task: the focus stays in the pane (with the message and the next task), so Tab
      // goes on there instead of starting again at the top of the page
      detailPane.current?.focus({ preventScroll: true });
    },
    [list.rows],
  );

  // a case started here: the list shows the view its first task is in (待认领, or 我的待办), without filters that could
  // hide it, and reads again for a while, as after a 办结 (its task comes a moment later on a cluster)
  // (the view and list as they are when the task came: the form waited seconds for it)
  const now = useRef({ query, list });
  now.current = { query, list };
  // (a 提交受理 answered after a logout reports to the pages of the session that sent it: gone, they read nothing)
  const signedIn = useRef(true);
  useEffect(() => () => void (signedIn.current = false), []);
  const onStarted = useCallback(
    (first: UserTask | undefined) => {
      if (!signedIn.current) return;
      changes.caseStarted();
      const { query: shown, list: listed } = now.current;
      const filtered = Boolean(shown.processId || shown.dueState || shown.search?.trim());
      const where = first && (['mine', 'claimable'] as const).find((id) => inList(first, id, user));
      if (where && (filtered || (shown.list !== where && shown.list !== 'all'))) setQuery({ list: where, sort: shown.sort });
      else void listed.refresh();
    },
    [changes, user, setQuery],
  );

  return (
    <div class="tasklist-page">
      {route.page === 'tasks' && <TaskListPanel query={query} onQuery={setQuery} list={list} selectedKey={selectedKey} onMessage={setMessage} />}
      <div class="detail-pane" ref={detailPane} tabIndex={-1}>
        {message?.kind === 'ok' && (
          <div class="banner ok" data-testid="message">
            <span role="status">{message.text}</span>
            {message.held?.dismissable && <DismissButton onDismiss={() => setMessage(undefined)} />}
          </div>
        )}
        {message?.kind === 'error' && (
          <ErrorNotice failure={message} testId="message" onDetailToggle={(open) => open && setMessageHeld(true)}>
            {message.held?.dismissable && <DismissButton onDismiss={() => setMessage(undefined)} />}
          </ErrorNotice>
        )}
        {route.page === 'tasks' &&
          (route.taskKey ? <TaskDetail key={route.taskKey} userTaskKey={route.taskKey} changes={changes} onCompleted={onCompleted} onMessage={setMessage} /> : <p class="muted select-hint">{t.task.select}</p>)}
        {route.page === 'new-case' && <ProcessCatalogue />}
        {route.page === 'start-form' && <StartForm key={route.processDefinitionKey} processDefinitionKey={route.processDefinitionKey} onMessage={setMessage} onStarted={onStarted} />}
        <footer class="shortcuts no-print" aria-label={t.shortcuts.title}>
          {t.shortcuts.title}：<kbd>J</kbd>/<kbd>K</kbd> {t.shortcuts.next}/{t.shortcuts.previous} · <kbd>C</kbd> {t.shortcuts.claim} · <kbd>U</kbd> {t.shortcuts.unclaim} ·{' '}
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> {t.shortcuts.complete} · <kbd>N</kbd> {t.shortcuts.newCase} · <kbd>/</kbd> {t.shortcuts.search} · <kbd>R</kbd> {t.shortcuts.refresh}
        </footer>
      </div>
    </div>
  );
}

/**
 * 知道了 of a note that stays (page-message.ts `held`): the focus, which was on it, goes to the task pane, where Tab
 * goes on, not to the top of the page.
 */
function DismissButton({ onDismiss }: { onDismiss(): void }) {
  return (
    <button
      class="link dismiss"
      onClick={(event) => {
        (event.currentTarget.closest('.detail-pane') as HTMLElement | null)?.focus({ preventScroll: true });
        onDismiss();
      }}
    >
      {t.task.dismiss}
    </button>
  );
}
