/**
 * 逾期与临期: open cases past their deadline (working days over) or due within the due-soon window (working
 * days left), oldest deadline first, with the current step, its group and assignee. A click opens the case. From
 * the read model: the freshness line above the list says how fresh it is, or since when it stands still; read again
 * every 30 s while the tab is shown, as 首页 (use-refreshed-figures.ts).
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { linkProps, navigate } from '../router.js';
import { t } from '../texts.js';
import { useMonitorData } from '../use-monitor-data.js';
import { FreshnessLine } from './freshness-line.js';
import { useRefreshedFigures } from './use-refreshed-figures.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';
import { Pager } from '../../../web-shared/src/layout/pager.js';

const PAGE = 50;

export function OpenCasesPage({ kind }: { kind: 'overdue' | 'dueSoon' }) {
  const { api, catalog, userName } = useMonitorData();
  const [processId, setProcessId] = useState('');
  // the page of the tab it was chosen on: another tab (a link, so a new `kind`) starts at its first page in the same
  // render, not after one read of the page before (an effect resetting it read twice)
  const [paged, setPaged] = useState({ kind, offset: 0 });
  const offset = paged.kind === kind ? paged.offset : 0;
  const setOffset = (next: number) => setPaged({ kind, offset: next });
  const read = useCallback(
    (polling: boolean, signal: AbortSignal) => api.openCases(kind, { processId: processId || undefined, limit: PAGE, offset }, polling, signal),
    [api, kind, processId, offset],
  );
  // read again every 30 s and on R, as 首页: the list changes under the manager's filter and page, which stay. Until
  // the first answer for another tab or 事项 no list is shown: the list before under this tab's labels (剩余 over
  // overdue counts) would read as this one's
  const { figures: list, previous, error, staleSince } = useRefreshedFigures(read);
  // another page of the same tab and 事项 is the same list: its rows stay, dimmed, until the page's answer, and the pager
  // with them, so a manager paging with the keyboard keeps her focus on 「下一页」 (a pager rebuilt lost it to the page)
  const lastList = useRef<{ kind: string; processId: string; list: NonNullable<typeof list> } | undefined>(undefined);
  if (list) lastList.current = { kind, processId, list };
  const sameList = lastList.current?.kind === kind && lastList.current.processId === processId ? lastList.current.list : undefined;
  const turning = !list && !error ? sameList : undefined;
  const shown = list ?? turning;
  const pagerTotal = (list ?? sameList)?.total ?? 0;

  // a re-read found fewer cases than the page starts at (cases done meanwhile): the last page there is
  useEffect(() => {
    if (list && offset > 0 && offset >= list.total) setOffset(Math.max(0, Math.floor((list.total - 1) / PAGE) * PAGE));
  }, [list, offset]);

  return (
    <section aria-labelledby="open-cases-title" aria-busy={!list && !error}>
      <div class="page-bar">
        <h1 id="open-cases-title">{t.openCases.title}</h1>
        <div class="tabs" role="tablist">
          {(['overdue', 'dueSoon'] as const).map((tab) => (
            <a key={tab} role="tab" aria-selected={kind === tab} class={kind === tab ? 'selected' : ''} {...linkProps({ page: 'open-cases', kind: tab })}>
              {t.openCases[tab]}
            </a>
          ))}
        </div>
        <label class="inline">
          {t.openCases.process}
          <select
            value={processId}
            onChange={(event) => {
              // both in one render: one read, of the first page
              setProcessId((event.target as HTMLSelectElement).value);
              setOffset(0);
            }}
          >
            <option value="">{t.openCases.allProcesses}</option>
            {catalog.processes.map((process) => (
              <option key={process.processId} value={process.processId}>
                {process.titleZh}
              </option>
            ))}
          </select>
        </label>
        {shown && <span class="muted" data-testid="open-cases-total">{t.openCases.total(shown.total)}</span>}
      </div>
      {error && <ErrorNotice class="banner error" failure={error} />}
      {!list && previous && !error && (
        <p class="muted" role="status" data-testid="open-cases-reading">
          {t.common.loading}
        </p>
      )}
      {shown && <FreshnessLine freshness={shown.freshness} staleSince={staleSince} />}
      {shown && shown.items.length === 0 && <p class="muted">{t.openCases.empty}</p>}
      {shown && shown.items.length > 0 && (
        <div class={turning ? 'table-scroll stale-figures' : 'table-scroll'}>
          <table class="data clickable" data-testid="open-cases">
            <thead>
              <tr>
                <th>{t.openCases.caseNumber}</th>
                <th>{t.openCases.process}</th>
                <th>{t.openCases.applicant}</th>
                <th>{t.openCases.step}</th>
                <th>{t.openCases.group}</th>
                <th>{t.openCases.assignee}</th>
                <th>{t.openCases.accepted}</th>
                <th>{t.openCases.deadline}</th>
                <th>{kind === 'overdue' ? t.openCases.over : t.openCases.left}</th>
              </tr>
            </thead>
            <tbody>
              {shown.items.map((item) => (
                <tr key={item.processInstanceKey} data-case={item.processInstanceKey} onClick={() => navigate({ page: 'instance', processInstanceKey: item.processInstanceKey })}>
                  <td>
                    <a {...linkProps({ page: 'instance', processInstanceKey: item.processInstanceKey })}>{item.processInstanceKey}</a>
                    {item.hasIncident && <span class="tag danger">{t.openCases.incident}</span>}
                  </td>
                  <td>{item.titleZh}</td>
                  <td>{item.applicant ?? t.common.dash}</td>
                  <td>{item.step?.name ?? t.openCases.waitingAutomatic}</td>
                  <td>{item.step?.groups.map((group) => group.nameZh).join('、') ?? t.common.dash}</td>
                  <td>{item.step?.assignee ? userName(item.step.assignee) : t.common.dash}</td>
                  <td>{item.acceptedDay ?? t.common.dash}</td>
                  <td>
                    {item.deadlineDay ?? t.common.dash}
                    {item.deadlineProvisional && <span class="muted">{t.openCases.provisional}</span>}
                  </td>
                  <td class={`number ${kind === 'overdue' ? 'error' : 'notice'}`} data-cell="workingDays">
                    {item.workingDays ?? t.common.dash}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pagerTotal > PAGE && (
        <Pager
          position={t.common.page(offset + 1, Math.min(offset + PAGE, pagerTotal), pagerTotal)}
          hasPrevious={offset > 0}
          hasNext={offset + PAGE < pagerTotal}
          onPrevious={() => setOffset(Math.max(0, offset - PAGE))}
          onNext={() => setOffset(offset + PAGE)}
        />
      )}
    </section>
  );
}

