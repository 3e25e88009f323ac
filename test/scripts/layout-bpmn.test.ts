/**
 * scripts/layout-bpmn.ts: the DI it writes into small fixture models, read back from the written XML: every
 * flow node has a shape inside its lane, tasks large enough for their names, shapes do not overlap (a boundary
 * event sits on its host's bottom edge), every flow has orthogonal waypoints from its source's bounds to its
 * target's, pool and lanes enclose their nodes, the semantic part is unchanged, and a second run changes nothing.
 * (What bpmn-js then draws is checked in render-diagrams.test.ts and layout/diagram-quality.models.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layoutBpmnXml } from '../../scripts/layout/layout-bpmn-xml.js';
import { loadCamundaLinters } from '../../scripts/lint/load-camunda-linters.js';
import { readFlowGraph, type FlowGraph } from '../../scripts/layout/flow-graph.js';
import { TASK_TEXT } from '../../scripts/layout/label-style.js';
import { layoutText } from '../../scripts/layout/text-layout.js';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const FIXTURES = ['layout-bpmn.lanes.bpmn', 'layout-bpmn.no-lanes.bpmn', 'layout-bpmn.long-names.bpmn'];

describe.each(FIXTURES)('layout of %s', (fixture) => {
  const source = readFileSync(new URL(fixture, import.meta.url), 'utf8');

  it('should give every flow node a shape of its size inside its lane, with no two shapes overlapping', async () => {
    // given
    const graph = await graphOf(source);

    // when
    const di = diOf(await laidOut(source));

    // then
    for (const node of graph.nodes) {
      const box = di.shapes.get(node.id);
      expect(box, node.id).toBeDefined();
      if (node.kind === 'task') {
        // at least the default size, and room for the name's lines between the icon and the bottom edge
        const text = layoutText(node.name ?? '', box!.width, TASK_TEXT).height;
        expect(box!.width, node.id).toBeGreaterThanOrEqual(100);
        expect(box!.height, node.id).toBeGreaterThanOrEqual(Math.max(80, text + 48));
      } else expect([box!.width, box!.height], node.id).toEqual(node.kind === 'event' ? [36, 36] : [50, 50]);
      if (graph.lanes.length > 0) expect(inside(box!, di.shapes.get(graph.lanes[node.lane].id)!), `${node.id} in its lane`).toBe(true);
      if (graph.participant) expect(inside(box!, di.shapes.get(graph.participant.id)!), `${node.id} in the pool`).toBe(true);
    }
    for (const a of graph.nodes) {
      for (const b of graph.nodes) {
        if (a.id >= b.id || a.attachedTo === b.id || b.attachedTo === a.id) continue;
        expect(overlap(di.shapes.get(a.id)!, di.shapes.get(b.id)!), `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
  });

  it('should put boundary events on the bottom edge of their host', async () => {
    // given
    const graph = await graphOf(source);

    // when
    const di = diOf(await laidOut(source));

    // then
    for (const event of graph.nodes.filter((n) => n.attachedTo)) {
      const box = di.shapes.get(event.id)!;
      const host = di.shapes.get(event.attachedTo!)!;
      expect(box.y + box.height / 2, event.id).toBe(host.y + host.height);
      expect(box.x >= host.x && box.x + box.width <= host.x + host.width, event.id).toBe(true);
    }
  });

  it('should route every sequence flow orthogonally from its source to its target', async () => {
    // given
    const graph = await graphOf(source);

    // when
    const di = diOf(await laidOut(source));

    // then
    for (const flow of graph.flows) {
      const points = di.edges.get(flow.id);
      expect(points, flow.id).toBeDefined();
      expect(points!.length, flow.id).toBeGreaterThanOrEqual(2);
      expect(onBorder(points![0], di.shapes.get(flow.source)!), `${flow.id} starts at ${flow.source}`).toBe(true);
      expect(onBorder(points!.at(-1)!, di.shapes.get(flow.target)!), `${flow.id} ends at ${flow.target}`).toBe(true);
      for (let i = 1; i < points!.length; i++) {
        const [a, b] = [points![i - 1], points![i]];
        expect(a.x === b.x || a.y === b.y, `${flow.id} segment ${i} is orthogonal`).toBe(true);
      }
    }
  });

  it('should make lanes horizontal bands that fill the pool', async () => {
    // given
    const graph = await graphOf(source);

    // when
    const di = diOf(await laidOut(source));

    // then
    if (!graph.participant) {
      expect(di.shapes.size).toBe(graph.nodes.length);
      return;
    }
    const pool = di.shapes.get(graph.participant.id)!;
    const lanes = graph.lanes.map((lane) => di.shapes.get(lane.id)!);
    let y = pool.y;
    for (const lane of lanes) {
      expect(lane.y).toBe(y);
      expect(lane.x + lane.width).toBe(pool.x + pool.width);
      expect(inside(lane, pool)).toBe(true);
      y += lane.height;
    }
    if (lanes.length > 0) expect(y).toBe(pool.y + pool.height);
  });

  it('should keep the semantic part and replace any earlier diagram', async () => {
    // when
    const written = await laidOut(source);

    // then
    expect(semantics(written)).toBe(semantics(source));
    expect(written.match(/<bpmndi:BPMNDiagram\b/g)).toHaveLength(1);
    expect(written).not.toContain('stale');
  });

  it('should NOT change a laid-out model when run again', async () => {
    // given
    const once = await laidOut(source);

    // when
    const twice = await layoutBpmnXml(once);

    // then
    expect(twice).toBe(once);
  });
});

// helpers

const layouts = new Map<string, Promise<string>>();

/** The layout of a fixture, computed once for all the tests that read it. */
function laidOut(xml: string): Promise<string> {
  if (!layouts.has(xml)) layouts.set(xml, layoutBpmnXml(xml));
  return layouts.get(xml)!;
}

