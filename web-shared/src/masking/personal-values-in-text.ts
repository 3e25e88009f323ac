/**
 * Personal data inside text that names no variable: an incident's message quoting the value an expression read
 * (`… to be a boolean, but it was "精神分裂症"`), a message's correlation key made from an ID number, a reason a
 * clerk typed. Such text cannot be masked by a variable's name (personal-data.ts), so the case's own ID numbers, bank
 * accounts and diagnoses are looked for in it and masked where found, as their variables are. Pure functions, no DOM.
 */
import { maskValue, personalDataKind, type PersonalDataKind } from './personal-data.js';

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

/** The text with each of the values masked wherever it occurs. */
export function maskPersonalValuesIn(text: string, values: readonly PersonalValue[]): string {
  let masked = text;
  for (const { kind, value } of values) masked = masked.split(value).join(maskValue(kind, value));
  return masked;
}

/**
 * A copy of `data` with the values masked inside every text in it, nested ones too (names kept): what masking by
 * name (maskPersonalData, maskVariableValue) leaves, such as a reason that quotes the applicant's ID number.
 */
export function maskPersonalValuesInData<T>(data: T, values: readonly PersonalValue[]): T {
  if (values.length === 0) return data;
  const mask = (value: unknown): unknown => {
    if (typeof value === 'string') return maskPersonalValuesIn(value, values);
    if (Array.isArray(value)) return value.map(mask);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mask(item)]));
    return value;
  };
  return mask(data) as T;
}

// helpers

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function longestFirst(values: Iterable<PersonalValue>): PersonalValue[] {
  return [...values].sort((a, b) => b.value.length - a.value.length);
}

/** `inherited`: the kind of an enclosing name (a diagnosis masks everything inside it). */
function collect(value: unknown, name: string | undefined, inherited: PersonalDataKind | undefined, found: Map<string, PersonalValue>): void {
  const kind = inherited ?? (name === undefined ? undefined : personalDataKind(name));
  if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value).trim();
    if (kind && text.length >= 2 && !found.has(text)) found.set(text, { kind, value: text });
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
