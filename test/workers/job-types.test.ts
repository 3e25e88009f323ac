/**
 * The five job types end to end: the real embedded engine, @camunda8/sdk and registerJobWorkers(JOB_WORKERS),
 * with small fixture models; the job's output variables must land in the process scope. Expected figures use
 * the shipped configuration (config/*.json placeholders) and the deadline vectors of docs/domain/deadlines.md.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JOB_WORKERS } from '../../workers/index.js';
import { DEFAULT_WORKER_OPTIONS, registerJobWorkers, type RunningWorkers } from '../../workers/runtime/register-job-workers.js';
import { jsonLinesLogger } from '../../workers/runtime/worker-logger.js';
import { bpmnProcess, flow, serviceTask, serviceTaskProcess } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';

/** Six months of deemed years overlap the actual payments: 60 + 120 + 60 = 240 of the 300 months a man needs. */
const OVERLAPPING_PERIODS = [
  { from: '1995-01', to: '2000-06', kind: 'deemed' },
  { from: '2000-01', to: '2009-12', kind: 'actual' },
  { from: '2010-01', to: '2014-12', kind: 'transferred' },
];
const TOP_UP_CASE = { sex: 'male', retirementDate: '2025-06-30', contributionPeriods: OVERLAPPING_PERIODS };

let fixture: EngineFixture;
let workers: RunningWorkers;
const lines: string[] = [];

beforeAll(async () => {
  fixture = await startEngine();
  await deploy(fixture.client, [
    ...['compute-deadline', 'calculate-top-up'].map((type) => ({ name: `${type}.bpmn`, content: serviceTaskProcess(type) })),
    { name: 'calculate-maternity-allowance.bpmn', content: leaveDaysThenAllowance() },
    { name: 'maternity-leave-days.dmn', content: readFileSync(new URL('../../bpmn/maternity-leave-days.dmn', import.meta.url), 'utf8') },
    fixtureFile('job-types.validate-identity.bpmn'),
    fixtureFile('job-types.top-up-review.bpmn'),
  ]);
  workers = registerJobWorkers(fixture.camunda, JOB_WORKERS, jsonLinesLogger((line) => lines.push(line)), {
    ...DEFAULT_WORKER_OPTIONS,
    pollIntervalMs: 20,
    baseBackOffMs: 50,
  });
});

afterAll(async () => {
  await workers?.stop();
  await fixture?.stop();
});

