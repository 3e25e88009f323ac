/**
 * feel-scala's `date and time(from, timezone)` (since 1.16, so in Camunda 8.8's FEEL), which feelin 8.2 lacks: it
 * answers null for a string second argument. It is how a model names the office's zone instead of assuming the
 * broker's: `date(date and time(now(), "Asia/Shanghai"))` is the office's calendar date whatever zone `now()` is in
 * (Zeebe's `now()` is in the broker's system zone; the engine's is UTC). docs/modeling-conventions.md, "The office's
 * date".
 *
 * As in feel-scala's ConversionBuiltinFunctions: a date-time with a zone or offset is converted to the same instant
 * in `timezone` (withZoneSameInstant); a local date-time is read as a wall-clock time in `timezone` (atZone). Every
 * other call goes to feelin's own `date and time`, with the same parameter names, so `date and time(from: "…")` and
 * `date and time(date, time)` behave as before. `from` must be a date-time (a date or a string gives null), and the
 * zone an IANA name (`Asia/Shanghai`), an offset (`+08:00`) or `Z`, as Temporal reads them; Java's other spellings
 * (`GMT+8`) are not taken here, so a model should not use them.
 */
import { evaluate, FeelDateTime, isFunction, type FeelFunction } from 'feelin';

/** feelin's built-in, reached through a FEEL function value (its built-ins are not exported). */
// (its parameters are not named date and time: the parser would read `date and time(…)` as a conjunction of them)
const builtin = evaluate('function(d, t, f) date and time(d, t, f)', {}).value as FeelFunction;
if (!isFunction(builtin)) throw new Error('feelin: date and time() is not reachable');

function dateAndTime(date: unknown, time: unknown, from: unknown, timezone: unknown): unknown {
  if (date instanceof FeelDateTime && typeof time === 'string' && (from === undefined || from === null)) {
    return inZone(date, time);
  }
  // feel-scala's named form: date and time(from: now(), timezone: "Asia/Shanghai")
  if (from instanceof FeelDateTime && typeof timezone === 'string') return inZone(from, timezone);
  return builtin.invoke([date ?? null, time ?? null, from ?? null]);
}
// feelin binds named arguments by these names (otherwise it reads them from the source text)
(dateAndTime as { $args?: string[] }).$args = ['date', 'time', 'from', 'timezone'];

function inZone(dateTime: FeelDateTime, timezone: string): FeelDateTime {
  // Java's ZoneId.of takes "Z" for UTC, Temporal does not
  const zone = timezone === 'Z' ? 'UTC' : timezone;
  let zoned;
  try {
    zoned = dateTime.zone === null ? dateTime.value.toZonedDateTime(zone) : dateTime.value.toZonedDateTime(dateTime.zone).withTimeZone(zone);
  } catch {
    // feel-scala fails too (ZoneId.of): a misspelt zone must not pass as some other date
    throw new Error(`date and time(from, timezone): unknown time zone "${timezone}"`);
  }
  return new FeelDateTime(zoned.toPlainDateTime(), zoned.timeZoneId);
}

export { dateAndTime };
