/**
 * Improves a grid placement by local search: each main node in turn tries the other rows of its lane in its
 * column (swapping with the node there, or opening a new row at the bottom) and, where its flows leave room, the
 * next column to the right or left. A move is kept when the scored layout gets better; passes repeat until none
 * is. Deterministic: nodes and moves are tried in a fixed order.
 */
import type { FlowGraph } from './flow-graph.js';
import type { Cell, GridPlacement } from './grid-placement.js';

export function improvePlacement(graph: FlowGraph, start: GridPlacement, score: (placement: GridPlacement) => number, maxPasses = 3): GridPlacement {
  let placement = normalize(start);
  let best = score(placement);
  const anchor = (id: string) => graph.nodes.find((n) => n.id === id)?.attachedTo ?? id;
  const forward = graph.flows.filter((f) => !placement.backEdges.has(f.id)).map((f) => ({ source: anchor(f.source), target: anchor(f.target) }));
  const main = graph.nodes.filter((n) => !n.attachedTo).map((n) => n.id);
  for (let pass = 0; pass < maxPasses; pass++) {
    let improved = false;
    for (const id of main) {
      for (const candidate of moves(id, placement, forward)) {
        const value = score(candidate);
        if (value < best - 1e-6) {
          best = value;
          placement = candidate;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return placement;
}

/** Rows per lane and columns from the nodes' cells, with empty rows and columns dropped. */
export function normalize(placement: GridPlacement): GridPlacement {
  const cells = new Map<string, Cell>();
  const laneCount = placement.rows.length;
  const usedColumns = [...new Set([...placement.cells.values()].map((c) => c.column))].sort((a, b) => a - b);
  const columnIndex = new Map(usedColumns.map((c, k) => [c, k]));
  const usedRows = Array.from({ length: laneCount }, (_, lane) =>
    [...new Set([...placement.cells.values()].filter((c) => c.lane === lane).map((c) => c.row))].sort((a, b) => a - b),
  );
  for (const [id, cell] of placement.cells) {
    cells.set(id, { lane: cell.lane, row: usedRows[cell.lane].indexOf(cell.row), column: columnIndex.get(cell.column)! });
  }
  return {
    cells,
    backEdges: placement.backEdges,
    columns: Math.max(1, usedColumns.length),
    rows: usedRows.map((rows) => Math.max(1, rows.length)),
  };
}

// helpers

function moves(id: string, placement: GridPlacement, forward: { source: string; target: string }[]): GridPlacement[] {
  const cell = placement.cells.get(id)!;
  const occupant = (lane: number, row: number, column: number) =>
    [...placement.cells.entries()].find(([other, c]) => other !== id && c.lane === lane && c.row === row && c.column === column)?.[0];
  const result: GridPlacement[] = [];
  const withCells = (change: (cells: Map<string, Cell>) => void) => {
    const cells = new Map([...placement.cells].map(([k, c]) => [k, { ...c }]));
    change(cells);
    return normalize({ ...placement, cells });
  };
  for (let row = 0; row <= placement.rows[cell.lane]; row++) {
    if (row === cell.row) continue;
    const other = occupant(cell.lane, row, cell.column);
    result.push(
      withCells((cells) => {
        cells.get(id)!.row = row;
        if (other) cells.get(other)!.row = cell.row;
      }),
    );
  }
  const successors = forward.filter((f) => f.source === id).map((f) => placement.cells.get(f.target)!.column);
  const predecessors = forward.filter((f) => f.target === id).map((f) => placement.cells.get(f.source)!.column);
  for (const step of [1, -1]) {
    const column = cell.column + step;
    if (column < 0) continue;
    if (step === 1 && successors.some((c) => c <= column)) continue;
    if (step === -1 && predecessors.some((c) => c >= column)) continue;
    for (let row = 0; row <= placement.rows[cell.lane]; row++) {
      if (occupant(cell.lane, row, column)) continue;
      result.push(
        withCells((cells) => {
          cells.get(id)!.column = column;
          cells.get(id)!.row = row;
        }),
      );
    }
  }
  return result;
}
