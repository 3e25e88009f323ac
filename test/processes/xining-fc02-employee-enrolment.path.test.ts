/**
 * FC2 新增、恢复缴费 (two-level review P2, 5 working days from 受理): new enrolment and resumed contributions, the
 * 一次性告知 loop for missing materials and for an ID number that fails its check, the refusal, the second review
 * sending the case back, and the reminder and 超期督办 timers of both reviews.
 */
import { describe, expect, it } from 'vitest';
import { useProcessHarness } from '../support/process-harness.js';
import { expectRefusalNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc02-employee-enrolment';

const MATERIALS = ['《职工基本医疗保险参保登记表》（含增加、中断、终止、恢复、在职转退休）（加盖单位公章）', '参保人员有效身份证件复印件'];

const application = {
  channel: 'online',
  enrolmentKind: 'new',
  unitName: '西宁市城中区青稞商贸有限公司',
  creditCode: '91630103MA752K3P42',
  unitInsuranceNumber: '63010300123',
  personName: '马晓梅',
  idNumber: '630102199003154029',
  employmentDate: '2026-02-16',
  contributionStartMonth: '2026-02',
  contributionBase: 5200,
  contactName: '李秀英',
  contactPhone: '13897012345',
  materialsSubmitted: MATERIALS,
};

const firstApproved = { firstReviewDecision: 'approved', firstReviewer: '张初审', materialsChecked: MATERIALS };
const secondApproved = {
  secondReviewDecision: 'approved',
  secondReviewer: '王复审',
  personalInsuranceNumber: '6301030098765',
  approvedContributionStartMonth: '2026-02',
};

const h = useProcessHarness([PROCESS_ID]);

describe('FC2 新增、恢复缴费', () => {
  it('should enrol a new employee after the first and the second review, within 5 working days of acceptance', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);

    // when
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({
      identityValid: true,
      sex: 'female',
      birthDate: '1990-03-15',
      statutoryTimeLimit: { workingDays: 5, calendarDays: null, months: null },
      deadlineDate: '2026-03-09',
      personalInsuranceNumber: '6301030098765',
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

  it('should resume the contributions of an employee whose insurance was suspended', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...application, enrolmentKind: 'resume', contributionStartMonth: '2026-03' });

    // when
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: { ...secondApproved, approvedContributionStartMonth: '2026-03' } });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({ enrolmentKind: 'resume', approvedContributionStartMonth: '2026-03' });
  });

  it('should tell all missing materials at once and accept again after the correction', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...application, materialsSubmitted: [MATERIALS[0]] });

    // when
    await h.complete(pi, 'firstReview', {
      as: 'window-first-review',
      variables: { firstReviewDecision: 'returned', firstReviewReason: '缺身份证件复印件', missingMaterials: [MATERIALS[1]] },
    });
    await h.waitForElement(pi, 'missingMaterialsNotice');
    await h.pinClock('2026-03-03T15:00:00+08:00');
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { correctedMaterials: [MATERIALS[1]] } });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then the time limit runs again from the correction: 2026-03-03 + 5 working days
    await h.expectEnded(pi, ['endRegistered']);
    const variables = await h.variables(pi);
    expect(variables.missingMaterialsNoticeNumber).toMatch(/告知第\d{4}号$/);
    expect(variables.deadlineDate).toBe('2026-03-10');
  });

  it('should tell the unit to correct an ID number that fails the GB 11643 check', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...application, idNumber: '630102199003154028' });

    // when
    await h.waitForElement(pi, 'missingMaterialsNotice');
    await h.complete(pi, 'correctMaterials', {
      as: 'window-clerk',
      variables: { correctedMaterials: [MATERIALS[1]], idNumber: '630102199003154029' },
    });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({
      idNumber: '630102199003154029',
      identityValid: true,
      missingMaterials: ['参保人员有效身份证件复印件（公民身份号码校验未通过，请核对）'],
    });
  });

  it('should tell the unit to correct a credit code that fails the GB 32100 check', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...application, creditCode: '91630103MA752K3P43' });

    // when
    await h.waitForElement(pi, 'missingMaterialsNotice');
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { correctedMaterials: [MATERIALS[0]], creditCode: '91630103MA752K3P42' } });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({ creditCode: '91630103MA752K3P42', identityValid: true });
  });

  it('should refuse an application outside the scope of the service', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);

    // when
    await h.complete(pi, 'firstReview', {
      as: 'window-first-review',
      variables: { firstReviewDecision: 'rejected', refusalReason: '该职工已在其他单位参保，应先办理转移或中断' },
    });

    // then
    await h.expectEnded(pi, ['endNotAccepted']);
    await expectRefusalNotice(h, pi, ['西宁市城中区青稞商贸有限公司', '职工参保登记（新增、恢复缴费）', '该职工已在其他单位参保，应先办理转移或中断']);
  });

  it('should send the case back to the first review when the second review finds an error', async () => {
    // given
    const pi = await h.start(PROCESS_ID, application);
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });

    // when
    await h.complete(pi, 'secondReview', {
      as: 'window-second-review',
      variables: { secondReviewDecision: 'returned', secondReviewReason: '缴费起始年月与入职日期不符' },
    });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { ...firstApproved, contributionStartMonth: '2026-03' } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: { ...secondApproved, approvedContributionStartMonth: '2026-03' } });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({ contributionStartMonth: '2026-03', secondReviewDecision: 'approved' });
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
