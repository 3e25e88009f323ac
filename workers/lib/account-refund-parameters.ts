/**
 * Versioned parameters for the FC10 医疗个人账户一次性返还 (docs/domain/notices.md), read from
 * `config/account-refund-parameters.json`: the share of the balance paid out for each withdrawal reason and the
 * rounding to the fen. No Xining text confirms them, so each carries `verified` and `source`.
 */
import { z } from 'zod';
import { CONFIG_DIR, loadJsonConfig } from './load-json-config.js';
import { decimalStringSchema, parameterVersionFields, ROUNDING_MODES, verifiedValue, versionListSchema } from './versioned-parameters.js';

/** Why the account is paid out: 死亡, 转异地且转入地不接收个人账户资金, 出国（境）定居, 主动放弃职工医保. */
export const ACCOUNT_REFUND_REASONS = ['death', 'transferNotAccepted', 'emigration', 'voluntaryWithdrawal'] as const;
export type AccountRefundReason = (typeof ACCOUNT_REFUND_REASONS)[number];

export const ACCOUNT_REFUND_REASON_TEXT: Readonly<Record<AccountRefundReason, string>> = {
  death: '参保人员死亡',
  transferNotAccepted: '转异地参保，转入地不接收个人账户资金',
  emigration: '出国（境）定居',
  voluntaryWithdrawal: '主动放弃职工基本医疗保险',
};

const shareSchema = verifiedValue(decimalStringSchema.refine((v) => Number(v) <= 1, '比例不能大于 1'));

export const accountRefundParameterVersionSchema = z.strictObject({
  ...parameterVersionFields,
  /** Part of the balance paid out, per reason ("1" = all of it). */
  refundShare: z.strictObject({ death: shareSchema, transferNotAccepted: shareSchema, emigration: shareSchema, voluntaryWithdrawal: shareSchema }),
  /** How the amount is rounded to the fen. */
  rounding: verifiedValue(z.enum(ROUNDING_MODES)),
});

export const accountRefundParametersSchema = z.strictObject({
  $comment: z.string().optional(),
  parameterSet: z.literal('account-refund'),
  poolingRegion: z.string().min(1),
  versions: versionListSchema(accountRefundParameterVersionSchema),
});

export type AccountRefundParameters = z.output<typeof accountRefundParametersSchema>;

export const ACCOUNT_REFUND_PARAMETERS_FILE = new URL('account-refund-parameters.json', CONFIG_DIR);

export function loadAccountRefundParameters(file: string | URL = ACCOUNT_REFUND_PARAMETERS_FILE): AccountRefundParameters {
  return loadJsonConfig(file, accountRefundParametersSchema);
}
