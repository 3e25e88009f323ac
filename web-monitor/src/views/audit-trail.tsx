/**
 * The case's audit trail (经办留痕): who did what, when, with which decision — from Camunda 8.9's audit log
 * (`POST /v2/audit-logs/search`), which the embedded engine serves from its event log: creating the case,
 * claiming and completing each task (with the decision and reason the form set), managers' repairs (variables,
 * incidents, cancellation, modification) under their own names. A Camunda 8.8 cluster has no audit log: the
 * trail then falls back to the completed tasks (assignee, time) and the decisions as the case holds them now,
 * each beside its step's latest completion.
 */
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { t } from '../texts.js';
import { useMonitorData } from '../use-monitor-data.js';
import { decisionsOfCase, fromAuditLog, fromCompletedTasks, type Row } from './audit-trail-rows.js';
import type { PersonalValues } from '../../../web-shared/src/masking/use-personal-values.js';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';

/**
 * `pending`: a repair of the page's own the reads may not show yet (own-repairs.ts); the trail may not list it yet
 * either. `personal`: a reason a clerk typed may quote the applicant's ID number or diagnosis, masked as the variables are.
 */
export function AuditTrail({ processInstanceKey, revision, pending, personal }: { processInstanceKey: string; revision: number; pending: boolean; personal: PersonalValues }) {
  const { client } = useSession();
  const { userName, catalog } = useMonitorData();
  // a decision in the words of the form that recorded it (不予受理 at 初审, as the task list's form offered it)
  const labels = catalog.variableLabels;
  const [rows, setRows] = useState<Row[] | undefined>(undefined);
  const [fallback, setFallback] = useState(false);
  const [error, setError] = useState<Failure | string | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const [audit, tasks] = await Promise.all([
        client.searchAuditLogs({ filter: { processInstanceKey }, sort: [{ field: 'timestamp', order: 'asc' }], page: { limit: 1000 } }),
        client.searchUserTasks({ filter: { processInstanceKey }, sort: [{ field: 'creationDate', order: 'asc' }], page: { limit: 500 } }),
      ]);
      const taskByKey = new Map(tasks.items.map((task) => [task.userTaskKey, task]));
      if (audit) {
        if (!cancelled) {
          setFallback(false);
          setError(undefined);
          setRows(fromAuditLog(audit.items, taskByKey, userName, labels));
        }
        return;
      }
      const decisions = await decisionsOfCase(client, processInstanceKey);
      if (!cancelled) {
        setFallback(true);
        setError(undefined);
        setRows(fromCompletedTasks(tasks.items, decisions, userName, labels));
      }
    })().catch((failure: Error) => !cancelled && setError(failureOf(failure)));
    return () => {
      cancelled = true;
    };
  }, [client, processInstanceKey, revision, userName, labels]);

  if (error) return <ErrorNotice class="error" failure={error} />;
  if (!rows) return <p class="muted">{t.common.loading}</p>;
  return (
    <>
      {fallback && <p class="notice">{t.instance.auditFallback}</p>}
      {pending && (
        <p class="muted" data-testid="audit-pending">
          {t.instance.auditPending}
        </p>
      )}
      <div class="table-scroll short">
        <table class="data" data-testid="audit-trail">
          <thead>
            <tr>
              <th>{t.instance.when}</th>
              <th>{t.instance.who}</th>
              <th>{t.instance.what}</th>
              <th>{t.instance.detail}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <td>{formatDateTime(row.when)}</td>
                <td>{row.who}</td>
                <td>{row.what}</td>
                <td>{row.detail && (personal.masked(row.detail) ?? t.common.loading)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
