/**
 * Readability figures of a drawn diagram, from the geometry bpmn-js drew (scripts/render/bpmn-renderer.ts
 * `measure`): the DI's shapes and waypoints and the glyph boxes of every label line as Chromium laid them out.
 *
 * - overflowing labels: a task's name that leaves its box (2 px inside the border) or runs into its type icon, a
 *   boundary event or another shape; a lane's or pool's name that leaves its header; a name drawn outside a shape
 *   (event, gateway, flow) that touches a flow node, another label, or a lane or pool border or header;
 * - edges through shapes: flows whose path runs through the inside of a flow node (their own source and target
 *   included) or a lane or pool header;
 * - crossings: points where two flows cross or one ends on the other (flows that start together at their common
 *   source or end together at their common target do not cross there);
 * - edge overlaps: stretches where two flows run on top of each other, except from a common source or into a
 *   common target;
 * - labels on edges: external labels a flow runs through.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MeasuredShape {
  id: string;
  /** BPMN type without prefix, e.g. `UserTask`. */
  type: string;
  bounds: Box;
  /** For a boundary event, the activity it is attached to. */
  host?: string;
}

export interface MeasuredLabel {
  owner: string;
  /** Drawn inside its owner's shape (task names) rather than beside it. */
  embedded: boolean;
  /** One glyph box per drawn line, with the line's text. */
  lines: (Box & { text?: string })[];
}

export interface MeasuredEdge {
  id: string;
  source: string;
  target: string;
  waypoints: Point[];
}

export interface MeasuredContainer {
  id: string;
  type: 'Participant' | 'Lane';
  bounds: Box;
  /** The strip on the left that holds the vertical name. */
  header: Box;
}

export interface MeasuredDiagram {
  shapes: MeasuredShape[];
  containers: MeasuredContainer[];
  edges: MeasuredEdge[];
  labels: MeasuredLabel[];
  /** Task type icons (user, service …), by task. */
  icons: { owner: string; box: Box }[];
}

export interface DiagramQuality {
  overflowingLabels: number;
  edgesThroughShapes: number;
  crossings: number;
  edgeOverlaps: number;
  labelsOnEdges: number;
  /** One line per finding, for people fixing a diagram. */
  problems: string[];
}

export function diagramQuality(diagram: MeasuredDiagram): DiagramQuality {
  const problems: string[] = [];
  const overflowing = overflowingLabels(diagram, problems);
  const through = edgesThroughShapes(diagram, problems);
  const { crossings, overlaps } = edgeCrossings(diagram, problems);
  const onEdges = labelsOnEdges(diagram, problems);
  return { overflowingLabels: overflowing, edgesThroughShapes: through, crossings, edgeOverlaps: overlaps, labelsOnEdges: onEdges, problems };
}

/** Crossings and overlapping stretches among flows (the layout's own search counts them the same way). */
export function flowCrossings(edges: MeasuredEdge[]): { crossings: number; overlaps: number } {
  return edgeCrossings({ shapes: [], containers: [], edges, labels: [], icons: [] }, []);
}

// helpers

/** How far inside its task's border a task name must stay (bpmn-js pads it by 7 px). */
const TASK_TEXT_INSET = 2;
/** Shape interiors are shrunk by this much, so touching a border is not running through it. */
const TOUCH = 1;

function overflowingLabels(diagram: MeasuredDiagram, problems: string[]): number {
  const shapes = new Map(diagram.shapes.map((s) => [s.id, s]));
  const containers = new Map(diagram.containers.map((c) => [c.id, c]));
  const labelBoxes = diagram.labels.map((label) => ({ label, box: union(label.lines) })).filter((l) => l.box);
  let count = 0;
  for (const { label, box } of labelBoxes) {
    const own = shapes.get(label.owner);
    const reasons: string[] = [];
    const container = containers.get(label.owner);
    if (container) {
      if (!inside(box!, inset(container.header, 0))) reasons.push('leaves its header');
      if (reasons.length > 0) {
        count++;
        problems.push(`label of ${label.owner} ${reasons.join(', ')}`);
      }
      continue;
    }
    if (label.embedded && own) {
      if (!inside(box!, inset(own.bounds, TASK_TEXT_INSET))) reasons.push('leaves its box');
      for (const icon of diagram.icons) if (icon.owner === label.owner && label.lines.some((line) => overlaps(line, icon.box))) reasons.push('runs into its icon');
    }
    for (const shape of diagram.shapes) {
      if (label.embedded && shape.id === label.owner) continue;
      if (label.lines.some((line) => boxMeetsShape(line, shape))) reasons.push(`touches ${shape.id}`);
    }
    if (!label.embedded) {
      for (const other of labelBoxes) {
        if (other.label === label || other.label.embedded) continue;
        if (label.lines.some((line) => other.label.lines.some((o) => overlaps(line, o)))) reasons.push(`touches the label of ${other.label.owner}`);
      }
      for (const container of diagram.containers) {
        if (label.lines.some((line) => overlaps(line, container.header))) reasons.push(`touches the header of ${container.id}`);
        if (label.lines.some((line) => straddles(line, container.bounds))) reasons.push(`crosses the border of ${container.id}`);
      }
      if (diagram.containers.length > 0 && !diagram.containers.some((c) => inside(box!, c.bounds))) reasons.push('lies outside the pool');
    }
    if (reasons.length > 0) {
      count++;
      problems.push(`label of ${label.owner} ${[...new Set(reasons)].join(', ')}`);
    }
  }
  return count;
}

