/**
 * Spreads flows that share a gap or a channel of the routing grid into parallel tracks (nudging). On each shared
 * line, the straight runs of different flows that overlap (touching counts) form a bundle; the runs of a bundle
 * are ordered so that as few flows as possible cross inside it — a run that turns off towards one side must lie
 * on that side of every run it would otherwise cut — and spaced `spacing` apart around the line.
 *
 * A bundle of up to seven runs is ordered exactly (all permutations), a bigger one greedily.
 */
import { direction, opposite, type Dir, type RoutedFlow } from './orthogonal-router.js';

export interface TrackedRun {
  flow: string;
  /** `x`: a vertical run on x-line `line`; `y`: a horizontal run on y-line `line`. */
  axis: 'x' | 'y';
  line: number;
  /** Index range along the other axis (from ≤ to). */
  from: number;
  to: number;
  /** Indices into the flow's points of the run's first and last point. */
  first: number;
  last: number;
  /** Offset from the line, in px. */
  offset: number;
}

export interface Tracks {
  runs: TrackedRun[];
  /** Most tracks on each x-line and y-line (0 when unused). */
  xTracks: number[];
  yTracks: number[];
}

export function assignTracks(flows: RoutedFlow[], xShared: boolean[], yShared: boolean[], spacing: number): Tracks {
  const runs = flows.flatMap((flow) => runsOf(flow));
  const xTracks = xShared.map(() => 0);
  const yTracks = yShared.map(() => 0);
  const byLine = new Map<string, Run[]>();
  for (const run of runs) {
    const shared = run.axis === 'x' ? xShared[run.line] : yShared[run.line];
    if (!shared) continue;
    const key = `${run.axis}${run.line}`;
    if (!byLine.has(key)) byLine.set(key, []);
    byLine.get(key)!.push(run);
  }
  // runs that end on the same line are told apart by the tracks of the runs they turn into: order the channels,
  // then the gaps with the channels' tracks known, and so on until each settles
  for (const axis of ['y', 'x', 'y', 'x', 'y', 'x'] as const) {
    for (const lineRuns of byLine.values()) {
      if (lineRuns[0].axis !== axis) continue;
      for (const bundle of bundles(lineRuns)) {
        const order = bestOrder(bundle);
        order.forEach((run, k) => (run.offset = (k - (order.length - 1) / 2) * spacing));
        const tracks = axis === 'x' ? xTracks : yTracks;
        tracks[order[0].line] = Math.max(tracks[order[0].line], order.length);
      }
    }
  }
  return {
    runs: runs.map(({ flow, axis, line, from, to, first, last, offset }) => ({ flow, axis, line, from, to, first, last, offset })),
    xTracks,
    yTracks,
  };
}

// helpers

export interface Run {
  flow: string;
  axis: 'x' | 'y';
  line: number;
  from: number;
  to: number;
  /** Where the flow goes at each end, seen from the run: towards lower (-1) or higher (+1) indices of the other axis, or nowhere (0: a port). */
  fromTurn: -1 | 0 | 1;
  toTurn: -1 | 0 | 1;
  first: number;
  last: number;
  offset: number;
  /** The runs the flow turns from and into at the `from` and `to` ends (none at a port). */
  fromRun?: Run;
  toRun?: Run;
}

/** The maximal straight runs of a routed flow, with the side each end turns to. */
export function runsOf(flow: RoutedFlow): Run[] {
  const points = flow.points;
  // directions of every step, with the port steps at both ends (leaving the source, entering the target)
  const steps: Dir[] = [flow.exit];
  for (let k = 1; k < points.length; k++) steps.push(direction(points[k - 1], points[k]));
  steps.push(opposite(flow.entry));
  const runs: Run[] = [];
  let k = 1;
  while (k < steps.length - 1) {
    const dir = steps[k];
    let end = k;
    while (end + 1 < steps.length - 1 && steps[end + 1] === dir) end++;
    // the run goes from points[k-1] to points[end]
    const a = points[k - 1];
    const b = points[end];
    const axis = dir % 2 === 1 ? 'x' : 'y';
    const turnOf = (step: Dir, towardsRun: boolean): -1 | 0 | 1 => {
      // a turn leaves the run sideways: east/south = +1, west/north = -1; seen at the start the flow comes from there
      const sign = step === 0 || step === 1 ? 1 : -1;
      return (towardsRun ? -sign : sign) as -1 | 1;
    };
    const before = steps[k - 1];
    const after = steps[end + 1];
    const startTurn = before % 2 === dir % 2 ? 0 : turnOf(before, true);
    const endTurn = after % 2 === dir % 2 ? 0 : turnOf(after, false);
    const [lo, hi] = axis === 'x' ? [a.j, b.j] : [a.i, b.i];
    const line = axis === 'x' ? a.i : a.j;
    const forward = hi >= lo;
    runs.push({
      flow: flow.id,
      axis,
      line,
      from: Math.min(lo, hi),
      to: Math.max(lo, hi),
      fromTurn: forward ? startTurn : endTurn,
      toTurn: forward ? endTurn : startTurn,
      first: k - 1,
      last: end,
      offset: 0,
    });
    k = end + 1;
  }
  // neighbours: the flow turns from the previous run into the next one
  runs.forEach((run, index) => {
    const before = runs[index - 1];
    const after = runs[index + 1];
    const ascending = run.axis === 'x' ? points[run.first].j <= points[run.last].j : points[run.first].i <= points[run.last].i;
    run.fromRun = ascending ? before : after;
    run.toRun = ascending ? after : before;
  });
  return runs;
}

