/**
 * FC10 个人账户一次性支取 (15 working days from 受理): 单位一次性支取 (A → 初审 with termination D → unit receipt G →
 * 转款 F) and 个人一次性支取 by the heir (C → 初审 E → 转款 F), the 一次性告知 loop back to the submission (missing
 * materials, invalid ID number), 不予受理, the first review refusing, and the reminder and 超期督办 timers of the
 * first reviews and the transfer.
 *
 * Two decision tables feed the case: account-withdrawal-proofs (the materials to hand in per route and withdrawal
 * reason, every combination below) and statutory-time-limit (the 15 working days of item 132036002003).
 */
import { describe, expect, it } from 'vitest';
import { useProcessHarness } from '../support/process-harness.js';
import { expectDecisionNotice, expectRefusalNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc10-account-withdrawal';

const application = {
  channel: 'window',
  accountRefundReason: 'death',
  personName: '李德明',
  idNumber: '630103195801010036',
  personNumber: 'P630103000123',
};

const unitApplication = { ...application, withdrawalRoute: 'unit', unitName: '西宁市城中区昆仑机械有限公司', creditCode: '91630103710401234N' };
const heirApplication = { ...application, withdrawalRoute: 'individual' };

const unitSubmitted = {
  submittedMaterials: ['《西宁市城镇职工医疗、生育保险人员增减变化月报表》（办理终止时填报）', '参保人员死亡证明或火化证明（复印件）'],
  payeeName: '西宁市城中区昆仑机械有限公司',
  payeeBankName: '中国工商银行西宁城中支行',
  payeeBankAccount: '2805011209024567890',
};
const heirSubmitted = {
  submittedMaterials: ['参保人员死亡证明或火化证明（复印件）', '继承人身份证', '继承人银行卡账户信息'],
  heirName: '李秀兰',
  heirIdNumber: '630103199002200026',
  heirRelationship: '子女',
  payeeName: '李秀兰',
  payeeBankName: '中国建设银行西宁南大街支行',
  payeeBankAccount: '6217002870001234567',
};
const accepted = { acceptanceDecision: 'approved' };
const reviewed = { firstReviewDecision: 'approved', terminationDate: '2026-02-27', personalAccountBalance: '12345.67', accountBalanceDate: '2026-02-28' };
const transferred = { transferredOn: '2026-03-10', transferVoucherNumber: 'ZK2026030001' };

const h = useProcessHarness([PROCESS_ID]);

describe('FC10 个人账户一次性支取', () => {
  it('should pay through the unit account: termination and notice at the first review, the unit receipt, then the transfer', async () => {
    // given
    const pi = await h.start(PROCESS_ID, unitApplication);

    // when
    await h.complete(pi, 'unitSubmission', { as: 'window-clerk', variables: unitSubmitted });
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: accepted });
    await h.complete(pi, 'firstReviewUnit', { as: 'window-first-review', variables: { ...reviewed, terminationDone: true } });
    await h.complete(pi, 'unitTransfer', { as: 'window-clerk', variables: { unitReceiptNumber: 'SJ-0001', unitReceiptChecked: true } });
    await h.complete(pi, 'transferFunds', { as: 'window-clerk', variables: transferred });
    await h.complete(pi, 'unitPaysHeir', { as: 'window-clerk', variables: { unitTransferVoucherNumber: 'DW-0001', unitTransferredOn: '2026-03-11', unitTransferChecked: true } });

    // then the office transfers to the unit account first, then the unit pays the heir (L678)
    await h.expectEnded(pi, ['endPaidToHeir']);
    const vars = await h.variables(pi);
    expect(vars).toMatchObject({
      identityValid: true,
      statutoryTimeLimit: { workingDays: 15, calendarDays: null, months: null },
      deadlineDate: '2026-03-23',
      accountRefundAmount: '12345.67',
      accountRefundAmountInWords: '壹万贰仟叁佰肆拾伍元陆角柒分',
      accountRefundPayeeType: 'unit',
    });
    expect(vars.accountRefundNoticeNumber).toMatch(/返还第\d{4}号/);
  });

  it('should restart a deadline task with new timers when its deadline is recomputed (办理时限重新计算)', async () => {
    // given
    const unit = await h.start(PROCESS_ID, unitApplication);
    const heir = await h.start(PROCESS_ID, heirApplication);

    // when the deadline of each open task is recomputed before it is done, on both routes
    await h.complete(unit, 'unitSubmission', { as: 'window-clerk', variables: unitSubmitted });
    await h.complete(unit, 'acceptance', { as: 'window-first-review', variables: accepted });
    await h.rearmDeadline(unit, 'firstReviewUnit');
    await h.complete(unit, 'firstReviewUnit', { as: 'window-first-review', variables: { ...reviewed, terminationDone: true } });
    await h.complete(unit, 'unitTransfer', { as: 'window-clerk', variables: { unitReceiptNumber: 'SJ-0001', unitReceiptChecked: true } });
    await h.rearmDeadline(unit, 'transferFunds');
    await h.complete(unit, 'transferFunds', { as: 'window-clerk', variables: transferred });
    await h.complete(unit, 'unitPaysHeir', { as: 'window-clerk', variables: { unitTransferVoucherNumber: 'DW-0001', unitTransferredOn: '2026-03-11', unitTransferChecked: true } });
    await h.complete(heir, 'heirSubmission', { as: 'window-clerk', variables: heirSubmitted });
    await h.complete(heir, 'acceptance', { as: 'window-first-review', variables: accepted });
    await h.rearmDeadline(heir, 'firstReviewIndividual');
    await h.complete(heir, 'firstReviewIndividual', { as: 'window-first-review', variables: reviewed });
    await h.complete(heir, 'transferFunds', { as: 'window-clerk', variables: transferred });

    // then
    await h.expectEnded(unit, ['endPaidToHeir']);
    await h.expectEnded(heir, ['endTransferred']);
  });

  const COMMON = ['参保人员医保电子凭证、有效身份证件或社会保障卡', '《职工基本医疗保险个人账户一次性支取申请表》'];
  const UNIT = ['《西宁市城镇职工医疗、生育保险人员增减变化月报表》（办理终止时填报）', '单位收款账户信息'];
  const DEATH = '参保人员死亡证明或火化证明（复印件）';
  const HEIR = ['继承人身份证', '继承人银行卡账户信息', '继承关系证明或个人承诺书'];
  const OWN_ACCOUNT = '参保人员本人银行卡账户信息';

  it.each([
    ['unit', 'death', [...COMMON, ...UNIT, DEATH]],
    ['unit', 'transferNotAccepted', [...COMMON, ...UNIT]],
    ['unit', 'emigration', [...COMMON, ...UNIT, '护照或永久居留证、出国（境）定居证明']],
    ['unit', 'voluntaryWithdrawal', [...COMMON, ...UNIT, '情况说明（主动放弃职工基本医疗保险）']],
    ['individual', 'death', [...COMMON, DEATH, ...HEIR]],
    ['individual', 'transferNotAccepted', [...COMMON, OWN_ACCOUNT]],
    ['individual', 'emigration', [...COMMON, OWN_ACCOUNT, '护照或永久居留证、出国（境）定居证明']],
    ['individual', 'voluntaryWithdrawal', [...COMMON, OWN_ACCOUNT, '情况说明（主动放弃职工基本医疗保险）']],
  ])('should ask the %s route with reason %s for the proofs of account-withdrawal-proofs', async (withdrawalRoute, accountRefundReason, proofs) => {
    // given
    const start = withdrawalRoute === 'unit' ? unitApplication : heirApplication;
    const pi = await h.start(PROCESS_ID, { ...start, accountRefundReason });
    const submission = withdrawalRoute === 'unit' ? 'unitSubmission' : 'heirSubmission';

    // when the submission task opens, every proof handed in is recorded
    await h.waitForTask(pi, submission);
    const required = (await h.variables(pi)).requiredMaterials;
    await h.complete(pi, submission, { as: 'window-clerk', variables: { ...(withdrawalRoute === 'unit' ? unitSubmitted : heirSubmitted), submittedMaterials: proofs } });
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: { acceptanceDecision: 'rejected', refusalReason: '本测试只核对材料清单' } });

    // then the submission and acceptance forms list exactly the table's proofs for this route and reason
    expect(required).toEqual(proofs);
    await h.expectEnded(pi, ['endNotAccepted']);
  });

  it('should pay the heir directly on the individual route', async () => {
    // given
    const pi = await h.start(PROCESS_ID, heirApplication);

    // when
    await h.complete(pi, 'heirSubmission', { as: 'window-clerk', variables: heirSubmitted });
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: accepted });
    await h.complete(pi, 'firstReviewIndividual', { as: 'window-first-review', variables: reviewed });
    await h.complete(pi, 'transferFunds', { as: 'window-clerk', variables: transferred });

    // then
    await h.expectEnded(pi, ['endTransferred']);
    expect(await h.variables(pi)).toMatchObject({ accountRefundAmount: '12345.67', accountRefundPayeeType: 'heir', payeeName: '李秀兰' });
  });

  it('should tell all missing materials at once, take the corrected submission, and end when the first review refuses', async () => {
    // given
    const pi = await h.start(PROCESS_ID, heirApplication);
    await h.complete(pi, 'heirSubmission', { as: 'window-clerk', variables: { ...heirSubmitted, submittedMaterials: ['继承人身份证'] } });

    // when
    await h.complete(pi, 'acceptance', {
      as: 'window-first-review',
      variables: { acceptanceDecision: 'returned', acceptanceReason: '缺死亡证明及银行卡', missingMaterials: ['参保人员死亡证明或火化证明（复印件）', '继承人银行卡账户信息'] },
    });
    await h.complete(pi, 'heirSubmission', { as: 'window-clerk', variables: heirSubmitted });
    const corrected = await h.variables(pi);
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: accepted });
    await h.complete(pi, 'firstReviewIndividual', { as: 'window-first-review', variables: { firstReviewDecision: 'rejected', firstReviewReason: '个人账户已于2025年支取' } });

    // then the 不予办理告知书 gives the first review's reason, not the acceptance's return
    expect(corrected.missingMaterialsNoticeNumber).toMatch(/告知第\d{4}号/);
    await h.expectEnded(pi, ['endRejected']);
    await expectDecisionNotice(h, pi, { decision: '不予办理', expectedText: ['个人账户已于2025年支取', '参保人员个人账户一次性支取'], unexpectedText: ['缺死亡证明及银行卡'] });
  });

  it('should tell the applicant about an invalid ID number and validate the corrected one', async () => {
    // given the check character is wrong
    const pi = await h.start(PROCESS_ID, { ...heirApplication, idNumber: '630103195801010037' });

    // when
    await h.complete(pi, 'heirSubmission', { as: 'window-clerk', variables: heirSubmitted });
    await h.complete(pi, 'heirSubmission', { as: 'window-clerk', variables: { ...heirSubmitted, idNumber: application.idNumber } });
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: { acceptanceDecision: 'rejected', refusalReason: '参保关系尚未终止' } });

    // then
    await h.expectEnded(pi, ['endNotAccepted']);
    await expectRefusalNotice(h, pi, ['参保人员个人账户一次性支取', '参保关系尚未终止']);
    expect(await h.variables(pi)).toMatchObject({ identityValid: true, missingMaterials: ['参保人员公民身份号码有误，请提供正确的居民身份证复印件'] });
  });

  it('should remind and escalate an overdue first review and an overdue transfer on the unit route', async () => {
    // given accepted Monday 2026-03-02: reminder 2026-03-19 09:00, due 2026-03-23 23:59:59
    const pi = await h.start(PROCESS_ID, unitApplication);
    await h.complete(pi, 'unitSubmission', { as: 'window-clerk', variables: unitSubmitted });
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: accepted });
    await h.waitForTask(pi, 'firstReviewUnit');

    // when
    await h.pinClock('2026-03-19T09:30:00+08:00');
    await h.waitForElement(pi, 'endFirstReviewUnitReminded');
    await h.pinClock('2026-03-24T09:00:00+08:00');
    await h.complete(pi, 'firstReviewUnitOverdueEscalation', { as: 'supervisor', variables: { escalationMeasure: 'urged', escalationNote: '请即办结' } });
    await h.complete(pi, 'firstReviewUnit', { as: 'window-first-review', variables: { ...reviewed, terminationDone: true } });
    await h.complete(pi, 'unitTransfer', { as: 'window-clerk', variables: { unitReceiptNumber: 'SJ-0002', unitReceiptChecked: true } });
    await h.waitForTask(pi, 'transferFunds');
    await h.pinClock('2026-03-24T10:00:00+08:00');
    await h.complete(pi, 'transferFundsOverdueEscalation', { as: 'supervisor', variables: { escalationMeasure: 'urged', escalationNote: '财务当日转款' } });
    await h.complete(pi, 'transferFunds', { as: 'window-clerk', variables: transferred });
    await h.complete(pi, 'unitPaysHeir', { as: 'window-clerk', variables: { unitTransferVoucherNumber: 'DW-0001', unitTransferredOn: '2026-03-11', unitTransferChecked: true } });

    // then
    await h.expectEnded(pi, [
      'endFirstReviewUnitReminded',
      'endFirstReviewUnitEscalated',
      'endTransferFundsReminded',
      'endTransferFundsEscalated',
      'endPaidToHeir',
    ]);
  });

  it('should remind and escalate an overdue first review on the individual route', async () => {
    // given
    const pi = await h.start(PROCESS_ID, heirApplication);
    await h.complete(pi, 'heirSubmission', { as: 'window-clerk', variables: heirSubmitted });
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: accepted });
    await h.waitForTask(pi, 'firstReviewIndividual');

    // when
    await h.pinClock('2026-03-24T09:00:00+08:00');
    await h.complete(pi, 'firstReviewIndividualOverdueEscalation', { as: 'supervisor', variables: { escalationMeasure: 'extended', escalationNote: '继承关系需核实，适当延长' } });
    await h.complete(pi, 'firstReviewIndividual', { as: 'window-first-review', variables: { firstReviewDecision: 'rejected', firstReviewReason: '继承关系无法确认' } });

    // then
    await h.expectEnded(pi, ['endFirstReviewIndividualReminded', 'endFirstReviewIndividualEscalated', 'endRejected']);
  });

  it('should send a balance date before the termination back to the first review of the route, with the message', async () => {
    // given both routes with the balance counted to a day before the termination
    const unit = await h.start(PROCESS_ID, unitApplication);
    const heir = await h.start(PROCESS_ID, heirApplication);
    await h.complete(unit, 'unitSubmission', { as: 'window-clerk', variables: unitSubmitted });
    await h.complete(unit, 'acceptance', { as: 'window-first-review', variables: accepted });
    await h.complete(heir, 'heirSubmission', { as: 'window-clerk', variables: heirSubmitted });
    await h.complete(heir, 'acceptance', { as: 'window-first-review', variables: accepted });

    // when
    await h.complete(unit, 'firstReviewUnit', { as: 'window-first-review', variables: { ...reviewed, terminationDone: true, accountBalanceDate: '2026-02-20' } });
    await h.complete(heir, 'firstReviewIndividual', { as: 'window-first-review', variables: { ...reviewed, accountBalanceDate: '2026-02-20' } });
    const unitProblem = (await h.waitForTask(unit, 'firstReviewUnit')) && (await h.variables(unit)).dataEntryProblem;
    const heirProblem = (await h.waitForTask(heir, 'firstReviewIndividual')) && (await h.variables(heir)).dataEntryProblem;
    await h.complete(unit, 'firstReviewUnit', { as: 'window-first-review', variables: { ...reviewed, terminationDone: true } });
    await h.complete(unit, 'unitTransfer', { as: 'window-clerk', variables: { unitReceiptNumber: 'SJ-0002', unitReceiptChecked: true } });
    await h.complete(unit, 'transferFunds', { as: 'window-clerk', variables: transferred });
    await h.complete(unit, 'unitPaysHeir', { as: 'window-clerk', variables: { unitTransferVoucherNumber: 'DW-0001', unitTransferredOn: '2026-03-11', unitTransferChecked: true } });
    await h.complete(heir, 'firstReviewIndividual', { as: 'window-first-review', variables: reviewed });
    await h.complete(heir, 'transferFunds', { as: 'window-clerk', variables: transferred });

    // then
    expect(unitProblem).toMatchObject({ jobType: 'generate-account-refund-notice', messageZh: '个人账户余额截至日（2026-02-20）早于终止日期（2026-02-27）' });
    expect(heirProblem).toMatchObject({ jobType: 'generate-account-refund-notice' });
    await h.expectEnded(unit, ['endPaidToHeir']);
    await h.expectEnded(heir, ['endTransferred']);
  });
});
