/**
 * Routes flows over a grid of vertical and horizontal lines (column centres, gaps between columns, lane rows,
 * channels between rows) with A*: each flow takes the cheapest path by length, bends, crossings with flows already
 * routed, and the cost of its ports; segments through a shape or its label are closed. Lines through cells carry
 * one flow each; gaps and channels carry several, later spread into parallel tracks
 * (scripts/layout/track-assignment.ts). Flows of one node may meet only where they leave or enter it, and never
 * leave and enter by the same side. After the first pass every flow is routed again against all the others
 * (rip-up and reroute), until nothing changes.
 *
 * Pure grid logic: coordinates are only used for lengths and to close segments.
 */

import { runsOf, unavoidableCrossings, type Run } from './track-assignment.js';

export type Dir = 0 | 1 | 2 | 3;
/** East, south, west, north: index steps along x and y. */
export const STEP: readonly { di: number; dj: number }[] = [
  { di: 1, dj: 0 },
  { di: 0, dj: 1 },
  { di: -1, dj: 0 },
  { di: 0, dj: -1 },
];
export const opposite = (d: Dir): Dir => ((d + 2) % 4) as Dir;

export interface GridPoint {
  i: number;
  j: number;
}

export interface RouterGrid {
  /** Coordinate of each vertical line (x) and horizontal line (y), ascending. */
  xs: number[];
  ys: number[];
  /** Lines between cells (gaps, channels) carry several flows; lines through cells one. */
  xShared: boolean[];
  yShared: boolean[];
  /** Owners (node ids) of the obstacles each segment runs through: `h i j` from (i,j) to (i+1,j), `v i j` down. */
  blockedBy: Map<string, string[]>;
}

export interface RouterNode {
  id: string;
  /** The grid point at its centre. */
  center: GridPoint;
  /** Ports it may be left or entered by, with their costs (side: the direction from the centre). */
  exits: { side: Dir; cost: number }[];
  entries: { side: Dir; cost: number }[];
}

export interface RouterFlow {
  id: string;
  source: string;
  target: string;
  /** A flow from a boundary event starts at this grid point going south (under its event), not at a port. */
  start?: GridPoint;
}

export interface RoutedFlow {
  id: string;
  /** Grid points from the first point outside the source to the last one outside the target. */
  points: GridPoint[];
  /** The source's side the flow leaves by (south for a boundary event), the target's side it enters by. */
  exit: Dir;
  entry: Dir;
}

export const COST = {
  bend: 40,
  crossing: 400,
  /** Two flows turning at the same point with no common direction: a near-touch the track order must separate. */
  touch: 30,
  /** A gap or channel segment another flow uses too. */
  share: 4,
  /** A port another flow of the same node leaves or enters by. */
  samePort: 120,
} as const;

export function routeFlows(grid: RouterGrid, nodes: Map<string, RouterNode>, flows: RouterFlow[], passes = 4): RoutedFlow[] {
  const router = new Router(grid, nodes, flows);
  const routed = new Map<string, RoutedFlow>();
  for (const flow of flows) {
    const path = router.route(flow);
    routed.set(flow.id, path);
    router.occupy(flow, path);
  }
  for (let pass = 1; pass < passes; pass++) {
    let changed = false;
    for (const flow of flows) {
      router.release(flow, routed.get(flow.id)!);
      const path = router.route(flow);
      if (JSON.stringify(path) !== JSON.stringify(routed.get(flow.id))) changed = true;
      routed.set(flow.id, path);
      router.occupy(flow, path);
    }
    if (!changed) break;
  }
  return flows.map((flow) => routed.get(flow.id)!);
}

// helpers

interface Usage {
  flow: RouterFlow;
  /** Bit set of the directions the flow takes from this point. */
  arms: number;
}

class Router {
  private readonly nx: number;
  private readonly ny: number;
  private readonly atPoint = new Map<number, Usage[]>();
  private readonly onSegment = new Map<string, RouterFlow[]>();
  private readonly portUse = new Map<string, { flow: RouterFlow; way: 'exit' | 'entry' }[]>();
  private readonly ends = new Map<string, Set<number>>();
  /** Runs of the routed flows on gaps and channels, by line (`x3`, `y7`). */
  private readonly runs = new Map<string, Run[]>();

  constructor(
    private readonly grid: RouterGrid,
    private readonly nodes: Map<string, RouterNode>,
    private readonly flows: RouterFlow[],
  ) {
    this.nx = grid.xs.length;
    this.ny = grid.ys.length;
  }

