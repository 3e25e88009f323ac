/**
 * Personal data inside text that names no variable: an incident's message quoting the value an expression read
 * (`… to be a boolean, but it was "精神分裂症"`), a message's correlation key made from an ID number, a reason a
 * clerk typed. Such text cannot be masked by a variable's name (personal-data.ts), so the case's own ID numbers, bank
 * accounts and diagnoses are looked for in it and masked where found, as their variables are. Pure functions, no DOM.
 */
import { isLosslessNumber, jsonOrText } from '../api/exact-json.js';
import { maskIdNumber, maskValue, personalDataKind, type PersonalDataKind } from './personal-data.js';

export interface PersonalValue {
  kind: PersonalDataKind;
  /** As the variable holds it (a number as its digits). */
  value: string;
}

/**
 * Every ID number, bank account and diagnosis the variables hold, nested ones too (a family member's ID number, each
 * part of a coded diagnosis), longest first so that a value inside another is masked after it. Values shorter than
 * two characters are left out: looked for in a message, they would mask unrelated letters and digits.
 */
export function personalValues(variables: readonly { name: string; value: unknown }[]): PersonalValue[] {
  const found = new Map<string, PersonalValue>();
  for (const variable of variables) collect(variable.value, variable.name, undefined, found);
  return longestFirst(found.values());
}

/** The same for variables as /v2 answers them: values as JSON text (a cut one, no JSON, taken as it is). */
export function personalValuesOfVariables(variables: readonly { name: string; value: string }[]): PersonalValue[] {
  return personalValues(variables.map((variable) => ({ name: variable.name, value: jsonOrText(variable.value) })));
}

/** Both lists as one, each value once (the first list's kind kept), longest first. */
export function mergePersonalValues(first: readonly PersonalValue[], second: readonly PersonalValue[]): PersonalValue[] {
  const merged = new Map<string, PersonalValue>();
  for (const item of [...first, ...second]) if (!merged.has(item.value)) merged.set(item.value, item);
  return longestFirst(merged.values());
}

/**
 * The text with each of the values masked wherever it occurs, also written otherwise than stored: an ID number's or
 * bank account's digits full-width (６３０１…) or in groups (`6217 0028 7000 1234 567`, `630103-1965…`), its check
 * letter in either case, a diagnosis's code in either case. A short value (8 characters or fewer: a code `F20`, `12`,
 * a category `general`) or an ID number shorter than 15 characters (a passport, a 港澳台 permit) matches only where
 * no letter or digit is next to its letter or digit ends (`F20` is not masked inside a UUID, `12` not inside
 * `2026-12-05`). Then, as a safety net, whatever has the shape of a mainland ID number is masked as one (an
 * ID number the case no longer holds, quoted in an older reason); no other digit run (a case key stays readable).
 */
export function maskPersonalValuesIn(text: string, values: readonly PersonalValue[]): string {
  let masked = text;
  for (const { kind, value } of values) {
    const replacement = maskValue(kind, value);
    masked = masked.replace(patternOf(kind, value), () => replacement);
  }
  return maskIdNumberShapes(masked);
}

/**
 * A copy of `data` with the values masked inside every text in it, nested ones too (names kept): what masking by
 * name (maskPersonalData, maskVariableValue) leaves, such as a reason that quotes the applicant's ID number.
 */
export function maskPersonalValuesInData<T>(data: T, values: readonly PersonalValue[]): T {
  const mask = (value: unknown): unknown => {
    if (typeof value === 'string') return maskPersonalValuesIn(value, values);
    // an ID number stored as a number under a name not known as personal: masked as its digits, shown as text
    if (typeof value === 'number' || isLosslessNumber(value)) {
      const masked = maskPersonalValuesIn(String(value), values);
      return masked === String(value) ? value : masked;
    }
    if (Array.isArray(value)) return value.map(mask);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mask(item)]));
    return value;
  };
  return mask(data) as T;
}

// helpers

const FULL_WIDTH_DIGIT_OFFSET = 0xff10 - 0x30;

/** A letter or digit, half- or full-width: what may not touch a short value for it to match. */
const LETTER_OR_DIGIT = '[0-9０-９A-Za-zＡ-Ｚａ-ｚ]';
const DIGIT = '[0-9０-９]';
/** What joins digits into a date, a time or a decimal. */
const NUMBER_SEPARATOR = '[-－/／.．:：]';
/** A value this short (a code `F20`, a category `general`) is masked only where it stands alone. */
const SHORT = 8;

