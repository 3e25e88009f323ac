/**
 * A date a clerk typed into a form's date field before form-js set up the field's calendar stays hers, exactly as
 * she typed it. form-js's datepicker makes its flatpickr only after the form is painted, and on the next render
 * writes the form's value into the field through it (`setDate(value, true)`): an empty form's empty value wiped a
 * date typed meanwhile — a clerk who clicks the field as the form shows and types at once lost it, and the Enter or
 * Tab that ended it had come before anything listened. The field gets text only through flatpickr, so text in it
 * when that first write comes was typed: this flatpickr plugin keeps it over that write and hands it to form-js as
 * typing — still in the field, as her input, taken at Enter or as she leaves; already left, as the Enter form-js
 * itself sends at a blur.
 *
 * form-js sets the calendar up at the latest as it redraws the field for her first input (preact runs a
 * component's waiting effects before redrawing it), so on a PC too busy to have done it at once the calendar comes
 * as she types, and two things of its setup went against her: flatpickr moves the field into a wrapper of its own
 * (`static`), and a field moved loses the focus — her next keys went nowhere —; and flatpickr reads the field's
 * text and writes back its guess of a date half put in at once (pasted, or an input method's whole entry) —
 * "2026", "2026/" or "2026/3" as 2026/1/1 or 2026/3/1 — under her fingers, and the Enter read the first three
 * numbers of what she typed on. The plugin runs before flatpickr reads the field (flatpickr 4.6.13: plugins in
 * parseConfig, the field read in setupDates, its guess written before onReady), keeps the text as it was and puts
 * it back at onReady, the guess dropped (the whole text is read at Enter or as she leaves), and the focus and caret
 * with it (test/web-shared/form-js/first-date-typed.browser.test.ts).
 *
 * What this relies on, in @bpmn-io/form-js-viewer 1.23.0 and flatpickr 4.6.13 (a unit test stops an upgrade:
 * test/web-shared/form-js/form-js-version.unit.test.ts), each failing silently — the bug back — if it changes:
 * - form-js's date fields are inside `.fjs-container`, and are the calendars' own inputs (no `wrap`, no `altInput`);
 * - form-js's Datepicker first writes the form's value as `setDate(date, true)` without a format (flatpickr's own
 *   writes, of the field's text at Enter, blur or a click elsewhere, pass its `dateFormat`);
 * - the Datepicker takes typed text on an `input` event (isInputDirty) and sends an Enter keydown at a blur when
 *   it is dirty; flatpickr's Enter reads the field's text;
 * - form-js passes no `plugins` of its own (flatpickr's defaults' plugins are used: calendar-plugins.ts);
 * - for a half-typed date (half-typed-date.ts, half-typed-date-validation.ts): flatpickr reads the field's text only
 *   through the instance's `setDate(text, …, dateFormat)` (Enter, blur, a click elsewhere), takes a `Date` as it is,
 *   and writes a day picked in the calendar into the field with `onValueUpdate`; form-js writes the form's value as
 *   a Date or an empty one (`setDate(date, true)`, no format) only when it changed, names a date field's input
 *   `fjs-form-<form _id>-<field id>[_<index>…]-date`, and checks a field through `validator.validateFieldInstance`;
 *   its Datepicker takes the calendar's change into the form's data only in an effect after the next paint, and
 *   `submit()` fires `presubmit` before it reads the data, so a date the calendar holds is written in then with the
 *   internal `form._update({ field, fieldInstance, indexes, value })` (a list's row by its instance's valuePath); the
 *   calendar is the input's `_flatpickr`;
 * - for a date-time field (half-typed-date-validation.ts, date-time-value.ts, time-typed-before-wipe.ts): its time
 *   input's id `…-time`, form-js's writing of its value (serializeDateTime: the time floored to `timeInterval`, the
 *   three `timeSerializingFormat`s), and its timepicker reading its text at an Enter keydown and a blur, emptying a
 *   text it reads no time from; for a calendar's range (date-outside-range.ts): flatpickr's `minDate`/`maxDate` as
 *   Dates in its config; for values other systems wrote (date-values-read.ts, date-texts-shown.ts): the importer
 *   emptying a date field's value that is no date (sanitizeDateTimePickerValue), a read-only field's too, and the
 *   Datetime reading a date's value with luxon's strict `fromISO`;
 * - and, for the office's day (office-today-calendar.ts, office-today-templating.ts): form-js's `templating`
 *   service name and FeelersTemplating's `evaluate(template, context, options)`; flatpickr's `now`, `open`, `redraw`;
 *   feelers 3.1.0 (office-today-in-loops.ts): a loop's body evaluated in a context of the list's item only, and its
 *   tokenizer's reading of a template (a FEEL block ends at the first `}}`, strings or not).
 */
import type { Instance } from 'flatpickr/dist/types/instance.js';
import type { Plugin } from 'flatpickr/dist/types/options.js';
import { keepHalfTypedDates } from './half-typed-date.js';

/** (on an instance this plugin set up: once per calendar, whichever copy of this module put the plugin in) */
const SET_UP = Symbol.for('web-shared.form-js.typedBeforeCalendar.setUp');

export const typedBeforeCalendar: Plugin = (instance: Instance) => {
  const input = instance.input;
  const marks = instance as unknown as Record<symbol, boolean>;
  // (form-js's date fields only: the app's own DateInput has a calendar apart from its text box, one that never
  // writes into it, and no first write to keep a typed date over)
  if (marks[SET_UP] || !input.closest('.fjs-container')) return {};
  marks[SET_UP] = true;
  // (a text she leaves half typed is hers too, no date guessed from it: set up first, so that the first write's
  // wrapper below hands the calendar's later writes to it)
  const halfTyped = keepHalfTypedDates(instance);
  // (what she typed so far, before flatpickr reads and rewrites it, and where she is typing, before flatpickr
  // moves the field)
  const raw = input.value;
  const typing = document.activeElement === input ? { start: input.selectionStart, end: input.selectionEnd } : undefined;
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
    // (form-js listens for the calendar's changes only from the same render on: handed on after it — unless the
    // form was closed meanwhile, its calendar destroyed)
    setTimeout(() => {
      if (!input.isConnected || !instance.config || input.value !== typed) return;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      if (document.activeElement !== input) input.dispatchEvent(new KeyboardEvent('keydown', { code: 'Enter', key: 'Enter', keyCode: 13, bubbles: true }));
    });
  };
  return {
    ...halfTyped,
    onReady: () => {
      // (flatpickr's guess of a half-typed date dropped, her text back as she typed it)
      if (raw && input.value !== raw) {
        instance.clear(false);
        input.value = raw;
      }
      if (typing && document.activeElement !== input) {
        input.focus();
        input.setSelectionRange(typing.start, typing.end);
      }
    },
  };
};
