/**
 * What `npm start` and `npm run workers` say about the holiday schedule when they start: the office's year files
 * are read (a broken one stops the start, naming the file and field, before any deadline is computed on it), and
 * from October on a missing next year is announced (docs/domain/deadlines.md).
 */
import { loadCalendarConfig } from '../workers/lib/calendar-config.js';
import { missingNextYearNotice } from '../workers/lib/holiday-schedule.js';
import { officeDateOf } from '../workers/lib/iso-date.js';

export interface HolidayScheduleStatus {
  /** Official years, e.g. "2004–2026". */
  readonly officialYears: string;
  /** The warning to print, when next year is missing and it is October or later. */
  readonly warning?: string;
}

/** Throws the loader's ConfigFileError when a year file or the overrides are invalid. */
export function holidayScheduleStatus(now: Date = new Date()): HolidayScheduleStatus {
  const { schedule } = loadCalendarConfig();
  const years = schedule.officialYears;
  const warning = missingNextYearNotice(schedule, officeDateOf(now));
  return { officialYears: `${years[0]}–${years.at(-1)}`, ...(warning ? { warning } : {}) };
}
