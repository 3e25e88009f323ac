/**
 * Lays out a flow graph (scripts/layout/flow-graph.ts) in horizontal lane bands, read left to right:
 *
 * 1. sizes from the text bpmn-js will draw (scripts/layout/shape-sizes.ts): tasks as large as their names need,
 *    label boxes of events, gateways and flows wrapped to a few lines;
 * 2. nodes on a grid of columns and lane rows (scripts/layout/grid-placement.ts); boundary events on the bottom
 *    edge of their host, ordered so their flows do not cut each other, each with its label beside it;
 * 3. flows routed over the lines between and through the cells (scripts/layout/orthogonal-router.ts), never
 *    through a shape or a label, with as few crossings and bends as the router finds, then spread into parallel
 *    tracks where they share a gap or channel (scripts/layout/track-assignment.ts);
 * 4. coordinates: every column as wide and every row as high as its contents, gaps and channels as wide as
 *    their tracks; labels of events below them, of gateways on a free side, of flows beside their first
 *    segments where nothing else is (a gap widens until one fits).
 *
 * Pure: the same graph always gives the same layout.
 */
import type { FlowGraph, GraphFlow, GraphNode, ShapeKind } from './flow-graph.js';
import { flowCrossings } from './diagram-quality.js';
import { boundaryEventsByHost, placeOnGrid, type Cell, type GridPlacement } from './grid-placement.js';
import { improvePlacement } from './placement-search.js';
import { routeFlows, type Dir, type RoutedFlow, type RouterFlow, type RouterGrid, type RouterNode } from './orthogonal-router.js';
import { EVENT_SIZE, GATEWAY_SIZE, externalLabel, labelGlyphs, laneHeightForName, nameFits, taskSize, type LabelBlock, type Size } from './shape-sizes.js';
import { assignTracks, type Tracks } from './track-assignment.js';

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

export function layoutGraph(graph: FlowGraph): DiagramLayout {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const scoreOf = (candidate: GridPlacement) => {
    try {
      return score(graph, route(graph, candidate, nodes, SEARCH_PASSES), nodes);
    } catch {
      return Infinity;
    }
  };
  // both ways of breaking loops, each improved by the search, each routed finally with and without rerouting
  // every flow against all the others: the best scoring drawing wins (the first on a tie)
  const routing = (['walk', 'distance'] as const)
    .map((loops) => improvePlacement(graph, placeOnGrid(graph, loops), scoreOf))
    .flatMap((placement) => [route(graph, placement, nodes, ROUTING_PASSES), route(graph, placement, nodes, SEARCH_PASSES)])
    .map((candidate) => ({ candidate, value: score(graph, candidate, nodes) }))
    .reduce((best, next) => (next.value < best.value ? next : best)).candidate;
  const placement = routing.placement;

  // labels of flows: widen the gap after a flow's source until its label finds a free place
  const extraGap = new Map<number, number>();
  let result = drawing(graph, routing, extraGap, nodes, true);
  for (let attempt = 0; attempt < MAX_LABEL_ATTEMPTS && result.unplaced.length > 0; attempt++) {
    for (const flowId of result.unplaced) {
      const flow = graph.flows.find((f) => f.id === flowId)!;
      const gap = placement.cells.get(anchorOf(flow.source, nodes))!.column + 1;
      extraGap.set(gap, (extraGap.get(gap) ?? 0) + LABEL_GAP_STEP);
    }
    result = drawing(graph, routing, extraGap, nodes, true);
  }
  return result.layout;
}

interface Routing {
  placement: GridPlacement;
  contents: Map<string, CellContent>;
  structure: GridStructure;
  routed: RoutedFlow[];
  tracks: Tracks;
}

/** Routes every flow for a placement: the lines and their order do not change when coordinates grow later. */
function route(graph: FlowGraph, placement: GridPlacement, nodes: Map<string, GraphNode>, passes: number): Routing {
  const contents = cellContents(graph, placement, nodes);
  const structure = gridStructure(graph, placement, contents);
  const provisional = coordinates(graph, placement, contents, structure, emptyTracks(structure), new Map());
  const router = routerInput(graph, placement, contents, structure, provisional, nodes);
  const routed = routeFlows(router.grid, router.nodes, router.flows, passes).map((path, k) => ({ ...path, id: router.flows[k].id }));
  const tracks = assignTracks(routed, router.grid.xShared, router.grid.yShared, TRACK_SPACING);
  placeGatewayLabels(graph, contents, routed, router.flows);
  return { placement, contents, structure, routed, tracks };
}

