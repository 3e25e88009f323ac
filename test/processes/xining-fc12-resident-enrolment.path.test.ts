/**
 * Paths of 流程图12 城乡居民参保、续保、缴费 (即时办结, no deadline timers): a new enrolment (个人信息采集 at the
 * window, then payment at the bank), a renewal (payment only), no payment, the 一次性告知 / 补正 loop (review and
 * invalid 公民身份号码) and 不予受理.
 */
import { describe, expect, it } from 'vitest';
import { useProcessHarness } from '../support/process-harness.js';
import { expectRefusalNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc12-resident-enrolment';

const NEW_ENROLMENT = {
  channel: 'window',
  enrolmentType: 'new',
  personName: '韩雪梅',
  idNumber: '11010519491231002X',
  personCategory: 'adult',
  contributionYear: 2026,
  materials: ['有效身份证件（居民身份证、户口簿、居住证等）', '《城乡居民基本医疗保险参保登记表》'],
};
const PAYMENT = { paymentDecision: 'paid', bankBranch: '青海银行城中支行', paidDate: '2026-03-02', paidAmount: '400.00' };

const h = useProcessHarness([PROCESS_ID]);

describe('流程图12 城乡居民参保、续保、缴费', () => {
  it('should collect the new enrollee\'s information at the window, then record the bank payment', async () => {
    // given
    const pi = await h.start(PROCESS_ID, NEW_ENROLMENT);

    // when
    await h.complete(pi, 'informationCollection', {
      as: 'window-clerk',
      variables: { informationCollectionDecision: 'approved', collectionWindow: '城中区南川西路街道社区服务窗口' },
    });
    await h.complete(pi, 'bankPayment', { as: 'window-clerk', variables: PAYMENT });

    // then
    await h.expectEnded(pi, ['endEnrolled']);
    expect(await h.variables(pi)).toMatchObject({ identityValid: true, informationCollectionDecision: 'approved', paymentDecision: 'paid' });
  });

  it('should send a renewal straight to the bank payment', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...NEW_ENROLMENT, enrolmentType: 'renewal', materials: [] });

    // when
    await h.complete(pi, 'bankPayment', { as: 'window-clerk', variables: PAYMENT });

    // then
    await h.expectEnded(pi, ['endEnrolled']);
    expect(await h.variables(pi)).not.toHaveProperty('informationCollectionDecision');
  });

  it('should end 未缴费 when no payment arrives', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...NEW_ENROLMENT, enrolmentType: 'renewal' });

    // when
    await h.complete(pi, 'bankPayment', { as: 'window-clerk', variables: { paymentDecision: 'unpaid', paymentReason: '集中缴费期内未缴费' } });

    // then
    await h.expectEnded(pi, ['endNotPaid']);
  });

  it('should issue the 一次性告知书 and collect the information after 补正', async () => {
    // given
    const pi = await h.start(PROCESS_ID, NEW_ENROLMENT);
    const missingMaterials = ['《城乡居民基本医疗保险参保登记表》'];

    // when
    await h.complete(pi, 'informationCollection', {
      as: 'window-clerk',
      variables: { informationCollectionDecision: 'returned', informationCollectionReason: '登记表信息不全', missingMaterials },
    });
    await h.complete(pi, 'supplementMaterials', { as: 'window-clerk', variables: { correctedMaterials: missingMaterials } });
    await h.complete(pi, 'informationCollection', { as: 'window-clerk', variables: { informationCollectionDecision: 'approved' } });
    await h.complete(pi, 'bankPayment', { as: 'window-clerk', variables: PAYMENT });

    // then
    await h.expectEnded(pi, ['endEnrolled']);
    expect((await h.variables(pi)).missingMaterialsNoticeNumber).toEqual(expect.any(String));
  });

  it('should send an invalid 公民身份号码 to 一次性告知, then refuse a duplicate enrolment (不予受理)', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...NEW_ENROLMENT, idNumber: '110105194912310021' });

    // when
    await h.complete(pi, 'supplementMaterials', {
      as: 'window-clerk',
      variables: { correctedMaterials: ['有效身份证件（居民身份证、户口簿、居住证等）'], idNumber: '11010519491231002X' },
    });
    await h.complete(pi, 'informationCollection', {
      as: 'window-clerk',
      variables: { informationCollectionDecision: 'rejected', refusalReason: '已参加职工基本医疗保险' },
    });

    // then
    await h.expectEnded(pi, ['endRejected']);
    await expectRefusalNotice(h, pi, ['韩雪梅', '城乡居民参保登记', '已参加职工基本医疗保险']);
    expect(await h.variables(pi)).toMatchObject({ missingMaterials: ['有效身份证件（公民身份号码校验未通过，请核对）'], identityValid: true });
  });
});
