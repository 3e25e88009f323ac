/**
 * The part of a BPMN model the layout needs, read from a parsed `bpmn:Definitions` (the linter's moddle, see
 * scripts/lint/load-camunda-linters.ts): the process the collaboration's participant references (or the first
 * process), its lanes, flow nodes (with their lane and, for boundary events, their host) and sequence flows.
 */
import { elementOf, elementsOf, stringOf, type ModdleElement } from '../lint/moddle-element.js';

export type ShapeKind = 'task' | 'event' | 'gateway';

export interface GraphNode {
  id: string;
  /** The BPMN type without prefix, e.g. `UserTask`. */
  type: string;
  kind: ShapeKind;
  name?: string;
  /** Index into `FlowGraph.lanes`; 0 when the process has no lanes. */
  lane: number;
  /** For a boundary event: the id of the activity it is attached to. */
  attachedTo?: string;
  /** An activity bpmn-js draws a marker on at the bottom centre (multi-instance, loop, call activity). */
  marker?: boolean;
}

export interface GraphFlow {
  id: string;
  source: string;
  target: string;
  name?: string;
}

export interface FlowGraph {
  processId: string;
  /** The pool, when the model has a collaboration whose participant references the process. */
  participant?: { id: string; name?: string; collaborationId: string };
  /** The lanes of the process's first lane set, top to bottom; empty when the process has none. */
  lanes: { id: string; name?: string }[];
  /** Flow nodes in document order. */
  nodes: GraphNode[];
  /** Sequence flows in document order. */
  flows: GraphFlow[];
}

export class LayoutInputError extends Error {
  readonly code = 'LAYOUT_INPUT';
}

export function readFlowGraph(definitions: ModdleElement): FlowGraph {
  const roots = elementsOf(definitions, 'rootElements');
  const processes = roots.filter((root) => root.$instanceOf('bpmn:Process'));
  const collaboration = roots.find((root) => root.$instanceOf('bpmn:Collaboration'));
  const participants = collaboration ? elementsOf(collaboration, 'participants') : [];
  const pool = participants.find((p) => elementOf(p, 'processRef') && processes.includes(elementOf(p, 'processRef')!));
  const process = pool ? elementOf(pool, 'processRef')! : processes[0];
  if (!process?.id) throw new LayoutInputError('the model has no bpmn:process with an id');

  const laneSet = elementsOf(process, 'laneSets')[0];
  const laneElements = laneSet ? elementsOf(laneSet, 'lanes') : [];
  const lanes = laneElements.map((lane) => ({ id: requireId(lane), name: stringOf(lane, 'name') }));
  const laneOf = new Map<string, number>();
  laneElements.forEach((lane, index) => {
    for (const node of elementsOf(lane, 'flowNodeRef')) if (node.id && !laneOf.has(node.id)) laneOf.set(node.id, index);
  });

  const elements = elementsOf(process, 'flowElements');
  const nodes: GraphNode[] = elements
    .filter((e) => e.$instanceOf('bpmn:FlowNode'))
    .map((e) => {
      const attachedTo = e.$instanceOf('bpmn:BoundaryEvent') ? elementOf(e, 'attachedToRef')?.id : undefined;
      const marker = e.$instanceOf('bpmn:CallActivity') || e.$instanceOf('bpmn:SubProcess') || elementOf(e, 'loopCharacteristics') !== undefined;
      return {
        id: requireId(e),
        type: e.$type.replace(/^bpmn:/, ''),
        kind: shapeKind(e),
        name: stringOf(e, 'name'),
        lane: laneOf.get(e.id!) ?? 0,
        ...(attachedTo ? { attachedTo } : {}),
        ...(marker ? { marker } : {}),
      };
    });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  // A boundary event is drawn on its host, so it shares the host's lane whatever the lane set says.
  for (const node of nodes) if (node.attachedTo && byId.has(node.attachedTo)) node.lane = byId.get(node.attachedTo)!.lane;
  for (const node of nodes) if (node.attachedTo && !byId.has(node.attachedTo)) delete node.attachedTo;

  const flows: GraphFlow[] = elements
    .filter((e) => e.$instanceOf('bpmn:SequenceFlow'))
    .flatMap((e) => {
      const source = elementOf(e, 'sourceRef')?.id;
      const target = elementOf(e, 'targetRef')?.id;
      if (!source || !target || !byId.has(source) || !byId.has(target)) return [];
      return [{ id: requireId(e), source, target, name: stringOf(e, 'name') }];
    });

  return {
    processId: process.id,
    ...(pool && collaboration ? { participant: { id: requireId(pool), name: stringOf(pool, 'name'), collaborationId: requireId(collaboration) } } : {}),
    lanes,
    nodes,
    flows,
  };
}

// helpers

function shapeKind(element: ModdleElement): ShapeKind {
  if (element.$instanceOf('bpmn:Event')) return 'event';
  if (element.$instanceOf('bpmn:Gateway')) return 'gateway';
  return 'task';
}

function requireId(element: ModdleElement): string {
  if (!element.id) throw new LayoutInputError(`a ${element.$type} has no id`);
  return element.id;
}
