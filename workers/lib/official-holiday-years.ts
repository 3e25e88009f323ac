/**
 * A year's holiday schedule as the State Council publishes it (国务院办公厅关于某年部分节假日安排的通知), entered by
 * the office as `config/holiday-schedules/<year>.json` once the notice is out. Each file replaces that year of the
 * `chinese-days` data, so a year the package does not know yet (or knows wrongly) is fixed without a release.
 * docs/domain/deadlines.md explains the rules; README.md 「节假日安排」 walks the office through adding a year.
 *
 * A file is refused, naming the field, when a date is not real, lies outside its year (a make-up working day may
 * fall in the December before, as 2018-12-29 did for 元旦 2019), a holiday range runs backwards, a make-up working
 * day is not a Saturday or Sunday, or a day is both a holiday and a make-up working day.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigFileError } from './errors.js';
import { addDays, daysBetween, isWeekend, parseIsoDate, type IsoDate } from './iso-date.js';
import { CONFIG_DIR, loadJsonConfig } from './load-json-config.js';
import { isoDateSchema } from './versioned-parameters.js';

/** Where the office keeps the year files; `HOLIDAY_SCHEDULE_DIR` points elsewhere (tests, a mounted volume). */
export const OFFICIAL_HOLIDAY_YEARS_DIR = new URL('holiday-schedules/', CONFIG_DIR);

const holidayRangeSchema = z.strictObject({
  /** 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节 (or a combined name such as 国庆节、中秋节). */
  name: z.string().trim().min(1),
  /** First and last day off, inclusive, as the notice lists them (weekends inside the range included). */
  from: isoDateSchema,
  to: isoDateSchema,
});

export const officialHolidayYearSchema = z
  .strictObject({
    $comment: z.string().optional(),
    year: z.number().int().min(2000).max(2100),
    /** The notice's title and number, e.g. 国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）. */
    notice: z.string().trim().min(1),
    /** When the notice was published (YYYY-MM-DD). */
    publishedOn: isoDateSchema,
    /** Who entered the file and when, for the audit of deadline changes, e.g. 张三 2026-11-05. */
    enteredBy: z.string().trim().min(1),
    holidays: z.array(holidayRangeSchema).min(1),
    /** 调休上班日: Saturdays or Sundays worked in exchange for a bridge day. */
    makeUpWorkingDays: z.array(isoDateSchema).default([]),
  })
  .superRefine((file, ctx) => {
    const inYear = (date: IsoDate, allowDecemberBefore: boolean) => {
      const { year, month } = parseIsoDate(date);
      return year === file.year || (allowDecemberBefore && year === file.year - 1 && month === 12);
    };
    const restDays = new Set<IsoDate>();
    file.holidays.forEach((range, index) => {
      if (!isoDateSchema.safeParse(range.from).success || !isoDateSchema.safeParse(range.to).success) return;
      if (daysBetween(range.from, range.to) < 0) {
        ctx.addIssue({ code: 'custom', path: ['holidays', index, 'to'], message: `${range.name}: 放假结束日早于开始日` });
        return;
      }
      for (const date of daysOf(range.from, range.to)) {
        if (!inYear(date, false)) {
          ctx.addIssue({ code: 'custom', path: ['holidays', index], message: `${range.name}: ${date} 不在 ${file.year} 年内` });
          return;
        }
        restDays.add(date);
      }
    });
    file.makeUpWorkingDays.forEach((date, index) => {
      if (!isoDateSchema.safeParse(date).success) return;
      const path = ['makeUpWorkingDays', index];
      if (!inYear(date, true)) ctx.addIssue({ code: 'custom', path, message: `${date} 不在 ${file.year} 年内（或上一年12月）` });
      if (!isWeekend(date)) ctx.addIssue({ code: 'custom', path, message: `${date} 不是星期六或星期日，不能是调休上班日` });
      if (restDays.has(date)) ctx.addIssue({ code: 'custom', path, message: `${date} 同时列为放假日和调休上班日` });
    });
  });

export type OfficialHolidayYear = z.output<typeof officialHolidayYearSchema>;

/** Every day off the file lists (the ranges expanded), ascending. */
export function restDaysOf(file: OfficialHolidayYear): IsoDate[] {
  return [...new Set(file.holidays.flatMap((range) => daysOf(range.from, range.to)))].sort();
}

/**
 * Reads every `<year>.json` of the directory (default {@link OFFICIAL_HOLIDAY_YEARS_DIR}, or `HOLIDAY_SCHEDULE_DIR`);
 * a missing directory means no files. A file named after one year that declares another is refused.
 */
export function loadOfficialHolidayYears(dir: string | URL = defaultDir()): OfficialHolidayYear[] {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  let names: string[];
  try {
    names = readdirSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigFileError(path, `无法读取（${(error as NodeJS.ErrnoException).code ?? String(error)}）`);
  }
  const files: OfficialHolidayYear[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const file = join(path, name);
    if (!/^\d{4}\.json$/.test(name)) throw new ConfigFileError(file, '文件名须为年份，如 2027.json');
    const year = loadJsonConfig(file, officialHolidayYearSchema);
    if (`${year.year}.json` !== name) throw new ConfigFileError(file, `year 为 ${year.year}，与文件名不符`);
    files.push(year);
  }
  return files;
}

// helpers

function defaultDir(): string | URL {
  const fromEnv = process.env['HOLIDAY_SCHEDULE_DIR'];
  return fromEnv && fromEnv.trim() !== '' ? fromEnv : OFFICIAL_HOLIDAY_YEARS_DIR;
}

function daysOf(from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let date = from; daysBetween(date, to) >= 0; date = addDays(date, 1)) days.push(date);
  return days;
}
