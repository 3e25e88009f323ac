/**
 * The changes between two versions of a model, from bpmn-js-differ, in the order an analyst reviews them:
 * first what changes how a case runs (an element added or removed, a job type, a form, a condition, a timer,
 * a flow's source or target …), then what only changes names and descriptions, then what only moved.
 */
import { diff } from 'bpmn-js-differ';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'layoutChanged';

export interface ModelChange {
  id: string;
  kind: ChangeKind;
  type: string;
  name: string;
  /** Changed attributes (`changed` only), e.g. `name`, `extensionElements`. */
  attributes: string[];
  /** Whether it can change how a case runs (ordering key). */
  executionRelevant: boolean;
}

/** Attributes that only change what people read. */
const PRESENTATION = new Set(['name', 'documentation', 'di', 'text', 'textFormat']);
/** Elements that exist only on the diagram. */
const PRESENTATION_TYPES = new Set(['bpmn:TextAnnotation', 'bpmn:Association', 'bpmn:Group', 'bpmn:Lane', 'bpmn:LaneSet', 'bpmn:Collaboration']);

interface DifferEntry {
  $type: string;
  id: string;
  name?: string;
}

interface DifferResult {
  _added: Record<string, DifferEntry>;
  _removed: Record<string, DifferEntry>;
  _changed: Record<string, { model: DifferEntry; attrs: Record<string, unknown> }>;
  _layoutChanged: Record<string, DifferEntry>;
}

export function modelChanges(older: unknown, newer: unknown): ModelChange[] {
  const result = diff(older, newer) as unknown as DifferResult;
  const changes: ModelChange[] = [];
  const entry = (kind: ChangeKind, model: DifferEntry, attributes: string[] = []): ModelChange => {
    const presentation = PRESENTATION_TYPES.has(model.$type) || (kind === 'changed' && attributes.every((attribute) => PRESENTATION.has(attribute)));
    return {
      id: model.id,
      kind,
      type: model.$type,
      name: model.name ?? '',
      attributes,
      executionRelevant: kind !== 'layoutChanged' && !presentation,
    };
  };
  for (const model of Object.values(result._added)) changes.push(entry('added', model));
  for (const model of Object.values(result._removed)) changes.push(entry('removed', model));
  for (const { model, attrs } of Object.values(result._changed)) changes.push(entry('changed', model, Object.keys(attrs)));
  for (const model of Object.values(result._layoutChanged)) {
    if (!result._changed[model.id] && !result._added[model.id]) changes.push(entry('layoutChanged', model));
  }
  const rank = (change: ModelChange) => (change.executionRelevant ? 0 : change.kind === 'layoutChanged' ? 2 : 1);
  return changes.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}
