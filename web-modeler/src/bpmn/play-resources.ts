/**
 * What Play deploys to the sandbox beside the diagram. The sandbox starts empty, so everything the model refers to
 * goes with it.
 */
import type { LintContext } from '../modeler-api.js';
import type { BpmnModelerLike } from './modeler-types.js';

/** The forms the diagram links (start event, user tasks) and the decision tables it calls, as project files. */
export function linkedFiles(modeler: BpmnModelerLike, lintContext: Pick<LintContext, 'forms' | 'decisions'>): string[] {
  const formIds = new Set<string>();
  const decisionIds = new Set<string>();
  for (const element of modeler.get('elementRegistry').getAll()) {
    const values = element.businessObject?.extensionElements?.values ?? [];
    for (const value of values) {
      if (value.$type === 'zeebe:FormDefinition' && value.formId) formIds.add(value.formId as string);
      if (value.$type === 'zeebe:CalledDecision' && value.decisionId) decisionIds.add(value.decisionId as string);
    }
  }
  return [
    ...lintContext.forms.filter((form) => formIds.has(form.formId)).map((form) => form.file),
    ...lintContext.decisions.filter((decision) => decision.decisionIds.some((id) => decisionIds.has(id))).map((decision) => decision.file),
  ];
}
