/**
 * Civil dates on Temporal's PlainDate: only `YYYY-MM-DD` and real days (leap years, month ends), and instants
 * read in Asia/Shanghai, which keeps +08:00 all year (no daylight-saving time).
 */
import { describe, expect, it } from 'vitest';
import { InvalidDateError } from '../../../workers/lib/errors.js';
import { addDays, daysBetween, formatIsoDate, isIsoDate, isWeekend, lastDayOfMonth, officeDateOf, parseIsoDate } from '../../../workers/lib/iso-date.js';

describe('isIsoDate', () => {
  it.each([
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['2026-02-29', false],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
  ])('should read %s as a real day: %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it.each(['20260302', '+002026-03-02', '2026-03-02T09:00', '2026-3-2', '2026-03-02[u-ca=iso8601]', ' 2026-03-02'])(
    'should NOT read %j as a date, though Temporal would',
    (value) => {
      expect(isIsoDate(value)).toBe(false);
      expect(() => parseIsoDate(value)).toThrow(InvalidDateError);
    },
  );
});

describe('date arithmetic', () => {
  it('should cross month ends, year ends and leap days by the calendar', () => {
    expect([addDays('2028-02-28', 1), addDays('2026-02-28', 1), addDays('2026-12-31', 1), addDays('2026-03-01', -1)]).toEqual([
      '2028-02-29',
      '2026-03-01',
      '2027-01-01',
      '2026-02-28',
    ]);
  });

  it('should count the days between two dates, negative backwards', () => {
    expect([daysBetween('2028-01-01', '2029-01-01'), daysBetween('2026-01-01', '2027-01-01'), daysBetween('2026-03-02', '2026-03-01')]).toEqual([366, 365, -1]);
  });

  it('should give the last day of February in leap and common years', () => {
    expect([lastDayOfMonth('2028-02-10'), lastDayOfMonth('2026-02-10'), lastDayOfMonth('2026-04-30')]).toEqual(['2028-02-29', '2026-02-28', '2026-04-30']);
  });

  it('should tell Saturdays and Sundays', () => {
    // 2026-03-07 is a Saturday
    expect(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'].map(isWeekend)).toEqual([false, true, true, false]);
  });

  it('should NOT make a date of a day the month does not have', () => {
    expect(formatIsoDate({ year: 2028, month: 2, day: 29 })).toBe('2028-02-29');
    expect(() => formatIsoDate({ year: 2026, month: 2, day: 29 })).toThrow(InvalidDateError);
  });
});

describe('officeDateOf', () => {
  it.each([
    ['2026-01-15T15:59:59Z', '2026-01-15'],
    ['2026-01-15T16:00:00Z', '2026-01-16'],
    ['2026-07-15T15:59:59Z', '2026-07-15'],
    ['2026-07-15T16:00:00Z', '2026-07-16'],
  ])('should switch the office date at 16:00 UTC in winter and summer alike (no DST in Asia/Shanghai): %s', (instant, expected) => {
    expect(officeDateOf(new Date(instant))).toBe(expected);
  });

  it('should NOT take an invalid Date', () => {
    expect(() => officeDateOf(new Date('nonsense'))).toThrow(InvalidDateError);
  });
});
