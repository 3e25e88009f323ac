/**
 * The rows of a case's audit trail (audit-trail.tsx): from the audit log, or without one from the completed tasks
 * and the decisions the case holds now. The decisions and reasons are read through the one helper for variable
 * values (read-variable-value.ts): a value cut short or of another shape shows as the text stored.
 */
import type { AuditLogEntry, UserTask, Variable } from '../../../web-shared/src/api/camunda-types.js';
import { readVariableValue, valueOrText } from '../../../web-shared/src/api/read-variable-value.js';
import type { V2Client } from '../../../web-shared/src/api/v2-client.js';
import type { VariableLabels } from '../../../web-shared/src/format/variable-labels.js';
import { decisionOfStep } from '../../../web-shared/src/i18n/decisions.js';
import { t } from '../texts.js';

export interface Row {
  key: string;
  when: string;
  who: string;
  what: string;
  detail: string;
}

/**
 * A step's decision (a form's option code, or a yes/no) and its reason (text), read through the one helper: a value
 * cut short or of another shape shows as the text stored, never as `[object Object]`.
 */
const isDecision = (value: unknown): value is string | boolean | null => value === null || typeof value === 'string' || typeof value === 'boolean';
/** A reason cleared on the form is null: no text. */
const isReason = (value: unknown): value is string | null => value === null || typeof value === 'string';

/**
 * One row per operation; the variables a completion or an edit set (VARIABLE entries of the same task, with this
 * engine's `variableValue`) become its detail: the decision and reason in words, or the edited variable's name.
 */
export function fromAuditLog(entries: AuditLogEntry[], tasks: Map<string, UserTask>, userName: (id: string | null | undefined) => string, labels: VariableLabels): Row[] {
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
          if (set.variableValue === undefined || set.variableValue === null) return '';
          if (!/Decision$/.test(set.entityDescription ?? '')) return valueOrText(readVariableValue(set.variableValue, isReason)) ?? '';
          const decision = decisionOf(set.variableValue);
          return decision === undefined ? '' : `${t.instance.decision}：${decisionOfStep(labels, set.entityDescription ?? '', decision, task?.processDefinitionId)}`;
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
 * latest completion only (a step done twice holds the second decision; the first is not known). The caller reads a
 * decision the search cut short whole (audit-trail.tsx); one still cut short is left out, not shown half.
 */
export function fromCompletedTasks(tasks: UserTask[], decisions: Variable[], userName: (id: string | null | undefined) => string, labels: VariableLabels): Row[] {
  const byName = new Map(decisions.map((variable) => [variable.name, variable.isTruncated ? undefined : decisionOf(variable.value)]));
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

/**
 * The decisions a case holds now, for {@link fromCompletedTasks}: one search, and a decision the search cut short
 * read whole (as the variables' table does before editing one), so it is never shown half.
 */
export async function decisionsOfCase(client: V2Client, processInstanceKey: string): Promise<Variable[]> {
  const found = await client.searchVariables({ filter: { processInstanceKey, name: { $like: '*Decision' } }, page: { limit: 200 } });
  return Promise.all(found.items.map((variable) => (variable.isTruncated ? client.getVariable(variable.variableKey) : variable)));
}

// helpers

/** A decision stored as null (none taken, or cleared) is no decision, as a missing one; text of another shape as stored. */
function decisionOf(text: string): string | boolean | undefined {
  return valueOrText(readVariableValue(text, isDecision)) ?? undefined;
}
