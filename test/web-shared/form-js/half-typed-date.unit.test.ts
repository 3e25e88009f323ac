/**
 * Which texts in a form's date field are a half-typed date (half-typed-date.ts): kept as typed and marked wrong,
 * never read by the calendar as a date it fills in.
 */
import { describe, expect, it } from 'vitest';
import { isHalfTypedDate } from '../../../web-shared/src/form-js/half-typed-date.js';

describe('isHalfTypedDate', () => {
  it.each(['2026', '2026/', '2026/3', '2026/3/', '2026-12', '20261207', '3月5日', '12/7/2026', 'abc', ' 2026 '])('should take “%s” for half typed', (text) => {
    expect(isHalfTypedDate(text)).toBe(true);
  });

  it.each(['', '  ', '2026/12/7', '2026/3/5', '2026-12-07', '2026.12.07', '2026年12月7日', ' 2026/1/1 '])('should take “%s” for no half-typed date', (text) => {
    expect(isHalfTypedDate(text)).toBe(false);
  });
});
