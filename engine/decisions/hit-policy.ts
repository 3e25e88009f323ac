/**
 * How a decision table's matched rules become its result (DMN 1.3 §8.2.11). A rule's output is its value for a
 * one-output table, else a context of output name → value. Single-hit policies answer one output (null when no
 * rule matched), multiple-hit policies a list (empty when none matched) or, for COLLECT with an aggregation, one
 * number.
 */
import type { DecisionOutput, DecisionTable } from './executable-decision.js';
import { describeValue } from '../feel/value-type-name.js';

export interface MatchedRule {
  readonly index: number;
  /** One value per output (JSON values). */
  readonly values: readonly unknown[];
}

export type HitPolicyResult = { ok: true; output: unknown; rules: readonly MatchedRule[] } | { ok: false; message: string };

/** `priorities[i]` lists output i's values in priority order (evaluated outputValues). */
export function applyHitPolicy(table: DecisionTable, matched: readonly MatchedRule[], priorities: readonly (readonly unknown[])[]): HitPolicyResult {
  const ruleOutput = (rule: MatchedRule) => (table.outputs.length === 1 ? rule.values[0] : context(table.outputs, rule.values));
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (matched.length > 1) {
        return { ok: false, message: `hit policy UNIQUE: ${matched.length} rules matched (${ruleIndexes(matched)}), but at most one may` };
      }
      return single(matched[0]);
    case 'FIRST':
      return single(matched[0]);
    case 'ANY': {
      const distinct = new Set(matched.map((rule) => JSON.stringify(ruleOutput(rule))));
      if (distinct.size > 1) {
        return { ok: false, message: `hit policy ANY: the matched rules (${ruleIndexes(matched)}) have different outputs` };
      }
      return single(matched[0]);
    }
    case 'PRIORITY':
      return single(byPriority(matched, priorities)[0]);
    case 'RULE ORDER':
      return { ok: true, output: matched.map(ruleOutput), rules: matched };
    case 'OUTPUT ORDER': {
      const ordered = byPriority(matched, priorities);
      return { ok: true, output: ordered.map(ruleOutput), rules: ordered };
    }
    case 'COLLECT':
      return table.aggregation ? aggregate(table.aggregation, matched) : { ok: true, output: matched.map(ruleOutput), rules: matched };
  }

  function single(rule: MatchedRule | undefined): HitPolicyResult {
    return { ok: true, output: rule ? ruleOutput(rule) : null, rules: rule ? [rule] : [] };
  }
}

// helpers

function context(outputs: readonly DecisionOutput[], values: readonly unknown[]): Record<string, unknown> {
  return Object.fromEntries(outputs.map((output, i) => [output.name, values[i] ?? null]));
}

function ruleIndexes(rules: readonly MatchedRule[]): string {
  return rules.map((r) => `rule ${r.index}`).join(', ');
}

/** Highest priority first: an output value earlier in its outputValues list wins; ties keep rule order. */
function byPriority(matched: readonly MatchedRule[], priorities: readonly (readonly unknown[])[]): MatchedRule[] {
  const rank = (rule: MatchedRule) =>
    priorities.map((list, i) => {
      const position = list.findIndex((value) => JSON.stringify(value) === JSON.stringify(rule.values[i] ?? null));
      return position < 0 ? Number.MAX_SAFE_INTEGER : position;
    });
  return [...matched].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
    return a.index - b.index;
  });
}

function aggregate(aggregation: NonNullable<DecisionTable['aggregation']>, matched: readonly MatchedRule[]): HitPolicyResult {
  const values = matched.map((rule) => rule.values[0]).filter((value) => value !== null && value !== undefined);
  if (aggregation === 'COUNT') return { ok: true, output: values.length, rules: matched };
  if (values.some((value) => typeof value !== 'number')) {
    return { ok: false, message: `hit policy COLLECT ${aggregation}: every output must be a number, but got ${values.map(describeValue).join(', ')}` };
  }
  const numbers = values as number[];
  if (numbers.length === 0) return { ok: true, output: null, rules: matched };
  const output =
    aggregation === 'SUM' ? numbers.reduce((a, b) => a + b, 0) : aggregation === 'MIN' ? Math.min(...numbers) : Math.max(...numbers);
  return { ok: true, output, rules: matched };
}
