/**
 * Everything the working-day arithmetic needs besides the dates: the year-by-year holiday schedule (national data,
 * the office's year files, provisional years) and the office's local closures. The workers load it once at start
 * (workers/runtime/worker-parameters.ts); the task list reloads it every minute; the recomputation script per run.
 */
import { buildHolidaySchedule, type HolidaySchedule } from './holiday-schedule.js';
import { loadHolidayOverrides, type HolidayOverrides } from './holiday-overrides.js';
import { loadOfficialHolidayYears, type OfficialHolidayYear } from './official-holiday-years.js';

export interface CalendarConfig extends HolidayOverrides {
  /** Default: `chinese-days` with provisional years after it, no office files (what unit tests want). */
  readonly schedule?: HolidaySchedule;
}

/** `config/holiday-overrides.json` and the year files of `config/holiday-schedules/` (or `HOLIDAY_SCHEDULE_DIR`). */
export function loadCalendarConfig(): Required<Pick<CalendarConfig, 'schedule'>> & CalendarConfig {
  return calendarConfigOf(readCalendarFiles());
}

/** The office's calendar files as read, before the schedule is built from them. */
export interface CalendarFiles {
  readonly overrides: HolidayOverrides;
  readonly years: readonly OfficialHolidayYear[];
}

/**
 * The files {@link loadCalendarConfig} reads, read but not built into a configuration: a reader that re-reads them
 * (the web apps, once a minute) can tell an unchanged calendar from a changed one before building it again.
 */
export function readCalendarFiles(): CalendarFiles {
  return { overrides: loadHolidayOverrides(), years: loadOfficialHolidayYears() };
}

export function calendarConfigOf(files: CalendarFiles): Required<Pick<CalendarConfig, 'schedule'>> & CalendarConfig {
  return { ...files.overrides, schedule: buildHolidaySchedule(files.years) };
}
