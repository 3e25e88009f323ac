/**
 * FC20 医疗费用零星报销: 初步审核 (受理 / 资料不齐备 → 一次性告知 → 待资料补齐后受理 / 不符合范围 → 不予受理),
 * 零报登记及录入审核 and 审核结算 under the 15-working-day limit (reminder and 超期督办 timers on both), the
 * extension 遇特殊情况适当延长 (reason + supervisor approval, new deadline), the 结算支付单据 and the payment by finance.
 *
 * Accepted on Monday 2026-03-02 (the harness clock): 15 working days → deadline Monday 2026-03-23, reminder on
 * Thursday 2026-03-19 (2 working days before).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recomputeOpenDeadlines, type DeadlineChange } from '../../scripts/deadlines/recompute-open-deadlines.js';
import { loadCalendarConfig } from '../../workers/lib/calendar-config.js';
import { DEFAULT_NOW, useProcessHarness } from '../support/process-harness.js';
import { expectRefusalNotice } from '../support/refusal-notice.js';
import { holidayScheduleDirectory, SAMPLE_2027 } from '../support/sample-holiday-year.js';
import { FC20_APPLICATION, FC20_REGISTRATION } from '../support/fc20-sample-case.js';

const PROCESS_ID = 'xining-fc20-manual-reimbursement';

const application = FC20_APPLICATION;

const registration = FC20_REGISTRATION;

const payment = { paymentDate: '2026-03-12', paymentReference: 'ZZ20260312001' };

const h = useProcessHarness([PROCESS_ID]);

const accept = (pi: string) =>
  h.complete(pi, 'preliminaryReview', {
    as: 'window-first-review',
    variables: { receivedMaterials: application.submittedMaterials, preliminaryReviewDecision: 'approved' },
  });
const register = (pi: string, variables: Record<string, unknown> = registration) =>
  h.complete(pi, 'registerAndReview', { as: 'window-first-review', variables });
const settle = (pi: string) => h.complete(pi, 'settlementReview', { as: 'window-second-review', variables: { settlementReviewDecision: 'approved' } });
const pay = (pi: string) => h.complete(pi, 'payBenefits', { as: 'finance', variables: payment });

describe('FC20 医疗费用零星报销', () => {
  it('should accept, register, settle within 15 working days, issue the statement and pay to the insured', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);

    // when
    await accept(pi);
    await register(pi);
    await settle(pi);
    await pay(pi);

    // then
    await h.expectEnded(pi, ['endPaid']);
    const variables = await h.variables(pi);
    expect(variables).toMatchObject({ statutoryTimeLimit: { workingDays: 15, calendarDays: null, months: null }, deadlineDate: '2026-03-23', identityValid: true, paymentReference: 'ZZ20260312001' });
    expect(Date.parse(String(variables.acceptedAt))).toBe(Date.parse(DEFAULT_NOW));
    expect(variables.settlementStatementNumber).toMatch(/报销第\d{4}号$/);
    expect(variables.settlementStatementDocument).toHaveLength(1);
  });

  it('should restart a deadline task with new timers when its deadline is recomputed (办理时限重新计算)', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);

    // when the deadline of each open task is recomputed before it is done
    await h.rearmDeadline(pi, 'registerAndReview');
    await register(pi);
    await h.rearmDeadline(pi, 'settlementReview');
    await settle(pi);
    await pay(pi);

    // then
    await h.expectEnded(pi, ['endPaid']);
  });

  it('should pay through the employer when a unit clerk applies without a personal account', async () => {
    // given
    const { payeeName: _n, payeeBankName: _b, payeeBankAccount: _a, ...withoutAccount } = application;
    const pi = await h.start(PROCESS_ID, {
      ...withoutAccount,
      applicantType: 'employer',
      unitName: '西宁市城中区某商贸有限公司',
      insuredCategory: 'employed',
      reimbursementCategory: 'outpatient',
      totalExpenses: '860.00',
      paymentRoute: 'employerTransfer',
    });

    // when
    await accept(pi);
    await register(pi, { ...registration, outOfCatalogueExpenses: '60.00', partialSelfPayment: '0', deductible: '0', poolingFundPayment: '640.00', seriousIllnessPayment: '0' });
    await settle(pi);
    const task = await h.waitForTask(pi, 'payBenefits');
    await pay(pi);

    // then
    await h.expectEnded(pi, ['endPaid']);
    expect(task.candidateGroups).toEqual(['finance']);
    // 门诊费用报销 132036006001 has its own row of statutory-time-limit (the main case is 住院 132036006002)
    expect(await h.variables(pi)).toMatchObject({ statutoryTimeLimit: { workingDays: 15, calendarDays: null, months: null } });
  });

  it('should tell all missing materials at once and accept once they are complete (资料不齐备，待资料补齐后受理)', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);

    // when
    await h.complete(pi, 'preliminaryReview', {
      as: 'window-first-review',
      variables: {
        receivedMaterials: ['医保电子凭证、有效身份证件或社会保障卡', '医院收费票据'],
        preliminaryReviewDecision: 'returned',
        preliminaryReviewReason: '缺住院费用清单和诊断证明',
        missingMaterials: ['住院费用清单（住院）', '诊断证明或出院小结'],
      },
    });
    await h.waitForElement(pi, 'missingMaterialsNotice');
    await h.complete(pi, 'supplementMaterials', { as: 'window-clerk', variables: { supplementedMaterials: ['住院费用清单（住院）', '诊断证明或出院小结'] } });
    await accept(pi);
    await register(pi);
    await settle(pi);
    await pay(pi);

    // then
    await h.expectEnded(pi, ['endPaid']);
    expect((await h.variables(pi)).missingMaterialsNoticeNumber).toMatch(/告知第\d{4}号$/);
  });

  it('should not accept expenses outside the scope of reimbursement (不予受理)', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...application, accidentalInjury: true });

    // when
    await h.complete(pi, 'preliminaryReview', {
      as: 'window-first-review',
      variables: { receivedMaterials: application.submittedMaterials, preliminaryReviewDecision: 'rejected', refusalReason: '有第三方责任人的意外伤害，不属于医疗保险报销范围' },
    });

    // then
    await h.expectEnded(pi, ['endNotAccepted']);
    await expectRefusalNotice(h, pi, ['韩永福', '住院费用报销（医疗费用零星报销）', '有第三方责任人的意外伤害，不属于医疗保险报销范围']);
    const variables = await h.variables(pi);
    expect(variables.deadlineDate).toBeUndefined();
    expect(variables.acceptedAt).toBeNull();
  });

  it('should send an ID number that fails its check to the 一次性告知 loop before the preliminary review', async () => {
    // given a check character that does not match
    const pi = await h.start(PROCESS_ID, { ...application, idNumber: '630103196503152015' });

    // when
    await h.waitForElement(pi, 'idNumberInvalid');
    await h.complete(pi, 'supplementMaterials', {
      as: 'window-clerk',
      variables: { supplementedMaterials: ['医保电子凭证、有效身份证件或社会保障卡'], idNumber: '630103196503152014' },
    });
    await accept(pi);
    await register(pi);
    await settle(pi);
    await pay(pi);

    // then
    await h.expectEnded(pi, ['endPaid']);
    expect((await h.variables(pi)).missingMaterials).toEqual(['参保人有效身份证件或社会保障卡（公民身份号码校验未通过，请核对）']);
  });

  it('should return a wrong entry from the settlement review to the first reviewer', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);
    await register(pi, { ...registration, poolingFundPayment: '26500.00' });

    // when
    await h.complete(pi, 'settlementReview', {
      as: 'window-second-review',
      variables: { settlementReviewDecision: 'returned', settlementReviewReason: '统筹基金支付录入有误' },
    });
    await register(pi);
    await settle(pi);
    await pay(pi);

    // then
    await h.expectEnded(pi, ['endPaid']);
    expect((await h.variables(pi)).poolingFundPayment).toBe('16500.00');
  });

  it('should extend the deadline when the supervisor approves the reason (遇特殊情况适当延长)', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);
    await register(pi);

    // when
    await h.complete(pi, 'settlementReview', {
      as: 'window-second-review',
      variables: { settlementReviewDecision: 'extensionRequested', settlementReviewReason: '需向就诊医院核实异地住院费用明细' },
    });
    await h.complete(pi, 'extensionApproval', { as: 'supervisor', variables: { extensionApprovalDecision: 'approved', extensionWorkingDays: 5 } });
    const task = await h.waitForTask(pi, 'settlementReview');
    // past the original deadline, before the extended one: no timer fires
    await h.pinClock('2026-03-24T09:00:00+08:00');
    await settle(pi);
    await pay(pi);

    // then
    await h.expectEnded(pi, ['endPaid']);
    expect(await h.variables(pi)).toMatchObject({ originalDeadlineDate: '2026-03-23', deadlineDate: '2026-03-30' });
    expect(Date.parse(String(task.dueDate))).toBe(Date.parse('2026-03-30T23:59:59+08:00'));
  });

  it('should keep the original deadline when the supervisor refuses the extension', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);
    await register(pi);

    // when
    await h.complete(pi, 'settlementReview', {
      as: 'window-second-review',
      variables: { settlementReviewDecision: 'extensionRequested', settlementReviewReason: '材料需进一步核实' },
    });
    await h.complete(pi, 'extensionApproval', {
      as: 'supervisor',
      variables: { extensionApprovalDecision: 'rejected', extensionApprovalReason: '理由不属于特殊情况，请按期办结' },
    });
    await settle(pi);
    await pay(pi);

    // then
    await h.expectEnded(pi, ['endPaid']);
    const variables = await h.variables(pi);
    expect(variables.deadlineDate).toBe('2026-03-23');
    expect(variables.originalDeadlineDate).toBeUndefined();
  });

  it('should remind and escalate when the registration runs past the deadline, the clerk task staying open', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);
    await h.waitForTask(pi, 'registerAndReview');

    // when
    await h.pinClock('2026-03-24T09:00:00+08:00');
    await h.complete(pi, 'overdueEscalationRegister', { as: 'supervisor', variables: { escalationNote: '请当日办结' } });
    await register(pi);
    // the settlement review starts after the deadline: its timers fire at once
    await h.complete(pi, 'overdueEscalationSettlement', { as: 'supervisor', variables: { escalationNote: '请当日审核结算' } });
    await settle(pi);
    await pay(pi);

    // then
    await h.expectEnded(pi, ['endRemindedRegister', 'endEscalatedRegister', 'endRemindedSettlement', 'endEscalatedSettlement', 'endPaid']);
    expect((await h.variables(pi)).deadlineReminder).toMatchObject({ messageZh: expect.stringContaining('审核结算') });
  });

  it('should remind on the reminder date and escalate after the deadline during the settlement review', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);
    await register(pi);
    await h.waitForTask(pi, 'settlementReview');

    // when
    await h.pinClock('2026-03-20T09:00:00+08:00');
    await h.waitForElement(pi, 'endRemindedSettlement');
    expect(await h.activeElements(pi)).toEqual(['settlementReview']);
    await h.pinClock('2026-03-24T09:00:00+08:00');
    await h.complete(pi, 'overdueEscalationSettlement', { as: 'supervisor', variables: { escalationNote: '请尽快审核结算' } });
    await settle(pi);
    await pay(pi);

    // then
    await h.expectEnded(pi, ['endRemindedSettlement', 'endEscalatedSettlement', 'endPaid']);
  });
});

describe('FC20 worker log', () => {
  it('should hold none of the personal values a whole case used, while naming the worker and the notice file', async () => {
    // given a whole case, 受理 to payment, with the applicant's name, ID number, phone and bank account
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);
    await register(pi);
    await settle(pi);
    await pay(pi);
    await h.expectEnded(pi, ['endPaid']);
    const { settlementStatementNumber } = await h.variables(pi);

    // when
    const lines = h.workerLog.map((line) => JSON.parse(line) as Record<string, unknown>);
    const ofCase = lines.filter((line) => line.processInstanceKey === pi);

    // then the log shows the case's jobs, the worker's name and the statement's file name
    expect(ofCase.map((line) => line.type)).toEqual(expect.arrayContaining(['validate-identity', 'compute-deadline', 'generate-settlement-statement']));
    expect(lines.find((line) => line.message === 'job workers started')).toMatchObject({ workerName: expect.any(String) });
    expect(ofCase.find((line) => line.message === 'notice issued')).toMatchObject({ fileName: `零星报销结算单-${settlementStatementNumber}.pdf` });
    // and none of the personal values, in any line of the whole run
    const log = h.workerLog.join('\n');
    for (const personal of [application.personName, application.idNumber, application.phone, application.payeeBankAccount, '196503152014']) {
      expect(log).not.toContain(personal);
    }
  });
});

describe('FC20 in December 2026, before the 2027 holiday notice is published', () => {
  const originalDir = process.env['HOLIDAY_SCHEDULE_DIR'];
  let scheduleDir: string;

  beforeEach(async () => {
    // the office has not entered 2027 yet: the workers (started again) see no year file after 2026
    scheduleDir = holidayScheduleDirectory();
    process.env['HOLIDAY_SCHEDULE_DIR'] = scheduleDir;
    h.reloadWorkerParameters();
    await h.pinClock('2026-12-28T09:00:00+08:00');
  });

  afterEach(() => {
    if (originalDir === undefined) delete process.env['HOLIDAY_SCHEDULE_DIR'];
    else process.env['HOLIDAY_SCHEDULE_DIR'] = originalDir;
    h.reloadWorkerParameters();
  });

  it('should accept a case whose deadline reaches into 2027 with a provisional deadline instead of an incident', async () => {
    // given an application on Monday 2026-12-28
    const pi = await h.start(PROCESS_ID, application);

    // when
    await accept(pi);
    const task = await h.waitForTask(pi, 'registerAndReview');

    // then 15 working days on the provisional 2027 schedule (元旦 01-01 off): Tuesday 2027-01-19, marked provisional
    expect(await h.variables(pi)).toMatchObject({ deadlineDate: '2027-01-19', deadlineProvisional: true });
    expect(Date.parse(String(task.dueDate))).toBe(Date.parse('2027-01-19T23:59:59+08:00'));
    await register(pi);
    await settle(pi);
    await pay(pi);
    await h.expectEnded(pi, ['endPaid']);
  });

  it('should recompute the deadline when the 2027 notice is entered, re-arm the timers and keep the clerk', async () => {
    // given an extended case: 2027-01-19 + 10 working days = 2027-02-02 on the provisional schedule
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);
    await register(pi);
    await h.complete(pi, 'settlementReview', {
      as: 'window-second-review',
      variables: { settlementReviewDecision: 'extensionRequested', settlementReviewReason: '需向异地医院核实费用明细' },
    });
    await h.complete(pi, 'extensionApproval', { as: 'supervisor', variables: { extensionApprovalDecision: 'approved', extensionWorkingDays: 10 } });
    const before = await h.waitForTask(pi, 'settlementReview');
    const clerk = h.userOf('window-second-review');
    await h.client.assignUserTask({ userTaskKey: before.userTaskKey, assignee: clerk } as never);
    expect(await h.variables(pi)).toMatchObject({ deadlineDate: '2027-02-02', deadlineProvisional: true });

    // when the office enters the 2027 notice (Saturday 2027-01-30 a make-up working day), restarts the workers and recomputes
    writeFileSync(join(scheduleDir, '2027.json'), JSON.stringify(SAMPLE_2027));
    h.reloadWorkerParameters();
    const results = await recomputeOpenDeadlines(h.client, {
      changedBy: '张敏（系统管理员）',
      calendar: loadCalendarConfig(),
      now: () => new Date('2026-12-28T10:00:00+08:00'),
    });

    // then the deadline moves one working day earlier (the reminder stays two working days before it, 01-29),
    // the change is recorded and the task is re-armed
    const mine = results.find((r) => r.processInstanceKey === pi);
    expect(mine).toMatchObject({ outcome: 'changed', change: { timersRearmed: true } });
    const variables = await h.variables(pi);
    expect(variables).toMatchObject({ deadlineDate: '2027-02-01', reminderDate: '2027-01-29T09:00:00+08:00', deadlineProvisional: false, originalDeadlineDate: '2027-01-19' });
    expect(variables.deadlineChanges).toEqual([
      {
        changedAt: '2026-12-28T02:00:00.000Z',
        changedBy: '张敏（系统管理员）',
        reason: expect.stringContaining(SAMPLE_2027.notice),
        previous: { deadlineDate: '2027-02-02', dueDate: '2027-02-02T23:59:59+08:00', reminderDate: '2027-01-29T09:00:00+08:00', provisional: true },
        next: { deadlineDate: '2027-02-01', dueDate: '2027-02-01T23:59:59+08:00', reminderDate: '2027-01-29T09:00:00+08:00', provisional: false },
        timersRearmed: true,
      } satisfies DeadlineChange,
    ]);
    const after = await h.waitForTask(pi, 'settlementReview');
    expect(after.userTaskKey).not.toBe(before.userTaskKey);
    expect(after.assignee).toBe(clerk);
    expect(Date.parse(String(after.dueDate))).toBe(Date.parse('2027-02-01T23:59:59+08:00'));

    // and the new timers fire on the new dates: the escalation a day before the old due date would have allowed
    await h.pinClock('2027-01-29T09:30:00+08:00');
    await h.waitForElement(pi, 'endRemindedSettlement');
    await h.pinClock('2027-02-02T08:00:00+08:00');
    await h.complete(pi, 'overdueEscalationSettlement', { as: 'supervisor', variables: { escalationNote: '请当日审核结算' } });
    await settle(pi);
    await pay(pi);
    await h.expectEnded(pi, ['endRemindedSettlement', 'endEscalatedSettlement', 'endPaid']);

    // a second run finds nothing provisional left
    expect((await recomputeOpenDeadlines(h.client, { changedBy: 'x', calendar: loadCalendarConfig() })).some((r) => r.processInstanceKey === pi)).toBe(false);
  });

  it('should only set the new dates of a case waiting outside a deadline task, and change nothing in a dry run', async () => {
    // given a case at the supervisor's extension approval (no deadline timers there), deadline 2027-01-19
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);
    await register(pi);
    await h.complete(pi, 'settlementReview', {
      as: 'window-second-review',
      variables: { settlementReviewDecision: 'extensionRequested', settlementReviewReason: '需向异地医院核实费用明细' },
    });
    await h.waitForTask(pi, 'extensionApproval');
    // an office notice (test data) that also closes Monday 2027-01-04
    writeFileSync(join(scheduleDir, '2027.json'), JSON.stringify({ ...SAMPLE_2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04' }, ...SAMPLE_2027.holidays.slice(1)] }));
    h.reloadWorkerParameters();

    // when
    const dryRun = await recomputeOpenDeadlines(h.client, { changedBy: '张敏', calendar: loadCalendarConfig(), dryRun: true });
    const unchanged = await h.variables(pi);
    const results = await recomputeOpenDeadlines(h.client, { changedBy: '张敏', calendar: loadCalendarConfig() });

    // then the dry run reports the move without writing; the real run sets the variables only
    expect(dryRun.find((r) => r.processInstanceKey === pi)).toMatchObject({ outcome: 'changed', change: { next: { deadlineDate: '2027-01-20' } } });
    expect(unchanged).toMatchObject({ deadlineDate: '2027-01-19', deadlineProvisional: true });
    expect(results.find((r) => r.processInstanceKey === pi)).toMatchObject({ outcome: 'changed', change: { timersRearmed: false } });
    expect(await h.variables(pi)).toMatchObject({ deadlineDate: '2027-01-20', dueDate: '2027-01-20T23:59:59+08:00', deadlineProvisional: false });
    await h.complete(pi, 'extensionApproval', { as: 'supervisor', variables: { extensionApprovalDecision: 'rejected', extensionApprovalReason: '请按期办结' } });
    const task = await h.waitForTask(pi, 'settlementReview');
    expect(Date.parse(String(task.dueDate))).toBe(Date.parse('2027-01-20T23:59:59+08:00'));
    await settle(pi);
    await pay(pi);
    await h.expectEnded(pi, ['endPaid']);
  });

  it('should send inconsistent amounts back to the clerk who entered them, with the message, instead of an incident', async () => {
    // given a 统筹基金支付 above the total (each amount valid on its own) that the settlement review let through
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);
    await register(pi, { ...registration, poolingFundPayment: '26500.00' });
    await settle(pi);

    // when the statement worker checks the amounts
    const returned = await h.waitForTask(pi, 'registerAndReview');
    const problem = (await h.variables(pi)).dataEntryProblem;

    // then the case is back with the first reviewer (window-first-review), with the message for the form
    expect(returned.candidateGroups).toEqual(['window-first-review']);
    expect(problem).toEqual({
      messageZh: '统筹基金支付与大额医疗补助支付之和（¥28,300.00）超过总费用（¥23,600.50）',
      fields: ['poolingFundPayment', 'seriousIllnessPayment', 'totalExpenses'],
      jobType: 'generate-settlement-statement',
    });
    const { items: incidents } = await h.client.searchIncidents({ filter: { processInstanceKey: pi } } as never);
    expect(incidents).toEqual([]);
    await register(pi);
    await settle(pi);
    await pay(pi);
    await h.expectEnded(pi, ['endPaid']);
    expect((await h.variables(pi)).dataEntryProblem).toBeNull();
  });
});
