/**
 * Unary tests compiled once must answer exactly what feelin's `unaryTest` answers from the source (as every
 * evaluation did before): entries built from every kind of positive test (comparisons, intervals, literals, lists,
 * expressions over `?` and variables, boolean literals, `not(…)`), against inputs of every FEEL type.
 */
import fc from 'fast-check';
import { date, parseDateTime, unaryTest } from 'feelin';
import { describe, expect, it } from 'vitest';
import { compileUnaryTestsFunction, unaryTestsPlan } from '../../../engine/feel/compiled-unary-tests.js';
import { compileUnaryTests } from '../../../engine/feel/feel-expression.js';

const VARIABLES = { limit: 10, kind: 'birth', kinds: ['birth', 'death'], flag: true, nothing: null, start: date('2012-04-28') };
const VALUE = ['1', '3', '10', '-0.5', '"A"', '"birth"', 'null', 'limit', 'kind', 'nothing', 'missing', 'date("2012-04-28")', 'start', '@"P1D"'];
const COMPARE = ['<', '<=', '>', '>=', '=', '!='];

const value = fc.constantFrom(...VALUE);
const positiveTest = fc.oneof(
  fc.tuple(fc.constantFrom(...COMPARE), value).map(([op, v]) => `${op} ${v}`),
  fc.tuple(fc.constantFrom('[', '(', ']'), value, value, fc.constantFrom(']', ')', '[')).map(([a, x, y, b]) => `${a}${x}..${y}${b}`),
  value,
  fc.constantFrom('true', 'false', '(true)', '((false))', 'flag', 'kinds', '[1, 3, 10]', '["A", "birth"]', '[date("2012-04-28")]'),
  fc.constantFrom('? > 3', '? = "A"', '? in kinds', 'string length(string(?)) > 2', 'list contains(kinds, ?)', '? < limit or ? = null', '? >= start'),
  fc.constantFrom('if ? = 1 then true else false', '1 + 2', '-limit'),
);
const entry = fc
  .tuple(fc.array(positiveTest, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([tests, negated]) => (negated ? `not(${tests.join(', ')})` : tests.join(', ')));
const input = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, 1, 3, 10, 11, -0.5, 'A', 'birth', 'death', '', date('2012-04-28'), date('2020-01-01')),
  fc.constantFrom<unknown>(parseDateTime('2012-04-28T00:00:00Z'), ['birth'], [1, 3]),
  fc.integer({ min: -20, max: 20 }),
  fc.string({ maxLength: 4 }),
);

describe('compiled unary tests', () => {
  it('should answer what feelin answers from the source, for every entry and input', () => {
    let compiled = 0;
    fc.assert(
      fc.property(entry, input, (source, value) => {
        const expected = outcome(() => unaryTest(source, { ...VARIABLES, '?': value }).value);
        const plan = unaryTestsPlan(source, new Set());
        if (!plan) return;
        compiled++;
        const actual = outcome(() => compileUnaryTestsFunction(plan, {}).test(value, VARIABLES));
        expect({ source, value: String(value), ...actual }).toEqual({ source, value: String(value), ...expected });
      }),
      { numRuns: 2000 },
    );
    // most entries compile; `if` and arithmetic at the top of a test are left to the source
    expect(compiled).toBeGreaterThan(1000);
  });

  it('should compile the entries decision tables use and leave the others to the source', () => {
    for (const source of ['< 4', '>= date("2012-04-28")', '"miscarriage","inducedAbortion"', 'not("death")', 'null', 'false', '[1..5], > 10']) {
      expect(unaryTestsPlan(source, new Set()), source).toBeDefined();
    }
    for (const source of ['if ? > 1 then true else false', '(1 + 2)', '__unaryTestInput']) {
      expect(unaryTestsPlan(source, new Set()), source).toBeUndefined();
    }
  });

  it('should read the variables an entry names at each evaluation', () => {
    const tests = compileUnaryTests('< limit, = kind');
    expect([tests.test(5, { limit: 10 }, 0), tests.test(15, { limit: 10 }, 0), tests.test(15, { limit: 20 }, 0)]).toEqual([true, false, true]);
    expect(tests.test('birth', { kind: 'birth' }, 0)).toBe(true);
  });
});

function outcome(run: () => unknown): { result?: unknown; failed?: true } {
  try {
    return { result: run() };
  } catch {
    return { failed: true };
  }
}
