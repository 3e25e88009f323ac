/**
 * FC10 医疗个人账户一次性返还 (docs/domain/amounts.md): the amount paid out of a personal medical account and who
 * receives it.
 *
 * - refund = balance (本金+利息 on the balance date, as the business system reports it) × the reason's share,
 *   rounded once to the fen with the configured mode (config/account-refund-parameters.json, all [GUESS]);
 * - payee: through the employer (FC10 单位一次性支取) the money goes to the unit's account first (box G); otherwise
 *   to the heir after a death (box C), else to the insured person's own bank account (box B).
 */
import { Decimal } from 'decimal.js';
import type { AccountRefundParameters, AccountRefundReason } from './account-refund-parameters.js';
import { InvalidInputError } from './errors.js';
import type { IsoDate } from './iso-date.js';
import { selectEffectiveVersion, unverifiedParameterPaths } from './versioned-parameters.js';

/** 单位一次性支取 (through the employer) or 个人一次性支取 (the insured person or the heir at the window). */
export const WITHDRAWAL_ROUTES = ['unit', 'individual'] as const;
export type WithdrawalRoute = (typeof WITHDRAWAL_ROUTES)[number];

/** 收款方类型: 单位账户 / 个人 / 继承人. */
export const PAYEE_TYPES = ['unit', 'insured', 'heir'] as const;
export type PayeeType = (typeof PAYEE_TYPES)[number];

export interface AccountRefundInput {
  /** Yuan, a decimal string with up to four decimals (interest may be kept to more than the fen). */
  readonly balance: string;
  readonly reason: AccountRefundReason;
  /** 个人账户余额截至日: picks the parameter version. */
  readonly balanceDate: IsoDate;
  readonly route?: WithdrawalRoute;
}

export interface AccountRefund {
  /** Yuan to the fen, e.g. "12000.00". */
  readonly refundAmount: string;
  readonly payeeType: PayeeType;
  readonly parameterVersion: string;
  /** Dotted paths of the parameters used that the office has not confirmed. */
  readonly unverifiedParameters: readonly string[];
}

const BALANCE = /^(0|[1-9]\d*)(\.\d{1,4})?$/;

export function calculateAccountRefund(input: AccountRefundInput, parameters: AccountRefundParameters): AccountRefund {
  if (!BALANCE.test(input.balance)) throw new InvalidInputError('balance', 'expected a yuan amount such as "1234.56"');
  const version = selectEffectiveVersion(parameters.parameterSet, parameters.versions, input.balanceDate);
  const share = version.refundShare[input.reason];
  const refundAmount = new Money(input.balance).times(share.value).toDecimalPlaces(2, Decimal[version.rounding.value]).toFixed(2);
  return {
    refundAmount,
    payeeType: payeeTypeOf(input.reason, input.route ?? 'individual'),
    parameterVersion: version.id,
    unverifiedParameters: unverifiedParameterPaths({ refundShare: { [input.reason]: share }, rounding: version.rounding }),
  };
}

export function payeeTypeOf(reason: AccountRefundReason, route: WithdrawalRoute): PayeeType {
  if (route === 'unit') return 'unit';
  return reason === 'death' ? 'heir' : 'insured';
}

// helpers

/** Own Decimal constructor, so a global `Decimal.set` elsewhere cannot change our precision. */
const Money = Decimal.clone({ precision: 40 });
