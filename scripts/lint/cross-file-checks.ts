/**
 * Checks that no single-file linter can make: every name a model uses resolves to something in the repo.
 *
 * - `form-reference`: `zeebe:formDefinition formId` → the top-level `id` of a form in forms/;
 * - `job-type`: `zeebe:taskDefinition type` (and listener types) → a job type in workers/catalog.json;
 * - `message-publisher`: a message waited for → thrown by some model, or listed in bpmn/message-publishers.json;
 * - `candidate-group`: each static `candidateGroups` entry → a role id in config/roles.json;
 * - `called-process`: `zeebe:calledElement processId` → an executable process id in bpmn/;
 * - `called-decision`: `zeebe:calledDecision decisionId` → a decision in a .dmn file in bpmn/;
 * - `duplicate-process-id`, `duplicate-form-id`: ids that two files both deploy (one would version the other);
 * - `data-entry-boundary`: a task whose job type may throw DATA_ENTRY_ERROR (workers/runtime/data-entry-rules.ts)
 *   catches it with an error boundary event, so that a clerk's mistake goes back to the clerk, never to an incident;
 * - `shown-list-options`: a disabled list (a review form's read-only copy of the intake's materials) offers the
 *   options of the list that fills its key (under the same group paths) in another form of the same model, in its
 *   order: an option only one of them has would show a reviewer a material the clerk could not tick, or hide one the
 *   clerk ticked; a disabled or readonly list fills nothing. A read-only text or number field bound to a key such
 *   a list fills shows the reviewer the stored code (`resume`) rather than its words (恢复缴费): it is reported too,
 *   to be shown as a disabled radio or select with the list's options;
 * - `reviewer-list-options`: a reviewer's list of verified materials (`materialsChecked`, `receivedMaterials`,
 *   `verifiedEvidence`) offers only options of the intake list (`submittedMaterials`, `materialsSubmitted`,
 *   `materials`) filled in another form of the same model: the task list's 材料清单 compares the strings, so an
 *   option worded otherwise would show a material verified and also 未确认无误.
 * - `other-step-record`: a user task's form that submits, editable or readonly (form-js submits both), a
 *   `…Decision`, `…Reason` or `…Note` recorded by another user task of the same model with another form would let
 *   办结 write over what that step's clerk decided or wrote (FC20's extension approval re-submitted the 复审's
 *   申请延长理由). The recording task is the one the prefix names (`<step>Reason`), or else each task whose form edits
 *   the key (FC20's entryReviewNote of registerAndReview, FC12's paymentDecision, every correctionNote); two tasks
 *   that both record one key on purpose are listed with their reason in shared-step-records.ts. Another step shows
 *   such a record as a disabled field.
 * - `refusal-notice`: every path into an end event named …不予受理 passes a `generate-refusal-notice` task (the
 *   《不予受理告知书》 with the reason and the remedies, docs/domain/notices.md); other steps may stand between the
 *   notice and the end. A boundary event leaving the notice task does not count as passing it. Likewise every path
 *   into an end event of a decision after 受理 that refuses (…不予办理, 不予变更, 不予认定, …不予备案) passes a
 *   `generate-decision-notice` task whose `decision` input states that decision (出具不予办理告知书 …). The
 *   一次性告知，不予查询 of FC8/FC9 is a reply at the window, not a decision on an application: not checked.
 * - `decision-stated`: every `generate-decision-notice` task states its decision as one of the four constants
 *   (="不予办理" …); a FEEL expression or none would reach the worker as a decision it may not know.
 *
 * FEEL values (leading `=`) are only known at run time: they are skipped with an `info` note (except the decision of
 * `decision-stated`, which must be a constant).
 */
import type { BpmnFacts, ElementReference, FlowNodeWays } from './bpmn-facts.js';
import type { DmnFacts } from './dmn-facts.js';
import type { Finding } from './finding.js';
import { isFeelExpression } from './moddle-element.js';
import { outcomeOfEndEvent } from '../../web-shared/src/format/case-outcome.js';
import { sharedWith } from './shared-step-records.js';

/** The job type that issues the 不予受理告知书 (workers/generate-refusal-notice.ts). */
const REFUSAL_NOTICE_JOB = 'generate-refusal-notice';

