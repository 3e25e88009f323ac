/**
 * generate-insurance-info-sheet (FC11 关系转移接续, Xining as 转出地): the 《参保人员基本医疗保险信息表》 the transfer-out
 * office returns to the transfer-in office so it can add the contribution months (docs/domain/notices.md): the
 * person, the transfer-out office with its 行政区划代码 (config/notices.json), the transfer-in office, the
 * contribution record by period (起止年月, 月数, 险种, 单位), interruptions, deemed and total months, and the
 * personal account money transferred with its date. Since 2021 the table goes to the national platform with an
 * electronic seal; this is the printed (and archived) form of the same data.
 */
import { z } from 'zod';
import { monthsInclusive } from './lib/year-month.js';
import { defineNoticeWorker, type NoticeWorkerSpec } from './lib/notices/define-notice-worker.js';
import { amountFields, chineseDate, chineseYearMonth, INSURANCE_TYPE_TEXT, months, SEX_TEXT } from './lib/notices/notice-content.js';
import {
  idNumberField,
  insuranceTypeField,
  isoDateField,
  monthsField,
  personNameField,
  sexField,
  textField,
  yearMonthField,
  yuanField,
} from './lib/notices/notice-fields.js';
import type { DataEntryRule } from './runtime/data-entry-rules.js';
import { defaultNoticeServices } from './runtime/worker-services.js';

const period = z
  .object({
    from: yearMonthField,
    to: yearMonthField,
    insuranceType: insuranceTypeField.optional(),
    unitName: textField.optional(),
  });

const input = z.object({
  personName: personNameField,
  idNumber: idNumberField,
  sex: sexField.optional(),
  insuranceType: insuranceTypeField,
  /** 转入地经办机构 the table goes to. */
  transferInOfficeName: textField.optional(),
  /** 参保缴费记录 in this pooling area, oldest first. */
  contributionPeriods: z.array(period).min(1, '至少需要一段缴费记录'),
  /** 中断情况, e.g. 2015年3月至2015年8月中断缴费. */
  interruptions: textField.optional(),
  deemedContributionMonths: monthsField.optional(),
  /** Without it: the months of the periods plus the deemed months. */
  totalContributionMonths: monthsField.optional(),
  /** 个人账户转移金额 and 划转日期. */
  accountTransferAmount: yuanField.optional(),
  accountTransferDate: isoDateField.optional(),
});

/** The contribution record the second reviewer enters: every period ends no earlier than it starts. */
const dataRules: DataEntryRule<z.output<typeof input>>[] = [
  {
    fields: ['contributionPeriods'],
    holds: (v) => v.contributionPeriods.every((p) => p.from <= p.to),
    messageZh: (v) =>
      v.contributionPeriods
        .map((p, i) => (p.from <= p.to ? undefined : `第${i + 1}段缴费记录的截止年月（${p.to}）早于起始年月（${p.from}）`))
        .filter(Boolean)
        .join('；'),
  },
];

export const insuranceInfoSheetSpec: NoticeWorkerSpec<typeof input> = {
  type: 'generate-insurance-info-sheet',
  noticeType: 'insuranceInfoSheet',
  descriptionZh: '生成参保人员基本医疗保险信息表 PDF（转出地出具），编号并存入文档服务',
  descriptionEn: 'Generates the numbered insurance information table (PDF) issued by the transfer-out office and stores it',
  input,
  dataRules,
  content(v, office) {
    const paidMonths = v.contributionPeriods.reduce((sum, p) => sum + monthsInclusive(p.from, p.to), 0);
    return {
      sections: [
        {
          heading: '一、参保人员基本信息',
          fields: [
            { label: '姓名', value: v.personName },
            { label: '性别', value: v.sex ? SEX_TEXT[v.sex] : '' },
            { label: '公民身份号码', value: v.idNumber },
            { label: '参保险种', value: INSURANCE_TYPE_TEXT[v.insuranceType] },
          ],
        },
        {
          heading: '二、转出与转入机构',
          fields: [
            { label: '转出机构', value: office.name },
            { label: '行政区划代码', value: office.administrativeDivisionCode },
            { label: '转入机构', value: v.transferInOfficeName ?? '', wide: true },
          ],
        },
        {
          heading: '三、参保缴费记录',
          table: {
            columns: ['起始年月', '截止年月', '月数', '险种', '参保单位'],
            rows: v.contributionPeriods.map((p) => [
              chineseYearMonth(p.from),
              chineseYearMonth(p.to),
              String(monthsInclusive(p.from, p.to)),
              p.insuranceType ? INSURANCE_TYPE_TEXT[p.insuranceType] : '',
              p.unitName ?? '',
            ]),
          },
          fields: [
            { label: '中断情况', value: v.interruptions ?? '无', wide: true },
            { label: '实际缴费月数', value: months(paidMonths) },
            { label: '视同缴费月数', value: months(v.deemedContributionMonths) },
            { label: '累计缴费月数', value: months(v.totalContributionMonths ?? paidMonths + (v.deemedContributionMonths ?? 0)), wide: true },
          ],
        },
        {
          heading: '四、个人账户',
          fields: [
            ...amountFields('个人账户转移金额', v.accountTransferAmount).map((field) => ({ ...field, wide: true })),
            { label: '划转日期', value: chineseDate(v.accountTransferDate), wide: true },
          ],
        },
      ],
      signatures: ['经办人', '审核人'],
    };
  },
};

export const generateInsuranceInfoSheetWorker = defineNoticeWorker(insuranceInfoSheetSpec, defaultNoticeServices);
