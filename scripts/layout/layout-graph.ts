/**
 * Lays out a flow graph (scripts/layout/flow-graph.ts) in horizontal lane bands, left to right:
 *
 * 1. back edges (loops such as 退回 → 补正 → 初审) are found by a depth-first walk from the start nodes and left
 *    out of the layering; a flow from a boundary event counts as a flow from its host;
 * 2. columns by longest path over the remaining acyclic graph; a flow that spans several columns gets a
 *    placeholder in each column it crosses, so it runs along a free row;
 * 3. rows inside each lane, column by column: a node takes the row of its predecessor in the same lane (the
 *    successors of a boundary event go below the host: the rightmost event's one row below, the next two, …),
 *    or the first free row after it; each lane is as high as its rows, plus one channel per back edge;
 * 4. flows as orthogonal waypoints: a forward flow leaves a task or event on the right and a gateway on the
 *    side facing its target, turns in the gap before a column; a back edge runs under the rows of its target's
 *    lane and enters the target from below (or from the left when something is in the way);
 * 5. labels of events below them, of boundary events beside their outgoing flow, of gateways above on the right,
 *    of flows next to their first segment.
 *
 * Pure: the same graph always gives the same layout.
 */
import type { FlowGraph, GraphFlow, GraphNode, ShapeKind } from './flow-graph.js';