  route(flow: RouterFlow): RoutedFlow {
    const source = this.nodes.get(flow.source)!;
    const target = this.nodes.get(flow.target)!;
    const heap = new Heap();
    const best = new Map<number, number>();
    const parent = new Map<number, number>();
    const starts = new Map<number, Dir>();
    const push = (state: number, g: number, from: number) => {
      if ((best.get(state) ?? Infinity) <= g) return;
      best.set(state, g);
      parent.set(state, from);
      heap.push(state, g + this.estimate(state, target));
    };

    if (flow.start) {
      const state = this.state(flow.start, 1);
      starts.set(state, 1);
      push(state, 0, -1);
    } else {
      for (const exit of source.exits) {
        const run = this.portRun(source, exit.side);
        if (!run) continue;
        const state = this.state(run.end, exit.side);
        starts.set(state, exit.side);
        push(state, run.length + exit.cost + this.portCost(source, 'exit', exit.side, flow), -1);
      }
    }
    const goals = target.entries.flatMap((entry) => {
      const run = this.portRun(target, entry.side);
      return run ? [{ side: entry.side, point: run.end, cost: run.length + entry.cost + this.portCost(target, 'entry', entry.side, flow) }] : [];
    });

    const GOAL_BASE = this.nx * this.ny * 4;
    while (heap.size > 0) {
      const { state, priority } = heap.pop()!;
      if (state >= GOAL_BASE) return this.path(state - GOAL_BASE, parent, starts, goals, GOAL_BASE);
      const g = best.get(state)!;
      if (priority - this.estimate(state, target) > g + 1e-9) continue;
      const { point, dir } = this.decode(state);
      for (const [index, goal] of goals.entries()) {
        if (goal.point.i !== point.i || goal.point.j !== point.j) continue;
        const inward = opposite(goal.side);
        if (inward === opposite(dir)) continue;
        const turn = inward === dir ? 0 : COST.bend + this.runCost(state, inward, parent, flow);
        const cost = g + goal.cost + turn + this.pointCost(point, dir, inward, flow);
        const goalState = GOAL_BASE + index * this.nx * this.ny * 4 + state;
        if ((best.get(goalState) ?? Infinity) > cost) {
          best.set(goalState, cost);
          parent.set(goalState, state);
          heap.push(goalState, cost);
        }
      }
      for (const next of [0, 1, 2, 3] as Dir[]) {
        if (next === opposite(dir)) continue;
        const to = { i: point.i + STEP[next].di, j: point.j + STEP[next].dj };
        if (to.i < 0 || to.j < 0 || to.i >= this.nx || to.j >= this.ny) continue;
        const segment = segmentKey(point, next);
        if (this.grid.blockedBy.has(segment)) continue;
        const shared = this.isShared(point, next);
        const others = (this.onSegment.get(segment) ?? []).filter((f) => f !== flow);
        if (!shared && others.length > 0) continue;
        const cost =
          g +
          this.length(point, to) +
          (next === dir ? 0 : COST.bend + this.runCost(state, next, parent, flow)) +
          this.pointCost(point, dir, next, flow) +
          others.length * COST.share;
        push(this.state(to, next), cost, state);
      }
    }
    throw new Error(`no route for flow ${flow.id} from ${flow.source} to ${flow.target}`);
  }

  occupy(flow: RouterFlow, path: RoutedFlow): void {
    this.mark(flow, path, true);
    for (const run of runsOf({ ...path, id: flow.id })) {
      if (!(run.axis === 'x' ? this.grid.xShared[run.line] : this.grid.yShared[run.line])) continue;
      const key = `${run.axis}${run.line}`;
      this.runs.set(key, [...(this.runs.get(key) ?? []), run]);
    }
  }

  release(flow: RouterFlow, path: RoutedFlow): void {
    this.mark(flow, path, false);
    for (const [key, runs] of this.runs) this.runs.set(key, runs.filter((run) => run.flow !== flow.id));
  }

