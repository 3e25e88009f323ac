/**
 * Four-eyes pairs (docs/modeling-conventions.md): a user task may carry the `zeebe:properties` property
 * `fourEyes.differsFrom` naming (comma-separated) the user tasks of the same process whose completer may not
 * do it. Each name must be another Camunda user task of that process; the engine refuses the deployment too.
 */
import { flowElementsDeep } from './bpmn-facts.js';
import { elementsOf, extensionOf, stringOf, type ModdleElement } from './moddle-element.js';

export const FOUR_EYES_PROPERTY = 'fourEyes.differsFrom';

export interface FourEyesProblem {
  elementId: string;
  message: string;
}

export function fourEyesProblems(definitions: ModdleElement): FourEyesProblem[] {
  const problems: FourEyesProblem[] = [];
  for (const process of elementsOf(definitions, 'rootElements').filter((root) => root.$instanceOf('bpmn:Process'))) {
    const elements = flowElementsDeep(process);
    const userTasks = new Set(elements.filter((element) => element.$instanceOf('bpmn:UserTask')).map((element) => element.id));
    for (const element of elements) {
      const value = fourEyesValue(element);
      if (value === undefined) continue;
      const id = element.id ?? '-';
      if (!element.$instanceOf('bpmn:UserTask')) {
        problems.push({ elementId: id, message: `${FOUR_EYES_PROPERTY} belongs on a user task, not on ${element.$type}` });
        continue;
      }
      const names = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
      if (names.length === 0) problems.push({ elementId: id, message: `${FOUR_EYES_PROPERTY} names no task` });
      for (const name of names) {
        if (name === id) problems.push({ elementId: id, message: `${FOUR_EYES_PROPERTY} names the task itself` });
        else if (!userTasks.has(name)) problems.push({ elementId: id, message: `${FOUR_EYES_PROPERTY} names "${name}", which is not a user task of this process` });
      }
    }
  }
  return problems;
}

// helpers

function fourEyesValue(element: ModdleElement): string | undefined {
  const properties = extensionOf(element, 'zeebe:Properties');
  const property = properties && elementsOf(properties, 'properties').find((p) => stringOf(p, 'name') === FOUR_EYES_PROPERTY);
  return property ? (stringOf(property, 'value') ?? '') : undefined;
}
