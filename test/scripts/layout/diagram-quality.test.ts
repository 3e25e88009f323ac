/**
 * scripts/layout/diagram-quality.ts on hand-made geometry: what counts as an overflowing label, a flow through a
 * shape, a crossing, an overlap and a label on a flow — and what does not.
 */
import { describe, expect, it } from 'vitest';
import { diagramQuality, type MeasuredDiagram, type MeasuredEdge } from '../../../scripts/layout/diagram-quality.js';

const task = (id: string, x: number, y: number) => ({ id, type: 'UserTask', bounds: { x, y, width: 100, height: 80 } });
const end = (id: string, x: number, y: number) => ({ id, type: 'EndEvent', bounds: { x, y, width: 36, height: 36 } });
const flow = (id: string, source: string, target: string, points: [number, number][]): MeasuredEdge => ({
  id,
  source,
  target,
  waypoints: points.map(([x, y]) => ({ x, y })),
});

function diagram(parts: Partial<MeasuredDiagram>): MeasuredDiagram {
  return { shapes: [], containers: [], edges: [], labels: [], icons: [], ...parts };
}

describe('diagram quality', () => {
  it('should count a task name that leaves its box or runs into its icon, and not one inside', () => {
    // given
    const shapes = [task('inside', 0, 0), task('tooLong', 200, 0), task('underIcon', 400, 0)];
    const labels = [
      { owner: 'inside', embedded: true, lines: [{ x: 10, y: 30, width: 80, height: 12 }] },
      { owner: 'tooLong', embedded: true, lines: [{ x: 205, y: 30, width: 96, height: 12 }] },
      { owner: 'underIcon', embedded: true, lines: [{ x: 405, y: 10, width: 80, height: 12 }] },
    ];
    const icons = ['inside', 'tooLong', 'underIcon'].map((owner, k) => ({ owner, box: { x: 200 * k + 4, y: 4, width: 17, height: 20 } }));

    // when
    const quality = diagramQuality(diagram({ shapes, labels, icons }));

    // then
    expect(quality.overflowingLabels).toBe(2);
    expect(quality.problems).toEqual(['label of tooLong leaves its box', 'label of underIcon runs into its icon']);
  });

  it('should count external labels that touch each other or a lane border', () => {
    // given
    const shapes = [end('a', 0, 0), end('b', 200, 0)];
    const containers = [
      { id: 'lane1', type: 'Lane' as const, bounds: { x: -100, y: -100, width: 600, height: 200 }, header: { x: -100, y: -100, width: 30, height: 200 } },
      { id: 'lane2', type: 'Lane' as const, bounds: { x: -100, y: 100, width: 600, height: 200 }, header: { x: -100, y: 100, width: 30, height: 200 } },
    ];
    const labels = [
      { owner: 'a', embedded: false, lines: [{ x: -10, y: 40, width: 56, height: 12 }] },
      { owner: 'b', embedded: false, lines: [{ x: 190, y: 95, width: 56, height: 12 }] },
      { owner: 'f', embedded: false, lines: [{ x: 30, y: 45, width: 50, height: 12 }] },
    ];

    // when
    const quality = diagramQuality(diagram({ shapes, containers, labels }));

    // then
    expect(quality.problems).toEqual([
      'label of a touches the label of f',
      'label of b crosses the border of lane1, crosses the border of lane2, lies outside the pool',
      'label of f touches the label of a',
    ]);
    expect(quality.overflowingLabels).toBe(3);
  });

  it('should count a flow through a shape, its own target included, but not one along its border', () => {
    // given
    const shapes = [task('s', 0, 0), task('middle', 200, 0), task('t', 400, 0)];
    const edges = [
      flow('through', 's', 't', [[100, 40], [400, 40]]),
      flow('along', 's', 't', [[50, 80], [50, 120], [250, 120], [250, 80]]),
      flow('intoItself', 's', 't', [[100, 20], [450, 20]]),
    ];

    // when
    const quality = diagramQuality(diagram({ shapes, edges }));

    // then
    expect(quality.edgesThroughShapes).toBe(2);
    expect(quality.problems).toContain('flow through runs through middle');
    expect(quality.problems).toContain('flow intoItself runs through middle, t');
  });

  it('should count crossings and overlaps, but not where flows branch from a common source or join', () => {
    // given
    const edges = [
      flow('branchUp', 'g', 'x', [[0, 0], [50, 0], [50, -100], [100, -100]]),
      flow('branchDown', 'g', 'y', [[0, 0], [50, 0], [50, 100], [100, 100]]),
      flow('across', 'p', 'q', [[20, -50], [80, -50]]),
      flow('onTop', 'r', 's', [[50, 20], [50, 60]]),
    ];

    // when
    const quality = diagramQuality(diagram({ edges }));

    // then
    expect(quality.crossings).toBe(1);
    expect(quality.edgeOverlaps).toBe(1);
    expect(quality.problems).toEqual(['flows branchUp and across cross 1×', 'flows branchDown and onTop run on top of each other']);
  });

  it('should count a label a flow runs through', () => {
    // given
    const labels = [{ owner: 'gateway', embedded: false, lines: [{ x: 40, y: -6, width: 30, height: 12 }] }];
    const edges = [flow('f', 'a', 'b', [[0, 0], [100, 0]])];

    // when
    const quality = diagramQuality(diagram({ labels, edges }));

    // then
    expect(quality.labelsOnEdges).toBe(1);
  });
});
