/**
 * Reads what the task page shows about a case through /v2, a page at a time: the form's variables (only those
 * the form uses, as Camunda's Tasklist does), the header's variables, the notices (`…Document` variables) and
 * the completed tasks with their decisions. A clerk may read the case of a task they may work.
 */
import type { AuditLogEntry, DocumentReference, UserTask, Variable } from '../../web-shared/src/api/camunda-types.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import { jsonOrText } from '../../web-shared/src/api/exact-json.js';
import { personalValuesOfVariables, type PersonalValue } from '../../web-shared/src/masking/personal-values-in-text.js';
import { REFUSAL_AT_INTAKE_VARIABLES } from '../../web-shared/src/format/refused-at-intake.js';
import { MATERIAL_VARIABLES } from './materials-lists.js';
import { readCapped, type CappedRead, type LeftOut, type SearchLimits } from './capped-search.js';

const PAGE = 200;
export const HEADER_VARIABLES = ['personName', 'unitName', 'idNumber', 'deadlineDate', 'originalDeadlineDate', ...REFUSAL_AT_INTAKE_VARIABLES, ...MATERIAL_VARIABLES];

/** The variables a form reads and writes (form-js's own analysis, loaded with the form viewer). */
export async function formVariableNames(schema: object): Promise<string[]> {
  const { getSchemaVariables } = await import('@bpmn-io/form-js-viewer');
  return getSchemaVariables(schema as never) as string[];
}

/**
 * The task's form could not be read whole (more variables of its names than the read takes, or a full page without
 * a cursor to read on): the page refuses to open the form rather than open it with fields blank that hold a value —
 * 办结 would then send them blank over the case's.
 */
export class FormDataLeftOut extends Error {
  constructor(readonly leftOut: LeftOut) {
    super(`the task's form variables were read only in part (${leftOut.shown} of ${leftOut.total ?? 'more'})`);
    this.name = 'FormDataLeftOut';
  }
}

/** A task's form variables read at most: one a name in the task's view, so far fewer than this for any form. */
const TASK_VARIABLE_LIMITS: SearchLimits = { cap: 1000, page: PAGE };

/**
 * The task's variables with these names (page after page, in key order; truncated values fetched whole). Throws
 * FormDataLeftOut where the read stopped before the last.
 */
export async function taskVariables(client: V2Client, userTaskKey: string, names: string[], signal?: AbortSignal, limits: SearchLimits = TASK_VARIABLE_LIMITS): Promise<Record<string, unknown>> {
  if (names.length === 0) return {};
  const read = await readCapped(
    (page) => client.searchUserTaskVariables(userTaskKey, { filter: { name: { $in: names } }, sort: [{ field: 'variableKey', order: 'asc' }], page }, { signal }),
    limits,
  );
  if (read.leftOut) throw new FormDataLeftOut(read.leftOut);
  const values: Record<string, unknown> = {};
  for (const variable of read.items) values[variable.name] = await fullValue(client, variable, signal);
  return values;
}

/**
 * A case's variables read at most, a page of 200 at a time, as its completed tasks (HISTORY_LIMITS): a name pattern
 * of every scope (`*Note` of each completion) can match more than a page; past the cap the caller is told.
 */
const VARIABLE_LIMITS: SearchLimits = { cap: 1000, page: PAGE };

/**
 * The case's variables by name pattern or list, of every scope or (`scopeKey`) of one, up to `limits`, the newest
 * first (by key, descending: the engine's own order is ascending, which at the cap kept the oldest — a migrated
 * case's — and left out the ones the clerk reads; the cursor also needs a stable order); `leftOut` when there were
 * more (or a full page came without a cursor to read on), which the page then says.
 */
export async function caseVariables(
  client: V2Client,
  processInstanceKey: string,
  name: unknown,
  { signal, scopeKey, limits = VARIABLE_LIMITS }: { signal?: AbortSignal; scopeKey?: string; limits?: SearchLimits } = {},
): Promise<CappedRead<Variable>> {
  const filter = scopeKey === undefined ? { processInstanceKey, name } : { processInstanceKey, scopeKey, name };
  return readCapped((page) => client.searchVariables({ filter, sort: [{ field: 'variableKey', order: 'desc' }], page }, { signal }), limits);
}

