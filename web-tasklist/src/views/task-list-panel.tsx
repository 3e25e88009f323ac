/**
 * The left side of the task page: list tabs with counts (我的待办 / 待认领 / 全部 for managers), filters, saved
 * views, sort, and the tasks (applicant with masked ID number, process, due state). ↑/↓ or j/k move through it.
 */
import { useEffect, useRef } from 'preact/hooks';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { TechnicalDetail } from '../../../web-shared/src/layout/error-notice.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { navigate } from '../router.js';
import { mayListAll } from '../task-queries.js';
import { t } from '../texts.js';
import type { TaskListId, ViewQuery } from '../tasklist-types.js';
import { useAppData } from '../use-app-data.js';
import type { TaskListState } from '../task-list-state.js';
import type { TaskRow } from '../task-rows.js';
import { caseDue, type CaseDue, type LimitRule } from '../../../web-shared/src/dates/case-due.js';
import { DueBadge } from '../../../web-shared/src/dates/due-badge.js';
import type { DueInfo } from '../../../web-shared/src/dates/due-info.js';
import { SavedViewsBar } from './saved-views-bar.js';
import type { PageMessage } from '../page-message.js';

export interface TaskListPanelProps {
  query: ViewQuery;
  onQuery(query: ViewQuery): void;
  list: TaskListState & { refresh(): void; loadMore(): void };
  selectedKey: string | undefined;
  onMessage(message: PageMessage): void;
}

