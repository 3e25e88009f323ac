/**
 * `job-retries-header`: the activated job tells a worker only the retries LEFT, so the worker runtime reads the
 * retries the model starts a job with from the task header `retries` to know which attempt failed and space its
 * back-off (workers/runtime/retry-back-off.ts). Without the header it assumes Zeebe's default of 3, which is
 * right exactly when the model sets no other number. So: a job-based element whose `zeebe:taskDefinition
 * retries` is not 3 carries a header `retries` with the same whole number, and a header `retries` always equals
 * the task definition's retries (3 when absent).
 */
import { RETRIES_HEADER, ZEEBE_DEFAULT_RETRIES } from '../../workers/runtime/retry-back-off.js';
import { flowElementsDeep } from './bpmn-facts.js';
import { elementsOf, extensionOf, stringOf, type ModdleElement } from './moddle-element.js';

export interface RetriesHeaderProblem {
  elementId: string;
  message: string;
}

export function retriesHeaderProblems(definitions: ModdleElement): RetriesHeaderProblem[] {
  const problems: RetriesHeaderProblem[] = [];
  for (const process of elementsOf(definitions, 'rootElements').filter((root) => root.$instanceOf('bpmn:Process'))) {
    for (const element of flowElementsDeep(process)) {
      const taskDefinition = extensionOf(element, 'zeebe:TaskDefinition');
      if (!taskDefinition) continue;
      const retries = stringOf(taskDefinition, 'retries') ?? String(ZEEBE_DEFAULT_RETRIES);
      const header = retriesHeaderOf(element);
      const elementId = element.id ?? '-';
      if (!/^\d+$/.test(retries)) {
        problems.push({ elementId, message: `retries "${retries}" must be a whole number: the workers' back-off counts the attempts from it` });
      } else if (header === undefined && retries !== String(ZEEBE_DEFAULT_RETRIES)) {
        problems.push({ elementId, message: `retries="${retries}" needs the task header ${RETRIES_HEADER} with the same value (a job carries only the retries left)` });
      } else if (header !== undefined && header !== retries) {
        problems.push({ elementId, message: `task header ${RETRIES_HEADER}="${header}" differs from the task definition's retries (${retries})` });
      }
    }
  }
  return problems;
}

// helpers

function retriesHeaderOf(element: ModdleElement): string | undefined {
  const headers = extensionOf(element, 'zeebe:TaskHeaders');
  const header = headers && elementsOf(headers, 'values').find((h) => stringOf(h, 'key') === RETRIES_HEADER);
  return header ? (stringOf(header, 'value') ?? '') : undefined;
}
