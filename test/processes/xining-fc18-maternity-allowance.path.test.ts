/**
 * FC18 生育津贴（含计划生育津贴）待遇支付: submission within three months of the birth, 即时受理, review on the
 * 1st–20th of a month, 核定 + 审核 (four eyes), the 申报表, hand-over to finance on the 20th–30th, 30 日内办结.
 * Clock pinned; accepted on Monday 2026-03-02 the case is due 2026-04-01 23:59:59 (reminder 2026-03-30 09:00).
 *
 * Three decision tables feed the case: maternity-submission-limit (the months to submit in, per event kind),
 * statutory-time-limit (the 30 days of item 132036007004) and maternity-leave-days (the days of each leave row);
 * the tests go through every row of the first and the last.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_NOW, useProcessHarness } from '../support/process-harness.js';
import { expectRefusalNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc18-maternity-allowance';

const h = useProcessHarness([PROCESS_ID]);

beforeEach(async () => {
  await h.pinClock(DEFAULT_NOW);
});

const application = {
  channel: 'onsite',
  unitName: '西宁市城中区某商贸有限公司',
  creditCode: '91630103710402005J',
  personName: '李某某',
  idNumber: '630103199205120026',
  maternityEvent: { kind: 'birth', infants: 1, difficultLabour: false },
  maternityEventDate: '2026-01-20',
  hospitalName: '青海省妇女儿童医院',
  maternityRegistrationNumber: '备案2025-0815',
  employerAverageMonthlyWage: '7500.00',
  submittedMaterials: ['医保电子凭证或有效身份证件或社会保障卡', '生育住院（门诊）费用结算单（收费收据）', '出院证', '疾病诊断证明'],
};

const approve = (step: string) => ({ [`${step}Decision`]: 'approved' });

async function accept(pi: string, variables: Record<string, unknown> = {}): Promise<void> {
  await h.complete(pi, 'acceptance', { as: 'window-clerk', variables: { ...approve('acceptance'), materialsChecked: application.submittedMaterials, ...variables } });
}

async function reviewBothLevels(pi: string): Promise<void> {
  await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: approve('firstReview') });
  await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: approve('secondReview') });
}

async function pay(pi: string): Promise<void> {
  await h.complete(pi, 'financePayment', {
    as: 'finance',
    variables: { paymentChannel: 'personalAccount', paymentDate: '2026-03-20', paymentVoucherNumber: '记-2026-03-0117' },
  });
}

/** From an accepted case in the review window to the payment on the 20th. */
async function reviewHandOverAndPay(pi: string): Promise<void> {
  await reviewBothLevels(pi);
  await h.waitForElement(pi, 'handOverWindowOpens', 'ACTIVE');
  await h.pinClock('2026-03-20T09:00:00+08:00');
  await pay(pi);
}