describe('compute-deadline', () => {
  // docs/domain/deadlines.md (acceptance day excluded; 调休 make-up days count; 国庆 10-01..08 skipped)
  it.each([
    ['2025-09-26', 5, '2025-10-10'],
    ['2025-09-26', 15, '2025-10-23'],
    ['2025-12-31', 15, '2026-01-22'],
    ['2026-02-13', 10, '2026-03-05'],
  ])('should set the deadline of %s + %i working days to %s (B.2.4)', async (acceptedAt, timeLimitWorkingDays, deadline) => {
    // given
    const variables = { acceptedAt, timeLimitWorkingDays };

    // when
    const result = await runToEnd('compute-deadline', variables);

    // then
    expect(result).toMatchObject({ deadlineDate: deadline, dueDate: `${deadline}T23:59:59+08:00` });
  });

  it('should read acceptedAt as Camunda FEEL writes string(now()) on a cluster (zone id after @)', async () => {
    // given 2025-09-26 10:00 in Xining, written as a zoned FEEL date-time in UTC
    const variables = { acceptedAt: '2025-09-26T02:00:00.000@UTC', timeLimitWorkingDays: 5 };

    // when
    const result = await runToEnd('compute-deadline', variables);

    // then the same as the B.2.4 vector for 2025-09-26
    expect(result).toMatchObject({ deadlineDate: '2025-10-10' });
  });

  it('should count from the day after a Sunday make-up day across National Day', async () => {
    // given 2025-09-28 is a 调休 working Sunday; it is the acceptance day, so it is not counted (B.2.1): one working
    // day later than the B.2.4 vector 2025-09-26 + 15 = 2025-10-23, which counts 09-28
    const variables = { acceptedAt: '2025-09-28', timeLimitWorkingDays: 15 };

    // when
    const result = await runToEnd('compute-deadline', variables);

    // then
    expect(result).toMatchObject({
      acceptedAt: '2025-09-28',
      deadlineDate: '2025-10-24',
      dueDate: '2025-10-24T23:59:59+08:00',
      reminderDate: '2025-10-22T09:00:00+08:00',
    });
  });

  it('should take the office date of an ISO acceptance time', async () => {
    // given 2025-09-25T17:30Z is 2025-09-26 01:30 in Xining
    const variables = { acceptedAt: '2025-09-25T17:30:00Z', timeLimitWorkingDays: 15 };

    // when
    const result = await runToEnd('compute-deadline', variables);

    // then
    expect(result).toMatchObject({ deadlineDate: '2025-10-23', reminderDate: '2025-10-21T09:00:00+08:00' });
  });

  it('should take the one figure a row of the decision table gives, the empty columns arriving as null', async () => {
    // given the three mappings of a model: statutory-time-limit answered 30 calendar days (FC18)
    const variables = { acceptedAt: '2026-03-02', timeLimitWorkingDays: null, timeLimitCalendarDays: 30, timeLimitMonths: null };

    // when
    const result = await runToEnd('compute-deadline', variables);

    // then 2026-03-02 + 30 days = 2026-04-01 (a Wednesday)
    expect(result).toMatchObject({ deadlineDate: '2026-04-01', deadlineBasis: { startDate: '2026-03-02', calendarDays: 30 } });
    expect(result['deadlineBasis']).not.toHaveProperty('workingDays');
  });
});

describe('compute-deadline across a year without a published holiday schedule', () => {
  it('should compute a 20-working-day deadline into 2027 on the provisional schedule and mark it', async () => {
    // given an acceptance in December 2026, before the 2027 notice is out
    const variables = { acceptedAt: '2026-12-15', timeLimitWorkingDays: 20 };

    // when
    const result = await runToEnd('compute-deadline', variables);

    // then no incident: a deadline in January 2027 (元旦 off), marked provisional, with what a recomputation needs
    expect(result).toMatchObject({
      deadlineDate: '2027-01-13',
      deadlineProvisional: true,
      deadlineBasis: { startDate: '2026-12-15', workingDays: 20, reminderWorkingDaysBefore: 2, extensionWorkingDays: [] },
    });
    expect(result['deadlineCorrelationKey']).toMatch(/^\d+$/);
  });

  it('should NOT mark a deadline within the published years', async () => {
    // given / when
    const result = await runToEnd('compute-deadline', { acceptedAt: '2026-11-02', timeLimitWorkingDays: 5 });
    // then
    expect(result).toMatchObject({ deadlineDate: '2026-11-09', deadlineProvisional: false });
  });
});

describe('calculate-top-up', () => {
  it('should count overlapping periods once and set the 补缴 months and amount', async () => {
    // given
    // when
    const result = await runToEnd('calculate-top-up', TOP_UP_CASE);

    // then 300 − 240 = 60 months × 6000.00 × 0.08 (placeholder parameters)
    expect(result).toMatchObject({
      totalContributionMonths: 240,
      localActualContributionMonths: 120,
      systemTopUpMonths: 60,
      topUpAmount: '28800.00',
      topUpAmountInWords: '贰万捌仟捌佰元整',
      topUpParameterVersion: 'qinghai-placeholder-2025-01',
    });
    expect(result.topUpUnverifiedParameters).toEqual(expect.arrayContaining(['monthlyBase', 'rate']));
  });
});

