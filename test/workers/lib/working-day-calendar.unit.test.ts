import chineseDays from 'chinese-days';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidDateError, InvalidInputError, MissingHolidayDataError } from '../../../workers/lib/errors.js';
import type { HolidayOverrides } from '../../../workers/lib/holiday-overrides.js';
import { addDays, officeDateOf } from '../../../workers/lib/iso-date.js';
import {
  addMonths,
  addWorkingDays,
  calendarDeadline,
  HOLIDAY_DATA_YEARS,
  isWorkingDay,
  monthsDeadline,
  nextWorkingDayFrom,
  provisionalYearsBetween,
  workingDaysBetween,
} from '../../../workers/lib/working-day-calendar.js';

const originalTimeZone = process.env['TZ'];
const hostStartedWestOfUtc = new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset() > 0;

afterEach(() => {
  // some tests run under another host zone to prove it does not matter
  if (originalTimeZone === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalTimeZone;
});

function overrides(partial: Partial<HolidayOverrides>): HolidayOverrides {
  return { closures: [], extraWorkingDays: [], ...partial };
}

describe('addWorkingDays', () => {
  // docs/domain/deadlines.md, all vectors: acceptance day excluded
  it.each([
    ['2025-09-26', 5, '2025-10-10', 'counts Sun 09-28 (make-up), skips 10-01..08'],
    ['2025-09-26', 15, '2025-10-23', 'FC20-type limit across National Day 2025'],
    ['2025-01-24', 5, '2025-02-07', 'counts Sun 01-26, skips Spring Festival 01-28..02-04'],
    ['2025-12-31', 15, '2026-01-22', 'crosses the year, counts Sun 2026-01-04'],
    ['2026-02-12', 5, '2026-02-26', 'counts Sat 02-14, skips Spring Festival 02-15..23'],
    ['2026-02-13', 10, '2026-03-05', 'counts Sat 02-14 and Sat 02-28'],
    ['2026-04-30', 3, '2026-05-08', 'skips Labour Day 05-01..05'],
    ['2026-09-18', 20, '2026-10-22', 'counts Sun 09-20 and Sat 10-10 (FC11 total)'],
  ])('should make %s + %i working days due on %s (%s)', (acceptedAt, n, due) => {
    // given an acceptance date and a limit in working days
    // when
    const result = addWorkingDays(acceptedAt, n);
    // then
    expect(result).toBe(due);
  });

  it('should count the 2025 make-up Saturday after Spring Festival (02-08)', () => {
    // given acceptance on the last working day before the 2025 Spring Festival bridge
    // when
    const due = addWorkingDays('2025-01-27', 1);
    // then the Saturday make-up day 02-08 is not the first, 02-05 is; 4 days later it is 02-08
    expect(due).toBe('2025-02-05');
    expect(addWorkingDays('2025-01-27', 4)).toBe('2025-02-08');
  });

  it('should count the 2025 National Day make-up Saturday 10-11', () => {
    // given acceptance on the last day of the National Day 2025 bridge
    // when
    const due = addWorkingDays('2025-10-08', 3);
    // then 10-09 Thu, 10-10 Fri, 10-11 Sat (make-up)
    expect(due).toBe('2025-10-11');
  });

  it('should NOT count the acceptance day even when it is a working day', () => {
    // given a Monday acceptance
    // when
    const due = addWorkingDays('2026-03-02', 1);
    // then
    expect(due).toBe('2026-03-03');
  });

  it('should start counting on the next working day when accepted on a holiday', () => {
    // given an (online) acceptance on National Day 2026
    // when
    const due = addWorkingDays('2026-10-03', 1);
    // then
    expect(due).toBe('2026-10-08');
  });

  it('should return the acceptance day for 即时办结 (n = 0)', () => {
    // given / when / then
    expect(addWorkingDays('2026-10-03', 0)).toBe('2026-10-03');
  });

  it('should reject a negative or fractional number of days', () => {
    // given / when / then
    expect(() => addWorkingDays('2026-03-02', -1)).toThrow(InvalidInputError);
    expect(() => addWorkingDays('2026-03-02', 1.5)).toThrow(InvalidInputError);
  });

  it('should reject a date that does not exist', () => {
    // given / when / then
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(InvalidDateError);
    expect(() => addWorkingDays('2026/03/02', 1)).toThrow(InvalidDateError);
  });
});

describe('isWorkingDay', () => {
  it.each([
    // 2025 Spring Festival
    ['2025-01-26', true, 'Sunday make-up day'],
    ['2025-01-27', true, 'Monday before the bridge'],
    ['2025-01-28', false, '除夕'],
    ['2025-02-04', false, 'last day of the bridge (Tuesday)'],
    ['2025-02-05', true, 'first working day after'],
    ['2025-02-08', true, 'Saturday make-up day'],
    // 2025 National Day + Mid-Autumn
    ['2025-09-28', true, 'Sunday make-up day'],
    ['2025-10-01', false, 'National Day'],
    ['2025-10-08', false, 'Wednesday, last day of the bridge'],
    ['2025-10-11', true, 'Saturday make-up day'],
    ['2025-10-12', false, 'ordinary Sunday'],
    // 2026 Spring Festival
    ['2026-02-14', true, 'Saturday make-up day'],
    ['2026-02-15', false, 'first day of the 9-day bridge (Sunday)'],
    ['2026-02-23', false, 'Monday, last day of the bridge'],
    ['2026-02-24', true, 'first working day after'],
    ['2026-02-28', true, 'Saturday make-up day'],
    // 2026 Mid-Autumn and National Day
    ['2026-09-20', true, 'Sunday make-up day'],
    ['2026-09-25', false, 'Mid-Autumn (Friday)'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'Wednesday, last day of the bridge'],
    ['2026-10-08', true, 'first working day after'],
    ['2026-10-10', true, 'Saturday make-up day'],
    ['2026-10-11', false, 'ordinary Sunday'],
    ['2026-10-12', true, 'ordinary Monday'],
  ])('should classify %s as working=%s (%s)', (date, expected) => {
    // given / when / then
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('should count 248 working days in 2025 and in 2026 (docs/domain/deadlines.md)', () => {
    // given the whole years (from the last day of the previous year, excluded)
    // when
    const days2025 = workingDaysBetween('2024-12-31', '2025-12-31');
    const days2026 = workingDaysBetween('2025-12-31', '2026-12-31');
    // then
    expect(days2025).toBe(248);
    expect(days2026).toBe(248);
  });

  // chinese-days builds its lookup table in the host zone when it is imported, so its own answers are only a valid
  // reference when this process started at or east of UTC.
  it.skipIf(hostStartedWestOfUtc)('should agree with chinese-days itself on every day of 2025 and 2026', () => {
    // given the library's own answer, evaluated in the office's zone
    process.env['TZ'] = 'Asia/Shanghai';
    const disagreements: string[] = [];
    // when
    for (let date = '2025-01-01'; date <= '2026-12-31'; date = addDays(date, 1)) {
      if (isWorkingDay(date) !== chineseDays.isWorkday(date)) disagreements.push(date);
    }
    // then
    expect(disagreements).toEqual([]);
  });

  it('should NOT depend on the host time zone', () => {
    // given a host west of UTC, where chinese-days' own helpers read 2026-10-12 as Sunday 10-11
    process.env['TZ'] = 'America/New_York';
    // when
    const monday = isWorkingDay('2026-10-12');
    const due = addWorkingDays('2026-09-18', 20);
    // then
    expect(monday).toBe(true);
    expect(due).toBe('2026-10-22');
  });
});

describe('years without a published schedule', () => {
  const lastYear = HOLIDAY_DATA_YEARS.at(-1) ?? 0;
  const nextYear = lastYear + 1;

  it('should cover at least 2025 and 2026', () => {
    // given / when / then
    expect(HOLIDAY_DATA_YEARS).toEqual(expect.arrayContaining([2025, 2026]));
  });

  it('should count a year after the data on the provisional schedule and say so', () => {
    // given an acceptance in the last days of the last covered year
    // when
    const due = addWorkingDays(`${lastYear}-12-28`, 5);
    // then the result exists and rests on a provisional year
    expect(due.startsWith(`${nextYear}-`)).toBe(true);
    expect(provisionalYearsBetween(`${lastYear}-12-28`, due)).toEqual([nextYear]);
    expect(provisionalYearsBetween(`${lastYear}-12-01`, `${lastYear}-12-28`)).toEqual([]);
  });

  it('should treat 元旦 of a provisional year as a rest day and no weekend as a make-up working day', () => {
    // given / when / then
    expect(isWorkingDay('2027-01-01')).toBe(false);
    expect(isWorkingDay('2027-01-04')).toBe(true);
    expect(isWorkingDay('2027-01-09')).toBe(false);
  });

  it('should throw MissingHolidayDataError naming the year for a year before the data starts', () => {
    // given / when
    const attempt = () => isWorkingDay('2003-06-02');
    // then
    expect(attempt).toThrow(MissingHolidayDataError);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ code: 'MISSING_HOLIDAY_DATA', year: 2003 });
    }
  });
});