async function graphOf(xml: string): Promise<FlowGraph> {
  const { parseBpmn } = await loadCamundaLinters();
  return readFlowGraph((await parseBpmn(xml)).rootElement);
}

function diOf(xml: string) {
  const shapes = new Map<string, Box>();
  for (const match of xml.matchAll(/<bpmndi:BPMNShape [^>]*bpmnElement="([^"]+)"[^>]*>\s*<dc:Bounds x="(-?\d+)" y="(-?\d+)" width="(\d+)" height="(\d+)"/g)) {
    shapes.set(match[1], { x: +match[2], y: +match[3], width: +match[4], height: +match[5] });
  }
  const edges = new Map<string, { x: number; y: number }[]>();
  for (const match of xml.matchAll(/<bpmndi:BPMNEdge [^>]*bpmnElement="([^"]+)"[^>]*>([\s\S]*?)<\/bpmndi:BPMNEdge>/g)) {
    edges.set(match[1], [...match[2].matchAll(/<di:waypoint x="(-?\d+)" y="(-?\d+)"/g)].map((p) => ({ x: +p[1], y: +p[2] })));
  }
  return { shapes, edges };
}

function inside(box: Box, outer: Box): boolean {
  return box.x >= outer.x && box.y >= outer.y && box.x + box.width <= outer.x + outer.width && box.y + box.height <= outer.y + outer.height;
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function onBorder(point: { x: number; y: number }, box: Box): boolean {
  const withinX = point.x >= box.x && point.x <= box.x + box.width;
  const withinY = point.y >= box.y && point.y <= box.y + box.height;
  return (withinY && (point.x === box.x || point.x === box.x + box.width)) || (withinX && (point.y === box.y || point.y === box.y + box.height));
}

/** The file without its diagram and without the namespace declarations the layout may add. */
function semantics(xml: string): string {
  return xml
    .replace(/\s*<bpmndi:BPMNDiagram\b[\s\S]*?<\/bpmndi:BPMNDiagram>/g, '')
    .replace(/ xmlns:(bpmndi|dc|di)="[^"]*"/g, '')
    .trimEnd();
}
