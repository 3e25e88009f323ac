/**
 * A date field's value as another system wrote it is read as the date it is before form-js sees it: form-js reads a
 * date field's value only as a strict ISO date (`2026-03-02`; a date-time field's as `Date.parse` does), and a
 * value it cannot read — `2026-3-2`, not zero-padded, `2026/03/02`, `20260302` — it showed as an empty field and
 * emptied in its data as the form showed, so completing the task wrote the date away without anyone having seen it.
 * Such a value is read by the project's reading of dates (date-text.ts) and given to form-js as `2026-03-02`
 * (`2026-03-02T10:00` for a date-time); a value that is no date at all (`待定`) is kept in its field as text, marked
 * with a Chinese note saying it is the value written before ({@link writtenValueMessage}), instead of emptied
 * silently: the form is not submitted until she puts a date there or empties the field herself. In a field she cannot
 * change (read-only) the value stays the form's as written and its text is shown, with no note to hold the form up.
 *
 * form-js reads no value with a time in a date field (its sanitizeDateTimePickerValue: any `T` is none), so
 * `2026-03-02T00:00:00` and `2026-3-2 9:30` are shown as their day; a moment with its zone (`2026-03-01T16:30:00Z`)
 * is no day without choosing a zone, so it is shown as written, with its note, like 待定. A value shown otherwise than
 * written is no change of hers: the form view hands on the value as written while the field still holds the day it
 * was read as ({@link withValuesAsRead}), so 办结 without touching the field does not rewrite it.
 *
 * The data is copied as plain objects and arrays only: a long integer read exactly (lossless-json's LosslessNumber,
 * an 18-digit ID number) stays the instance it is, for digitsAsText to write as its digits.
 */
import { isoDateOfText } from '../dates/date-text.js';

interface Component {
  type?: string;
  subtype?: string;
  key?: string;
  path?: string;
  isRepeating?: boolean;
  components?: Component[];
}

/**
 * `data` with its date fields' values read (a new object where one changed), and the values that are no date, as
 * texts by the field's path (`visitDay`, `bills.0.billDay`: as date-texts-kept.ts carries texts), their values
 * taken out of the data (form-js would empty them: the text is what shows them).
 */
export function readDateValues(
  schema: { components?: Component[] },
  data: Record<string, unknown>,
): { data: Record<string, unknown>; written: Record<string, string>; read: ValuesRead } {
  const written: Record<string, string> = {};
  const valuesRead: ValuesRead = {};
  const read = plainCopy(data) as Record<string, unknown>;
  let changed = false;
  const visit = (components: Component[] | undefined, at: Record<string, unknown>, path: string[]) => {
    for (const component of components ?? []) {
      if (component.type === 'datetime' && (component.subtype === 'date' || component.subtype === 'datetime') && component.key) {
        const keys = component.key.split('.');
        const holder = keys.slice(0, -1).reduce<Record<string, unknown> | undefined>((object, key) => (isObject(object?.[key]) ? (object[key] as Record<string, unknown>) : undefined), at);
        const last = keys[keys.length - 1]!;
        const value = holder?.[last];
        if (!holder || value === undefined || value === null || value === '') continue;
        const shown = component.subtype === 'date' ? dateValue(value) : dateTimeValueRead(value);
        if (shown === value) continue;
        changed = true;
        if (shown !== undefined) {
          holder[last] = shown;
          valuesRead[[...path, ...keys].join('.')] = { shown: shown as string, original: value };
        } else {
          // (form-js's import empties it anyway; a field she cannot change gets it back as written: date-texts-shown.ts)
          holder[last] = null;
          const text = typeof value === 'string' ? value : JSON.stringify(value);
          written[[...path, ...keys].join('.')] = text;
          // (a value not a text, an epoch's milliseconds, goes on as it came, not as the text that shows it)
          if (typeof value !== 'string') valuesRead[[...path, ...keys].join('.')] = { shown: text, original: value };
        }
        continue;
      }
      if (!component.components) continue;
      const inner = component.path ? component.path.split('.') : [];
      const target = inner.reduce<unknown>((object, key) => (isObject(object) ? object[key] : undefined), at);
      if (component.isRepeating) {
        if (Array.isArray(target)) target.forEach((row, index) => isObject(row) && visit(component.components, row, [...path, ...inner, String(index)]));
      } else if (inner.length === 0) visit(component.components, at, path);
      else if (isObject(target)) visit(component.components, target, [...path, ...inner]);
    }
  };
  visit(schema.components, read, []);
  return changed ? { data: read, written, read: valuesRead } : { data, written, read: valuesRead };
}

