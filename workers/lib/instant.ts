/**
 * Date-times as process variables carry them. Our engine and JavaScript write ISO 8601 with an offset
 * (`2026-03-02T01:00:00.000Z`); Camunda's FEEL writes a zoned date-time with its zone id
 * (`string(now())` → `2026-03-02T09:00:00.123@Asia/Shanghai`, or `@UTC` on a cluster running in UTC), and Java
 * tools `2026-03-02T09:00:00+08:00[Asia/Shanghai]`. The workers accept all three, so `=string(now())` mappings
 * work against the embedded engine and a real cluster alike. Temporal reads them: a FEEL wall-clock time in its
 * zone (a time skipped or repeated by a daylight-saving change is resolved as `java.time` does, Temporal's
 * `compatible`), the others by their offset.
 */
import { Temporal } from 'temporal-polyfill';
import { isIsoDate, officeDateOf, type IsoDate } from './iso-date.js';

/** The shapes accepted; Temporal also reads basic (`20260302T0900Z`) and lower-case forms no variable uses. */
const FEEL_ZONED = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)@([A-Za-z][A-Za-z0-9_+\-/]*)$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})(?:\[[^\]]+\])?$/;

/** The instant a date-time names, or undefined when it is not a date-time with a zone or offset. */
export function parseInstant(text: string): Date | undefined {
  try {
    const feel = FEEL_ZONED.exec(text);
    if (feel) return new Date(Temporal.PlainDateTime.from(feel[1]!).toZonedDateTime(feel[2]!).epochMilliseconds);
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
  if (!instant) throw new RangeError(`'${text}' is neither a date nor a date-time with a zone`);
  return officeDateOf(instant);
}
