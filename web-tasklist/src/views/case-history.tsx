/**
 * Earlier steps of the case: who completed which task (by their name), when, with which decision, reason and remark
 * (each what that completion recorded, case-data.ts).
 */
import { formatDateTime } from '../../../web-shared/src/format/dates.js';
import { decisionOfStep } from '../../../web-shared/src/i18n/decisions.js';
import type { HistoryEntry } from '../case-data.js';
import type { LeftOut } from '../capped-search.js';
import { t } from '../texts.js';
import { useAppData } from '../use-app-data.js';

/**
 * `shownText`: a reason as the page shows it (the case's personal data masked for who may not work the task).
 * `auditAvailable`: false without an audit log (Camunda 8.8, or one not read whole): a step done more than once then
 * shows only its latest decision, and the page says why the other rows are blank.
 * `leftOut`: the case has more completed steps than were read; the oldest are not in the table, and the page says so
 * above it (where the rows begin). `valuesLeftOut`: the case holds more decisions, reasons and remarks than were read;
 * a blank cell may be one of them, and the page says so above the table too.
 */
export function CaseHistory({
  entries,
  auditAvailable,
  leftOut,
  valuesLeftOut,
  shownText = (text) => text,
}: {
  entries: HistoryEntry[];
  auditAvailable: boolean;
  leftOut?: LeftOut;
  valuesLeftOut?: LeftOut;
  shownText?: (text: string) => string;
}) {
  const { personName, catalog } = useAppData();
  if (entries.length === 0) return <p class="muted">{t.history.none}</p>;
  return (
    <>
      {leftOut && (
        <p class="muted history-left-out" role="note">
          {t.history.leftOut(leftOut.shown, leftOut.total)}
        </p>
      )}
      {valuesLeftOut && (
        <p class="muted history-values-left-out" role="note">
          {t.history.valuesLeftOut(valuesLeftOut.shown, valuesLeftOut.total)}
        </p>
      )}
      <table class="history">
        <thead>
          <tr>
            <th>{t.history.step}</th>
            <th>{t.history.who}</th>
            <th>{t.history.when}</th>
            <th>{t.history.decision}</th>
            <th>{t.history.reason}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(({ task, decision, reason, note }) => (
            <tr key={task.userTaskKey}>
              <td>{task.name}</td>
              <td>{personName(task.assignee)}</td>
              <td>{formatDateTime(task.completionDate)}</td>
              <td>{decision ? decisionOfStep(catalog.variableLabels, `${task.elementId}Decision`, decision, task.processDefinitionId) : '—'}</td>
              <td>
                {reason ? shownText(reason) : ''}
                {note && (
                  <p class="history-note">
                    {t.history.note}
                    {shownText(note)}
                  </p>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!auditAvailable && <p class="muted history-without-audit">{t.history.withoutAudit}</p>}
    </>
  );
}
