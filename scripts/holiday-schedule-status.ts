/**
 * What `npm start` and `npm run workers` say about the holiday schedule when they start: from October on a missing
 * next year is announced (docs/domain/deadlines.md). The year files are read with the other worker parameters
 * first (worker-parameters-at-start.ts); without a calendar given they are read here.
 */
import { loadCalendarConfig, type CalendarConfig } from '../workers/lib/calendar-config.js';
import type { HolidaySchedule } from '../workers/lib/holiday-schedule.js';
import { missingNextYearNotice } from '../workers/lib/holiday-schedule.js';
import { officeDateOf } from '../workers/lib/iso-date.js';

export interface HolidayScheduleStatus {
  /** Official years, e.g. "2004–2026". */
  readonly officialYears: string;
  /** The warning to print, when next year is missing and it is October or later. */
  readonly warning?: string;
}

/** Throws the loader's ConfigFileError when a year file or the overrides are invalid. */
export function holidayScheduleStatus(
  now: Date = new Date(),
  { schedule }: CalendarConfig & { readonly schedule: HolidaySchedule } = loadCalendarConfig(),
): HolidayScheduleStatus {
  const years = schedule.officialYears;
  const warning = missingNextYearNotice(schedule, officeDateOf(now));
  return { officialYears: `${years[0]}–${years.at(-1)}`, ...(warning ? { warning } : {}) };
}
