/**
 * A date a clerk leaves half typed in a form's date field ("2026", "2026/3", "3月5日"), or types as a day not on
 * the calendar ("2026/2/30"), stays in the field as she typed it, and is no date of the form's: flatpickr, form-js's
 * calendar, read such a text as far as it went and filled in the rest — "2026" became 2026/1/1, "2026/3" 2026/3/1,
 * in the field and in the form's data, a date nobody gave —, rolled a day past the month's end over into the next
 * month (2026/2/30 became 2026/3/2, 2026/4/31 2026/5/1), and a text it could not read at all it wiped. Her text is
 * kept, the field says what is wrong (half-typed-date-validation.ts), so the form cannot be submitted with it; she
 * completes or corrects it, or empties the field. A date the field had stays the form's meanwhile — in its data, a
 * draft saved and what 办结 sends — and the message says so: her text is no date to put in its place, and emptying
 * the field is how a date is taken away. A whole date the calendar does not allow (date-outside-range.ts), which
 * flatpickr dropped without a word, is kept the same way.
 *
 * A whole date is read by the project's own reading (date-text.ts: year first, full-width digits, 号, a time after
 * it ignored), never by flatpickr's, which reads any text by its format's pattern and rolls impossible days over:
 * the calendar is handed the day as a Date.
 *
 * Set up on each form-js date field's calendar by typed-before-calendar.ts's plugin, the one that keeps what she
 * typed before the calendar came, before it wraps `setDate` itself: flatpickr reads the field's text at an
 * Enter, as the field is left and at a click elsewhere, each time through its `setDate(text, …, dateFormat)`.
 * form-js writes the form's value back without a format, as a Date or null: while her text is kept, a write of the
 * date the field already has (or of none, when it had none) puts nothing in its place. What this relies on
 * (flatpickr 4.6.13, form-js 1.23.0): typed-before-calendar.ts's header.
 */
import type { Instance } from 'flatpickr/dist/types/instance.js';
import { dateTextParts, isoDateOfText, startsWithWholeDate } from '../dates/date-text.js';
import { isOutsideRange } from './date-outside-range.js';

/**
 * What is wrong with a date field's text: `incomplete` — no whole date (a year, a month and a day) —, `impossible` —
 * a whole date not on the calendar (2026/2/30) or out of the years taken (1900–2199) —, `more` — a whole date
 * followed by what a date field cannot take (a time with a zone, 2026-12-05T10:00Z: its day may be another in
 * Xining; words) —, undefined for a date or an empty field.
 */
export type DateTextProblem = 'incomplete' | 'impossible' | 'more';

export function dateTextProblem(text: string): DateTextProblem | undefined {
  if (text.trim() === '' || isoDateOfText(text)) return undefined;
  if (dateTextParts(text)) return 'impossible';
  return startsWithWholeDate(text) ? 'more' : 'incomplete';
}

/** The event a date field's input sends when the text it keeps (a half-typed or impossible date) came, changed or went. */
export const HALF_TYPED_CHANGED = 'web-shared:half-typed-date';

/**
 * Keeps a half-typed or impossible date's text in the date field of `instance` (a form-js date field's calendar, set
 * up once); returns the calendar's hook it needs (a plugin's).
 */
export function keepHalfTypedDates(instance: Instance): { onValueUpdate: () => void } {
  const input = instance.input;
  // (the text kept, while the field holds one)
  let kept: string | undefined;
  const changed = () => input.dispatchEvent(new Event(HALF_TYPED_CHANGED, { bubbles: true }));
  const keep = (text: string) => {
    kept = text;
    input.value = text;
    changed();
  };
  const release = () => {
    if (kept === undefined) return;
    kept = undefined;
    changed();
  };
  const write = instance.setDate;
  instance.setDate = (date, triggerChange, format) => {
    if (format !== undefined && typeof date === 'string' && date.trim() !== '') {
      // (her text, read by flatpickr)
      const iso = isoDateOfText(date);
      // (a day the calendar does not allow is dropped by flatpickr: kept, the field names the dates it takes —
      // date-outside-range.ts)
      if (iso === undefined || isOutsideRange(iso, instance)) return keep(date);
      const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
      write(new Date(year, month - 1, day), triggerChange);
      return release();
    }
    if (format === undefined && kept !== undefined && input.value === kept && sameDay(date, instance.selectedDates[0])) {
      // (form-js writing back the date the field has, or none: her text stays)
      return;
    }
    write(date, triggerChange, format);
    // (the field emptied, a date picked or given)
    release();
  };
  return {
    // (a day picked in the calendar is written into the field by flatpickr, not through setDate)
    onValueUpdate: () => {
      if (kept !== undefined && input.value !== kept) release();
    },
  };
}

/** Whether form-js's write `date` (a Date, or null for none) is the day `selected` (undefined for none). */
function sameDay(date: unknown, selected: Date | undefined): boolean {
  if (date === null || date === undefined || (date instanceof Date && Number.isNaN(date.getTime()))) return selected === undefined;
  return date instanceof Date && selected !== undefined && date.toDateString() === selected.toDateString();
}