export interface Point {
  x: number;
  y: number;
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ShapeLayout {
  id: string;
  kind: ShapeKind;
  bounds: Bounds;
  label?: Bounds;
}

export interface EdgeLayout {
  id: string;
  waypoints: Point[];
  label?: Bounds;
}

export interface DiagramLayout {
  /** The element the plane draws: the collaboration, or the process when there is none. */
  planeElement: string;
  pool?: { id: string; bounds: Bounds };
  lanes: { id: string; bounds: Bounds }[];
  /** In the graph's node order. */
  shapes: ShapeLayout[];
  /** In the graph's flow order. */
  edges: EdgeLayout[];
}

export const SIZES: Record<ShapeKind, { width: number; height: number }> = {
  task: { width: 100, height: 80 },
  event: { width: 36, height: 36 },
  gateway: { width: 50, height: 50 },
};

export function layoutGraph(graph: FlowGraph): DiagramLayout {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const anchor = (id: string) => nodes.get(id)!.attachedTo ?? id;
  const main = graph.nodes.filter((n) => !n.attachedTo);

  const back = findBackEdges(graph, main, anchor);
  const column = assignColumns(graph, main, anchor, back);
  const chains = buildChains(graph, anchor, back, column, nodes);
  const rows = assignRows(graph, main, anchor, back, column, chains, nodes);

  // geometry
  const laneCount = Math.max(1, graph.lanes.length);
  const pool = graph.participant !== undefined;
  const drawnLanes = graph.lanes.length > 0;
  const originX = ORIGIN.x + (pool ? POOL_LABEL : 0) + (drawnLanes ? LANE_LABEL : 0) + MARGIN_X;
  const columnX = (c: number) => originX + c * COLUMN_WIDTH;

  const rowsInLane = Array.from({ length: laneCount }, () => 1);
  for (const [key, row] of rows) rowsInLane[laneOfItem(key, nodes, chains)] = Math.max(rowsInLane[laneOfItem(key, nodes, chains)], row + 1);
  const backFlows = graph.flows.filter((f) => back.has(f.id));
  const channelsInLane = Array.from({ length: laneCount }, () => 0);
  const channelIndex = new Map<string, number>();
  for (const flow of backFlows) {
    const lane = nodes.get(flow.target)!.lane;
    channelIndex.set(flow.id, channelsInLane[lane]++);
  }
  const laneTop: number[] = [];
  const laneHeight: number[] = [];
  let top = ORIGIN.y;
  for (let lane = 0; lane < laneCount; lane++) {
    laneTop.push(top);
    const channels = channelsInLane[lane] > 0 ? CHANNEL_PAD + channelsInLane[lane] * CHANNEL_STEP : 0;
    laneHeight.push(LANE_PAD + rowsInLane[lane] * ROW_HEIGHT + channels + LANE_PAD);
    top += laneHeight[lane];
  }
  const rowY = (lane: number, row: number) => laneTop[lane] + LANE_PAD + row * ROW_HEIGHT + ROW_HEIGHT / 2;
  const channelY = (flow: GraphFlow) => {
    const lane = nodes.get(flow.target)!.lane;
    return laneTop[lane] + LANE_PAD + rowsInLane[lane] * ROW_HEIGHT + CHANNEL_PAD + channelIndex.get(flow.id)! * CHANNEL_STEP;
  };

  // shapes: main nodes centred in their cell, boundary events on the host's bottom edge
  const bounds = new Map<string, Bounds>();
  for (const node of main) {
    const size = node.kind === 'task' ? taskSize(node.name) : SIZES[node.kind];
    const cx = columnX(column.get(node.id)!) + SIZES.task.width / 2;
    const cy = rowY(node.lane, rows.get(node.id)!);
    bounds.set(node.id, { x: cx - size.width / 2, y: cy - size.height / 2, ...size });
  }
  const boundaryOf = boundaryEventsByHost(graph);
  for (const [host, events] of boundaryOf) {
    const box = bounds.get(host)!;
    // evenly along the edge, at least one event's width plus a gap apart (three timers/messages on a narrow task)
    const step = Math.max(box.width / events.length, BOUNDARY_EVENT_STEP);
    events.forEach((event, index) => {
      const cx = box.x + box.width / 2 + (index - (events.length - 1) / 2) * step;
      bounds.set(event.id, { x: cx - 18, y: box.y + box.height - 18, width: 36, height: 36 });
    });
  }
  const stopsOf = (chain: Chain, target: Bounds) => [
    ...chain.placeholders.map((p) => ({ column: p.column, y: rowY(p.lane, rows.get(p.key)!) })),
    { column: column.get(chain.flow.target)!, y: target.y + target.height / 2 },
  ];
  const obstacles = graph.nodes.map((n) => ({ id: n.id, box: bounds.get(n.id)! }));

  const shapes: ShapeLayout[] = graph.nodes.map((node) => {
    const box = bounds.get(node.id)!;
    const label = node.kind === 'task' || !node.name ? undefined : nodeLabel(node, box, boundaryOf);
    return { id: node.id, kind: node.kind, bounds: box, ...(label ? { label } : {}) };
  });

  const edges: EdgeLayout[] = graph.flows.map((flow) => {
    const source = bounds.get(flow.source)!;
    const target = bounds.get(flow.target)!;
    const blocked = (a: Point, b: Point) => obstacles.some((o) => o.id !== flow.source && o.id !== flow.target && crosses(a, b, o.box));
    const waypoints = back.has(flow.id)
      ? routeBack(nodes.get(flow.source)!, nodes.get(flow.target)!, source, target, channelY(flow), {
          sourceGapX: columnX(column.get(anchor(flow.source))! + 1) - BACK_GAP_OFFSET,
          targetHasBoundaryEvents: boundaryOf.has(flow.target),
          targetGapX: columnX(column.get(flow.target)!) - BACK_GAP_OFFSET - 20,
          blocked,
        })
      : routeForward(nodes.get(flow.source)!, source, target, stopsOf(chains.get(flow.id)!, target), {
          columnX,
          sourceColumn: column.get(anchor(flow.source))!,
          blocked,
        });
    const points = simplify(waypoints);
    const label = flow.name ? flowLabel(flow.name, points) : undefined;
    return { id: flow.id, waypoints: points, ...(label ? { label } : {}) };
  });

  // lanes and pool enclose every column, plus the room a last column's labels and back edges need
  const columns = Math.max(1, ...[...column.values()].map((c) => c + 1));
  const right = columnX(columns - 1) + SIZES.task.width + MARGIN_X;
  const bottom = top;
  const laneX = ORIGIN.x + (pool ? POOL_LABEL : 0);
  const lanes = graph.lanes.map((lane, index) => ({
    id: lane.id,
    bounds: { x: laneX, y: laneTop[index], width: right - laneX, height: laneHeight[index] },
  }));
  return {
    planeElement: graph.participant?.collaborationId ?? graph.processId,
    ...(graph.participant
      ? { pool: { id: graph.participant.id, bounds: { x: ORIGIN.x, y: ORIGIN.y, width: right - ORIGIN.x, height: bottom - ORIGIN.y } } }
      : {}),
    lanes,
    shapes,
    edges,
  };
}

/** Rough width of a label line in bpmn-js's 12px font: CJK characters are square, Latin ones about half. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u2E80-\uFFEF]/u.test(char) ? 12 : 7;
  return width;
}

// helpers

/**
 * A task grows with its name so the chart's long wording fits inside the box (bpmn-js wraps it at the box width
 * minus 5 px padding a side, 12 px font, ~14.4 px a line): first taller, then wider, within its row and column.
 */
function taskSize(name: string | undefined): { width: number; height: number } {
  const fits = (width: number) => {
    const perLine = Math.max(1, Math.floor((width - 10) / 12));
    return 20 + Math.ceil(textWidth(name ?? '') / 12 / perLine) * 15;
  };
  const { width, height } = SIZES.task;
  if (fits(width) <= height) return SIZES.task;
  const wide = fits(width) <= MAX_TASK_HEIGHT ? width : MAX_TASK_WIDTH;
  return { width: wide, height: Math.min(MAX_TASK_HEIGHT, Math.max(height, fits(wide))) };
}

const MAX_TASK_WIDTH = 130;
const BOUNDARY_EVENT_STEP = 40;
const MAX_TASK_HEIGHT = 120;
const ORIGIN = { x: 160, y: 80 };
const POOL_LABEL = 30;
const LANE_LABEL = 30;
const MARGIN_X = 50;
const COLUMN_WIDTH = 170;
const ROW_HEIGHT = 130;
const LANE_PAD = 10;
const CHANNEL_PAD = 10;
const CHANNEL_STEP = 15;
/** Where a flow turns before the column it enters (px left of the column's cell). */
const JOG_OFFSET = 20;
const BACK_GAP_OFFSET = 10;
const LABEL_WIDTH = 90;
const LINE_HEIGHT = 14;

/** A cell content of the row grid: a node id, or a placeholder `flowId#column` of a flow crossing that column. */
type ItemKey = string;

interface Chain {
  flow: GraphFlow;
  /** Placeholder keys for the columns strictly between source and target. */
  placeholders: { key: ItemKey; column: number; lane: number }[];
}

function findBackEdges(graph: FlowGraph, main: GraphNode[], anchor: (id: string) => string): Set<string> {
  const outgoing = new Map<string, GraphFlow[]>(main.map((n) => [n.id, []]));
  // the host's own flows first, then those of its boundary events
  for (const flow of graph.flows) if (anchor(flow.source) === flow.source) outgoing.get(flow.source)!.push(flow);
  for (const flow of graph.flows) if (anchor(flow.source) !== flow.source) outgoing.get(anchor(flow.source))!.push(flow);
  const hasIncoming = new Set(graph.flows.map((f) => f.target));
  const roots = [
    ...main.filter((n) => n.type === 'StartEvent'),
    ...main.filter((n) => n.type !== 'StartEvent' && !hasIncoming.has(n.id)),
    ...main,
  ];

  const back = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  for (const root of roots) {
    if (state.has(root.id)) continue;
    const stack: { id: string; next: number }[] = [{ id: root.id, next: 0 }];
    state.set(root.id, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const flows = outgoing.get(frame.id)!;
      if (frame.next >= flows.length) {
        state.set(frame.id, 'done');
        stack.pop();
        continue;
      }
      const flow = flows[frame.next++];
      const target = anchor(flow.target);
      const seen = state.get(target);
      if (seen === 'open') back.add(flow.id);
      else if (seen === undefined) {
        state.set(target, 'open');
        stack.push({ id: target, next: 0 });
      }
    }
  }
  return back;
}

function assignColumns(graph: FlowGraph, main: GraphNode[], anchor: (id: string) => string, back: Set<string>): Map<string, number> {
  const forward = graph.flows.filter((f) => !back.has(f.id));
  const indegree = new Map(main.map((n) => [n.id, 0]));
  for (const flow of forward) indegree.set(anchor(flow.target), indegree.get(anchor(flow.target))! + 1);
  const column = new Map(main.map((n) => [n.id, 0]));
  const queue = main.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const flow of forward) {
      if (anchor(flow.source) !== id) continue;
      const target = anchor(flow.target);
      column.set(target, Math.max(column.get(target)!, column.get(id)! + 1));
      indegree.set(target, indegree.get(target)! - 1);
      if (indegree.get(target) === 0) queue.push(target);
    }
  }
  return column;
}

