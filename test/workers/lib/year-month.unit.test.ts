/**
 * Contribution months on Temporal's PlainYearMonth: counted inclusively across year ends, indexed consecutively.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../workers/lib/errors.js';
import { isYearMonth, monthIndexOf, monthsInclusive } from '../../../workers/lib/year-month.js';

describe('year months', () => {
  it('should count months inclusively, across year ends', () => {
    expect([monthsInclusive('2020-01', '2020-12'), monthsInclusive('2019-12', '2020-01'), monthsInclusive('2026-03', '2026-03')]).toEqual([12, 2, 1]);
  });

  it('should give consecutive months consecutive indexes, also from December to January', () => {
    expect(monthIndexOf('2021-01') - monthIndexOf('2020-12')).toBe(1);
    expect(monthIndexOf('2026-03')).toBe(2026 * 12 + 2);
  });

  it.each(['2026-13', '2026-00', '202603', '2026-03-01', '2026-3'])('should NOT read %j as a month', (value) => {
    expect(isYearMonth(value)).toBe(false);
    expect(() => monthIndexOf(value)).toThrow(InvalidInputError);
  });
});
