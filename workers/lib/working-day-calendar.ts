/**
 * Statutory working days (工作日) and deadline arithmetic for 办理时限 timers (docs/domain/deadlines.md).
 *
 * - A working day is Monday–Friday that is not a statutory holiday or bridge day, plus the announced 调休 make-up
 *   Saturdays/Sundays (《行政许可法》第八十二条 and practice), adjusted by local closures and extra working days.
 * - Periods start the day after acceptance (《民法典》第二百零一条); a period in months ends on the corresponding day
 *   of the due month, or its last day if there is none (第二百零二条); a calendar-day period whose last day is a rest
 *   day ends on the next working day (第二百零三条).
 *
 * The days come from a {@link HolidaySchedule} (holiday-schedule.ts): official years, then provisional ones;
 * {@link provisionalYearsBetween} tells a caller whether its result rests on a provisional year.
 */
import { InvalidInputError } from './errors.js';
import type { CalendarConfig } from './calendar-config.js';
import { NATIONAL_HOLIDAY_SCHEDULE } from './holiday-schedule.js';
import { addDays, daysBetween, isWeekend, parseIsoDate, type IsoDate } from './iso-date.js';

const NO_CALENDAR_CONFIG: CalendarConfig = Object.freeze({ closures: [], extraWorkingDays: [] });

/** Years for which `chinese-days` has the official schedule (ascending). */
export const HOLIDAY_DATA_YEARS: readonly number[] = NATIONAL_HOLIDAY_SCHEDULE.officialYears;

/**
 * The years between `from` and `to` (inclusive, either order) whose schedule is provisional: a deadline computed
 * across them may move when the year's notice is entered.
 */
export function provisionalYearsBetween(from: IsoDate, to: IsoDate, config: CalendarConfig = NO_CALENDAR_CONFIG): number[] {
  const schedule = config.schedule ?? NATIONAL_HOLIDAY_SCHEDULE;
  const [a, b] = [parseIsoDate(from).year, parseIsoDate(to).year].sort((x, y) => x - y) as [number, number];
  const years: number[] = [];
  for (let year = a; year <= b; year += 1) if (schedule.year(year).basis === 'provisional') years.push(year);
  return years;
}
/** Whether the office works on `date`. Throws MissingHolidayDataError for a year before the first official one. */
export function isWorkingDay(date: IsoDate, config: CalendarConfig = NO_CALENDAR_CONFIG): boolean {
  return compileCalendar(config)(date);
}

/**
 * Due date of "N个工作日内" counted from an acceptance date: the N-th working day after `acceptedAt` (the acceptance
 * day itself never counts, even when it is a working day). `n = 0` is 即时办结: due the same day.
 */
export function addWorkingDays(
  acceptedAt: IsoDate,
  n: number,
  config: CalendarConfig = NO_CALENDAR_CONFIG,
): IsoDate {
  assertWholeNumber('n', n);
  const working = compileCalendar(config);
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
  config: CalendarConfig = NO_CALENDAR_CONFIG,
): number {
  const days = daysBetween(from, to);
  if (days < 0) return -workingDaysBetween(to, from, config);
  const working = compileCalendar(config);
  let count = 0;
  for (let day = 1; day <= days; day += 1) {
    if (working(addDays(from, day))) count += 1;
  }
  return count;
}

/** The first working day on or after `date` (a deadline falling on a rest day moves here, 第二百零三条). */
export function nextWorkingDayFrom(date: IsoDate, config: CalendarConfig = NO_CALENDAR_CONFIG): IsoDate {
  const working = compileCalendar(config);
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
  config: CalendarConfig = NO_CALENDAR_CONFIG,
): IsoDate {
  assertWholeNumber('days', days);
  return nextWorkingDayFrom(addDays(start, days), config);
}

/**
 * Same day-of-month `months` later, clamped to the month's last day (《民法典》第二百零二条: 2026-11-30 + 3 →
 * 2027-02-28). Pure month arithmetic; needs no holiday data.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new InvalidInputError('months', 'must be a whole number');
  return parseIsoDate(date).add({ months }).toString(); // Temporal clamps to the month's last day
}

/** Last day of a period in months ("生育后三个月内"): {@link addMonths}, then moved off a rest day (第二百零三条). */
export function monthsDeadline(
  start: IsoDate,
  months: number,
  config: CalendarConfig = NO_CALENDAR_CONFIG,
): IsoDate {
  if (!Number.isInteger(months) || months < 0) throw new InvalidInputError('months', 'must be a whole number ≥ 0');
  return nextWorkingDayFrom(addMonths(start, months), config);
}

// helpers


type WorkingDayPredicate = (date: IsoDate) => boolean;

function compileCalendar(config: CalendarConfig): WorkingDayPredicate {
  const schedule = config.schedule ?? NATIONAL_HOLIDAY_SCHEDULE;
  const closures = new Set(config.closures);
  const extraWorkingDays = new Set(config.extraWorkingDays);
  return (date) => {
    const year = schedule.year(parseIsoDate(date).year);
    if (closures.has(date)) return false;
    if (extraWorkingDays.has(date)) return true;
    if (year.makeUpWorkingDays.has(date)) return true;
    if (year.restDays.has(date)) return false;
    return !isWeekend(date);
  };
}

function assertWholeNumber(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new InvalidInputError(field, 'must be a whole number ≥ 0');
}
