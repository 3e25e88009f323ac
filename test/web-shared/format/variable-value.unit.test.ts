/**
 * Case variables as a clerk reads them (案件数据): Chinese labels by name (the case's own process first), office
 * date-times, amounts as ¥ with thousands and fen, 是/否, option labels, lists and objects in words, documents by file
 * name.
 */
import { describe, expect, it } from 'vitest';
import { parseExact } from '../../../web-shared/src/api/exact-json.js';
import { variableLabel, type VariableLabels } from '../../../web-shared/src/format/variable-labels.js';
import { EMPTY_VALUE, formatVariableValue } from '../../../web-shared/src/format/variable-value.js';
import { maskPersonalData } from '../../../web-shared/src/masking/personal-data.js';

const labels: VariableLabels = {
  byProcess: { 'xining-fc20-manual-reimbursement': { personName: '参保人姓名' } },
  common: { personName: '姓名', acceptedAt: '受理时间', idNumber: '公民身份号码', relation: '关系', workingDays: '工作日数' },
  options: { applicantType: { insured: '参保人本人', agent: '委托办理人' } },
  money: ['amount', 'contributionBase', 'personalAccountBalance', 'totalExpenses'],
  fields: { item: '费用项目', amount: '金额（元）', relation: '与参保人关系' },
};
const context = { labels, processId: 'xining-fc20-manual-reimbursement' };

describe('variableLabel', () => {
  it("should prefer the label of the case's own process, then the common one", () => {
    expect(variableLabel(labels, 'personName', 'xining-fc20-manual-reimbursement')).toBe('参保人姓名');
    expect(variableLabel(labels, 'personName', 'xining-fc01-employer-registration')).toBe('姓名');
    expect(variableLabel(labels, 'acceptedAt', 'xining-fc20-manual-reimbursement')).toBe('受理时间');
  });

  it('should give nothing for a name nothing labels, nor for names of Object.prototype', () => {
    expect(variableLabel(labels, 'legacyImportRef')).toBeUndefined();
    expect(variableLabel(labels, 'constructor')).toBeUndefined();
    expect(variableLabel(labels, 'toString', 'xining-fc20-manual-reimbursement')).toBeUndefined();
  });
});

