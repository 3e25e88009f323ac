/**
 * All 23 processes driven the way a task list drives them: the start form and then each task's form are opened in
 * the form-js viewer (headless Chromium) with the case's variables, filled with today's dates and the approving
 * choice at every decision, submitted (form-js validation must pass), and the submitted data starts the case or
 * completes the task. The engine clock is the real today, so what a clerk meets on the current date is what runs:
 * a deadline in a year without a published holiday schedule, a monthly window, a case accepted after the 20th.
 * When a case waits on a timer (a monthly window, month end), the clock moves on a day at a time.
 *
 * Every process must end without an incident. The values a generic clerk cannot guess (amounts that must agree,
 * dates a rule depends on) are given per process below; everything else is filled from the field's type.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { compileFeel } from '../../engine/feel/feel-expression.js';
import { loadCalendarConfig } from '../../workers/lib/calendar-config.js';
import { startProcessHarness, type ProcessHarness } from '../support/process-harness.js';
import { openFormViewerPage, type FormViewerPage } from '../support/form-viewer-page.js';

const PROCESS_IDS = readdirSync('bpmn')
  .filter((name) => name.endsWith('.bpmn'))
  .map((name) => name.replace(/\.bpmn$/, ''))
  .sort();

const DAY = 86_400_000;
const LAST_OFFICIAL_YEAR = loadCalendarConfig().schedule.officialYears.at(-1) ?? 0;
const NOW = new Date();
const officeDate = (offsetDays = 0) => new Date(NOW.getTime() + offsetDays * DAY + 8 * 3_600_000).toISOString().slice(0, 10);
const monthsAgo = (months: number) => {
  const d = new Date(NOW.getTime() + 8 * 3_600_000);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};

/** What a generic clerk cannot guess: per process, start values and values per task element. */
const CASES: Record<string, { start?: Record<string, unknown>; tasks?: Record<string, Record<string, unknown>> }> = {
  'xining-fc03-retirement-conversion': {
    start: { retirementDate: monthsAgo(1), contributionPeriods: [{ from: '2000-01', to: officeDate().slice(0, 7), kind: 'actual' }] },
    tasks: { firstReview: { manualTopUpMonths: 0 } },
  },
  'xining-fc11-transfer-out': {
    tasks: {
      secondReview: {
        insuredFrom: '2015-07',
        insuredTo: monthsAgo(1).slice(0, 7),
        suspensionDate: officeDate(-1),
        contributionMonths: 100,
        contributionPeriods: [{ from: '2015-07', to: monthsAgo(1).slice(0, 7), unitName: '西宁某建材有限公司' }],
      },
    },
  },
  'xining-fc14-resident-suspension-transfer': { tasks: { systemMaintenance: { insuredFrom: '2019-01', insuredTo: monthsAgo(1).slice(0, 7), suspensionDate: officeDate() } } },
  'xining-fc10-account-withdrawal': {
    tasks: {
      firstReviewUnit: { terminationDate: officeDate(-3), accountBalanceDate: officeDate(-1) },
      firstReviewIndividual: { terminationDate: officeDate(-3), accountBalanceDate: officeDate(-1) },
    },
  },
  'xining-fc17-maternity-registration': {
    start: { filingReason: 'pregnancy', pregnancyStartDate: monthsAgo(4), expectedDeliveryDate: officeDate(150), registrationKind: 'local' },
  },
  'xining-fc18-maternity-allowance': {
    start: { maternityEvent: { kind: 'birth', infants: 1, difficultLabour: false }, maternityEventDate: officeDate(-10), employerAverageMonthlyWage: '7500.00' },
  },
  'xining-fc20-manual-reimbursement': {
    start: { treatmentFrom: officeDate(-20), treatmentTo: officeDate(-10), totalExpenses: '1000.00', paymentRoute: 'personalAccount' },
    tasks: {
      registerAndReview: { outOfCatalogueExpenses: '100.00', partialSelfPayment: '0', deductible: '0', poolingFundPayment: '500.00', seriousIllnessPayment: '0' },
    },
  },
  'xining-fc22-out-of-area-maternity-reimbursement': {
    start: { maternityEvent: { kind: 'birth' }, maternityEventDate: officeDate(-10) },
    tasks: {
      firstReview: { treatmentFrom: officeDate(-12), treatmentTo: officeDate(-8), totalExpenses: '6800.00', outOfCatalogueExpenses: '300.00', poolingFundPayment: '5200.00' },
    },
  },
};

/** Text values for a required text field: by what the key names, else the first that fits the field's pattern. */
const TEXT_BY_KEY: [RegExp, string][] = [
  [/creditCode$/i, '91630103710402005J'], // 统一社会信用代码 (valid check character)
  [/idNumber$/i, '630103196503152014'], // 公民身份号码 (valid check character)
  [/(Amount|Expenses|Payment|Balance|Wage|Base)$/, '100.00'],
  [/phone$/i, '13997110002'],
  [/BankAccount$/i, '6217002870001234567'],
];
const TEXT_CANDIDATES = ['100.00', '2020-01', '2026', 'A0001', '已核对'];