/** The job type that issues the notice of a decision after 受理 that refuses (workers/generate-decision-notice.ts). */
const DECISION_NOTICE_JOB = 'generate-decision-notice';

/**
 * The decisions generate-decision-notice states, as the end events name them (暂不予备案 is a 不予备案); the same as
 * its DECISIONS (a test holds them equal: the lint does not import the workers).
 */
export const NOTICE_DECISIONS = ['不予办理', '不予变更', '不予认定', '不予备案'] as const;

/** End events that refuse without a decision to notify (FC8/FC9's 一次性告知，不予查询). */
const NOT_A_DECISION = /不予查询/;

/** The BPMN error code of workers/runtime/data-entry-rules.ts (the lint does not import the workers). */
const DATA_ENTRY_ERROR = 'DATA_ENTRY_ERROR';
import {
  JOB_CATALOG_FILE,
  MESSAGE_PUBLISHERS_FILE,
  ROLES_FILE,
  type ProjectReferences,
} from './project-references.js';

export interface FormFacts {
  file: string;
  formId: string;
  /** Its fields of fixed options (absent in facts made before the lint knew them: then nothing is compared). */
  choiceLists?: ChoiceList[];
  /** Its read-only fields without options (a readonly or disabled text field, say), by key (absent in older facts). */
  shownFields?: ShownField[];
  /** Its fields form-js submits, bound to a case variable of their key (absent in older facts: nothing checked). */
  submittedFields?: SubmittedField[];
}

/** A field whose value 办结 sends as the case variable of its key. */
export interface SubmittedField {
  key: string;
  elementId: string;
  /** Shown readonly: submitted all the same. */
  readonly: boolean;
}

/** A field that shows a value as it is stored, without options to word it. */
export interface ShownField {
  /** Its key after the `path`s of the groups around it, as {@link ChoiceList.key}. */
  key: string;
  elementId: string;
  type: string;
}

/** A field with fixed `values` (checklist, radio, select, tag list) by its key. */
export interface ChoiceList {
  /** Its key after the `path`s of the groups around it (`maternityEvent.kind`, `contributionPeriods[].kind`). */
  key: string;
  elementId: string;
  /** Shown read-only: a copy of what another form fills. */
  disabled: boolean;
  /** Not filled here either (readonly, or a FEEL readonly): no source of the options. */
  readonly?: boolean;
  values: string[];
}

export interface CrossFileInput {
  models: readonly BpmnFacts[];
  forms: readonly FormFacts[];
  decisions?: readonly DmnFacts[];
  references: ProjectReferences;
}

