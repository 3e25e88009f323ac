/**
 * form-js's calendar (flatpickr) marks the office's day as today — the date in Asia/Shanghai of the form's clock,
 * the day the forms' today() gives (office-day.ts) — not the PC's: flatpickr's own is the local date of the moment
 * flatpickr was loaded (its default `now`), so on a PC in another zone, with a wrong clock, or on a page left open
 * past midnight the calendar marked another day than the forms' 晚于今天 warnings went by, and opened on that
 * day's month. form-js builds the calendar with options of its own; flatpickr's `now` is set here by a flatpickr
 * plugin in flatpickr's defaults (calendar-plugins.ts), for the date fields of a form view that told its clock
 * ({@link showOfficeTodayIn}); other calendars keep flatpickr's.
 */
import type { Instance } from 'flatpickr/dist/types/instance.js';
import type { Plugin } from 'flatpickr/dist/types/options.js';
import { formatDate } from '../format/dates.js';

const clocks = new WeakMap<Element, () => number>();

/** The calendars of the date fields inside `container` mark the office day by `now`; returns the undo. */
export function showOfficeTodayIn(container: Element, now: () => number): () => void {
  clocks.set(container, now);
  return () => clocks.delete(container);
}

/**
 * The plugin: run as flatpickr reads its options, before it sets up its dates. flatpickr compares the PC's local
 * calendar dates, so the office day is given as a local date (its noon: no zone's shift moves it to another day).
 * Told again at each opening: flatpickr keeps the `now` it was set up with, and a form left open past midnight, or
 * the Play sandbox's clock moved days ahead, marked the day before (an empty field's calendar then opens on the new
 * day's month). By `open` itself, which form-js and flatpickr call: form-js replaces the calendar's `onOpen` hooks
 * with its own once it has built it, a plugin's among them.
 */
export const officeTodayInCalendar: Plugin = (instance: Instance) => {
  const now = clockOf(instance.element);
  if (!now) return {};
  const officeDate = () => {
    const [year, month, day] = formatDate(now()).split('-').map(Number) as [number, number, number];
    return new Date(year, month - 1, day, 12);
  };
  instance.config.now = officeDate();
  // a field that takes no passed day ("disallow passed dates": form-js gives flatpickr `minDate: 'today'`, which
  // flatpickr reads as the PC's date, before this plugin runs) takes none before the office's day: on a PC whose date
  // is another, the calendar allowed or refused a day the forms' today() did not, and said so (date-outside-range.ts)
  const min = instance.config.minDate;
  const refusesPassed = Boolean(min && isStartOfDay(min) && sameDay(min, new Date()));
  if (refusesPassed) instance.config.minDate = startOfDay(officeDate());
  const open = instance.open;
  instance.open = (...args) => {
    const today = officeDate();
    // (the first day taken moves on with the office's day too: a form left open past midnight took yesterday)
    if (!instance.isOpen && refusesPassed && instance.config.minDate?.getTime() !== startOfDay(today).getTime()) {
      moveFirstDay(instance, startOfDay(today));
    }
    if (!instance.isOpen && instance.now && today.getTime() !== instance.now.getTime()) {
      instance.now = today;
      if (instance.selectedDates.length === 0) instance.jumpToDate(today);
      else instance.redraw();
    }
    open(...args);
  };
  return {};
};

/**
 * flatpickr's setter of `minDate` drops a selected day now before it and writes the field's text anew: a date picked
 * yesterday in a field left open overnight vanished from the field as the calendar opened — still the form's, until
 * 办结 took the empty field for null, without a word. The day and the text stay as they were instead: the text read
 * again as a typed one (half-typed-date.ts), so a day no longer allowed is kept and the field names the days it takes
 * (date-outside-range.ts), and the form is not submitted with it; a text kept half typed stays too.
 */
function moveFirstDay(instance: Instance, firstDay: Date): void {
  const text = instance.input.value;
  const selected = [...instance.selectedDates];
  instance.set('minDate', firstDay);
  if (instance.input.value === text && instance.selectedDates.length === selected.length) return;
  instance.selectedDates = selected;
  instance.latestSelectedDateObj = selected.at(-1);
  // (an emptied field — she is typing — stays empty)
  if (text.trim() === '') instance.input.value = text;
  else instance.setDate(text, false, instance.config.dateFormat);
  instance.redraw();
}

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function isStartOfDay(date: Date): boolean {
  return date.getHours() === 0 && date.getMinutes() === 0 && date.getSeconds() === 0 && date.getMilliseconds() === 0;
}

function sameDay(one: Date, other: Date): boolean {
  return one.toDateString() === other.toDateString();
}

function clockOf(element: Element | null): (() => number) | undefined {
  for (let at = element; at; at = at.parentElement) {
    const now = clocks.get(at);
    if (now) return now;
  }
  return undefined;
}
