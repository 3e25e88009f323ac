/**
 * FC22 异地生育医疗费报销: as FC18 — submission within three months of the birth, 即时受理, review on the 1st–20th
 * of a month, 核定 + 审核 (four eyes), the 结算单, hand-over to finance on the 20th–30th, 30 日内办结 — with the
 * 异地 documents (发票, 费用明细清单, 《西宁市生育保险异地生育申请表》).
 * Clock pinned; accepted on Monday 2026-03-02 the case is due 2026-04-01 23:59:59 (reminder 2026-03-30 09:00).
 *
 * Two decision tables feed the case: maternity-submission-limit (the months to submit in, per event kind; every
 * row below) and statutory-time-limit (the 30 days of item 132036007002).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_NOW, useProcessHarness } from '../support/process-harness.js';
import { expectRefusalNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc22-out-of-area-maternity-reimbursement';

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
  hospitalName: '成都市妇女儿童中心医院',
  outOfAreaRegion: '四川省成都市',
  maternityRegistrationNumber: '异地2025-0815',
  submittedMaterials: ['医保电子凭证或有效身份证件或社会保障卡', '生育住院（门诊）费用发票', '出院证（疾病诊断证明）', '费用明细清单', '《西宁市生育保险异地生育申请表》'],
};

/** What 核定 records for the 结算单. */
const assessment = {
  treatmentFrom: '2026-01-18',
  treatmentTo: '2026-01-22',
  totalExpenses: '6800.00',
  outOfCatalogueExpenses: '300.00',
  poolingFundPayment: '5200.00',
  payeeName: '李某某',
  payeeBankName: '中国银行西宁分行',
  payeeBankAccount: '6217 8520 0001 2345 678',
};

const approve = (step: string) => ({ [`${step}Decision`]: 'approved' });

async function accept(pi: string, variables: Record<string, unknown> = {}): Promise<void> {
  await h.complete(pi, 'acceptance', { as: 'window-clerk', variables: { ...approve('acceptance'), materialsChecked: application.submittedMaterials, ...variables } });
}

