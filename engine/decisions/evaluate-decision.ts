/**
 * Evaluates a decision of a deployed DRG: its required decisions first (each result becomes a variable named by
 * the decision's id), then the decision itself. Never throws for a model or data problem: a failure is part of
 * the evaluation (Camunda's DecisionEvaluation FAILED), with every decision evaluated up to it.
 */
import { asFeelType, toJson, type FeelContext } from '../feel/feel-expression.js';
import { FeelEvaluationError } from '../feel/errors.js';
import { describeValue, valueTypeName } from '../feel/value-type-name.js';
import type { DecisionTable, DecisionType, ExecutableDecision, ExecutableDrg } from './executable-decision.js';
import { applyHitPolicy, type MatchedRule } from './hit-policy.js';

export interface EvaluatedInput {
  inputId: string;
  inputName: string;
  inputValue: unknown;
}

export interface EvaluatedOutput {
  outputId: string;
  outputName: string;
  outputValue: unknown;
}

export interface MatchedRuleResult {
  ruleId: string;
  ruleIndex: number;
  evaluatedOutputs: EvaluatedOutput[];
}

export interface EvaluatedDecision {
  decisionId: string;
  decisionName: string;
  decisionType: DecisionType;
  /** The decision's result as a JSON value (null when it failed). */
  output: unknown;
  evaluatedInputs: EvaluatedInput[];
  matchedRules: MatchedRuleResult[];
}

export interface DecisionEvaluation {
  /** The requested decision's result (JSON value); null when the evaluation failed. */
  output: unknown;
  /** Required decisions first, in evaluation order; the failed decision last when one failed. */
  evaluatedDecisions: EvaluatedDecision[];
  failure?: { decisionId: string; message: string };
}

export function evaluateDecision(drg: ExecutableDrg, decisionId: string, variables: FeelContext, nowEpochMs: number): DecisionEvaluation {
  const evaluatedDecisions: EvaluatedDecision[] = [];
  const results = new Map<string, unknown>();
  for (const id of evaluationOrder(drg, decisionId)) {
    const decision = drg.decisions.get(id)!;
    const context: FeelContext = { ...variables };
    for (const required of decision.requiredDecisionIds) context[required] = results.get(required);
    const evaluated: EvaluatedDecision = {
      decisionId: decision.id,
      decisionName: decision.name,
      decisionType: decision.type,
      output: null,
      evaluatedInputs: [],
      matchedRules: [],
    };
    evaluatedDecisions.push(evaluated);
    const outcome = evaluateOne(decision, context, nowEpochMs, evaluated);
    if (!outcome.ok) {
      return {
        output: null,
        evaluatedDecisions,
        failure: { decisionId: decision.id, message: `Expected to evaluate decision '${decision.id}', but ${outcome.message}` },
      };
    }
    evaluated.output = outcome.output;
    results.set(id, outcome.output);
  }
  return { output: results.get(decisionId) ?? null, evaluatedDecisions };
}

// helpers

type Outcome = { ok: true; output: unknown } | { ok: false; message: string };

/** The decision and everything it requires, required ones first, each once. */
function evaluationOrder(drg: ExecutableDrg, decisionId: string): string[] {
  const order: string[] = [];
  const visit = (id: string) => {
    if (order.includes(id)) return;
    for (const required of drg.decisions.get(id)!.requiredDecisionIds) visit(required);
    order.push(id);
  };
  visit(decisionId);
  return order;
}

function evaluateOne(decision: ExecutableDecision, context: FeelContext, now: number, evaluated: EvaluatedDecision): Outcome {
  try {
    if (decision.literal) {
      const value = decision.literal.expression.evaluateRaw(context, now);
      return typed(value, decision.literal.typeRef, `the result of the literal expression`);
    }
    return evaluateTable(decision.table!, context, now, evaluated);
  } catch (error) {
    if (error instanceof FeelEvaluationError) return { ok: false, message: error.message };
    throw error;
  }
}

function evaluateTable(table: DecisionTable, context: FeelContext, now: number, evaluated: EvaluatedDecision): Outcome {
  const inputValues: unknown[] = [];
  for (const input of table.inputs) {
    const raw = input.expression.evaluateRaw(context, now);
    const checked = asFeelType(raw, input.typeRef ?? '');
    evaluated.evaluatedInputs.push({ inputId: input.id, inputName: input.name, inputValue: toJson(raw) });
    if (!checked.ok) {
      return { ok: false, message: `the input '${input.name}' (${input.id}) is expected to be of type '${input.typeRef}', but was ${describeValue(raw)}` };
    }
    if (input.allowedValues && checked.value !== null && input.allowedValues.test(checked.value, context, now) !== true) {
      return { ok: false, message: `the input '${input.name}' (${input.id}) (a value of type '${valueTypeName(raw)}') is not one of its allowed values ${input.allowedValues.source}` };
    }
    inputValues.push(checked.value);
  }

  const matched: MatchedRule[] = [];
  for (const rule of table.rules) {
    const hit = rule.inputEntries.every((entry, i) => entry.matchesAnything || entry.test(inputValues[i], context, now) === true);
    if (!hit) continue;
    const values: unknown[] = [];
    for (const [i, output] of table.outputs.entries()) {
      const raw = rule.outputEntries[i]?.evaluateRaw(context, now) ?? null;
      const checked = typed(raw, output.typeRef, `the output '${output.name}' of rule ${rule.index} (${rule.id})`);
      if (!checked.ok) return checked;
      if (output.allowedValues && checked.output !== null && output.allowedValues.test(raw, context, now) !== true) {
        return { ok: false, message: `the output '${output.name}' of rule ${rule.index} (${rule.id}) (a value of type '${valueTypeName(raw)}') is not one of its allowed values ${output.allowedValues.source}` };
      }
      values.push(checked.output);
    }
    matched.push({ index: rule.index, values });
  }

  const priorities = table.outputs.map((output) => output.priorities.map((p) => toJson(p.evaluateRaw({}, now))));
  const result = applyHitPolicy(table, matched, priorities);
  if (!result.ok) return result;
  evaluated.matchedRules = result.rules.map((rule) => {
    const definition = table.rules[rule.index - 1]!;
    return {
      ruleId: definition.id,
      ruleIndex: rule.index,
      evaluatedOutputs: table.outputs.map((output, i) => ({ outputId: output.id, outputName: output.name, outputValue: rule.values[i] ?? null })),
    };
  });
  return { ok: true, output: result.output };
}

/** Checks a value against a typeRef and converts it to JSON (FEEL dates become ISO strings). */
function typed(value: unknown, typeRef: string | undefined, what: string): Outcome {
  const checked = asFeelType(value, typeRef ?? '');
  if (!checked.ok) return { ok: false, message: `${what} is expected to be of type '${typeRef}', but was ${describeValue(value)}` };
  return { ok: true, output: toJson(checked.value) };
}

