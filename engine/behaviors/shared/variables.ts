/**
 * Variable scopes by Zeebe's rules: each element instance is a scope; reading sees local variables first,
 * then outer scopes; merging updates the nearest scope that already has a name, else the process instance.
 */
import type { FeelExpression } from '../../feel/feel-expression.js';
import { FeelEvaluationError } from '../../feel/errors.js';
import type { ElementInstanceReader, VariableReader } from '../../state/readers.js';
import type { ElementInstanceRecord } from '../../state/records.js';
import type { StateWriter } from '../../state/state-writer.js';
import type { Variables } from './engine-services.js';
import { failure, type Evaluation } from './failure.js';

export class ScopedVariables implements Variables {
  constructor(
    private readonly readers: VariableReader & Pick<ElementInstanceReader, 'elementInstance'>,
    private readonly writer: StateWriter,
    private readonly nextKey: () => number,
    private readonly now: () => number,
  ) {}

  visible(scopeKey: number, names?: readonly string[]): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const key of this.scopeChain(scopeKey)) {
      for (const variable of this.readers.variablesOf(key)) {
        if (variable.name in result) continue;
        if (names && !names.includes(variable.name)) continue;
        result[variable.name] = JSON.parse(variable.value);
      }
    }
    return result;
  }

  local(scopeKey: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const variable of this.readers.variablesOf(scopeKey)) result[variable.name] = JSON.parse(variable.value);
    return result;
  }

  setLocal(scope: ElementInstanceRecord, variables: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(variables)) this.set(scope.key, scope, name, value);
  }

  merge(scope: ElementInstanceRecord, variables: Record<string, unknown>): void {
    const chain = this.scopeChain(scope.key);
    // the outermost scope: the process instance
    const root = chain[chain.length - 1] ?? scope.key;
    for (const [name, value] of Object.entries(variables)) {
      const owner = chain.find((key) => this.readers.variable(key, name)) ?? root;
      this.set(owner, scope, name, value);
    }
  }

  evaluate(expression: FeelExpression, scopeKey: number, extra?: Record<string, unknown>): Evaluation {
    if (expression.isStatic) return { ok: true, value: expression.evaluate({}, 0) };
    try {
      // only the variables the expression names are read (all of them when it is not known which)
      return { ok: true, value: expression.evaluate({ ...this.visible(scopeKey, expression.variableNames), ...extra }, this.now()) };
    } catch (error) {
      if (error instanceof FeelEvaluationError) return { ok: false, failure: failure('EXTRACT_VALUE_ERROR', error.message) };
      throw error;
    }
  }

  // helpers

  /** The scope and its ancestors, innermost first. */
  private scopeChain(scopeKey: number): number[] {
    const chain: number[] = [];
    let current: number | null = scopeKey;
    while (current !== null) {
      chain.push(current);
      current = this.readers.elementInstance(current)?.flowScopeKey ?? null;
    }
    return chain;
  }

  private set(scopeKey: number, context: ElementInstanceRecord, name: string, value: unknown) {
    const json = JSON.stringify(value === undefined ? null : value);
    const existing = this.readers.variable(scopeKey, name);
    if (existing) {
      if (existing.value !== json) this.writer.append('VARIABLE', 'UPDATED', { ...existing, value: json });
      return;
    }
    this.writer.append('VARIABLE', 'CREATED', {
      key: this.nextKey(),
      scopeKey,
      processInstanceKey: context.processInstanceKey,
      name,
      value: json,
      tenantId: context.tenantId,
    });
  }
}
