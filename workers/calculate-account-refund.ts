/**
 * calculate-account-refund (FC10 个人账户一次性支取): from the personal account balance and the reason, the amount
 * to pay out (decimal.js, to the fen) with the amount in capital numerals, and who receives it (unit account, the
 * insured person or the heir). The share per reason and the rounding are unconfirmed parameters
 * (config/account-refund-parameters.json), listed in `accountRefundUnverifiedParameters` so the notice is marked
 * provisional.
 */
import { z } from 'zod';
import { calculateAccountRefund, PAYEE_TYPES, WITHDRAWAL_ROUTES } from './lib/account-refund.js';
import { ACCOUNT_REFUND_REASONS } from './lib/account-refund-parameters.js';
import { amountInWords } from './lib/amount-in-words.js';
import { isIsoDate, officeDateOf } from './lib/iso-date.js';
import { complete, defineJobWorker } from './runtime/job-worker-definition.js';

const input = z.object({
  /** 个人账户余额 (本金+利息) in yuan, e.g. "12000.00"; up to four decimals. */
  personalAccountBalance: z.string().regex(/^(0|[1-9]\d*)(\.\d{1,4})?$/, '需要以元为单位的金额，如 "1234.56"'),
  accountRefundReason: z.enum(ACCOUNT_REFUND_REASONS),
  /** 余额截至日; without it: today (office date). Picks the parameter version. */
  accountBalanceDate: z.string().refine(isIsoDate, '需要 YYYY-MM-DD').optional(),
  /** 单位一次性支取 (unit) or 个人一次性支取 (individual, the default). */
  withdrawalRoute: z.enum(WITHDRAWAL_ROUTES).optional(),
});

const output = z.object({
  accountRefundAmount: z.string(),
  accountRefundAmountInWords: z.string(),
  /** false when there is nothing to pay out (zero balance). */
  accountRefundDue: z.boolean(),
  accountRefundPayeeType: z.enum(PAYEE_TYPES),
  accountRefundParameterVersion: z.string(),
  accountRefundUnverifiedParameters: z.array(z.string()),
});

export const calculateAccountRefundWorker = defineJobWorker({
  type: 'calculate-account-refund',
  descriptionZh: '计算医疗个人账户一次性返还金额（含大写金额）及收款方',
  descriptionEn: 'Computes the one-off personal account refund (with amount in words) and who receives it',
  input,
  output,
  errors: {},
  handler(v, job) {
    const result = calculateAccountRefund(
      {
        balance: v.personalAccountBalance,
        reason: v.accountRefundReason,
        balanceDate: v.accountBalanceDate ?? officeDateOf(new Date()),
        route: v.withdrawalRoute,
      },
      job.parameters.accountRefund,
    );
    return complete(output, {
      accountRefundAmount: result.refundAmount,
      accountRefundAmountInWords: amountInWords(result.refundAmount),
      accountRefundDue: result.refundAmount !== '0.00',
      accountRefundPayeeType: result.payeeType,
      accountRefundParameterVersion: result.parameterVersion,
      accountRefundUnverifiedParameters: [...result.unverifiedParameters],
    });
  },
});