function edgesThroughShapes(diagram: MeasuredDiagram, problems: string[]): number {
  let count = 0;
  for (const edge of diagram.edges) {
    const hits = new Set<string>();
    for (const [a, b] of segments(edge.waypoints)) {
      for (const shape of diagram.shapes) if (segmentThroughShape(a, b, shape)) hits.add(shape.id);
      for (const container of diagram.containers) if (segmentMeetsBox(a, b, inset(container.header, TOUCH))) hits.add(`${container.id} header`);
    }
    if (hits.size > 0) {
      count++;
      problems.push(`flow ${edge.id} runs through ${[...hits].join(', ')}`);
    }
  }
  return count;
}

function edgeCrossings(diagram: MeasuredDiagram, problems: string[]): { crossings: number; overlaps: number } {
  let crossings = 0;
  let overlaps = 0;
  const edges = diagram.edges;
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const [e, f] = [edges[i], edges[j]];
      const stretches: [Point, Point][] = [];
      const points: Point[] = [];
      for (const [a, b] of segments(e.waypoints)) {
        for (const [c, d] of segments(f.waypoints)) {
          const collinear = collinearOverlap(a, b, c, d);
          if (collinear) stretches.push(collinear);
          else {
            const point = intersection(a, b, c, d);
            if (point) points.push(point);
          }
        }
      }
      const trunk = sharedTrunk(sharedEnds(e, f), stretches);
      const onTrunk = (p: Point) => trunk.some(([a, b]) => onSegment(p, a, b)) || sharedEnds(e, f).some((q) => same(p, q));
      const crossed = new Set(points.filter((p) => !onTrunk(p)).map((p) => `${Math.round(p.x)},${Math.round(p.y)}`));
      const overlap = stretches.some((s) => !trunk.includes(s));
      if (crossed.size > 0) problems.push(`flows ${e.id} and ${f.id} cross ${crossed.size}×`);
      if (overlap) problems.push(`flows ${e.id} and ${f.id} run on top of each other`);
      crossings += crossed.size;
      overlaps += overlap ? 1 : 0;
    }
  }
  return { crossings, overlaps };
}

/**
 * The stretches two flows share from their common source or into their common target: where they branch off or
 * join, they neither cross nor overlap.
 */
function sharedTrunk(ends: Point[], stretches: [Point, Point][]): [Point, Point][] {
  const reached = [...ends];
  const trunk: [Point, Point][] = [];
  for (let grown = true; grown; ) {
    grown = false;
    for (const stretch of stretches) {
      if (trunk.includes(stretch) || !stretch.some((p) => reached.some((q) => same(p, q)))) continue;
      trunk.push(stretch);
      reached.push(...stretch);
      grown = true;
    }
  }
  return trunk;
}

function labelsOnEdges(diagram: MeasuredDiagram, problems: string[]): number {
  let count = 0;
  for (const label of diagram.labels) {
    if (label.embedded) continue;
    const edges = diagram.edges.filter((edge) => segments(edge.waypoints).some(([a, b]) => label.lines.some((line) => segmentMeetsBox(a, b, line))));
    if (edges.length > 0) {
      count++;
      problems.push(`label of ${label.owner} lies on flow ${edges.map((e) => e.id).join(', ')}`);
    }
  }
  return count;
}

/** Where two flows legitimately meet: their common start, their common end. */
function sharedEnds(e: MeasuredEdge, f: MeasuredEdge): Point[] {
  const points: Point[] = [];
  if (e.source === f.source) points.push(e.waypoints[0], f.waypoints[0]);
  if (e.target === f.target) points.push(e.waypoints.at(-1)!, f.waypoints.at(-1)!);
  return points;
}

function segments(points: Point[]): [Point, Point][] {
  const result: [Point, Point][] = [];
  for (let i = 1; i < points.length; i++) if (!same(points[i - 1], points[i])) result.push([points[i - 1], points[i]]);
  return result;
}

/** The intersection point of two non-parallel segments (ends included), if any. */
function intersection(a: Point, b: Point, c: Point, d: Point): Point | undefined {
  const r = { x: b.x - a.x, y: b.y - a.y };
  const s = { x: d.x - c.x, y: d.y - c.y };
  const denominator = r.x * s.y - r.y * s.x;
  if (Math.abs(denominator) < 1e-9) return undefined;
  const t = ((c.x - a.x) * s.y - (c.y - a.y) * s.x) / denominator;
  const u = ((c.x - a.x) * r.y - (c.y - a.y) * r.x) / denominator;
  const eps = 1e-9;
  if (t < -eps || t > 1 + eps || u < -eps || u > 1 + eps) return undefined;
  return { x: a.x + t * r.x, y: a.y + t * r.y };
}