export function crossFileChecks({ models, forms, decisions = [], references }: CrossFileInput): Finding[] {
  const findings: Finding[] = [];
  const processIds = firstDefinitions(
    models.flatMap((model) => model.processIds.map((ref) => ({ file: model.file, id: ref.value, elementId: ref.elementId }))),
    'duplicate-process-id',
    'process id',
    findings,
  );
  const formIds = firstDefinitions(
    forms.map((form) => ({ file: form.file, id: form.formId, elementId: form.formId })),
    'duplicate-form-id',
    'form id',
    findings,
  );
  const decisionIds = new Set(decisions.flatMap((drg) => drg.decisionIds));
  const thrownMessages = new Set(models.flatMap((model) => model.messagePublications.map((ref) => ref.value)));
  const listedMessages = new Set(references.publishers.map((entry) => entry.messageName));

  for (const model of models) {
    const report = (ref: ElementReference, severity: Finding['severity'], rule: string, message: string) => {
      const entryIds = severity === 'info' ? undefined : ENTRY_IDS[rule];
      findings.push({ file: model.file, severity, elementId: ref.elementId, rule, message, ...(entryIds ? { entryIds } : {}) });
    };
    const feelNote = (ref: ElementReference, rule: string, what: string, against: string) =>
      report(ref, 'info', rule, `${what} "${ref.value}" is a FEEL expression, known only at run time: not checked against ${against}`);

    for (const ref of model.formIds) {
      if (isFeelExpression(ref.value)) feelNote(ref, 'form-reference', 'formId', 'forms/');
      else if (!formIds.has(ref.value)) {
        report(ref, 'error', 'form-reference', `formId "${ref.value}" matches no form in forms/ (the "id" of a .form file)`);
      }
    }

    for (const ref of model.jobTypes) {
      if (isFeelExpression(ref.value)) feelNote(ref, 'job-type', `${ref.elementType} job type`, JOB_CATALOG_FILE);
      else if (references.jobTypes && !references.jobTypes.has(ref.value)) {
        report(ref, 'error', 'job-type', `${ref.elementType} job type "${ref.value}" is not in ${JOB_CATALOG_FILE}: no worker would take its jobs`);
      }
    }

    for (const ref of model.candidateGroups) {
      if (isFeelExpression(ref.value)) feelNote(ref, 'candidate-group', 'candidateGroups', ROLES_FILE);
      else if (references.roles) {
        for (const group of splitList(ref.value).filter((g) => !references.roles?.has(g))) {
          report(ref, 'error', 'candidate-group', `candidate group "${group}" is not a role in ${ROLES_FILE}`);
        }
      }
    }

    const catching = new Map<string, Set<string>>();
    for (const caught of model.caughtErrors) {
      if (!catching.has(caught.elementId)) catching.set(caught.elementId, new Set());
      catching.get(caught.elementId)!.add(caught.value);
    }
    const dataEntryTypes = references.jobTypesThrowing.get(DATA_ENTRY_ERROR) ?? new Set<string>();
    for (const ref of model.jobTypes.filter((job) => dataEntryTypes.has(job.value))) {
      const codes = catching.get(ref.elementId);
      if (codes?.has(DATA_ENTRY_ERROR) || codes?.has('*')) continue;
      report(
        ref,
        'error',
        'data-entry-boundary',
        `job type "${ref.value}" checks the entered data and may throw ${DATA_ENTRY_ERROR}: catch it with an error boundary ` +
          'event that returns the case to the clerk who entered the data (docs/domain/data-entry-rules.md)',
      );
    }

    for (const ref of model.calledProcessIds) {
      if (isFeelExpression(ref.value)) feelNote(ref, 'called-process', 'called processId', 'the processes in bpmn/');
      else if (!processIds.has(ref.value)) {
        report(ref, 'error', 'called-process', `called process "${ref.value}" is not an executable process in bpmn/`);
      }
    }

    for (const ref of model.calledDecisionIds) {
      if (isFeelExpression(ref.value)) feelNote(ref, 'called-decision', 'called decisionId', 'the decisions in bpmn/');
      else if (!decisionIds.has(ref.value)) {
        report(ref, 'error', 'called-decision', `called decision "${ref.value}" is not a decision of a .dmn file in bpmn/`);
      }
    }

    for (const ref of model.messageSubscriptions) {
      if (isFeelExpression(ref.value)) feelNote(ref, 'message-publisher', 'message name', 'the publishers');
      else if (!thrownMessages.has(ref.value) && !listedMessages.has(ref.value)) {
        report(
          ref,
          'error',
          'message-publisher',
          `message "${ref.value}" (${ref.elementType}) has no publisher: no model throws it and ${MESSAGE_PUBLISHERS_FILE} does not list it`,
        );
      }
    }
  }

  findings.push(...shownListFindings(models, forms));
  findings.push(...reviewerListFindings(models, forms));
  findings.push(...otherStepRecordFindings(models, forms));
  findings.push(...models.flatMap(refusalNoticeFindings));
  findings.push(...models.flatMap(decisionStatedFindings));

  const awaited = new Set(models.flatMap((model) => model.messageSubscriptions.map((ref) => ref.value)));
  for (const entry of references.publishers) {
    if (!awaited.has(entry.messageName)) {
      findings.push({
        file: MESSAGE_PUBLISHERS_FILE,
        severity: 'warn',
        elementId: entry.messageName,
        rule: 'message-publisher',
        message: `no model waits for message "${entry.messageName}": remove the entry or fix the name`,
      });
    }
  }
  return findings;
}

// helpers

