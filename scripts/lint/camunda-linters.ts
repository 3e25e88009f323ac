/**
 * The third-party linters of `npm run lint`, built once from the libraries: @camunda/linting (camunda-compat rules
 * for the version a file names, Modeler messages), bpmnlint `recommended` (bpmnlint-recommended.ts),
 * @camunda/form-linting and @bpmn-io/feel-lint.
 *
 * The same module runs in two places: bundled for Node by load-camunda-linters.ts (the CLI, the catalogue, the
 * modeler's server) and bundled into the web modeler, so the browser lints with exactly the CLI's rules. It
 * does no I/O. @camunda/linting cannot be imported by plain Node or tsx (ESM sources without "type": "module"),
 * so Node code only ever imports this file through the bundle, and `import type` elsewhere.
 */
import { lintExpression } from '@bpmn-io/feel-lint';
import { FormLinter } from '@camunda/form-linting';
import { Linter } from '@camunda/linting';
import { recommendedLinter, type BpmnlintReports } from './bpmnlint-recommended.js';
import type { ModdleElement } from './moddle-element.js';

/** A report of @camunda/linting (bpmnlint report plus the rule name and a Modeler-style message). */
export interface CamundaLintReport {
  id?: string;
  name?: string;
  category: string;
  message: string;
  rule: string;
  /** Where the properties panel shows the problem (entry ids of bpmn-js-properties-panel). */
  propertiesPanel?: { entryIds?: string[] };
}

/** A report of @camunda/form-linting. It names no rule. */
export interface FormLintReport {
  id?: string;
  label?: string;
  message: string;
  category: string;
}

/** A problem reported by @bpmn-io/feel-lint's `lintExpression`; `from`/`to` are offsets in the expression. */
export interface FeelLintProblem {
  from: number;
  to: number;
  severity: string;
  type: string;
  message: string;
}

export interface BpmnImportWarning {
  message: string;
  element?: { id?: string };
}

export interface CamundaLinters {
  /** Parses BPMN XML with the linter's own moddle (bpmn + zeebe + modeler extensions). Throws on broken XML. */
  parseBpmn(xml: string): Promise<{ rootElement: ModdleElement; warnings: BpmnImportWarning[] }>;
  /** Lints a parsed `bpmn:Definitions` for the platform and version its `modeler:` attributes name. */
  lintBpmn(definitions: ModdleElement): Promise<CamundaLintReport[]>;
  /** bpmnlint `recommended` with the project's changes (bpmnlint-recommended.ts), reports by rule. */
  lintRecommended(definitions: ModdleElement): Promise<BpmnlintReports>;
  /** Lints a form schema for the platform and version it names (synchronous). */
  lintForm(schema: object): FormLintReport[];
  /** Lints one FEEL expression (without the leading `=`). */
  lintFeel(expression: string): FeelLintProblem[];
}

export function createCamundaLinters(): CamundaLinters {
  const bpmnLinter = new Linter({ modeler: 'desktop', type: 'cloud' });
  // The linter's BpmnModdle (private in @camunda/linting 3.57.0, pinned exactly). Parsing with it gives the tree
  // the linter expects, without a second moddle setup here (bpmn-moddle stays in engine/model/, its only importer).
  const moddle = bpmnLinter._moddle;
  if (!moddle) throw new Error('@camunda/linting: Linter has no _moddle (API changed?); cannot parse BPMN for the lint');
  const formLinter = new FormLinter();
  const recommended = recommendedLinter();
  return {
    parseBpmn: (xml) => moddle.fromXML(xml) as Promise<{ rootElement: ModdleElement; warnings: BpmnImportWarning[] }>,
    lintBpmn: (definitions) => bpmnLinter.lint(definitions) as Promise<CamundaLintReport[]>,
    lintRecommended: (definitions) => recommended.lint(definitions),
    lintForm: (schema) => formLinter.lint(schema) as FormLintReport[],
    lintFeel: (expression) => lintExpression(expression) as FeelLintProblem[],
  };
}