describe('holiday overrides', () => {
  it('should skip a local closure when counting working days', () => {
    // given the office is closed on Monday 2026-03-02
    const closed = overrides({ closures: ['2026-03-02'] });
    // when
    const withoutClosure = addWorkingDays('2026-02-26', 3);
    const withClosure = addWorkingDays('2026-02-26', 3, closed);
    // then Fri 02-27, Sat 02-28 (make-up), Mon 03-02 → moves to Tue 03-03
    expect(withoutClosure).toBe('2026-03-02');
    expect(withClosure).toBe('2026-03-03');
    expect(isWorkingDay('2026-03-02', closed)).toBe(false);
  });

  it('should let a closure override a make-up working day', () => {
    // given / when / then
    expect(isWorkingDay('2026-02-28', overrides({ closures: ['2026-02-28'] }))).toBe(false);
  });

  it('should count an extra working day declared by the office', () => {
    // given Saturday 2026-03-07 declared a working day
    const extra = overrides({ extraWorkingDays: ['2026-03-07'] });
    // when
    const due = addWorkingDays('2026-03-06', 1, extra);
    // then
    expect(isWorkingDay('2026-03-07')).toBe(false);
    expect(due).toBe('2026-03-07');
  });

  it('should apply overrides inside a provisional year', () => {
    // given an extra working day on a Saturday of the first year without data
    const year = (HOLIDAY_DATA_YEARS.at(-1) ?? 0) + 1;
    const extra = overrides({ extraWorkingDays: [`${year}-01-09`] });
    // when / then
    expect(isWorkingDay(`${year}-01-09`, extra)).toBe(true);
  });
});

