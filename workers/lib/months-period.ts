/**
 * Periods counted in months from an event (docs/domain/deadlines.md): FC18/FC22 「生育后三个月内」提供资料 (a time
 * limit for the applicant) and FC17 「怀孕满三个月后」提交备案 (an earliest date).
 *
 * - The period ends on the same day-of-month `months` later, or that month's last day (《民法典》第二百零二条).
 * - A time limit whose last day is a rest day runs to the next working day (第二百零三条); in a year whose holiday
 *   notice is not entered yet the provisional schedule decides (`deadlineProvisional`); before the first year of
 *   holiday data the unmoved day is used and `restDayRuleApplied` is false.
 */
import { MissingHolidayDataError } from './errors.js';
import type { CalendarConfig } from './calendar-config.js';
import { daysBetween, type IsoDate } from './iso-date.js';
import { addMonths, monthsDeadline, provisionalYearsBetween } from './working-day-calendar.js';

export interface MonthsPeriod {
  /** `from` + `months`: the day the period is complete (满N个月). */
  readonly periodEndDate: IsoDate;
  /** Last day to act within the period (periodEndDate moved off rest days). */
  readonly deadlineDate: IsoDate;
  /** False when the holiday schedule of that year is unknown and deadlineDate is the unmoved periodEndDate. */
  readonly restDayRuleApplied: boolean;
  /** deadlineDate rests on a provisional holiday schedule and may move when the year's notice is entered. */
  readonly deadlineProvisional: boolean;
  /** `on` is on or after periodEndDate (满N个月后). */
  readonly elapsed: boolean;
  /** `on` is on or before deadlineDate (N个月内). */
  readonly withinDeadline: boolean;
}

export function monthsPeriod(from: IsoDate, months: number, on: IsoDate, calendar?: CalendarConfig): MonthsPeriod {
  const periodEndDate = addMonths(from, months);
  let deadlineDate = periodEndDate;
  let restDayRuleApplied = true;
  let deadlineProvisional = false;
  try {
    deadlineDate = monthsDeadline(from, months, calendar);
    deadlineProvisional = provisionalYearsBetween(periodEndDate, deadlineDate, calendar).length > 0;
  } catch (error) {
    if (!(error instanceof MissingHolidayDataError)) throw error;
    restDayRuleApplied = false;
  }
  return {
    periodEndDate,
    deadlineDate,
    restDayRuleApplied,
    deadlineProvisional,
    elapsed: daysBetween(periodEndDate, on) >= 0,
    withinDeadline: daysBetween(on, deadlineDate) >= 0,
  };
}
