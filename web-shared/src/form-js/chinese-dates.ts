/**
 * Dates in form-js as Chinese offices write them, year first. form-js 1.23 takes the date format and the
 * placeholder from `Intl.DateTimeFormat()` without a locale, i.e. from the browser's language: an English browser
 * would show and parse `mm/dd/yyyy`. The web apps are Chinese-only, so {@link useChineseDateDefaults} makes
 * "no locale given" mean zh-CN (`2026/12/4`, placeholder 年/月/日) for the page, and gives flatpickr, form-js's
 * calendar, the Chinese of the web apps' own date inputs (web-shared/src/dates) through flatpickr's `localize`.
 */
import flatpickr from 'flatpickr';
import { CHINESE_CALENDAR_LOCALE } from '../dates/chinese-calendar-locale.js';

const LOCALE = 'zh-CN';
let installed = false;

export function useChineseDateDefaults(): void {
  if (installed) return;
  installed = true;
  flatpickr.localize(CHINESE_CALENDAR_LOCALE);
  const Native = Intl.DateTimeFormat;
  const withChineseDefault = (locales?: string | string[]) =>
    locales === undefined || locales === 'default' || (Array.isArray(locales) && locales.length === 0) ? LOCALE : locales;
  const Chinese = function (this: unknown, locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
    return new Native(withChineseDefault(locales), options);
  } as unknown as typeof Intl.DateTimeFormat;
  Object.defineProperties(Chinese, {
    prototype: { value: Native.prototype },
    supportedLocalesOf: { value: Native.supportedLocalesOf.bind(Native) },
  });
  Intl.DateTimeFormat = Chinese;
}