  /**
   * Turning off a gap or channel at the point of `state` towards `next`: the crossings the run that ends here
   * cannot avoid with the runs already on its line (it comes from one side and turns to the other while another
   * run spans both ends, say), whichever way the tracks are ordered later.
   */
  private runCost(state: number, next: Dir, parent: Map<number, number>, flow: RouterFlow): number {
    const { point: end, dir } = this.decode(state);
    const axis = dir % 2 === 1 ? 'x' : 'y';
    const line = axis === 'x' ? end.i : end.j;
    const others = (this.runs.get(`${axis}${line}`) ?? []).filter((run) => run.flow !== flow.id);
    if (others.length === 0) return 0;
    // walk back to where the run began and the way the flow came onto the line
    let current = state;
    let start: GridPoint;
    let before: Dir | undefined;
    for (;;) {
      const previous = parent.get(current)!;
      if (previous === -1) {
        start = this.decode(current).point;
        break;
      }
      const decoded = this.decode(previous);
      if (decoded.dir !== dir) {
        start = decoded.point;
        before = decoded.dir;
        break;
      }
      current = previous;
    }
    const sign = (d: Dir) => (d === 0 || d === 1 ? 1 : -1);
    const startTurn = before === undefined ? 0 : -sign(before);
    const endTurn = sign(next);
    const [a, b] = axis === 'x' ? [start.j, end.j] : [start.i, end.i];
    const run: Run = {
      flow: flow.id,
      axis,
      line,
      from: Math.min(a, b),
      to: Math.max(a, b),
      fromTurn: (a <= b ? startTurn : endTurn) as -1 | 0 | 1,
      toTurn: (a <= b ? endTurn : startTurn) as -1 | 0 | 1,
      first: 0,
      last: 0,
      offset: 0,
    };
    let crossings = 0;
    for (const other of others) if (other.to >= run.from && other.from <= run.to) crossings += unavoidableCrossings(run, other);
    return crossings * COST.crossing;
  }

  private mark(flow: RouterFlow, path: RoutedFlow, add: boolean): void {
    const points = path.points;
    const edit = <T>(map: Map<string | number, T[]>, key: string | number, value: T, match: (t: T) => boolean) => {
      const list = map.get(key) ?? [];
      if (add) list.push(value);
      else list.splice(list.findIndex(match), 1);
      if (list.length > 0) map.set(key, list);
      else map.delete(key);
    };
    points.forEach((point, k) => {
      const before = k > 0 ? direction(points[k - 1], point) : flow.start ? 1 : path.exit;
      const after = k < points.length - 1 ? direction(point, points[k + 1]) : opposite(path.entry);
      const arms = (1 << opposite(before)) | (1 << after);
      edit(this.atPoint as Map<string | number, Usage[]>, this.index(point), { flow, arms }, (u) => u.flow === flow);
      if (k < points.length - 1) edit(this.onSegment as Map<string | number, RouterFlow[]>, segmentKey(point, after), flow, (f) => f === flow);
    });
    type PortUse = { flow: RouterFlow; way: 'exit' | 'entry' };
    const ports = this.portUse as Map<string | number, PortUse[]>;
    if (!flow.start) edit(ports, `${flow.source} ${path.exit}`, { flow, way: 'exit' }, (u) => u.flow === flow && u.way === 'exit');
    edit(ports, `${flow.target} ${path.entry}`, { flow, way: 'entry' }, (u) => u.flow === flow && u.way === 'entry');
  }

  /** Crossing and touching costs of passing `point` coming along `dir` and leaving along `next`. */
  private pointCost(point: GridPoint, dir: Dir, next: Dir, flow: RouterFlow): number {
    const usages = this.atPoint.get(this.index(point));
    if (!usages) return 0;
    const arms = (1 << opposite(dir)) | (1 << next);
    let cost = 0;
    const index = this.index(point);
    for (const usage of usages) {
      if (usage.flow === flow) continue;
      const branching = usage.flow.source === flow.source && !flow.start && this.portEnds(flow.source).has(index);
      const joining = usage.flow.target === flow.target && this.portEnds(flow.target).has(index);
      if (branching || joining) continue;
      if (arms & usage.arms) continue;
      const straight = (a: number) => a === 0b0101 || a === 0b1010;
      cost += straight(arms) && straight(usage.arms) ? COST.crossing : COST.touch;
    }
    return cost;
  }

  /** A side already used the same way costs extra (the flows share a stretch); used the other way, it is closed. */
  private portCost(node: RouterNode, way: 'exit' | 'entry', side: Dir, flow: RouterFlow): number {
    const users = (this.portUse.get(`${node.id} ${side}`) ?? []).filter((u) => u.flow !== flow);
    if (users.some((u) => u.way !== way)) return Infinity;
    return users.length * COST.samePort;
  }

  /** The grid points where flows leave or enter a node (the ends of its port runs). */
  private portEnds(id: string): Set<number> {
    let ends = this.ends.get(id);
    if (!ends) {
      ends = new Set<number>();
      const node = this.nodes.get(id)!;
      for (const side of [0, 1, 2, 3] as Dir[]) {
        const run = this.portRun(node, side);
        if (run) ends.add(this.index(run.end));
      }
      this.ends.set(id, ends);
    }
    return ends;
  }