/** Lower is better: crossings and overlaps first, then bends, length and size. */
function score(graph: FlowGraph, routing: Routing, nodes: Map<string, GraphNode>): number {
  const { layout } = drawing(graph, routing, new Map(), nodes, false);
  const edges = layout.edges.map((edge, k) => ({ id: edge.id, source: graph.flows[k].source, target: graph.flows[k].target, waypoints: edge.waypoints }));
  const { crossings, overlaps } = flowCrossings(edges);
  // flows that leave a node together share a stretch before they split: whose label is whose?
  const starts = new Set<string>();
  let shared = 0;
  for (const edge of edges) {
    const key = `${edge.source} ${edge.waypoints[0].x} ${edge.waypoints[0].y}`;
    if (starts.has(key)) shared++;
    starts.add(key);
  }
  let bends = 0;
  let length = 0;
  for (const edge of layout.edges) {
    bends += edge.waypoints.length - 2;
    for (let k = 1; k < edge.waypoints.length; k++) {
      length += Math.abs(edge.waypoints[k].x - edge.waypoints[k - 1].x) + Math.abs(edge.waypoints[k].y - edge.waypoints[k - 1].y);
    }
  }
  const lanes = layout.lanes.length > 0 ? layout.lanes : layout.shapes;
  const width = Math.max(...lanes.map((l) => l.bounds.x + l.bounds.width)) - Math.min(...lanes.map((l) => l.bounds.x));
  const height = Math.max(...lanes.map((l) => l.bounds.y + l.bounds.height)) - Math.min(...lanes.map((l) => l.bounds.y));
  return WEIGHT.crossing * (crossings + overlaps) + WEIGHT.sharedStart * shared + WEIGHT.bend * bends + WEIGHT.length * length + WEIGHT.size * (width + height);
}

const SEARCH_PASSES = 1;
const ROUTING_PASSES = 4;
const WEIGHT = { crossing: 1000, sharedStart: 300, bend: 30, length: 0.1, size: 0.5 } as const;

// ---------------------------------------------------------------------------------------------------------------
// sizes and what each cell holds

const TRACK_SPACING = 12;
const MIN_GAP = 40;
const LANE_EDGE_CHANNEL = 12;
const MIN_CHANNEL = 16;
const ROW_PAD = 8;
const COLUMN_PAD = 10;
const OBSTACLE_MARGIN = 4;
const ORIGIN = { x: 160, y: 80 };
const HEADER = 30;
const MAX_LABEL_ATTEMPTS = 12;
const LABEL_GAP_STEP = 20;
/** Label of an event: below it. Of a boundary event: beside it, under the host's edge. */
const EVENT_LABEL_GAP = 4;
const BOUNDARY_LABEL_GAP = 3;
/** Room under a boundary event before its flow may turn. */
const BOUNDARY_DROP = 12;
const LABEL_MAX_WIDTH = { event: 110, wideEvent: 150, gateway: 120, boundary: 64, flow: 110 } as const;

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface BoundaryPlacement {
  node: GraphNode;
  /** Centre x relative to the host's centre. */
  dx: number;
  label?: LabelBlock;
  labelSide: 'left' | 'right';
}

interface CellContent {
  node: GraphNode;
  size: Size;
  label?: LabelBlock;
  /** Top left of the label's DI bounds relative to the node's centre (events now, gateways after routing). */
  labelAt?: Point;
  boundary: BoundaryPlacement[];
}

function anchorOf(id: string, nodes: Map<string, GraphNode>): string {
  return nodes.get(id)!.attachedTo ?? id;
}

function cellContents(graph: FlowGraph, placement: GridPlacement, nodes: Map<string, GraphNode>): Map<string, CellContent> {
  const contents = new Map<string, CellContent>();
  const byHost = boundaryEventsByHost(graph);
  const depth = (cell: Cell) => cell.lane * 1000 + cell.row;
  for (const node of graph.nodes) {
    if (node.attachedTo) continue;
    const cell = placement.cells.get(node.id)!;
    const boundary = orderBoundaryEvents(byHost.get(node.id) ?? [], graph, placement, cell, nodes, depth);
    const labels = boundary.map((b) => (b.name ? externalLabel(b.name, LABEL_MAX_WIDTH.boundary) : undefined));
    let size: Size;
    let label: LabelBlock | undefined;
    let labelAt: Point | undefined;
    if (node.kind === 'task') {
      size = taskSize(node.name, { icon: TASK_ICONS.has(node.type) || !!node.marker, minWidth: boundaryWidth(labels) });
    } else if (node.kind === 'gateway') {
      size = GATEWAY_SIZE;
      if (node.name) label = externalLabel(node.name, LABEL_MAX_WIDTH.gateway);
    } else {
      size = EVENT_SIZE;
      if (node.name) {
        label = externalLabel(node.name, LABEL_MAX_WIDTH.event);
        if (label.lines > 3) label = externalLabel(node.name, LABEL_MAX_WIDTH.wideEvent);
        labelAt = { x: -label.width / 2, y: size.height / 2 + EVENT_LABEL_GAP };
      }
    }
    contents.set(node.id, { node, size, label, labelAt, boundary: arrangeBoundary(boundary, labels, size) });
  }
  return contents;
}

const TASK_ICONS = new Set(['UserTask', 'ServiceTask', 'SendTask', 'ReceiveTask', 'ManualTask', 'ScriptTask', 'BusinessRuleTask']);

