/**
 * One way for the pages to read a variable's value (its JSON text, as /v2 and the audit log give it) where a shape
 * is expected: read exactly (exact-json.ts: an 18-digit number keeps its digits, where plain JSON.parse rounds it)
 * and checked by a type guard. It never throws: a text that is no JSON or a value of another shape comes back as
 * `ok: false` with the text as stored, so the page can show that text (or nothing) — not `[object Object]`, not a
 * broken page. A guard, not a zod schema: the shapes the pages ask for are a typeof or two, and zod would add its
 * weight to the monitor's main bundle for them.
 */
import { parseExact } from './exact-json.js';

export type VariableValueRead<T> = { ok: true; value: T } | { ok: false; text: string };

export function readVariableValue<T>(text: string, is: (value: unknown) => value is T): VariableValueRead<T> {
  let value: unknown;
  try {
    value = parseExact(text);
  } catch {
    // no JSON (a value cut short)
    return { ok: false, text };
  }
  return is(value) ? { ok: true, value } : { ok: false, text };
}

/** The read value, or the text as stored when it is no JSON or of another shape: what a page shows either way. */
export function valueOrText<T>(read: VariableValueRead<T>): T | string {
  return read.ok ? read.value : read.text;
}

export const isText = (value: unknown): value is string => typeof value === 'string';

/**
 * A JSON string's text, trimmed, for a value that names something (a person, a date, a notice's number); undefined
 * for no value, an empty text, or anything else (null, a number, an object, broken JSON).
 */
export function textValueOf(json: string | null | undefined): string | undefined {
  if (json === undefined || json === null) return undefined;
  const read = readVariableValue(json, isText);
  return read.ok && read.value.trim() !== '' ? read.value.trim() : undefined;
}
