/**
 * FC19 异地就医备案 (即时办结, no deadline timers), one model for both sub-flows of the chart: (1) 退休异地安置 /
 * 异地长期居住 and (2) 常驻异地工作, which differ only in the materials of the first box. Covers both branches,
 * the 一次性告知 loop (missing materials, an ID number failing its check) and the refusal.
 */
import { describe, expect, it } from 'vitest';
import { useProcessHarness } from '../support/process-harness.js';
import { expectDecisionNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc19-out-of-area-registration';

const application = {
  channel: 'window',
  registrationCategory: 'retiredResettlement',
  applicantType: 'insured',
  personName: '李秀兰',
  idNumber: '630103195801013018',
  phone: '13907710001',
  destinationProvince: '海南省',
  destinationCity: '三亚市',
  plannedStartDate: '2026-03-15',
};

const approved = { registrationFormFilled: true, registrationValidFrom: '2026-03-02', registrationDecision: 'approved' };

const h = useProcessHarness([PROCESS_ID]);

describe('FC19 异地就医备案', () => {
  it.each(['retiredResettlement', 'longTermResidence'])('should register %s (sub-flow 1) at the window at once', async (registrationCategory) => {
    // given
    const pi = await h.start(PROCESS_ID, { ...application, registrationCategory });

    // when
    await h.complete(pi, 'residenceMaterials', { as: 'window-clerk', variables: { receivedMaterials: ['社会保障卡复印件'] } });
    await h.complete(pi, 'registration', { as: 'window-clerk', variables: approved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.activeElements(pi)).toEqual([]);
  });

  it('should take the work materials for 常驻异地工作 (sub-flow 2) before registering', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...application, registrationCategory: 'workingElsewhere', destinationProvince: '广东省', destinationCity: '深圳市' });

    // when
    await h.complete(pi, 'workMaterials', {
      as: 'window-clerk',
      variables: {
        receivedMaterials: ['社会保障卡复印件', '异地工作材料（派出工作材料、异地工作材料、工作合同其一）'],
        workProofType: 'dispatchLetter',
        workplaceUnit: '青海某工程有限公司深圳分公司',
      },
    });
    await h.complete(pi, 'registration', { as: 'window-clerk', variables: approved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({ workProofType: 'dispatchLetter', registrationDecision: 'approved' });
  });

  it('should tell all missing materials at once and register after the correction', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...application, registrationCategory: 'workingElsewhere' });
    await h.complete(pi, 'workMaterials', { as: 'window-clerk', variables: { receivedMaterials: ['社会保障卡复印件'], workProofType: 'labourContract', workplaceUnit: '某公司' } });

    // when
    await h.complete(pi, 'registration', {
      as: 'window-clerk',
      variables: {
        registrationDecision: 'returned',
        registrationReason: '未提供异地工作材料',
        missingMaterials: ['异地工作材料（派出工作材料、异地工作材料、工作合同其一）'],
      },
    });
    await h.waitForElement(pi, 'missingMaterialsNotice');
    await h.complete(pi, 'supplementMaterials', {
      as: 'window-clerk',
      variables: { supplementedMaterials: ['异地工作材料（派出工作材料、异地工作材料、工作合同其一）'] },
    });
    await h.complete(pi, 'workMaterials', {
      as: 'window-clerk',
      variables: { receivedMaterials: ['社会保障卡复印件', '异地工作材料（派出工作材料、异地工作材料、工作合同其一）'], workProofType: 'labourContract', workplaceUnit: '某公司' },
    });
    await h.complete(pi, 'registration', { as: 'window-clerk', variables: approved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect((await h.variables(pi)).missingMaterialsNoticeNumber).toMatch(/告知第\d{4}号$/);
  });

  it('should refuse an application that does not qualify', async () => {
    // given an application an agent files
    const pi = await h.start(PROCESS_ID, { ...application, applicantType: 'agent', agentName: '马丽', agentIdNumber: '63010319880612102X', registrationCategory: 'longTermResidence', destinationProvince: '青海省', destinationCity: '海东市' });
    await h.complete(pi, 'residenceMaterials', { as: 'window-clerk', variables: { receivedMaterials: ['社会保障卡复印件'] } });

    // when
    await h.complete(pi, 'registration', {
      as: 'window-clerk',
      variables: { registrationDecision: 'rejected', decisionReason: '省内就医无需办理异地就医备案' },
    });

    // then the applicant gets a 不予备案告知书 with the reason
    await h.expectEnded(pi, ['endNotRegistered']);
    await expectDecisionNotice(h, pi, { decision: '不予备案', expectedText: [`${application.personName}（代办人：马丽）`, '省内就医无需办理异地就医备案', '异地长期居住人员备案'] });
  });

  it('should send an ID number that fails its check to the 一次性告知 loop before the materials are taken', async () => {
    // given a check character that does not match
    const pi = await h.start(PROCESS_ID, { ...application, idNumber: '630103195801013019' });

    // when
    await h.waitForElement(pi, 'idNumberInvalid');
    await h.complete(pi, 'supplementMaterials', {
      as: 'window-clerk',
      variables: { supplementedMaterials: ['社会保障卡复印件'], idNumber: '630103195801013018' },
    });
    await h.complete(pi, 'residenceMaterials', { as: 'window-clerk', variables: { receivedMaterials: ['社会保障卡复印件'] } });
    await h.complete(pi, 'registration', { as: 'window-clerk', variables: approved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    const variables = await h.variables(pi);
    expect(variables.missingMaterials).toEqual(['有效身份证件或社会保障卡复印件（公民身份号码校验未通过，请核对）']);
    expect(variables.identityValid).toBe(true);
  });
});
