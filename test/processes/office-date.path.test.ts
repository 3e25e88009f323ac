/**
 * The office's calendar date (Asia/Shanghai) in the models that write one: FC17's 提交之日 (the gateway 手术前, the
 * 不予备案 reason and the notices' 申请日期), FC18's and FC22's 受理日期 `acceptedOn`, FC20's 受理日期 on the 结算单.
 * The models name the zone (`date and time(now(), "Asia/Shanghai")`, docs/modeling-conventions.md "The office's
 * date"), so the date turns at 16:00 UTC, midnight in Xining, whatever zone the engine's `now()` is in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../workers/lib/notices/pdf-text.js';
import { startProcessHarness, type ProcessHarness } from '../support/process-harness.js';
import { FC20_APPLICATION, FC20_REGISTRATION } from '../support/fc20-sample-case.js';

const FC17 = 'xining-fc17-maternity-registration';
const FC18 = 'xining-fc18-maternity-allowance';
const FC20 = 'xining-fc20-manual-reimbursement';
const FC22 = 'xining-fc22-out-of-area-maternity-reimbursement';

// not useProcessHarness: it wants every end event of the four reached, which their own path tests do; this file
// looks at one date each
let h: ProcessHarness;
beforeAll(async () => {
  h = await startProcessHarness({ processes: [FC17, FC18, FC20, FC22] });
});
afterAll(async () => {
  await h?.stop();
});

/** A second before and at midnight, Sunday 1 March to Monday 2 March 2026 in Xining. */
const LAST_SECOND = '2026-03-01T15:59:59Z';
const MIDNIGHT = '2026-03-01T16:00:00Z';

const unit = {
  channel: 'onsite',
  unitName: '西宁市城中区某商贸有限公司',
  creditCode: '91630103710402005J',
  personName: '李某某',
  idNumber: '630103199205120026',
};

const surgeryFiling = {
  ...unit,
  filingReason: 'familyPlanningSurgery',
  plannedSurgeryDate: '2026-03-01',
  registrationKind: 'local',
  hospitalName: '青海省妇女儿童医院',
  submittedMaterials: ['职工有效身份证件（复印件）', '《生育登记表》', '《西宁市城镇职工生育保险备案表》（3份）'],
};

const maternityClaim = {
  ...unit,
  maternityEvent: { kind: 'birth', infants: 1, difficultLabour: false },
  maternityEventDate: '2026-01-20',
  maternityRegistrationNumber: '备案2025-0815',
  submittedMaterials: ['医保电子凭证或有效身份证件或社会保障卡'],
};
const fc18Claim = { ...maternityClaim, hospitalName: '青海省妇女儿童医院', employerAverageMonthlyWage: '7500.00' };
const fc22Claim = { ...maternityClaim, hospitalName: '成都市妇女儿童中心医院', outOfAreaRegion: '四川省成都市' };

async function documentText(reference: unknown): Promise<string> {
  const documents = reference as { endpoint: string }[];
  expect(documents).toHaveLength(1);
  const response = await h.fixture.fetch(documents[0]!.endpoint);
  expect(response.status).toBe(200);
  return pdfText(Buffer.from(await response.arrayBuffer()));
}

describe('the office date at midnight in Xining', () => {
  it('FC17: an operation on 1 March filed in its last second is registered, with 1 March as the day the filing came in', async () => {
    // given
    await h.pinClock(LAST_SECOND);

    // when
    const pi = await h.start(FC17, surgeryFiling);

    // then the gateway 手术前 takes the operation's own day and the filing keeps its day
    await h.waitForTask(pi, 'firstReview');
    expect(await h.variables(pi)).toMatchObject({ submittedOn: '2026-03-01' });
    expect(await h.variables(pi)).not.toHaveProperty('refusedBySystem');
  });

  it('FC17: the same filing at midnight is refused, the reason and the notice naming 2 March', async () => {
    // given
    await h.pinClock(MIDNIGHT);

    // when
    const pi = await h.start(FC17, surgeryFiling);

    // then
    await h.waitForTask(pi, 'deliverDecisionNotice');
    const variables = await h.variables(pi);
    expect(variables).toMatchObject({ submittedOn: '2026-03-02', refusedBySystem: true });
    expect(variables.decisionReason).toContain('计划生育手术日期为2026年3月1日，早于本次提交备案资料之日（2026年3月2日）');
    expect(await documentText(variables.decisionNoticeDocument)).toContain('申请日期2026年3月2日');
  });

  it('FC17: a filing before the operation returned for missing materials has its 申请日期 on the 一次性告知书', async () => {
    // given a filing on the 手术前 path (before, it recorded no 提交之日, and the notice printed none)
    await h.pinClock(MIDNIGHT);
    const pi = await h.start(FC17, { ...surgeryFiling, plannedSurgeryDate: '2026-03-05' });

    // when
    await h.complete(pi, 'firstReview', {
      as: 'window-first-review',
      variables: { firstReviewDecision: 'returned', firstReviewReason: '备案表仅1份', missingMaterials: ['《西宁市城镇职工生育保险备案表》（3份）'] },
    });

    // then
    await h.waitForTask(pi, 'correctMaterials');
    const variables = await h.variables(pi);
    expect(variables.submittedOn).toBe('2026-03-02');
    expect(await documentText(variables.missingMaterialsNoticeDocument)).toContain('您于2026年3月2日申请办理的');
  });

  for (const [processId, claim] of [
    [FC18, fc18Claim],
    [FC22, fc22Claim],
  ] as const) {
    it(`${processId}: 受理 in the last second of 1 March is dated 1 March, at midnight 2 March`, async () => {
      for (const [instant, acceptedOn] of [
        [LAST_SECOND, '2026-03-01'],
        [MIDNIGHT, '2026-03-02'],
      ] as const) {
        // given
        await h.pinClock(instant);
        const pi = await h.start(processId, claim);

        // when
        await h.complete(pi, 'acceptance', {
          as: 'window-clerk',
          variables: { acceptanceDecision: 'approved', materialsChecked: claim.submittedMaterials },
        });

        // then
        const variables = await h.variables(pi);
        expect(variables.acceptedOn, instant).toBe(acceptedOn);
        expect(Date.parse(String(variables.acceptedAt)), instant).toBe(Date.parse(instant));
      }
    });
  }

  it('FC20: the 结算单 prints the office date of 受理 (acceptedAt at midnight is 2 March)', async () => {
    for (const [instant, printed] of [
      [LAST_SECOND, '2026年3月1日'],
      [MIDNIGHT, '2026年3月2日'],
    ] as const) {
      // given a case accepted at the instant
      await h.pinClock(instant);
      const pi = await h.start(FC20, FC20_APPLICATION);
      await h.complete(pi, 'preliminaryReview', {
        as: 'window-first-review',
        variables: { receivedMaterials: FC20_APPLICATION.submittedMaterials, preliminaryReviewDecision: 'approved' },
      });

      // when it is registered and settled (the statement made later in the day)
      await h.complete(pi, 'registerAndReview', { as: 'window-first-review', variables: FC20_REGISTRATION });
      await h.complete(pi, 'settlementReview', { as: 'window-second-review', variables: { settlementReviewDecision: 'approved' } });
      await h.waitForTask(pi, 'payBenefits');

      // then
      const text = await documentText((await h.variables(pi)).settlementStatementDocument);
      expect(text, instant).toContain(`受理日期${printed}`);
    }
  });
});
