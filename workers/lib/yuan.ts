/**
 * Yuan amounts as decimal strings ("1234.56"), added and subtracted exactly with decimal.js and printed to the fen.
 * Notices print sums (个人负担 = 总费用 − 统筹支付 − …) that must add up on paper; a binary float would not.
 */
import { Decimal } from 'decimal.js';
import { InvalidInputError } from './errors.js';

const YUAN = /^(0|[1-9]\d*)(\.\d{1,2})?$/;

/** a + b + … to the fen ("0.00" for none). */
export function addYuan(...amounts: readonly string[]): string {
  return amounts.reduce((sum, amount) => sum.plus(parse(amount)), new Money(0)).toFixed(2);
}

/** a − b − … to the fen; throws {@link InvalidInputError} when the result would be negative. */
export function subtractYuan(minuend: string, ...subtrahends: readonly string[]): string {
  const rest = subtrahends.reduce((value, amount) => value.minus(parse(amount)), parse(minuend));
  if (rest.isNegative()) throw new InvalidInputError('amount', 'the parts exceed the total');
  return rest.toFixed(2);
}

/** −1, 0 or 1 as a < b, a = b, a > b. */
export function compareYuan(a: string, b: string): number {
  return parse(a).comparedTo(parse(b));
}

// helpers

/** Own Decimal constructor, so a global `Decimal.set` elsewhere cannot change our precision. */
const Money = Decimal.clone({ precision: 40 });

function parse(amount: string): Decimal {
  if (!YUAN.test(amount)) throw new InvalidInputError('amount', `'${amount}' is not a yuan amount such as "1234.56"`);
  return new Money(amount);
}
