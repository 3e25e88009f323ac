/**
 * Dates as the office reads them: year first, in China Standard Time (the office's zone), whatever the PC's
 * zone. Inputs are the date-times Camunda answers (`2026-12-04T09:30:00.000Z`) and the date-time variables models
 * write, in every shape FEEL gives them ({@link parseDateTime}).
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

/**
 * The instant a date-time text names, in every shape a process variable holds one (docs/camunda8-cluster.md,
 * "Date-times in variables"), or undefined for anything else (a date alone included):
 * - with an offset, `2026-03-01T02:00:00.123Z`, `2026-03-01T10:00:00+08:00` (our engine, JavaScript, FEEL's
 *   `string()` of a date-time whose zone is an offset): that instant, whatever the zone after it;
 * - with a zone and an offset, `2026-03-01T10:00:00+08:00[Asia/Shanghai]` (what Zeebe stores for `=now()` without
 *   `string()`, java.time's ISO_ZONED_DATE_TIME): the offset;
 * - with a zone alone, `2026-03-01T10:00:00@Europe/Berlin` (FEEL's `string(now())` on a cluster) or
 *   `…[Europe/Berlin]`: the wall-clock time in that zone;
 * - with neither, `2026-03-01T10:00:00` (FEEL's local date-time, `string(date and time(date, time))`): the
 *   OFFICE's wall-clock time. A zone-less value names no instant; the models write such values for the office, and
 *   reading it in the browser's zone would show another time on a PC set elsewhere.
 * A wall time skipped or repeated by a daylight-saving change is resolved as `java.time` does (the same as
 * workers/lib/instant.ts, which reads these shapes with Temporal).
 *
 * Why Intl, not Temporal (temporal-polyfill, which the workers use): it adds 56 KB (19 KB gzipped) to each app's
 * first screen, half the task list's own bundle (100 KB), to read a zone's offset — which Intl tells.
 */
export function parseDateTime(text: string): Date | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '', offset, bracketZone, atZone] = match;
  const wall = utcFields(+year!, +month!, +day!, +hour!, +minute!, +second, +fraction.padEnd(3, '0').slice(0, 3));
  if (!sameFields(wall, +year!, +month!, +day!, +hour!, +minute!, +second)) return undefined; // 2026-02-30, 24:00
  if (offset) return new Date(wall - offsetMs(offset));
  try {
    return new Date(wallTimeIn(wall, atZone ?? bracketZone ?? OFFICE_TIME_ZONE));
  } catch {
    return undefined; // a zone this browser does not know
  }
}

// helpers

// The same shapes as workers/lib/instant.ts, so a value the browser shows is one the workers read: an offset is
// `Z` or `±hh:mm` (RFC 3339, as Camunda's API and FEEL write it), not `+0800` or `+08:00:00`; no leap second `:60`
// (Temporal would read it as :59).
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::([0-5]\d)(?:\.(\d{1,9}))?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?(?:\[([^\]]+)\]|@([A-Za-z][A-Za-z0-9_+\-/]*))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR = 3_600_000;

function toDate(value: string | number | null | undefined): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') return Number.isNaN(new Date(value).getTime()) ? undefined : new Date(value);
  // a date alone (`deadlineDate`): the office's midnight of that day
  return DATE.test(value) ? parseDateTime(`${value}T00:00`) : parseDateTime(value);
}

function isoParts(format: Intl.DateTimeFormat, date: Date): string {
  const parts = Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Date.UTC's ms for these fields, also for years 0–99 (which Date.UTC takes for 1900–1999). */
function utcFields(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.setUTCHours(hour, minute, second, ms);
}

function sameFields(ms: number, year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  const d = new Date(ms);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day && d.getUTCHours() === hour && d.getUTCMinutes() === minute && d.getUTCSeconds() === second;
}

function offsetMs(offset: string): number {
  if (offset === 'Z') return 0;
  return (offset.startsWith('-') ? -1 : 1) * (+offset.slice(1, 3) * HOUR + +offset.slice(4, 6) * 60_000); // +08:00
}

/**
 * The instant of a wall-clock time (`wall`: its fields as if UTC) in a zone. Of the offsets a day before and a day
 * after, the one that gives the time back; both when the time is repeated (autumn): the earlier instant; neither
 * when it is skipped (spring): the offset before the change, which moves it forward by the gap — `java.time`'s
 * ZonedDateTime.of and Temporal's `compatible`. (No zone changes its offset twice within two days.)
 */
function wallTimeIn(wall: number, zone: string): number {
  const before = zoneOffsetAt(wall - 24 * HOUR, zone);
  const after = zoneOffsetAt(wall + 24 * HOUR, zone);
  const fits = [wall - before, wall - after].filter((instant) => zoneOffsetAt(instant, zone) === wall - instant);
  return fits.length ? Math.min(...fits) : wall - before;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in ms (Intl throws a RangeError for an unknown zone). */
function zoneOffsetAt(instant: number, zone: string): number {
  let format = zoneFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short' });
    zoneFormats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  const year = parts.era === 'BC' ? 1 - +parts.year! : +parts.year!;
  const local = utcFields(year, +parts.month!, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!, 0);
  return local - (instant - (((instant % 1000) + 1000) % 1000));
}
