/**
 * Writes a diagram layout as BPMN DI into a model's XML text: every existing `BPMNDiagram` is removed and one new
 * diagram is appended before the closing `definitions` tag; the namespaces it needs are declared on the root
 * element when missing. The semantic part of the file is kept byte for byte, so a re-run only rewrites the DI.
 */
import type { Bounds, DiagramLayout, Point } from './layout-graph.js';

const NS = {
  bpmndi: 'http://www.omg.org/spec/BPMN/20100524/DI',
  dc: 'http://www.omg.org/spec/DD/20100524/DC',
  di: 'http://www.omg.org/spec/DD/20100524/DI',
} as const;

export function writeDiagram(xml: string, layout: DiagramLayout): string {
  const root = ROOT_TAG.exec(xml);
  if (!root) throw new Error('no bpmn definitions element found');
  let rootTag = root[0];
  const prefix = {} as Record<keyof typeof NS, string>;
  for (const key of Object.keys(NS) as (keyof typeof NS)[]) {
    const declared = declaredPrefix(rootTag, NS[key]);
    if (declared) prefix[key] = declared;
    else {
      prefix[key] = key;
      rootTag = rootTag.replace(/\s*(\/?)>$/, ` xmlns:${key}="${NS[key]}"$1>`);
    }
  }
  let text = xml.slice(0, root.index) + rootTag + xml.slice(root.index + root[0].length);

  const diagram = new RegExp(`\\s*<${prefix.bpmndi}:BPMNDiagram\\b[\\s\\S]*?</${prefix.bpmndi}:BPMNDiagram>`, 'g');
  text = text.replace(diagram, '');
  const close = new RegExp(`\\s*</${root[1] ?? ''}definitions>\\s*$`).exec(text);
  if (!close) throw new Error('no closing definitions tag found');
  return `${text.slice(0, close.index)}\n${diagramXml(layout, prefix)}\n</${root[1] ?? ''}definitions>\n`;
}

// helpers

/** The root start tag; group 1 is its prefix with the colon (`bpmn:`) or undefined. */
const ROOT_TAG = /<([\w.-]+:)?definitions\b(?:[^>"']|"[^"]*"|'[^']*')*>/;

function declaredPrefix(rootTag: string, uri: string): string | undefined {
  for (const match of rootTag.matchAll(/xmlns:([\w.-]+)\s*=\s*(["'])(.*?)\2/g)) if (match[3] === uri) return match[1];
  return undefined;
}

function diagramXml(layout: DiagramLayout, p: Record<keyof typeof NS, string>): string {
  const lines: string[] = [];
  const add = (depth: number, line: string) => lines.push('  '.repeat(depth) + line);
  const bounds = (depth: number, b: Bounds) =>
    add(depth, `<${p.dc}:Bounds x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" />`);
  const label = (depth: number, b: Bounds | undefined) => {
    if (!b) return;
    add(depth, `<${p.bpmndi}:BPMNLabel>`);
    bounds(depth + 1, b);
    add(depth, `</${p.bpmndi}:BPMNLabel>`);
  };
  const shape = (id: string, b: Bounds, attributes: string, labelBounds?: Bounds) => {
    add(3, `<${p.bpmndi}:BPMNShape id="${attr(id)}_di" bpmnElement="${attr(id)}"${attributes}>`);
    bounds(4, b);
    label(4, labelBounds);
    add(3, `</${p.bpmndi}:BPMNShape>`);
  };

  add(1, `<${p.bpmndi}:BPMNDiagram id="BPMNDiagram_1">`);
  add(2, `<${p.bpmndi}:BPMNPlane id="BPMNPlane_1" bpmnElement="${attr(layout.planeElement)}">`);
  if (layout.pool) shape(layout.pool.id, layout.pool.bounds, ' isHorizontal="true"');
  for (const lane of layout.lanes) shape(lane.id, lane.bounds, ' isHorizontal="true"');
  for (const s of layout.shapes) shape(s.id, s.bounds, s.kind === 'gateway' ? ' isMarkerVisible="true"' : '', s.label);
  for (const edge of layout.edges) {
    add(3, `<${p.bpmndi}:BPMNEdge id="${attr(edge.id)}_di" bpmnElement="${attr(edge.id)}">`);
    for (const point of edge.waypoints) add(4, waypoint(point, p.di));
    label(4, edge.label);
    add(3, `</${p.bpmndi}:BPMNEdge>`);
  }
  add(2, `</${p.bpmndi}:BPMNPlane>`);
  add(1, `</${p.bpmndi}:BPMNDiagram>`);
  return lines.join('\n');
}

function waypoint(point: Point, di: string): string {
  return `<${di}:waypoint x="${n(point.x)}" y="${n(point.y)}" />`;
}

function n(value: number): string {
  return String(Math.round(value));
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
