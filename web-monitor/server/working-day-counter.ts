/**
 * Working days between two office dates, as `workingDaysBetween` of the workers' calendar (workers/lib) counts
 * them — the days after `from` up to and including `to` that are working days (调休 make-up days counted, holidays,
 * bridge days and local closures not) — but fast enough for a read model of a million cases: each year's days are
 * asked of the calendar once (`isWorkingDay`), then a count is a difference of two running totals.
 *
 * A year before the national data has no schedule: counts touching it are null. Counts touching a provisional year
 * (no holiday notice entered yet) are marked by {@link WorkingDayCounter.provisionalBetween}.
 */
import { createHash } from 'node:crypto';
import type { CalendarConfig } from '../../workers/lib/calendar-config.js';
import { MissingHolidayDataError } from '../../workers/lib/errors.js';
import { addDays, formatIsoDate, type IsoDate } from '../../workers/lib/iso-date.js';
import { isWorkingDay, provisionalYearsBetween } from '../../workers/lib/working-day-calendar.js';

interface YearTable {
  /** Day number of 1 January. */
  first: number;
  /** running[i]: working days from 1 January up to and including day i of the year. */
  running: Int32Array;
  /** Of the year's working days, for noticing a changed calendar. */
  signature: string;
}

/** The counters of the configurations in use: a configuration's thirteen years' tables are built once, whoever asks. */
const counters = new WeakMap<CalendarConfig, WorkingDayCounter>();

/**
 * The counter of a calendar configuration, the same while the configuration is the same object (the web apps'
 * calendar gives the same object back while the files are unchanged: web-shared/server/office-calendar.ts). The
 * monitor's routes and its feeder share it; a configuration no longer in force is let go with its tables.
 */
export function workingDayCounterOf(config: CalendarConfig): WorkingDayCounter {
  let counter = counters.get(config);
  if (!counter) counters.set(config, (counter = new WorkingDayCounter(config)));
  return counter;
}

export class WorkingDayCounter {
  private readonly years = new Map<number, YearTable | null>();
  /** Working days of the years before a year, from the first year with holiday data. */
  private readonly before = new Map<number, number>();

  constructor(private readonly config: CalendarConfig) {}

  /** Working days after `from` up to and including `to`; negative when `to` is earlier; null without holiday data. */
  between(from: IsoDate, to: IsoDate): number | null {
    const start = this.runningTotal(from);
    const end = this.runningTotal(to);
    return start === null || end === null ? null : end - start;
  }

  /** Whether a count between the two dates rests on a year whose holiday notice is not entered yet. */
  provisionalBetween(from: IsoDate, to: IsoDate): boolean {
    try {
      return provisionalYearsBetween(from, to, this.config).length > 0;
    } catch (error) {
      if (error instanceof MissingHolidayDataError) return false;
      throw error;
    }
  }

  /** A fingerprint of the working days of `year` (changes when the office enters a notice or a closure). */
  yearSignature(year: number): string {
    return this.table(year)?.signature ?? 'none';
  }

  // helpers

  /** Working days from the first year with holiday data up to and including `date`. */
  private runningTotal(date: IsoDate): number | null {
    const year = Number(date.slice(0, 4));
    const table = this.table(year);
    if (!table) return null;
    return this.totalBefore(year) + table.running[dayNumber(date) - table.first]!;
  }

  private totalBefore(year: number): number {
    const known = this.before.get(year);
    if (known !== undefined) return known;
    const previous = this.table(year - 1);
    const total = previous ? this.totalBefore(year - 1) + previous.running[previous.running.length - 1]! : 0;
    this.before.set(year, total);
    return total;
  }

  private table(year: number): YearTable | null {
    const cached = this.years.get(year);
    if (cached !== undefined) return cached;
    let table: YearTable | null;
    try {
      const firstDate = formatIsoDate({ year, month: 1, day: 1 });
      const first = dayNumber(firstDate);
      const days = dayNumber(formatIsoDate({ year: year + 1, month: 1, day: 1 })) - first;
      const running = new Int32Array(days);
      const hash = createHash('sha1');
      let count = 0;
      for (let i = 0; i < days; i += 1) {
        const date = addDays(firstDate, i);
        const working = isWorkingDay(date, this.config);
        if (working) count += 1;
        running[i] = count;
        hash.update(working ? '1' : '0');
      }
      table = { first, running, signature: hash.digest('hex') };
    } catch (error) {
      if (!(error instanceof MissingHolidayDataError)) throw error;
      table = null;
    }
    this.years.set(year, table);
    return table;
  }
}

/** Days since 1970-01-01: the index into a year's table, computed per case row, so plain arithmetic (no Temporal). */
function dayNumber(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}
