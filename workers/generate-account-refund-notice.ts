/**
 * generate-account-refund-notice (FC10 个人账户一次性支取): the 《医疗个人账户一次性返还支付通知单》 the window
 * generates at 初审 and finance pays from (docs/domain/notices.md): the insured person and unit, the
 * reason (死亡 / 转异地且转入地不接收 / 出国定居 / 主动放弃), termination date, balance and its date, the refund in
 * figures and in capital numerals, the payee (unit account, the insured person or the heir) with bank and account
 * number, the heir's particulars, and the signatures of 经办人, 审核人, 财务转款人 and the recipient.
 *
 * The ID and bank account numbers are printed in full (finance pays from this paper) but never logged: the runtime
 * logs only variable names, and the upload's file name and properties carry only the notice number.
 */
import { z } from 'zod';
import { ACCOUNT_REFUND_REASON_TEXT, ACCOUNT_REFUND_REASONS } from './lib/account-refund-parameters.js';
import { PAYEE_TYPES } from './lib/account-refund.js';
import { defineNoticeWorker, type NoticeWorkerSpec } from './lib/notices/define-notice-worker.js';
import { amountFields, chineseDate, yuanInFigures, type NoticeField } from './lib/notices/notice-content.js';
import { bankAccountField, idNumberField, isoDateField, personNameField, textField, yuanField } from './lib/notices/notice-fields.js';
import type { DataEntryRule } from './runtime/data-entry-rules.js';
import { defaultNoticeServices } from './runtime/worker-services.js';

const PAYEE_TYPE_TEXT = { unit: '参保单位账户', insured: '参保人本人', heir: '继承人' } as const;

const input = z
  .object({
    personName: personNameField,
    idNumber: idNumberField,
    /** 个人编号 in the business system. */
    personNumber: textField.optional(),
    unitName: textField.optional(),
    unitNumber: textField.optional(),
    accountRefundReason: z.enum(ACCOUNT_REFUND_REASONS),
    /** 终止日期 (参保终止 at death, transfer or emigration). */
    terminationDate: isoDateField.optional(),
    /** 个人账户余额 (本金+利息) and the date it is counted to. */
    personalAccountBalance: z.string().regex(/^(0|[1-9]\d*)(\.\d{1,4})?$/, '需要以元为单位的金额').optional(),
    accountBalanceDate: isoDateField.optional(),
    accountRefundAmount: yuanField,
    accountRefundPayeeType: z.enum(PAYEE_TYPES),
    /** 户名 of the receiving account (the unit, the insured person or the heir). */
    payeeName: textField,
    payeeBankName: textField,
    payeeBankAccount: bankAccountField,
    heirName: personNameField.optional(),
    heirIdNumber: idNumberField.optional(),
    /** 与参保人关系, e.g. 配偶, 子女. */
    heirRelationship: textField.optional(),
    firstReviewer: textField.optional(),
    secondReviewer: textField.optional(),
    /** From calculate-account-refund: unconfirmed parameters make the notice provisional. */
    accountRefundUnverifiedParameters: z.array(z.string()).optional(),
  });

/** What the window records about the payee must fit the route: an heir is named; no refund above the balance. */
const dataRules: DataEntryRule<z.output<typeof input>>[] = [
  {
    fields: ['heirName', 'accountRefundPayeeType'],
    holds: (v) => v.accountRefundPayeeType !== 'heir' || v.heirName !== undefined,
    messageZh: () => '收款方为继承人，但未录入继承人姓名',
  },
  {
    fields: ['terminationDate', 'accountBalanceDate'],
    holds: (v) => v.terminationDate === undefined || v.accountBalanceDate === undefined || v.terminationDate <= v.accountBalanceDate,
    messageZh: (v) => `个人账户余额截至日（${v.accountBalanceDate}）早于终止日期（${v.terminationDate}）`,
  },
];

export const accountRefundNoticeSpec: NoticeWorkerSpec<typeof input> = {
  type: 'generate-account-refund-notice',
  noticeType: 'accountRefundNotice',
  descriptionZh: '生成医疗个人账户一次性返还支付通知单 PDF，编号并存入文档服务',
  descriptionEn: 'Generates the numbered one-off personal account refund payment notice (PDF) and stores it through the Documents API',
  input,
  dataRules,
  content(v) {
    const heir: NoticeField[] =
      v.accountRefundPayeeType === 'heir' || v.heirName
        ? [
            { label: '继承人姓名', value: v.heirName ?? '' },
            { label: '与参保人关系', value: v.heirRelationship ?? '' },
            { label: '继承人身份号码', value: v.heirIdNumber ?? '', wide: true },
          ]
        : [];
    return {
      provisional:
        v.accountRefundUnverifiedParameters && v.accountRefundUnverifiedParameters.length > 0 ? '（返还参数尚待医保部门确认，本通知单仅供核对）' : undefined,
      sections: [
        {
          heading: '一、参保人员',
          fields: [
            { label: '姓名', value: v.personName },
            { label: '个人编号', value: v.personNumber ?? '' },
            { label: '公民身份号码', value: v.idNumber, wide: true },
            { label: '单位名称', value: v.unitName ?? '' },
            { label: '单位医保编号', value: v.unitNumber ?? '' },
            { label: '返还原因', value: ACCOUNT_REFUND_REASON_TEXT[v.accountRefundReason] },
            { label: '终止日期', value: chineseDate(v.terminationDate) },
          ],
        },
        {
          heading: '二、个人账户',
          fields: [
            { label: '账户余额', value: v.personalAccountBalance === undefined ? '' : yuanInFigures(v.personalAccountBalance) },
            { label: '余额截至日期', value: chineseDate(v.accountBalanceDate) },
            ...amountFields('返还金额', v.accountRefundAmount).map((field) => ({ ...field, wide: true })),
          ],
        },
        {
          heading: '三、收款信息',
          fields: [
            { label: '收款方', value: PAYEE_TYPE_TEXT[v.accountRefundPayeeType] },
            { label: '户名', value: v.payeeName },
            { label: '开户银行', value: v.payeeBankName, wide: true },
            { label: '银行账号', value: v.payeeBankAccount, wide: true },
            ...heir,
          ],
        },
      ],
      closing: [
        v.accountRefundPayeeType === 'unit'
          ? '请参保单位医保经办人员持本通知单及收款收据到经办机构服务窗口办理转款；个人账户资金先转至单位账户，再由单位转账至领取人银行账户。'
          : '经办机构财务部门依据本通知单将上述返还金额转账至收款人银行账户。',
      ],
      signatures: ['经办人', '审核人', '财务转款人', v.accountRefundPayeeType === 'heir' ? '继承人签字' : '领取人签字'],
    };
  },
};

export const generateAccountRefundNoticeWorker = defineNoticeWorker(accountRefundNoticeSpec, defaultNoticeServices);