describe('workingDaysBetween', () => {
  it('should be the inverse of addWorkingDays', () => {
    // given
    const acceptedAt = '2026-09-18';
    // when
    const due = addWorkingDays(acceptedAt, 20);
    // then
    expect(workingDaysBetween(acceptedAt, due)).toBe(20);
  });

  it('should be zero for the same day and negative when reversed', () => {
    // given / when / then
    expect(workingDaysBetween('2026-10-01', '2026-10-01')).toBe(0);
    expect(workingDaysBetween('2026-10-08', '2026-09-30')).toBe(-1);
  });

  it('should count no working days inside the National Day bridge', () => {
    // given / when / then
    expect(workingDaysBetween('2026-09-30', '2026-10-07')).toBe(0);
  });
});

describe('calendarDeadline', () => {
  it('should move a deadline that falls on a holiday to the next working day (民法典第203条)', () => {
    // given FC18 "30日内办结" from 2026-09-07 → 10-07, inside National Day
    // when
    const due = calendarDeadline('2026-09-07', 30);
    // then
    expect(due).toBe('2026-10-08');
  });

  it('should move a deadline on an ordinary Saturday to Monday', () => {
    // given 2026-02-05 + 30 = Saturday 2026-03-07
    // when / then
    expect(calendarDeadline('2026-02-05', 30)).toBe('2026-03-09');
  });

  it('should keep a deadline that falls on a make-up Saturday', () => {
    // given 2026-09-10 + 30 = Saturday 2026-10-10, a make-up working day
    // when / then
    expect(calendarDeadline('2026-09-10', 30)).toBe('2026-10-10');
  });

  it('should move a deadline off a local closure', () => {
    // given / when / then
    expect(calendarDeadline('2026-01-31', 30, overrides({ closures: ['2026-03-02'] }))).toBe('2026-03-03');
  });

  it('should give the first working day on or after a date', () => {
    // given / when / then
    expect(nextWorkingDayFrom('2026-02-15')).toBe('2026-02-24');
    expect(nextWorkingDayFrom('2026-02-24')).toBe('2026-02-24');
  });
});

describe('addMonths and monthsDeadline', () => {
  it.each([
    ['2026-03-15', 3, '2026-06-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-12-15', 0, '2026-12-15'],
  ])('should take %s + %i months to %s (end-of-month clamp, 民法典第202条)', (start, months, expected) => {
    // given / when / then (no holiday data needed, even for 2027/2028)
    expect(addMonths(start, months)).toBe(expected);
  });

  it('should move "生育后三个月内" off a rest day', () => {
    // given a birth on 2026-07-01: three months later is National Day
    // when
    const due = monthsDeadline('2026-07-01', 3);
    // then
    expect(due).toBe('2026-10-08');
  });

  it('should reject fractional months', () => {
    // given / when / then
    expect(() => addMonths('2026-01-31', 1.5)).toThrow(InvalidInputError);
  });
});

describe('officeDateOf', () => {
  it('should take the calendar date in Asia/Shanghai, not UTC or the host zone', () => {
    // given an acceptance at 00:30 Beijing time, which is the previous day in UTC
    process.env['TZ'] = 'America/Los_Angeles';
    // when
    const date = officeDateOf(new Date('2026-02-12T16:30:00Z'));
    // then
    expect(date).toBe('2026-02-13');
  });
});