/** `shown-list-options`, once per read-only list (a form that two models use is compared with both models' forms). */
function shownListFindings(models: readonly BpmnFacts[], forms: readonly FormFacts[]): Finding[] {
  const byId = new Map<string, FormFacts>();
  for (const form of forms) if (!byId.has(form.formId)) byId.set(form.formId, form);
  const reported = new Map<string, Finding>();
  for (const model of models) {
    const own = [...new Set(model.formIds.map((ref) => byId.get(ref.value)).filter((form) => form !== undefined))];
    for (const form of own) {
      for (const shown of form.choiceLists?.filter((list) => list.disabled) ?? []) {
        const fills = (list: ChoiceList) => !list.disabled && list.readonly !== true && list.key === shown.key;
        const filling = own.filter((other) => other !== form && other.choiceLists?.some(fills));
        if (filling.length === 0) continue;
        const options = new Set(filling.flatMap((other) => other.choiceLists!.filter(fills).flatMap((list) => list.values)));
        const missing = [...options].filter((value) => !shown.values.includes(value));
        const extra = shown.values.filter((value) => !options.has(value));
        // the read-only list sits beside the reviewer's own: in another order the two would not read line by line
        const reordered = missing.length === 0 && extra.length === 0 && shown.values.join('\n') !== [...options].join('\n');
        const where = `${form.file}#${shown.elementId}`;
        if ((missing.length === 0 && extra.length === 0 && !reordered) || reported.has(where)) continue;
        const differences = [
          ...(missing.length > 0 ? [`lacks ${missing.map((value) => JSON.stringify(value)).join(', ')}`] : []),
          ...(extra.length > 0 ? [`has ${extra.map((value) => JSON.stringify(value)).join(', ')} that it does not offer`] : []),
          ...(reordered ? [`lists them in another order (${[...options].map((value) => JSON.stringify(value)).join(', ')} there)`] : []),
        ];
        reported.set(where, {
          file: form.file,
          severity: 'warn',
          elementId: shown.elementId,
          rule: 'shown-list-options',
          message:
            `read-only list "${shown.key}" shows other options than ${filling.map((other) => other.file).join(', ')}, where it is filled: ` +
            `it ${differences.join(' and ')} (give both lists the same options in the same order)`,
        });
      }
      for (const shown of form.shownFields ?? []) {
        const fills = (list: ChoiceList) => !list.disabled && list.readonly !== true && list.key === shown.key;
        const filling = own.filter((other) => other !== form && other.choiceLists?.some(fills));
        const where = `${form.file}#${shown.elementId}`;
        if (filling.length === 0 || reported.has(where)) continue;
        const codes = [...new Set(filling.flatMap((other) => other.choiceLists!.filter(fills).flatMap((list) => list.values)))];
        reported.set(where, {
          file: form.file,
          severity: 'warn',
          elementId: shown.elementId,
          rule: 'shown-list-options',
          message:
            `read-only ${shown.type} "${shown.key}" shows the codes (${codes.map((value) => JSON.stringify(value)).join(', ')}) that a list fills it with in ` +
            `${filling.map((other) => other.file).join(', ')}: make it a disabled radio or select with that list's options, so the reviewer reads their labels`,
        });
      }
    }
  }
  return [...reported.values()];
}

const INTAKE_KEYS = ['submittedMaterials', 'materialsSubmitted', 'materials'];
const REVIEWER_KEYS = ['materialsChecked', 'receivedMaterials', 'verifiedEvidence'];

/** `reviewer-list-options`, once per reviewer's list (web-tasklist/src/materials-lists.ts reads these names). */
function reviewerListFindings(models: readonly BpmnFacts[], forms: readonly FormFacts[]): Finding[] {
  const byId = new Map<string, FormFacts>();
  for (const form of forms) if (!byId.has(form.formId)) byId.set(form.formId, form);
  const fills = (list: ChoiceList, keys: string[]) => !list.disabled && list.readonly !== true && keys.includes(list.key);
  const reported = new Map<string, Finding>();
  for (const model of models) {
    const own = [...new Set(model.formIds.map((ref) => byId.get(ref.value)).filter((form) => form !== undefined))];
    const intake = new Set(own.flatMap((form) => (form.choiceLists ?? []).filter((list) => fills(list, INTAKE_KEYS)).flatMap((list) => list.values)));
    if (intake.size === 0) continue;
    for (const form of own) {
      for (const list of (form.choiceLists ?? []).filter((choices) => fills(choices, REVIEWER_KEYS))) {
        const where = `${form.file}#${list.elementId}`;
        const foreign = list.values.filter((value) => !intake.has(value));
        if (foreign.length === 0 || reported.has(where)) continue;
        reported.set(where, {
          file: form.file,
          severity: 'warn',
          elementId: list.elementId,
          rule: 'reviewer-list-options',
          message:
            `reviewer's list "${list.key}" offers ${foreign.map((value) => JSON.stringify(value)).join(', ')}, which the intake list of this model does not: ` +
            'word each option as the intake does (the task list\'s 材料清单 compares them)',
        });
      }
    }
  }
  return [...reported.values()];
}

