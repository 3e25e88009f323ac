/**
 * FC1 单位参保登记 (two-level review P2, 5 working days from 受理): the happy path, the 一次性告知 loop for missing
 * materials and for a credit code that fails its check, the refusal, the second review sending the case back,
 * and the reminder and 超期督办 timers of both reviews.
 */
import { describe, expect, it } from 'vitest';
import { useProcessHarness } from '../support/process-harness.js';
import { expectRefusalNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc01-employer-registration';

const MATERIALS = ['统一社会信用代码证书或单位批准成立的文件', '《基本医疗保险单位参保信息登记表》（加盖单位公章）', '缴费基数申报表'];

const application = {
  channel: 'window',
  unitName: '西宁市城中区青稞商贸有限公司',
  creditCode: '91630103MA752K3P42',
  unitType: 'enterprise',
  legalRepresentative: '韩永明',
  unitAddress: '西宁市城中区南大街12号',
  employeeCount: 18,
  contactName: '李秀英',
  contactPhone: '13897012345',
  materialsSubmitted: MATERIALS,
};

const firstApproved = { firstReviewDecision: 'approved', firstReviewer: '张初审', materialsChecked: MATERIALS };
const secondApproved = { secondReviewDecision: 'approved', secondReviewer: '王复审', unitInsuranceNumber: '63010300123', insuranceStartMonth: '2026-03' };

const h = useProcessHarness([PROCESS_ID]);

describe('FC1 单位参保登记', () => {
  it('should register the employer after the first and the second review, within 5 working days of acceptance', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);

    // when
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({
      identityValid: true,
      statutoryTimeLimit: { workingDays: 5, calendarDays: null, months: null },
      deadlineDate: '2026-03-09',
      dueDate: '2026-03-09T23:59:59+08:00',
      reminderDate: '2026-03-05T09:00:00+08:00',
      unitInsuranceNumber: '63010300123',
    });
  });

  it('should restart a deadline task with new timers when its deadline is recomputed (办理时限重新计算)', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);

    // when the deadline of each open task is recomputed before it is done
    await h.rearmDeadline(pi, 'firstReview');
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.rearmDeadline(pi, 'secondReview');
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
  });

  it('should tell all missing materials at once and accept again after the correction', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...application, materialsSubmitted: [MATERIALS[0]] });

    // when
    await h.complete(pi, 'firstReview', {
      as: 'window-first-review',
      variables: { firstReviewDecision: 'returned', firstReviewReason: '缺登记表与缴费基数申报表', missingMaterials: MATERIALS.slice(1) },
    });
    await h.waitForElement(pi, 'missingMaterialsNotice');
    await h.pinClock('2026-03-04T10:00:00+08:00');
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { correctedMaterials: MATERIALS.slice(1) } });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then the time limit runs again from the correction: 2026-03-04 + 5 working days
    await h.expectEnded(pi, ['endRegistered']);
    const variables = await h.variables(pi);
    expect(variables.missingMaterialsNoticeNumber).toMatch(/告知第\d{4}号$/);
    expect(variables.missingMaterialsNoticeDocument).toHaveLength(1);
    expect(variables.deadlineDate).toBe('2026-03-11');
  });

  it('should tell the unit to correct a credit code that fails the GB 32100 check', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...application, creditCode: '91630103MA752K3P43' });

    // when
    await h.waitForElement(pi, 'missingMaterialsNotice');
    await h.complete(pi, 'correctMaterials', {
      as: 'window-clerk',
      variables: { correctedMaterials: [MATERIALS[0]], creditCode: '91630103MA752K3P42' },
    });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({
      creditCode: '91630103MA752K3P42',
      identityValid: true,
      missingMaterials: ['统一社会信用代码证书或单位批准成立的文件（统一社会信用代码校验未通过，请核对）'],
    });
  });

  it('should refuse an application outside the scope of the service', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);

    // when
    await h.complete(pi, 'firstReview', {
      as: 'window-first-review',
      variables: { firstReviewDecision: 'rejected', refusalReason: '该单位已在本统筹区参保，应办理单位参保信息变更登记' },
    });

    // then
    await h.expectEnded(pi, ['endNotAccepted']);
    await expectRefusalNotice(h, pi, ['西宁市城中区青稞商贸有限公司', '单位参保登记', '该单位已在本统筹区参保，应办理单位参保信息变更登记', '经审查，你单位的申请不符合']);
  });

  it('should print the reason of the refusal, not the one of an earlier return, when a corrected case is refused', async () => {
    // given a case returned for 补正 with a reason, corrected and back at the first review (whose form opens with the
    // case's variables: the return's decision and reason)
    const pi = await h.start(PROCESS_ID, { ...application, materialsSubmitted: [MATERIALS[0]] });
    await h.complete(pi, 'firstReview', {
      as: 'window-first-review',
      variables: { firstReviewDecision: 'returned', firstReviewReason: '缺少登记表与缴费基数申报表', missingMaterials: MATERIALS.slice(1) },
    });
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { correctedMaterials: MATERIALS.slice(1) } });

    // when the clerk switches to 不予受理: the form submits the 不予受理理由 she types, not the hidden 理由 field
    await h.complete(pi, 'firstReview', {
      as: 'window-first-review',
      variables: { firstReviewDecision: 'rejected', refusalReason: '该单位已在本统筹区参保，应办理单位参保信息变更登记' },
    });

    // then the notice gives the refusal's reason, and not the return's
    await h.expectEnded(pi, ['endNotAccepted']);
    await expectRefusalNotice(h, pi, ['该单位已在本统筹区参保，应办理单位参保信息变更登记'], ['缺少登记表与缴费基数申报表']);
  });

  it('should send the case back to the first review when the second review finds an error', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });

    // when
    await h.complete(pi, 'secondReview', {
      as: 'window-second-review',
      variables: { secondReviewDecision: 'returned', secondReviewReason: '单位类型录入有误' },
    });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { ...firstApproved, unitType: 'institution' } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({ unitType: 'institution', secondReviewDecision: 'approved' });
  });

  it('should remind before and escalate after the deadline while the first review stays open', async () => {
    // given accepted Monday 2026-03-02: reminder 2026-03-05 09:00, due 2026-03-09 23:59:59
    const pi = await h.start(PROCESS_ID, application);
    await h.waitForTask(pi, 'firstReview');

    // when
    await h.pinClock('2026-03-05T10:00:00+08:00');
    await h.waitForElement(pi, 'endFirstReviewReminded');
    await h.pinClock('2026-03-10T09:00:00+08:00');
    await h.complete(pi, 'overdueEscalation', { as: 'supervisor', variables: { escalationNote: '请今日内办结', supervisor: '赵科长' } });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    // the second review starts after the deadline: both of its timers are due at once
    await h.complete(pi, 'overdueEscalation', { as: 'supervisor', variables: { escalationNote: '复审今日办结', supervisor: '赵科长' } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endFirstReviewReminded', 'endSecondReviewReminded', 'endEscalated', 'endRegistered']);
    expect((await h.variables(pi)).deadlineReminder).toMatchObject({ dueDate: '2026-03-09T23:59:59+08:00' });
  });

  it('should remind before and escalate after the deadline while the second review stays open', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.waitForTask(pi, 'secondReview');

    // when
    await h.pinClock('2026-03-05T10:00:00+08:00');
    await h.waitForElement(pi, 'endSecondReviewReminded');
    await h.pinClock('2026-03-10T09:00:00+08:00');
    await h.complete(pi, 'overdueEscalation', { as: 'supervisor', variables: { escalationNote: '请今日内办结', supervisor: '赵科长' } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endSecondReviewReminded', 'endEscalated', 'endRegistered']);
  });
});
