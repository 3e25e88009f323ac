/**
 * Compiles FEEL expressions once, at deploy time, and evaluates them with Camunda's extension functions and
 * the engine clock. With the two compilers, value-type-name.ts and date-and-time-in-zone.ts beside it, the only
 * importers of feelin.
 *
 * A value that does not start with `=` is a static value, as in Zeebe's BPMN extensions.
 *
 * feelin's `evaluate` takes source text and parses it on every call (about 0.3 to 1 ms each), and its interpreter
 * is not exported. What it does offer is FEEL function values: `function(a, b) <expression>` evaluated once gives
 * a FeelFunction whose `invoke` runs the already built expression tree. So an expression is compiled into such a
 * function over the variables it names (see compiled-feel-function.ts), and each evaluation passes their values;
 * DMN unary tests into one over the input and the variables they name (compiled-unary-tests.ts).
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
  unaryTest,
} from 'feelin';
import { compileFeelFunction, feelVariableNames, type CompiledFeelFunction } from './compiled-feel-function.js';
import { compileUnaryTestsFunction, unaryTestsPlan, type CompiledUnaryTestsFunction, type UnaryTestsPlan } from './compiled-unary-tests.js';
import { dateAndTime } from './date-and-time-in-zone.js';
import { FeelEvaluationError, FeelSyntaxFailure } from './errors.js';
import { FeelTimeLimitExceeded, mayRunLong, withinTimeLimit } from './evaluation-time-limit.js';

export type FeelContext = Record<string, unknown>;

export interface FeelExpression {
  readonly source: string;
  readonly isStatic: boolean;
  /** The variables the expression reads, or undefined when it may read any (evaluate then needs all of them). */
  readonly variableNames: readonly string[] | undefined;
  /** Evaluates the expression; throws FeelEvaluationError when FEEL itself fails. */
  evaluate(context: FeelContext, nowEpochMs: number): unknown;
}

export function compileFeel(raw: string): FeelExpression {
  const trimmed = raw.trim();
  if (!trimmed.startsWith('=')) return new CompiledFeel(raw, true, raw, false, []);
  const expression = trimmed.slice(1).trim();
  if (expression.length === 0) throw new FeelSyntaxFailure(raw, 'empty expression');
  const bounded = mayRunLong(expression);
  checkSyntax(raw, expression, bounded);
  return new CompiledFeel(raw, false, expression, bounded, feelVariableNames(expression, EXTENSION_NAMES));
}

/**
 * A FEEL expression as DMN writes it, without the leading `=`: input expressions, output entries, literal
 * expressions. `evaluateRaw` keeps FEEL values (dates, durations) so unary tests can compare them.
 */
export interface FeelTextExpression {
  readonly source: string;
  /** Throws FeelEvaluationError when FEEL itself fails. */
  evaluateRaw(context: FeelContext, nowEpochMs: number): unknown;
}

export function compileFeelText(text: string): FeelTextExpression {
  const expression = text.trim();
  if (expression.length === 0) throw new FeelSyntaxFailure(text, 'empty expression');
  const bounded = mayRunLong(expression);
  checkSyntax(text, expression, bounded);
  return new CompiledFeelText(text, expression, bounded, feelVariableNames(expression, EXTENSION_NAMES));
}

/** DMN unary tests (a rule's input entry, allowed values): `-` or an empty text matches every value. */
export interface FeelUnaryTests {
  readonly source: string;
  readonly matchesAnything: boolean;
  /** true, false, or null when FEEL cannot decide (a comparison with null); throws FeelEvaluationError. */
  test(input: unknown, context: FeelContext, nowEpochMs: number): boolean | null;
}

export function compileUnaryTests(text: string | undefined): FeelUnaryTests {
  const source = (text ?? '').trim();
  if (source === '' || source === '-') return new CompiledUnaryTests(source, true, false, undefined);
  // input entries loop, recurse and backtrack like any FEEL (`? in for i in 1..100000000 return i`)
  const bounded = mayRunLong(source);
  try {
    const run = () => unaryTest(source, { ...camundaExtensions(() => 0), '?': null });
    if (bounded) withinTimeLimit(run, SYNTAX_CHECK_LIMIT_MS);
    else run();
  } catch (error) {
    if (error instanceof FeelSyntaxError) throw new FeelSyntaxFailure(source, error.message);
  }
  return new CompiledUnaryTests(source, false, bounded, unaryTestsPlan(source, EXTENSION_NAMES));
}