const STEP_RECORD = /^(.+)(Decision|Reason|Note)$/;

/**
 * `other-step-record`, once per field (a form two tasks use is checked against each). A `…Decision`, `…Reason` or
 * `…Note` is the record of the user task its prefix names, or else of the tasks whose forms edit it (FC20's
 * entryReviewNote of registerAndReview, every correctionNote); any other task of the model with another form that
 * submits it, editable or readonly, writes over that record. SHARED_STEP_RECORDS lists the keys two tasks edit on purpose.
 */
function otherStepRecordFindings(models: readonly BpmnFacts[], forms: readonly FormFacts[]): Finding[] {
  const byId = new Map<string, FormFacts>();
  for (const form of forms) if (!byId.has(form.formId)) byId.set(form.formId, form);
  const reported = new Map<string, Finding>();
  for (const model of models) {
    const tasks = model.formIds.filter((ref) => ref.elementType === 'UserTask' && byId.has(ref.value));
    const formOf = new Map(tasks.map((task) => [task.elementId, task.value]));
    const editors = new Map<string, string[]>();
    for (const task of tasks) {
      for (const field of byId.get(task.value)!.submittedFields ?? []) {
        if (field.readonly || !STEP_RECORD.test(field.key)) continue;
        editors.set(field.key, [...(editors.get(field.key) ?? []), task.elementId]);
      }
    }
    const ownersOf = (key: string): string[] => {
      const step = STEP_RECORD.exec(key)![1];
      return formOf.has(step) ? [step] : [...new Set(editors.get(key) ?? [])];
    };
    for (const task of tasks) {
      const form = byId.get(task.value)!;
      for (const field of form.submittedFields ?? []) {
        if (!STEP_RECORD.test(field.key)) continue;
        const where = `${form.file}#${field.elementId}`;
        const shared = sharedWith(field.key, task.elementId);
        const others = ownersOf(field.key).filter((owner) => owner !== task.elementId && formOf.get(owner) !== task.value && !shared.includes(owner));
        if (others.length === 0 || reported.has(where)) continue;
        reported.set(where, {
          file: form.file,
          severity: 'error',
          elementId: field.elementId,
          rule: 'other-step-record',
          message:
            `${field.readonly ? 'readonly' : 'editable'} field "${field.key}" is the record of user task "${others.join(', ')}", yet task "${task.elementId}" submits it: ` +
            'completing this step would write over what that step recorded; show it with "disabled": true (not submitted)',
        });
      }
    }
  }
  return [...reported.values()];
}

/**
 * The findings without a `readonly-copy` warning on a field that `other-step-record` fails: the error says the same
 * (form-js submits it) and more, so each field gets one finding (the forms' own lint runs before the cross-file checks).
 */
export function oneFindingPerField(findings: readonly Finding[]): Finding[] {
  const failed = new Set(findings.filter((finding) => finding.rule === 'other-step-record').map((finding) => `${finding.file}#${finding.elementId}`));
  return findings.filter((finding) => finding.rule !== 'readonly-copy' || !failed.has(`${finding.file}#${finding.elementId}`));
}

/**
 * `refusal-notice`: the 不予受理 ends some path reaches without passing the 不予受理告知书 task, and the ends of a
 * refusing decision after 受理 some path reaches without passing a notice task of that decision.
 */
