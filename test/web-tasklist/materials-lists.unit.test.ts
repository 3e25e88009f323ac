/**
 * The 材料清单's lists: the reviewer's verified materials under every name the forms give them, items by the
 * forms' option labels from the shared catalogue, and the intake items no reviewer verified marked.
 */
import { describe, expect, it } from 'vitest';
import type { VariableLabels } from '../../web-shared/src/format/variable-labels.js';
import { materialLists } from '../../web-tasklist/src/materials-lists.js';

const labels: VariableLabels = {
  byProcess: {},
  common: {},
  options: {
    submittedMaterials: { idCard: '有效身份证件', form: '《申请表》', record: '病历资料' },
    materialsChecked: { idCard: '有效身份证件', form: '《申请表》', record: '病历资料' },
  },
  money: [],
  fields: {},
};

const shown = (values: Record<string, unknown>, formWrites?: string[], missingSettled?: boolean) =>
  materialLists(values, labels, { formWrites, missingSettled }).map((list) => ({
    title: list.title,
    items: list.items.map((item) => (item.unverified ? `${item.label}（${item.sentBack ? '需补正' : '未核验'}）` : item.label)),
  }));

describe('materialLists', () => {
  it('should show the reviewer’s materialsChecked by label and mark what was submitted but not verified', () => {
    // given
    const values = { submittedMaterials: ['idCard', 'form', 'record'], materialsChecked: ['idCard', 'record'] };

    // when
    const lists = materialLists(values, labels);

    // then
    expect(shown(values)).toEqual([
      { title: '申请时提交', items: ['有效身份证件', '《申请表》（未核验）', '病历资料'] },
      { title: '审核核验无误的材料', items: ['有效身份证件', '病历资料'] },
    ]);
    expect(lists[0]!.unverifiedCount).toBe(1);
    expect(lists[1]!.unverifiedCount).toBe(0);
  });

  it('should leave a value no option words as it is', () => {
    expect(shown({ materialsSubmitted: ['缴费基数申报表'], materialsChecked: ['缴费基数申报表', 'other'] })).toEqual([
      { title: '申请时提交', items: ['缴费基数申报表'] },
      { title: '审核核验无误的材料', items: ['缴费基数申报表', 'other'] },
    ]);
  });

  it('should take receivedMaterials beside an intake list as the reviewer’s (FC20 初步审核, FC21 登记), alone as the window’s (FC19)', () => {
    expect(shown({ submittedMaterials: ['社会保障卡复印件', '转院审批表'], receivedMaterials: ['社会保障卡复印件'] })).toEqual([
      { title: '申请时提交', items: ['社会保障卡复印件', '转院审批表（未核验）'] },
      { title: '审核时核验收取的材料', items: ['社会保障卡复印件'] },
    ]);
    expect(shown({ receivedMaterials: ['社会保障卡复印件'] })).toEqual([{ title: '窗口已收取', items: ['社会保障卡复印件'] }]);
  });

  it('should show 核定依据 and 变更证明 without taking them for the whole verified list', () => {
    // given FC18: 受理 verified two, 初审 verified one 核定依据; FC7: a key change proved
    const fc18 = { submittedMaterials: ['身份证件', '出院证'], materialsChecked: ['身份证件', '出院证'], verifiedEvidence: ['出院证'] };
    const fc7 = { materialsSubmitted: ['变更登记表'], keyChangeProof: ['户口簿'] };

    // then
    expect(shown(fc18)).toEqual([
      { title: '申请时提交', items: ['身份证件', '出院证'] },
      { title: '审核核验无误的材料', items: ['身份证件', '出院证'] },
      { title: '初审核验的核定依据', items: ['出院证'] },
    ]);
    expect(shown(fc7)).toEqual([
      { title: '申请时提交', items: ['变更登记表'] },
      { title: '审核核对的关键信息变更证明材料', items: ['户口簿'] },
    ]);
  });

  it('should mark every intake item when the reviewer verified none, and none before any reviewer ticked', () => {
    expect(shown({ materials: ['户口簿'], materialsChecked: [] })).toEqual([{ title: '申请时提交', items: ['户口簿（未核验）'] }]);
    expect(shown({ materials: ['户口簿'], missingMaterials: ['照片'] })).toEqual([
      { title: '申请时提交', items: ['户口簿'] },
      { title: '需补齐（一次性告知）', items: ['照片'] },
    ]);
    expect(materialLists({}, labels)).toEqual([]);
  });

  it('should not mark the intake on the reviewer’s own open task after a return, and title her earlier ticks so (S1)', () => {
    // given FC1 初审 returned: she had verified two; the case comes back to her after 补正
    const values = { submittedMaterials: ['idCard', 'form', 'record'], materialsChecked: ['idCard', 'record'], correctedMaterials: ['form'], missingMaterials: ['form'] };

    // then on her open 初审 (the form writes materialsChecked) nothing is marked, her old list is the round before
    expect(shown(values, ['submittedMaterials', 'materialsChecked', 'missingMaterials'])).toEqual([
      { title: '申请时提交', items: ['有效身份证件', '《申请表》', '病历资料'] },
      { title: '最近一次补正时提交', items: ['form'] },
      { title: '上一轮审核核验无误的材料（退回前）', items: ['有效身份证件', '病历资料'] },
    ]);
    // and on the 复审 (another form) the marks stay
    expect(shown(values, ['secondReviewDecision'])[0]).toEqual({ title: '申请时提交', items: ['有效身份证件', '《申请表》（未核验）', '病历资料'] });
  });

  it('should keep another reviewer’s marks when the open form writes only 核定依据 (FC18 初审 after 受理)', () => {
    const values = { submittedMaterials: ['身份证件', '出院证'], materialsChecked: ['身份证件'], verifiedEvidence: ['出院证'] };
    expect(shown(values, ['verifiedEvidence'])).toEqual([
      { title: '申请时提交', items: ['身份证件', '出院证（未核验）'] },
      { title: '审核核验无误的材料', items: ['身份证件'] },
      { title: '上一轮初审核验的核定依据（退回前）', items: ['出院证'] },
    ]);
  });

  it('should take an item verified under any of the reviewer’s names as verified (S2: FC18/22 核定依据)', () => {
    const values = { submittedMaterials: ['身份证件', '出院证'], materialsChecked: ['身份证件'], verifiedEvidence: ['出院证'] };
    expect(shown(values)[0]).toEqual({ title: '申请时提交', items: ['身份证件', '出院证'] });
    expect(materialLists(values, labels)[0]!.unverifiedCount).toBe(0);
  });

  it('should leave out of the missing list what came with the last 补正 or was verified since, and title it as told at the return (S3)', () => {
    // given 初审 told two missing; 补正 brought one, 初审 then verified the other (handed in meanwhile) and one more is still out
    const values = {
      submittedMaterials: ['idCard'],
      correctedMaterials: ['form'],
      materialsChecked: ['idCard', 'form', 'record'],
      missingMaterials: ['form', 'record', '户口簿'],
    };
    expect(shown(values).at(-1)).toEqual({ title: '上次退回时告知需补齐', items: ['户口簿'] });
    // all come: no missing list
    expect(shown({ ...values, missingMaterials: ['form', 'record'] }).map((list) => list.title)).not.toContain('上次退回时告知需补齐');
  });

  it('should tell an item the reviewer sent back (需补正) from one she only did not tick (S4)', () => {
    const lists = materialLists({ submittedMaterials: ['idCard', 'form', 'record'], materialsChecked: ['idCard'], missingMaterials: ['form'] }, labels);
    expect(lists[0]!.items.map(({ label, unverified, sentBack }) => ({ label, unverified, sentBack }))).toEqual([
      { label: '有效身份证件', unverified: false, sentBack: false },
      { label: '《申请表》', unverified: true, sentBack: true },
      { label: '病历资料', unverified: true, sentBack: false },
    ]);
  });

  it('should not take the previous 补正’s list off the newer return’s on the second 补正 task (FC1, FC19–21)', () => {
    // given 初审 asked for the form, the first 补正 brought it, 初审 asked for it again (still wrong)
    const values = { submittedMaterials: ['idCard', 'form'], materialsChecked: ['idCard'], correctedMaterials: ['form'], missingMaterials: ['form'] };

    // then on the 补正 task (its form writes correctedMaterials) the form is still to bring, told as at this return
    expect(shown(values, ['correctedMaterials', 'correctionNote'])).toEqual([
      { title: '申请时提交', items: ['有效身份证件', '《申请表》（需补正）'] },
      { title: '上一轮最近一次补正时提交（退回前）', items: ['form'] },
      { title: '审核核验无误的材料', items: ['有效身份证件'] },
      { title: '需补齐（一次性告知）', items: ['form'] },
    ]);
    // but on the 初审 after that 补正 (her form shows the corrected list, disabled, and writes the missing list) it came
    expect(shown(values, ['materialsChecked', 'missingMaterials', 'correctedMaterials', 'firstReviewDecision'])).toEqual([
      { title: '申请时提交', items: ['有效身份证件', '《申请表》'] },
      { title: '最近一次补正时提交', items: ['form'] },
      { title: '上一轮审核核验无误的材料（退回前）', items: ['有效身份证件'] },
    ]);
    // and the same under FC19–21's name
    const supplemented = { receivedMaterials: ['x'], supplementedMaterials: ['y'], missingMaterials: ['y'] };
    expect(shown(supplemented, ['supplementedMaterials']).at(-1)).toEqual({ title: '需补齐（一次性告知）', items: ['y'] });
    expect(shown(supplemented, ['registrationDecision']).map((list) => list.title)).not.toContain('需补齐（一次性告知）');
  });

  it('should not show the return’s missing list once the step that returned it has approved (a value no list matches, FC3 其他（见理由）)', () => {
    const values = { submittedMaterials: ['idCard', 'form'], materialsChecked: ['idCard'], missingMaterials: ['其他（见理由）', 'form'] };
    expect(shown(values, ['secondReviewDecision'], true)).toEqual([
      { title: '申请时提交', items: ['有效身份证件', '《申请表》（未核验）'] },
      { title: '审核核验无误的材料', items: ['有效身份证件'] },
    ]);
    expect(shown(values, ['secondReviewDecision'], false).at(-1)).toEqual({ title: '需补齐（一次性告知）', items: ['其他（见理由）', 'form'] });
  });
});