export function TaskListPanel({ query, onQuery, list, selectedKey, onMessage }: TaskListPanelProps) {
  const { user } = useSession();
  const { catalog } = useAppData();
  const lists: TaskListId[] = mayListAll(user) ? ['mine', 'claimable', 'all'] : ['mine', 'claimable'];
  const searchInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const focusSearch = () => searchInput.current?.focus();
    window.addEventListener('tasklist:focus-search', focusSearch);
    return () => window.removeEventListener('tasklist:focus-search', focusSearch);
  }, []);

  return (
    <section class="task-list-panel no-print" aria-label="任务列表">
      <div class="list-tabs" role="tablist">
        {lists.map((id) => (
          <button
            key={id}
            role="tab"
            aria-selected={query.list === id}
            class={query.list === id ? 'tab selected' : 'tab'}
            onClick={() => onQuery({ ...query, list: id })}
          >
            {t.lists[id]}
            <span class="count" data-testid={`count-${id}`}>
              {list.counts[id] ?? '…'}
            </span>
          </button>
        ))}
      </div>
      <div class="filters" role="search">
        <label>
          {t.filters.process}
          <select value={query.processId ?? ''} onChange={(event) => onQuery({ ...query, processId: (event.currentTarget as HTMLSelectElement).value || undefined })}>
            <option value="">{t.filters.allProcesses}</option>
            {catalog.processes.map((process) => (
              <option key={process.processId} value={process.processId}>
                {process.flowchart}. {process.titleZh}{process.nationalItem ? `（${process.nationalItem.code}）` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.filters.dueState}
          <select
            value={query.dueState ?? ''}
            onChange={(event) => onQuery({ ...query, dueState: ((event.currentTarget as HTMLSelectElement).value || undefined) as ViewQuery['dueState'] })}
          >
            <option value="">{t.filters.allDueStates}</option>
            <option value="overdue">{t.filters.overdue}</option>
            <option value="dueSoon">{t.filters.dueSoon}</option>
            <option value="normal">{t.filters.normal}</option>
            <option value="noLimit">{t.filters.noLimit}</option>
          </select>
        </label>
        <label>
          {t.filters.sort}
          <select value={query.sort ?? 'dueDate'} onChange={(event) => onQuery({ ...query, sort: (event.currentTarget as HTMLSelectElement).value as ViewQuery['sort'] })}>
            <option value="dueDate">{t.filters.sortDueDate}</option>
            <option value="creationDate">{t.filters.sortCreationAsc}</option>
            <option value="-creationDate">{t.filters.sortCreationDesc}</option>
          </select>
        </label>
        <form
          class="search"
          onSubmit={(event) => {
            event.preventDefault();
            onQuery({ ...query, search: searchInput.current?.value.trim() || undefined });
          }}
        >
          <input ref={searchInput} type="search" aria-label={t.filters.search} placeholder={t.filters.searchPlaceholder} defaultValue={query.search ?? ''} key={query.search ?? ''} />
        </form>
      </div>
      <SavedViewsBar query={query} onApply={onQuery} onMessage={onMessage} />
      <div class="list-status">
        {/* the polite region holds the sentence only (kept from answer to answer, so a change is announced); the
            technical detail beside it is not read out with it */}
        <div class={list.error ? 'error list-error' : undefined}>
          <span aria-live="polite">{list.error ? list.error.text : list.loading && list.rows.length === 0 ? t.list.loading : t.list.shown(list.rows.length, list.total)}</span>
          {list.error?.technical && <TechnicalDetail technical={list.error.technical} />}
        </div>
        <button class="link" onClick={() => list.refresh()} title="R">
          {t.list.refresh}
        </button>
      </div>
      <ul class="task-items" role="listbox" aria-label={t.lists[query.list]}>
        {list.rows.map((row) => (
          <TaskItem key={row.task.userTaskKey} row={row} selected={row.task.userTaskKey === selectedKey} />
        ))}
        {!list.loading && list.rows.length === 0 && !list.error && <li class="empty">{t.list.empty}</li>}
      </ul>
      {list.canLoadMore && (
        <button class="load-more" onClick={() => list.loadMore()}>
          {t.list.loadMore}
        </button>
      )}
    </section>
  );
}

/**
 * The row's deadline by the one rule of the case header and the monitor (case-due.ts), with the count of the day it
 * counts: the task's due date, or a 即时办结 case's acceptance day (task-rows.ts). A 即时办结 case without one reads
 * 即时办结: the row cannot see the day it was registered.
 */
function rowDue(row: TaskRow, rule: LimitRule | undefined): { shown: CaseDue; due: DueInfo | undefined } {
  const shown = caseDue({ rule, deadline: row.task.dueDate ?? undefined, acceptedAt: row.acceptedAt, refused: row.refused, refusedBySystem: row.refusedBySystem });
  return { shown, due: shown.kind !== 'deadline' ? undefined : shown.deadline === row.task.dueDate ? row.due : row.acceptedDue };
}

function TaskItem({ row, selected }: { row: TaskRow; selected: boolean }) {
  const { process, personName } = useAppData();
  const { user } = useSession();
  const { task } = row;
  const title = process(task.processDefinitionId)?.titleZh ?? task.processName ?? task.processDefinitionId;
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <li
      ref={ref}
      role="option"
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      class={selected ? 'task-item selected' : 'task-item'}
      data-task-key={task.userTaskKey}
      onClick={() => navigate({ page: 'tasks', taskKey: task.userTaskKey })}
      onKeyDown={(event) => {
        if (event.key === 'Enter') navigate({ page: 'tasks', taskKey: task.userTaskKey });
      }}
    >
      <div class="item-line">
        <strong class="applicant">{row.applicant ?? '—'}</strong>
        {row.idNumber && <span class="id-number">{row.idNumber}</span>}
        <DueBadge {...rowDue(row, process(task.processDefinitionId)?.limitRule)} />
      </div>
      <div class="item-line task-name">{task.name}</div>
      <div class="item-line muted">
        <span>{title}</span>
        <span>{t.list.caseNumber(task.processInstanceKey)}</span>
      </div>
      <div class="item-line muted">
        <span>{formatDateTime(task.creationDate)}</span>
        <span>{task.assignee ? (task.assignee === user.username ? t.lists.mine : t.list.assignedTo(personName(task.assignee))) : t.list.unassigned}</span>
      </div>
    </li>
  );
}