function textFor(key: string, pattern: string | undefined): string {
  const byKey = TEXT_BY_KEY.find(([test]) => test.test(key))?.[1];
  const fits = (text: string) => !pattern || new RegExp(pattern).test(text);
  if (byKey && fits(byKey)) return byKey;
  return TEXT_CANDIDATES.find(fits) ?? '已核对';
}

let harness: ProcessHarness;
let viewer: FormViewerPage;

beforeAll(async () => {
  harness = await startProcessHarness({ processes: PROCESS_IDS, now: NOW.toISOString(), timeoutMs: 30_000 });
  viewer = await openFormViewerPage();
}, 120_000);

afterAll(async () => {
  await viewer?.close();
  await harness?.stop();
});

describe('all processes through their forms, as a task list drives them, today', () => {
  it.each(PROCESS_IDS)('should complete %s through its forms without an incident', async (processId) => {
    // given the start form filled as a window clerk would
    await harness.pinClock(NOW.toISOString());
    const definition = await latestDefinition(processId);
    const startForm = await formOf(`process-definitions/${definition}/form`);
    const caseData = CASES[processId] ?? {};
    const startVariables = startForm ? await submitted(startForm, {}, caseData.start ?? {}, `${processId} start form`) : { ...caseData.start };

    // when the case is started and every task is done through its form
    const pi = await harness.start(processId, startVariables);
    const done = await driveToEnd(pi, processId, caseData.tasks ?? {});

    // then it ends, and a deadline beyond the last published holiday year is marked provisional
    expect(done.state, `${processId}: ${done.detail}`).toBe('COMPLETED');
    const { deadlineDate, deadlineProvisional } = (await harness.variables(pi)) as { deadlineDate?: string; deadlineProvisional?: boolean };
    if (deadlineDate) expect(deadlineProvisional, `${processId} deadline ${deadlineDate}`).toBe(Number(deadlineDate.slice(0, 4)) > LAST_OFFICIAL_YEAR);
  }, 240_000);
});

// helpers

type Task = { userTaskKey: string; elementId: string; candidateGroups?: string[] };

async function driveToEnd(pi: string, processId: string, taskValues: Record<string, Record<string, unknown>>): Promise<{ state: string; detail: string }> {
  const { client } = harness;
  let clock = NOW.getTime();
  for (let step = 0; step < 80; step += 1) {
    const incidents = await client.searchIncidents({ filter: { processInstanceKey: pi, state: 'ACTIVE' } } as never);
    const incident = incidents.items[0] as { elementId?: string; errorMessage?: string } | undefined;
    if (incident) return { state: 'INCIDENT', detail: `incident at ${incident.elementId}: ${incident.errorMessage}` };
    const { items: instances } = await client.searchProcessInstances({ filter: { processInstanceKey: pi } } as never);
    const state = String((instances[0] as { state?: string } | undefined)?.state ?? '');
    if (state !== 'ACTIVE') return { state, detail: state };
    const { items } = await client.searchUserTasks({ filter: { processInstanceKey: pi, state: 'CREATED' } } as never);
    const task = (items as Task[])[0];
    if (task) {
      const form = await formOf(`user-tasks/${task.userTaskKey}/form`);
      const variables = await taskVariables(task.userTaskKey);
      const data = form ? await submitted(form, variables, taskValues[task.elementId] ?? {}, `${processId} ${task.elementId}`) : {};
      await harness.complete(pi, task.elementId, { as: task.candidateGroups?.[0] ?? '', variables: data });
      continue;
    }
    // no task open: the workers may still be busy; once none is, the case waits on a person (look again) or a timer
    const active = await restingElements(pi);
    const { items: again } = await client.searchUserTasks({ filter: { processInstanceKey: pi, state: 'CREATED' } } as never);
    if (again.length > 0) continue;
    if (active.some((id) => /Opens$|monthEnd|Window/i.test(id)) || active.length === 0) {
      clock += DAY;
      await harness.pinClock(new Date(clock).toISOString());
    }
  }
  return { state: 'STUCK', detail: `still active at ${(await harness.activeElements(pi)).join(', ')}` };
}

/** The elements whose jobs the workers take (the models have no listeners, so no other element has a job). */
const WORKER_ELEMENT_TYPES = new Set(['SERVICE_TASK', 'BUSINESS_RULE_TASK', 'SCRIPT_TASK', 'SEND_TASK']);

/**
 * Waits until no worker has a job of the case left to do (an incident ends the wait too: driveToEnd reports it)
 * and answers the ids of the elements still active: then only a person or the clock can move the case on, so
 * moving the clock cannot overtake a worker.
 */
