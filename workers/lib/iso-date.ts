/**
 * Civil dates as `YYYY-MM-DD` strings. Arithmetic runs on UTC day numbers, so the host time zone can never shift a
 * date by one (a `new Date('2026-10-12')` read with local getters is 10-11 in America/New_York); instants are turned
 * into dates in Asia/Shanghai, the office's zone, explicitly.
 */
import { InvalidDateError } from './errors.js';

/** A civil date `YYYY-MM-DD` (no time, no zone). */
export type IsoDate = string;

export const OFFICE_TIME_ZONE = 'Asia/Shanghai';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DateParts {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
}

/** Splits a date into its parts; throws {@link InvalidDateError} unless it is a real calendar day. */
export function parseIsoDate(value: string): DateParts {
  const match = ISO_DATE.exec(value);
  if (!match) throw new InvalidDateError(value);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new InvalidDateError(value);
  return { year, month, day };
}

export function isIsoDate(value: string): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

export function formatIsoDate({ year, month, day }: DateParts): IsoDate {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Days since 1970-01-01; lets us add days and compare dates without any `Date` local getter. */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  return formatIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The office-local (Asia/Shanghai) calendar date of an instant, e.g. the acceptance timestamp of an application. */
/** 2026-02-10 → 2026-02-28 */
export function lastDayOfMonth(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date);
  return formatIsoDate({ year, month, day: daysInMonth(year, month) });
}

export function officeDateOf(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new InvalidDateError(String(instant));
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: OFFICE_TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return formatIsoDate({ year: part('year'), month: part('month'), day: part('day') });
}

// helpers

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