function buildChains(
  graph: FlowGraph,
  anchor: (id: string) => string,
  back: Set<string>,
  column: Map<string, number>,
  nodes: Map<string, GraphNode>,
): Map<string, Chain> {
  const chains = new Map<string, Chain>();
  for (const flow of graph.flows) {
    if (back.has(flow.id)) continue;
    const from = column.get(anchor(flow.source))!;
    const to = column.get(flow.target)!;
    const lane = nodes.get(flow.target)!.lane;
    const placeholders = [];
    for (let c = from + 1; c < to; c++) placeholders.push({ key: `${flow.id}#${c}`, column: c, lane });
    chains.set(flow.id, { flow, placeholders });
  }
  return chains;
}

function assignRows(
  graph: FlowGraph,
  main: GraphNode[],
  anchor: (id: string) => string,
  back: Set<string>,
  column: Map<string, number>,
  chains: Map<string, Chain>,
  nodes: Map<string, GraphNode>,
): Map<ItemKey, number> {
  const boundaryRank = new Map<string, number>();
  for (const events of boundaryEventsByHost(graph).values()) {
    events.forEach((event, index) => boundaryRank.set(event.id, events.length - 1 - index));
  }
  const belowHost = (flow: GraphFlow) => (boundaryRank.has(flow.source) ? 1 + boundaryRank.get(flow.source)! : 0);

  interface Item {
    key: ItemKey;
    lane: number;
    column: number;
    order: number;
    placeholder: boolean;
    /** Where the row preference comes from: [predecessor key, lane of predecessor, rows to add, flow order]. */
    from: { key: ItemKey; lane: number; offset: number; flowOrder: number }[];
  }
  const items: Item[] = main.map((node, order) => ({
    key: node.id,
    lane: node.lane,
    column: column.get(node.id)!,
    order,
    placeholder: false,
    from: [],
  }));
  const byKey = new Map(items.map((item) => [item.key, item]));
  graph.flows.forEach((flow, flowOrder) => {
    const chain = chains.get(flow.id);
    if (!chain || back.has(flow.id)) return;
    let previous: { key: ItemKey; lane: number } = { key: anchor(flow.source), lane: nodes.get(flow.source)!.lane };
    let offset = belowHost(flow);
    for (const placeholder of chain.placeholders) {
      const item: Item = { key: placeholder.key, lane: placeholder.lane, column: placeholder.column, order: main.length + flowOrder, placeholder: true, from: [] };
      item.from.push({ ...previous, offset, flowOrder });
      items.push(item);
      byKey.set(item.key, item);
      previous = { key: item.key, lane: item.lane };
      offset = 0;
    }
    byKey.get(flow.target)!.from.push({ ...previous, offset, flowOrder });
  });

  const rows = new Map<ItemKey, number>();
  const taken = new Set<string>();
  const columns = [...new Set(items.map((i) => i.column))].sort((a, b) => a - b);
  for (const c of columns) {
    const here = items
      .filter((i) => i.column === c)
      .map((item) => {
        const sameLane = item.from.filter((f) => f.lane === item.lane && rows.has(f.key));
        const wish = sameLane.length === 0 ? { row: 0, flowOrder: Number.MAX_SAFE_INTEGER } : sameLane
          .map((f) => ({ row: rows.get(f.key)! + f.offset, flowOrder: f.flowOrder }))
          .sort((a, b) => a.row - b.row || a.flowOrder - b.flowOrder)[0];
        return { item, wish };
      })
      .sort(
        (a, b) =>
          a.wish.row - b.wish.row ||
          Number(a.item.placeholder) - Number(b.item.placeholder) ||
          a.wish.flowOrder - b.wish.flowOrder ||
          a.item.order - b.item.order,
      );
    for (const { item, wish } of here) {
      let row = wish.row;
      while (taken.has(`${item.lane}/${c}/${row}`)) row++;
      taken.add(`${item.lane}/${c}/${row}`);
      rows.set(item.key, row);
    }
  }
  return rows;
}

