/**
 * FC5 灵活就业人员参保登记、续保 (即时办结: no deadline timers): enrolment and renewal at the window, then the payment
 * at the designated bank recorded at the window; the 一次性告知 loop for missing materials and for an ID number that
 * fails its check; the refusal; and the case where the person never pays.
 */
import { describe, expect, it } from 'vitest';
import { useProcessHarness } from '../support/process-harness.js';
import { expectDecisionNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc05-flexible-employment-enrolment';

const MATERIALS = ['有效身份证件', '《职工基本医疗保险参保登记表》'];

const application = {
  channel: 'window',
  enrolmentKind: 'new',
  personName: '李德明',
  idNumber: '630103198506123015',
  householdRegistration: 'local',
  phone: '13997054321',
  address: '西宁市城中区礼让街5号',
  byAgent: false,
  materialsSubmitted: MATERIALS,
};

const reviewApproved = { reviewDecision: 'approved', personalInsuranceNumber: '6301030055501', materialsChecked: MATERIALS };
const paid = {
  paymentStatus: 'paid',
  contributionGrade: 'grade1',
  contributionAmount: 3264.6,
  paidOn: '2026-03-02',
  bankName: '中国建设银行西宁城中支行',
  paymentReceiptNumber: 'JH20260302001',
};

const h = useProcessHarness([PROCESS_ID]);

describe('FC5 灵活就业人员参保登记、续保', () => {
  it('should enrol at the window and take effect once the contribution is paid at the bank', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);

    // when
    await h.complete(pi, 'review', { as: 'window-clerk', variables: reviewApproved });
    await h.complete(pi, 'payContribution', { as: 'window-clerk', variables: paid });

    // then
    await h.expectEnded(pi, ['endEnrolled']);
    const variables = await h.variables(pi);
    expect(variables).toMatchObject({ identityValid: true, sex: 'male', paymentStatus: 'paid', contributionGrade: 'grade1' });
    expect(variables).not.toHaveProperty('dueDate');
  });

  it('should renew an insured person’s enrolment', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...application, enrolmentKind: 'renewal' });

    // when
    await h.complete(pi, 'review', { as: 'window-clerk', variables: reviewApproved });
    await h.complete(pi, 'payContribution', { as: 'window-clerk', variables: { ...paid, contributionGrade: 'grade2' } });

    // then
    await h.expectEnded(pi, ['endEnrolled']);
    expect(await h.variables(pi)).toMatchObject({ enrolmentKind: 'renewal', contributionGrade: 'grade2' });
  });

  it('should end without effect when the person does not pay at the bank', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);

    // when
    await h.complete(pi, 'review', { as: 'window-clerk', variables: reviewApproved });
    await h.complete(pi, 'payContribution', { as: 'window-clerk', variables: { paymentStatus: 'notPaid', notPaidReason: '参保人放弃本期缴费' } });

    // then
    await h.expectEnded(pi, ['endNotPaid']);
  });

  it('should tell all missing materials at once and review again after the correction', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...application, materialsSubmitted: [MATERIALS[0]] });

    // when
    await h.complete(pi, 'review', {
      as: 'window-clerk',
      variables: { reviewDecision: 'returned', reviewReason: '未填写参保登记表', missingMaterials: [MATERIALS[1]] },
    });
    await h.waitForElement(pi, 'missingMaterialsNotice');
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { correctedMaterials: [MATERIALS[1]] } });
    await h.complete(pi, 'review', { as: 'window-clerk', variables: reviewApproved });
    await h.complete(pi, 'payContribution', { as: 'window-clerk', variables: paid });

    // then
    await h.expectEnded(pi, ['endEnrolled']);
    expect((await h.variables(pi)).missingMaterialsNoticeNumber).toMatch(/告知第\d{4}号$/);
  });

  it('should tell the person to correct an ID number that fails the GB 11643 check', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...application, idNumber: '630103198506123016' });

    // when
    await h.waitForElement(pi, 'missingMaterialsNotice');
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { correctedMaterials: [MATERIALS[0]], idNumber: '630103198506123015' } });
    await h.complete(pi, 'review', { as: 'window-clerk', variables: reviewApproved });
    await h.complete(pi, 'payContribution', { as: 'window-clerk', variables: paid });

    // then
    await h.expectEnded(pi, ['endEnrolled']);
    expect(await h.variables(pi)).toMatchObject({ idNumber: '630103198506123015', missingMaterials: ['有效身份证件（公民身份号码校验未通过，请核对）'] });
  });

  it('should refuse a person who does not meet the conditions, with a 不予办理告知书 giving the refusal\'s own reason', async () => {
    // given a case filed by an agent and returned once for correction, with the return's reason
    const pi = await h.start(PROCESS_ID, { ...application, byAgent: true, agentName: '马丽', agentIdNumber: '63010319880612102X', materialsSubmitted: [MATERIALS[0]] });
    await h.complete(pi, 'review', { as: 'window-clerk', variables: { reviewDecision: 'returned', reviewReason: '未填写参保登记表', missingMaterials: [MATERIALS[1]] } });
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { correctedMaterials: [MATERIALS[1]] } });

    // when the review refuses it (the form shows 不予办理理由 for 不予办理, the return's 理由 only for 退回补正)
    await h.complete(pi, 'review', { as: 'window-clerk', variables: { reviewDecision: 'rejected', decisionReason: '已随用人单位参加职工医保' } });

    // then
    await h.expectEnded(pi, ['endNotEnrolled']);
    await expectDecisionNotice(h, pi, { decision: '不予办理', expectedText: [`${application.personName}（代办人：马丽）`, '已随用人单位参加职工医保', '灵活就业人员参保登记'], unexpectedText: ['未填写参保登记表'] });
  });
});
