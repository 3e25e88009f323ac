/**
 * Two versions of a decision or form as the line diff compares them: each as its editor would write it (a decision
 * as dmn-js formats it, a form with sorted keys, form-js's defaults and without its exporter, schema version and the
 * ids it made up for components the other version has without one), so a version
 * saved by hand and one saved by the editor differ only where the content does. A save that only reformatted was
 * never recorded (web-modeler/server/*-representation.ts), so the next real save's text still carries the old
 * formatting: compared raw, every reindented line would show as a change. A text that does not read (broken XML or
 * JSON) is compared as it is.
 */
import { canonicalDecision } from '../../server/decision-representation.js';
import { canonicalForms } from '../../server/form-representation.js';

export async function comparableTexts(file: string, older: string, newer: string): Promise<[string, string]> {
  if (file.endsWith('.form')) return canonicalForms(older, newer) ?? [older, newer];
  if (!file.endsWith('.dmn')) return [older, newer];
  const [a, b] = await Promise.all([canonicalDecision(older), canonicalDecision(newer)]);
  return a !== undefined && b !== undefined ? [a, b] : [older, newer];
}
