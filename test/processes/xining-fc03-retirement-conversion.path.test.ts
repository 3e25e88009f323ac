/**
 * FC3 在职转退休（补缴） (P2 with the manual vs system 补缴 comparison, 5 working days from 受理): the top-up path to
 * the notice and the payment, the 比对不一致 loop back to the manual figure, years already sufficient, the 一次性告知
 * loops (missing materials, invalid ID number and credit code), 不予受理, the second review returning the case,
 * the refused top-up, and the reminder and 超期督办 timers of both reviews.
 */
import { describe, expect, it } from 'vitest';
import { useProcessHarness } from '../support/process-harness.js';
import { expectRefusalNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc03-retirement-conversion';

const MATERIALS = ['《职工基本医疗保险参保登记表》（在职转退休，加盖单位公章）', '参保人员有效身份证件复印件', '退休审批材料（退休审批表或退休批复）'];

/** Male, 240 months of local contributions: 60 months short of the 300-month placeholder minimum. */
const application = {
  channel: 'window',
  unitName: '西宁市城中区昆仑机械有限公司',
  creditCode: '91630103710401234N',
  unitNumber: '63010300456',
  personName: '马建国',
  idNumber: '630103196603150016',
  personCategory: 'enterprise',
  retirementDate: '2026-03-15',
  retirementApprovalDate: '2026-02-20',
  retirementCategory: '正常退休',
  contributionPeriods: [{ from: '2006-01', to: '2025-12', kind: 'actual' }],
  submittedMaterials: MATERIALS,
};

/** 360 months: no 补缴. */
const sufficientYears = { ...application, contributionPeriods: [{ from: '1996-01', to: '2025-12', kind: 'actual' }] };

const accepted = { acceptanceDecision: 'approved', materialsChecked: MATERIALS };
const firstReviewed = (manualTopUpMonths: number) => ({ manualTopUpMonths, applicantInformed: true, firstReviewSigned: true });
const secondApproved = { secondReviewDecision: 'approved', systemChanged: true };

const h = useProcessHarness([PROCESS_ID]);

async function reviewBoth(pi: string, manualTopUpMonths: number): Promise<void> {
  await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstReviewed(manualTopUpMonths) });
  await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });
}

