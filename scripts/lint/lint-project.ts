/**
 * Lints a project tree: every .bpmn and .dmn file under bpmn/ and .form file under forms/ (what `npm start` deploys), then the
 * cross-file checks against workers/catalog.json, config/roles.json and bpmn/message-publishers.json.
 * The Camunda linters are loaded only when there is a model or a form to lint.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { BpmnFacts } from './bpmn-facts.js';
import { crossFileChecks, oneFindingPerField, type FormFacts } from './cross-file-checks.js';
import { countFindings, type Finding, type Severity } from './finding.js';
import { loadCamundaLinters } from './load-camunda-linters.js';
import { lintBpmn } from './lint-bpmn.js';
import { lintDmn, type DmnFacts } from './lint-dmn.js';
import { lintForm } from './lint-form.js';
import { loadProjectReferences } from './load-project-references.js';

export interface LintProjectOptions {
  /** The project root (the folder holding bpmn/, forms/, workers/catalog.json, config/roles.json). */
  root: string;
}

export interface LintProjectResult {
  /** Grouped by file (models, forms, reference files), in path order; each file's findings in the order found. */
  findings: Finding[];
  bpmnFiles: string[];
  dmnFiles: string[];
  formFiles: string[];
  counts: Record<Severity, number>;
}

export async function lintProject({ root }: LintProjectOptions): Promise<LintProjectResult> {
  const bpmnFiles = filesUnder(root, 'bpmn', '.bpmn');
  const dmnFiles = filesUnder(root, 'bpmn', '.dmn');
  const formFiles = filesUnder(root, 'forms', '.form');
  const references = loadProjectReferences(root);
  const findings: Finding[] = [...references.findings];
  const models: BpmnFacts[] = [];
  const forms: FormFacts[] = [];
  const decisions: DmnFacts[] = [];
  for (const file of dmnFiles) {
    const result = await lintDmn(file, readFileSync(join(root, file), 'utf8'));
    findings.push(...result.findings);
    if (result.facts) decisions.push(result.facts);
  }

  if (bpmnFiles.length > 0 || formFiles.length > 0) {
    const linters = await loadCamundaLinters();
    for (const file of bpmnFiles) {
      const result = await lintBpmn(file, readFileSync(join(root, file), 'utf8'), linters);
      findings.push(...result.findings);
      if (result.facts) models.push(result.facts);
    }
    for (const file of formFiles) {
      const result = lintForm(file, readFileSync(join(root, file), 'utf8'), linters);
      findings.push(...result.findings);
      if (result.formId) forms.push({ file, formId: result.formId, choiceLists: result.choiceLists, shownFields: result.shownFields, submittedFields: result.submittedFields });
    }
  }

  findings.push(...crossFileChecks({ models, forms, decisions, references }));
  const ordered = stableSortByFile(oneFindingPerField(findings));
  return { findings: ordered, bpmnFiles, dmnFiles, formFiles, counts: countFindings(ordered) };
}

// helpers

/** Files with the extension anywhere under root/folder, as sorted root-relative paths with `/`. */
function filesUnder(root: string, folder: string, extension: string): string[] {
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(extension))
    .map((name) => relative(root, join(dir, name)).split(sep).join('/'))
    .sort();
}

function stableSortByFile(findings: Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => (a.finding.file < b.finding.file ? -1 : a.finding.file > b.finding.file ? 1 : a.index - b.index))
    .map(({ finding }) => finding);
}
