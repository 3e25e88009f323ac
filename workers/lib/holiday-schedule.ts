/**
 * Which days are statutory rest days and which weekend days are worked (调休), year by year, and on what basis:
 *
 * - **official**: the State Council's notice for the year — from `chinese-days` (its published data table
 *   `dist/chinese-days.json`) or, winning over it for the whole year, from an office file in
 *   `config/holiday-schedules/` (official-holiday-years.ts);
 * - **provisional**: a year after the first official one that has no notice yet — the statutory days of the 2024
 *   放假办法 (provisional-holidays.ts). Deadlines that reach into such a year are marked provisional.
 *
 * Years before the first official year have no schedule: asking for one throws {@link MissingHolidayDataError}.
 * We read the package's table rather than call its helpers: those (1.5.7) read dates with host-local getters,
 * which shifts every date by one day on a host west of UTC, and answer Monday–Friday for years they do not know.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';
import { MissingHolidayDataError } from './errors.js';
import { parseIsoDate, type IsoDate } from './iso-date.js';
import { restDaysOf, type OfficialHolidayYear } from './official-holiday-years.js';
import { provisionalHolidays } from './provisional-holidays.js';

export type ScheduleBasis = 'official' | 'provisional';

export interface YearSchedule {
  readonly year: number;
  readonly basis: ScheduleBasis;
  /** Where the year comes from: `chinese-days`, the office file's notice, or the 放假办法 (provisional). */
  readonly source: string;
  readonly restDays: ReadonlySet<IsoDate>;
  readonly makeUpWorkingDays: ReadonlySet<IsoDate>;
}

export interface HolidaySchedule {
  /** The schedule of `year`; throws {@link MissingHolidayDataError} before the first official year. */
  year(year: number): YearSchedule;
  /** Years with an official schedule, ascending. */
  readonly officialYears: readonly number[];
}

// the package data, read once

const packageTableSchema = z.object({
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()),
});

/** `chinese-days` by year: its holiday and make-up tables, split by the year of each date. */
const PACKAGE_YEARS: ReadonlyMap<number, { rest: Set<IsoDate>; work: Set<IsoDate> }> = (() => {
  const table = packageTableSchema.parse(createRequire(import.meta.url)('chinese-days/dist/chinese-days.json'));
  const byYear = new Map<number, { rest: Set<IsoDate>; work: Set<IsoDate> }>();
  // every published year has at least 元旦 and 春节, so "has a holiday entry" is exactly "has a schedule"
  for (const date of Object.keys(table.holidays)) bucket(byYear, Number(date.slice(0, 4))).rest.add(date);
  for (const date of Object.keys(table.workdays)) bucket(byYear, Number(date.slice(0, 4))).work.add(date);
  for (const [year, days] of byYear) if (days.rest.size === 0) byYear.delete(year);
  return byYear;
})();

/** The national schedule with office files merged over it (none: `chinese-days` alone). */
export function buildHolidaySchedule(officialFiles: readonly OfficialHolidayYear[] = []): HolidaySchedule {
  const years = new Map<number, YearSchedule>();
  for (const [year, days] of PACKAGE_YEARS) {
    years.set(year, { year, basis: 'official', source: 'chinese-days', restDays: days.rest, makeUpWorkingDays: days.work });
  }
  // a notice may list a make-up day in the December before its year (元旦 bridges); it belongs to that year's days
  const spill = new Map<number, { rest: Set<IsoDate>; work: Set<IsoDate> }>();
  for (const file of [...officialFiles].sort((a, b) => a.year - b.year)) {
    const rest = new Set<IsoDate>();
    const work = new Set<IsoDate>();
    for (const date of restDaysOf(file)) rest.add(date);
    for (const date of file.makeUpWorkingDays) {
      const { year } = parseIsoDate(date);
      if (year === file.year) work.add(date);
      else bucket(spill, year).work.add(date);
    }
    years.set(file.year, { year: file.year, basis: 'official', source: file.notice, restDays: rest, makeUpWorkingDays: work });
  }
  for (const [year, extra] of spill) {
    const existing = years.get(year);
    if (!existing) continue;
    years.set(year, {
      ...existing,
      restDays: new Set([...existing.restDays].filter((d) => !extra.work.has(d))),
      makeUpWorkingDays: new Set([...existing.makeUpWorkingDays, ...extra.work]),
    });
  }
  const officialYears = Object.freeze([...years.keys()].sort((a, b) => a - b));
  const firstYear = officialYears[0] ?? Number.POSITIVE_INFINITY;
  return {
    officialYears,
    year(year) {
      const known = years.get(year);
      if (known) return known;
      if (year < firstYear || !Number.isInteger(year)) {
        throw new MissingHolidayDataError(year, officialYears[0] ?? NaN, officialYears.at(-1) ?? NaN);
      }
      const provisional = provisionalYear(year);
      years.set(year, provisional);
      return provisional;
    },
  };
}

/** The schedule of `chinese-days` alone, with provisional years after its last one. */
export const NATIONAL_HOLIDAY_SCHEDULE: HolidaySchedule = buildHolidaySchedule();

/**
 * Whether the office should be told that next year's notice is missing: from October on (the State Council
 * usually publishes in late October or November), when next year is not official.
 */
export function missingNextYearNotice(schedule: HolidaySchedule, today: IsoDate): string | undefined {
  const { year, month } = parseIsoDate(today);
  if (month < 10 || schedule.officialYears.includes(year + 1)) return undefined;
  return (
    `${year + 1}年节假日安排尚未录入：跨入${year + 1}年的办理时限暂按《全国年节及纪念日放假办法》推算（deadlineProvisional = true）。` +
    `国务院办公厅通知发布后，请按 README「节假日安排」录入 config/holiday-schedules/${year + 1}.json 并运行 npm run recompute-deadlines。`
  );
}

// helpers

function bucket(map: Map<number, { rest: Set<IsoDate>; work: Set<IsoDate> }>, year: number) {
  let entry = map.get(year);
  if (!entry) map.set(year, (entry = { rest: new Set(), work: new Set() }));
  return entry;
}

function provisionalYear(year: number): YearSchedule {
  return {
    year,
    basis: 'provisional',
    source: '《全国年节及纪念日放假办法》（2024年修订）法定节假日及补假，未含调休（暂定）',
    restDays: new Set(provisionalHolidays(year).map((h) => h.date)),
    makeUpWorkingDays: new Set(),
  };
}
