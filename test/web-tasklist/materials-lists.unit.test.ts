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

const shown = (values: Record<string, unknown>) =>
  materialLists(values, labels).map((list) => ({ title: list.title, items: list.items.map((item) => (item.unverified ? `${item.label}（未核验）` : item.label)) }));

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
    expect(shown({ materials: ['户口簿'], correctedMaterials: ['照片'], missingMaterials: ['照片'] })).toEqual([
      { title: '申请时提交', items: ['户口簿'] },
      { title: '最近一次补正时提交', items: ['照片'] },
      { title: '需补齐（一次性告知）', items: ['照片'] },
    ]);
    expect(materialLists({}, labels)).toEqual([]);
  });
});
