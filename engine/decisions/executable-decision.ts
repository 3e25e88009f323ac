/**
 * The immutable, executable form of one deployed DMN resource (a decision requirements graph, DRG): decisions by
 * id, each a decision table or a literal expression, FEEL compiled. Built once at deploy time (transform-dmn.ts).
 */
import type { FeelTextExpression, FeelUnaryTests } from '../feel/feel-expression.js';

/** Camunda's decision definition types, verbatim. */
export type DecisionType = 'DECISION_TABLE' | 'LITERAL_EXPRESSION';

export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DecisionInput {
  readonly id: string;
  /** The label, else the input expression's text: what Camunda reports as `inputName`. */
  readonly name: string;
  readonly expression: FeelTextExpression;
  readonly typeRef: string | undefined;
  /** Allowed input values; a value outside them fails the evaluation. */
  readonly allowedValues: FeelUnaryTests | undefined;
}

export interface DecisionOutput {
  readonly id: string;
  /** The output name (the key in a multi-output result), else its label, else its id. */
  readonly name: string;
  readonly typeRef: string | undefined;
  readonly allowedValues: FeelUnaryTests | undefined;
  /** The output values in priority order (PRIORITY, OUTPUT ORDER), as listed in outputValues. */
  readonly priorities: readonly FeelTextExpression[];
}

export interface DecisionRule {
  readonly id: string;
  /** 1-based, as Camunda's matchedRules report it. */
  readonly index: number;
  readonly inputEntries: readonly FeelUnaryTests[];
  /** One per output; undefined for an empty entry (null). */
  readonly outputEntries: readonly (FeelTextExpression | undefined)[];
  /** The rule's annotation (Camunda Modeler's 「Annotations」 column, DMN `description`): not evaluated. */
  readonly annotation: string | undefined;
}

export interface DecisionTable {
  readonly hitPolicy: HitPolicy;
  readonly aggregation: Aggregation | undefined;
  readonly inputs: readonly DecisionInput[];
  readonly outputs: readonly DecisionOutput[];
  readonly rules: readonly DecisionRule[];
}

export interface LiteralExpression {
  readonly expression: FeelTextExpression;
  readonly typeRef: string | undefined;
}

export interface ExecutableDecision {
  readonly id: string;
  readonly name: string;
  readonly type: DecisionType;
  readonly versionTag: string | undefined;
  /** Decisions whose results this one reads, as variables named by their ids (evaluated first). */
  readonly requiredDecisionIds: readonly string[];
  readonly table?: DecisionTable;
  readonly literal?: LiteralExpression;
}

export interface ExecutableDrg {
  /** The definitions' id: Camunda's decisionRequirementsId. */
  readonly id: string;
  readonly name: string;
  readonly decisions: ReadonlyMap<string, ExecutableDecision>;
}
