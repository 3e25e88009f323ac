/**
 * 逾期与临期: open cases past their deadline (working days over) or due within the due-soon window (working
 * days left), oldest deadline first, with the current step, its group and assignee. A click opens the case. From
 * the read model: the freshness line above the list says how fresh it is, or since when it stands still; read again
 * every 30 s while the tab is shown, as 首页 (use-refreshed-figures.ts).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { zh } from '../../../web-shared/src/i18n/zh-cn.js';
import { linkProps, navigate } from '../router.js';
import { t } from '../texts.js';
import { useMonitorData } from '../use-monitor-data.js';
import { FreshnessLine } from './freshness-line.js';
import { useRefreshedFigures } from './use-refreshed-figures.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';

const PAGE = 50;

export function OpenCasesPage({ kind }: { kind: 'overdue' | 'dueSoon' }) {
  const { api, catalog, userName } = useMonitorData();
  const [processId, setProcessId] = useState('');
  const [offset, setOffset] = useState(0);
  const read = useCallback(
    (polling: boolean) => api.openCases(kind, { processId: processId || undefined, limit: PAGE, offset }, polling),
    [api, kind, processId, offset],
  );
  // read again every 30 s and on R, as 首页: the list changes under the manager's filter and page, which stay
  const { figures: list, error } = useRefreshedFigures(read);

  useEffect(() => setOffset(0), [kind, processId]);

  return (
    <section aria-labelledby="open-cases-title">
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
          <select value={processId} onChange={(event) => setProcessId((event.target as HTMLSelectElement).value)}>
            <option value="">{t.openCases.allProcesses}</option>
            {catalog.processes.map((process) => (
              <option key={process.processId} value={process.processId}>
                {process.titleZh}
              </option>
            ))}
          </select>
        </label>
        {list && <span class="muted" data-testid="open-cases-total">{t.openCases.total(list.total)}</span>}
      </div>
      {error && <ErrorNotice class="banner error" failure={error} />}
      {list && <FreshnessLine freshness={list.freshness} />}
      {list && list.items.length === 0 && <p class="muted">{t.openCases.empty}</p>}
      {list && list.items.length > 0 && (
        <div class="table-scroll">
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
              {list.items.map((item) => (
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
      {list && list.total > PAGE && (
        <div class="pager">
          <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {zh.common.previousPage}
          </button>
          <span>{t.common.page(offset + 1, Math.min(offset + PAGE, list.total), list.total)}</span>
          <button disabled={offset + PAGE >= list.total} onClick={() => setOffset(offset + PAGE)}>
            {zh.common.nextPage}
          </button>
        </div>
      )}
    </section>
  );
}
