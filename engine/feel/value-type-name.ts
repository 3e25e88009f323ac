/**
 * The type of a value as Zeebe's incident messages name it (`'STRING'`, `'NUMBER'`, …). A message about a value of
 * the wrong type names its type, never the value: the value may be an applicant's ID number or diagnosis, and an
 * incident's message is stored, searched and shown to everyone who may read the case.
 */
import { FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';

export function valueTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return 'ARRAY';
  if (value instanceof FeelDateTime) return 'DATE_TIME';
  if (value instanceof FeelDate) return 'DATE';
  if (value instanceof FeelTime) return 'TIME';
  if (value instanceof FeelDuration) return 'DURATION';
  switch (typeof value) {
    case 'string':
      return 'STRING';
    case 'number':
    case 'bigint':
      return 'NUMBER';
    case 'boolean':
      return 'BOOLEAN';
    case 'object':
      return 'OBJECT';
    default:
      return 'UNKNOWN';
  }
}

/**
 * What an incident message says a wrong value was, without the value where it could be personal data: an empty
 * string as such (a missing name is the usual mistake), a short number as it is (a priority of 150, retries of -1:
 * seven characters hold no ID number or bank account), anything else by its type.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string' && value.trim() === '') return 'an empty string';
  if (typeof value === 'number' && String(value).length <= 7) return String(value);
  return `'${valueTypeName(value)}'`;
}