export function valuesOf(variables: Variable[], scopeKey?: string): Record<string, unknown> {
  return Object.fromEntries(variables.filter((v) => !scopeKey || v.scopeKey === scopeKey).map((variable) => [variable.name, parseJson(variable.value)]));
}

/** The case's notices as read; `leftOut`: the case held more notice variables than were read (the page says so). */
export interface NoticesRead {
  notices: Notice[];
  leftOut?: LeftOut;
}

export interface Notice {
  name: string;
  /** The notice's Chinese name (一次性告知书, 不予受理告知书, …), where its document says it. */
  title?: string;
  number?: string;
  documents: DocumentReference[];
}

/**
 * Notices of the case: every `<type>Document` list of document references, with its `<type>Number` and its
 * Chinese name. Only the case's own scope is read: the models have no sub-process, multi-instance or mapping that
 * keeps a notice variable in a narrower scope (a job's result propagates to the case; an output mapping on the
 * notice task would leave a local copy in the task's scope, which this filter leaves out), so each notice is
 * found once. The numbers are read after the documents, by the documents' own names (`<type>Number`): any other
 * `…Number` of the case (many, say, in a migrated one) is none of the page's, and leaves no notice out. `leftOut`:
 * the documents read stopped before the last — a notice may be missing, and the page says so.
 */
export async function caseNotices(client: V2Client, processInstanceKey: string, signal?: AbortSignal, limits?: SearchLimits): Promise<NoticesRead> {
  const documents = await caseVariables(client, processInstanceKey, { $like: '*Document' }, { signal, scopeKey: processInstanceKey, limits });
  const numberNames = [...new Set(documents.items.map((variable) => numberNameOf(variable.name)))];
  // (one a document, in the case's scope: never more than the documents read)
  const numbered = numberNames.length ? await caseVariables(client, processInstanceKey, { $in: numberNames }, { signal, scopeKey: processInstanceKey, limits }) : undefined;
  const numbers = valuesOf(numbered?.items ?? []);
  const leftOut = documents.leftOut;
  const notices = documents.items
    .map((variable) => {
      const value = parseJson(variable.value);
      const documents = (Array.isArray(value) ? value : [value]).filter(isDocument);
      const number = numbers[numberNameOf(variable.name)];
      const noticeNumber = typeof number === 'string' ? number : undefined;
      return { name: variable.name, title: noticeTitle(documents[0], noticeNumber), number: noticeNumber, documents };
    })
    .filter((notice) => notice.documents.length > 0);
  return { notices, ...(leftOut && { leftOut }) };
}

/** The name of a notice's number beside its documents': `refusalNoticeDocument` → `refusalNoticeNumber`. */
function numberNameOf(documentName: string): string {
  return `${documentName.replace(/Document$/, '')}Number`;
}

/**
 * The notice's Chinese name: the `title` the notice workers write into the document's custom properties
 * (workers/lib/notices/issue-notice.ts, from config/notices.json) — taken only from a document that names this very
 * notice (its `noticeNumber` the notice's number: a document of another notice put in the variable must not lend
 * it its name) —; else, as for documents issued before the workers wrote it, the name before the number in the
 * file name they give (`一次性告知书-西宁城中医保〔2026〕告知第0001号.pdf` → 一次性告知书).
 * Undefined for a document that says neither.
 */
export function noticeTitle(document: DocumentReference | undefined, number: string | undefined): string | undefined {
  const customProperties = document?.metadata.customProperties as Record<string, unknown> | undefined;
  const title = customProperties?.title;
  if (number !== undefined && customProperties?.noticeNumber === number && typeof title === 'string' && title.trim() !== '') return title.trim();
  const fileName = document?.metadata.fileName;
  const suffix = number ? `-${number}.pdf` : undefined;
  if (!fileName || !suffix || !fileName.endsWith(suffix) || fileName.length === suffix.length) return undefined;
  return fileName.slice(0, -suffix.length);
}

/** How a notice is named on the page: its Chinese name and number, else its file name. */
export function noticeLabel(notice: Notice): string {
  if (notice.number) return notice.title ? `${notice.title} ${notice.number}` : notice.number;
  return notice.documents[0]?.metadata.fileName ?? '';
}

