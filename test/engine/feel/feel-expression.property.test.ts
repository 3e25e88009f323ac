/**
 * Property-based FEEL: expressions built from FEEL's own pieces (loops, quantifiers, ranges, recursive functions
 * in contexts, regular expressions, paths, arithmetic, unbalanced brackets, deep nesting) and arbitrary text.
 * Whatever the input, compiling either succeeds or throws FeelSyntaxFailure, and evaluating either answers a
 * JSON value or throws FeelEvaluationError — never another error, never a hang (the 1 s limit plus slack).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FeelEvaluationError, FeelSyntaxFailure } from '../../../engine/feel/errors.js';
import { compileFeel, compileFeelText } from '../../../engine/feel/feel-expression.js';
import { assertProperty, countInput, printInputCounts } from '../../support/fuzz-inputs.js';

afterAll(() => {
  printInputCounts('feel-expression.property');
});

const CONTEXT = { amount: 1234.5, name: '张三', items: [1, 2, 3], nested: { a: { b: [{ c: 'x' }] } }, flag: true, empty: null };

const atom = fc.oneof(
  fc.constantFrom('amount', 'name', 'items', 'nested.a.b[1].c', 'flag', 'empty', 'missing', 'null', 'true', '1', '-0.5', '"医保"', '@"P1D"', 'date("2026-12-04")', 'now()', 'today()'),
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
);
const heavy = fc.constantFrom(
  'for i in 1..100000000 return i',
  'sum(for i in 1..50000000 return i)',
  '{f: function(n) f(n) + f(n)}.f(1)',
  '{f: function(n) if n = 0 then 0 else f(n - 1)}.f(100000)',
  'matches("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "(a+)+$")',
  'replace("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "(a|aa)+$", "b")',
  'some x in 1..100000000 satisfies x < 0',
  'every x in 1..100000000 satisfies x > 0',
  'count(1..1000000000)',
  'string join(for i in 1..10000000 return "x")',
);
const OPERATORS = [' + ', ' - ', ' * ', ' / ', ' ** ', ' = ', ' != ', ' < ', ' >= ', ' and ', ' or ', ' in '];
const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    heavy,
    fc.tuple(tie('expr'), fc.constantFrom(...OPERATORS), tie('expr')).map(([a, op, b]) => `${a}${op}${b}`),
    tie('expr').map((e) => `(${e})`),
    tie('expr').map((e) => `[${e}, ${e}]`),
    tie('expr').map((e) => `{k: ${e}}`),
    tie('expr').map((e) => `if ${e} then 1 else 2`),
    tie('expr').map((e) => `string length(string(${e}))`),
    tie('expr').map((e) => `${e}[1]`),
  ),
})).expr;
const broken = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.integer({ min: 1, max: 5_000 }).map((n) => `${'('.repeat(n)}1${')'.repeat(n)}`),
  fc.integer({ min: 1, max: 5_000 }).map((n) => `${'['.repeat(n)}`),
  fc.integer({ min: 1, max: 3_000 }).map((n) => Array.from({ length: n }, () => '1').join(' + ')),
  expression.chain((e) => fc.integer({ min: 0, max: e.length }).map((cut) => e.slice(0, cut))),
);

function behaves(raw: string, compile: (text: string) => { evaluate: (ctx: Record<string, unknown>) => unknown }): void {
  let compiled;
  try {
    compiled = compile(raw);
  } catch (error) {
    expect(error, raw).toBeInstanceOf(FeelSyntaxFailure);
    return;
  }
  const started = performance.now();
  try {
    const value = compiled.evaluate(CONTEXT);
    expect(() => JSON.stringify(value), raw).not.toThrow();
  } catch (error) {
    expect(error, `${raw}: ${(error as Error).message}`).toBeInstanceOf(FeelEvaluationError);
  }
  // the limit is 1 s per evaluation; the slack covers a loaded machine
  expect(performance.now() - started, raw).toBeLessThan(5_000);
}

const asExpression = (text: string) => {
  const compiled = compileFeel(`=${text}`);
  return { evaluate: (ctx: Record<string, unknown>) => compiled.evaluate(ctx, Date.UTC(2026, 11, 4)) };
};
const asText = (text: string) => {
  const compiled = compileFeelText(text);
  return { evaluate: (ctx: Record<string, unknown>) => compiled.evaluateRaw(ctx, Date.UTC(2026, 11, 4)) };
};

describe('FEEL expressions (property-based)', () => {
  it('should compile or refuse, and evaluate or fail with a FEEL error within the time limit, expressions built from FEEL', async () => {
    await assertProperty(
      fc.asyncProperty(expression, async (raw) => {
        countInput('FEEL expressions');
        behaves(raw, asExpression);
      }),
      80,
    );
  }, 240_000);

  it('should do the same for broken text, deep nesting and long chains, in BPMN and DMN form', async () => {
    await assertProperty(
      fc.asyncProperty(broken, fc.boolean(), async (raw, dmn) => {
        countInput('broken FEEL');
        behaves(raw, dmn ? asText : asExpression);
      }),
      80,
    );
  }, 240_000);
});