function refusalNoticeFindings(model: BpmnFacts): Finding[] {
  const { ways, endEvents } = model;
  if (!ways || !endEvents) return [];
  const tasksOf = (jobType: string) => new Set(model.jobTypes.filter((job) => job.value === jobType).map((job) => job.elementId));
  const refusalNotices = tasksOf(REFUSAL_NOTICE_JOB);
  const decisionTasks = tasksOf(DECISION_NOTICE_JOB);
  const decisionNotices = (decision: string) =>
    new Set((model.decisionInputs ?? []).filter((input) => input.value === decision && decisionTasks.has(input.elementId)).map((input) => input.elementId));
  const finding = (end: ElementReference, message: string): Finding => ({ file: model.file, severity: 'error', elementId: end.elementId, rule: 'refusal-notice', message });
  return endEvents.flatMap((end) => {
    // a refusal by the monitor's own rule (不予受理, 超过申报期限，不予受理 …; 不予办理 …), so the two never disagree
    const outcome = outcomeOfEndEvent(end.value);
    if (outcome === 'notAccepted') {
      if (!reachedWithoutNotice(end.elementId, ways, refusalNotices)) return [];
      return [
        finding(
          end,
          `end event "${end.value}" is reached on a path without a ${REFUSAL_NOTICE_JOB} task (出具不予受理告知书): ` +
            'the applicant must be told the reason and how to object in writing (docs/domain/notices.md)',
        ),
      ];
    }
    if (outcome !== 'refused' || NOT_A_DECISION.test(end.value)) return [];
    const decision = NOTICE_DECISIONS.find((word) => end.value.includes(word));
    if (!decision) {
      return [finding(end, `end event "${end.value}" refuses by a decision ${DECISION_NOTICE_JOB} does not know (${NOTICE_DECISIONS.join(', ')})`)];
    }
    if (!reachedWithoutNotice(end.elementId, ways, decisionNotices(decision))) return [];
    return [
      finding(
        end,
        `end event "${end.value}" is reached on a path without a ${DECISION_NOTICE_JOB} task whose decision is ${decision} (出具${decision}告知书): ` +
          'the applicant must be told the reason and how to object in writing (docs/domain/notices.md)',
      ),
    ];
  });
}

/**
 * `decision-stated`: a generate-decision-notice task states its decision as one of the four constants. The element
 * template's 决定 has no default, so a task dropped in the modeler and left so would deploy, and every case reaching
 * it would stop on an incident (the worker refuses a job without a decision it knows).
 */
function decisionStatedFindings(model: BpmnFacts): Finding[] {
  if (!model.decisionInputs) return [];
  const stated = new Set(model.decisionInputs.filter((input) => (NOTICE_DECISIONS as readonly string[]).includes(input.value)).map((input) => input.elementId));
  return model.jobTypes
    .filter((job) => job.value === DECISION_NOTICE_JOB && !stated.has(job.elementId))
    .map((job) => ({
      file: model.file,
      severity: 'error' as const,
      elementId: job.elementId,
      rule: 'decision-stated',
      message: `${DECISION_NOTICE_JOB} task states no decision it knows: set its input decision to one of ${NOTICE_DECISIONS.map((word) => `="${word}"`).join(', ')}`,
    }));
}

/** Whether walking back from the element reaches where a case starts without passing one of the notice tasks. */
function reachedWithoutNotice(elementId: string, ways: Record<string, FlowNodeWays>, notices: ReadonlySet<string>): boolean {
  const seen = new Set<string>();
  const queue = [elementId];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const way = ways[id];
    if (!way || way.from.length === 0) return true;
    // a boundary event left its host before it completed: the host is walked through, even the notice task
    for (const from of way.from) if (way.boundary || !notices.has(from)) queue.push(from);
  }
  return false;
}

/** The properties-panel entry of each check's element (see Finding.entryIds). */
const ENTRY_IDS: Record<string, string[]> = {
  'form-reference': ['formId'],
  'job-type': ['taskDefinitionType'],
  'candidate-group': ['candidateGroups'],
  'called-process': ['targetProcessId'],
  'message-publisher': ['messageName'],
};

/** The set of ids; an id defined again in a later file is reported there. */
function firstDefinitions(
  definitions: { file: string; id: string; elementId: string }[],
  rule: string,
  what: string,
  findings: Finding[],
): Set<string> {
  const firstFile = new Map<string, string>();
  for (const { file, id, elementId } of definitions) {
    const first = firstFile.get(id);
    if (first === undefined) firstFile.set(id, file);
    else findings.push({ file, severity: 'error', elementId, rule, message: `${what} "${id}" is also defined in ${first}` });
  }
  return new Set(firstFile.keys());
}

/** `candidateGroups="window-first-review, supervisor"` → both ids. */
function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
