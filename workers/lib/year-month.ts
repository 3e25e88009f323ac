/**
 * Contribution months as `YYYY-MM` strings, read as Temporal `PlainYearMonth`s. 缴费年限 are counted in whole
 * months and compared as integers (never as float years, where 25.0 vs 24.999 would flip a 补缴 decision), so a
 * month is also known by its index: consecutive months have consecutive indexes.
 */
import { Temporal } from 'temporal-polyfill';
import { InvalidInputError } from './errors.js';

/** A calendar month `YYYY-MM`. */
export type YearMonth = string;

/** Temporal also reads `202603` and `2026-03-01` as months; variables must say `YYYY-MM`. */
const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month before which no index is negative. */
const FIRST_MONTH = Temporal.PlainYearMonth.from({ year: 0, month: 1 });

export function isYearMonth(value: string): boolean {
  return YEAR_MONTH.test(value);
}

/** Months since January of year 0: consecutive months have consecutive indexes. */
export function monthIndexOf(value: YearMonth): number {
  return FIRST_MONTH.until(parseYearMonth(value), { largestUnit: 'months' }).months;
}

/** Number of months from `from` to `to`, both included (2020-01..2020-12 = 12). */
export function monthsInclusive(from: YearMonth, to: YearMonth): number {
  return parseYearMonth(from).until(parseYearMonth(to), { largestUnit: 'months' }).months + 1;
}

/** The first reviewer enters years and months separately (docs/domain/amounts.md); this turns them into the months we compare. */
export function toMonths(years: number, months: number): number {
  if (!Number.isInteger(years) || years < 0) throw new InvalidInputError('years', 'must be a whole number ≥ 0');
  if (!Number.isInteger(months) || months < 0 || months > 11) {
    throw new InvalidInputError('months', 'must be a whole number from 0 to 11');
  }
  return years * 12 + months;
}

// helpers

function parseYearMonth(value: YearMonth): Temporal.PlainYearMonth {
  if (!isYearMonth(value)) throw new InvalidInputError('yearMonth', `'${value}' is not a valid YYYY-MM month`);
  return Temporal.PlainYearMonth.from(value);
}
