/**
 * Civil dates as `YYYY-MM-DD` strings (process variables and JSON carry them so), with the arithmetic done by
 * Temporal's `PlainDate` (temporal-polyfill): a date without a time or zone, so the host time zone can never
 * shift it by one; instants become dates in Asia/Shanghai, the office's zone, explicitly.
 */
import { Temporal } from 'temporal-polyfill';
import { InvalidDateError } from './errors.js';

/** A civil date `YYYY-MM-DD` (no time, no zone). */
export type IsoDate = string;

export const OFFICE_TIME_ZONE = 'Asia/Shanghai';

/**
 * Temporal also reads `20260302`, `+002026-03-02` and date-times as dates; variables and files must say
 * `YYYY-MM-DD` and nothing else.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar day `value` names; throws {@link InvalidDateError} unless it is `YYYY-MM-DD` and a real day. */
export function parseIsoDate(value: string): Temporal.PlainDate {
  if (!ISO_DATE.test(value)) throw new InvalidDateError(value);
  try {
    return Temporal.PlainDate.from(value); // a string is never clamped: 2026-02-30 is refused
  } catch {
    throw new InvalidDateError(value);
  }
}

export function isIsoDate(value: string): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

/** The date of year, month (1–12) and day; throws {@link InvalidDateError} for a day the month does not have. */
export function formatIsoDate({ year, month, day }: { year: number; month: number; day: number }): IsoDate {
  try {
    return Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' }).toString();
  } catch {
    throw new InvalidDateError(`${year}-${month}-${day}`);
  }
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return parseIsoDate(date).add({ days }).toString();
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return parseIsoDate(from).until(parseIsoDate(to), { largestUnit: 'days' }).days;
}

/** Saturday or Sunday. */
export function isWeekend(date: IsoDate): boolean {
  return parseIsoDate(date).dayOfWeek >= 6;
}

/** 2026-02-10 → 2026-02-28 */
export function lastDayOfMonth(date: IsoDate): IsoDate {
  const day = parseIsoDate(date);
  return day.with({ day: day.daysInMonth }).toString();
}

/** The office-local (Asia/Shanghai) calendar date of an instant, e.g. the acceptance timestamp of an application. */
export function officeDateOf(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new InvalidDateError(String(instant));
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(OFFICE_TIME_ZONE).toPlainDate().toString();
}
