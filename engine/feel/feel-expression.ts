/**
 * Compiles FEEL expressions once, at deploy time, and evaluates them with Camunda's extension functions and
 * the engine clock. The only importer of feelin.
 *
 * A value that does not start with `=` is a static value, as in Zeebe's BPMN extensions.
 */
import {
  date,
  evaluate,
  FeelDate,
  FeelDateTime,
  FeelDuration,
  FeelTime,
  parseDateTime,
  SyntaxError as FeelSyntaxError,
} from 'feelin';
import { FeelEvaluationError, FeelSyntaxFailure } from './errors.js';

export type FeelContext = Record<string, unknown>;

export interface FeelExpression {
  readonly source: string;
  readonly isStatic: boolean;
  /** Evaluates the expression; throws FeelEvaluationError when FEEL itself fails. */
  evaluate(context: FeelContext, nowEpochMs: number): unknown;
}

export function compileFeel(raw: string): FeelExpression {
  const trimmed = raw.trim();
  if (!trimmed.startsWith('=')) {
    return { source: raw, isStatic: true, evaluate: () => raw };
  }
  const expression = trimmed.slice(1).trim();
  if (expression.length === 0) throw new FeelSyntaxFailure(raw, 'empty expression');
  checkSyntax(raw, expression);
  return {
    source: raw,
    isStatic: false,
    evaluate(context, nowEpochMs) {
      let result;
      try {
        result = evaluate(expression, { ...context, ...camundaExtensions(nowEpochMs) });
      } catch (error) {
        throw new FeelEvaluationError(raw, (error as Error).message);
      }
      return toJson(result.value);
    },
  };
}

/** Parses a static value or a FEEL expression that must not be empty (a model attribute). */
export function compileOptionalFeel(raw: string | undefined): FeelExpression | undefined {
  return raw === undefined || raw.trim() === '' ? undefined : compileFeel(raw);
}

/** Converts FEEL temporal values to the ISO strings Zeebe stores in variables. */
export function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  if (
    value instanceof FeelDateTime ||
    value instanceof FeelDate ||
    value instanceof FeelTime ||
    value instanceof FeelDuration
  ) {
    return value.toString();
  }
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJson(v);
    return out;
  }
  if (typeof value === 'function') return null;
  return value;
}

// helpers

function checkSyntax(raw: string, expression: string): void {
  try {
    evaluate(expression, camundaExtensions(0));
  } catch (error) {
    if (error instanceof FeelSyntaxError) throw new FeelSyntaxFailure(raw, error.message);
    // any other failure depends on runtime variables and is reported when the expression runs
  }
}

/** Camunda's FEEL extension functions that feelin lacks or that must read the engine clock. */
function camundaExtensions(nowEpochMs: number): FeelContext {
  return {
    now: () => parseDateTime(new Date(nowEpochMs).toISOString()),
    today: () => date(new Date(nowEpochMs).toISOString().slice(0, 10)),
    'is defined': (value: unknown) => value !== undefined && value !== null,
    'get or else': (value: unknown, fallback: unknown) => (value === undefined || value === null ? fallback : value),
    // the FEEL way to fail on purpose: a false condition fails the evaluation (an incident), as in Camunda
    assert: (value: unknown, condition: unknown, cause?: unknown) => {
      if (condition === true) return value;
      throw new Error(typeof cause === 'string' ? cause : 'The condition is not fulfilled');
    },
  };
}