describe('FC3 在职转退休（补缴）', () => {
  it('should print the 补缴通知单 when the manual and the system figures match, and end once the payment arrives', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);

    // when
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: accepted });
    await reviewBoth(pi, 60);
    await h.complete(pi, 'payTopUp', { as: 'window-clerk', variables: { topUpPaymentDecision: 'paid', taxReceiptNumber: '163012600001234', topUpPaidOn: '2026-03-04' } });
    await h.complete(pi, 'confirmPayment', { as: 'finance', variables: { fundReceived: true, fundReceivedOn: '2026-03-05' } });

    // then
    await h.expectEnded(pi, ['endRetired']);
    const vars = await h.variables(pi);
    expect(vars).toMatchObject({
      identityValid: true,
      sex: 'male',
      statutoryTimeLimit: { workingDays: 5, calendarDays: null, months: null },
      deadlineDate: '2026-03-09',
      dueDate: '2026-03-09T23:59:59+08:00',
      topUpComparison: 'match',
      systemTopUpMonths: 60,
      totalContributionMonths: 240,
      topUpAmount: '28800.00',
      topUpAmountInWords: '贰万捌仟捌佰元整',
    });
    expect(vars.topUpNoticeNumber).toMatch(/补缴第\d{4}号/);
  });

  it('should restart a deadline task with new timers when its deadline is recomputed (办理时限重新计算)', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: accepted });

    // when the deadline of each open task is recomputed before it is done
    await h.rearmDeadline(pi, 'firstReview');
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstReviewed(60) });
    await h.rearmDeadline(pi, 'secondReview');
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });
    await h.complete(pi, 'payTopUp', { as: 'window-clerk', variables: { topUpPaymentDecision: 'paid', taxReceiptNumber: '163012600001234', topUpPaidOn: '2026-03-04' } });
    await h.complete(pi, 'confirmPayment', { as: 'finance', variables: { fundReceived: true, fundReceivedOn: '2026-03-05' } });

    // then
    await h.expectEnded(pi, ['endRetired']);
  });

  it('should send a mismatching manual figure back to the first review when the second reviewer finds the figures differ', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: accepted });

    // when the first reviewer counts 4 years instead of 5 and the second reviewer compares
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstReviewed(48) });
    const beforeComparison = await h.waitForTask(pi, 'secondReview');
    const shownToReviewer = await h.variables(pi);
    await h.complete(pi, 'secondReview', {
      as: 'window-second-review',
      variables: { secondReviewDecision: 'returned', secondReviewReason: '手工测算少计12个月', systemChanged: true },
    });
    await h.waitForTask(pi, 'firstReview');
    await reviewBoth(pi, 60);
    await h.complete(pi, 'payTopUp', { as: 'window-clerk', variables: { topUpPaymentDecision: 'paid', taxReceiptNumber: '163012600001235', topUpPaidOn: '2026-03-04' } });
    await h.complete(pi, 'confirmPayment', { as: 'finance', variables: { fundReceived: true, fundReceivedOn: '2026-03-05' } });

    // then the system figure and the difference were there for the second reviewer, who made the decision
    expect(beforeComparison.candidateGroups).toEqual(['window-second-review']);
    expect(shownToReviewer).toMatchObject({ topUpComparison: 'mismatch', systemTopUpMonths: 60, topUpDifferenceMonths: -12 });
    await h.expectEnded(pi, ['endRetired']);
    expect(await h.variables(pi)).toMatchObject({ topUpComparison: 'match', manualTopUpMonths: 60 });
  });

  it('should end without a notice when the contribution years are already sufficient', async () => {
    // given
    const pi = await h.start(PROCESS_ID, sufficientYears);

    // when
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: accepted });
    await reviewBoth(pi, 0);

    // then
    await h.expectEnded(pi, ['endNoTopUp']);
    const vars = await h.variables(pi);
    expect(vars).toMatchObject({ topUpComparison: 'match', systemTopUpMonths: 0, totalContributionMonths: 360 });
    expect(vars.topUpNoticeNumber).toBeUndefined();
  });

  it('should tell all missing materials at once and accept after the correction', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...sufficientYears, submittedMaterials: MATERIALS.slice(0, 2) });

    // when
    await h.complete(pi, 'acceptance', {
      as: 'window-first-review',
      variables: { acceptanceDecision: 'returned', acceptanceReason: '缺退休审批材料', missingMaterials: [MATERIALS[2]] },
    });
    await h.waitForElement(pi, 'notifyMissingMaterials');
    const notified = await h.variables(pi);
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { correctedMaterials: [MATERIALS[2]] } });
    // a completion that also sends the intake list (as the 受理 form did) does not reach the case: 受理 maps only its own ticks
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: { ...accepted, submittedMaterials: MATERIALS } });
    await reviewBoth(pi, 0);

    // then the window's intake record, the 补正 and the reviewer's ticks are each kept
    expect(notified.missingMaterialsNoticeNumber).toMatch(/告知第\d{4}号/);
    await h.expectEnded(pi, ['endNoTopUp']);
    expect(await h.variables(pi)).toMatchObject({ submittedMaterials: MATERIALS.slice(0, 2), correctedMaterials: [MATERIALS[2]], materialsChecked: MATERIALS });
  });

  it('should tell the applicant about an invalid ID number and then an invalid credit code, and go on once both are corrected', async () => {
    // given both check characters wrong
    const pi = await h.start(PROCESS_ID, { ...sufficientYears, idNumber: '630103196603150017', creditCode: '91630103710401234M' });

    // when
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { idNumber: application.idNumber, correctedMaterials: [MATERIALS[1]] } });
    await h.waitForTask(pi, 'correctMaterials');
    const afterIdNumber = await h.variables(pi);
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { creditCode: application.creditCode, correctedMaterials: [] } });
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: accepted });
    await reviewBoth(pi, 0);

    // then
    expect(afterIdNumber.missingMaterials).toEqual(['参保单位统一社会信用代码有误，请提供统一社会信用代码证书（营业执照）复印件']);
    await h.expectEnded(pi, ['endNoTopUp']);
  });

  it('should end as 不予受理 when the application does not qualify', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);

    // when
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: { acceptanceDecision: 'rejected', refusalReason: '尚未取得退休审批' } });

    // then
    await h.expectEnded(pi, ['endNotAccepted']);
    await expectRefusalNotice(h, pi, ['西宁市城中区昆仑机械有限公司', '在职转退休（补缴）', '尚未取得退休审批']);
  });

  it('should send contribution periods that contradict each other back to the first reviewer with the message', async () => {
    // given a period whose end lies before its start
    const pi = await h.start(PROCESS_ID, { ...sufficientYears, contributionPeriods: [{ from: '1996-01', to: '1995-12', kind: 'actual' }, ...sufficientYears.contributionPeriods.slice(1)] });
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: accepted });

    // when
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstReviewed(0) });
    const returned = await h.waitForTask(pi, 'firstReview');
    const problem = (await h.variables(pi)).dataEntryProblem;
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { ...firstReviewed(0), contributionPeriods: sufficientYears.contributionPeriods } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    expect(returned.candidateGroups).toEqual(['window-first-review']);
    expect(problem).toMatchObject({ messageZh: '第1段缴费记录的截止年月（1995-12）早于起始年月（1996-01）', jobType: 'calculate-top-up' });
    await h.expectEnded(pi, ['endNoTopUp']);
    expect((await h.variables(pi)).dataEntryProblem).toBeNull();
  });

  it('should suspend the insurance relationship when the insured refuses the top-up', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: accepted });
    await reviewBoth(pi, 60);

    // when
    await h.complete(pi, 'payTopUp', { as: 'window-clerk', variables: { topUpPaymentDecision: 'refused', topUpPaymentReason: '本人书面表示不同意补缴' } });

    // then
    await h.expectEnded(pi, ['endSuspended']);
  });

  it('should remind and escalate an overdue first review, the clerk task staying open, and the second review then overdue too', async () => {
    // given accepted Monday 2026-03-02: reminder 2026-03-05 09:00, due 2026-03-09 23:59:59
    const pi = await h.start(PROCESS_ID, sufficientYears);
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: accepted });
    await h.waitForTask(pi, 'firstReview');

    // when
    await h.pinClock('2026-03-05T09:30:00+08:00');
    await h.waitForElement(pi, 'endFirstReviewReminded');
    await h.pinClock('2026-03-10T09:00:00+08:00');
    await h.complete(pi, 'firstReviewOverdueEscalation', { as: 'supervisor', variables: { escalationMeasure: 'urged', escalationNote: '请于当日办结' } });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstReviewed(0) });
    await h.waitForTask(pi, 'secondReview');
    await h.pinClock('2026-03-10T10:00:00+08:00');
    await h.complete(pi, 'secondReviewOverdueEscalation', { as: 'supervisor', variables: { escalationMeasure: 'urged', escalationNote: '复审一并督办' } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endFirstReviewReminded', 'endFirstReviewEscalated', 'endSecondReviewReminded', 'endSecondReviewEscalated', 'endNoTopUp']);
    expect(await h.variables(pi)).toHaveProperty('deadlineReminder.dueDate');
  });

  it('should remind and escalate an overdue second review, the clerk task staying open', async () => {
    // given
    const pi = await h.start(PROCESS_ID, sufficientYears);
    await h.complete(pi, 'acceptance', { as: 'window-first-review', variables: accepted });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstReviewed(0) });
    await h.waitForTask(pi, 'secondReview');

    // when
    await h.pinClock('2026-03-10T09:00:00+08:00');
    await h.complete(pi, 'secondReviewOverdueEscalation', { as: 'supervisor', variables: { escalationMeasure: 'reassigned', escalationNote: '改由他人复审' } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endSecondReviewReminded', 'endSecondReviewEscalated', 'endNoTopUp']);
  });
});
