/**
 * Turns DMN 1.3 XML (as Camunda Modeler writes it) into an executable decision requirements graph. The only
 * importer of dmn-moddle. Everything that would fail at evaluation because of the model itself (an unsupported
 * decision logic, bad FEEL, a missing required decision, a cycle, a hit policy that cannot apply) is rejected
 * here, naming the decision, so that one bad table never reaches the engine.
 */
import { DmnModdle } from 'dmn-moddle';
import {
  compileFeelText,
  compileUnaryTests,
  type FeelTextExpression,
  type FeelUnaryTests,
} from '../feel/feel-expression.js';
import { FeelSyntaxFailure } from '../feel/errors.js';
import { ModelRejection } from '../model/errors.js';
import type {
  Aggregation,
  DecisionInput,
  DecisionOutput,
  DecisionRule,
  DecisionTable,
  ExecutableDecision,
  ExecutableDrg,
  HitPolicy,
} from './executable-decision.js';

/** Camunda's zeebe:versionTag on a decision (the only Zeebe extension a DMN file carries). */
const zeebeDmn = {
  name: 'Zeebe',
  prefix: 'zeebe',
  uri: 'http://camunda.org/schema/zeebe/1.0',
  xml: { tagAlias: 'lowerCase' },
  types: [{ name: 'VersionTag', superClass: ['Element'], properties: [{ name: 'value', type: 'String', isAttr: true }] }],
};
const moddle = new DmnModdle({ zeebe: zeebeDmn });

const HIT_POLICIES = new Set<HitPolicy>(['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER']);
const AGGREGATIONS = new Set<Aggregation>(['SUM', 'MIN', 'MAX', 'COUNT']);

export async function transformDmn(xml: string): Promise<ExecutableDrg> {
  let definitions: DmnElement;
  try {
    const result = await moddle.fromXML(xml, 'dmn:Definitions');
    definitions = result.rootElement as unknown as DmnElement;
    const unknown = (result.warnings ?? []).find((w: { message: string }) => /unknown type|unparsable/.test(w.message));
    if (unknown) throw new ModelRejection(`the XML has unknown content: ${firstLine(unknown.message)}`);
  } catch (error) {
    if (error instanceof ModelRejection) throw error;
    throw new ModelRejection(`the XML cannot be read as DMN 1.3: ${firstLine((error as Error).message)}`);
  }
  if (!definitions.id) throw new ModelRejection('the DMN definitions need an id (the decision requirements id)');
  const elements = (definitions.drgElement as DmnElement[] | undefined) ?? [];
  const decisions = new Map<string, ExecutableDecision>();
  for (const element of elements.filter((e) => e.$type === 'dmn:Decision')) {
    if (!element.id) throw new ModelRejection('a decision needs an id');
    if (decisions.has(element.id)) throw new ModelRejection('the decision id is used twice', element.id);
    decisions.set(element.id, transformDecision(element));
  }
  if (decisions.size === 0) throw new ModelRejection('the DMN resource has no decision');
  for (const decision of decisions.values()) {
    for (const required of decision.requiredDecisionIds) {
      if (!decisions.has(required)) throw new ModelRejection(`the required decision '${required}' is not part of this DMN resource`, decision.id);
    }
  }
  rejectCycles(decisions);
  return { id: definitions.id, name: definitions.name ?? definitions.id, decisions };
}

// helpers

interface DmnElement {
  $type: string;
  id: string;
  name?: string;
  text?: string;
  typeRef?: string;
  label?: string;
  [key: string]: unknown;
}

