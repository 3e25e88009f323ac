/**
 * Paths of 流程图11 关系转移接续, 转出流程 (西宁 = 转出地, 10 working days from receiving the 《联系函》): 参保凭证,
 * fund transfer and 信息表; the 一次性告知 / 补正 loop (review and invalid 公民身份号码); 不予受理; 不予办理; the
 * reminder and 超期督办 timers of the 复审 and the fund transfer. Clock pinned to Monday 2026-03-02 09:00 (+08:00):
 * 10 working days → 2026-03-16, reminder 2026-03-12 09:00.
 */
import { describe, expect, it } from 'vitest';
import { useProcessHarness } from '../support/process-harness.js';
import { expectDecisionNotice, expectRefusalNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc11-transfer-out';

const APPLICATION = {
  channel: 'window',
  applicantType: 'insured',
  personName: '赵永福',
  idNumber: '440524188001010014',
  transferInOfficeName: '兰州市医疗保障事务中心',
  transferInPoolingArea: '兰州市',
  materials: ['医保电子凭证或有效身份证件或社会保障卡', '《基本医疗保险关系转移接续申请表》', '《基本医疗保险关系转移接续联系函》'],
};
const RECORD = {
  secondReviewDecision: 'approved',
  suspensionDate: '2026-02-28',
  insuredFrom: '2015-07',
  insuredTo: '2026-02',
  contributionMonths: 128,
  deemedContributionMonths: 0,
  personalAccountBalance: '3560.25',
  contributionPeriods: [{ from: '2015-07', to: '2026-02', unitName: '西宁某建材有限公司' }],
};
const FUND_TRANSFER = { accountTransferAmount: '3560.25', accountTransferDate: '2026-03-04' };

const h = useProcessHarness([PROCESS_ID]);

describe('流程图11 关系转移接续（转出）', () => {
  it('should issue the 《参保凭证》, transfer the account balance and issue the 《信息表》 within 10 working days', async () => {
    // given
    const pi = await h.start(PROCESS_ID, APPLICATION);

    // when
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { firstReviewDecision: 'approved', suspensionConfirmed: true } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: RECORD });
    await h.complete(pi, 'fundTransfer', { as: 'finance', variables: FUND_TRANSFER });

    // then
    await h.expectEnded(pi, ['endHandedToTransferIn']);
    const variables = await h.variables(pi);
    expect(variables).toMatchObject({ statutoryTimeLimit: { workingDays: 10, calendarDays: null, months: null }, deadlineDate: '2026-03-16', reminderDate: '2026-03-12T09:00:00+08:00', identityValid: true });
    expect(variables.enrolmentCertificateNumber).toEqual(expect.any(String));
    expect(variables.insuranceInfoSheetNumber).toEqual(expect.any(String));
    expect(variables.insuranceInfoSheetDocument).toHaveLength(1);
  });

  it('should restart a deadline task with new timers when its deadline is recomputed (办理时限重新计算)', async () => {
    // given
    const pi = await h.start(PROCESS_ID, APPLICATION);
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { firstReviewDecision: 'approved', suspensionConfirmed: true } });

    // when the deadline of each open task is recomputed before it is done
    await h.rearmDeadline(pi, 'secondReview');
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: RECORD });
    await h.rearmDeadline(pi, 'fundTransfer');
    await h.complete(pi, 'fundTransfer', { as: 'finance', variables: FUND_TRANSFER });

    // then
    await h.expectEnded(pi, ['endHandedToTransferIn']);
  });

  it('should issue the 一次性告知书 to the agent and accept after 补正, validating a corrected 公民身份号码', async () => {
    // given an invalid check character
    const pi = await h.start(PROCESS_ID, { ...APPLICATION, applicantType: 'agent', agentName: '赵丽', agentIdNumber: '11010519491231002X', idNumber: '440524188001010015' });
    const missingMaterials = ['《基本医疗保险关系转移接续联系函》'];

    // when
    await h.complete(pi, 'supplementMaterials', {
      as: 'window-clerk',
      variables: { correctedMaterials: ['医保电子凭证或有效身份证件或社会保障卡'], idNumber: '440524188001010014' },
    });
    await h.complete(pi, 'firstReview', {
      as: 'window-first-review',
      variables: { firstReviewDecision: 'returned', firstReviewReason: '联系函未盖章', missingMaterials },
    });
    await h.complete(pi, 'supplementMaterials', { as: 'window-clerk', variables: { correctedMaterials: missingMaterials } });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { firstReviewDecision: 'approved' } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: { secondReviewDecision: 'rejected', secondReviewReason: '尚有未结算的住院费用' } });

    // then the 不予办理告知书 gives the second review's reason, not the first review's return
    await h.expectEnded(pi, ['endRejected']);
    await expectDecisionNotice(h, pi, { decision: '不予办理', expectedText: ['尚有未结算的住院费用', '转移接续（转出）'], unexpectedText: ['联系函未盖章'] });
    const variables = await h.variables(pi);
    expect(variables).toMatchObject({ identityValid: true, missingMaterials });
    expect(variables.missingMaterialsNoticeNumber).toEqual(expect.any(String));
  });

  it('should end 不予受理 when the person has not suspended the insurance', async () => {
    // given
    const pi = await h.start(PROCESS_ID, APPLICATION);

    // when
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { firstReviewDecision: 'rejected', refusalReason: '未在本统筹区中止参保' } });

    // then
    await h.expectEnded(pi, ['endNotAccepted']);
    await expectRefusalNotice(h, pi, ['赵永福', '基本医疗保险关系转移接续（转出）', '未在本统筹区中止参保']);
  });

  // last: it moves the shared engine clock
  it('should remind and escalate the 复审 and the fund transfer when the clock passes reminderDate and dueDate', async () => {
    // given
    const pi = await h.start(PROCESS_ID, APPLICATION);
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { firstReviewDecision: 'approved' } });
    await h.waitForTask(pi, 'secondReview');

    // when
    await h.pinClock('2026-03-12T10:00:00+08:00');
    await h.waitForElement(pi, 'endSecondReviewReminded');
    await h.pinClock('2026-03-17T09:00:00+08:00');
    await h.complete(pi, 'secondReviewOverdueEscalation', { as: 'supervisor', variables: { escalationNote: '当日完成复审' } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: RECORD });
    await h.complete(pi, 'fundTransferOverdueEscalation', { as: 'supervisor', variables: { escalationNote: '当日划转' } });
    await h.complete(pi, 'fundTransfer', { as: 'finance', variables: FUND_TRANSFER });

    // then
    await h.expectEnded(pi, [
      'endSecondReviewReminded',
      'endSecondReviewEscalated',
      'endFundTransferReminded',
      'endFundTransferEscalated',
      'endHandedToTransferIn',
    ]);
  });

  it('should send a record that contradicts itself back to the 复审, and a wrong contribution period to 更正参保缴费记录 without a second transfer', async () => {
    // given an insured period ending before it starts, and a contribution period the same
    const pi = await h.start(PROCESS_ID, APPLICATION);
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { firstReviewDecision: 'approved', suspensionConfirmed: true } });

    // when
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: { ...RECORD, insuredTo: '2014-02' } });
    const returned = await h.waitForTask(pi, 'secondReview');
    const certificateProblem = (await h.variables(pi)).dataEntryProblem;
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: { ...RECORD, contributionPeriods: [{ from: '2015-07', to: '2014-02', unitName: '西宁某建材有限公司' }] } });
    await h.complete(pi, 'fundTransfer', { as: 'finance', variables: FUND_TRANSFER });
    const correction = await h.waitForTask(pi, 'correctInsuranceRecord');
    const recordProblem = (await h.variables(pi)).dataEntryProblem;
    await h.complete(pi, 'correctInsuranceRecord', { as: 'window-second-review', variables: { contributionPeriods: RECORD.contributionPeriods } });

    // then
    expect(returned.candidateGroups).toEqual(['window-second-review']);
    expect(certificateProblem).toMatchObject({ jobType: 'generate-enrolment-certificate', messageZh: expect.stringContaining('2014-02') });
    expect(correction.candidateGroups).toEqual(['window-second-review']);
    expect(recordProblem).toMatchObject({ jobType: 'generate-insurance-info-sheet', messageZh: '第1段缴费记录的截止年月（2014-02）早于起始年月（2015-07）' });
    await h.expectEnded(pi, ['endHandedToTransferIn']);
    const { items } = await h.client.searchUserTasks({ filter: { processInstanceKey: pi, elementId: 'fundTransfer' } } as never);
    expect(items).toHaveLength(1);
  });
});
