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
