/**
 * FC4 中断、终止 (two-level review P2, 5 working days from 受理): a suspension, a termination by death whose medical
 * bills are settled (the end that links to FC10 个人账户一次性支取), one that must wait for the bills to be settled,
 * the 一次性告知 loop, the refusal, the second review sending the case back, and the reminder and 超期督办 timers.
 */
import { describe, expect, it } from 'vitest';
import { useProcessHarness } from '../support/process-harness.js';
import { expectRefusalNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc04-suspension-termination';

const MATERIALS = ['《职工基本医疗保险参保登记表》（含增加、中断、终止、恢复、在职转退休）（加盖单位公章）', '参保人员有效身份证件复印件'];
const DEATH_CERTIFICATE = '死亡证明或火化证明原件（因死亡终止的）';

const suspension = {
  channel: 'window',
  unitName: '西宁市城中区青稞商贸有限公司',
  creditCode: '91630103MA752K3P42',
  unitInsuranceNumber: '63010300123',
  personName: '祁志刚',
  idNumber: '630103197809201530',
  changeKind: 'suspension',
  changeReason: 'laborContractEnded',
  eventDate: '2026-02-27',
  contributionEndMonth: '2026-02',
  contactName: '李秀英',
  contactPhone: '13897012345',
  materialsSubmitted: MATERIALS,
};

const deathTermination = {
  ...suspension,
  changeKind: 'termination',
  changeReason: 'death',
  eventDate: '2026-02-20',
  materialsSubmitted: [...MATERIALS, DEATH_CERTIFICATE],
};

const firstApproved = { firstReviewDecision: 'approved', firstReviewer: '张初审', materialsChecked: MATERIALS };
const secondApproved = { secondReviewDecision: 'approved', secondReviewer: '王复审', approvedContributionEndMonth: '2026-02' };

const h = useProcessHarness([PROCESS_ID]);

describe('FC4 中断、终止', () => {
  it('should suspend the insurance after the first and the second review, within 5 working days of acceptance', async () => {
    // given
    const pi = await h.start(PROCESS_ID, suspension);

    // when
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({ identityValid: true, statutoryTimeLimit: { workingDays: 5, calendarDays: null, months: null }, deadlineDate: '2026-03-09', approvedContributionEndMonth: '2026-02' });
  });

  it('should restart a deadline task with new timers when its deadline is recomputed (办理时限重新计算)', async () => {
    // given
    const pi = await h.start(PROCESS_ID, suspension);

    // when the deadline of each open task is recomputed before it is done
    await h.rearmDeadline(pi, 'firstReview');
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.rearmDeadline(pi, 'secondReview');
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
  });

  it('should terminate on death when the medical bills are settled, pointing to the one-off account withdrawal', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...deathTermination, medicalExpensesSettled: true });

    // when
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { ...firstApproved, materialsChecked: deathTermination.materialsSubmitted } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endTerminatedByDeath']);
  });

  it('should wait until the medical bills of a deceased insured person are settled', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...deathTermination, medicalExpensesSettled: false });

    // when
    await h.pinClock('2026-03-06T11:00:00+08:00');
    await h.complete(pi, 'settleMedicalExpenses', {
      as: 'window-clerk',
      variables: { medicalExpensesSettled: true, medicalExpensesSettledOn: '2026-03-06', medicalExpensesSettlementNote: '青海省人民医院住院费用已结清' },
    });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then the time limit counts from the submission after the settlement: 2026-03-06 + 5 working days
    await h.expectEnded(pi, ['endTerminatedByDeath']);
    expect(await h.variables(pi)).toMatchObject({ medicalExpensesSettled: true, deadlineDate: '2026-03-13' });
  });

  it('should tell all missing materials at once and accept again after the correction', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...deathTermination, medicalExpensesSettled: true, materialsSubmitted: MATERIALS });

    // when
    await h.complete(pi, 'firstReview', {
      as: 'window-first-review',
      variables: { firstReviewDecision: 'returned', firstReviewReason: '缺死亡证明', missingMaterials: [DEATH_CERTIFICATE] },
    });
    await h.waitForElement(pi, 'missingMaterialsNotice');
    await h.pinClock('2026-03-04T10:00:00+08:00');
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { correctedMaterials: [DEATH_CERTIFICATE] } });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endTerminatedByDeath']);
    const variables = await h.variables(pi);
    expect(variables.missingMaterialsNoticeNumber).toMatch(/告知第\d{4}号$/);
    expect(variables).toMatchObject({ correctedMaterials: [DEATH_CERTIFICATE], deadlineDate: '2026-03-11' });
  });

  it('should tell the unit to correct an ID number that fails the GB 11643 check', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...suspension, idNumber: '630103197809201531' });

    // when
    await h.waitForElement(pi, 'missingMaterialsNotice');
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { correctedMaterials: [MATERIALS[1]], idNumber: '630103197809201530' } });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({ idNumber: '630103197809201530', identityValid: true });
  });

  it('should refuse an application outside the scope of the service', async () => {
    // given
    const pi = await h.start(PROCESS_ID, suspension);

    // when
    await h.complete(pi, 'firstReview', {
      as: 'window-first-review',
      variables: { firstReviewDecision: 'rejected', refusalReason: '该职工不在本单位参保' },
    });

    // then
    await h.expectEnded(pi, ['endNotAccepted']);
    await expectRefusalNotice(h, pi, ['西宁市城中区青稞商贸有限公司', '职工参保登记（中断、终止）', '该职工不在本单位参保']);
  });

  it('should send the case back to the first review when the second review finds an error', async () => {
    // given
    const pi = await h.start(PROCESS_ID, suspension);
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });

    // when
    await h.complete(pi, 'secondReview', {
      as: 'window-second-review',
      variables: { secondReviewDecision: 'returned', secondReviewReason: '停止缴费年月与解除劳动关系日期不符' },
    });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { ...firstApproved, contributionEndMonth: '2026-03' } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: { ...secondApproved, approvedContributionEndMonth: '2026-03' } });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({ approvedContributionEndMonth: '2026-03' });
  });

  it('should remind before and escalate after the deadline while the first review stays open', async () => {
    // given accepted Monday 2026-03-02: reminder 2026-03-05 09:00, due 2026-03-09 23:59:59
    const pi = await h.start(PROCESS_ID, suspension);
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
    const pi = await h.start(PROCESS_ID, suspension);
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
