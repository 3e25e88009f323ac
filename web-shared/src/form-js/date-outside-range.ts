/**
 * A whole date typed into a form's date field that its calendar does not allow — before today in a field with
 * "disallow passed dates" (form-js gives flatpickr `minDate: 'today'`), or outside a calendar's `minDate`/`maxDate` —
 * was dropped by flatpickr without a word: the field emptied, or went back to its old date, and the form was sent
 * without the date she meant. It is kept as typed instead (half-typed-date.ts), and the field says which dates it
 * takes (half-typed-date-validation.ts), so she corrects it before the form can be submitted.
 *
 * The range is the calendar's own (flatpickr 4.6.13 parses `minDate`/`maxDate` into local Dates, 'today' as the
 * day flatpickr was set up); form-js's default lower limit, 1900/1/1, is the project's own too (date-text.ts: years
 * 1900–2199), and is not named.
 */

/** What this needs of a date field's flatpickr (the input's `_flatpickr`). */
export interface RangedCalendar {
  config: { minDate?: Date; maxDate?: Date };
}

/** What the date fields' code needs of a field's flatpickr, form-js's calendar (the input's `_flatpickr`). */
export interface FieldCalendar extends RangedCalendar {
  selectedDates: Date[];
  config: { dateFormat: string; minDate?: Date; maxDate?: Date };
  setDate(date: string, triggerChange: boolean, format: string): void;
}

/** Whether the day `iso` (2026-03-05) lies outside what the calendar allows. */
export function isOutsideRange(iso: string, calendar: RangedCalendar | undefined): boolean {
  const { min, max } = rangeOf(calendar);
  return (min !== undefined && iso < min) || (max !== undefined && iso > max);
}

/** The Chinese message for the day `iso` outside the calendar's range, naming the range; undefined when inside. */
export function outsideRangeMessage(iso: string, calendar: RangedCalendar | undefined): string | undefined {
  if (!isOutsideRange(iso, calendar)) return undefined;
  const { min, max } = rangeOf(calendar);
  if (min !== undefined && max !== undefined) return `日期超出允许范围：只能填写 ${dayShown(min)} 至 ${dayShown(max)} 之间的日期`;
  if (min !== undefined) return `日期超出允许范围：只能填写 ${dayShown(min)} 或之后的日期`;
  return `日期超出允许范围：只能填写 ${dayShown(max!)} 或之前的日期`;
}

/** The calendar's first and last allowed days as ISO dates (form-js's default 1900/1/1 left out). */
function rangeOf(calendar: RangedCalendar | undefined): { min?: string; max?: string } {
  const min = isoOfDay(calendar?.config.minDate);
  const max = isoOfDay(calendar?.config.maxDate);
  return { min: min !== undefined && min > '1900-01-01' ? min : undefined, max };
}

/** The ISO date (`2026-03-02`, the year in four digits) of a calendar's day, its local date; undefined for none. */
export function isoOfDay(day: Date | undefined): string | undefined {
  if (!(day instanceof Date) || Number.isNaN(day.getTime())) return undefined;
  return `${String(day.getFullYear()).padStart(4, '0')}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

/** 2026-03-05 as the date fields show it: 2026/3/5. */
export function dayShown(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${year}/${month}/${day}`;
}
