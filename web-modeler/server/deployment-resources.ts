/**
 * What "部署" sends for a file: a model with every form it links (`zeebe:formDefinition formId`) and every
 * decision table its business rule tasks call (`zeebe:calledDecision decisionId`), so the forms its tasks open
 * and the tables it evaluates are the ones just checked, and a new model never waits on a table nobody deployed
 * (the engine keeps an unchanged table's version, so sending it again costs nothing); a form or a decision alone.
 * All files as saved. A file with errors (a draft) is never sent: the whole deployment is refused, naming the files.
 */
import type { Finding } from '../../scripts/lint/finding.js';
import { isFeelExpression } from '../../scripts/lint/moddle-element.js';
import type { ProjectFiles } from './project-files.js';
import type { ProjectLint } from './project-index.js';

export interface DeploymentPlan {
  /** Project-relative paths, the requested file first. */
  files: string[];
  /** Files that are drafts (errors), with their errors; the plan must not be deployed when any. */
  drafts: { file: string; errors: Finding[] }[];
}

export function deploymentPlan(file: string, files: ProjectFiles, lint: ProjectLint): DeploymentPlan {
  const kind = files.kindOf(file);
  const planned = [file];
  if (kind === 'bpmn') {
    const model = lint.models.find((candidate) => candidate.file === file);
    for (const ref of model?.formIds ?? []) {
      if (isFeelExpression(ref.value)) continue;
      const form = lint.forms.find((candidate) => candidate.formId === ref.value);
      if (form && !planned.includes(form.file)) planned.push(form.file);
    }
    for (const ref of model?.calledDecisionIds ?? []) {
      if (isFeelExpression(ref.value)) continue;
      const table = lint.decisions.find((candidate) => candidate.decisionIds.includes(ref.value));
      if (table && !planned.includes(table.file)) planned.push(table.file);
    }
  }
  const drafts = planned
    .map((path) => ({ file: path, errors: (lint.findingsByFile.get(path) ?? []).filter((finding) => finding.severity === 'error') }))
    .filter((entry) => entry.errors.length > 0);
  return { files: planned, drafts };
}
