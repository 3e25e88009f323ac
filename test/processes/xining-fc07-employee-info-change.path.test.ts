/**
 * FC7 职工参保信息变更登记 (即时审核 P1, 即时办结: no deadline timers): a change of ordinary information by the insured
 * person, a change of key information (the ID number, checked again by the system) through the employer, the
 * 一次性告知 loop for missing proof and for a new ID number that fails its check, and the refusal.
 */
import { describe, expect, it } from 'vitest';
import { useProcessHarness } from '../support/process-harness.js';
import { expectDecisionNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc07-employee-info-change';

const ID_DOCUMENT = '医保电子凭证或有效身份证件或社会保障卡';
const FORM = '《基本医疗保险职工参保信息变更登记表》（关键信息变更加盖单位公章）';
const KEY_PROOF = '关键信息（姓名、性别、公民身份号码、出生日期）变更的对应证明材料（如户口簿、公安机关出具的证明）';

const phoneChange = {
  channel: 'online',
  applicantType: 'insured',
  personName: '马晓梅',
  idNumber: '630102199003154029',
  changedItems: ['phone'],
  changeDetails: '联系电话变更为 13909718888',
  materialsSubmitted: [ID_DOCUMENT, FORM],
};

const idNumberChange = {
  channel: 'window',
  applicantType: 'employer',
  unitName: '西宁市城中区青稞商贸有限公司',
  personName: '马晓梅',
  idNumber: '630102199003154029',
  changedItems: ['idNumber'],
  newIdNumber: '630121199501010027',
  materialsSubmitted: [ID_DOCUMENT, FORM, KEY_PROOF],
};

const h = useProcessHarness([PROCESS_ID]);

describe('FC7 职工参保信息变更登记', () => {
  it('should change ordinary information at once: review, then maintenance in the business system', async () => {
    // given
    const pi = await h.start(PROCESS_ID, phoneChange);

    // when
    await h.complete(pi, 'instantReview', { as: 'window-clerk', variables: { reviewDecision: 'approved', materialsChecked: [ID_DOCUMENT, FORM] } });
    await h.complete(pi, 'systemMaintenance', { as: 'window-clerk', variables: { systemMaintained: true } });

    // then
    await h.expectEnded(pi, ['endChanged']);
    const variables = await h.variables(pi);
    expect(variables).toMatchObject({ identityValid: true, systemMaintained: true });
    expect(variables).not.toHaveProperty('dueDate');
  });

  it('should change key information when the proof and the unit stamp are checked, validating the new ID number', async () => {
    // given
    const pi = await h.start(PROCESS_ID, idNumberChange);

    // when
    await h.complete(pi, 'instantReview', {
      as: 'window-clerk',
      variables: { reviewDecision: 'approved', keyChangeProof: ['公安机关出具的变更证明', '《职工参保信息变更登记表》已加盖单位公章'] },
    });
    await h.complete(pi, 'systemMaintenance', { as: 'window-clerk', variables: { systemMaintained: true } });

    // then the system checked the new number: its birth date and sex are the new ones
    await h.expectEnded(pi, ['endChanged']);
    expect(await h.variables(pi)).toMatchObject({ identityValid: true, birthDate: '1995-01-01', sex: 'female' });
  });

  it('should tell all missing proof at once and review again after the correction', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...idNumberChange, materialsSubmitted: [ID_DOCUMENT, FORM] });

    // when
    await h.complete(pi, 'instantReview', {
      as: 'window-clerk',
      variables: { reviewDecision: 'returned', reviewReason: '变更公民身份号码未附证明材料', missingMaterials: [KEY_PROOF] },
    });
    await h.waitForElement(pi, 'missingMaterialsNotice');
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { correctedMaterials: [KEY_PROOF] } });
    await h.complete(pi, 'instantReview', { as: 'window-clerk', variables: { reviewDecision: 'approved', keyChangeProof: ['公安机关出具的变更证明'] } });
    await h.complete(pi, 'systemMaintenance', { as: 'window-clerk', variables: { systemMaintained: true } });

    // then
    await h.expectEnded(pi, ['endChanged']);
    expect((await h.variables(pi)).missingMaterialsNoticeNumber).toMatch(/告知第\d{4}号$/);
  });

  it('should tell the applicant to correct a new ID number that fails the GB 11643 check', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...idNumberChange, newIdNumber: '630121199501010028' });

    // when
    await h.waitForElement(pi, 'missingMaterialsNotice');
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { correctedMaterials: [KEY_PROOF], newIdNumber: '630121199501010027' } });
    await h.complete(pi, 'instantReview', { as: 'window-clerk', variables: { reviewDecision: 'approved', keyChangeProof: ['居民身份证'] } });
    await h.complete(pi, 'systemMaintenance', { as: 'window-clerk', variables: { systemMaintained: true } });

    // then
    await h.expectEnded(pi, ['endChanged']);
    expect(await h.variables(pi)).toMatchObject({ newIdNumber: '630121199501010027', identityValid: true });
  });

  it('should refuse a change the proof does not support', async () => {
    // given
    const pi = await h.start(PROCESS_ID, idNumberChange);

    // when
    await h.complete(pi, 'instantReview', { as: 'window-clerk', variables: { reviewDecision: 'rejected', decisionReason: '证明材料与申请变更的号码不符' } });

    // then the applicant gets a 不予变更告知书 with the reason
    await h.expectEnded(pi, ['endNotChanged']);
    await expectDecisionNotice(h, pi, { decision: '不予变更', expectedText: ['证明材料与申请变更的号码不符', '职工参保信息变更登记'] });
  });
});
