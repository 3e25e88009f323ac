/**
 * A bound on FEEL evaluation. FEEL can loop (`for i in 1..100000000 return i`), recurse through a function in a
 * context (`{f: function(n) f(n) + f(n)}`) or backtrack in a regular expression (`matches(x, "(a+)+$")`); the
 * engine runs commands on one thread, so one such expression would stop every case. Expressions that can do
 * any of this run under a V8 watchdog that terminates them after {@link FEEL_TIME_LIMIT_MS}; the failure
 * becomes the usual FEEL evaluation error (an incident, or a refused deployment).
 *
 * The watchdog costs about 0.3 ms per evaluation, so plain expressions (paths, comparisons, arithmetic, calls of
 * built-in functions on the case's values) run without it: they are bounded by the size of their input.
 */
import { createContext, Script } from 'node:vm';

export const FEEL_TIME_LIMIT_MS = 1_000;

/**
 * True for expressions that may run long: loops, quantifiers, function definitions (recursion), ranges, and the
 * regular-expression functions. Conservative: a keyword inside a string literal counts too.
 */
export function mayRunLong(expression: string): boolean {
  return /\b(for|some|every|function)\b|\.\.|\b(matches|replace|split)\s*\(/.test(expression);
}

export class FeelTimeLimitExceeded extends Error {
  constructor(limitMs: number) {
    super(`the evaluation took longer than ${limitMs} ms and was stopped (a loop or recursion without end?)`);
  }
}

/** Runs `evaluate` and stops it after `limitMs`; other failures pass through unchanged. */
export function withinTimeLimit<T>(evaluate: () => T, limitMs = FEEL_TIME_LIMIT_MS): T {
  sandbox.run = evaluate;
  try {
    return runner.runInContext(sandbox, { timeout: limitMs }) as T;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new FeelTimeLimitExceeded(limitMs);
    throw error;
  } finally {
    sandbox.run = undefined;
  }
}

// helpers

// The callback runs in our own realm; the context only hosts the one call the watchdog can terminate.
const sandbox = createContext({ run: undefined }) as { run: (() => unknown) | undefined };
const runner = new Script('run()');
