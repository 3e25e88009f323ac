/**
 * FC17 生育保险待遇备案: filing not before three full months of pregnancy (or before the family-planning
 * operation), 审核资料 with 退回 + 一次性告知, 生育备案及审核 (four eyes), the three copies kept by the office, the unit
 * and the hospital (one step, as the chart draws it), a date typed in the future sent back to the window clerk. No time limit (即办): no deadline timers. Clock pinned to Monday 2026-03-02.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_NOW, useProcessHarness } from '../support/process-harness.js';
import { expectDecisionNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc17-maternity-registration';

const h = useProcessHarness([PROCESS_ID]);

beforeEach(async () => {
  await h.pinClock(DEFAULT_NOW);
});

const pregnancyFiling = {
  channel: 'onsite',
  unitName: '西宁市城中区某商贸有限公司',
  creditCode: '91630103710402005J',
  personName: '李某某',
  idNumber: '630103199205120026',
  filingReason: 'pregnancy',
  pregnancyStartDate: '2025-11-20',
  expectedDeliveryDate: '2026-08-27',
  registrationKind: 'local',
  hospitalName: '青海省妇女儿童医院',
  submittedMaterials: ['职工有效身份证件（复印件）', '《生育登记表》', '《西宁市城镇职工生育保险备案表》（3份）'],
};

const surgeryFiling = {
  ...pregnancyFiling,
  filingReason: 'familyPlanningSurgery',
  pregnancyStartDate: undefined,
  expectedDeliveryDate: undefined,
  plannedSurgeryDate: '2026-03-05',
};

async function registerAndKeepCopies(pi: string): Promise<void> {
  await h.complete(pi, 'secondReview', {
    as: 'window-second-review',
    variables: { secondReviewDecision: 'approved', maternityRegistrationNumber: '生育备案2026-0302-001' },
  });
  await h.complete(pi, 'distributeCopies', {
    as: 'window-clerk',
    variables: { officeCopyArchived: true, unitCopyHandedOver: true, hospitalCopyDelivery: 'viaUnit', copiesHandedOverOn: '2026-03-02' },
  });
}

/** The reason the 送达不予备案告知书 task shows: its own input mapping, read in the task's scope. */
async function deliveryTaskReason(pi: string): Promise<unknown> {
  const task = await h.waitForTask(pi, 'deliverDecisionNotice');
  const { items } = await h.client.searchVariables({ filter: { processInstanceKey: pi, scopeKey: task.elementInstanceKey, name: 'decisionReason' } } as never);
  return items.map((v: { value: string }) => JSON.parse(v.value) as unknown);
}

const approveMaterials = { as: 'window-first-review', variables: { firstReviewDecision: 'approved', materialsChecked: pregnancyFiling.submittedMaterials } };