describe('compare-top-up', () => {
  it('should send a mismatch back to the manual figure, and go on once it matches', async () => {
    // given
    const { processInstanceKey: key } = await fixture.client.createProcessInstance({ processDefinitionId: 'job-types-top-up-review', variables: TOP_UP_CASE });
    const first = await openUserTask(key);
    expect(await processVariables(key)).toMatchObject({ systemTopUpMonths: 60, topUpAmount: '28800.00' });

    // when the first reviewer enters four years
    await fixture.client.completeUserTask({ userTaskKey: first.userTaskKey, variables: { manualTopUpMonths: 48 } });

    // then the task comes back with the difference
    const second = await openUserTask(key, first.userTaskKey);
    expect(second.elementId).toBe('manual');
    expect(await processVariables(key)).toMatchObject({
      topUpComparison: 'mismatch',
      systemTopUpMonths: 60,
      topUpDifferenceMonths: -12,
      topUpDifference: { totalMonths: 240, requiredTotalMonths: 300, shortTotalMonths: 60, monthsByKind: { actual: 120, transferred: 60, military: 0, deemed: 60 } },
    });

    // when the figure is corrected
    await fixture.client.completeUserTask({ userTaskKey: second.userTaskKey, variables: { manualTopUpMonths: 60 } });

    // then
    await waitForState(key, 'COMPLETED');
    expect(await processVariables(key)).toMatchObject({ topUpComparison: 'match', manualTopUpMonths: 60, topUpDifferenceMonths: 0, topUpDifference: null });
    expect(takenFlows(key)).toEqual(['to-calculate', 'to-manual', 'to-compare', 'to-matches', 'mismatch', 'to-compare', 'to-matches', 'match']);
  });
});

describe('validate-identity', () => {
  it('should set the birth date and sex of a valid ID number and take the normal path', async () => {
    // given
    // when
    const result = await runToEnd('job-types-validate-identity', { idNumber: '630103198506150021' });

    // then
    expect(result).toMatchObject({ identityValid: true, birthDate: '1985-06-15', sex: 'female' });
    expect(endEvent(result.processInstanceKey)).toBe('accepted');
  });

  it('should take the INVALID_ID_NUMBER boundary for a wrong check digit', async () => {
    // given
    // when
    const result = await runToEnd('job-types-validate-identity', { idNumber: '630103198001010016' });

    // then
    expect(endEvent(result.processInstanceKey)).toBe('id-number-rejected');
    expect(result).not.toHaveProperty('identityValid');
  });

  it('should accept a valid credit code and take the INVALID_CREDIT_CODE boundary for a wrong one', async () => {
    // given
    // when
    const valid = await runToEnd('job-types-validate-identity', { creditCode: '91110000101623741K' });
    const invalid = await runToEnd('job-types-validate-identity', { creditCode: '91310115MA1H8R7C6D' });

    // then
    expect(valid).toMatchObject({ identityValid: true });
    expect(endEvent(valid.processInstanceKey)).toBe('accepted');
    expect(endEvent(invalid.processInstanceKey)).toBe('credit-code-rejected');
  });
});

describe('calculate-maternity-allowance', () => {
  it.each([
    [{ kind: 'birth', infants: 1, difficultLabour: false }, 98, '29400.00', '贰万玖仟肆佰元整'],
    [{ kind: 'birth', infants: 2, difficultLabour: true }, 128, '38400.00', '叁万捌仟肆佰元整'],
    [{ kind: 'miscarriage', completedPregnancyMonths: 5 }, 42, '12600.00', '壹万贰仟陆佰元整'],
  ])('should set the allowance of %o: %i days from the rows of the decision table', async (maternityEvent, days, amount, inWords) => {
    // given 9000.00 ÷ 30 per day (placeholder divisor); the business rule task before the job looks the days up
    const variables = { maternityEventDate: '2025-03-02', maternityEvent, employerAverageMonthlyWage: '9000.00' };

    // when
    const result = await runToEnd('calculate-maternity-allowance', variables);

    // then
    expect(result).toMatchObject({ maternityLeaveDays: days, maternityAllowanceAmount: amount, maternityAllowanceAmountInWords: inWords });
    expect(result.maternityUnverifiedParameters).toContain('dailyDivisor');
    expect(result.maternityLeaveComponents).toEqual(expect.arrayContaining([expect.objectContaining({ verified: false })]));
  });
});

