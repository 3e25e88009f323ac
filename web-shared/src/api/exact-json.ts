/**
 * A variable's value (JSON text) read and written without losing digits: another cluster may store an 18-digit ID
 * number as a JSON number, which JSON.parse rounds (630102199001011234 → …011200), so a repair saved back or a form
 * completed would write the rounded number. Integers beyond 2^53 are read as lossless-json's LosslessNumber (its digits
 * kept), every other number as a plain number (an engine key 2251799813685249 stays a number), and written back with
 * lossless-json's stringify, digits as read.
 */
import { isInteger, isLosslessNumber, isSafeNumber, LosslessNumber, parse, stringify } from 'lossless-json';

export { isLosslessNumber };

/** The text as data; throws a SyntaxError as JSON.parse does for a text that is no JSON (a value cut short). */
export function parseExact(text: string): unknown {
  return parse(text, undefined, (digits) => (isInteger(digits) && !isSafeNumber(digits) ? new LosslessNumber(digits) : Number(digits)));
}

/** The same, or the text as it is when it is no JSON. */
export function jsonOrText(text: string): unknown {
  try {
    return parseExact(text);
  } catch {
    return text;
  }
}

/** `value` as JSON text, long integers with their digits; `space` as JSON.stringify takes it. */
export function stringifyExact(value: unknown, space?: number): string {
  return stringify(value, undefined, space) ?? 'null';
}

/**
 * `value` with each long integer as its digits in a string, for what holds no LosslessNumber: form-js sanitises an
 * object in a text field to '' and in a number field to null, so a form would complete with the value gone.
 */
export function digitsAsText(value: unknown): unknown {
  if (isLosslessNumber(value)) return value.toString();
  if (Array.isArray(value)) return value.map(digitsAsText);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, digitsAsText(item)]));
  }
  return value;
}
