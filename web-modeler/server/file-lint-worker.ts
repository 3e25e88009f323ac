/**
 * The modeler's lint thread (a piscina worker started by file-lint-thread.ts): one file's own findings and facts,
 * as `npm run lint` computes them. The Camunda linters load once per thread.
 */
import type { BpmnFacts } from '../../scripts/lint/bpmn-facts.js';
import type { FormFacts } from '../../scripts/lint/cross-file-checks.js';
import type { DmnFacts } from '../../scripts/lint/dmn-facts.js';
import type { Finding } from '../../scripts/lint/finding.js';
import { loadCamundaLinters } from '../../scripts/lint/load-camunda-linters.js';
import { lintBpmn } from '../../scripts/lint/lint-bpmn.js';
import { lintDmn } from '../../scripts/lint/lint-dmn.js';
import { lintForm } from '../../scripts/lint/lint-form.js';

export interface FileLintRequest {
  file: string;
  text: string;
}

export interface FileLint {
  findings: Finding[];
  model?: BpmnFacts;
  form?: FormFacts;
  decision?: DmnFacts;
}

export default async function lintFile({ file, text }: FileLintRequest): Promise<FileLint> {
  if (file.endsWith('.bpmn')) {
    const result = await lintBpmn(file, text, await loadCamundaLinters());
    return { findings: result.findings, ...(result.facts ? { model: result.facts } : {}) };
  }
  if (file.endsWith('.form')) {
    const result = lintForm(file, text, await loadCamundaLinters());
    return { findings: result.findings, ...(result.formId ? { form: { file, formId: result.formId, choiceLists: result.choiceLists, shownFields: result.shownFields, submittedFields: result.submittedFields } } : {}) };
  }
  if (file.endsWith('.dmn')) {
    const result = await lintDmn(file, text);
    return { findings: result.findings, ...(result.facts ? { decision: result.facts } : {}) };
  }
  throw new Error(`the lint thread reads .bpmn, .form and .dmn files, not ${file}`);
}
