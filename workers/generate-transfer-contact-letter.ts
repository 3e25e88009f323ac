/**
 * generate-transfer-contact-letter (FC11 关系转移接续, Xining as 转入地): the 《基本医疗保险关系转移接续联系函》 the
 * transfer-in office sends to the transfer-out office (docs/domain/notices.md): addressed to the
 * transfer-out office, the person (name, sex, ID, 户籍类型), 转移类别 and scheme, the new unit, and the receiving
 * office's name, 行政区划代码, bank (开户银行全称, 户名, 账号), address, postcode and phone (config/notices.json),
 * asking for the 信息表 and the account balance within 10 working days (医保办发〔2021〕43号, docs/domain/time-limits.md).
 */
import { z } from 'zod';
import { defineNoticeWorker, type NoticeWorkerSpec } from './lib/notices/define-notice-worker.js';
import { chineseDate, INSURANCE_TYPE_TEXT, SEX_TEXT } from './lib/notices/notice-content.js';
import { idNumberField, insuranceTypeField, isoDateField, personNameField, sexField, textField } from './lib/notices/notice-fields.js';
import { defaultNoticeServices } from './runtime/worker-services.js';

const HOUSEHOLD_TYPE_TEXT = { urban: '城镇户籍', rural: '农村户籍' } as const;

const input = z.object({
  personName: personNameField,
  idNumber: idNumberField,
  sex: sexField.optional(),
  householdType: z.enum(['urban', 'rural']).optional(),
  /** Scheme in the transfer-in area (Xining). */
  insuranceType: insuranceTypeField,
  /** Scheme in the transfer-out area; with insuranceType it gives the 转移类别 (职工→职工, 居民→职工, …). */
  previousInsuranceType: insuranceTypeField.optional(),
  /** 转出地经办机构 the letter is addressed to. */
  transferOutOfficeName: textField,
  /** 转出地统筹区. */
  transferOutPoolingArea: textField.optional(),
  /** 新参保单位. */
  unitName: textField.optional(),
  /** Date the application (转移接续申请表) was accepted. */
  applicationDate: isoDateField.optional(),
});

export const transferContactLetterSpec: NoticeWorkerSpec<typeof input> = {
  type: 'generate-transfer-contact-letter',
  noticeType: 'transferContactLetter',
  descriptionZh: '生成基本医疗保险关系转移接续联系函 PDF（转入地出具），编号并存入文档服务',
  descriptionEn: 'Generates the numbered transfer contact letter (PDF) from the transfer-in office and stores it',
  input,
  content(v, office) {
    const category = v.previousInsuranceType
      ? `${INSURANCE_TYPE_TEXT[v.previousInsuranceType]} → ${INSURANCE_TYPE_TEXT[v.insuranceType]}`
      : '';
    return {
      addressee: `${v.transferOutOfficeName}：`,
      opening: [
        `参保人员${v.personName}${v.applicationDate ? `于${chineseDate(v.applicationDate)}` : ''}向我机构申请办理基本医疗保险关系转移接续，经审核，其已在我统筹区参加${INSURANCE_TYPE_TEXT[v.insuranceType]}。` +
          '请贵机构自收到本函之日起10个工作日内，办理转出手续，出具《参保人员基本医疗保险信息表》，并将其个人账户结余资金划转至我机构下列账户。',
      ],
      sections: [
        {
          heading: '一、参保人员',
          fields: [
            { label: '姓名', value: v.personName },
            { label: '性别', value: v.sex ? SEX_TEXT[v.sex] : '' },
            { label: '公民身份号码', value: v.idNumber },
            { label: '户籍类型', value: v.householdType ? HOUSEHOLD_TYPE_TEXT[v.householdType] : '' },
            { label: '医疗保险类型', value: INSURANCE_TYPE_TEXT[v.insuranceType], wide: true },
            { label: '转移类别', value: category, wide: true },
            { label: '转出地统筹区', value: v.transferOutPoolingArea ?? '' },
            { label: '新参保单位', value: v.unitName ?? '' },
          ],
        },
        {
          heading: '二、转入机构',
          fields: [
            { label: '转入机构名称', value: office.name, wide: true },
            { label: '行政区划代码', value: office.administrativeDivisionCode },
            { label: '转入统筹区', value: office.poolingAreaName },
            { label: '开户银行全称', value: office.bank?.bankName ?? '', wide: true },
            { label: '户名', value: office.bank?.accountName ?? '', wide: true },
            { label: '银行账号', value: office.bank?.accountNumber ?? '', wide: true },
            { label: '联系地址', value: office.address ?? '', wide: true },
            { label: '邮政编码', value: office.postcode ?? '' },
            { label: '联系电话', value: office.phone ?? '' },
          ],
        },
      ],
      closing: ['特此函达。'],
      signatures: ['经办人', '审核人'],
    };
  },
};

export const generateTransferContactLetterWorker = defineNoticeWorker(transferContactLetterSpec, defaultNoticeServices);