/**
 * Compiled expressions cross from the deployment parser's worker thread to the engine's as structured clones,
 * which keep own fields and drop prototypes: this puts the prototype back on every compiled expression found in
 * `graph` (objects, arrays, Maps and Sets, shared references and cycles included), in place.
 */
export function reviveFeel(graph: unknown): void {
  const seen = new Set<object>();
  const pending: unknown[] = [graph];
  while (pending.length > 0) {
    const value = pending.pop();
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    const kind = (value as { feelKind?: unknown }).feelKind;
    const prototype = typeof kind === 'string' ? PROTOTYPES[kind] : undefined;
    if (prototype) {
      Object.setPrototypeOf(value, prototype);
      continue;
    }
    if (value instanceof Map) for (const [key, item] of value) pending.push(key, item);
    else if (value instanceof Set) for (const item of value) pending.push(item);
    else if (Array.isArray(value)) pending.push(...value);
    else pending.push(...Object.values(value));
  }
}

/** The FEEL type of a value, in DMN typeRef words; converts ISO strings where a temporal type is expected. */
export function asFeelType(value: unknown, typeRef: string): { ok: true; value: unknown } | { ok: false } {
  if (value === null || value === undefined) return { ok: true, value: null };
  const type = typeRef.trim().toLowerCase();
  const temporal = (parse: (s: string) => unknown, is: (v: unknown) => boolean) => {
    if (is(value)) return { ok: true as const, value };
    if (typeof value !== 'string') return { ok: false as const };
    try {
      const parsed = parse(value);
      return parsed === null || parsed === undefined ? { ok: false as const } : { ok: true as const, value: parsed };
    } catch {
      return { ok: false as const };
    }
  };
  switch (type) {
    case '':
    case 'any':
      return { ok: true, value };
    case 'string':
      return typeof value === 'string' ? { ok: true, value } : { ok: false };
    case 'number':
    case 'integer':
    case 'long':
    case 'double':
      return typeof value === 'number' ? { ok: true, value } : { ok: false };
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false };
    case 'date':
      return temporal((s) => date(s), (v) => v instanceof FeelDate);
    case 'datetime':
    case 'date and time':
      return temporal((s) => parseDateTime(s), (v) => v instanceof FeelDateTime);
    case 'time':
      return temporal((s) => evaluate(`time(${JSON.stringify(s)})`).value, (v) => v instanceof FeelTime);
    case 'daytimeduration':
    case 'yearmonthduration':
    case 'duration':
      return temporal((s) => evaluate(`duration(${JSON.stringify(s)})`).value, (v) => v instanceof FeelDuration);
    case 'context':
      return typeof value === 'object' && !Array.isArray(value) ? { ok: true, value } : { ok: false };
    case 'list':
      return Array.isArray(value) ? { ok: true, value } : { ok: false };
    default:
      // an item definition of the model: not checked, as Camunda does not either
      return { ok: true, value };
  }
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

/*
 * The compiled forms are classes whose state is plain own fields (no closures, no #private fields), so that a
 * structured clone keeps them whole and reviveFeel only has to restore the prototype. Their FEEL functions hold
 * closures, so they are built on the engine's thread at the first evaluation and kept beside the expression.
 */

const functions = new WeakMap<object, CompiledFeelFunction>();
const unaryTestFunctions = new WeakMap<object, CompiledUnaryTestsFunction>();

/**
 * Evaluates `expression` over `variableNames` with its FEEL function (built once), or, when it names a variable a
 * FEEL function cannot take as a parameter, by evaluating its source with all the variables.
 */
function evaluateExpression(
  owner: object,
  expression: string,
  variableNames: readonly string[] | undefined,
  context: FeelContext,
  nowEpochMs: number,
): unknown {
  if (variableNames === undefined) return evaluate(expression, { ...context, ...camundaExtensions(() => nowEpochMs) }).value;
  let compiled = functions.get(owner);
  if (!compiled) {
    compiled = compileFeelFunction(expression, variableNames, COMPILED_EXTENSIONS);
    functions.set(owner, compiled);
  }
  evaluationNow = nowEpochMs;
  return compiled.invoke(context);
}

class CompiledFeel implements FeelExpression {
  readonly feelKind = 'expression';
  constructor(
    readonly source: string,
    readonly isStatic: boolean,
    private readonly expression: string,
    private readonly bounded: boolean,
    readonly variableNames: readonly string[] | undefined,
  ) {}