describe(PROCESS_ID, () => {
  it('should register a pregnancy of more than three months and hand out the three copies', async () => {
    // given: 2025-11-20 + 3 months = 2026-02-20, before 2026-03-02
    const pi = await h.start(PROCESS_ID, pregnancyFiling);

    // when
    await h.complete(pi, 'firstReview', approveMaterials);
    await registerAndKeepCopies(pi);

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({
      earliestFilingDate: '2026-02-20',
      pregnancyThreeMonthsComplete: true,
      identityValid: true,
      maternityRegistrationNumber: '生育备案2026-0302-001',
    });
    expect(await h.variables(pi)).not.toHaveProperty('refusedBySystem');
  });

  it('should not register a pregnancy of less than three months', async () => {
    // given: 2026-01-10 + 3 months = 2026-04-10
    const pi = await h.start(PROCESS_ID, { ...pregnancyFiling, pregnancyStartDate: '2026-01-10' });

    // when the window hands the 不予备案告知书 over: the 送达 task shows the reason the notice printed
    const reason = '职工李某某怀孕起始日期（末次月经）为2026年1月10日，提交备案资料时未满三个月；可于2026年4月10日起再提交备案资料';
    expect(await deliveryTaskReason(pi)).toEqual([reason]);
    await h.complete(pi, 'deliverDecisionNotice', { as: 'window-clerk', variables: { decisionNoticeDeliveryMethod: 'inPerson', decisionNoticeDeliveredOn: '2026-03-02' } });

    // then the unit has a 不予备案告知书 telling it from when it may file, and the case ends 暂不予备案
    await h.expectEnded(pi, ['endTooEarly']);
    // refusedBySystem: no clerk decided it, so the monitor gives it no deadline day (无时限)
    expect(await h.variables(pi)).toMatchObject({ earliestFilingDate: '2026-04-10', pregnancyThreeMonthsComplete: false, refusedBySystem: true });
    await expectDecisionNotice(h, pi, { decision: '不予备案', noticeTask: 'tooEarlyNotice', expectedText: ['你单位', reason, '申请日期2026年3月2日', '生育保险待遇备案'] });
  });

  it('should still write the 不予备案 reason on both system paths when the employee\'s name is missing', async () => {
    // given: no personName (a FEEL string + null is null: the reason, and so the notice, would be empty)
    const tooEarly = await h.start(PROCESS_ID, { ...pregnancyFiling, personName: null, pregnancyStartDate: '2026-01-10' });
    const afterSurgery = await h.start(PROCESS_ID, { ...surgeryFiling, personName: null, plannedSurgeryDate: '2026-02-27' });

    // then the 送达 tasks show the reason without the name
    expect(await deliveryTaskReason(tooEarly)).toEqual([
      '职工怀孕起始日期（末次月经）为2026年1月10日，提交备案资料时未满三个月；可于2026年4月10日起再提交备案资料',
    ]);
    expect(await deliveryTaskReason(afterSurgery)).toEqual([
      '职工计划生育手术日期为2026年2月27日，早于本次提交备案资料之日（2026年3月2日）；计划生育手术备案须在手术日前（含当日）提交，手术后的生育保险待遇按规定申报',
    ]);
  });

  it('should register a family-planning operation filed before the operation', async () => {
    // given
    const pi = await h.start(PROCESS_ID, surgeryFiling);

    // when
    await h.complete(pi, 'firstReview', approveMaterials);
    await registerAndKeepCopies(pi);

    // then
    await h.expectEnded(pi, ['endRegistered']);
  });

  it('should not register a family-planning operation that has already taken place', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...surgeryFiling, plannedSurgeryDate: '2026-02-27' });

    // when the window hands the 不予备案告知书 over: the 送达 task shows the reason the notice printed, with the day
    // the filing came in (the operation two working days before it)
    const reason = '职工李某某计划生育手术日期为2026年2月27日，早于本次提交备案资料之日（2026年3月2日）；计划生育手术备案须在手术日前（含当日）提交，手术后的生育保险待遇按规定申报';
    expect(await deliveryTaskReason(pi)).toEqual([reason]);
    await h.complete(pi, 'deliverDecisionNotice', {
      as: 'window-clerk',
      variables: { decisionNoticeDeliveryMethod: 'byPost', decisionNoticeDeliveredOn: '2026-03-02', deliverDecisionNoticeNote: '挂号信 XA123456789CN' },
    });

    // then the unit has a 不予备案告知书 with the operation's date, and the case ends at 手术已实施
    await h.expectEnded(pi, ['endAfterSurgery']);
    await expectDecisionNotice(h, pi, { decision: '不予备案', noticeTask: 'afterSurgeryNotice', expectedText: ['你单位', reason, '申请日期2026年3月2日'] });
    expect(await h.variables(pi)).toMatchObject({ submittedOn: '2026-03-02', decisionReason: reason, refusedBySystem: true });
  });

  it('should register a family-planning operation filed on the day of the operation', async () => {
    // given: the gateway 手术前 takes the operation's own day (备案须在手术日前（含当日）提交)
    const pi = await h.start(PROCESS_ID, { ...surgeryFiling, plannedSurgeryDate: '2026-03-02' });

    // when
    await h.complete(pi, 'firstReview', approveMaterials);
    await registerAndKeepCopies(pi);

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).not.toHaveProperty('decisionReason');
  });

  it('should return incomplete materials with a 一次性告知书 and review the corrected filing again', async () => {
    // given
    const pi = await h.start(PROCESS_ID, pregnancyFiling);

    // when
    await h.complete(pi, 'firstReview', {
      as: 'window-first-review',
      variables: { firstReviewDecision: 'returned', firstReviewReason: '备案表仅1份', missingMaterials: ['《西宁市城镇职工生育保险备案表》（3份）'] },
    });
    await h.complete(pi, 'correctMaterials', {
      as: 'window-clerk',
      variables: { correctedMaterials: ['《西宁市城镇职工生育保险备案表》（3份）'], correctionReceivedOn: '2026-03-02' },
    });
    await h.complete(pi, 'firstReview', approveMaterials);
    await registerAndKeepCopies(pi);

    // then the window's intake record, the 补正 and the reviewer's ticks are each kept
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({
      missingMaterialsNoticeNumber: expect.stringContaining('告知'),
      submittedMaterials: pregnancyFiling.submittedMaterials,
      correctedMaterials: ['《西宁市城镇职工生育保险备案表》（3份）'],
      materialsChecked: pregnancyFiling.submittedMaterials,
    });
  });

  it('should send the filing back from 备案及审核 to 审核资料', async () => {
    // given
    const pi = await h.start(PROCESS_ID, pregnancyFiling);
    await h.complete(pi, 'firstReview', approveMaterials);

    // when
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: { secondReviewDecision: 'returned', secondReviewReason: '预产期与生育登记表不一致' } });
    await h.complete(pi, 'firstReview', approveMaterials);
    await registerAndKeepCopies(pi);

    // then
    await h.expectEnded(pi, ['endRegistered']);
  });

  it('should send a wrong credit code back for correction', async () => {
    // given: check character K instead of J
    const pi = await h.start(PROCESS_ID, { ...pregnancyFiling, creditCode: '91630103710402005K' });

    // when
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { creditCode: pregnancyFiling.creditCode, correctionReceivedOn: '2026-03-02' } });
    await h.complete(pi, 'firstReview', approveMaterials);
    await registerAndKeepCopies(pi);

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({ missingMaterials: ['参保单位统一社会信用代码有误，请提供统一社会信用代码证书（营业执照）复印件'] });
  });

  it('should send a pregnancy start date in the future back to the window clerk, and go on once it is corrected', async () => {
    // given a date typed a year too late
    const pi = await h.start(PROCESS_ID, { ...pregnancyFiling, pregnancyStartDate: '2026-11-20' });

    // when
    const task = await h.waitForTask(pi, 'correctApplicationData');
    const problem = (await h.variables(pi)).dataEntryProblem;
    await h.complete(pi, 'correctApplicationData', { as: 'window-clerk', variables: { pregnancyStartDate: '2025-11-20' } });
    await h.complete(pi, 'firstReview', approveMaterials);
    await registerAndKeepCopies(pi);

    // then
    expect(task.candidateGroups).toEqual(['window-clerk']);
    expect(problem).toMatchObject({ messageZh: '怀孕起始日期（2026-11-20）晚于今天（2026-03-02），请核对', jobType: 'check-months-period' });
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({ pregnancyThreeMonthsComplete: true, dataEntryProblem: null });
  });
});

