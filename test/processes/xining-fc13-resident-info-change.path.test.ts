/**
 * Paths of 流程图13 城乡居民参保信息变更登记 (P1, 即时办结, no deadline timers): the happy path, the 一次性告知 /
 * 补正 loop (from the review and from an invalid 公民身份号码), and 不予受理.
 */
import { describe, expect, it } from 'vitest';
import { useProcessHarness } from '../support/process-harness.js';
import { expectRefusalNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc13-resident-info-change';

const APPLICATION = {
  channel: 'window',
  personName: '马晓兰',
  idNumber: '11010519491231002X',
  changeItems: ['联系电话'],
  changeDetails: '联系电话 13800000000 → 13900000000',
  materials: ['医保电子凭证或有效身份证件或社会保障卡', '《基本医疗保险城乡居民参保信息变更登记表》'],
};

const h = useProcessHarness([PROCESS_ID]);

describe('流程图13 城乡居民参保信息变更登记', () => {
  it('should change the record after the instant review (审核无误 → 系统维护)', async () => {
    // given
    const pi = await h.start(PROCESS_ID, APPLICATION);

    // when
    await h.complete(pi, 'instantReview', { as: 'window-clerk', variables: { instantReviewDecision: 'approved' } });
    await h.complete(pi, 'systemMaintenance', { as: 'window-clerk', variables: { changeEffectiveDate: '2026-03-02', systemUpdated: true } });

    // then
    await h.expectEnded(pi, ['endChanged']);
    expect(await h.variables(pi)).toMatchObject({ identityValid: true, sex: 'female', instantReviewDecision: 'approved', systemUpdated: true });
  });

  it('should issue the 一次性告知书 and loop back to the review after 补正', async () => {
    // given
    const pi = await h.start(PROCESS_ID, APPLICATION);
    const missingMaterials = ['《基本医疗保险城乡居民参保信息变更登记表》'];

    // when
    await h.complete(pi, 'instantReview', {
      as: 'window-clerk',
      variables: { instantReviewDecision: 'returned', instantReviewReason: '登记表未签名', missingMaterials },
    });
    await h.complete(pi, 'supplementMaterials', { as: 'window-clerk', variables: { correctedMaterials: missingMaterials } });
    await h.complete(pi, 'instantReview', { as: 'window-clerk', variables: { instantReviewDecision: 'approved' } });
    await h.complete(pi, 'systemMaintenance', { as: 'window-clerk', variables: { systemUpdated: true } });

    // then
    await h.expectEnded(pi, ['endChanged']);
    const variables = await h.variables(pi);
    expect(variables.missingMaterialsNoticeNumber).toEqual(expect.any(String));
    expect(variables.missingMaterialsNoticeDocument).toHaveLength(1);
  });

  it('should send an invalid 公民身份号码 to 一次性告知 and validate the corrected number', async () => {
    // given a wrong check character
    const pi = await h.start(PROCESS_ID, { ...APPLICATION, idNumber: '110105194912310021' });

    // when
    await h.complete(pi, 'supplementMaterials', {
      as: 'window-clerk',
      variables: { correctedMaterials: ['医保电子凭证或有效身份证件或社会保障卡'], idNumber: '11010519491231002X' },
    });
    await h.complete(pi, 'instantReview', { as: 'window-clerk', variables: { instantReviewDecision: 'approved' } });
    await h.complete(pi, 'systemMaintenance', { as: 'window-clerk', variables: { systemUpdated: true } });

    // then
    await h.expectEnded(pi, ['endChanged']);
    const variables = await h.variables(pi);
    expect(variables.missingMaterials).toEqual(['有效身份证件（公民身份号码校验未通过，请核对）']);
    expect(variables.identityValid).toBe(true);
  });

  it('should end 不予受理 when the review rejects the application', async () => {
    // given
    const pi = await h.start(PROCESS_ID, APPLICATION);

    // when
    await h.complete(pi, 'instantReview', {
      as: 'window-clerk',
      variables: { instantReviewDecision: 'rejected', refusalReason: '非本统筹区城乡居民参保人员' },
    });

    // then
    await h.expectEnded(pi, ['endRejected']);
    await expectRefusalNotice(h, pi, ['马晓兰', '城乡居民参保信息变更登记', '非本统筹区城乡居民参保人员']);
  });
});