function laneOfItem(key: ItemKey, nodes: Map<string, GraphNode>, chains: Map<string, Chain>): number {
  const node = nodes.get(key);
  if (node) return node.lane;
  const flowId = key.slice(0, key.lastIndexOf('#'));
  return chains.get(flowId)!.placeholders.find((p) => p.key === key)!.lane;
}

function boundaryEventsByHost(graph: FlowGraph): Map<string, GraphNode[]> {
  const byHost = new Map<string, GraphNode[]>();
  for (const node of graph.nodes) {
    if (!node.attachedTo) continue;
    if (!byHost.has(node.attachedTo)) byHost.set(node.attachedTo, []);
    byHost.get(node.attachedTo)!.push(node);
  }
  return byHost;
}

interface ForwardContext {
  columnX(column: number): number;
  sourceColumn: number;
  blocked(a: Point, b: Point): boolean;
}

/**
 * `stops`: the column and y of every column the flow enters after its source's, placeholders first, the target
 * last.
 */
function routeForward(sourceNode: GraphNode, source: Bounds, target: Bounds, stops: { column: number; y: number }[], context: ForwardContext): Point[] {
  const cx = source.x + source.width / 2;
  const cy = source.y + source.height / 2;
  const bottom = source.y + source.height;
  const first = stops[0];
  const sideExit = (): Point[] => {
    const start = { x: source.x + source.width, y: cy };
    if (first.y === cy) return [start];
    const jx = context.columnX(first.column) - JOG_OFFSET;
    return [start, { x: jx, y: cy }, { x: jx, y: first.y }];
  };

  let points: Point[];
  if (sourceNode.attachedTo) {
    if (first.y > bottom) points = [{ x: cx, y: bottom }, { x: cx, y: first.y }];
    else {
      const gx = context.columnX(context.sourceColumn + 1) - JOG_OFFSET;
      points = [{ x: cx, y: bottom }, { x: cx, y: bottom + 10 }, { x: gx, y: bottom + 10 }, { x: gx, y: first.y }];
    }
  } else if (sourceNode.kind === 'gateway' && first.y !== cy) {
    points = [{ x: cx, y: first.y > cy ? bottom : source.y }, { x: cx, y: first.y }];
    const next = stops.length > 1 ? context.columnX(first.column) : target.x;
    if (pathBlocked([...points, { x: next, y: first.y }], context.blocked)) points = sideExit();
  } else points = sideExit();

  let y = first.y;
  for (const stop of stops.slice(1)) {
    if (stop.y === y) continue;
    const jx = context.columnX(stop.column) - JOG_OFFSET;
    points.push({ x: jx, y }, { x: jx, y: stop.y });
    y = stop.y;
  }
  points.push({ x: target.x, y: target.y + target.height / 2 });
  return points;
}

