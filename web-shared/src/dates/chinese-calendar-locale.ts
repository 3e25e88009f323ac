/**
 * flatpickr's calendar in Chinese as the office reads it: flatpickr's own Mandarin texts (十二月, 周一 …) with
 * weeks from Monday, as China's calendars are printed, and the labels screen readers read for the year and month
 * boxes, which flatpickr's Mandarin leaves English. Shared by form-js's date fields and the web apps' date inputs,
 * so both calendars read alike.
 */
import type { CustomLocale } from 'flatpickr/dist/types/locale.js';
import { Mandarin } from 'flatpickr/dist/l10n/zh.js';

export const CHINESE_CALENDAR_LOCALE: CustomLocale = {
  ...Mandarin,
  firstDayOfWeek: 1,
  yearAriaLabel: '年',
  monthAriaLabel: '月',
  hourAriaLabel: '时',
  minuteAriaLabel: '分',
};
