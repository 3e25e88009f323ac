/**
 * Statutory working days (工作日) and deadline arithmetic for 办理时限 timers (domain.md B.2).
 *
 * - A working day is Monday–Friday that is not a statutory holiday or bridge day, plus the announced 调休 make-up
 *   Saturdays/Sundays (《行政许可法》第八十二条 and practice), adjusted by local {@link HolidayOverrides}.
 * - Periods start the day after acceptance (《民法典》第二百零一条); a period in months ends on the corresponding day
 *   of the due month, or its last day if there is none (第二百零二条); a calendar-day period whose last day is a rest
 *   day ends on the next working day (第二百零三条).
 *
 * The schedule comes from the `chinese-days` package's published data table (`dist/chinese-days.json`). We read the
 * table rather than call its helpers because those (1.5.7) build their lookup table and read dates with host-local
 * getters, which shifts every date by one day on a host west of UTC, and answer Monday–Friday for years they have
 * no data for; here a missing year throws {@link MissingHolidayDataError}.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';
import { InvalidInputError, MissingHolidayDataError } from './errors.js';
import { NO_HOLIDAY_OVERRIDES, type HolidayOverrides } from './holiday-overrides.js';
import { addDays, dayOfWeek, daysInMonth, formatIsoDate, parseIsoDate, toDayNumber, type IsoDate } from './iso-date.js';

// national schedule, loaded once at import

/** Shape of `chinese-days/dist/chinese-days.json`: date → "English name,中文名,days" maps. */
const scheduleSchema = z.object({
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()),
});

const schedule = scheduleSchema.parse(createRequire(import.meta.url)('chinese-days/dist/chinese-days.json'));
const statutoryRestDays: ReadonlySet<string> = new Set(Object.keys(schedule.holidays));
const makeUpWorkingDays: ReadonlySet<string> = new Set(Object.keys(schedule.workdays));

// Every published year has at least 元旦 and 春节, so "has a holiday entry" is exactly "has a schedule".
const coveredYears: ReadonlySet<number> = new Set(
  Object.keys(schedule.holidays).map((date) => Number(date.slice(0, 4))),
);

/** Years for which the national schedule is known (ascending). */
export const HOLIDAY_DATA_YEARS: readonly number[] = Object.freeze([...coveredYears].sort((a, b) => a - b));

/** Whether the office works on `date`. Throws {@link MissingHolidayDataError} for a year without a schedule. */
export function isWorkingDay(date: IsoDate, overrides: HolidayOverrides = NO_HOLIDAY_OVERRIDES): boolean {
  return compileCalendar(overrides)(date);
}

/**
 * Due date of "N个工作日内" counted from an acceptance date: the N-th working day after `acceptedAt` (the acceptance
 * day itself never counts, even when it is a working day). `n = 0` is 即时办结: due the same day.
 */
export function addWorkingDays(
  acceptedAt: IsoDate,
  n: number,
  overrides: HolidayOverrides = NO_HOLIDAY_OVERRIDES,
): IsoDate {
  assertWholeNumber('n', n);
  const working = compileCalendar(overrides);
  let date = acceptedAt;
  parseIsoDate(date);
  for (let counted = 0; counted < n; ) {
    date = addDays(date, 1);
    if (working(date)) counted += 1;
  }
  return date;
}

/**
 * Working days after `from` up to and including `to` — the inverse of {@link addWorkingDays}, so
 * `workingDaysBetween(a, addWorkingDays(a, n)) === n`. Negative when `to` is before `from`.
 */
export function workingDaysBetween(
  from: IsoDate,
  to: IsoDate,
  overrides: HolidayOverrides = NO_HOLIDAY_OVERRIDES,
): number {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  if (end < start) return -workingDaysBetween(to, from, overrides);
  const working = compileCalendar(overrides);
  let count = 0;
  for (let day = 1; day <= end - start; day += 1) {
    if (working(addDays(from, day))) count += 1;
  }
  return count;
}

/** The first working day on or after `date` (a deadline falling on a rest day moves here, 第二百零三条). */
export function nextWorkingDayFrom(date: IsoDate, overrides: HolidayOverrides = NO_HOLIDAY_OVERRIDES): IsoDate {
  const working = compileCalendar(overrides);
  let candidate = date;
  while (!working(candidate)) candidate = addDays(candidate, 1);
  return candidate;
}

/**
 * Last day of a period of `days` calendar days ("30日内办结"): `start + days`, moved to the next working day when it
 * falls on a weekend, holiday or closure. A 调休 make-up Saturday is a working day, so a deadline there stays.
 */
export function calendarDeadline(
  start: IsoDate,
  days: number,
  overrides: HolidayOverrides = NO_HOLIDAY_OVERRIDES,
): IsoDate {
  assertWholeNumber('days', days);
  return nextWorkingDayFrom(addDays(start, days), overrides);
}

/**
 * Same day-of-month `months` later, clamped to the month's last day (《民法典》第二百零二条: 2026-11-30 + 3 →
 * 2027-02-28). Pure month arithmetic; needs no holiday data.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new InvalidInputError('months', 'must be a whole number');
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return formatIsoDate({ year: targetYear, month: targetMonth, day: targetDay });
}

/** Last day of a period in months ("生育后三个月内"): {@link addMonths}, then moved off a rest day (第二百零三条). */
export function monthsDeadline(
  start: IsoDate,
  months: number,
  overrides: HolidayOverrides = NO_HOLIDAY_OVERRIDES,
): IsoDate {
  if (!Number.isInteger(months) || months < 0) throw new InvalidInputError('months', 'must be a whole number ≥ 0');
  return nextWorkingDayFrom(addMonths(start, months), overrides);
}

// helpers


type WorkingDayPredicate = (date: IsoDate) => boolean;

function compileCalendar(overrides: HolidayOverrides): WorkingDayPredicate {
  const closures = new Set(overrides.closures);
  const extraWorkingDays = new Set(overrides.extraWorkingDays);
  return (date) => {
    const { year } = parseIsoDate(date);
    if (!coveredYears.has(year)) {
      throw new MissingHolidayDataError(year, HOLIDAY_DATA_YEARS[0] ?? NaN, HOLIDAY_DATA_YEARS.at(-1) ?? NaN);
    }
    if (closures.has(date)) return false;
    if (extraWorkingDays.has(date)) return true;
    if (makeUpWorkingDays.has(date)) return true;
    if (statutoryRestDays.has(date)) return false;
    const weekday = dayOfWeek(date);
    return weekday >= 1 && weekday <= 5;
  };
}

function assertWholeNumber(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new InvalidInputError(field, 'must be a whole number ≥ 0');
}
