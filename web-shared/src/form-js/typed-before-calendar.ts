/**
 * A date a clerk typed into a form's date field before form-js set up the field's calendar stays hers. form-js's
 * datepicker makes its flatpickr only after the form is painted, and on the next render writes the form's value
 * into the field through it (`setDate(value, true)`): an empty form's empty value wiped a date typed meanwhile — a
 * clerk who clicks the field as the form shows and types at once lost it, and the Enter or Tab that ended it had
 * come before anything listened. The field gets text only through flatpickr, so text in it when that first write
 * comes was typed: this flatpickr plugin keeps it over that write (flatpickr read it already, as the field's date)
 * and hands it to form-js as typing — still in the field, as her input, taken at Enter or as she leaves; already
 * left, as the Enter form-js itself sends at a blur.
 */
import type { Instance } from 'flatpickr/dist/types/instance.js';
import type { Plugin } from 'flatpickr/dist/types/options.js';

export const typedBeforeCalendar: Plugin = (instance: Instance) => {
  const input = instance.input;
  // (form-js's date fields only)
  if (!input.closest('.fjs-container')) return {};
  const write = instance.setDate;
  // (form-js's first write only, the form's value, given without a format; flatpickr's own, of the field's text at
  // an Enter, come with one — before form-js listens for changes too —; the later ones are the field's life)
  instance.setDate = (date, triggerChange, format) => {
    if (format !== undefined) return write(date, triggerChange, format);
    instance.setDate = write;
    const typed = input.value;
    // (form-js writes a Date, or null for none)
    const written = date instanceof Date ? instance.formatDate(date, instance.config.dateFormat) : typeof date === 'string' ? date : '';
    if (!typed || typed === written) return write(date, triggerChange, format);
    // (form-js listens for the calendar's changes only from the same render on: handed on after it)
    setTimeout(() => {
      if (input.value !== typed) return;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      if (document.activeElement !== input) input.dispatchEvent(new KeyboardEvent('keydown', { code: 'Enter', key: 'Enter', keyCode: 13, bubbles: true }));
    });
  };
  return {};
};