export interface HistoryEntry {
  task: UserTask;
  decision?: string;
  reason?: string;
  /** The step's own remark (`correctionNote`, `entryReviewNote`, …: a `…Note` its completion set), shown beside the reason. */
  note?: string;
}

/** The 办理记录 as read, with what the page needs to show it. */
export interface HistoryRead {
  /** Oldest first. */
  entries: HistoryEntry[];
  /**
   * Whether the cluster gave an audit log (Camunda 8.9) and all of it was read: without, a step done more than once
   * shows its latest decision only, and the page says so.
   */
  auditAvailable: boolean;
  /**
   * The ID numbers, bank accounts and diagnoses the audit entries read hold: values the case no longer holds (an ID
   * number since corrected, quoted in an older 补正说明) that the history's texts must be masked by as well.
   */
  personalValues: PersonalValue[];
  /** The completion that last set `missingMaterials` (a return), where the audit log says. */
  missingSetBy?: string;
  /**
   * The case has more completed tasks than were read (the newest {@link HistoryLimits.cap}): the older ones are left
   * out, and the page says so. `total` where the search counted them all.
   */
  leftOut?: LeftOut;
  /**
   * The case holds more of the decisions, reasons and remarks its rows show (each step's `…Decision`, `…Reason`,
   * `…Note` by name, of every scope) than were read: a row's may be among those left out and show blank, and the page
   * says so.
   */
  valuesLeftOut?: LeftOut;
}

/** How many completed tasks the 办理记录 reads: at most `cap` (the newest), `page` at a time. */
export type HistoryLimits = SearchLimits;

/**
 * A case's completed tasks read at most, the newest, a page of 200 at a time (Camunda 8.8's search pages: the
 * `page.after` cursor, its answer's `endCursor`): a long case (补正 after 补正, a 延期 asked again and again) shows
 * all its steps; a case with more — never one of the office's processes done right — shows its latest thousand,
 * not a page that takes a minute to read.
 */
const HISTORY_LIMITS: HistoryLimits = { cap: 1000, page: PAGE };

/** The reasons a refusal sets instead of its step's own (a 不予受理's, a refusal's after 受理), in this order. */
const REFUSAL_REASONS = ['refusalReason', 'decisionReason'] as const;

/** Audit entries of a case's variables kept at most (newest first): pages of 1,000. */
const AUDIT_PAGES = 10;

/**
 * Completed tasks of the case, oldest first, each with the decision, reason and remark its own completion set. A
 * step done twice (初审 returned, 补正, then approved) sets the same case variables twice, so the case's variables
 * hold only the last, and an approval that sets no reason (the field hidden, form-js does not submit it) leaves the
 * return's reason there; each completion's values therefore come from the audit log (Camunda 8.9's, whose VARIABLE
 * entries this engine gives the value set). The case's current value stands in only where it can be this
 * completion's own: the audit log has no value for it (set by an output mapping, done before the audit log, or
 * too long to keep), the completion is the step's latest, and the audit log's last entry of the name is not
 * another's with that value. Without an
 * audit log (a Camunda 8.8 cluster) nothing tells a completion that left a value alone from one that set it, so
 * the case's value shows only where the step was done once, and for a step done more than once only its latest
 * decision (every completion of a review step sets `<step>Decision`, docs/modeling-conventions.md). The same holds
 * for a name the audit log has no entry of (set before the cluster kept an audit log: none is backfilled on upgrade;
 * entries past the ten pages read), and for every name when the log was read only in part.
 */
