/**
 * Input and output mappings (`zeebe:ioMapping`). Inputs become local variables of the element, evaluated in
 * order so a later input can use an earlier one. Outputs are evaluated in the element's scope and merged into
 * its flow scope.
 */
import type { VariableMapping } from '../../model/executable-process.js';
import type { ElementInstanceRecord } from '../../state/records.js';
import type { EngineServices } from './engine-services.js';
import type { Failure } from './failure.js';

export function applyInputMappings(instance: ElementInstanceRecord, mappings: readonly VariableMapping[], services: EngineServices): Failure | void {
  if (mappings.length === 0) return;
  const mapped: Record<string, unknown> = {};
  for (const mapping of mappings) {
    const valueEvaluation = services.variables.evaluate(mapping.source, instance.key, mapped);
    if (!valueEvaluation.ok) return valueEvaluation.failure.as('IO_MAPPING_ERROR');
    const value = valueEvaluation.value;
    const { root, path } = mapping.target;
    const base = root in mapped ? mapped[root] : services.variables.visible(instance.key, [root])[root];
    mapped[root] = setPath(base, path, value);
  }
  services.variables.setLocal(instance, mapped);
}

export function applyOutputMappings(
  instance: ElementInstanceRecord,
  flowScope: ElementInstanceRecord,
  mappings: readonly VariableMapping[],
  services: EngineServices,
): Failure | void {
  const results: Record<string, unknown> = {};
  for (const mapping of mappings) {
    const valueEvaluation = services.variables.evaluate(mapping.source, instance.key);
    if (!valueEvaluation.ok) return valueEvaluation.failure.as('IO_MAPPING_ERROR');
    const value = valueEvaluation.value;
    const { root, path } = mapping.target;
    const base = root in results ? results[root] : services.variables.visible(flowScope.key, [root])[root];
    results[root] = setPath(base, path, value);
  }
  services.variables.merge(flowScope, results);
}

// helpers

function setPath(base: unknown, path: readonly string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const object = typeof base === 'object' && base !== null && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
  object[head] = setPath(object[head], rest, value);
  return object;
}
