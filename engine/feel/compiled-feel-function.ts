/**
 * A FEEL expression compiled once into a FEEL function of the variables it names, so that evaluating it does not
 * parse it again: `amount > limit` becomes the value of `function(amount, limit) amount > limit`, and each
 * evaluation invokes it with the two values. feelin builds a function's expression tree when the function value is
 * created; invoking it runs that tree (a few µs instead of a parse of 0.3 to 1 ms).
 *
 * The names are read from feelin's parse tree (`VariableName` nodes), which over-approximates the free variables
 * (a `for` or filter variable is listed too) and that is harmless: FEEL binds those names inside, over the
 * parameter. A name with spaces (a built-in function's, as `string length`) cannot be a parameter; it is left to
 * the extensions and feelin's built-ins, where the lookup in all variables found it too unless a variable had that
 * very name.
 */
import { evaluate, isFunction, parseExpression, type FeelFunction } from 'feelin';

export interface CompiledFeelFunction {
  /** Runs the expression with the values of its variables (a missing one is null, as in feelin's `evaluate`). */
  invoke(variables: Record<string, unknown>): unknown;
}

/**
 * The variables `expression` (already checked for syntax errors) names, leaving out the extension functions; undefined
 * when one of them cannot be a FEEL function parameter, and the expression is then evaluated from its source.
 */
export function feelVariableNames(expression: string, extensionNames: ReadonlySet<string>): string[] | undefined {
  const names = new Set<string>();
  let compilable = true;
  const parseContext = Object.fromEntries([...extensionNames].map((name) => [name, null]));
  try {
    parseExpression(expression, parseContext, undefined).iterate({
      enter(node) {
        if (node.type.isError) compilable = false;
        if (node.name !== 'VariableName') return;
        const name = expression.slice(node.from, node.to).trim();
        if (extensionNames.has(name) || /\s/.test(name)) return;
        if (PARAMETER_NAME.test(name)) names.add(name);
        else compilable = false;
      },
    });
  } catch {
    // a tree too deep for the parser's recursion (2,000 unclosed brackets): evaluated from its source, which
    // answers the same failure as a FEEL evaluation error
    return undefined;
  }
  return compilable ? [...names] : undefined;
}

/** Builds the function of `expression` over `names`, with `extensions` (functions every expression may call). */
export function compileFeelFunction(expression: string, names: readonly string[], extensions: Record<string, unknown>): CompiledFeelFunction {
  const source = `function(${names.join(', ')}) ${expression}`;
  const build = (): FeelFunction | undefined => {
    try {
      const value = evaluate(source, extensions).value;
      return isFunction(value) ? value : undefined;
    } catch {
      return undefined;
    }
  };
  let compiled = build();
  let invocations = 0;
  return {
    invoke(variables) {
      // not expected, but should feelin refuse the wrapper, the source still evaluates as it always did
      if (!compiled) return evaluate(expression, { ...variables, ...extensions }).value;
      // feelin collects the warnings of a function's runs (a variable not found, …) inside the function, for as
      // long as the function lives: a fresh one every so often keeps that memory bounded
      if (++invocations > REBUILD_AFTER_INVOCATIONS) {
        compiled = build() ?? compiled;
        invocations = 0;
      }
      return compiled.invoke(names.map((name) => variables[name]));
    },
  };
}

// helpers

const REBUILD_AFTER_INVOCATIONS = 1_000;

/** A name FEEL accepts as a function parameter. */
const PARAMETER_NAME = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;
