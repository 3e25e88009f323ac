/**
 * Puts the flow nodes of a graph on a grid of lane rows and columns, left to right:
 *
 * 1. back edges (loops such as 退回 → 补正 → 初审) are left out of the layering (see `LoopBreaking`); a flow from
 *    a boundary event counts as a flow from its host;
 * 2. columns by longest path over the remaining acyclic graph; a flow that spans several columns gets a
 *    placeholder in each column it crosses, so a row stays free for it;
 * 3. rows inside each lane, column by column: a node takes the row of its predecessor in the same lane (the
 *    successors of a boundary event go below the host: the rightmost event's one row below, the next two, …),
 *    or the first free row after it.
 *
 * Boundary events are not placed: they sit on their host. Pure and deterministic.
 */
import type { FlowGraph, GraphFlow, GraphNode } from './flow-graph.js';

export interface GridPlacement {
  /** Main nodes (not boundary events) → their cell. */
  cells: Map<string, Cell>;
  /** Flows left out of the layering (they run right to left). */
  backEdges: Set<string>;
  columns: number;
  /** Rows per lane (at least one). */
  rows: number[];
}

export interface Cell {
  lane: number;
  row: number;
  column: number;
}

/**
 * Which flows of a loop run back: `walk`, the flows a depth-first walk from the start meets going back (in the
 * model's order); `distance`, the flows that close a loop towards a node no more steps from the start than their
 * source (keeps a loop's entry near the start when the model lists the long way round first).
 */
export type LoopBreaking = 'walk' | 'distance';

export function placeOnGrid(graph: FlowGraph, loops: LoopBreaking = 'walk'): GridPlacement {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const anchor = (id: string) => nodes.get(id)!.attachedTo ?? id;
  const main = graph.nodes.filter((n) => !n.attachedTo);
  const back = loops === 'walk' ? backEdgesByWalk(graph, main, anchor) : backEdgesByDistance(graph, main, anchor);
  const column = assignColumns(graph, main, anchor, back);
  const chains = buildChains(graph, anchor, back, column, nodes);
  const rows = assignRows(graph, main, anchor, back, column, chains, nodes);

  const laneCount = Math.max(1, graph.lanes.length);
  const rowsInLane = Array.from({ length: laneCount }, () => 1);
  const cells = new Map<string, Cell>();
  for (const node of main) {
    const cell = { lane: node.lane, row: rows.get(node.id)!, column: column.get(node.id)! };
    cells.set(node.id, cell);
    rowsInLane[cell.lane] = Math.max(rowsInLane[cell.lane], cell.row + 1);
  }
  for (const chain of chains.values()) {
    for (const p of chain.placeholders) rowsInLane[p.lane] = Math.max(rowsInLane[p.lane], rows.get(p.key)! + 1);
  }
  return { cells, backEdges: back, columns: Math.max(1, ...[...column.values()].map((c) => c + 1)), rows: rowsInLane };
}

export function boundaryEventsByHost(graph: FlowGraph): Map<string, GraphNode[]> {
  const byHost = new Map<string, GraphNode[]>();
  for (const node of graph.nodes) {
    if (!node.attachedTo) continue;
    if (!byHost.has(node.attachedTo)) byHost.set(node.attachedTo, []);
    byHost.get(node.attachedTo)!.push(node);
  }
  return byHost;
}

// helpers

/** A cell content of the row grid: a node id, or a placeholder `flowId#column` of a flow crossing that column. */
type ItemKey = string;

interface Chain {
  flow: GraphFlow;
  /** Placeholder keys for the columns strictly between source and target. */
  placeholders: { key: ItemKey; column: number; lane: number }[];
}

function backEdgesByWalk(graph: FlowGraph, main: GraphNode[], anchor: (id: string) => string): Set<string> {
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

function backEdgesByDistance(graph: FlowGraph, main: GraphNode[], anchor: (id: string) => string): Set<string> {
  const outgoing = new Map<string, string[]>(main.map((n) => [n.id, []]));
  for (const flow of graph.flows) outgoing.get(anchor(flow.source))!.push(anchor(flow.target));
  const hasIncoming = new Set(graph.flows.map((f) => anchor(f.target)));
  const roots = [...main.filter((n) => n.type === 'StartEvent'), ...main.filter((n) => n.type !== 'StartEvent' && !hasIncoming.has(n.id))];

  // steps from the start (breadth first); nodes only reachable inside a loop get theirs from where the loop is entered
  const distance = new Map<string, number>();
  const queue = roots.map((n) => n.id);
  for (const id of queue) distance.set(id, 0);
  for (;;) {
    while (queue.length > 0) {
      const id = queue.shift()!;
      for (const next of outgoing.get(id)!) {
        if (distance.has(next)) continue;
        distance.set(next, distance.get(id)! + 1);
        queue.push(next);
      }
    }
    const unreached = main.find((n) => !distance.has(n.id));
    if (!unreached) break;
    distance.set(unreached.id, 0);
    queue.push(unreached.id);
  }

  const reaches = (from: string, to: string) => {
    const seen = new Set([from]);
    const stack = [from];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === to) return true;
      for (const next of outgoing.get(id)!) {
        if (seen.has(next)) continue;
        seen.add(next);
        stack.push(next);
      }
    }
    return false;
  };
  // a flow is a back edge when it closes a loop and leads no further from the start than where it comes from
  const back = new Set<string>();
  for (const flow of graph.flows) {
    const [u, v] = [anchor(flow.source), anchor(flow.target)];
    if (distance.get(v)! <= distance.get(u)! && reaches(v, u)) back.add(flow.id);
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
    /** Where the row preference comes from: predecessor key and lane, rows to add, flow order. */
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
