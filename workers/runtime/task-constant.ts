/**
 * A per-task constant: an input variable every model sets to one fixed value per task (the decision a
 * generate-decision-notice task states), never to a case variable. Its zod schema (a `z.enum`) stays the one list
 * of the values the worker accepts; the mark travels in the JSON Schema of workers/catalog.json, where the element
 * template offers the values as a dropdown (labels in workers/catalog-labels.json `choices`) instead of defaulting
 * to the variable of the same name.
 */
import type { z } from 'zod';

/** The JSON Schema keyword of the mark (workers/catalog.json). */
export const TASK_CONSTANT_KEYWORD = 'x-taskConstant';

/** The JSON Schema keyword of the Chinese label of each value, in the enum's order (workers/catalog.json). */
export const CHOICE_TITLES_KEYWORD = 'x-choiceTitles';

/** The only place the mark is set: the catalogue and the element template read it from the JSON Schema. */
export function taskConstant<T extends z.ZodEnum>(schema: T): T {
  return schema.meta({ [TASK_CONSTANT_KEYWORD]: true });
}
