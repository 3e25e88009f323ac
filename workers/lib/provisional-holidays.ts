/**
 * The provisional holiday schedule of a year whose State Council notice is not out yet: the statutory days of
 * 《全国年节及纪念日放假办法》 as revised in 2024 (in force from 2025), docs/domain/deadlines.md:
 *
 *   元旦 1 day (1 January) · 春节 4 days (除夕 to 初三) · 清明节 1 day (the 清明 solar term) · 劳动节 2 days
 *   (1–2 May) · 端午节 1 day (五月初五) · 中秋节 1 day (八月十五) · 国庆节 3 days (1–3 October)
 *
 * plus the 办法's 补假: a statutory day falling on a Saturday or Sunday is given back on the next working weekday.
 * No 调休 (make-up working days, bridges): those exist only in the year's notice. A deadline computed on this
 * schedule is marked provisional and recomputed when the office enters the notice (scripts/recompute-deadlines.ts).
 *
 * Lunar dates and the 清明 solar term come from lunar-typescript, which computes them astronomically.
 */
import { Lunar, Solar } from 'lunar-typescript';
import { addDays, formatIsoDate, isWeekend, type IsoDate } from './iso-date.js';

export interface ProvisionalHoliday {
  readonly date: IsoDate;
  /** 元旦, 春节, …; 补假 days carry the name of the holiday they replace, e.g. 国庆节（补假）. */
  readonly name: string;
}

/** The statutory days of `year` and their 补假 days, ascending. Memoised: the lunar computation is not free. */
export function provisionalHolidays(year: number): readonly ProvisionalHoliday[] {
  const cached = cache.get(year);
  if (cached) return cached;
  const statutory = statutoryDays(year);
  const taken = new Set(statutory.map((h) => h.date));
  const inLieu: ProvisionalHoliday[] = [];
  for (const holiday of statutory) {
    if (!isWeekend(holiday.date)) continue;
    let candidate = addDays(holiday.date, 1);
    while (isWeekend(candidate) || taken.has(candidate)) candidate = addDays(candidate, 1);
    taken.add(candidate);
    inLieu.push({ date: candidate, name: `${holiday.name}（补假）` });
  }
  const all = Object.freeze([...statutory, ...inLieu].sort((a, b) => a.date.localeCompare(b.date)));
  cache.set(year, all);
  return all;
}

// helpers

const cache = new Map<number, readonly ProvisionalHoliday[]>();

function statutoryDays(year: number): ProvisionalHoliday[] {
  const springFestival = solarOfLunar(year, 1, 1);
  const days: ProvisionalHoliday[] = [
    { date: `${year}-01-01`, name: '元旦' },
    { date: addDays(springFestival, -1), name: '春节' }, // 除夕: the day before 正月初一, whether 腊月 has 29 or 30 days
    { date: springFestival, name: '春节' },
    { date: addDays(springFestival, 1), name: '春节' },
    { date: addDays(springFestival, 2), name: '春节' },
    { date: qingming(year), name: '清明节' },
    { date: `${year}-05-01`, name: '劳动节' },
    { date: `${year}-05-02`, name: '劳动节' },
    { date: solarOfLunar(year, 5, 5), name: '端午节' },
    { date: solarOfLunar(year, 8, 15), name: '中秋节' },
    { date: `${year}-10-01`, name: '国庆节' },
    { date: `${year}-10-02`, name: '国庆节' },
    { date: `${year}-10-03`, name: '国庆节' },
  ];
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

function solarOfLunar(lunarYear: number, month: number, day: number): IsoDate {
  return fromSolar(Lunar.fromYmd(lunarYear, month, day).getSolar());
}

/** The 清明 solar term of the Gregorian year (4 or 5 April), from the lunar year that contains it. */
function qingming(year: number): IsoDate {
  const solar = Lunar.fromYmd(year, 3, 1).getJieQiTable()['清明'];
  if (!solar || solar.getYear() !== year) throw new Error(`lunar-typescript gave no 清明 for ${year}`);
  return fromSolar(solar);
}

function fromSolar(solar: Solar): IsoDate {
  return formatIsoDate({ year: solar.getYear(), month: solar.getMonth(), day: solar.getDay() });
}