  /** The straight run from a node's centre out of its obstacle on one side, or undefined when closed. */
  private portRun(node: RouterNode, side: Dir): { end: GridPoint; length: number } | undefined {
    let point = node.center;
    let length = 0;
    for (;;) {
      const segment = segmentKey(point, side);
      const owners = this.grid.blockedBy.get(segment);
      const next = { i: point.i + STEP[side].di, j: point.j + STEP[side].dj };
      if (next.i < 0 || next.j < 0 || next.i >= this.nx || next.j >= this.ny) return undefined;
      length += this.length(point, next);
      point = next;
      if (!owners) return length === 0 ? undefined : { end: point, length };
      if (owners.some((owner) => owner !== node.id)) return undefined;
      // still inside the node's own obstacle: keep going while the next segment is also its own
      const ahead = this.grid.blockedBy.get(segmentKey(point, side));
      if (!ahead || !ahead.includes(node.id)) return { end: point, length };
    }
  }

  private path(goalIndexState: number, parent: Map<number, number>, starts: Map<number, Dir>, goals: { side: Dir; point: GridPoint }[], goalBase: number): RoutedFlow {
    const perGoal = this.nx * this.ny * 4;
    const goal = goals[Math.floor(goalIndexState / perGoal)];
    let state = parent.get(goalIndexState + goalBase)!;
    const points: GridPoint[] = [];
    let first = state;
    while (state !== -1) {
      points.push(this.decode(state).point);
      first = state;
      state = parent.get(state)!;
    }
    points.reverse();
    return { id: '', points, exit: starts.get(first)!, entry: goal.side };
  }

  private isShared(point: GridPoint, dir: Dir): boolean {
    return dir % 2 === 0 ? this.grid.yShared[point.j] : this.grid.xShared[point.i];
  }

  private length(a: GridPoint, b: GridPoint): number {
    return Math.abs(this.grid.xs[a.i] - this.grid.xs[b.i]) + Math.abs(this.grid.ys[a.j] - this.grid.ys[b.j]);
  }

  private estimate(state: number, target: RouterNode): number {
    if (state >= this.nx * this.ny * 4) return 0;
    const { point } = this.decode(state);
    return this.length(point, target.center) * 0.5;
  }

  private index(point: GridPoint): number {
    return point.j * this.nx + point.i;
  }

  private state(point: GridPoint, dir: Dir): number {
    return this.index(point) * 4 + dir;
  }

  private decode(state: number): { point: GridPoint; dir: Dir } {
    const index = Math.floor(state / 4);
    return { point: { i: index % this.nx, j: Math.floor(index / this.nx) }, dir: (state % 4) as Dir };
  }
}

export function segmentKey(point: GridPoint, dir: Dir): string {
  switch (dir) {
    case 0:
      return `h ${point.i} ${point.j}`;
    case 2:
      return `h ${point.i - 1} ${point.j}`;
    case 1:
      return `v ${point.i} ${point.j}`;
    default:
      return `v ${point.i} ${point.j - 1}`;
  }
}

export function direction(a: GridPoint, b: GridPoint): Dir {
  if (b.i > a.i) return 0;
  if (b.i < a.i) return 2;
  if (b.j > a.j) return 1;
  return 3;
}

/** A binary min-heap of states by priority; ties by state number, so the search is deterministic. */
class Heap {
  private readonly items: { state: number; priority: number }[] = [];

  get size(): number {
    return this.items.length;
  }

  push(state: number, priority: number): void {
    const items = this.items;
    items.push({ state, priority });
    let k = items.length - 1;
    while (k > 0) {
      const up = (k - 1) >> 1;
      if (!less(items[k], items[up])) break;
      [items[k], items[up]] = [items[up], items[k]];
      k = up;
    }
  }

  pop(): { state: number; priority: number } | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let k = 0;
      for (;;) {
        const [l, r] = [2 * k + 1, 2 * k + 2];
        let m = k;
        if (l < items.length && less(items[l], items[m])) m = l;
        if (r < items.length && less(items[r], items[m])) m = r;
        if (m === k) break;
        [items[k], items[m]] = [items[m], items[k]];
        k = m;
      }
    }
    return top;
  }
}

function less(a: { state: number; priority: number }, b: { state: number; priority: number }): boolean {
  return a.priority < b.priority - 1e-9 || (Math.abs(a.priority - b.priority) <= 1e-9 && a.state < b.state);
}