/** Groups of runs on one line that overlap or touch, transitively. */
function bundles(runs: Run[]): Run[][] {
  const sorted = [...runs].sort((a, b) => a.from - b.from || a.to - b.to || a.flow.localeCompare(b.flow));
  const groups: Run[][] = [];
  let reach = -Infinity;
  for (const run of sorted) {
    if (groups.length === 0 || run.from > reach) {
      groups.push([run]);
      reach = run.to;
    } else {
      groups[groups.length - 1].push(run);
      reach = Math.max(reach, run.to);
    }
  }
  return groups;
}

/** Crossings two runs on one line cannot avoid, whichever lies first. */
export function unavoidableCrossings(a: Run, b: Run): number {
  return Math.min(cost(a, b), cost(b, a));
}

/**
 * Crossings when `a` lies before `b` (left of it, or above): an end of `a` turning towards `b` (+1) where `b`
 * passes, and an end of `b` turning towards `a` (-1) where `a` passes. An end at the very end of the other run
 * counts half: the other run's own turn decides.
 */
function cost(a: Run, b: Run): number {
  let crossings = 0;
  const within = (at: number, run: Run) => {
    const [from, to] = [position(run, 'from'), position(run, 'to')];
    return at > from && at < to ? 1 : at === from || at === to ? 0.5 : 0;
  };
  if (a.fromTurn === 1) crossings += within(position(a, 'from'), b);
  if (a.toTurn === 1) crossings += within(position(a, 'to'), b);
  if (b.fromTurn === -1) crossings += within(position(b, 'from'), a);
  if (b.toTurn === -1) crossings += within(position(b, 'to'), a);
  return crossings;
}

/** Where a run's end lies along its line: the line index it reaches, then the track of the run it turns into. */
function position(run: Run, end: 'from' | 'to'): number {
  const neighbour = end === 'from' ? run.fromRun : run.toRun;
  return (end === 'from' ? run.from : run.to) * 1e4 + (neighbour?.offset ?? 0);
}

function bestOrder(bundle: Run[]): Run[] {
  if (bundle.length === 1) return bundle;
  const n = bundle.length;
  const pair = bundle.map((a) => bundle.map((b) => (a === b ? 0 : cost(a, b))));
  if (n <= 7) {
    let best: number[] = [];
    let bestCost = Infinity;
    const order: number[] = [];
    const used = new Array<boolean>(n).fill(false);
    const search = (sofar: number) => {
      if (sofar >= bestCost) return;
      if (order.length === n) {
        bestCost = sofar;
        best = [...order];
        return;
      }
      for (let k = 0; k < n; k++) {
        if (used[k]) continue;
        let add = 0;
        for (const placed of order) add += pair[placed][k];
        used[k] = true;
        order.push(k);
        search(sofar + add);
        order.pop();
        used[k] = false;
      }
    };
    search(0);
    return best.map((k) => bundle[k]);
  }
  const order: number[] = [];
  for (let k = 0; k < n; k++) {
    let bestAt = 0;
    let bestCost = Infinity;
    for (let at = 0; at <= order.length; at++) {
      let c = 0;
      order.forEach((other, index) => (c += index < at ? pair[other][k] : pair[k][other]));
      if (c < bestCost) {
        bestCost = c;
        bestAt = at;
      }
    }
    order.splice(bestAt, 0, k);
  }
  return order.map((k) => bundle[k]);
}
