/**
 * flatpickr's plugins for form-js's date fields, put into flatpickr's defaults: form-js builds each field's
 * calendar with options of its own and no way to add any, and flatpickr adds its defaults' plugins to every
 * calendar (the library's own extension point; each plugin leaves calendars outside a form view alone). Marked, so
 * that putting them in again — from another copy of this module in the same page (two bundles sharing one
 * flatpickr) — takes out the ones put in before instead of running each twice on a calendar.
 */
import flatpickr from 'flatpickr';
import type { Plugin } from 'flatpickr/dist/types/options.js';
import { officeTodayInCalendar } from './office-today-calendar.js';
import { typedBeforeCalendar } from './typed-before-calendar.js';

const OURS = Symbol.for('web-shared.form-js.calendarPlugin');

type Marked = Plugin & { [OURS]?: true };

const plugins: Marked[] = [officeTodayInCalendar, typedBeforeCalendar].map((plugin) => Object.assign(plugin, { [OURS]: true as const }));

export function installCalendarPlugins(): void {
  const others = (flatpickr.defaultConfig.plugins ?? []).filter((plugin: Marked) => !plugin[OURS]);
  flatpickr.setDefaults({ plugins: [...others, ...plugins] });
}