/** The ends of the common stretch of two collinear segments, when they share more than a point. */
function collinearOverlap(a: Point, b: Point, c: Point, d: Point): [Point, Point] | undefined {
  const r = { x: b.x - a.x, y: b.y - a.y };
  const cross = (p: Point) => r.x * (p.y - a.y) - r.y * (p.x - a.x);
  if (Math.abs(cross(c)) > 1e-6 || Math.abs(cross(d)) > 1e-6) return undefined;
  const length2 = r.x * r.x + r.y * r.y;
  const t = (p: Point) => ((p.x - a.x) * r.x + (p.y - a.y) * r.y) / length2;
  const [lo, hi] = [Math.max(0, Math.min(t(c), t(d))), Math.min(1, Math.max(t(c), t(d)))];
  if (hi - lo <= 1e-6) return undefined;
  return [{ x: a.x + lo * r.x, y: a.y + lo * r.y }, { x: a.x + hi * r.x, y: a.y + hi * r.y }];
}

function onSegment(p: Point, a: Point, b: Point): boolean {
  const cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  if (Math.abs(cross) / length > 0.5) return false;
  return p.x >= Math.min(a.x, b.x) - 0.5 && p.x <= Math.max(a.x, b.x) + 0.5 && p.y >= Math.min(a.y, b.y) - 0.5 && p.y <= Math.max(a.y, b.y) + 0.5;
}

function same(p: Point, q: Point): boolean {
  return Math.abs(p.x - q.x) < 0.5 && Math.abs(p.y - q.y) < 0.5;
}

/** Whether a segment runs through the inside of a flow node: a box for activities, a circle, a diamond. */
function segmentThroughShape(a: Point, b: Point, shape: MeasuredShape): boolean {
  const box = inset(shape.bounds, TOUCH);
  if (!segmentMeetsBox(a, b, box)) return false;
  const kind = shapeKind(shape.type);
  if (kind === 'box') return true;
  // sample the part of the segment inside the box: fine enough for shapes of at most 50 px
  const steps = 200;
  for (let i = 0; i <= steps; i++) {
    const p = { x: a.x + ((b.x - a.x) * i) / steps, y: a.y + ((b.y - a.y) * i) / steps };
    if (pointInShape(p, shape.bounds, kind, TOUCH)) return true;
  }
  return false;
}

function boxMeetsShape(box: Box, shape: MeasuredShape): boolean {
  if (!overlaps(box, shape.bounds)) return false;
  const kind = shapeKind(shape.type);
  if (kind === 'box') return true;
  const b = shape.bounds;
  const [cx, cy] = [b.x + b.width / 2, b.y + b.height / 2];
  // the point of the box nearest to the shape's centre decides for a circle; for a diamond, the nearest in L1
  const nx = Math.max(box.x, Math.min(cx, box.x + box.width));
  const ny = Math.max(box.y, Math.min(cy, box.y + box.height));
  return pointInShape({ x: nx, y: ny }, b, kind, 0);
}

function shapeKind(type: string): 'box' | 'circle' | 'diamond' {
  if (/Event$/.test(type)) return 'circle';
  if (/Gateway$/.test(type)) return 'diamond';
  return 'box';
}

function pointInShape(p: Point, b: Box, kind: 'box' | 'circle' | 'diamond', shrink: number): boolean {
  const [cx, cy] = [b.x + b.width / 2, b.y + b.height / 2];
  const [rx, ry] = [b.width / 2 - shrink, b.height / 2 - shrink];
  if (rx <= 0 || ry <= 0) return false;
  const [dx, dy] = [(p.x - cx) / rx, (p.y - cy) / ry];
  if (kind === 'circle') return dx * dx + dy * dy < 1;
  if (kind === 'diamond') return Math.abs(dx) + Math.abs(dy) < 1;
  return Math.abs(dx) < 1 && Math.abs(dy) < 1;
}

/** Whether a segment meets the inside of a box (open box: touching its border does not count). */
function segmentMeetsBox(a: Point, b: Point, box: Box): boolean {
  // Liang–Barsky clipping against the open box
  let [t0, t1] = [0, 1];
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  const checks: [number, number][] = [
    [-dx, a.x - box.x],
    [dx, box.x + box.width - a.x],
    [-dy, a.y - box.y],
    [dy, box.y + box.height - a.y],
  ];
  for (const [p, q] of checks) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  return t1 - t0 > 1e-9;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function inside(box: Box, outer: Box): boolean {
  return box.x >= outer.x && box.y >= outer.y && box.x + box.width <= outer.x + outer.width && box.y + box.height <= outer.y + outer.height;
}

/** Whether a box lies partly inside and partly outside another. */
function straddles(box: Box, outer: Box): boolean {
  return overlaps(box, outer) && !inside(box, outer);
}

function inset(box: Box, by: number): Box {
  return { x: box.x + by, y: box.y + by, width: box.width - 2 * by, height: box.height - 2 * by };
}

function union(boxes: Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return {
    x,
    y,
    width: Math.max(...boxes.map((b) => b.x + b.width)) - x,
    height: Math.max(...boxes.map((b) => b.y + b.height)) - y,
  };
}