/**
 * Left to right: events whose flows go back left (the lowest target first), then those going right, the deepest
 * target first, so that each flow turns away from the others' drops.
 */
function orderBoundaryEvents(
  events: GraphNode[],
  graph: FlowGraph,
  placement: GridPlacement,
  hostCell: Cell,
  nodes: Map<string, GraphNode>,
  depth: (cell: Cell) => number,
): GraphNode[] {
  const key = (event: GraphNode) => {
    const flow = graph.flows.find((f) => f.source === event.id);
    if (!flow) return [2, 0];
    const target = placement.cells.get(anchorOf(flow.target, nodes))!;
    return target.column <= hostCell.column ? [0, depth(target)] : [1, -depth(target)];
  };
  return events
    .map((event, order) => ({ event, order, key: key(event) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.order - b.order)
    .map((e) => e.event);
}

/** Least host width for its boundary events and their labels: each label beside its event, before the next. */
function boundaryWidth(labels: (LabelBlock | undefined)[]): number {
  if (labels.length === 0) return 0;
  const r = EVENT_SIZE.width / 2;
  let width = 2 * (r + 4);
  labels.forEach((label, k) => {
    if (k === labels.length - 1) return;
    const room = k === 0 && labels.length > 1 ? 8 : label ? BOUNDARY_LABEL_GAP + label.textWidth + 6 : 8;
    width += 2 * r + room;
  });
  return width;
}

function arrangeBoundary(events: GraphNode[], labels: (LabelBlock | undefined)[], host: Size): BoundaryPlacement[] {
  const r = EVENT_SIZE.width / 2;
  const placements: BoundaryPlacement[] = [];
  // from the right edge leftwards: the first event's label goes to its left (outside the host), the others' right
  let x = host.width / 2 - r - 4;
  for (let k = events.length - 1; k >= 0; k--) {
    const side = k === 0 && events.length > 1 ? 'left' : 'right';
    placements.unshift({ node: events[k], dx: x, label: labels[k], labelSide: side });
    if (k > 0) {
      const previous = labels[k - 1];
      const room = k - 1 === 0 && events.length > 1 ? 8 : previous ? BOUNDARY_LABEL_GAP + previous.textWidth + 6 : 8;
      x -= 2 * r + room;
    }
  }
  return placements;
}

/** The DI bounds of a boundary event's label, relative to the host's centre. */
function boundaryLabelAt(b: BoundaryPlacement, host: Size): Point {
  const label = b.label!;
  const glyphX = b.labelSide === 'right' ? b.dx + EVENT_SIZE.width / 2 + BOUNDARY_LABEL_GAP : b.dx - EVENT_SIZE.width / 2 - BOUNDARY_LABEL_GAP - label.textWidth;
  return { x: glyphX - Math.max((label.width - label.textWidth) / 2, 0), y: host.height / 2 + BOUNDARY_LABEL_GAP };
}

/** Everything drawn in a node's cell, relative to its centre: shape, labels, boundary events and their labels. */
function contentRects(content: CellContent): Rect[] {
  const { size } = content;
  const rects: Rect[] = [{ x: -size.width / 2, y: -size.height / 2, width: size.width, height: size.height }];
  if (content.label && content.labelAt) rects.push(labelGlyphs(content.labelAt, content.label));
  for (const b of content.boundary) {
    rects.push({ x: b.dx - EVENT_SIZE.width / 2, y: size.height / 2 - EVENT_SIZE.height / 2, width: EVENT_SIZE.width, height: EVENT_SIZE.height + BOUNDARY_DROP });
    if (b.label) rects.push(labelGlyphs(boundaryLabelAt(b, size), b.label));
  }
  return rects;
}

function extent(rects: Rect[]): { left: number; right: number; up: number; down: number } {
  return {
    left: Math.max(...rects.map((r) => -r.x)),
    right: Math.max(...rects.map((r) => r.x + r.width)),
    up: Math.max(...rects.map((r) => -r.y)),
    down: Math.max(...rects.map((r) => r.y + r.height)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// the grid: lines and their coordinates

interface XLine {
  kind: 'gap' | 'inner';
  column: number;
  /** Offset from the column centre (inner lines). */
  dx: number;
}

interface YLine {
  kind: 'channel' | 'row';
  lane: number;
  /** Row index, or channel slot (slot k lies above row k; slot rows[lane] below the last row). */
  index: number;
}

interface GridStructure {
  xLines: XLine[];
  yLines: YLine[];
  /** Index of the gap line left of each column (and right of the last: index `columns`). */
  gapLine: number[];
  centerLine: number[];
  rowLine: number[][];
  channelLine: number[][];
}

function gridStructure(graph: FlowGraph, placement: GridPlacement, contents: Map<string, CellContent>): GridStructure {
  const inner: number[][] = Array.from({ length: placement.columns }, () => [0]);
  for (const content of contents.values()) {
    const c = placement.cells.get(content.node.id)!.column;
    for (const b of content.boundary) if (!inner[c].includes(b.dx)) inner[c].push(b.dx);
  }
  const xLines: XLine[] = [];
  const gapLine: number[] = [];
  const centerLine: number[] = [];
  for (let c = 0; c < placement.columns; c++) {
    gapLine.push(xLines.length);
    xLines.push({ kind: 'gap', column: c, dx: 0 });
    for (const dx of inner[c].sort((a, b) => a - b)) {
      if (dx === 0) centerLine.push(xLines.length);
      xLines.push({ kind: 'inner', column: c, dx });
    }
  }
  gapLine.push(xLines.length);
  xLines.push({ kind: 'gap', column: placement.columns, dx: 0 });

  const yLines: YLine[] = [];
  const rowLine: number[][] = [];
  const channelLine: number[][] = [];
  const laneCount = Math.max(1, graph.lanes.length);
  for (let lane = 0; lane < laneCount; lane++) {
    rowLine.push([]);
    channelLine.push([]);
    for (let row = 0; row <= placement.rows[lane]; row++) {
      channelLine[lane].push(yLines.length);
      yLines.push({ kind: 'channel', lane, index: row });
      if (row === placement.rows[lane]) break;
      rowLine[lane].push(yLines.length);
      yLines.push({ kind: 'row', lane, index: row });
    }
  }
  return { xLines, yLines, gapLine, centerLine, rowLine, channelLine };
}

function emptyTracks(structure: GridStructure): Tracks {
  return { runs: [], xTracks: structure.xLines.map(() => 0), yTracks: structure.yLines.map(() => 0) };
}

interface Coordinates {
  xs: number[];
  ys: number[];
  columnX: number[];
  rowY: number[][];
  laneTop: number[];
  laneHeight: number[];
  left: number;
  right: number;
}

function coordinates(
  graph: FlowGraph,
  placement: GridPlacement,
  contents: Map<string, CellContent>,
  structure: GridStructure,
  tracks: Tracks,
  extraGap: Map<number, number>,
): Coordinates {
  const laneCount = Math.max(1, graph.lanes.length);
  // column extents and row extents from the cells' contents
  const colLeft = Array.from({ length: placement.columns }, () => COLUMN_PAD);
  const colRight = Array.from({ length: placement.columns }, () => COLUMN_PAD);
  const rowUp = placement.rows.map((n) => Array.from({ length: n }, () => ROW_PAD + 6));
  const rowDown = placement.rows.map((n) => Array.from({ length: n }, () => ROW_PAD + 6));
  for (const content of contents.values()) {
    const cell = placement.cells.get(content.node.id)!;
    const e = extent(contentRects(content));
    colLeft[cell.column] = Math.max(colLeft[cell.column], e.left + COLUMN_PAD);
    colRight[cell.column] = Math.max(colRight[cell.column], e.right + COLUMN_PAD);
    rowUp[cell.lane][cell.row] = Math.max(rowUp[cell.lane][cell.row], e.up + ROW_PAD);
    rowDown[cell.lane][cell.row] = Math.max(rowDown[cell.lane][cell.row], e.down + ROW_PAD);
  }
  // inner lines must stay inside their column
  structure.xLines.forEach((line) => {
    if (line.kind !== 'inner') return;
    colLeft[line.column] = Math.max(colLeft[line.column], -line.dx + COLUMN_PAD);
    colRight[line.column] = Math.max(colRight[line.column], line.dx + COLUMN_PAD);
  });

  const pool = graph.participant !== undefined;
  const lanes = graph.lanes.length > 0;
  const left = ORIGIN.x + (pool ? HEADER : 0) + (lanes ? HEADER : 0);
  const xs = structure.xLines.map(() => 0);
  const columnX: number[] = [];
  let cursor = left;
  for (let c = 0; c <= placement.columns; c++) {
    const gap = structure.gapLine[c];
    const width = Math.max(MIN_GAP, (tracks.xTracks[gap] + 1) * TRACK_SPACING) + (extraGap.get(c) ?? 0);
    xs[gap] = cursor + width / 2;
    cursor += width;
    if (c === placement.columns) break;
    const center = cursor + colLeft[c];
    columnX.push(center);
    structure.xLines.forEach((line, i) => {
      if (line.kind === 'inner' && line.column === c) xs[i] = center + line.dx;
    });
    cursor = center + colRight[c];
  }
  const right = cursor;

  const ys = structure.yLines.map(() => 0);
  const rowY: number[][] = [];
  const laneTop: number[] = [];
  const laneHeight: number[] = [];
  let top = ORIGIN.y;
  for (let lane = 0; lane < laneCount; lane++) {
    const channelHeight = (slot: number) => {
      const line = structure.channelLine[lane][slot];
      const edge = slot === 0 || slot === placement.rows[lane];
      return Math.max(edge ? LANE_EDGE_CHANNEL : MIN_CHANNEL, (tracks.yTracks[line] + 1) * TRACK_SPACING);
    };
    let content = 0;
    for (let slot = 0; slot <= placement.rows[lane]; slot++) {
      content += channelHeight(slot);
      if (slot < placement.rows[lane]) content += rowUp[lane][slot] + rowDown[lane][slot];
    }
    const name = graph.lanes[lane]?.name;
    // a whole number of pixels (the DI is written in whole pixels), at which the name wraps as measured
    let height = Math.ceil(Math.max(content, laneHeightForName(name), 60));
    while (!nameFits(name, height)) height++;
    const extra = height - content;
    laneTop.push(top);
    rowY.push([]);
    let y = top;
    for (let slot = 0; slot <= placement.rows[lane]; slot++) {
      const h = channelHeight(slot) + (slot === 0 || slot === placement.rows[lane] ? extra / 2 : 0);
      ys[structure.channelLine[lane][slot]] = y + h / 2;
      y += h;
      if (slot === placement.rows[lane]) break;
      const axis = y + rowUp[lane][slot];
      ys[structure.rowLine[lane][slot]] = axis;
      rowY[lane].push(axis);
      y = axis + rowDown[lane][slot];
    }
    laneHeight.push(y - top);
    top = y;
  }
  // a pool's name needs its height too: give the last lane what is missing
  const poolName = graph.participant?.name;
  const last = laneCount - 1;
  let total = top - ORIGIN.y;
  if (pool && laneHeightForName(poolName) > total) {
    laneHeight[last] += laneHeightForName(poolName) - total;
    total = laneHeightForName(poolName);
  }
  while (pool && (!nameFits(poolName, total) || !nameFits(graph.lanes[last]?.name, laneHeight[last]))) {
    laneHeight[last]++;
    total++;
  }
  return { xs, ys, columnX, rowY, laneTop, laneHeight, left, right };
}

// ---------------------------------------------------------------------------------------------------------------
// routing

function routerInput(
  graph: FlowGraph,
  placement: GridPlacement,
  contents: Map<string, CellContent>,
  structure: GridStructure,
  at: Coordinates,
  nodes: Map<string, GraphNode>,
): { grid: RouterGrid; nodes: Map<string, RouterNode>; flows: RouterFlow[] } {
  const obstacles: { owner: string; rect: Rect }[] = [];
  for (const content of contents.values()) {
    const cell = placement.cells.get(content.node.id)!;
    const cx = at.columnX[cell.column];
    const cy = at.rowY[cell.lane][cell.row];
    for (const r of contentRects(content)) {
      obstacles.push({
        owner: content.node.id,
        rect: { x: cx + r.x - OBSTACLE_MARGIN, y: cy + r.y - OBSTACLE_MARGIN, width: r.width + 2 * OBSTACLE_MARGIN, height: r.height + 2 * OBSTACLE_MARGIN },
      });
    }
  }
  const blockedBy = new Map<string, string[]>();
  const { xs, ys } = at;
  const block = (key: string, owner: string) => {
    const list = blockedBy.get(key) ?? [];
    if (!list.includes(owner)) list.push(owner);
    blockedBy.set(key, list);
  };
  for (const { owner, rect } of obstacles) {
    for (let j = 0; j < ys.length; j++) {
      if (!(ys[j] > rect.y && ys[j] < rect.y + rect.height)) continue;
      for (let i = 0; i + 1 < xs.length; i++) if (xs[i + 1] > rect.x && xs[i] < rect.x + rect.width) block(`h ${i} ${j}`, owner);
    }
    for (let i = 0; i < xs.length; i++) {
      if (!(xs[i] > rect.x && xs[i] < rect.x + rect.width)) continue;
      for (let j = 0; j + 1 < ys.length; j++) if (ys[j + 1] > rect.y && ys[j] < rect.y + rect.height) block(`v ${i} ${j}`, owner);
    }
  }
  const grid: RouterGrid = {
    xs,
    ys,
    xShared: structure.xLines.map((l) => l.kind === 'gap'),
    yShared: structure.yLines.map((l) => l.kind === 'channel'),
    blockedBy,
  };

  const routerNodes = new Map<string, RouterNode>();
  for (const content of contents.values()) {
    const { node } = content;
    const cell = placement.cells.get(node.id)!;
    const hasBottom = content.boundary.length > 0 || !!node.marker;
    const ports = PORTS[node.kind];
    routerNodes.set(node.id, {
      id: node.id,
      center: { i: structure.centerLine[cell.column], j: structure.rowLine[cell.lane][cell.row] },
      exits: ports.exits.filter((p) => !(hasBottom && p.side === 1)),
      entries: ports.entries.filter((p) => !(hasBottom && p.side === 1)),
    });
  }
  // boundary events leave their host's cell downwards: their flows start on the channel under the host's row
  const boundaryStart = new Map<string, { i: number; j: number }>();
  for (const content of contents.values()) {
    const cell = placement.cells.get(content.node.id)!;
    for (const b of content.boundary) {
      const i = structure.xLines.findIndex((l) => l.kind === 'inner' && l.column === cell.column && l.dx === b.dx);
      boundaryStart.set(b.node.id, { i, j: structure.channelLine[cell.lane][cell.row + 1] });
      routerNodes.set(b.node.id, { id: b.node.id, center: { i, j: structure.rowLine[cell.lane][cell.row] }, exits: [], entries: [] });
    }
  }
  const column = (id: string) => placement.cells.get(anchorOf(id, nodes))!.column;
  const flows: RouterFlow[] = graph.flows
    .map((flow, order) => ({ flow, order }))
    .sort((a, b) => {
      const back = Number(placement.backEdges.has(a.flow.id)) - Number(placement.backEdges.has(b.flow.id));
      const span = (f: GraphFlow) => Math.abs(column(f.target) - column(f.source));
      return back || span(a.flow) - span(b.flow) || column(a.flow.source) - column(b.flow.source) || a.order - b.order;
    })
    .map(({ flow }) => ({
      id: flow.id,
      source: flow.source,
      target: flow.target,
      ...(boundaryStart.has(flow.source) ? { start: boundaryStart.get(flow.source)! } : {}),
    }));
  return { grid, nodes: routerNodes, flows };
}

/** Sides a flow may leave or enter a node by, with their cost (east 0, south 1, west 2, north 3). */
const PORTS: Record<ShapeKind, { exits: { side: Dir; cost: number }[]; entries: { side: Dir; cost: number }[] }> = {
  task: {
    exits: [{ side: 0, cost: 0 }, { side: 3, cost: 30 }, { side: 1, cost: 30 }, { side: 2, cost: 300 }],
    entries: [{ side: 2, cost: 0 }, { side: 3, cost: 20 }, { side: 1, cost: 20 }, { side: 0, cost: 300 }],
  },
  gateway: {
    exits: [{ side: 0, cost: 0 }, { side: 3, cost: 0 }, { side: 1, cost: 0 }, { side: 2, cost: 300 }],
    entries: [{ side: 2, cost: 0 }, { side: 3, cost: 0 }, { side: 1, cost: 0 }, { side: 0, cost: 300 }],
  },
  // an event's label is below it
  event: {
    exits: [{ side: 0, cost: 0 }, { side: 3, cost: 40 }, { side: 2, cost: 300 }],
    entries: [{ side: 2, cost: 0 }, { side: 3, cost: 20 }, { side: 0, cost: 300 }],
  },
};

/** A gateway's label goes where no flow leaves or enters: above, below, else above on the left. */
function placeGatewayLabels(graph: FlowGraph, contents: Map<string, CellContent>, routed: RoutedFlow[], flows: RouterFlow[]): void {
  const sides = new Map<string, Set<Dir>>();
  routed.forEach((path, k) => {
    const flow = flows[k];
    if (!flow.start) (sides.get(flow.source) ?? sides.set(flow.source, new Set()).get(flow.source)!).add(path.exit);
    (sides.get(flow.target) ?? sides.set(flow.target, new Set()).get(flow.target)!).add(path.entry);
  });
  for (const node of graph.nodes) {
    const content = contents.get(node.id);
    if (!content || node.kind !== 'gateway' || !content.label) continue;
    const used = sides.get(node.id) ?? new Set<Dir>();
    const label = content.label;
    const half = GATEWAY_SIZE.height / 2;
    const glyphs = labelGlyphs({ x: 0, y: 0 }, label);
    let glyphAt: Point;
    if (!used.has(3)) glyphAt = { x: -label.textWidth / 2, y: -half - 4 - glyphs.height };
    else if (!used.has(1)) glyphAt = { x: -label.textWidth / 2, y: half + 4 };
    else glyphAt = { x: -8 - label.textWidth, y: -19 - glyphs.height };
    content.labelAt = { x: glyphAt.x - glyphs.x, y: glyphAt.y - glyphs.y };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// the drawing

function drawing(
  graph: FlowGraph,
  routing: Routing,
  extraGap: Map<number, number>,
  nodes: Map<string, GraphNode>,
  withFlowLabels: boolean,
): { layout: DiagramLayout; unplaced: string[] } {
  const { placement, contents, structure, tracks, routed } = routing;
  const at = coordinates(graph, placement, contents, structure, tracks, extraGap);
  const shapes = new Map<string, ShapeLayout>();
  const centerOf = new Map<string, Point>();
  for (const content of contents.values()) {
    const cell = placement.cells.get(content.node.id)!;
    const cx = at.columnX[cell.column];
    const cy = at.rowY[cell.lane][cell.row];
    const { size } = content;
    centerOf.set(content.node.id, { x: cx, y: cy });
    const label = content.label && content.labelAt ? { x: cx + content.labelAt.x, y: cy + content.labelAt.y, width: content.label.width, height: content.label.height } : undefined;
    shapes.set(content.node.id, {
      id: content.node.id,
      kind: content.node.kind,
      bounds: { x: cx - size.width / 2, y: cy - size.height / 2, ...size },
      ...(label ? { label } : {}),
    });
    for (const b of content.boundary) {
      const ex = cx + b.dx;
      const ey = cy + size.height / 2;
      centerOf.set(b.node.id, { x: ex, y: ey });
      const labelAt = b.label ? boundaryLabelAt(b, size) : undefined;
      shapes.set(b.node.id, {
        id: b.node.id,
        kind: 'event',
        bounds: { x: ex - EVENT_SIZE.width / 2, y: ey - EVENT_SIZE.height / 2, ...EVENT_SIZE },
        ...(labelAt ? { label: { x: cx + labelAt.x, y: cy + labelAt.y, width: b.label!.width, height: b.label!.height } } : {}),
      });
    }
  }

  const runsOf = new Map<string, Tracks['runs']>();
  for (const run of tracks.runs) (runsOf.get(run.flow) ?? runsOf.set(run.flow, []).get(run.flow)!).push(run);
  const edges = new Map<string, EdgeLayout>();
  for (const path of routed) {
    const flow = graph.flows.find((f) => f.id === path.id)!;
    const source = shapes.get(flow.source)!.bounds;
    const target = shapes.get(flow.target)!.bounds;
    const offsets = path.points.map(() => ({ dx: 0, dy: 0 }));
    for (const run of runsOf.get(path.id) ?? []) {
      for (let k = run.first; k <= run.last; k++) {
        if (run.axis === 'x') offsets[k].dx = run.offset;
        else offsets[k].dy = run.offset;
      }
    }
    const inner = path.points.map((p, k) => ({ x: at.xs[p.i] + offsets[k].dx, y: at.ys[p.j] + offsets[k].dy }));
    const waypoints = simplify([port(source, path.exit), ...inner, port(target, path.entry)]);
    edges.set(path.id, { id: path.id, waypoints });
  }

  // flow labels, in the graph's order, each where it touches nothing drawn so far
  const taken: Rect[] = [];
  for (const shape of shapes.values()) {
    taken.push(grow(shape.bounds, 3));
    if (shape.label) taken.push(grow(glyphsOf(shape, contents, nodes), 2));
  }
  const segments = [...edges.values()].flatMap((edge) => edge.waypoints.slice(1).map((p, k) => [edge.waypoints[k], p] as [Point, Point]));
  const laneBands = graph.lanes.map((_, lane) => ({
    x: at.left,
    y: at.laneTop[lane],
    width: at.right - at.left,
    height: at.laneHeight[lane],
  }));
  const inside = laneBands.length > 0 ? laneBands : [{ x: at.left, y: ORIGIN.y, width: at.right - at.left, height: 1e6 }];
  const unplaced: string[] = [];
  for (const flow of graph.flows) {
    if (!flow.name || !withFlowLabels) continue;
    const edge = edges.get(flow.id)!;
    const label = externalLabel(flow.name, LABEL_MAX_WIDTH.flow);
    const glyphs = labelGlyphs({ x: 0, y: 0 }, label);
    const free = (box: Rect) =>
      inside.some((band) => contains(band, grow(box, 2))) &&
      !taken.some((t) => overlaps(t, box)) &&
      !segments.some(([a, b]) => segmentMeets(a, b, grow(box, 3)));
    const siblings = graph.flows.filter((f) => f !== flow && f.source === flow.source).map((f) => edges.get(f.id)!.waypoints);
    const candidates = flowLabelCandidates(ownPath(edge.waypoints, siblings), glyphs.width, glyphs.height);
    const chosen = candidates.find(free);
    if (!chosen) unplaced.push(flow.id);
    const box = chosen ?? candidates[0];
    taken.push(grow(box, 2));
    edge.label = { x: Math.round(box.x - glyphs.x), y: Math.round(box.y - glyphs.y), width: label.width, height: label.height };
  }

  const pool = graph.participant !== undefined;
  const poolX = ORIGIN.x;
  const laneX = poolX + (pool ? HEADER : 0);
  const bottom = at.laneTop[at.laneTop.length - 1] + at.laneHeight[at.laneHeight.length - 1];
  return {
    layout: {
      planeElement: graph.participant?.collaborationId ?? graph.processId,
      ...(graph.participant ? { pool: { id: graph.participant.id, bounds: { x: poolX, y: ORIGIN.y, width: at.right - poolX, height: bottom - ORIGIN.y } } } : {}),
      lanes: graph.lanes.map((lane, index) => ({
        id: lane.id,
        bounds: { x: laneX, y: at.laneTop[index], width: at.right - laneX, height: at.laneHeight[index] },
      })),
      shapes: graph.nodes.map((node) => shapes.get(node.id)!),
      edges: graph.flows.map((flow) => edges.get(flow.id)!),
    },
    unplaced,
  };
}

/** The glyph box of a shape's external label. */
function glyphsOf(shape: ShapeLayout, contents: Map<string, CellContent>, nodes: Map<string, GraphNode>): Rect {
  const node = nodes.get(shape.id)!;
  const host = node.attachedTo ? contents.get(node.attachedTo) : undefined;
  const block = host ? host.boundary.find((b) => b.node.id === node.id)!.label! : contents.get(node.id)!.label!;
  return labelGlyphs(shape.label!, block);
}

/**
 * Places for a flow's label, best first: along each of its first three segments in turn, next to where the
 * segment begins (above or below a horizontal one, right or left of a vertical one), then next to where it ends.
 */
function flowLabelCandidates(points: Point[], width: number, height: number): Rect[] {
  const starts: Rect[] = [];
  const ends: Rect[] = [];
  for (let k = 0; k + 1 < points.length && k < 3; k++) {
    const [a, b] = [points[k], points[k + 1]];
    if (a.y === b.y) {
      const rightward = b.x > a.x;
      const startX = rightward ? a.x + 6 : a.x - 6 - width;
      const endX = rightward ? b.x - 6 - width : b.x + 6;
      starts.push({ x: startX, y: a.y - 4 - height, width, height }, { x: startX, y: a.y + 4, width, height });
      ends.push({ x: endX, y: a.y - 4 - height, width, height }, { x: endX, y: a.y + 4, width, height });
    } else {
      const downward = b.y > a.y;
      const startY = downward ? a.y + 12 : a.y - 12 - height;
      const endY = downward ? b.y - 6 - height : b.y + 6;
      starts.push({ x: a.x + 5, y: startY, width, height }, { x: a.x - 5 - width, y: startY, width, height });
      ends.push({ x: a.x + 5, y: endY, width, height }, { x: a.x - 5 - width, y: endY, width, height });
    }
  }
  return [...starts, ...ends];
}

/**
 * The part of a flow's path after the stretch it shares with other flows from the same source (they leave by the
 * same side and split further on): a label there names this flow only.
 */
function ownPath(points: Point[], siblings: Point[][]): Point[] {
  let start = points[0];
  for (let k = 0; k + 1 < points.length; k++) {
    const b = points[k + 1];
    let covered = start;
    for (const sibling of siblings) {
      for (let m = 0; m + 1 < sibling.length; m++) {
        const [c, d] = [sibling[m], sibling[m + 1]];
        const horizontal = start.y === b.y && c.y === d.y && c.y === start.y;
        const vertical = start.x === b.x && c.x === d.x && c.x === start.x;
        if (!horizontal && !vertical) continue;
        const along = (p: Point) => (horizontal ? (p.x - start.x) * Math.sign(b.x - start.x) : (p.y - start.y) * Math.sign(b.y - start.y));
        const [lo, hi] = [Math.min(along(c), along(d)), Math.max(along(c), along(d))];
        if (lo > 0 || hi <= along(covered)) continue;
        const reach = Math.min(hi, along(b));
        covered = horizontal ? { x: start.x + reach * Math.sign(b.x - start.x), y: start.y } : { x: start.x, y: start.y + reach * Math.sign(b.y - start.y) };
      }
    }
    if (covered.x === b.x && covered.y === b.y) {
      start = b;
      continue;
    }
    return [covered, ...points.slice(k + 1)];
  }
  return points;
}

/** Where a flow leaves or enters a shape's border on one side (the middle of that side; a vertex of a diamond). */
function port(box: Bounds, side: Dir): Point {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  switch (side) {
    case 0:
      return { x: box.x + box.width, y: cy };
    case 1:
      return { x: cx, y: box.y + box.height };
    case 2:
      return { x: box.x, y: cy };
    default:
      return { x: cx, y: box.y };
  }
}

/** Rounds to whole pixels and drops repeated points and the middle points of straight runs. */
function simplify(points: Point[]): Point[] {
  const rounded = points.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }));
  const unique = rounded.filter((p, i) => i === 0 || p.x !== rounded[i - 1].x || p.y !== rounded[i - 1].y);
  return unique.filter((p, i) => {
    if (i === 0 || i === unique.length - 1) return true;
    const [a, b] = [unique[i - 1], unique[i + 1]];
    return !((a.x === p.x && p.x === b.x) || (a.y === p.y && p.y === b.y));
  });
}

function grow(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function contains(outer: Rect, r: Rect): boolean {
  return r.x >= outer.x && r.y >= outer.y && r.x + r.width <= outer.x + outer.width && r.y + r.height <= outer.y + outer.height;
}

/** Whether an axis-parallel segment meets the inside of a box. */
function segmentMeets(a: Point, b: Point, box: Rect): boolean {
  const [x1, x2] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [y1, y2] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return x2 >= box.x && x1 <= box.x + box.width && y2 >= box.y && y1 <= box.y + box.height && !(x2 === box.x || x1 === box.x + box.width) && !(y2 === box.y || y1 === box.y + box.height);
}


