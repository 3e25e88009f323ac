/**
 * Date-times as process variables carry them. Our engine and JavaScript write ISO 8601 with an offset
 * (`2026-03-02T01:00:00.000Z`); Camunda's FEEL writes a zoned date-time with its zone id
 * (`string(now())` → `2026-03-02T09:00:00.123@Asia/Shanghai`, or `@UTC` on a cluster running in UTC), and Java
 * tools `2026-03-02T09:00:00+08:00[Asia/Shanghai]`. The workers accept all three, so `=string(now())` mappings
 * work against the embedded engine and a real cluster alike.
 */
import { isIsoDate, officeDateOf, type IsoDate } from './iso-date.js';

const FEEL_ZONED = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)@([A-Za-z][A-Za-z0-9_+\-/]*)$/;
const JAVA_ZONED = /^(.*[+-]\d{2}:\d{2}|.*Z)\[[^\]]+\]$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The instant a date-time names, or undefined when it is not a date-time with a zone or offset. */
export function parseInstant(text: string): Date | undefined {
  const feel = FEEL_ZONED.exec(text);
  if (feel) return atZone(feel[1]!, feel[2]!);
  const java = JAVA_ZONED.exec(text);
  const iso = java ? java[1]! : text;
  if (!WITH_OFFSET.test(iso)) return undefined;
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
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

// helpers

/** A wall-clock time in an IANA zone as an instant (checked twice around offset changes). */
function atZone(local: string, zone: string): Date | undefined {
  const [date, time] = local.split('T') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute, second = '0'] = time.split(':') as [string, string, string?];
  const wall = Date.UTC(year, month - 1, day, Number(hour), Number(minute), Math.floor(Number(second)), Math.round((Number(second) % 1) * 1000));
  try {
    let instant = wall - offsetMs(zone, wall);
    instant = wall - offsetMs(zone, instant);
    return new Date(instant);
  } catch {
    return undefined; // not a zone Intl knows
  }
}

/** How far the zone's wall clock is ahead of UTC at `instant`. */
function offsetMs(zone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}
