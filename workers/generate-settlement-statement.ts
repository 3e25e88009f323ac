/**
 * generate-settlement-statement (FC20 零星报销 / FC22 异地生育医疗费报销): the 结算单 (结算支付单据) the window
 * makes after 审核结算 (docs/domain/flowcharts.md FC step 4), which finance pays from (step 5).
 *
 * No official field list was found (docs/domain/notices.md names only "结算支付单据"); the fields are what FC20/22 and
 * the national items 门诊/住院费用报销 imply: the insured person and unit, the category (门诊 / 住院 / 生育), the
 * hospital and treatment dates, the acceptance date, an optional itemised bill, and the settlement: 总费用,
 * 全自费 (outside the 三个目录), 先行自付 (乙类), 起付标准, 统筹基金支付, 大额医疗补助支付, 个人负担 (computed
 * when not given: total − fund payments), the amount reimbursed in figures and capital numerals, and the payee's
 * bank account (参保人提供的金融帐号) or the unit transfer.
 */
import { z } from 'zod';
import { defineNoticeWorker, type NoticeWorkerSpec } from './lib/notices/define-notice-worker.js';
import { amountFields, chineseDate, yuanInFigures } from './lib/notices/notice-content.js';
import { bankAccountField, idNumberField, isoDateField, personNameField, textField, yuanField } from './lib/notices/notice-fields.js';
import { addYuan, compareYuan, subtractYuan } from './lib/yuan.js';
import type { DataEntryRule } from './runtime/data-entry-rules.js';
import { defaultNoticeServices } from './runtime/worker-services.js';

const CATEGORY_TEXT = { outpatient: '门诊费用', inpatient: '住院费用', maternity: '生育医疗费用' } as const;

const money = (value: string | undefined) => (value === undefined ? '' : yuanInFigures(value));

const input = z
  .object({
    personName: personNameField,
    idNumber: idNumberField,
    unitName: textField.optional(),
    reimbursementCategory: z.enum(['outpatient', 'inpatient', 'maternity']),
    hospitalName: textField.optional(),
    treatmentFrom: isoDateField.optional(),
    treatmentTo: isoDateField.optional(),
    acceptedAt: isoDateField.optional(),
    /** 费用明细, e.g. [{ item: '西药费', amount: '1200.00' }]. */
    expenseItems: z.array(z.object({ item: textField, amount: yuanField })).optional(),
    /** 总费用. */
    totalExpenses: yuanField,
    /** 全自费 (目录外). */
    outOfCatalogueExpenses: yuanField.optional(),
    /** 先行自付 (乙类). */
    partialSelfPayment: yuanField.optional(),
    /** 起付标准. */
    deductible: yuanField.optional(),
    /** 统筹基金支付. */
    poolingFundPayment: yuanField,
    /** 大额医疗补助支付. */
    seriousIllnessPayment: yuanField.optional(),
    /** 个人负担; without it: total − fund payments. */
    personalPayment: yuanField.optional(),
    payeeName: textField.optional(),
    payeeBankName: textField.optional(),
    payeeBankAccount: bankAccountField.optional(),
  });

type Settlement = z.output<typeof input>;

/** The amounts and dates the first reviewer enters at 录入审核 must agree with each other (docs/domain/amounts.md). */
const dataRules: DataEntryRule<Settlement>[] = [
  {
    fields: ['poolingFundPayment', 'seriousIllnessPayment', 'totalExpenses'],
    holds: (v) => notAbove(addYuan(v.poolingFundPayment, v.seriousIllnessPayment ?? '0'), v.totalExpenses),
    messageZh: (v) =>
      `统筹基金支付与大额医疗补助支付之和（${yuanInFigures(addYuan(v.poolingFundPayment, v.seriousIllnessPayment ?? '0'))}）超过总费用（${yuanInFigures(v.totalExpenses)}）`,
  },
  {
    fields: ['outOfCatalogueExpenses', 'partialSelfPayment', 'deductible', 'totalExpenses'],
    holds: (v) => notAbove(addYuan(v.outOfCatalogueExpenses ?? '0', v.partialSelfPayment ?? '0', v.deductible ?? '0'), v.totalExpenses),
    messageZh: (v) =>
      `全自费、先行自付与起付标准之和（${yuanInFigures(addYuan(v.outOfCatalogueExpenses ?? '0', v.partialSelfPayment ?? '0', v.deductible ?? '0'))}）超过总费用（${yuanInFigures(v.totalExpenses)}）`,
  },
  {
    fields: ['personalPayment', 'totalExpenses'],
    holds: (v) => v.personalPayment === undefined || notAbove(v.personalPayment, v.totalExpenses),
    messageZh: (v) => `个人负担（${yuanInFigures(v.personalPayment)}）超过总费用（${yuanInFigures(v.totalExpenses)}）`,
  },
  {
    fields: ['treatmentFrom', 'treatmentTo'],
    holds: (v) => v.treatmentFrom === undefined || v.treatmentTo === undefined || v.treatmentFrom <= v.treatmentTo,
    messageZh: (v) => `就医结束日期（${v.treatmentTo}）早于开始日期（${v.treatmentFrom}）`,
  },
  {
    fields: ['treatmentTo', 'acceptedAt'],
    holds: (v) => v.treatmentTo === undefined || v.acceptedAt === undefined || v.treatmentTo <= v.acceptedAt,
    messageZh: (v) => `就医结束日期（${v.treatmentTo}）晚于受理日期（${v.acceptedAt}）`,
  },
];

