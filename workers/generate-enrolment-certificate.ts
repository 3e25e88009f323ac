/**
 * generate-enrolment-certificate (FC11 关系转移接续, Xining as 转出地): the 《基本医疗保险参保凭证》 issued after the
 * insurance relation is suspended (中止/封存) (docs/domain/notices.md): name, sex, ID number, scheme,
 * the pooling area with its 行政区划代码, insured from/until and the suspension date, contribution months (actual,
 * deemed, total), the personal account balance, and the issuing office's address, postcode and phone (from
 * config/notices.json). The paper version had three parts (转入地 / 存档 / 参保人); this prints one sheet with a
 * note on the three uses.
 */
import { z } from 'zod';
import { defineNoticeWorker, type NoticeWorkerSpec } from './lib/notices/define-notice-worker.js';
import { chineseDate, chineseYearMonth, INSURANCE_TYPE_TEXT, months, SEX_TEXT, yuanInFigures } from './lib/notices/notice-content.js';
import {
  idNumberField,
  insuranceTypeField,
  isoDateField,
  monthsField,
  personNameField,
  sexField,
  yearMonthField,
  yuanField,
} from './lib/notices/notice-fields.js';
import type { DataEntryRule } from './runtime/data-entry-rules.js';
import { defaultNoticeServices } from './runtime/worker-services.js';

const input = z.object({
  personName: personNameField,
  idNumber: idNumberField,
  sex: sexField.optional(),
  insuranceType: insuranceTypeField,
  /** 参保起始年月 in this pooling area. */
  insuredFrom: yearMonthField,
  /** 参保截止年月 (last month paid). */
  insuredTo: yearMonthField.optional(),
  /** 中止参保日期 (the certificate is issued only after it). */
  suspensionDate: isoDateField,
  /** 实际缴费月数 in this pooling area. */
  contributionMonths: monthsField,
  deemedContributionMonths: monthsField.optional(),
  totalContributionMonths: monthsField.optional(),
  personalAccountBalance: yuanField.optional(),
});

/** The record entered for the 《参保凭证》: the insured period runs forwards and starts before the suspension. */
const dataRules: DataEntryRule<z.output<typeof input>>[] = [
  {
    fields: ['insuredFrom', 'insuredTo'],
    holds: (v) => v.insuredTo === undefined || v.insuredFrom <= v.insuredTo,
    messageZh: (v) => `参保截止年月（${v.insuredTo}）早于参保起始年月（${v.insuredFrom}）`,
  },
  {
    fields: ['insuredFrom', 'suspensionDate'],
    holds: (v) => v.insuredFrom <= v.suspensionDate.slice(0, 7),
    messageZh: (v) => `中止参保日期（${v.suspensionDate}）早于参保起始年月（${v.insuredFrom}）`,
  },
];

export const enrolmentCertificateSpec: NoticeWorkerSpec<typeof input> = {
  type: 'generate-enrolment-certificate',
  noticeType: 'enrolmentCertificate',
  descriptionZh: '生成基本医疗保险参保凭证 PDF（转出地出具），编号并存入文档服务',
  descriptionEn: 'Generates the numbered certificate of insurance (PDF) issued by the transfer-out office and stores it',
  input,
  dataRules,
  content(v, office) {
    return {
      sections: [
        {
          heading: '一、参保人员',
          fields: [
            { label: '姓名', value: v.personName },
            { label: '性别', value: v.sex ? SEX_TEXT[v.sex] : '' },
            { label: '证件类型', value: '居民身份证' },
            { label: '公民身份号码', value: v.idNumber },
          ],
        },
        {
          heading: '二、参保情况',
          fields: [
            { label: '参保险种', value: INSURANCE_TYPE_TEXT[v.insuranceType], wide: true },
            { label: '参保统筹区', value: office.poolingAreaName },
            { label: '行政区划代码', value: office.administrativeDivisionCode },
            { label: '参保起始年月', value: chineseYearMonth(v.insuredFrom) },
            { label: '参保截止年月', value: chineseYearMonth(v.insuredTo) },
            { label: '中止参保日期', value: chineseDate(v.suspensionDate), wide: true },
            { label: '实际缴费月数', value: months(v.contributionMonths) },
            { label: '视同缴费月数', value: months(v.deemedContributionMonths) },
            { label: '累计缴费月数', value: months(v.totalContributionMonths ?? v.contributionMonths + (v.deemedContributionMonths ?? 0)) },
            { label: '个人账户余额', value: v.personalAccountBalance === undefined ? '' : yuanInFigures(v.personalAccountBalance) },
          ],
        },
        {
          heading: '三、出具机构',
          fields: [
            { label: '机构名称', value: office.name, wide: true },
            { label: '地址', value: office.address ?? '', wide: true },
            { label: '邮政编码', value: office.postcode ?? '' },
            { label: '联系电话', value: office.phone ?? '' },
          ],
        },
      ],
      closing: [
        '本凭证用于办理基本医疗保险关系转移接续。参保人员在新参保地参保后，凭本凭证到转入地医疗保障经办机构申请办理转移接续手续。',
        '本凭证一式三份：一份交转入地经办机构，一份由转出地经办机构存档，一份由参保人员留存。',
      ],
      signatures: ['经办人', '参保人签收'],
    };
  },
};

export const generateEnrolmentCertificateWorker = defineNoticeWorker(enrolmentCertificateSpec, defaultNoticeServices);