describe('JOB_WORKERS', () => {
  it('should NOT leave an incident or an error line behind', () => {
    // given the runs above
    // when
    const problems = lines.map((line) => JSON.parse(line) as { level: string }).filter((l) => l.level === 'warn' || l.level === 'error');

    // then
    expect(problems).toEqual([]);
  });
});

// helpers

function fixtureFile(name: string) {
  return { name, content: readFileSync(new URL(name, import.meta.url), 'utf8') };
}

/** FC18's two steps: the days from the decision table maternity-leave-days, then the allowance job. */
function leaveDaysThenAllowance(): string {
  const lookup = `<bpmn:businessRuleTask id="leaveDays"><bpmn:extensionElements><zeebe:calledDecision decisionId="maternity-leave-days" resultVariable="maternityLeaveComponents"/></bpmn:extensionElements></bpmn:businessRuleTask>`;
  return bpmnProcess(
    'calculate-maternity-allowance',
    `<bpmn:startEvent id="start"/>${lookup}${serviceTask('task', 'calculate-maternity-allowance')}<bpmn:endEvent id="end"/>` +
      `${flow('f1', 'start', 'leaveDays')}${flow('f2', 'leaveDays', 'task')}${flow('f3', 'task', 'end')}`,
  );
}

/** Starts an instance, waits for it to complete and answers its process-scope variables and key. */
async function runToEnd(processDefinitionId: string, variables: Record<string, unknown>): Promise<Record<string, unknown> & { processInstanceKey: string }> {
  const { processInstanceKey } = await fixture.client.createProcessInstance({ processDefinitionId, variables });
  await waitForState(processInstanceKey, 'COMPLETED');
  return { ...(await processVariables(processInstanceKey)), processInstanceKey };
}

async function waitForState(processInstanceKey: string, state: string) {
  await expect
    .poll(
      async () => {
        const [instance] = (await fixture.client.searchProcessInstances({ filter: { processInstanceKey } })).items;
        if (instance?.hasIncident) {
          const [incident] = (await fixture.client.searchIncidents({ filter: { processInstanceKey } })).items;
          throw new Error(`incident ${incident?.errorType}: ${incident?.errorMessage}`);
        }
        return instance?.state;
      },
      { message: `${processInstanceKey} to be ${state}` },
    )
    .toBe(state);
}

/** Waits for the open user task of the instance (other than `previousKey`). */
async function openUserTask(processInstanceKey: string, previousKey?: string) {
  return vi.waitFor(
    async () => {
      const { items } = await fixture.client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } });
      const task = items.find((t) => t.userTaskKey !== previousKey);
      if (!task) throw new Error(`no new user task of ${processInstanceKey} yet`);
      return task;
    },
    { timeout: 10_000, interval: 25 },
  );
}

async function processVariables(processInstanceKey: string): Promise<Record<string, unknown>> {
  const { items } = await fixture.client.searchVariables({ filter: { processInstanceKey, scopeKey: processInstanceKey } });
  return Object.fromEntries(items.map((v) => [v.name, JSON.parse(v.value)]));
}

function processInstanceEvents(processInstanceKey: string) {
  return fixture.server.engine
    .eventsOf(Number(processInstanceKey))
    .filter((e) => e.valueType === 'PROCESS_INSTANCE')
    .map((e) => ({ intent: e.intent, ...(e.record as { elementId?: string; elementType?: string; flowId?: string }) }));
}

function takenFlows(processInstanceKey: string): (string | undefined)[] {
  return processInstanceEvents(processInstanceKey)
    .filter((e) => e.intent === 'SEQUENCE_FLOW_TAKEN')
    .map((e) => e.flowId);
}

function endEvent(processInstanceKey: string): string | undefined {
  return processInstanceEvents(processInstanceKey).find((e) => e.intent === 'ELEMENT_COMPLETED' && e.elementType === 'END_EVENT')?.elementId;
}
