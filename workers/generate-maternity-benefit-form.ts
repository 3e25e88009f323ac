/**
 * generate-maternity-benefit-form (FC17/18 生育保险待遇): the 《西宁市城镇职工生育保险待遇申报表》 the window prints
 * after 核定 and hands to finance with the 汇总表 (docs/domain/flowcharts.md FC step 4).
 *
 * No field list was found for this form (docs/domain/notices.md lists it under "no field data found"); the fields are
 * what the FC17/18 boxes and the national service names imply: the unit (name, 统一社会信用代码), the insured woman
 * (name, ID), the event (分娩 / 流产, date, infants, 难产), the hospital, the 备案 reference of FC17, the medical
 * expenses paid by the fund (生育医疗费), the allowance basis (单位上年度职工月平均工资, days) and amount from
 * calculate-maternity-allowance, and the total in figures and capital numerals.
 */
import { z } from 'zod';
import { defineNoticeWorker, type NoticeWorkerSpec } from './lib/notices/define-notice-worker.js';
import { amountFields, chineseDate, yuanInFigures } from './lib/notices/notice-content.js';
import { idNumberField, isoDateField, personNameField, textField, yuanField } from './lib/notices/notice-fields.js';
import { describeMaternityEvent, maternityEventSchema } from './lib/maternity-event.js';
import { addYuan } from './lib/yuan.js';
import { defaultNoticeServices } from './runtime/worker-services.js';

const input = z.object({
  personName: personNameField,
  idNumber: idNumberField,
  unitName: textField,
  creditCode: textField.optional(),
  maternityEventDate: isoDateField,
  maternityEvent: maternityEventSchema,
  hospitalName: textField.optional(),
  /** FC17 备案 reference (备案表编号). */
  maternityRegistrationNumber: textField.optional(),
  /** 生育医疗费 paid by the fund (FC22 / 生育医疗费支付). */
  maternityMedicalExpenses: yuanField.optional(),
  employerAverageMonthlyWage: yuanField.optional(),
  maternityLeaveDays: z.number().int().min(0).optional(),
  maternityAllowanceAmount: yuanField,
  /** From calculate-maternity-allowance: unconfirmed parameters make the form provisional. */
  maternityUnverifiedParameters: z.array(z.string()).optional(),
});

export const maternityBenefitFormSpec: NoticeWorkerSpec<typeof input> = {
  type: 'generate-maternity-benefit-form',
  noticeType: 'maternityBenefitForm',
  descriptionZh: '生成西宁市城镇职工生育保险待遇申报表 PDF，编号并存入文档服务',
  descriptionEn: 'Generates the numbered maternity benefit declaration form (PDF) and stores it through the Documents API',
  input,
  content(v) {
    const eventText = describeMaternityEvent(v.maternityEvent);
    const total = addYuan(v.maternityAllowanceAmount, v.maternityMedicalExpenses ?? '0');
    return {
      provisional:
        v.maternityUnverifiedParameters && v.maternityUnverifiedParameters.length > 0 ? '（生育津贴参数尚待医保部门确认，本表仅供核对）' : undefined,
      sections: [
        {
          heading: '一、参保单位',
          fields: [
            { label: '单位名称', value: v.unitName, wide: true },
            { label: '统一社会信用代码', value: v.creditCode ?? '', wide: true },
          ],
        },
        {
          heading: '二、参保职工',
          fields: [
            { label: '姓名', value: v.personName },
            { label: '公民身份号码', value: v.idNumber },
            { label: '生育类别', value: eventText },
            { label: '生育（手术）日期', value: chineseDate(v.maternityEventDate) },
            { label: '医疗机构', value: v.hospitalName ?? '' },
            { label: '备案编号', value: v.maternityRegistrationNumber ?? '' },
          ],
        },
        {
          heading: '三、待遇核定',
          fields: [
            { label: '生育医疗费', value: v.maternityMedicalExpenses === undefined ? '' : yuanInFigures(v.maternityMedicalExpenses) },
            { label: '单位上年度职工月平均工资', value: v.employerAverageMonthlyWage === undefined ? '' : yuanInFigures(v.employerAverageMonthlyWage) },
            { label: '津贴天数', value: v.maternityLeaveDays === undefined ? '' : `${v.maternityLeaveDays}天` },
            { label: '生育津贴', value: yuanInFigures(v.maternityAllowanceAmount) },
            ...amountFields('合计', total).map((field) => ({ ...field, wide: true })),
          ],
        },
      ],
      closing: ['本表由经办机构核定后，随生育保险待遇支付汇总表于每月20日至30日递交医疗保险财务支付。'],
      signatures: ['单位经办人', '初审人', '复审人', '财务'],
    };
  },
};

export const generateMaternityBenefitFormWorker = defineNoticeWorker(maternityBenefitFormSpec, defaultNoticeServices);
