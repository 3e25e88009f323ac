/**
 * Reads what the task page shows about a case through /v2, a page at a time: the form's variables (only those
 * the form uses, as Camunda's Tasklist does), the header's variables, the notices (`…Document` variables) and
 * the completed tasks with their decisions. A clerk may read the case of a task they may work.
 */
import type { DocumentReference, UserTask, Variable } from '../../web-shared/src/api/camunda-types.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import { jsonOrText } from '../../web-shared/src/api/exact-json.js';

const PAGE = 200;
export const HEADER_VARIABLES = ['personName', 'unitName', 'idNumber', 'acceptedAt', 'deadlineDate', 'originalDeadlineDate', 'submittedMaterials', 'materialsSubmitted', 'materials', 'receivedMaterials', 'correctedMaterials', 'supplementedMaterials', 'missingMaterials',
  // what a reviewer verified (materials-lists.ts)
  'materialsChecked', 'verifiedEvidence', 'keyChangeProof'];

/** The variables a form reads and writes (form-js's own analysis, loaded with the form viewer). */
export async function formVariableNames(schema: object): Promise<string[]> {
  const { getSchemaVariables } = await import('@bpmn-io/form-js-viewer');
  return getSchemaVariables(schema as never) as string[];
}

/** The task's variables with these names (all pages; truncated values fetched whole). */
export async function taskVariables(client: V2Client, userTaskKey: string, names: string[], signal?: AbortSignal): Promise<Record<string, unknown>> {
  if (names.length === 0) return {};
  const values: Record<string, unknown> = {};
  let after: string | undefined;
  do {
    const result = await client.searchUserTaskVariables(userTaskKey, { filter: { name: { $in: names } }, page: after ? { after, limit: PAGE } : { limit: PAGE } }, { signal });
    for (const variable of result.items) values[variable.name] = await fullValue(client, variable, signal);
    after = result.items.length === PAGE ? (result.page.endCursor ?? undefined) : undefined;
  } while (after);
  return values;
}

/** Case (process-level) variables by name pattern or list. */
export async function caseVariables(client: V2Client, processInstanceKey: string, name: unknown, signal?: AbortSignal): Promise<Variable[]> {
  const found: Variable[] = [];
  let after: string | undefined;
  do {
    const result = await client.searchVariables({ filter: { processInstanceKey, name }, page: after ? { after, limit: PAGE } : { limit: PAGE } }, { signal });
    found.push(...result.items);
    after = result.items.length === PAGE ? (result.page.endCursor ?? undefined) : undefined;
  } while (after);
  return found;
}

export function valuesOf(variables: Variable[], scopeKey?: string): Record<string, unknown> {
  return Object.fromEntries(variables.filter((v) => !scopeKey || v.scopeKey === scopeKey).map((variable) => [variable.name, parseJson(variable.value)]));
}

export interface Notice {
  name: string;
  number?: string;
  documents: DocumentReference[];
}

/** Notices of the case: every `<type>Document` list of document references, with its `<type>Number`. */
export async function caseNotices(client: V2Client, processInstanceKey: string, signal?: AbortSignal): Promise<Notice[]> {
  const variables = await caseVariables(client, processInstanceKey, { $like: '*Document' }, signal);
  const numbers = valuesOf(await caseVariables(client, processInstanceKey, { $like: '*Number' }, signal));
  return variables
    .map((variable) => {
      const value = parseJson(variable.value);
      const documents = (Array.isArray(value) ? value : [value]).filter(isDocument);
      const type = variable.name.replace(/Document$/, '');
      const number = numbers[`${type}Number`];
      return { name: variable.name, number: typeof number === 'string' ? number : undefined, documents };
    })
    .filter((notice) => notice.documents.length > 0);
}

export interface HistoryEntry {
  task: UserTask;
  decision?: string;
  reason?: string;
}

/**
 * Completed tasks of the case, oldest first, each with the decision and reason its own completion set. A step done
 * twice (复审 returned, then done again) sets the same case variables twice, so the case's variables hold only the
 * last; each completion's values come from the audit log (Camunda 8.9's, whose VARIABLE entries this engine gives
 * the value set). Without one (a Camunda 8.8 cluster), or without a value in it for that completion: a task's own
 * local variable, else the case's value, shown for the latest completion of that step only.
 */
export async function caseHistory(client: V2Client, processInstanceKey: string, signal?: AbortSignal): Promise<HistoryEntry[]> {
  const [tasks, decisions, audit] = await Promise.all([
    client.searchUserTasks({ filter: { processInstanceKey, state: 'COMPLETED' }, sort: [{ field: 'completionDate', order: 'asc' }], page: { limit: 100 } }, { signal }),
    caseVariables(client, processInstanceKey, { $like: '*Decision' }, signal).then(async (found) => [...found, ...(await caseVariables(client, processInstanceKey, { $like: '*Reason' }, signal))]),
    // newest first, so a case with more entries than one page loses its oldest, not its latest completions
    client.searchAuditLogs({ filter: { processInstanceKey, entityType: 'VARIABLE' }, sort: [{ field: 'timestamp', order: 'desc' }], page: { limit: 1000 } }, { signal }),
  ]);
  const latestOfStep = new Map(tasks.items.map((task) => [task.elementId, task.userTaskKey]));
  const setByCompletion = (task: UserTask, name: string) =>
    audit?.items.find((entry) => entry.userTaskKey === task.userTaskKey && entry.entityDescription === name)?.variableValue ?? undefined;
  const heldByCase = (task: UserTask, name: string) => {
    const local = decisions.find((v) => v.name === name && v.scopeKey === task.elementInstanceKey);
    const global = latestOfStep.get(task.elementId) === task.userTaskKey ? decisions.find((v) => v.name === name && v.scopeKey === processInstanceKey) : undefined;
    return (local ?? global)?.value;
  };
  const pick = (task: UserTask, suffix: string) => {
    const name = `${task.elementId}${suffix}`;
    // a completion the audit log has no value for (done before it existed, or a value too long to keep) shows
    // what the case holds, as without an audit log
    const value = parseJson(setByCompletion(task, name) ?? heldByCase(task, name) ?? 'null');
    return typeof value === 'string' && value ? value : undefined;
  };
  return tasks.items.map((task) => ({ task, decision: pick(task, 'Decision'), reason: pick(task, 'Reason') }));
}

// helpers

async function fullValue(client: V2Client, variable: Variable, signal?: AbortSignal): Promise<unknown> {
  const whole = variable.isTruncated ? await client.getVariable(variable.variableKey, { signal }) : variable;
  return parseJson(whole.value);
}

function isDocument(value: unknown): value is DocumentReference {
  return typeof value === 'object' && value !== null && 'documentId' in value && 'metadata' in value;
}

/**
 * A variable's value as /v2 gives it (JSON text), parsed; a value that is not JSON as it is. Integers beyond 2^53 are
 * kept exact (LosslessNumber), so a form completed with them sends their digits back, not a rounded number.
 */
export const parseJson = jsonOrText;