export const settlementStatementSpec: NoticeWorkerSpec<typeof input> = {
  type: 'generate-settlement-statement',
  noticeType: 'settlementStatement',
  descriptionZh: '生成医疗费用零星报销结算单 PDF（总费用、自付、统筹支付等），编号并存入文档服务',
  descriptionEn: 'Generates the numbered manual reimbursement settlement statement (PDF) and stores it through the Documents API',
  input,
  dataRules,
  content(v) {
    const reimbursed = addYuan(v.poolingFundPayment, v.seriousIllnessPayment ?? '0');
    const personal = v.personalPayment ?? subtractYuan(v.totalExpenses, reimbursed);
    const treatment = [chineseDate(v.treatmentFrom), chineseDate(v.treatmentTo)].filter(Boolean).join(' 至 ');
    return {
      sections: [
        {
          heading: '一、参保人员',
          fields: [
            { label: '姓名', value: v.personName },
            { label: '公民身份号码', value: v.idNumber },
            { label: '单位名称', value: v.unitName ?? '', wide: true },
          ],
        },
        {
          heading: '二、就医信息',
          fields: [
            { label: '报销类别', value: CATEGORY_TEXT[v.reimbursementCategory] },
            { label: '受理日期', value: chineseDate(v.acceptedAt) },
            { label: '医疗机构', value: v.hospitalName ?? '', wide: true },
            { label: '就医日期', value: treatment, wide: true },
          ],
        },
        ...(v.expenseItems && v.expenseItems.length > 0
          ? [{ heading: '三、费用明细', table: { columns: ['项目', '金额（元）'], rows: v.expenseItems.map((e) => [e.item, yuanInFigures(e.amount)]) } }]
          : []),
        {
          heading: v.expenseItems && v.expenseItems.length > 0 ? '四、结算' : '三、结算',
          fields: [
            { label: '总费用', value: yuanInFigures(v.totalExpenses) },
            { label: '全自费', value: money(v.outOfCatalogueExpenses) },
            { label: '先行自付', value: money(v.partialSelfPayment) },
            { label: '起付标准', value: money(v.deductible) },
            { label: '统筹基金支付', value: yuanInFigures(v.poolingFundPayment) },
            { label: '大额医疗补助支付', value: money(v.seriousIllnessPayment) },
            { label: '个人负担', value: yuanInFigures(personal), wide: true },
            ...amountFields('本次报销金额', reimbursed).map((field) => ({ ...field, wide: true })),
          ],
        },
        {
          heading: v.expenseItems && v.expenseItems.length > 0 ? '五、支付' : '四、支付',
          fields: [
            { label: '户名', value: v.payeeName ?? '' },
            { label: '开户银行', value: v.payeeBankName ?? '' },
            { label: '银行账号', value: v.payeeBankAccount ?? '', wide: true },
          ],
          paragraphs: v.payeeBankAccount ? [] : ['未提供个人银行账户的，通过参保单位转账发放。'],
        },
      ],
      signatures: ['经办人', '审核人', '财务', '参保人签字'],
    };
  },
};

export const generateSettlementStatementWorker = defineNoticeWorker(settlementStatementSpec, defaultNoticeServices);

// helpers

function notAbove(part: string, total: string): boolean {
  return compareYuan(part, total) <= 0;
}