export async function caseHistory(client: V2Client, processInstanceKey: string, signal?: AbortSignal, limits: HistoryLimits = HISTORY_LIMITS): Promise<HistoryRead> {
  const [newestFirst, log] = await Promise.all([completedTasks(client, processInstanceKey, limits, signal), variableAuditLog(client, processInstanceKey, signal)]);
  // oldest first, as an ascending read gives them: completions in the same millisecond by key (the search's tie-breaker
  // is ascending in either order)
  const tasks = { items: [...newestFirst.items].sort((a, b) => (a.completionDate ?? '').localeCompare(b.completionDate ?? '') || compareKeys(a.userTaskKey, b.userTaskKey)) };
  const audit = log?.entries;
  const complete = log?.complete === true;
  const leftOut = newestFirst.leftOut;
  // the names a step's decision goes by: `<elementId>Decision` by convention, else the one decision its completion
  // set (FC10's firstReviewUnit sets firstReviewDecision, FC7's instantReview reviewDecision), with its reason
  const stemOf = (task: UserTask) => {
    const set = (audit ?? []).filter((entry) => entry.userTaskKey === task.userTaskKey && entry.entityDescription?.endsWith('Decision')).map((entry) => entry.entityDescription!);
    return set.length === 1 && set[0] !== `${task.elementId}Decision` ? set[0]!.slice(0, -'Decision'.length) : task.elementId;
  };
  // the remarks a completion set, whatever its form named them (FC20 登记审核's entryReviewNote, 补正's correctionNote)
  const noteNamesOf = (task: UserTask) => {
    const names = new Set(audit?.filter((entry) => entry.userTaskKey === task.userTaskKey && entry.entityDescription?.endsWith('Note')).map((entry) => entry.entityDescription!));
    names.add(`${task.elementId}Note`);
    return [...names];
  };
  // the case's values of just the names the rows show (every scope: a completion's local copy is its own), read
  // after the tasks: a case's other decisions, reasons and remarks (a migrated case's thousands) are none of the
  // table's and leave nothing of it out; `valuesLeftOut` only where these themselves were more than the read takes
  const rowNames = [...new Set(tasks.items.flatMap((task) => [`${stemOf(task)}Decision`, `${stemOf(task)}Reason`, ...noteNamesOf(task)]))];
  const heldRead = rowNames.length ? await caseVariables(client, processInstanceKey, { $in: [...rowNames, ...REFUSAL_REASONS] }, { signal }) : { items: [] as Variable[] };
  const held = heldRead.items;
  const valuesLeftOut = heldRead.leftOut;
  const latestOfStep = new Map(tasks.items.map((task) => [task.elementId, task.userTaskKey]));
  const timesDone = new Map<string, number>();
  for (const task of tasks.items) timesDone.set(task.elementId, (timesDone.get(task.elementId) ?? 0) + 1);
  // the newest entry first: the one whose value the case holds now
  const lastSetBy = (name: string) => audit?.find((entry) => entry.entityDescription === name);
  const heldByCase = (task: UserTask, name: string, suffix: string): string | undefined => {
    const local = held.find((v) => v.name === name && v.scopeKey === task.elementInstanceKey);
    if (local) return local.value;
    if (latestOfStep.get(task.elementId) !== task.userTaskKey) return undefined;
    const last = lastSetBy(name);
    // nothing in the audit log tells whether this completion set the name or left an earlier one's value (a
    // return's reason beside the approval): only a decision, which every completion of the step sets, is the case's
    // (older completions left out: the step may have been done before too)
    if ((!complete || !last) && ((timesDone.get(task.elementId) ?? 0) > 1 || leftOut) && suffix !== 'Decision') return undefined;
    const value = held.find((v) => v.name === name && v.scopeKey === processInstanceKey)?.value;
    // the audit log says another completion (or an edit) set the value the case holds (a value it did not keep
    // counts as that one's too); a different value came later, from outside the audit log (an output mapping)
    if (last && last.userTaskKey !== task.userTaskKey && ((last.variableValue ?? null) === null || last.variableValue === value)) return undefined;
    return value;
  };
  const valueOf = (task: UserTask, name: string, suffix: string) => {
    const own = audit?.find((entry) => entry.userTaskKey === task.userTaskKey && entry.entityDescription === name);
    const value = parseJson(own?.variableValue ?? heldByCase(task, name, suffix) ?? 'null');
    return typeof value === 'string' && value ? value : undefined;
  };
  const noteOf = (task: UserTask) => {
    const notes = noteNamesOf(task)
      .map((name) => valueOf(task, name, 'Note'))
      .filter((note): note is string => note !== undefined);
    return notes.length ? notes.join('\n') : undefined;
  };
  const entries = tasks.items.map((task) => {
    const stem = stemOf(task);
    const decision = valueOf(task, `${stem}Decision`, 'Decision');
    // a 不予受理 sets its reason as refusalReason (the 不予受理理由 printed on the notice), a refusal after 受理 where
    // the step can also return (FC5, FC7, FC19, FC21) as decisionReason (不予办理理由 …), the step's own reason field
    // hidden; only the refusal sets it and the case ends there, so like a decision it is this completion's own
    const [refusalReason, decisionReason] = REFUSAL_REASONS;
    const refusal = decision === 'rejected' ? (valueOf(task, refusalReason, 'Decision') ?? valueOf(task, decisionReason, 'Decision')) : undefined;
    return { task, decision, reason: valueOf(task, `${stem}Reason`, 'Reason') ?? refusal, note: noteOf(task) };
  });
  const audited = (audit ?? []).flatMap((entry) => (entry.entityDescription && typeof entry.variableValue === 'string' ? [{ name: entry.entityDescription, value: entry.variableValue }] : []));
  const missingSetBy = audit?.find((entry) => entry.entityDescription === 'missingMaterials')?.userTaskKey ?? undefined;
  return { entries, auditAvailable: complete, personalValues: personalValuesOfVariables(audited), missingSetBy, ...(leftOut && { leftOut }), ...(valuesLeftOut && { valuesLeftOut }) };
}