async function reviewBothLevels(pi: string): Promise<void> {
  await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { ...approve('firstReview'), ...assessment } });
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
  it('should accept, review on both levels, make the 结算单 and pay on the 20th', async () => {
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
      poolingFundPayment: '5200.00',
      settlementStatementNumber: expect.stringContaining('报销'),
    });
  });

  it('should restart a deadline task with new timers when its deadline is recomputed (办理时限重新计算)', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);

    // when the deadline of each open task is recomputed before it is done
    await h.rearmDeadline(pi, 'firstReview');
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { ...approve('firstReview'), ...assessment } });
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
    await expectRefusalNotice(h, pi, ['生育医疗费支付', '你单位的申请', '生育（流产）日期后3个月内申报，申报期限至2026-02-24；本次于2026-03-02提交，已超过申报期限']);
    expect(await h.variables(pi)).toMatchObject({
      submissionLimitMonths: 3,
      submissionDeadline: '2026-02-24',
      submittedInPeriod: false,
      refusalNoticeDeliveryMethod: 'inPerson',
      refusalNoticeDeliveredOn: '2026-03-02',
    });
  });

  it.each(['inducedAbortion', 'iudRemoval', 'tubalLigation', 'vasectomy'])(
    'should accept a claim after a %s without a submission limit (its row of maternity-submission-limit is empty)',
    async (kind) => {
      // given an operation more than three months before the application
      const maternityEvent = kind === 'inducedAbortion' ? { kind, completedPregnancyMonths: 2 } : { kind };
      const pi = await h.start(PROCESS_ID, { ...application, maternityEvent, maternityEventDate: '2025-10-10' });

      // when
      await h.waitForTask(pi, 'acceptance');

      // then no period was checked
      const variables = await h.variables(pi);
      expect(variables).toMatchObject({ submissionLimitMonths: null });
      expect(variables.submissionDeadline).toBeUndefined();
    },
  );

  it('should return incomplete materials with a 一次性告知书 and accept them once corrected', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);

    // when
    await h.complete(pi, 'acceptance', {
      as: 'window-clerk',
      variables: { acceptanceDecision: 'returned', acceptanceReason: '缺异地生育申请表', missingMaterials: ['《西宁市生育保险异地生育申请表》'] },
    });
    await h.complete(pi, 'correctMaterials', {
      as: 'window-clerk',
      variables: { correctedMaterials: ['《西宁市生育保险异地生育申请表》'], correctionReceivedOn: '2026-03-02' },
    });
    // a completion that also sends the intake list (as the 受理 form did) does not reach the case: 受理 maps only its own ticks
    await accept(pi, { submittedMaterials: ['《西宁市生育保险异地生育申请表》'] });
    await reviewHandOverAndPay(pi);

    // then the window's intake record, the 补正 and the reviewer's ticks are each kept
    await h.expectEnded(pi, ['endPaid']);
    expect(await h.variables(pi)).toMatchObject({
      missingMaterialsNoticeNumber: expect.stringContaining('告知'),
      submittedMaterials: application.submittedMaterials,
      correctedMaterials: ['《西宁市生育保险异地生育申请表》'],
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
      variables: { firstReviewDecision: 'returned', firstReviewReason: '缺费用明细清单', missingMaterials: ['费用明细清单'] },
    });
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { correctedMaterials: ['费用明细清单'], correctionReceivedOn: '2026-03-02' } });
    await accept(pi);
    await reviewHandOverAndPay(pi);

    // then
    await h.expectEnded(pi, ['endPaid']);
  });

  it('should send the case back from 审核 to 核定', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { ...approve('firstReview'), ...assessment } });

    // when
    await h.complete(pi, 'secondReview', {
      as: 'window-second-review',
      variables: { secondReviewDecision: 'returned', secondReviewReason: '目录外费用未剔除' },
    });
    await h.complete(pi, 'firstReview', {
      as: 'window-first-review',
      variables: { firstReviewDecision: 'approved', ...assessment, outOfCatalogueExpenses: '450.00', poolingFundPayment: '5050.00' },
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
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { ...approve('firstReview'), ...assessment } });
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
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { ...approve('firstReview'), ...assessment } });
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

  it('should reimburse a family-planning operation without the three-month limit', async () => {
    // given an IUD fitting more than three months before the application
    const pi = await h.start(PROCESS_ID, { ...application, maternityEvent: { kind: 'iudInsertion' }, maternityEventDate: '2025-10-10' });

    // when
    await accept(pi);
    await reviewHandOverAndPay(pi);

    // then
    await h.expectEnded(pi, ['endPaid']);
    const variables = await h.variables(pi);
    expect(variables).toMatchObject({ submissionLimitMonths: null });
    expect(variables.submissionDeadline).toBeUndefined();
  });

  it('should send a birth date in the future back to the window clerk, and go on once it is corrected', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...application, maternityEventDate: '2027-01-20' });

    // when
    const problem = (await h.waitForTask(pi, 'correctApplicationData')) && (await h.variables(pi)).dataEntryProblem;
    await h.complete(pi, 'correctApplicationData', { as: 'window-clerk', variables: { maternityEventDate: '2026-01-20' } });
    await accept(pi);
    await reviewHandOverAndPay(pi);

    // then
    expect(problem).toMatchObject({ jobType: 'check-months-period', messageZh: expect.stringContaining('2027-01-20') });
    await h.expectEnded(pi, ['endPaid']);
  });

  it('should send a fund payment above the total back to 核定 with the message, instead of an incident', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await accept(pi);

    // when the 核定 records a fund payment above the total and the 审核 lets it through
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { ...approve('firstReview'), ...assessment, poolingFundPayment: '7200.00' } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: approve('secondReview') });
    const returned = await h.waitForTask(pi, 'firstReview');
    const problem = (await h.variables(pi)).dataEntryProblem;
    await reviewHandOverAndPay(pi);

    // then
    expect(returned.candidateGroups).toEqual(['window-first-review']);
    expect(problem).toMatchObject({ jobType: 'generate-settlement-statement', messageZh: expect.stringContaining('超过总费用') });
    await h.expectEnded(pi, ['endPaid']);
    expect((await h.variables(pi)).poolingFundPayment).toBe('5200.00');
  });
});

