/**
 * FC6 单位参保信息变更登记 (two-level review P2, 即时办结: no deadline timers): a change of key information (the
 * credit code, checked again by the system), a change of other information, the 一次性告知 loop for missing
 * materials and for a new credit code that fails its check, the refusal and the second review sending the case back.
 */
import { describe, expect, it } from 'vitest';
import { useProcessHarness } from '../support/process-harness.js';
import { expectRefusalNotice } from '../support/refusal-notice.js';

const PROCESS_ID = 'xining-fc06-employer-info-change';

const FORM = '《基本医疗保险参保单位信息变更登记表》（加盖单位公章）';
const KEY_PROOF =
  '变更统一社会信用代码、法定代表人等关键信息的对应证明材料（如变更后的统一社会信用代码证书、市场监管部门变更登记通知书）';

const creditCodeChange = {
  channel: 'window',
  unitName: '西宁市城中区青稞商贸有限公司',
  creditCode: '91630103MA752K3P42',
  unitInsuranceNumber: '63010300123',
  changedItems: ['creditCode', 'legalRepresentative'],
  newCreditCode: '916301007104123454',
  newLegalRepresentative: '韩德胜',
  contactName: '李秀英',
  contactPhone: '13897012345',
  materialsSubmitted: [FORM, KEY_PROOF],
};

const addressChange = {
  channel: 'online',
  unitName: '西宁市城中区青稞商贸有限公司',
  creditCode: '91630103MA752K3P42',
  unitInsuranceNumber: '63010300123',
  changedItems: ['unitAddress'],
  changeDetails: '单位地址变更为西宁市城中区长江路8号',
  contactName: '李秀英',
  contactPhone: '13897012345',
  materialsSubmitted: [FORM],
};

const firstApproved = { firstReviewDecision: 'approved', firstReviewer: '张初审', materialsChecked: [FORM, KEY_PROOF] };
const secondApproved = { secondReviewDecision: 'approved', secondReviewer: '王复审' };

const h = useProcessHarness([PROCESS_ID]);

describe('FC6 单位参保信息变更登记', () => {
  it('should change the credit code and the legal representative after both reviews, with no deadline timers', async () => {
    // given
    const pi = await h.start(PROCESS_ID, creditCodeChange);

    // when
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    const variables = await h.variables(pi);
    expect(variables).toMatchObject({ identityValid: true, secondReviewDecision: 'approved' });
    expect(variables).not.toHaveProperty('dueDate');
  });

  it('should change other information, checking the unit’s present credit code', async () => {
    // given
    const pi = await h.start(PROCESS_ID, addressChange);

    // when
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { ...firstApproved, materialsChecked: [FORM] } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({ identityValid: true });
  });

  it('should tell the unit to correct a new credit code that fails the GB 32100 check', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...creditCodeChange, newCreditCode: '916301007104123455' });

    // when
    await h.waitForElement(pi, 'missingMaterialsNotice');
    await h.complete(pi, 'correctMaterials', {
      as: 'window-clerk',
      variables: { correctedMaterials: [KEY_PROOF], newCreditCode: '916301007104123454' },
    });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({ newCreditCode: '916301007104123454', identityValid: true });
  });

  it('should tell all missing materials at once and review again after the correction', async () => {
    // given
    const pi = await h.start(PROCESS_ID, { ...creditCodeChange, materialsSubmitted: [FORM] });

    // when
    await h.complete(pi, 'firstReview', {
      as: 'window-first-review',
      variables: { firstReviewDecision: 'returned', firstReviewReason: '变更统一社会信用代码未附证明材料', missingMaterials: [KEY_PROOF] },
    });
    await h.waitForElement(pi, 'missingMaterialsNotice');
    await h.complete(pi, 'correctMaterials', { as: 'window-clerk', variables: { correctedMaterials: [KEY_PROOF] } });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    const variables = await h.variables(pi);
    expect(variables.missingMaterialsNoticeNumber).toMatch(/告知第\d{4}号$/);
    expect(variables).toMatchObject({ correctedMaterials: [KEY_PROOF] });
  });

  it('should refuse an application outside the scope of the service', async () => {
    // given
    const pi = await h.start(PROCESS_ID, addressChange);

    // when
    await h.complete(pi, 'firstReview', {
      as: 'window-first-review',
      variables: { firstReviewDecision: 'rejected', refusalReason: '单位已注销，应办理注销登记' },
    });

    // then
    await h.expectEnded(pi, ['endNotAccepted']);
    await expectRefusalNotice(h, pi, ['西宁市城中区青稞商贸有限公司', '单位参保信息变更登记', '单位已注销，应办理注销登记']);
  });

  it('should send the case back to the first review when the second review finds an error', async () => {
    // given
    const pi = await h.start(PROCESS_ID, creditCodeChange);
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: firstApproved });

    // when
    await h.complete(pi, 'secondReview', {
      as: 'window-second-review',
      variables: { secondReviewDecision: 'returned', secondReviewReason: '法定代表人姓名与证明材料不一致' },
    });
    await h.complete(pi, 'firstReview', { as: 'window-first-review', variables: { ...firstApproved, newLegalRepresentative: '韩得胜' } });
    await h.complete(pi, 'secondReview', { as: 'window-second-review', variables: secondApproved });

    // then
    await h.expectEnded(pi, ['endRegistered']);
    expect(await h.variables(pi)).toMatchObject({ newLegalRepresentative: '韩得胜' });
  });
});
