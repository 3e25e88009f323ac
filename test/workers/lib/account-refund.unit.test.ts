/** FC10 个人账户一次性返还: amount to the fen per reason, rounding, payee, parameter versions and provenance. */
import { describe, expect, it } from 'vitest';
import { calculateAccountRefund, payeeTypeOf } from '../../../workers/lib/account-refund.js';
import { loadAccountRefundParameters, type AccountRefundParameters } from '../../../workers/lib/account-refund-parameters.js';
import { amountInWords } from '../../../workers/lib/amount-in-words.js';
import { InvalidInputError, NoEffectiveParametersError } from '../../../workers/lib/errors.js';

const shipped = loadAccountRefundParameters();

describe('calculateAccountRefund', () => {
  it('should pay out the whole balance to the heir after a death (shipped placeholder)', () => {
    // given
    const input = { balance: '12000', reason: 'death', balanceDate: '2026-02-28' } as const;

    // when
    const result = calculateAccountRefund(input, shipped);

    // then
    expect(result).toEqual({
      refundAmount: '12000.00',
      payeeType: 'heir',
      parameterVersion: 'qinghai-placeholder-2021-11',
      unverifiedParameters: ['refundShare.death', 'rounding'],
    });
    expect(amountInWords(result.refundAmount)).toBe('壹万贰仟元整');
  });

  it.each([
    ['1234.5649', 'ROUND_HALF_UP', '1234.56'],
    ['1234.565', 'ROUND_HALF_UP', '1234.57'],
    ['1234.569', 'ROUND_DOWN', '1234.56'],
    ['0', 'ROUND_HALF_UP', '0.00'],
  ] as const)('should round a balance of %s with %s to %s', (balance, rounding, expected) => {
    // given
    const parameters = withVersion({ rounding: { value: rounding, verified: true, source: 'test' } });

    // when
    const result = calculateAccountRefund({ balance, reason: 'emigration', balanceDate: '2026-01-01' }, parameters);

    // then
    expect(result.refundAmount).toBe(expected);
  });

  it('should apply the share of the reason and report only the figures it used', () => {
    // given half of the balance for a voluntary withdrawal, confirmed
    const base = shipped.versions[0]!;
    const parameters = withVersion({ refundShare: { ...base.refundShare, voluntaryWithdrawal: { value: '0.5', verified: true, source: 'test' } } });

    // when
    const result = calculateAccountRefund({ balance: '1000.01', reason: 'voluntaryWithdrawal', balanceDate: '2026-01-01' }, parameters);

    // then 500.005 rounds half up
    expect(result.refundAmount).toBe('500.01');
    expect(result.unverifiedParameters).toEqual(['rounding']);
  });

  it('should NOT accept a balance that is not a yuan amount', () => {
    // given
    // when
    const calculate = () => calculateAccountRefund({ balance: '-5', reason: 'death', balanceDate: '2026-01-01' }, shipped);

    // then
    expect(calculate).toThrow(InvalidInputError);
  });

  it('should NOT calculate before the first parameter version is in force', () => {
    // given
    // when
    const calculate = () => calculateAccountRefund({ balance: '5', reason: 'death', balanceDate: '2020-01-01' }, shipped);

    // then
    expect(calculate).toThrow(NoEffectiveParametersError);
  });
});

describe('payeeTypeOf', () => {
  it.each([
    ['death', 'unit', 'unit'],
    ['death', 'individual', 'heir'],
    ['transferNotAccepted', 'individual', 'insured'],
    ['emigration', 'unit', 'unit'],
  ] as const)('should pay %s through the %s route to %s', (reason, route, payee) => {
    expect(payeeTypeOf(reason, route)).toBe(payee);
  });
});

// helpers

function withVersion(changes: Partial<AccountRefundParameters['versions'][number]>): AccountRefundParameters {
  return { ...shipped, versions: [{ ...shipped.versions[0]!, ...changes }] };
}