describe('formatVariableValue', () => {
  it('should show a long integer read exactly by its digits, an ID number under a personal name masked', () => {
    expect(formatVariableValue('externalRef', parseExact('12345678901234567890'), context)).toBe('12345678901234567890');
    expect(formatVariableValue('externalRef', maskPersonalData(parseExact('[12345678901234567890]')), context)).toBe('12345678901234567890');
    expect(formatVariableValue('idNumber', maskPersonalData({ idNumber: parseExact('630102199001011234') }).idNumber, context)).toBe('630102********1234');
  });

  it('should show a date-time in the office zone (Asia/Shanghai) as the apps show dates', () => {
    expect(formatVariableValue('acceptedAt', '2026-12-04T08:00:00Z', context)).toBe('2026-12-04 16:00');
    expect(formatVariableValue('acceptedAt', '2026-12-05T07:19:37.131Z', context)).toBe('2026-12-05 15:19');
    expect(formatVariableValue('remindedAt', '2026-12-04T23:30:00+08:00', context)).toBe('2026-12-04 23:30');
  });

  it("should show a date-time written by FEEL on a cluster in the office zone, whatever the broker's zone", () => {
    expect(formatVariableValue('acceptedAt', '2026-12-04T09:30:00.123@Europe/Berlin', context)).toBe('2026-12-04 16:30');
    expect(formatVariableValue('acceptedAt', '2026-12-04T16:30:00+08:00[Asia/Shanghai]', context)).toBe('2026-12-04 16:30');
    expect(formatVariableValue('acceptedAt', '2026-12-04T16:30:00', context)).toBe('2026-12-04 16:30');
    expect(formatVariableValue('acceptedAt', '2026-12-04T16:30:00@Nowhere/City', context)).toBe('2026-12-04T16:30:00@Nowhere/City');
  });

  it('should leave a plain date and other text as they are', () => {
    expect(formatVariableValue('deadlineDate', '2026-12-24', context)).toBe('2026-12-24');
    expect(formatVariableValue('personName', '韩永福', context)).toBe('韩永福');
  });

  it('should show booleans as 是/否 and nothing as a dash', () => {
    expect(formatVariableValue('identityValid', true, context)).toBe('是');
    expect(formatVariableValue('identityValid', false, context)).toBe('否');
    expect(formatVariableValue('note', null, context)).toBe(EMPTY_VALUE);
    expect(formatVariableValue('note', '', context)).toBe(EMPTY_VALUE);
    expect(formatVariableValue('materials', [], context)).toBe(EMPTY_VALUE);
  });

  it("should show a stored code by its option's label", () => {
    expect(formatVariableValue('applicantType', 'insured', context)).toBe('参保人本人');
    expect(formatVariableValue('applicantType', 'unknown-code', context)).toBe('unknown-code');
  });

  it('should join a list with 、 and word objects as label：value pairs', () => {
    expect(formatVariableValue('submittedMaterials', ['医院收费票据', '住院费用清单（住院）'], context)).toBe('医院收费票据、住院费用清单（住院）');
    expect(formatVariableValue('familyMembers', [{ personName: '韩梅', relation: '配偶', verified: true }, { personName: '韩雪' }], context)).toBe(
      '参保人姓名：韩梅，关系：配偶，verified：是；参保人姓名：韩雪',
    );
  });

  it('should show an amount in yuan with ¥, thousands and the fen, as a number or as the text a form stores', () => {
    expect(formatVariableValue('totalExpenses', '12345.6', context)).toBe('¥12,345.60');
    expect(formatVariableValue('totalExpenses', '0', context)).toBe('¥0.00');
    expect(formatVariableValue('contributionBase', 12345.6, context)).toBe('¥12,345.60');
    expect(formatVariableValue('contributionBase', 4200, context)).toBe('¥4,200.00');
    expect(formatVariableValue('totalExpenses', '-80.5', context)).toBe('-¥80.50');
    // every stored decimal kept (interest to four places), and a text past a double's digits exactly as written
    expect(formatVariableValue('personalAccountBalance', '1234.5678', context)).toBe('¥1,234.5678');
    expect(formatVariableValue('totalExpenses', '12345678901234567.89', context)).toBe('¥12,345,678,901,234,567.89');
    // an expense item's amount inside a list (its fields by the workers' labels)
    expect(formatVariableValue('expenseItems', [{ item: '床位费', amount: '1200' }], context)).toBe('费用项目：床位费，金额（元）：¥1,200.00');
  });

  it('should leave a number that is no amount, and an amount that is no number, as they are', () => {
    expect(formatVariableValue('contributionMonths', 12345.6, context)).toBe('12345.6');
    expect(formatVariableValue('paymentVoucherNumber', '12345.60', context)).toBe('12345.60');
    expect(formatVariableValue('totalExpenses', '待核定', context)).toBe('待核定');
    expect(formatVariableValue('totalExpenses', '1,200', context)).toBe('1,200');
    expect(formatVariableValue('totalExpenses', null, context)).toBe(EMPTY_VALUE);
  });

  it('should leave out the parts of an object that are not set', () => {
    expect(formatVariableValue('statutoryTimeLimit', { workingDays: 15, calendarDays: null, months: null }, context)).toBe('工作日数：15');
  });

  it('should name a document by its file name', () => {
    const document = { 'camunda.document.type': 'camunda', storeId: 'in-memory', documentId: 'd-1', metadata: { fileName: '结算单.pdf', contentType: 'application/pdf' } };
    expect(formatVariableValue('settlementStatementDocument', [document], context)).toBe('结算单.pdf');
  });

  it('should keep masked personal data masked when it words a masked value', () => {
    const masked = maskPersonalData([{ personName: '韩梅', idNumber: '630103196503152014' }]);
    expect(formatVariableValue('familyMembers', masked, context)).toBe('参保人姓名：韩梅，公民身份号码：630103********2014');
  });
});
