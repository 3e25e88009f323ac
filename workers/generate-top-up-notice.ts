/**
 * generate-top-up-notice (FC3 在职转退休补缴): the 医疗保险费核定通知单 (补缴通知单) the payer signs and takes to the
 * tax office (docs/domain/notices.md): unit, person, contribution months, months to pay, base, rate, amount in figures and
 * in capital numerals, payment deadline (the month of assessment) and channel, reviewers and the payer's signature.
 */
import { z } from 'zod';
import {
  amountFields,
  chineseDate,
  months,
  SEX_TEXT,
  type NoticeField,
} from './lib/notices/notice-content.js';
import { defineNoticeWorker, type NoticeWorkerSpec } from './lib/notices/define-notice-worker.js';
import { idNumberField, isoDateField, monthsField, personNameField, sexField, textField, yuanField } from './lib/notices/notice-fields.js';
import { lastDayOfMonth } from './lib/iso-date.js';
import { defaultNoticeServices } from './runtime/worker-services.js';

const PERSON_CATEGORIES = { enterprise: '企业职工', institution: '机关事业单位人员', flexible: '灵活就业人员' } as const;

const input = z.object({
  personName: personNameField,
  idNumber: idNumberField,
  sex: sexField,
  birthDate: isoDateField.optional(),
  personCategory: z.enum(['enterprise', 'institution', 'flexible']).optional(),
  retirementApprovalDate: isoDateField.optional(),
  retirementCategory: textField.optional(),
  unitName: textField.optional(),
  unitNumber: textField.optional(),
  creditCode: textField.optional(),
  localActualContributionMonths: monthsField,
  transferredContributionMonths: monthsField.optional(),
  deemedContributionMonths: monthsField.optional(),
  totalContributionMonths: monthsField,
  requiredTotalMonths: monthsField.optional(),
  systemTopUpMonths: monthsField.min(1, '应补缴月数为 0 时不出具补缴通知单'),
  topUpMonthlyBase: yuanField.optional(),
  /** As a fraction: "0.08" prints 8%. */
  topUpRate: z.string().regex(/^0(\.\d{1,6})?$|^1(\.0+)?$/, '需要费率小数，如 "0.08"').optional(),
  topUpAmount: yuanField,
  /** 缴费期限; without it: the last day of the month of assessment (核定当月). */
  paymentDeadline: isoDateField.optional(),
  paymentChannel: textField.optional(),
  firstReviewer: textField.optional(),
  secondReviewer: textField.optional(),
  /** From calculate-top-up: parameters not yet confirmed make the notice provisional. */
  topUpUnverifiedParameters: z.array(z.string()).optional(),
});

export const topUpNoticeSpec: NoticeWorkerSpec<typeof input> = {
  type: 'generate-top-up-notice',
  noticeType: 'topUpNotice',
  descriptionZh: '生成医疗保险费核定通知单（补缴通知单）PDF，编号并存入文档服务',
  descriptionEn: 'Generates the numbered top-up assessment notice (PDF) and stores it through the Documents API',
  input,
  content(v, _office, issuedOn) {
    const unit: NoticeField[] = [
      { label: '单位名称', value: v.unitName ?? '', wide: true },
      { label: '单位医保编号', value: v.unitNumber ?? '' },
      { label: '统一社会信用代码', value: v.creditCode ?? '' },
    ];
    return {
      provisional:
        v.topUpUnverifiedParameters && v.topUpUnverifiedParameters.length > 0 ? '（补缴参数尚待医保部门确认，本通知单仅供核对）' : undefined,
      sections: [
        { heading: '一、参保单位', fields: unit },
        {
          heading: '二、参保人员',
          fields: [
            { label: '姓名', value: v.personName },
            { label: '性别', value: SEX_TEXT[v.sex] },
            { label: '公民身份号码', value: v.idNumber },
            { label: '出生日期', value: chineseDate(v.birthDate) },
            { label: '人员类别', value: v.personCategory ? PERSON_CATEGORIES[v.personCategory] : '' },
            { label: '退休类别', value: v.retirementCategory ?? '' },
            { label: '退休审批日期', value: chineseDate(v.retirementApprovalDate), wide: true },
          ],
        },
        {
          heading: '三、缴费年限核定',
          fields: [
            { label: '本地实际缴费', value: months(v.localActualContributionMonths) },
            { label: '转入缴费', value: months(v.transferredContributionMonths) },
            { label: '视同缴费', value: months(v.deemedContributionMonths) },
            { label: '累计缴费', value: months(v.totalContributionMonths) },
            { label: '规定最低缴费', value: months(v.requiredTotalMonths) },
            { label: '应补缴月数', value: months(v.systemTopUpMonths) },
          ],
        },
        {
          heading: '四、应缴金额',
          fields: [
            { label: '补缴基数（元/月）', value: v.topUpMonthlyBase ?? '' },
            { label: '费率', value: v.topUpRate ? percent(v.topUpRate) : '' },
            ...amountFields('应缴金额', v.topUpAmount).map((field) => ({ ...field, wide: true })),
            { label: '缴费期限', value: `${chineseDate(v.paymentDeadline ?? lastDayOfMonth(issuedOn))}前` },
            { label: '缴费渠道', value: v.paymentChannel ?? '税务部门' },
          ],
        },
      ],
      closing: ['请核对以上信息，确认无误后签字，并于缴费期限内到税务部门办理缴费；逾期未缴的，须回退并重新核定。'],
      signatures: ['初审人', '复审人', '单位经办人', '参保人签字确认'],
    };
  },
};

export const generateTopUpNoticeWorker = defineNoticeWorker(topUpNoticeSpec, defaultNoticeServices);

// helpers

function percent(fraction: string): string {
  const [whole = '0', decimals = ''] = fraction.split('.');
  const hundredths = `${whole}${decimals.padEnd(2, '0')}`;
  const integer = String(Number(hundredths.slice(0, -(decimals.length > 2 ? decimals.length - 2 : 0) || undefined)));
  const rest = decimals.length > 2 ? decimals.slice(2).replace(/0+$/, '') : '';
  return `${integer}${rest ? `.${rest}` : ''}%`;
}
