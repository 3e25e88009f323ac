/**
 * The case's audit trail (经办留痕): who did what, when, with which decision — from Camunda 8.9's audit log
 * (`POST /v2/audit-logs/search`), which the embedded engine serves from its event log: creating the case,
 * claiming and completing each task (with the decision and reason the form set), managers' repairs (variables,
 * incidents, cancellation, modification) under their own names. A Camunda 8.8 cluster has no audit log: the
 * trail then falls back to the completed tasks (assignee, time) and the decisions as the case holds them now,
 * each beside its step's latest completion.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AuditLogEntry, UserTask, Variable } from '../../../web-shared/src/api/camunda-types.js';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { decisionOfStep } from '../../../web-shared/src/i18n/decisions.js';
import type { VariableLabels } from '../../../web-shared/src/format/variable-labels.js';
import { t } from '../texts.js';
import { useMonitorData } from '../use-monitor-data.js';
import type { PersonalValues } from '../../../web-shared/src/masking/use-personal-values.js';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';

interface Row {
  key: string;
  when: string;
  who: string;
  what: string;
  detail: string;
}

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
      const decisions = await client.searchVariables({ filter: { processInstanceKey, name: { $like: '*Decision' } }, page: { limit: 200 } });
      if (!cancelled) {
        setFallback(true);
        setError(undefined);
        setRows(fromCompletedTasks(tasks.items, decisions.items, userName, labels));
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

/**
 * One row per operation; the variables a completion or an edit set (VARIABLE entries of the same task, with this
 * engine's `variableValue`) become its detail: the decision and reason in words, or the edited variable's name.
 */
function fromAuditLog(entries: AuditLogEntry[], tasks: Map<string, UserTask>, userName: (id: string | null | undefined) => string, labels: VariableLabels): Row[] {
  const setBy = new Map<string, AuditLogEntry[]>();
  for (const entry of entries) {
    if (entry.entityType === 'VARIABLE' && entry.userTaskKey) setBy.set(entry.userTaskKey, [...(setBy.get(entry.userTaskKey) ?? []), entry]);
  }
  const rows: Row[] = [];
  for (const entry of entries) {
    if (entry.entityType === 'VARIABLE' && entry.userTaskKey) continue;
    const task = entry.userTaskKey ? tasks.get(entry.userTaskKey) : undefined;
    const operation = t.audit.operations[entry.operationType] ?? entry.operationType;
    const entity = t.audit.entities[entry.entityType] ?? entry.entityType;
    const subject = task ? `「${task.name ?? task.elementId}」` : entry.entityType === 'VARIABLE' && entry.entityDescription ? ` ${entry.entityDescription}` : '';
    let detail = '';
    if (entry.userTaskKey && entry.operationType === 'COMPLETE') {
      detail = (setBy.get(entry.userTaskKey) ?? [])
        .filter((set) => /(Decision|Reason)$/.test(set.entityDescription ?? ''))
        .map((set) => {
          const value = parse(set.variableValue ?? undefined);
          return /Decision$/.test(set.entityDescription ?? '')
            ? `${t.instance.decision}：${decisionOfStep(labels, set.entityDescription ?? '', value, task?.processDefinitionId)}`
            : String(value ?? '');
        })
        .filter((text) => text !== '')
        .join('；');
    } else if (entry.operationType === 'ASSIGN' && task?.assignee) {
      detail = userName(task.assignee);
    }
    rows.push({ key: entry.auditLogKey, when: entry.timestamp, who: userName(entry.actorId), what: `${operation}${entity}${subject}`, detail });
  }
  return rows;
}

/**
 * Without an audit log: the completed tasks, and a step's decision as the case holds it now beside the step's
 * latest completion only (a step done twice holds the second decision; the first is not known).
 */
function fromCompletedTasks(tasks: UserTask[], decisions: Variable[], userName: (id: string | null | undefined) => string, labels: VariableLabels): Row[] {
  const byName = new Map(decisions.map((variable) => [variable.name, parse(variable.value)]));
  const completed = tasks.filter((task) => task.state === 'COMPLETED').sort((a, b) => (a.completionDate ?? '').localeCompare(b.completionDate ?? ''));
  const latestOfStep = new Map(completed.map((task) => [task.elementId, task.userTaskKey]));
  return completed
    .map((task) => {
      const decision = latestOfStep.get(task.elementId) === task.userTaskKey ? byName.get(`${task.elementId}Decision`) : undefined;
      return {
        key: task.userTaskKey,
        when: task.completionDate ?? task.creationDate,
        who: userName(task.assignee),
        what: `${t.audit.operations.COMPLETE}${t.audit.entities.USER_TASK}「${task.name ?? task.elementId}」`,
        detail: decision === undefined ? '' : `${t.instance.decision}：${decisionOfStep(labels, `${task.elementId}Decision`, decision, task.processDefinitionId)}${t.instance.currentValue}`,
      };
    });
}

function parse(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
