/**
 * The order of the case variables panels (the task list's 案件数据, the monitor's variables): by the Chinese labels
 * in the dictionary's (pinyin) order, the process's own wording first, technical names without a label after.
 */
import { describe, expect, it } from 'vitest';
import { sortByLabel, type VariableLabels } from '../../../web-shared/src/format/variable-labels.js';

const labels: VariableLabels = {
  byProcess: { reimbursement: { applicantName: '报销人姓名' } },
  common: { acceptedAt: '受理时间', idNumber: '公民身份号码', applicantName: '申请人姓名', bankAccount: '银行账号' },
  options: {},
  money: [],
  fields: {},
};

describe('sortByLabel', () => {
  it('should order by label in zh-CN dictionary order, then the unlabelled by name', () => {
    // given
    const variables = ['zeta', 'acceptedAt', 'Alpha', 'idNumber', 'applicantName', 'bankAccount'].map((name) => ({ name }));

    // when
    const common = sortByLabel(labels, variables).map((variable) => variable.name);
    const own = sortByLabel(labels, variables, 'reimbursement').map((variable) => variable.name);

    // then 公民身份号码 (gōng), 申请人姓名 (shēn), 受理时间 (shòu), 银行账号 (yín); 报销人姓名 (bào) in its own process
    expect(common).toEqual(['idNumber', 'applicantName', 'acceptedAt', 'bankAccount', 'Alpha', 'zeta']);
    expect(own).toEqual(['applicantName', 'idNumber', 'acceptedAt', 'bankAccount', 'Alpha', 'zeta']);
    expect(variables.map((variable) => variable.name)).toEqual(['zeta', 'acceptedAt', 'Alpha', 'idNumber', 'applicantName', 'bankAccount']);
  });
});