describe(PROCESS_ID, () => {
  it('should accept, review on both levels, print the 申报表 and pay on the 20th', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);

    // when
    await accept(pi);
    await reviewBothLevels(pi);
    await h.waitForElement(pi, 'handOverWindowOpens', 'ACTIVE');
    expect(await h.activeElements(pi)).toEqual(['handOverWindowOpens']);
    await h.pinClock('2026-03-20T09:00:00+08:00');
    await pay(pi);

    // then
    await h.expectEnded(pi, ['endPaid']);
    const variables = await h.variables(pi);
    expect(variables).toMatchObject({
      submissionDeadline: '2026-04-20',
      submittedOn: '2026-03-02',
      acceptedOn: '2026-03-02',
      deadlineDate: '2026-04-01',
      dueDate: '2026-04-01T23:59:59+08:00',
      reminderDate: '2026-03-30T09:00:00+08:00',
      reviewWindowOpen: true,
      handOverWindowOpen: false,
      handOverWindowOpensAt: '2026-03-20T09:00:00+08:00',
      submissionLimitMonths: 3,
      statutoryTimeLimit: { workingDays: null, calendarDays: 30, months: null },
      deadlineBasis: { startDate: '2026-03-02', calendarDays: 30 },
      maternityLeaveDays: 98,
      maternityAllowanceAmount: '24500.00',
      maternityBenefitFormNumber: expect.stringContaining('生育'),
    });
  });

  it('should restart a deadline task with new timers when its deadline is recomputed (办理时限重新计算)', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);

    // when the deadline of each open task is recomputed before it is done
    await h.rearmDeadline(pi, 'firstReview');
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: approve('firstReview') });
    await h.rearmDeadline(pi, 'secondReview');
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: approve('secondReview') });
    await h.waitForElement(pi, 'handOverWindowOpens', 'ACTIVE');
    await h.pinClock('2026-03-20T09:00:00+08:00');
    await h.rearmDeadline(pi, 'financePayment');
    await pay(pi);

    // then
    await h.expectEnded(pi, ['endPaid']);
  });

  it.each([
    ['a birth', { kind: 'birth', infants: 1, difficultLabour: false }],
    ['a miscarriage', { kind: 'miscarriage', completedPregnancyMonths: 3 }],
  ])('should refuse %s handed in later than the months of maternity-submission-limit', async (_, maternityEvent) => {
    // given: 2025-11-15 + 3 months = 2026-02-15 (Spring Festival) → last day 2026-02-24
    const pi = await h.start(PROCESS_ID, { ...application, maternityEvent, maternityEventDate: '2025-11-15' });

    // when the window clerk who registered it hands the 不予受理告知书 over: the form shows the notice and the reason
    await h.waitForElement(pi, 'deliverRefusalNotice', 'ACTIVE');
    // the notice's number and document are the case's (the notice task maps nothing out, so no second copy sits
    // in its own scope); the reason reaches the form through the 送达 task's input mapping
    const variables = await h.variables(pi);
    expect(variables).toMatchObject({ refusalNoticeNumber: expect.stringContaining('不予受理') });
    expect((variables.refusalNoticeDocument as unknown[]).length).toBe(1);
    const names = await h.client.searchVariables({ filter: { processInstanceKey: pi, name: 'refusalNoticeDocument' } } as never);
    expect(names.items).toHaveLength(1);
    const reasons = await h.client.searchVariables({ filter: { processInstanceKey: pi, name: 'refusalReason' } } as never);
    expect(reasons.items.map((v: { value: string }) => JSON.parse(v.value))).toContain('生育（流产）日期后3个月内申报，申报期限至2026-02-24；本次于2026-03-02提交，已超过申报期限');
    await h.complete(pi, 'deliverRefusalNotice', {
      as: 'window-clerk',
      variables: { refusalNoticeDeliveryMethod: 'inPerson', refusalNoticeDeliveredOn: '2026-03-02' },
    });

    // then
    await h.expectEnded(pi, ['endLateSubmission']);
    await expectRefusalNotice(h, pi, ['生育津贴支付', '你单位的申请', '生育（流产）日期后3个月内申报，申报期限至2026-02-24；本次于2026-03-02提交，已超过申报期限']);
    expect(await h.variables(pi)).toMatchObject({
      submissionLimitMonths: 3,
      submissionDeadline: '2026-02-24',
      submittedInPeriod: false,
      refusalNoticeDeliveryMethod: 'inPerson',
      refusalNoticeDeliveredOn: '2026-03-02',
    });
  });

  it('should return incomplete materials with a 一次性告知书 and accept them once corrected', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);

    // when
    await h.complete(pi, 'acceptance', {
      as: 'window-clerk',
      variables: { acceptanceDecision: 'returned', acceptanceReason: '缺出院证', missingMaterials: ['出院证'] },
    });
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { correctedMaterials: ['出院证'], correctionReceivedOn: '2026-03-02' } });
    // a completion that also sends the intake list (as the 受理 form did) does not reach the case: 受理 maps only its own ticks
    await accept(pi, { submittedMaterials: ['出院证'] });
    await reviewHandOverAndPay(pi);

    // then the window's intake record, the 补正 and the reviewer's ticks are each kept
    await h.expectEnded(pi, ['endPaid']);
    expect(await h.variables(pi)).toMatchObject({
      missingMaterialsNoticeNumber: expect.stringContaining('告知'),
      submittedMaterials: application.submittedMaterials,
      correctedMaterials: ['出院证'],
      materialsChecked: application.submittedMaterials,
    });
  });

  it('should send a wrong ID number back for correction before acceptance', async () => {
    // given: check character 7 instead of 6
    const pi = await h.start(PROCESS_ID, { ...application, idNumber: '630103199205120027' });

    // when
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { idNumber: application.idNumber, correctionReceivedOn: '2026-03-02' } });
    await accept(pi);
    await reviewHandOverAndPay(pi);

    // then
    await h.expectEnded(pi, ['endPaid']);
    expect(await h.variables(pi)).toMatchObject({ missingMaterials: ['参保职工公民身份号码有误，请提供正确的居民身份证复印件'] });
  });

  it('should return the case from 核定 for correction, then accept and review it again', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);

    // when
    await h.complete(pi, 'firstReview', {
      as: 'window-first-review',
      variables: { firstReviewDecision: 'returned', firstReviewReason: '疾病诊断证明无医院盖章', missingMaterials: ['疾病诊断证明'] },
    });
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { correctedMaterials: ['疾病诊断证明'], correctionReceivedOn: '2026-03-02' } });
    await accept(pi);
    await reviewHandOverAndPay(pi);

    // then
    await h.expectEnded(pi, ['endPaid']);
  });

  it('should send the case back from 审核 to 核定', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: approve('firstReview') });

    // when
    await h.complete(pi, 'secondReview', {
      as: 'window-second-review',
      variables: { secondReviewDecision: 'returned', secondReviewReason: '难产情形未核定' },
    });
    await h.complete(pi, 'firstReview', {
      as: 'window-first-review',
      variables: { firstReviewDecision: 'approved', maternityEvent: { kind: 'birth', infants: 1, difficultLabour: true } },
    });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: approve('secondReview') });
    await h.waitForElement(pi, 'handOverWindowOpens', 'ACTIVE');
    await h.pinClock('2026-03-20T09:00:00+08:00');
    await pay(pi);

    // then
    await h.expectEnded(pi, ['endPaid']);
  });

  it('should wait for the next month when the case is accepted after the 20th', async () => {
    // given: accepted Monday 2026-03-23 → review from 2026-04-01, hand-over from 2026-04-20, due 2026-04-22
    await h.pinClock('2026-03-23T09:00:00+08:00');
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);

    // when
    await h.waitForElement(pi, 'reviewWindowOpens', 'ACTIVE');
    expect(await h.activeElements(pi)).toEqual(['reviewWindowOpens']);
    await h.pinClock('2026-04-01T09:00:00+08:00');
    await reviewBothLevels(pi);
    await h.waitForElement(pi, 'handOverWindowOpens', 'ACTIVE');
    await h.pinClock('2026-04-20T09:00:00+08:00');
    await h.waitForElement(pi, 'endFinancePaymentReminded');
    await pay(pi);

    // then: the hand-over day is also the reminder day (two working days before 2026-04-22)
    await h.expectEnded(pi, ['endFinancePaymentReminded', 'endPaid']);
    expect(await h.variables(pi)).toMatchObject({
      reminderDate: '2026-04-20T09:00:00+08:00',
      reviewWindowOpensAt: '2026-04-01T09:00:00+08:00',
      handOverWindowOpensAt: '2026-04-20T09:00:00+08:00',
      deadlineDate: '2026-04-22',
    });
  });

  it('should remind at every open step once the reminder date has passed', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);
    await h.waitForTask(pi, 'firstReview');

    // when: 2026-03-30 09:00 is the reminder date; the hand-over window (20–30) is open
    await h.pinClock('2026-03-30T09:00:00+08:00');
    // (a task completed before its due timer fired would not remind: wait for each reminder first)
    await h.waitForElement(pi, 'endFirstReviewReminded');
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: approve('firstReview') });
    await h.waitForElement(pi, 'endSecondReviewReminded');
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: approve('secondReview') });
    await h.waitForElement(pi, 'endFinancePaymentReminded');
    await pay(pi);

    // then
    await h.expectEnded(pi, ['endFirstReviewReminded', 'endSecondReviewReminded', 'endFinancePaymentReminded', 'endPaid']);
    expect(await h.variables(pi)).toMatchObject({ deadlineReminder: expect.objectContaining({ dueDate: expect.any(String) }) });
  });

  it('should escalate every overdue step to the supervisor, the clerks finishing their tasks', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);
    await h.waitForTask(pi, 'firstReview');

    // when: past the deadline of 2026-04-01
    await h.pinClock('2026-04-02T09:00:00+08:00');
    await h.complete(pi, 'firstReviewOverdueEscalation', { as: 'supervisor', variables: { escalationAction: 'urged', escalationNote: '限当日办结' } });
    await h.waitForElement(pi, 'endFirstReviewReminded');
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: approve('firstReview') });
    await h.complete(pi, 'secondReviewOverdueEscalation', { as: 'supervisor', variables: { escalationAction: 'urged', escalationNote: '限当日办结' } });
    await h.waitForElement(pi, 'endSecondReviewReminded');
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: approve('secondReview') });
    await h.waitForElement(pi, 'handOverWindowOpens', 'ACTIVE');
    await h.pinClock('2026-04-20T09:00:00+08:00');
    await h.complete(pi, 'financePaymentOverdueEscalation', { as: 'supervisor', variables: { escalationAction: 'explained', escalationNote: '按月递交财务' } });
    await h.waitForElement(pi, 'endFinancePaymentReminded');
    await pay(pi);

    // then
    await h.expectEnded(pi, [
      'endFirstReviewReminded',
      'endFirstReviewEscalated',
      'endSecondReviewReminded',
      'endSecondReviewEscalated',
      'endFinancePaymentReminded',
      'endFinancePaymentEscalated',
      'endPaid',
    ]);
  });

  it.each([
    [{ kind: 'tubalLigation' }, 21],
    [{ kind: 'vasectomy' }, 7],
    [{ kind: 'iudInsertion' }, 2],
    [{ kind: 'iudRemoval' }, 1],
    [{ kind: 'inducedAbortion', completedPregnancyMonths: 5 }, 42],
  ])('should pay the 计划生育津贴 of %j from the decision table (%i days), without a submission limit', async (maternityEvent, days) => {
    // given an operation more than three months before the application (the limit applies after a birth only)
    const pi = await h.start(PROCESS_ID, { ...application, maternityEvent, maternityEventDate: '2025-10-10' });

    // when
    await accept(pi);
    await reviewHandOverAndPay(pi);

    // then 7500 ÷ 30 (config/maternity-parameters.json) × the days of the row, listed as unverified
    await h.expectEnded(pi, ['endPaid']);
    const variables = await h.variables(pi);
    expect(variables).toMatchObject({ submissionLimitMonths: null, maternityLeaveDays: days, maternityAllowanceAmount: (250 * days).toFixed(2) });
    expect(variables.submissionDeadline).toBeUndefined();
    expect(variables.maternityUnverifiedParameters).toEqual(expect.arrayContaining(['dailyDivisor', expect.stringMatching(/^maternity-leave-days\./)]));
  });

  it.each([
    [{ kind: 'birth', infants: 1, difficultLabour: false }, { baseLeave: 98, provincialExtraLeave: 0 }],
    [{ kind: 'birth', infants: 1, difficultLabour: true }, { baseLeave: 98, difficultLabour: 15, provincialExtraLeave: 0 }],
    [{ kind: 'birth', infants: 2, difficultLabour: false }, { baseLeave: 98, additionalInfants: 15, provincialExtraLeave: 0 }],
    [{ kind: 'miscarriage', completedPregnancyMonths: 3 }, { miscarriageBeforeFourMonths: 15 }],
    [{ kind: 'miscarriage', completedPregnancyMonths: 4 }, { miscarriageFromFourMonths: 42 }],
    [{ kind: 'inducedAbortion', completedPregnancyMonths: 2 }, { miscarriageBeforeFourMonths: 15 }],
  ])('should 核定 %j with the rows of maternity-leave-days %j', async (maternityEvent, rows) => {
    // given an event within the submission limit
    const pi = await h.start(PROCESS_ID, { ...application, maternityEvent });
    await accept(pi);

    // when
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: approve('firstReview') });
    await h.waitForTask(pi, 'secondReview');

    // then the second reviewer sees the days of the table's rows and the amount 7500 ÷ 30 × their sum
    const variables = await h.variables(pi);
    const days = Object.values(rows).reduce((sum, d) => sum + d, 0);
    expect(variables.maternityLeaveComponents).toEqual(Object.entries(rows).map(([component, d]) => ({ component, days: d, verified: false })));
    expect(variables).toMatchObject({ maternityLeaveDays: days, maternityAllowanceAmount: (250 * days).toFixed(2) });
    expect(variables.maternityUnverifiedParameters).toEqual(['dailyDivisor', 'rounding', ...Object.keys(rows).map((c) => `maternity-leave-days.${c}`)]);
  });

  it('should send an operation dated before the table has days for it back to 核定', async () => {
    // given an operation typed as 2011 (no row of maternity-leave-days before 2012-04-28; no submission limit)
    const pi = await h.start(PROCESS_ID, { ...application, maternityEvent: { kind: 'vasectomy' }, maternityEventDate: '2011-10-10' });
    await accept(pi);

    // when
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: approve('firstReview') });
    await h.waitForElement(pi, 'calculateAllowanceDataInvalid');
    const problem = (await h.variables(pi)).dataEntryProblem;
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { ...approve('firstReview'), maternityEventDate: '2025-10-10' } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: approve('secondReview') });
    await h.waitForElement(pi, 'handOverWindowOpens', 'ACTIVE');
    await h.pinClock('2026-03-20T09:00:00+08:00');
    await pay(pi);

    // then
    expect(problem).toMatchObject({ jobType: 'calculate-maternity-allowance', messageZh: expect.stringContaining('生育津贴天数表（maternity-leave-days）') });
    await h.expectEnded(pi, ['endPaid']);
    expect(await h.variables(pi)).toMatchObject({ maternityLeaveDays: 7, dataEntryProblem: null });
  });

  it('should send a birth date in the future back to the window clerk, and go on once it is corrected', async () => {
    // given a date typed a year too late
    const pi = await h.start(PROCESS_ID, { ...application, maternityEventDate: '2027-01-20' });

    // when
    const task = await h.waitForTask(pi, 'correctApplicationData');
    const problem = (await h.variables(pi)).dataEntryProblem;
    await h.complete(pi, 'correctApplicationData', { as: 'window-clerk', variables: { maternityEventDate: '2026-01-20' } });
    await accept(pi);
    await reviewHandOverAndPay(pi);

    // then
    expect(task.candidateGroups).toEqual(['window-clerk']);
    expect(problem).toMatchObject({ messageZh: '生育（流产）日期（2027-01-20）晚于今天（2026-03-02），请核对', jobType: 'check-months-period' });
    await h.expectEnded(pi, ['endPaid']);
    expect(await h.variables(pi)).toMatchObject({ submittedInPeriod: true, dataEntryProblem: null });
  });

  it('should send an operation date in the future back to 核定 with the message', async () => {
    // given an operation (no three-month check at intake) dated in the future
    const pi = await h.start(PROCESS_ID, { ...application, maternityEvent: { kind: 'tubalLigation' }, maternityEventDate: '2026-04-10' });
    await accept(pi);

    // when
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: approve('firstReview') });
    await h.waitForElement(pi, 'calculateAllowanceDataInvalid');
    const returned = await h.waitForTask(pi, 'firstReview');
    const problem = (await h.variables(pi)).dataEntryProblem;
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { ...approve('firstReview'), maternityEventDate: '2026-02-10' } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: approve('secondReview') });
    await h.waitForElement(pi, 'handOverWindowOpens', 'ACTIVE');
    await h.pinClock('2026-03-20T09:00:00+08:00');
    await pay(pi);

    // then
    expect(returned.candidateGroups).toEqual(['window-first-review']);
    expect(problem).toMatchObject({ jobType: 'calculate-maternity-allowance', messageZh: expect.stringContaining('2026-04-10') });
    await h.expectEnded(pi, ['endPaid']);
    expect(await h.variables(pi)).toMatchObject({ maternityLeaveDays: 21 });
  });
});

