/**
 * DMN unary tests (a rule's input entry, allowed values) compiled once into a FEEL function, so that testing a
 * value does not parse the entry again. feelin's `unaryTest` parses and builds its tree on every call (0.1 to
 * 0.4 ms) and keeps nothing; its FEEL function values do keep their built tree (see compiled-feel-function.ts).
 *
 * feelin evaluates `t1, t2, …` (or `not(t1, t2, …)`) by evaluating each positive test with `?` bound to the input
 * and then, per test value: a list matches when it includes the input (JavaScript `includes`), a boolean is its
 * own answer, anything else is compared with the input (a range's `includes`, a test function's call, else FEEL
 * equality); the entry matches when one of them answered true. Read from feelin's parse tree at deploy time, the
 * entry becomes one FEEL function of the input and the variables it names whose body gives, per test,
 * - `< e`, `<= e`, `> e`, `>= e`, `= e`, `!= e`: `? < (e)` …, feelin's comparison with the very same test value
 *   (a range or test function built from the same operator), so its answer is that test's answer;
 * - a boolean literal: the literal, which feelin compares strictly (`===`) with the input;
 * - any other expression or an interval: its value, combined with the input here as feelin does.
 * An entry whose tests feelin may type as boolean in other ways (an `if` or arithmetic expression at the top of
 * a test) or whose names cannot be parameters is left to `unaryTest` with the source, as before.
 */
import { isRange, parseUnaryTests } from 'feelin';
import { compileFeelFunction, feelVariableNames, type CompiledFeelFunction } from './compiled-feel-function.js';

/** How each test's value becomes its answer (see the module comment). */
type TestKind = 'answer' | 'strict' | 'value';

/** Plain data (it crosses from the deployment parser's thread as a structured clone). */
export interface UnaryTestsPlan {
  /** `{"?": <input>, answers: [<one expression per test>]}.answers` */
  readonly body: string;
  /** The function's parameters: the input first, then the variables the entry names. */
  readonly parameters: readonly string[];
  readonly kinds: readonly TestKind[];
  readonly negated: boolean;
}

export interface CompiledUnaryTestsFunction {
  /** The entry's answer for `input`, reading the variables it names from `variables`. */
  test(input: unknown, variables: Record<string, unknown>): boolean;
}

/** The plan of an entry (already checked for syntax errors), or undefined when it is evaluated from its source. */
export function unaryTestsPlan(source: string, extensionNames: ReadonlySet<string>): UnaryTestsPlan | undefined {
  if (source.includes(INPUT)) return undefined;
  let top;
  try {
    top = parseUnaryTests(source, Object.fromEntries([...extensionNames].map((name) => [name, null])), undefined).topNode;
  } catch {
    return undefined;
  }
  const children = childrenOf(top);
  const negated = children[0]?.name === 'not';
  const tests = children.find((node) => node.name === 'PositiveUnaryTests');
  if (!tests || top.name !== 'UnaryTests') return undefined;
  const text = (node: SyntaxNode) => source.slice(node.from, node.to);
  const expressions: string[] = [];
  const kinds: TestKind[] = [];
  for (const test of childrenOf(tests)) {
    const [inner, ...rest] = childrenOf(test);
    if (test.name !== 'PositiveUnaryTest' || !inner || rest.length > 0) return undefined;
    const simple = childrenOf(inner);
    if (inner.name === 'SimplePositiveUnaryTest' && simple[0]?.name === 'CompareOp' && simple.length === 2) {
      expressions.push(`? ${text(simple[0])} (${text(simple[1]!)})`);
      kinds.push('answer');
      continue;
    }
    const unwrapped = withoutParentheses(inner);
    if (unwrapped.name === 'IfExpression' || unwrapped.name === 'ArithmeticExpression') return undefined;
    expressions.push(`(${text(inner)})`);
    kinds.push(unwrapped.name === 'BooleanLiteral' ? 'strict' : 'value');
  }
  const body = `{"?": ${INPUT}, answers: [${expressions.join(', ')}]}.answers`;
  // in an expression `?` is a variable name, bound by the context's first entry
  const names = feelVariableNames(body, new Set([...extensionNames, '?']));
  if (names === undefined || names.filter((name) => name === INPUT).length !== 1) return undefined;
  return { body, parameters: [INPUT, ...names.filter((name) => name !== INPUT)], kinds, negated };
}

/** Builds the plan's FEEL function (it holds closures: built on the thread that evaluates). */
export function compileUnaryTestsFunction(plan: UnaryTestsPlan, extensions: Record<string, unknown>): CompiledUnaryTestsFunction {
  const answers = compileFeelFunction(plan.body, plan.parameters, extensions);
  return {
    test(input, variables) {
      const value = input === undefined ? null : input;
      const values: Record<string, unknown> = { [INPUT]: value };
      for (const name of plan.parameters) if (name !== INPUT) values[name] = variables[name];
      const results = answers.invoke(values);
      if (!Array.isArray(results) || results.length !== plan.kinds.length) {
        throw new Error(`the unary tests gave ${JSON.stringify(results)} instead of one answer per test`);
      }
      const matches = results.some((result, i) => {
        const kind = plan.kinds[i];
        if (kind === 'answer') return result === true;
        if (kind === 'strict') return result === input;
        return answerOf(result, value) === true;
      });
      return plan.negated ? !matches : matches;
    },
  };
}

// helpers

/** The input's parameter name: not a name a model can use by accident. */
const INPUT = '__unaryTestInput';

interface SyntaxNode {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly firstChild: SyntaxNode | null;
  readonly nextSibling: SyntaxNode | null;
}

function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
  return children;
}

/** `((e))` → `e`: feelin passes a parenthesized expression's built tree through unchanged. */
function withoutParentheses(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.name === 'ParenthesizedExpression') {
    const inner = childrenOf(current).find((child) => child.name !== '(' && child.name !== ')');
    if (!inner) return current;
    current = inner;
  }
  return current;
}

/** A test value's answer for `input`, as feelin's unary tests give it. */
function answerOf(test: unknown, input: unknown): unknown {
  if (Array.isArray(test)) return test.includes(input);
  if (typeof test === 'boolean') return test;
  if (typeof test === 'function') return (test as (value: unknown) => unknown)(input);
  if (isRange(test)) return test.includes(input as Parameters<typeof test.includes>[0]);
  return feelEquals.invoke({ a: test, b: input });
}

/** FEEL equality (`a = b`), as feelin compares a test value with the input. */
const feelEquals: CompiledFeelFunction = compileFeelFunction('a = b', ['a', 'b'], {});
