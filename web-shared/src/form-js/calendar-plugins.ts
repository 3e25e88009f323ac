/**
 * flatpickr's plugins for form-js's date fields, put once into flatpickr's defaults: form-js builds each field's
 * calendar with options of its own and no way to add any, and flatpickr adds its defaults' plugins to every
 * calendar (the library's own extension point; each plugin leaves calendars outside a form view alone).
 */
import flatpickr from 'flatpickr';
import { officeTodayInCalendar } from './office-today-calendar.js';
import { typedBeforeCalendar } from './typed-before-calendar.js';

let installed = false;

export function installCalendarPlugins(): void {
  if (installed) return;
  installed = true;
  flatpickr.setDefaults({ plugins: [...(flatpickr.defaultConfig.plugins ?? []), officeTodayInCalendar, typedBeforeCalendar] });
}