async function restingElements(pi: string): Promise<string[]> {
  return vi.waitFor(
    async () => {
      const { items } = await harness.client.searchElementInstances({ filter: { processInstanceKey: pi, state: 'ACTIVE' }, page: { limit: 100 } } as never);
      const { items: incidents } = await harness.client.searchIncidents({ filter: { processInstanceKey: pi, state: 'ACTIVE' } } as never);
      const busy = items.filter((item) => WORKER_ELEMENT_TYPES.has(String(item.type)));
      if (busy.length > 0 && incidents.length === 0) throw new Error(`the workers still have ${busy.map((item) => item.elementId).join(', ')}`);
      return items.map((item) => item.elementId).filter((id) => id !== undefined);
    },
    { timeout: 30_000, interval: 30 },
  );
}

/** Opens the form with the case's data, fills what is empty, submits; fails on a validation error. */
async function submitted(schema: unknown, variables: Record<string, unknown>, overrides: Record<string, unknown>, what: string): Promise<Record<string, unknown>> {
  const filled = fill(schema as FormSchema, { ...variables, ...overrides });
  const warnings = await viewer.open(schema, filled);
  expect(warnings, `${what}: import warnings`).toEqual([]);
  const { data, errors } = await viewer.submit();
  expect(errors, `${what}: form validation`).toEqual({});
  return data;
}

interface FormComponent {
  type: string;
  key?: string;
  path?: string;
  values?: { value: unknown }[];
  /** Options from the case, e.g. `=requiredMaterials` (FC10: the rows of a decision table). */
  valuesExpression?: string;
  validate?: { required?: boolean; pattern?: string; min?: number | string };
  components?: FormComponent[];
}
type FormSchema = { components: FormComponent[] };

/** Today's dates, the approving choice, and a fitting value for every required field the case leaves empty. */
function fill(schema: FormSchema, data: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = structuredClone(data);
  const visit = (components: FormComponent[], target: Record<string, unknown>) => {
    for (const component of components) {
      if (component.path && component.components) {
        const nested = (target[component.path] as Record<string, unknown> | undefined) ?? {};
        target[component.path] = nested;
        visit(component.components, nested);
        continue;
      }
      if (component.components) visit(component.components, target);
      const key = component.key;
      if (!key || component.type === 'expression' || component.type === 'dynamiclist') continue;
      const current = target[key];
      const values = optionValues(component, { ...result, ...target });
      if (key.endsWith('Decision') && values.length > 0) {
        target[key] = values.includes('approved') ? 'approved' : (current ?? values[0]);
        continue;
      }
      if (current !== undefined && current !== null && current !== '') continue;
      const required = component.validate?.required === true;
      switch (component.type) {
        case 'radio':
        case 'select':
          if (values.length > 0) target[key] = values[0];
          break;
        case 'checklist':
          if (required && values.length > 0) target[key] = values;
          break;
        case 'checkbox':
          if (required) target[key] = true;
          break;
        case 'datetime':
          if (required) target[key] = officeDate();
          break;
        case 'number':
          if (required) target[key] = Math.max(1, Number(component.validate?.min ?? 1) || 1);
          break;
        case 'textfield':
        case 'textarea':
          if (required) target[key] = textFor(key, component.validate?.pattern);
          break;
        default:
      }
    }
  };
  visit(schema.components, result);
  return result;
}

/** The field's options: static, or its `valuesExpression` evaluated on the data as form-js does (strings are their own value). */
function optionValues(component: FormComponent, data: Record<string, unknown>): unknown[] {
  if (!component.valuesExpression) return component.values?.map((v) => v.value) ?? [];
  const options = compileFeel(component.valuesExpression).evaluate(data, Date.now());
  return Array.isArray(options) ? options.map((option) => (option !== null && typeof option === 'object' && 'value' in option ? option.value : option)) : [];
}

async function latestDefinition(processId: string): Promise<string> {
  const { items } = await harness.client.searchProcessDefinitions({ filter: { processDefinitionId: processId }, sort: [{ field: 'version', order: 'DESC' }] } as never);
  return String((items[0] as { processDefinitionKey: string }).processDefinitionKey);
}

/** The form through the REST API (`204` = no form), parsed from its `schema` string. */
async function formOf(urlPath: string): Promise<unknown> {
  const text = await harness.client.callApiEndpoint({ method: 'GET', urlPath, json: false });
  if (!text) return undefined;
  const form = JSON.parse(text) as { schema: string };
  return JSON.parse(form.schema);
}

async function taskVariables(userTaskKey: string): Promise<Record<string, unknown>> {
  const { items } = await harness.client.searchUserTaskVariables({ userTaskKey, page: { limit: 1000 } } as never);
  return Object.fromEntries((items as { name: string; value: string }[]).map((item) => [item.name, JSON.parse(item.value)]));
}



