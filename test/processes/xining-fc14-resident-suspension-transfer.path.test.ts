/**
 * Paths of 流程图14 城乡居民暂停（终止）、转移参保 (P1, 即时办结, no deadline timers): suspension, transfer with the
 * 《基本医疗保险参保凭证》, the 一次性告知 / 补正 loop (review and invalid 公民身份号码) and 不予受理.
 */
import { describe, expect, it } from 'vitest';
import { useProcessHarness } from '../support/process-harness.js';
import { expectRefusalNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc14-resident-suspension-transfer';

const APPLICATION = {
  channel: 'window',
  applicantType: 'agent',
  personName: '李国栋',
  idNumber: '440524188001010014',
  agentName: '李梅',
  agentIdNumber: '11010519491231002X',
  applicationType: 'suspend',
  applicationReason: '已在用人单位参加职工基本医疗保险',
  materials: ['医保电子凭证或有效身份证件或社会保障卡', '代办人有效身份证明（委托他人代办的）'],
};

const h = useProcessHarness([PROCESS_ID]);

describe('流程图14 城乡居民暂停（终止）、转移参保', () => {
  it('should suspend the insurance after the instant review and the system maintenance', async () => {
    // given
    const pi = await h.start(PROCESS_ID, APPLICATION);

    // when
    await h.complete(pi, 'instantReview', { as: 'window-clerk', variables: { instantReviewDecision: 'approved' } });
    await h.complete(pi, 'systemMaintenance', { as: 'window-clerk', variables: { suspensionDate: '2026-03-02', systemUpdated: true } });

    // then
    await h.expectEnded(pi, ['endSuspended']);
    expect(await h.variables(pi)).not.toHaveProperty('enrolmentCertificateNumber');
  });

  it('should issue the 《基本医疗保险参保凭证》 for a transfer', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...APPLICATION, applicationType: 'transfer', applicationReason: '迁居外省', transferInArea: '成都市' });

    // when
    await h.complete(pi, 'instantReview', { as: 'window-clerk', variables: { instantReviewDecision: 'approved' } });
    await h.complete(pi, 'systemMaintenance', {
      as: 'window-clerk',
      variables: { suspensionDate: '2026-03-02', insuredFrom: '2019-01', insuredTo: '2026-02', contributionMonths: 86, systemUpdated: true },
    });

    // then
    await h.expectEnded(pi, ['endTransferred']);
    const variables = await h.variables(pi);
    expect(variables.enrolmentCertificateNumber).toEqual(expect.any(String));
    expect(variables.enrolmentCertificateDocument).toHaveLength(1);
  });

  it('should issue the 一次性告知书 to the agent and loop back to the review after 补正', async () => {
    // given
    const pi = await h.start(PROCESS_ID, APPLICATION);
    const missingMaterials = ['《城乡居民基本医疗保险参保登记表》'];

    // when
    await h.complete(pi, 'instantReview', {
      as: 'window-clerk',
      variables: { instantReviewDecision: 'returned', instantReviewReason: '缺少职工医保参保证明', missingMaterials },
    });
    await h.complete(pi, 'supplementMaterials', { as: 'window-clerk', variables: { correctedMaterials: missingMaterials } });
    await h.complete(pi, 'instantReview', { as: 'window-clerk', variables: { instantReviewDecision: 'approved' } });
    await h.complete(pi, 'systemMaintenance', { as: 'window-clerk', variables: { suspensionDate: '2026-03-02', systemUpdated: true } });

    // then
    await h.expectEnded(pi, ['endSuspended']);
    expect((await h.variables(pi)).missingMaterialsNoticeNumber).toEqual(expect.any(String));
  });

  it('should send an invalid 公民身份号码 to 一次性告知 before the review', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...APPLICATION, idNumber: '440524188001010015' });

    // when
    await h.complete(pi, 'supplementMaterials', {
      as: 'window-clerk',
      variables: { correctedMaterials: ['医保电子凭证或有效身份证件或社会保障卡'], idNumber: '440524188001010014' },
    });
    await h.complete(pi, 'instantReview', { as: 'window-clerk', variables: { instantReviewDecision: 'rejected', refusalReason: '正在享受住院待遇' } });

    // then
    await h.expectEnded(pi, ['endRejected']);
    // addressed to the insured person, the 代办人 named after
    await expectRefusalNotice(h, pi, ['李国栋（代办人：李梅）：', '城乡居民参保登记（暂停、终止、转移）', '正在享受住院待遇', '你申请办理']);
    expect(await h.variables(pi)).toMatchObject({ missingMaterials: ['有效身份证件（公民身份号码校验未通过，请核对）'], identityValid: true });
  });

  it('should send a 参保凭证 record that contradicts itself back to the system maintenance with the message', async () => {
    // given a transfer whose insured period ends before it starts
    const pi = await h.start(PROCESS_ID, { ...APPLICATION, applicationType: 'transfer', applicationReason: '迁居外省', transferInArea: '成都市' });
    await h.complete(pi, 'instantReview', { as: 'window-clerk', variables: { instantReviewDecision: 'approved' } });

    // when
    await h.complete(pi, 'systemMaintenance', {
      as: 'window-clerk',
      variables: { suspensionDate: '2026-03-02', insuredFrom: '2019-01', insuredTo: '2016-02', contributionMonths: 86, systemUpdated: true },
    });
    const returned = await h.waitForTask(pi, 'systemMaintenance');
    const problem = (await h.variables(pi)).dataEntryProblem;
    await h.complete(pi, 'systemMaintenance', { as: 'window-clerk', variables: { insuredTo: '2026-02', systemUpdated: true } });

    // then
    expect(returned.candidateGroups).toEqual(['window-clerk']);
    expect(problem).toMatchObject({ messageZh: '参保截止年月（2016-02）早于参保起始年月（2019-01）', jobType: 'generate-enrolment-certificate' });
    await h.expectEnded(pi, ['endTransferred']);
  });
});
