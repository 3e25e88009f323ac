/**
 * Paths of 流程图11 关系转移接续, 转入流程 (西宁 = 转入地): 5 working days to send the 《联系函》, 10 for the transfer-out
 * office (信息表 + funds, recorded by the window), 5 to finish; the 一次性告知 / 补正 loop (review and invalid
 * 公民身份号码); 不予受理; 不予办理; the reminder and 超期督办 timers of all three phases. Clock pinned to Monday
 * 2026-03-02 09:00 (+08:00).
 */
import { describe, expect, it } from 'vitest';
import { useProcessHarness } from '../support/process-harness.js';
import { expectDecisionNotice, expectRefusalNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc11-transfer-in';

const APPLICATION = {
  channel: 'window',
  applicantType: 'insured',
  personName: '冶海燕',
  idNumber: '11010519491231002X',
  transferOutOfficeName: '兰州市医疗保障事务中心',
  transferOutPoolingArea: '兰州市',
  previousInsuranceType: 'employee',
  householdType: 'urban',
  unitName: '西宁某商贸有限公司',
  materials: ['医保电子凭证或有效身份证件或社会保障卡', '《基本医疗保险参保凭证》（含电子《参保凭证》）', '《基本医疗保险关系转移接续申请表》'],
};
const INFO_TABLE = {
  insuranceInfoSheetReference: 'LZ2026-000381',
  infoTableReceivedDate: '2026-03-10',
  transferredContributionMonths: 96,
  transferredAccountAmount: '2210.40',
  fundsArrived: true,
};
const CONTINUED = { contributionYearsContinued: true, accountCredited: true };

const h = useProcessHarness([PROCESS_ID]);

describe('流程图11 关系转移接续（转入）', () => {
  it('should send the 《联系函》, record the 《信息表》 and continue the contribution years', async () => {
    // given
    const pi = await h.start(PROCESS_ID, APPLICATION);

    // when
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { firstReviewDecision: 'approved', enrolmentConfirmed: true } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: { secondReviewDecision: 'approved' } });
    await h.waitForTask(pi, 'infoTableReceived');
    const outPhase = await h.variables(pi);
    await h.complete(pi, 'infoTableReceived', { as: 'window-clerk', variables: INFO_TABLE });
    await h.complete(pi, 'continueContributionYears', { as: 'window-second-review', variables: CONTINUED });

    // then: the transfer-out office has 10 working days from the letter (2026-03-02 → 03-16), reminder on the 8th
    expect(outPhase).toMatchObject({ statutoryTimeLimit: { workingDays: 10, calendarDays: null, months: null }, deadlineDate: '2026-03-16', reminderDate: '2026-03-12T09:00:00+08:00' });
    expect(outPhase.transferContactLetterNumber).toEqual(expect.any(String));
    await h.expectEnded(pi, ['endTransferredIn']);
    expect(await h.variables(pi)).toMatchObject({ statutoryTimeLimit: { workingDays: 5, calendarDays: null, months: null }, deadlineDate: '2026-03-09', transferredContributionMonths: 96 });
  });

  it('should restart a deadline task with new timers when its deadline is recomputed (办理时限重新计算)', async () => {
    // given
    const pi = await h.start(PROCESS_ID, APPLICATION);
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { firstReviewDecision: 'approved', enrolmentConfirmed: true } });

    // when the deadline of each open task is recomputed before it is done, in every phase
    await h.rearmDeadline(pi, 'secondReview');
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: { secondReviewDecision: 'approved' } });
    await h.rearmDeadline(pi, 'infoTableReceived');
    await h.complete(pi, 'infoTableReceived', { as: 'window-clerk', variables: INFO_TABLE });
    await h.rearmDeadline(pi, 'continueContributionYears');
    await h.complete(pi, 'continueContributionYears', { as: 'window-second-review', variables: CONTINUED });

    // then
    await h.expectEnded(pi, ['endTransferredIn']);
  });

  it('should issue the 一次性告知书 and accept after 补正, validating a corrected 公民身份号码, then end 不予办理', async () => {
    // given an invalid check character
    const pi = await h.start(PROCESS_ID, { ...APPLICATION, idNumber: '110105194912310021' });
    const missingMaterials = ['《基本医疗保险参保凭证》（含电子《参保凭证》）'];

    // when
    await h.complete(pi, 'supplementMaterials', {
      as: 'window-clerk',
      variables: { correctedMaterials: ['医保电子凭证或有效身份证件或社会保障卡'], idNumber: '11010519491231002X' },
    });
    await h.complete(pi, 'firstReview', {
      as: 'window-first-review',
      variables: { firstReviewDecision: 'returned', firstReviewReason: '未提交参保凭证', missingMaterials },
    });
    await h.complete(pi, 'supplementMaterials', { as: 'window-clerk', variables: { correctedMaterials: missingMaterials } });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { firstReviewDecision: 'approved' } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: { secondReviewDecision: 'rejected', secondReviewReason: '参保凭证所列人员与申请人不一致' } });

    // then the 不予办理告知书 gives the second review's reason, not the first review's return
    await h.expectEnded(pi, ['endRejected']);
    await expectDecisionNotice(h, pi, { decision: '不予办理', expectedText: ['参保凭证所列人员与申请人不一致', '转移接续（转入）'], unexpectedText: ['未提交参保凭证'] });
    const variables = await h.variables(pi);
    expect(variables).toMatchObject({ identityValid: true, missingMaterials });
    expect(variables.missingMaterialsNoticeNumber).toEqual(expect.any(String));
  });

  it('should end 不予受理 when the person is not insured in Xining', async () => {
    // given
    const pi = await h.start(PROCESS_ID, APPLICATION);

    // when
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { firstReviewDecision: 'rejected', refusalReason: '未在西宁参加职工基本医疗保险' } });

    // then
    await h.expectEnded(pi, ['endNotAccepted']);
    await expectRefusalNotice(h, pi, ['冶海燕', '基本医疗保险关系转移接续（转入）', '未在西宁参加职工基本医疗保险']);
  });

  // last: it moves the shared engine clock
  it('should remind and escalate every phase: 复审 (5), transfer-out office (10), 接续 (5 working days)', async () => {
    // given: accepted Monday 2026-03-02, letter due 2026-03-09
    const pi = await h.start(PROCESS_ID, APPLICATION);
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { firstReviewDecision: 'approved' } });
    await h.waitForTask(pi, 'secondReview');

    // when the letter is late: sent Tuesday 2026-03-10 → the transfer-out office is due 2026-03-24
    await h.pinClock('2026-03-10T09:00:00+08:00');
    await h.complete(pi, 'secondReviewOverdueEscalation', { as: 'supervisor', variables: { escalationNote: '当日发出联系函' } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: { secondReviewDecision: 'approved' } });
    await h.waitForTask(pi, 'infoTableReceived');
    // and the transfer-out office is late: received Wednesday 2026-03-25 → 接续 due 2026-04-01
    await h.pinClock('2026-03-25T09:00:00+08:00');
    await h.complete(pi, 'infoTableReceivedOverdueEscalation', { as: 'supervisor', variables: { escalationNote: '已电话催办转出地' } });
    await h.complete(pi, 'infoTableReceived', { as: 'window-clerk', variables: INFO_TABLE });
    await h.waitForTask(pi, 'continueContributionYears');
    // and the 接续 is late too
    await h.pinClock('2026-04-02T09:00:00+08:00');
    await h.complete(pi, 'continueContributionYearsOverdueEscalation', { as: 'supervisor', variables: { escalationNote: '当日办结' } });
    await h.complete(pi, 'continueContributionYears', { as: 'window-second-review', variables: CONTINUED });

    // then
    await h.expectEnded(pi, [
      'endSecondReviewReminded',
      'endSecondReviewEscalated',
      'endInfoTableReceivedReminded',
      'endInfoTableReceivedEscalated',
      'endContinueContributionYearsReminded',
      'endContinueContributionYearsEscalated',
      'endTransferredIn',
    ]);
    expect(await h.variables(pi)).toMatchObject({ deadlineDate: '2026-04-01' });
  });
});