interface BackContext {
  sourceGapX: number;
  targetHasBoundaryEvents: boolean;
  targetGapX: number;
  blocked(a: Point, b: Point): boolean;
}

/** Under the rows of the target's lane (its channel), into the target from below or, when blocked, from the left. */
function routeBack(sourceNode: GraphNode, targetNode: GraphNode, source: Bounds, target: Bounds, channel: number, context: BackContext): Point[] {
  const cx = source.x + source.width / 2;
  const cy = source.y + source.height / 2;
  const bottom = source.y + source.height;
  let exit: Point[];
  if (sourceNode.attachedTo) {
    exit =
      channel > bottom
        ? [{ x: cx, y: bottom }, { x: cx, y: channel }]
        : [{ x: cx, y: bottom }, { x: cx, y: bottom + 10 }, { x: context.sourceGapX, y: bottom + 10 }, { x: context.sourceGapX, y: channel }];
  } else {
    exit = [{ x: cx, y: channel > cy ? bottom : source.y }, { x: cx, y: channel }];
    if (pathBlocked(exit, context.blocked)) {
      exit = [{ x: source.x + source.width, y: cy }, { x: context.sourceGapX, y: cy }, { x: context.sourceGapX, y: channel }];
    }
  }
  const tcx = target.x + target.width / 2;
  const tcy = target.y + target.height / 2;
  let entry = [{ x: tcx, y: channel }, { x: tcx, y: target.y + target.height }];
  // from below only when nothing is in the way: no boundary events (and the flows leaving them), no gateway (its
  // flows leave downwards), no shape
  if (context.targetHasBoundaryEvents || targetNode.kind === 'gateway' || pathBlocked(entry, context.blocked)) {
    entry = [{ x: context.targetGapX, y: channel }, { x: context.targetGapX, y: tcy }, { x: target.x, y: tcy }];
  }
  return [...exit, ...entry];
}