/**
 * The case's completed tasks, newest first: page after page (the search's cursor) up to `cap`; with more left, how
 * many were shown and — where the search counted them — how many there are.
 */
function completedTasks(client: V2Client, processInstanceKey: string, limits: HistoryLimits, signal?: AbortSignal): Promise<CappedRead<UserTask>> {
  return readCapped((page) => client.searchUserTasks({ filter: { processInstanceKey, state: 'COMPLETED' }, sort: [{ field: 'completionDate', order: 'desc' }], page }, { signal }), limits);
}

/**
 * Whether the step that returned the case with its `missingMaterials` has decided otherwise since (初审 approved after
 * the 补正): the list is then what was told at the return, not what is outstanding (an approval does not submit the
 * hidden field, so the variable keeps it; and a value such as 其他（见理由） never matches a list ticked since). The
 * return is the completion the audit log says set the list, else the latest recorded 退回. Without either (no audit
 * log, and the return's row blank since the step was done again), a step done more than once whose latest decision
 * is not a return.
 */
export function missingListSettled(history: HistoryRead): boolean {
  const { entries } = history;
  const decided = (entry: HistoryEntry) => entry.decision !== undefined && entry.decision !== 'returned';
  const byAudit = history.missingSetBy === undefined ? -1 : entries.findIndex((entry) => entry.task.userTaskKey === history.missingSetBy);
  const returns = entries.flatMap((entry, index) => (entry.decision === 'returned' ? [index] : []));
  const returnAt = byAudit >= 0 ? byAudit : (returns.at(-1) ?? -1);
  if (returnAt >= 0) {
    const step = entries[returnAt]!.task.elementId;
    return entries.slice(returnAt + 1).some((entry) => entry.task.elementId === step && decided(entry));
  }
  return entries.some((entry, index) => decided(entry) && entries.some((other, before) => before < index && other.task.elementId === entry.task.elementId));
}

/**
 * The case's VARIABLE audit entries, newest first (by key: in the order written), and whether they are all; undefined
 * without an audit log (Camunda 8.8) or when it could not be read (a clerk refused it, a fault): the 办理记录 then
 * shows what it can without, and the task page opens all the same.
 */
async function variableAuditLog(client: V2Client, processInstanceKey: string, signal?: AbortSignal): Promise<{ entries: AuditLogEntry[]; complete: boolean } | undefined> {
  const entries: AuditLogEntry[] = [];
  let after: string | undefined;
  try {
    for (let page = 0; page < AUDIT_PAGES; page++) {
      const request = { filter: { processInstanceKey, entityType: 'VARIABLE' }, sort: [{ field: 'auditLogKey' as const, order: 'desc' as const }], page: after ? { after, limit: 1000 } : { limit: 1000 } };
      const result = await client.searchAuditLogs(request, { signal });
      if (!result) return undefined;
      entries.push(...result.items);
      after = result.items.length === 1000 ? (result.page.endCursor ?? undefined) : undefined;
      if (!after) return { entries, complete: true };
    }
  } catch (error) {
    // the page gone or another task opened: the load stops, not just this part
    if (signal?.aborted) throw error;
    return undefined;
  }
  // stopped at the cap with more to read: the older entries are missing
  return { entries, complete: false };
}

// helpers

/** Keys as the numbers they are (their digits may outgrow a double's). */
function compareKeys(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

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