function transformDecision(element: DmnElement): ExecutableDecision {
  const logic = element.decisionLogic as DmnElement | undefined;
  const requiredDecisionIds = ((element.informationRequirement as DmnElement[] | undefined) ?? [])
    .map((r) => (r.requiredDecision as { href?: string } | undefined)?.href)
    .filter((href): href is string => typeof href === 'string')
    .map((href) => href.replace(/^#/, ''));
  const versionTag = ((element.extensionElements as { values?: DmnElement[] } | undefined)?.values ?? []).find(
    (e) => e.$type === 'zeebe:VersionTag',
  )?.value as string | undefined;
  const base = { id: element.id, name: element.name ?? element.id, versionTag, requiredDecisionIds };
  if (logic?.$type === 'dmn:DecisionTable') return { ...base, type: 'DECISION_TABLE', table: transformTable(element.id, logic) };
  if (logic?.$type === 'dmn:LiteralExpression') {
    const variable = element.variable as DmnElement | undefined;
    return {
      ...base,
      type: 'LITERAL_EXPRESSION',
      literal: { expression: feelText(element.id, logic.text, 'the literal expression'), typeRef: variable?.typeRef ?? logic.typeRef },
    };
  }
  throw new ModelRejection(
    `the decision logic ${logic?.$type ?? '(none)'} is not supported; use a decision table or a literal expression`,
    element.id,
  );
}

function transformTable(decisionId: string, table: DmnElement): DecisionTable {
  const hitPolicy = ((table.hitPolicy as string | undefined) ?? 'UNIQUE') as HitPolicy;
  if (!HIT_POLICIES.has(hitPolicy)) throw new ModelRejection(`the hit policy '${hitPolicy}' is not a DMN hit policy`, decisionId);
  const aggregation = table.aggregation as Aggregation | undefined;
  if (aggregation !== undefined && !AGGREGATIONS.has(aggregation)) {
    throw new ModelRejection(`the aggregation '${aggregation}' is not one of SUM, MIN, MAX, COUNT`, decisionId);
  }
  if (aggregation !== undefined && hitPolicy !== 'COLLECT') throw new ModelRejection('only the hit policy COLLECT can aggregate', decisionId);

  const inputs: DecisionInput[] = ((table.input as DmnElement[] | undefined) ?? []).map((input) => {
    const expression = input.inputExpression as DmnElement | undefined;
    const text = expression?.text?.trim();
    return {
      id: input.id,
      name: input.label ?? text ?? input.id,
      expression: feelText(decisionId, text, `the input expression of '${input.id}'`),
      typeRef: expression?.typeRef,
      allowedValues: allowedValues(decisionId, input.inputValues as DmnElement | undefined, input.id),
    };
  });
  const outputs: DecisionOutput[] = ((table.output as DmnElement[] | undefined) ?? []).map((output) => ({
    id: output.id,
    name: (output.name as string | undefined) ?? output.label ?? output.id,
    typeRef: output.typeRef,
    allowedValues: allowedValues(decisionId, output.outputValues as DmnElement | undefined, output.id),
    priorities: priorities(decisionId, output.outputValues as DmnElement | undefined, output.id),
  }));
  if (outputs.length === 0) throw new ModelRejection('a decision table needs at least one output', decisionId);
  if (outputs.length > 1) {
    const unnamed = ((table.output as DmnElement[]) ?? []).find((o) => !o.name);
    if (unnamed) throw new ModelRejection(`the output '${unnamed.id}' needs a name: a table with several outputs answers a context`, decisionId);
    if (aggregation !== undefined) throw new ModelRejection('COLLECT with an aggregation needs exactly one output', decisionId);
  }
  if ((hitPolicy === 'PRIORITY' || hitPolicy === 'OUTPUT ORDER') && outputs.every((o) => o.priorities.length === 0)) {
    throw new ModelRejection(`the hit policy ${hitPolicy} needs output values that give the priority order`, decisionId);
  }

  const rules: DecisionRule[] = ((table.rule as DmnElement[] | undefined) ?? []).map((rule, i) => {
    const inputEntries = (rule.inputEntry as DmnElement[] | undefined) ?? [];
    const outputEntries = (rule.outputEntry as DmnElement[] | undefined) ?? [];
    if (inputEntries.length !== inputs.length || outputEntries.length !== outputs.length) {
      throw new ModelRejection(
        `the rule '${rule.id}' has ${inputEntries.length} input and ${outputEntries.length} output entries; the table has ${inputs.length} inputs and ${outputs.length} outputs`,
        decisionId,
      );
    }
    return {
      id: rule.id,
      index: i + 1,
      inputEntries: inputEntries.map((entry) => unaryTests(decisionId, entry.text, `rule '${rule.id}'`)),
      outputEntries: outputEntries.map((entry) =>
        entry.text?.trim() ? feelText(decisionId, entry.text, `an output entry of rule '${rule.id}'`) : undefined,
      ),
      annotation: (rule.description as string | undefined)?.trim() || undefined,
    };
  });
  return { hitPolicy, aggregation, inputs, outputs, rules };
}

function allowedValues(decisionId: string, values: DmnElement | undefined, clauseId: string): FeelUnaryTests | undefined {
  const text = values?.text?.trim();
  return text ? unaryTests(decisionId, text, `the allowed values of '${clauseId}'`) : undefined;
}

/** Output values list the priority order: `"high","medium","low"` → three expressions. */
function priorities(decisionId: string, values: DmnElement | undefined, clauseId: string): FeelTextExpression[] {
  const text = values?.text?.trim();
  if (!text) return [];
  return splitTopLevel(text).map((item) => feelText(decisionId, item, `the output values of '${clauseId}'`));
}

/** Splits `"a","b",[1..2]` at top-level commas (not inside strings, brackets or parentheses). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      current += c;
      if (c === '\\') current += text[++i] ?? '';
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    if (c === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

function rejectCycles(decisions: ReadonlyMap<string, ExecutableDecision>): void {
  const done = new Set<string>();
  const visit = (id: string, path: string[]) => {
    if (path.includes(id)) throw new ModelRejection(`the required decisions form a cycle: ${[...path, id].join(' → ')}`, id);
    if (done.has(id)) return;
    for (const required of decisions.get(id)!.requiredDecisionIds) visit(required, [...path, id]);
    done.add(id);
  };
  for (const id of decisions.keys()) visit(id, []);
}

function feelText(decisionId: string, text: string | undefined, what: string): FeelTextExpression {
  if (!text?.trim()) throw new ModelRejection(`${what} is empty`, decisionId);
  try {
    return compileFeelText(text);
  } catch (error) {
    if (error instanceof FeelSyntaxFailure) throw new ModelRejection(`${what}: ${error.message}`, decisionId);
    throw error;
  }
}

function unaryTests(decisionId: string, text: string | undefined, what: string): FeelUnaryTests {
  try {
    return compileUnaryTests(text);
  } catch (error) {
    if (error instanceof FeelSyntaxFailure) throw new ModelRejection(`${what}: ${error.message}`, decisionId);
    throw error;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