/** The values given to form-js otherwise than written, by the field's path: as shown, and as written. */
export type ValuesRead = Record<string, { shown: string; original: unknown }>;

/**
 * `data` (the form's, as it hands it on or submits it) with each value of `read` the field still holds as it was
 * shown put back as it was written: she did not change it, so nothing of hers rewrites it.
 */
export function withValuesAsRead(data: Record<string, unknown>, read: ValuesRead): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [path, { shown, original }] of Object.entries(read)) {
    const keys = path.split('.');
    const holderOf = (object: unknown) => keys.slice(0, -1).reduce<unknown>((at, key) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined), object);
    const holder = holderOf(data);
    if (typeof holder !== 'object' || holder === null || (holder as Record<string, unknown>)[keys[keys.length - 1]!] !== shown) continue;
    copy ??= plainCopy(data) as Record<string, unknown>;
    (holderOf(copy) as Record<string, unknown>)[keys[keys.length - 1]!] = original;
  }
  return copy ?? data;
}

/**
 * The Chinese note under a date field showing a value written before that is no date (`text`, as written), or no
 * day and time in a date-time field.
 */
export function writtenValueMessage(text: string, subtype?: string): string {
  // (a date-time field's value written as a day alone: its calendar shows the day, form-js takes no value without a time)
  if (subtype === 'datetime' && isoDateOfText(text) !== undefined && !/\d:\d/.test(text)) return `原值“${text}”缺少时间，请补填时间`;
  if (ZONED.test(text)) return `原值“${text}”带时区，不能确定是哪一天，请改填日期（如 2026/3/2）或清空此项`;
  return `原值“${text}”不是日期，请改填日期（如 2026/12/7）或清空此项`;
}

/** A date field's value as form-js reads it (`2026-03-02`), the value itself if form-js reads it, undefined if no date. */
function dateValue(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return isoDateOfText(value) === undefined ? undefined : value;
  // (a time without a zone, `2026-03-02T00:00:00`, `2026-3-2 9:30`: its day; one with a zone is none, date-text.ts)
  return isoDateOfText(value);
}

/** A date-time field's value as form-js reads it (`2026-03-02T10:00`…), the value itself if it does, undefined if none. */
function dateTimeValueRead(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) return value;
  const match = /^(.+?)(?:\s*T\s*|\s+)(\d{1,2})(:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?)$/.exec(value.trim());
  const iso = match ? isoDateOfText(match[1]!) : undefined;
  if (!match || iso === undefined) return undefined;
  const read = `${iso}T${match[2]!.padStart(2, '0')}${match[3]}`;
  return Number.isNaN(Date.parse(read)) ? undefined : read;
}

/** A field the clerk cannot change (read-only or disabled in the form, not by an expression): no note holds it up. */
export function isFixed(field: { readonly?: unknown; disabled?: unknown }): boolean {
  return field.readonly === true || field.disabled === true;
}

/** A date and time with its zone (`…Z`, `…+08:00`): a moment, its day the zone's it is read in. */
const ZONED = /^\s*\d{4}\D.*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})\s*$/i;

/** `value` with its plain objects and arrays copied; anything else (a LosslessNumber) as it is, not cloned. */
function plainCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainCopy);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainCopy(item)]));
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
