/**
 * `office-date`: a FEEL expression that shifts a date-time by a fixed eight hours (`now() + duration("PT8H")`, also
 * `@"PT8H"`) to get the office's (Asia/Shanghai) date is right only where `now()` is in UTC. The embedded engine's
 * is; Zeebe's `now()` is in the broker's system zone, so on a broker run in Asia/Shanghai the date would be a day
 * ahead from 16:00. The models name the zone instead: `date(date and time(now(), "Asia/Shanghai"))`
 * (docs/modeling-conventions.md, "The office's date").
 */
import { flowElementsDeep } from './bpmn-facts.js';
import { elementOf, elementsOf, isFeelExpression, isModdleElement, type ModdleElement } from './moddle-element.js';

export interface OfficeDateProblem {
  elementId: string;
  message: string;
}

/**
 * Eight hours (`PT8H`, `PT08H`, `P0DT8H`, `PT480M`) as `duration("…")` or `@"…"` added to or taken from something:
 * the fixed shift. A timer or a reminder interval of eight hours is no shift and passes.
 */
const EIGHT_HOURS = /[+-]\s*(?:duration\s*\(\s*|@)"(?:PT0*8H|P0+DT0*8H|PT0*480M)"/;

export function officeDateProblems(definitions: ModdleElement): OfficeDateProblem[] {
  const problems: OfficeDateProblem[] = [];
  for (const process of elementsOf(definitions, 'rootElements').filter((root) => root.$instanceOf('bpmn:Process'))) {
    for (const element of flowElementsDeep(process)) {
      const expressions = [
        ...feelIn(elementOf(element, 'extensionElements')),
        ...feelIn(elementOf(element, 'conditionExpression')),
        ...elementsOf(element, 'eventDefinitions').flatMap((definition) => feelIn(definition)),
        ...feelIn(elementOf(element, 'loopCharacteristics')),
      ];
      for (const expression of expressions.filter((e) => EIGHT_HOURS.test(e))) {
        problems.push({
          elementId: element.id ?? '-',
          message:
            `"${expression.trim()}" shifts by a fixed PT8H: the office date only where now() is in UTC (Zeebe's is the ` +
            'broker\'s zone); write date(date and time(now(), "Asia/Shanghai"))',
        });
      }
    }
  }
  return problems;
}

// helpers

/**
 * The FEEL expressions (strings starting with `=`) in an element's own attributes and children: extension
 * elements, a condition's body, timer definitions. References (`…Ref`) and moddle's `$` properties are not followed.
 */
function feelIn(element: ModdleElement | undefined): string[] {
  if (!element) return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(element)) {
    if (key.startsWith('$') || key.endsWith('Ref')) continue;
    const values: unknown[] = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v === 'string' && isFeelExpression(v)) found.push(v);
      else if (isModdleElement(v)) found.push(...feelIn(v));
    }
  }
  return found;
}
