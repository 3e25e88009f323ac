/**
 * A date a clerk leaves half typed in a form's date field ("2026", "2026/3", "3月5日") stays in the field as she
 * typed it, and is no date of the form's: flatpickr, form-js's calendar, read such a text as far as it went and
 * filled in the rest — "2026" became 2026/1/1, "2026/3" 2026/3/1, in the field and in the form's data, a date nobody
 * gave — and a text it could not read at all it wiped. Her text is kept (the date the field had before, if any, is
 * taken away with it) and the field says what is missing (half-typed-date-validation.ts), so the form cannot be
 * submitted with it; she completes it, or empties the field.
 *
 * Set up on each form-js date field's calendar by typed-before-calendar.ts's plugin, the one that keeps what she
 * typed before the calendar came, before it wraps `setDate` itself: flatpickr reads the field's text at an
 * Enter, as the field is left and at a click elsewhere, each time through its `setDate(text, …, dateFormat)`; a
 * text that is no whole date is not handed to it. form-js writes the form's value back without a format (an
 * empty one: `setDate(Invalid Date)`, which empties the field): the text kept is put back after it. What this
 * relies on (flatpickr 4.6.13, form-js 1.23.0): typed-before-calendar.ts's header.
 */
import type { Instance } from 'flatpickr/dist/types/instance.js';

/**
 * A whole date as form-js's fields take it (year first, `Y/n/j` in Chinese; flatpickr reads any one character
 * between the numbers: 2026/12/7, 2026-12-07, 2026.12.07, 2026年12月7日).
 */
const WHOLE_DATE = /^\d{4}\D\d{1,2}\D\d{1,2}日?$/;

/** Whether a date field's text is something typed that is no whole date (empty is none). */
export function isHalfTypedDate(text: string): boolean {
  const trimmed = text.trim();
  return trimmed !== '' && !WHOLE_DATE.test(trimmed);
}

/** The event a date field's input sends when its text became, or stopped being, a half-typed one. */
export const HALF_TYPED_CHANGED = 'web-shared:half-typed-date';

/** Keeps a half-typed text in the date field of `instance` (a form-js date field's calendar, set up once). */
export function keepHalfTypedDates(instance: Instance): void {
  const input = instance.input;
  // (the text kept, while the field holds one)
  let kept: string | undefined;
  const changed = () => input.dispatchEvent(new Event(HALF_TYPED_CHANGED, { bubbles: true }));
  const write = instance.setDate;
  instance.setDate = (date, triggerChange, format) => {
    if (format !== undefined && typeof date === 'string' && isHalfTypedDate(date)) {
      // (her text, read by flatpickr: no date of the form's; a date the field had goes, and form-js is told)
      const first = kept === undefined;
      kept = date;
      if (instance.selectedDates.length > 0) instance.clear(true);
      input.value = date;
      if (first) changed();
      return;
    }
    write(date, triggerChange, format);
    if (kept === undefined) return;
    if (format === undefined && instance.selectedDates.length === 0) {
      // (form-js writing back the form's empty value: her text stays)
      input.value = kept;
      return;
    }
    // (a whole date read, the field emptied, or a date the form was given)
    kept = undefined;
    changed();
  };
}
