/**
 * Timer values as Zeebe reads them: ISO 8601 durations (`P15D`, `PT10M`), date-times, and cycles
 * (`R3/PT1H`, `R/P1D`, `R3/2026-01-01T09:00:00+08:00/P1D`, or a cron expression such as `0 0 9 * * MON-FRI`).
 * Pure functions of the value and the engine clock; the clock may be pinned.
 */
import { Cron } from 'croner';
import { Temporal } from 'temporal-polyfill';
import { describeValue } from '../feel/value-type-name.js';

export type TimerKind = 'duration' | 'date' | 'cycle';

export interface TimerDue {
  /** Epoch ms at which the timer fires (never before). */
  dueDate: number;
  /** Repetitions still to fire including this one; -1 = unbounded (`R/…`). */
  repetitions: number;
  /** For cycles: how to compute the next due date after this one fires. */
  cycle?: { interval?: string; cron?: string };
}

/** Computes the first due date, or returns an error message naming the problem. */
export function scheduleTimer(kind: TimerKind, value: unknown, now: number): TimerDue | string {
  if (typeof value !== 'string') return `expected a ${kind} as an ISO 8601 string, but was ${describeValue(value)}`;
  if (value.trim() === '') return `expected a ${kind} as an ISO 8601 string, but it was empty`;
  const text = value.trim();
  if (kind === 'duration') {
    const due = addDuration(now, text);
    return due === undefined ? `'${text}' is not an ISO 8601 duration` : { dueDate: Math.max(now, due), repetitions: 1 };
  }
  if (kind === 'date') {
    const due = parseDateTime(text);
    return due === undefined ? `'${text}' is not an ISO 8601 date-time` : { dueDate: due, repetitions: 1 };
  }
  return scheduleCycle(text, now);
}

/** After a cycle fired at `firedAt`, its next due date; undefined when no repetition is left. */
export function nextCycle(due: TimerDue, firedAt: number): TimerDue | undefined {
  if (!due.cycle || due.repetitions === 1) return undefined;
  const repetitions = due.repetitions < 0 ? -1 : due.repetitions - 1;
  if (due.cycle.cron) {
    const next = new Cron(due.cycle.cron, { timezone: 'UTC', paused: true }).nextRun(new Date(firedAt));
    return next ? { dueDate: next.getTime(), repetitions, cycle: due.cycle } : undefined;
  }
  const next = addDuration(due.dueDate, due.cycle.interval!);
  return next === undefined ? undefined : { dueDate: next, repetitions, cycle: due.cycle };
}

/**
 * Adds an ISO 8601 duration the way Zeebe does (java.time Period, then Duration): years, months, weeks and days by
 * the calendar in UTC — a month from 01-31 ends on the last day of February — then hours, minutes and seconds.
 * Temporal reads and adds it; undefined when the text is not a duration (designators upper case; a fraction only
 * in the smallest time unit, so never of a day or a month, which Zeebe refuses too) or the result is out of range.
 */
export function addDuration(from: number, duration: string): number | undefined {
  if (duration !== duration.toUpperCase()) return undefined;
  try {
    return Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO('UTC').add(Temporal.Duration.from(duration)).epochMilliseconds;
  } catch {
    return undefined;
  }
}

// helpers

/**
 * An ISO 8601 date-time that names its offset (`Z` or `+08:00`), optionally followed by a zone id
 * (`2019-10-02T08:09:40+02:00[Europe/Berlin]`), as Camunda requires; the offset fixes the instant. Anything else
 * (`12`, `March 7, 2026`, a local time without offset, the basic format) is undefined; Temporal checks the rest.
 */
function parseDateTime(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})(?:\[[\w+\-/]+\])?$/i.test(text)) return undefined;
  try {
    return Temporal.Instant.from(text).epochMilliseconds;
  } catch {
    return undefined;
  }
}

function scheduleCycle(text: string, now: number): TimerDue | string {
  if (!text.startsWith('R')) {
    try {
      const cron = new Cron(text, { timezone: 'UTC', paused: true });
      const next = cron.nextRun(new Date(now));
      if (!next) return `the cron expression '${text}' never fires`;
      return { dueDate: next.getTime(), repetitions: -1, cycle: { cron: text } };
    } catch (error) {
      return `'${text}' is neither an ISO 8601 repeating interval nor a cron expression: ${(error as Error).message}`;
    }
  }
  const parts = text.split('/');
  const count = parts[0] === 'R' ? -1 : Number(parts[0]!.slice(1));
  if (!Number.isInteger(count) || count === 0 || count < -1) return `'${text}' has an invalid repetition count`;
  let start = now;
  let interval: string | undefined;
  if (parts.length === 2) interval = parts[1];
  else if (parts.length === 3) {
    start = parseDateTime(parts[1]!) ?? NaN;
    interval = parts[2];
    if (Number.isNaN(start)) return `'${text}' has an invalid start date`;
  } else return `'${text}' is not an ISO 8601 repeating interval`;
  const first = parts.length === 3 ? start : addDuration(start, interval!);
  if (first === undefined || addDuration(0, interval!) === undefined) return `'${text}' has an invalid interval`;
  return { dueDate: first, repetitions: count, cycle: { interval } };
}
