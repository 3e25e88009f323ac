/**
 * One way for the pages to read a variable's value (its JSON text, as /v2 and the audit log give it) where a shape
 * is expected: read exactly (exact-json.ts: an 18-digit number keeps its digits, where plain JSON.parse rounds it)
 * and checked with zod against the shape. It never throws: a text that is no JSON or a value of another shape comes
 * back as `ok: false` with the text as stored, so the page can show that text (or nothing) and say why — not
 * `[object Object]`, not a broken page. zod's mini build: the monitor's bundle carries only the checks it uses.
 */
import * as z from 'zod/mini';
import { parseExact } from './exact-json.js';

export type VariableValueRead<T> =
  | { ok: true; value: T }
  /** `json`: the text is no JSON (a value cut short); `shape`: JSON, but not of the expected shape. */
  | { ok: false; problem: 'json' | 'shape'; text: string };

export function readVariableValue<T>(text: string, shape: z.ZodMiniType<T>): VariableValueRead<T> {
  let value: unknown;
  try {
    value = parseExact(text);
  } catch {
    return { ok: false, problem: 'json', text };
  }
  const checked = z.safeParse(shape, value);
  return checked.success ? { ok: true, value: checked.data } : { ok: false, problem: 'shape', text };
}

/** The read value, or the text as stored when it is no JSON or of another shape: what a page shows either way. */
export function valueOrText<T>(read: VariableValueRead<T>): T | string {
  return read.ok ? read.value : read.text;
}
