/**
 * Date-times as process variables carry them. Our engine and JavaScript write ISO 8601 with an offset
 * (`2026-03-02T01:00:00.000Z`); Camunda's FEEL `string(now())` writes a zoned date-time with its zone id
 * (`2026-03-02T09:00:00.123@Asia/Shanghai`, or `@UTC` on a cluster running in UTC) or, when the zone is an offset,
 * the offset (`2026-03-02T09:00:00+08:00`); Zeebe stores a date-time a mapping returns without `string()` as
 * java.time's ISO_ZONED_DATE_TIME (`2026-03-02T09:00:00+08:00[Asia/Shanghai]`); FEEL's local date-time has no zone
 * at all (`2026-03-02T09:00:00`: read as the office's wall-clock time — the models write such values for the
 * office). The workers accept them all, so `=string(now())` mappings work against the embedded engine and a real
 * cluster alike, and read them as the browsers do (web-shared/src/format/dates.ts `parseDateTime`). Temporal reads
 * them: a wall-clock time in its zone (a time skipped or repeated by a daylight-saving change is resolved as
 * `java.time` does, Temporal's `compatible`), the others by their offset.
 */
import { Temporal } from 'temporal-polyfill';
import { isIsoDate, officeDateOf, OFFICE_TIME_ZONE, type IsoDate } from './iso-date.js';

// The shapes accepted; Temporal also reads basic (`20260302T0900Z`) and lower-case forms no variable uses, and a
// leap second `:60` (as :59), which the browsers' Date cannot — refused, so both read the same values.
/** A wall-clock time, with a zone id (`@Asia/Shanghai`, `[Asia/Shanghai]`) or none (the office's). */
const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::[0-5]\d(?:\.\d{1,9})?)?)(?:@([A-Za-z][A-Za-z0-9_+\-/]*)|\[([A-Za-z][A-Za-z0-9_+\-/]*)\])?$/;
/** An instant: an offset, and perhaps the zone it is in (ISO_ZONED_DATE_TIME), which the offset overrides. */
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)(?:\[[^\]]+\])?$/;

/** The validation message for a value {@link parseInstant} refuses (zone-less values pass: the office's time). */
export const INSTANT_MESSAGE = '需要时间（如 2026-03-02T09:00:00+08:00；不带时区的按北京时间）';
/** The validation message for a value {@link isDateOrInstant} refuses. */
export const DATE_OR_INSTANT_MESSAGE = '需要日期（YYYY-MM-DD）或时间（如 2026-03-02T09:00:00+08:00；不带时区的按北京时间）';

/** The instant a date-time names (a zone-less one in the office's zone), or undefined when it is not a date-time. */
export function parseInstant(text: string): Date | undefined {
  try {
    const wall = WALL_CLOCK.exec(text);
    if (wall) return new Date(Temporal.PlainDateTime.from(wall[1]!).toZonedDateTime(wall[2] ?? wall[3] ?? OFFICE_TIME_ZONE).epochMilliseconds);
    if (!WITH_OFFSET.test(text)) return undefined;
    return new Date(Temporal.Instant.from(text).epochMilliseconds);
  } catch {
    return undefined; // not a real date or time, or a zone Temporal does not know
  }
}

/** A civil date `YYYY-MM-DD`, or a date-time {@link parseInstant} reads. */
export function isDateOrInstant(text: string): boolean {
  return isIsoDate(text) || parseInstant(text) !== undefined;
}

/** The office date of a date or date-time (a date-time is read in the office's zone, Asia/Shanghai). */
export function officeDateOfDateOrInstant(text: string): IsoDate {
  if (isIsoDate(text)) return text;
  const instant = parseInstant(text);
  if (!instant) throw new RangeError(`'${text}' is neither a date nor a date-time`);
  return officeDateOf(instant);
}
