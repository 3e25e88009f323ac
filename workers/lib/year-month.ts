/**
 * Contribution months as `YYYY-MM` strings. 缴费年限 are counted in whole months and compared as integers (never as
 * float years, where 25.0 vs 24.999 would flip a 补缴 decision), so everything here works on month indexes.
 */
import { InvalidInputError } from './errors.js';

/** A calendar month `YYYY-MM`. */
export type YearMonth = string;

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isYearMonth(value: string): boolean {
  return YEAR_MONTH.test(value);
}

/** Months since year 0 (`year * 12 + month − 1`): consecutive months have consecutive indexes. */
export function monthIndexOf(value: YearMonth): number {
  const match = YEAR_MONTH.exec(value);
  if (!match) throw new InvalidInputError('yearMonth', `'${value}' is not a valid YYYY-MM month`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

export function yearMonthOf(monthIndex: number): YearMonth {
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** Number of months from `from` to `to`, both included (2020-01..2020-12 = 12). */
export function monthsInclusive(from: YearMonth, to: YearMonth): number {
  return monthIndexOf(to) - monthIndexOf(from) + 1;
}

/** The first reviewer enters years and months separately (docs/domain/amounts.md); this turns them into the months we compare. */
export function toMonths(years: number, months: number): number {
  if (!Number.isInteger(years) || years < 0) throw new InvalidInputError('years', 'must be a whole number ≥ 0');
  if (!Number.isInteger(months) || months < 0 || months > 11) {
    throw new InvalidInputError('months', 'must be a whole number from 0 to 11');
  }
  return years * 12 + months;
}