  evaluate(context: FeelContext, nowEpochMs: number): unknown {
    if (this.isStatic) return this.source;
    let result;
    try {
      const run = () => evaluateExpression(this, this.expression, this.variableNames, context, nowEpochMs);
      result = this.bounded ? withinTimeLimit(run) : run();
    } catch (error) {
      throw new FeelEvaluationError(this.source, (error as Error).message);
    }
    return toJson(result);
  }
}

class CompiledFeelText implements FeelTextExpression {
  readonly feelKind = 'text';
  constructor(
    readonly source: string,
    private readonly expression: string,
    private readonly bounded: boolean,
    private readonly variableNames: readonly string[] | undefined,
  ) {}

  evaluateRaw(context: FeelContext, nowEpochMs: number): unknown {
    try {
      const run = () => evaluateExpression(this, this.expression, this.variableNames, context, nowEpochMs);
      return this.bounded ? withinTimeLimit(run) : run();
    } catch (error) {
      throw new FeelEvaluationError(this.source, (error as Error).message);
    }
  }
}

class CompiledUnaryTests implements FeelUnaryTests {
  readonly feelKind = 'unary-tests';
  constructor(
    readonly source: string,
    readonly matchesAnything: boolean,
    private readonly bounded: boolean,
    /** How to compile the entry once; undefined: it is evaluated from its source every time. */
    private readonly plan: UnaryTestsPlan | undefined,
  ) {}

  test(input: unknown, context: FeelContext, nowEpochMs: number): boolean | null {
    if (this.matchesAnything) return true;
    try {
      const run = () => this.evaluate(input, context, nowEpochMs);
      return this.bounded ? withinTimeLimit(run) : run();
    } catch (error) {
      throw new FeelEvaluationError(this.source, (error as Error).message);
    }
  }

  private evaluate(input: unknown, context: FeelContext, nowEpochMs: number): boolean | null {
    if (!this.plan) return unaryTest(this.source, { ...context, ...camundaExtensions(() => nowEpochMs), '?': input }).value;
    let compiled = unaryTestFunctions.get(this);
    if (!compiled) {
      compiled = compileUnaryTestsFunction(this.plan, COMPILED_EXTENSIONS);
      unaryTestFunctions.set(this, compiled);
    }
    evaluationNow = nowEpochMs;
    return compiled.test(input, context);
  }
}

const PROTOTYPES: Record<string, object> = {
  expression: CompiledFeel.prototype,
  text: CompiledFeelText.prototype,
  'unary-tests': CompiledUnaryTests.prototype,
};

/**
 * feelin reports syntax errors when it evaluates, so the check evaluates once without variables; an expression
 * that may run long gets a short bound here (running out of it is not a syntax error: it depends on variables).
 */
function checkSyntax(raw: string, expression: string, bounded: boolean): void {
  try {
    const run = () => evaluate(expression, camundaExtensions(() => 0));
    if (bounded) withinTimeLimit(run, SYNTAX_CHECK_LIMIT_MS);
    else run();
  } catch (error) {
    if (error instanceof FeelSyntaxError) throw new FeelSyntaxFailure(raw, error.message);
    if (error instanceof FeelTimeLimitExceeded) return;
    // any other failure depends on runtime variables and is reported when the expression runs
  }
}

const SYNTAX_CHECK_LIMIT_MS = 50;

/** Camunda's FEEL extension functions that feelin lacks or that must read the engine clock. */
function camundaExtensions(clock: () => number): FeelContext {
  return {
    now: () => parseDateTime(new Date(clock()).toISOString()),
    today: () => date(new Date(clock()).toISOString().slice(0, 10)),
    // feel-scala's zone conversion, date and time(now(), "Asia/Shanghai"): the office's date on any broker
    'date and time': dateAndTime,
    'is defined': (value: unknown) => value !== undefined && value !== null,
    'get or else': (value: unknown, fallback: unknown) => (value === undefined || value === null ? fallback : value),
    // the FEEL way to fail on purpose: a false condition fails the evaluation (an incident), as in Camunda
    assert: (value: unknown, condition: unknown, cause?: unknown) => {
      if (condition === true) return value;
      throw new Error(typeof cause === 'string' ? cause : 'The condition is not fulfilled');
    },
  };
}

/**
 * The engine clock of the compiled evaluation under way, which `now()` and `today()` of the compiled functions
 * read (the functions are built once; evaluations are synchronous, so one runs at a time).
 */
let evaluationNow = 0;
const COMPILED_EXTENSIONS = camundaExtensions(() => evaluationNow);
const EXTENSION_NAMES: ReadonlySet<string> = new Set(Object.keys(COMPILED_EXTENSIONS));