/** `value` as a pattern: escaped; for an ID number or bank account, its digits in any of the forms above. */
function patternOf(kind: PersonalDataKind, value: string): RegExp {
  const compact = value.replace(/[\s-]/g, '');
  const digits = kind !== 'diagnosis' && /^\d+[Xx]?$/.test(compact);
  const body = digits
    ? [...compact]
        .map((char) => (/\d/.test(char) ? `[${char}${String.fromCharCode(char.charCodeAt(0) + FULL_WIDTH_DIGIT_OFFSET)}]` : '[XxＸｘ]'))
        .join('[\\s\\-－]*')
    : value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  if (value.length > SHORT && !(kind === 'idNumber' && compact.length < 15)) return new RegExp(body, 'giu');
  // only on a side where the value itself ends in a letter or digit: 精神分裂症 is masked in `A精神分裂症` too
  const edge = new RegExp(`^${LETTER_OR_DIGIT}$`, 'u');
  // an all-digit one not as part of a date, a time or a number either (`12` in 2026-12-05, 10:12, 3.12)
  const inNumber = /^\d+$/.test(compact);
  const before = edge.test(compact.at(0) ?? '') ? `(?<!${LETTER_OR_DIGIT})${inNumber ? `(?<!${DIGIT}${NUMBER_SEPARATOR})` : ''}` : '';
  const after = edge.test(compact.at(-1) ?? '') ? `(?!${LETTER_OR_DIGIT})${inNumber ? `(?!${NUMBER_SEPARATOR}${DIGIT})` : ''}` : '';
  return new RegExp(`${before}${body}${after}`, 'giu');
}

/**
 * A mainland ID number's shape: region (6 digits), a birth date of 19xx or 20xx, sequence (3 digits), a check digit or
 * X; no letter or digit next to it. Looked for in the text with full-width digits and letters made half-width (each
 * one UTF-16 unit as before, so the places found are the text's own).
 */
const ID_NUMBER_SHAPE = /(?<![0-9A-Za-z])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;

function maskIdNumberShapes(text: string): string {
  const halfWidth = text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
  let masked = '';
  let last = 0;
  for (const match of halfWidth.matchAll(ID_NUMBER_SHAPE)) {
    masked += text.slice(last, match.index) + maskIdNumber(match[0].toUpperCase());
    last = match.index + match[0].length;
  }
  return masked + text.slice(last);
}

/** The shortest a value of each kind is looked for by: a shorter one is no such value and would mask unrelated text. */
const SHORTEST: Record<PersonalDataKind, number> = { idNumber: 6, bankAccount: 8, diagnosis: 2 };
/** A date or time (an onset date inside a diagnosis): not the diagnosis, and masking it would hide every such date. */
const DATE = /^\d{4}-\d{2}-\d{2}([T ].*)?$/;
/** Inside a diagnosis object, the names of what a diagnosis is (its other numbers are levels, counts, days). */
const DIAGNOSIS_NAMES = new Set(['code', 'name']);

function longestFirst(values: Iterable<PersonalValue>): PersonalValue[] {
  return [...values].sort((a, b) => b.value.length - a.value.length);
}

/**
 * `inherited`: the kind of an enclosing name (a diagnosis's texts and code are the diagnosis; not its dates, nor its
 * numbers but a code or name).
 */
function collect(value: unknown, name: string | undefined, inherited: PersonalDataKind | undefined, found: Map<string, PersonalValue>): void {
  const own = name === undefined ? undefined : personalDataKind(name);
  const kind = inherited ?? own;
  if (typeof value === 'string' || typeof value === 'number' || isLosslessNumber(value)) {
    const text = String(value).trim();
    if (!kind || found.has(text)) return;
    const insideDiagnosis = inherited === 'diagnosis' && own === undefined && name !== undefined;
    if (insideDiagnosis && typeof value !== 'string' && !DIAGNOSIS_NAMES.has(name)) return;
    if (kind === 'diagnosis' && DATE.test(text)) return;
    const length = kind === 'diagnosis' ? text.length : text.replace(/[\s-]/g, '').length;
    if (length >= SHORTEST[kind]) found.set(text, { kind, value: text });
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collect(item, name, kind, found);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collect(item, key, kind === 'diagnosis' ? kind : undefined, found);
  }
}