function pathBlocked(points: Point[], blocked: (a: Point, b: Point) => boolean): boolean {
  return points.some((point, i) => i > 0 && blocked(points[i - 1], point));
}

function nodeLabel(node: GraphNode, box: Bounds, boundaryOf: Map<string, GraphNode[]>): Bounds {
  const { width, height } = labelSize(node.name!);
  const cx = box.x + box.width / 2;
  if (node.kind === 'gateway') return { x: cx + 4, y: box.y - 5 - height, width, height };
  if (node.attachedTo) {
    // beside the flow that leaves the event downwards: the last event's label to the right, the others' left
    const siblings = boundaryOf.get(node.attachedTo)!;
    const last = siblings[siblings.length - 1] === node;
    return { x: last ? cx + 6 : cx - 6 - width, y: box.y + box.height + 2, width, height };
  }
  return { x: cx - width / 2, y: box.y + box.height + 5, width, height };
}

/**
 * Next to the first segment: above it when it runs sideways (or beside the second, when that turns up or down);
 * beside it when it runs up or down, on the left when it leaves a gateway upwards (the gateway's label is right).
 */
function flowLabel(name: string, points: Point[]): Bounds {
  const { width, height } = labelSize(name);
  const [a, b, c] = points;
  const beside = (from: Point, to: Point, left: boolean): Bounds => ({
    x: left ? from.x - 6 - width : from.x + 6,
    y: to.y > from.y ? from.y + 6 : from.y - 6 - height,
    width,
    height,
  });
  if (a.y === b.y) return c && c.x === b.x ? beside(b, c, false) : { x: Math.min(a.x, b.x) + 6, y: a.y - 4 - height, width, height };
  return beside(a, b, b.y < a.y);
}

function labelSize(text: string): { width: number; height: number } {
  const full = textWidth(text);
  const lines = Math.max(1, Math.ceil(full / LABEL_WIDTH));
  return { width: Math.min(LABEL_WIDTH, full), height: lines * LINE_HEIGHT };
}

/** Whether an axis-parallel segment runs through the inside of a box. */
function crosses(a: Point, b: Point, box: Bounds): boolean {
  const [x1, x2] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [y1, y2] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return x2 > box.x && x1 < box.x + box.width && y2 > box.y && y1 < box.y + box.height;
}

/** Drops repeated points and middle points of straight runs. */
function simplify(points: Point[]): Point[] {
  const rounded = points.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }));
  const unique = rounded.filter((p, i) => i === 0 || p.x !== rounded[i - 1].x || p.y !== rounded[i - 1].y);
  return unique.filter((p, i) => {
    if (i === 0 || i === unique.length - 1) return true;
    const [a, b] = [unique[i - 1], unique[i + 1]];
    return !((a.x === p.x && p.x === b.x) || (a.y === p.y && p.y === b.y));
  });
}
