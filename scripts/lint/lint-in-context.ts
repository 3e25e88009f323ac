/**
 * Lints one model or form as `npm run lint` would lint it inside its project, without reading the project:
 * the file's own checks (lint-bpmn.ts, lint-form.ts), then the cross-file checks against what the other files
 * declare (their facts, computed earlier) and the reference files. Findings of the cross-file checks that belong
 * to other files are dropped. The web modeler runs it in the browser on every change; its server runs it on
 * save. No I/O.
 */
import type { BpmnFacts } from './bpmn-facts.js';
import type { CamundaLinters } from './camunda-linters.js';
import type { DmnFacts } from './dmn-facts.js';
import { crossFileChecks, oneFindingPerField, type FormFacts } from './cross-file-checks.js';
import type { Finding } from './finding.js';
import { lintBpmn } from './lint-bpmn.js';
import { lintForm } from './lint-form.js';
import type { ProjectReferences } from './project-references.js';

export interface ProjectFacts {
  /** Facts of every model of the project (the linted file's entry, if any, is replaced by its new facts). */
  models: readonly BpmnFacts[];
  /** Form ids of every form of the project. */
  forms: readonly FormFacts[];
  /** Decision ids of every decision file of the project. */
  decisions?: readonly DmnFacts[];
}

export interface FileLintResult {
  findings: Finding[];
  /** The file's new facts, when it parsed. */
  model?: BpmnFacts;
  form?: FormFacts;
}

export type LintedKind = 'bpmn' | 'form';

export function lintedKind(file: string): LintedKind | undefined {
  if (file.endsWith('.bpmn')) return 'bpmn';
  if (file.endsWith('.form')) return 'form';
  return undefined;
}

export async function lintFileInContext(
  file: string,
  text: string,
  linters: CamundaLinters,
  project: ProjectFacts,
  references: ProjectReferences,
): Promise<FileLintResult> {
  const kind = lintedKind(file);
  if (kind === undefined) throw new Error(`${file}: only .bpmn and .form files are linted here`);
  const models = project.models.filter((model) => model.file !== file);
  const forms = project.forms.filter((form) => form.file !== file);
  const result: FileLintResult = { findings: [] };
  if (kind === 'bpmn') {
    const linted = await lintBpmn(file, text, linters);
    result.findings.push(...linted.findings);
    if (linted.facts) {
      result.model = linted.facts;
      models.push(linted.facts);
    }
  } else {
    const linted = lintForm(file, text, linters);
    result.findings.push(...linted.findings);
    if (linted.formId) {
      result.form = { file, formId: linted.formId, choiceLists: linted.choiceLists, shownFields: linted.shownFields, submittedFields: linted.submittedFields };
      forms.push(result.form);
    }
  }
  result.findings.push(...crossFileChecks({ models: sortByFile(models), forms: sortByFile(forms), decisions: project.decisions ?? [], references }).filter((finding) => finding.file === file));
  result.findings = oneFindingPerField(result.findings);
  return result;
}

// helpers

/** lint-project.ts checks files in path order; duplicate ids are reported on the later file, so keep that order. */
function sortByFile<T extends { file: string }>(entries: T[]): T[] {
  return [...entries].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
