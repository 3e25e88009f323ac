/**
 * The texts kept in a form's date fields (date-texts-kept.ts), read out for the form view to hand on with the data,
 * and put back into their fields when a form opens with them — a draft's, as the clerk left the task, or values
 * another system wrote that are no date (date-values-read.ts) —, each as if she had just typed it: kept, and marked
 * with the same error (half-typed-date.ts, half-typed-date-validation.ts).
 */
import { isoDateOfText } from '../dates/date-text.js';
import { isOutsideRange, type FieldCalendar } from './date-outside-range.js';
import { isFixed } from './date-values-read.js';
import type { FieldInstance } from './half-typed-date-validation.js';

type Field = object;

type DateInput = HTMLInputElement & { _flatpickr?: FieldCalendar };

/** The input attribute naming the value another system wrote, shown as the field's text (the validator's note). */
export const WRITTEN_VALUE_ATTRIBUTE = 'data-value-as-written';

/**
 * The value another system wrote that a date input still shows as written, or undefined: its text, or the day the
 * calendar shows for it (a date-time field's `2026-03-02`, no time: flatpickr writes it 2026/3/2), while the form
 * holds no value of hers for it (`value`: none, or the text itself, a read-only field's).
 */
export function writtenTextOf(input: HTMLInputElement, value: unknown): string | undefined {
  const text = input.getAttribute(WRITTEN_VALUE_ATTRIBUTE);
  if (text === null || input.value.trim() === '') return undefined;
  if (value !== undefined && value !== null && value !== '' && value !== text) return undefined;
  const day = isoDateOfText(text);
  return input.value === text || (day !== undefined && isoDateOfText(input.value) === day) ? text : undefined;
}

export class DateTextsShown {
  static $inject = ['halfTypedDateValidation', 'formFieldInstanceRegistry', 'formFieldRegistry', 'form'];

  constructor(
    private readonly dates: { dateInputOf(fieldInstance: FieldInstance): HTMLInputElement | null },
    private readonly instances: { getAllKeyed(): FieldInstance[] },
    private readonly fields: { get(id: string): (Field & { readonly?: unknown; disabled?: unknown }) | undefined },
    private readonly form: {
      _getState(): { data: Record<string, unknown> };
      _update(update: { field: Field; fieldInstance: FieldInstance; indexes?: Record<string, number>; value: unknown }): void;
    },
  ) {}

  private valueOf(instance: FieldInstance): unknown {
    return instance.valuePath.reduce<unknown>((at, key) => (at as Record<string | number, unknown> | undefined)?.[key], this.form._getState().data);
  }

  /** The texts the date fields keep that are no date of the form's, by the field's path. */
  kept(): Record<string, string> {
    const texts: Record<string, string> = {};
    for (const instance of this.instances.getAllKeyed()) {
      const input = this.dates.dateInputOf(instance) as DateInput | null;
      if (!input || input.value.trim() === '') continue;
      // (a value another system wrote, still shown as written, goes on as the value itself: withValuesAsWritten — a
      // text too made any change of hers elsewhere a draft that differs from the task's data)
      if (writtenTextOf(input, this.valueOf(instance)) !== undefined) continue;
      const iso = isoDateOfText(input.value);
      if (iso === undefined || isOutsideRange(iso, input._flatpickr)) texts[pathOf(instance)] = input.value;
    }
    return texts;
  }

  /**
   * Of the texts kept, those still showing a value another system wrote, by path: the value as it came, unchanged by
   * her (form-js's data holds none for it, having emptied it on import).
   */
  writtenKept(): Record<string, string> {
    const texts: Record<string, string> = {};
    for (const instance of this.instances.getAllKeyed()) {
      const input = this.dates.dateInputOf(instance);
      const text = input ? writtenTextOf(input, this.valueOf(instance)) : undefined;
      if (text !== undefined) texts[pathOf(instance)] = text;
    }
    return texts;
  }

  /**
   * Puts each of `texts` into the date field at its path; those of `written` (the same texts, where a value another
   * system wrote is shown) are marked so, for the note. Into the calendar, if the field has its calendar yet; else
   * into the field, which the calendar takes up as typed as it comes (typed-before-calendar.ts).
   */
  show(texts: Record<string, string>, written: Record<string, string>): void {
    for (const instance of this.instances.getAllKeyed()) {
      const path = pathOf(instance);
      // (an input form-js reuses, a list's row's, says nothing of a value written before for another form)
      this.dates.dateInputOf(instance)?.removeAttribute(WRITTEN_VALUE_ATTRIBUTE);
      const text = texts[path];
      const input = text === undefined ? null : (this.dates.dateInputOf(instance) as DateInput | null);
      if (!input || text === undefined) continue;
      if (written[path] === text) {
        input.setAttribute(WRITTEN_VALUE_ATTRIBUTE, text);
        // (form-js's import empties a date field's value that is no date, a read-only field's too, which it then
        // submits: one she cannot change is given its value back as written — form-js's internal `_update`)
        // (fixed in the form, or by its expression, `readonly: "=…"`: the input says so)
        const field = this.fields.get(instance.id);
        if (field && (isFixed(field) || input.readOnly || input.disabled)) this.form._update({ field, fieldInstance: instance, indexes: instance.indexes, value: text });
      }
      const calendar = input._flatpickr;
      if (calendar) calendar.setDate(text, false, calendar.config.dateFormat);
      else input.value = text;
    }
  }
}

/** A field instance's path in the data: `treatmentTo`, `bills.0.billDay`. */
function pathOf(instance: FieldInstance): string {
  return instance.valuePath.join('.');
}
