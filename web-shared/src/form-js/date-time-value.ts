/**
 * The value form-js gives a date-time field (subtype datetime) for a day and a time of day, written as its
 * Datetime component writes it (@bpmn-io/form-js-viewer 1.23.0, serializeDateTime): `2026-03-05T14:30` (no zone,
 * the field's default), `…T14:30+08:00` (`utc_offset`) or the moment in UTC, `…T06:30Z` (`utc_normalized`). Built
 * here so that a date and time the clerk typed are the form's before `submit()` reads its data, in the keydown that
 * ended them (the task list's Ctrl+Enter): form-js takes them only after the next paint. The time is on the field's
 * `timeInterval` (timeIntervalOf): one off it is refused before it comes here (half-typed-date-validation.ts), so
 * none is floored here as form-js floors it.
 */
const INTERVALS = [1, 5, 10, 15, 30, 60];

export interface DateTimeField {
  timeInterval?: unknown;
  timeSerializingFormat?: unknown;
}

/** The minutes a field's times go by, as form-js reads its `timeInterval`: 15 unless one of 1, 5, 10, 30, 60. */
export function timeIntervalOf(field: DateTimeField): number {
  return typeof field.timeInterval === 'number' && INTERVALS.includes(field.timeInterval) ? field.timeInterval : 15;
}

/** `iso`: the day (2026-03-05); `time`: the time of day typed, in minutes after midnight (on the field's interval). */
export function dateTimeValue(field: DateTimeField, iso: string, time: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const local = new Date(year, month - 1, day, Math.floor(time / 60), time % 60);
  if (field.timeSerializingFormat === 'utc_normalized') return `${local.toISOString().slice(0, 16)}Z`;
  const written = `${iso}T${pad(Math.floor(time / 60))}:${pad(time % 60)}`;
  if (field.timeSerializingFormat !== 'utc_offset') return written;
  const offset = -local.getTimezoneOffset();
  return `${written}${offset >= 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

const pad = (value: number) => String(value).padStart(2, '0');
