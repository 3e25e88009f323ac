/**
 * Dates as the office reads them: year first, in China Standard Time (the office's zone), whatever the PC's
 * zone. Inputs are the ISO 8601 date-times Camunda answers (`2026-12-04T09:30:00.000Z`).
 */
const OFFICE_TIME_ZONE = 'Asia/Shanghai';

const dateFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: OFFICE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** `2026-12-04` (office date of an instant), or '' for nothing. */
export function formatDate(value: string | number | null | undefined): string {
  const date = toDate(value);
  return date ? isoParts(dateFormat, date) : '';
}

/** `2026-12-04 17:30`. */
export function formatDateTime(value: string | number | null | undefined): string {
  const date = toDate(value);
  if (!date) return '';
  const parts = Object.fromEntries(dateTimeFormat.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}`;
}

// helpers

function toDate(value: string | number | null | undefined): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date = new Date(typeof value === 'string' ? value.replace(/@.*$/, '') : value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function isoParts(format: Intl.DateTimeFormat, date: Date): string {
  const parts = Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
