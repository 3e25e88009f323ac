/**
 * scripts/render-diagrams.ts: fixture models, laid out by scripts/layout, rendered with the real
 * /usr/bin/chromium (one launch): a PNG clipped to the diagram, as wide as the pool plus the margins; and what
 * bpmn-js draws for a model with long names, three boundary events and loops reads cleanly.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagramQuality } from '../../scripts/layout/diagram-quality.js';
import { layoutBpmnXml } from '../../scripts/layout/layout-bpmn-xml.js';
import { openBpmnRenderer, type BpmnRenderer } from '../../scripts/render/bpmn-renderer.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let renderer: BpmnRenderer;

beforeAll(async () => {
  renderer = await openBpmnRenderer();
});

afterAll(async () => {
  await renderer?.close();
});

describe('render diagrams', () => {
  it('should render a laid-out model with lanes to a PNG of the diagram size', async () => {
    // given
    const xml = await layoutBpmnXml(readFileSync(new URL('layout-bpmn.lanes.bpmn', import.meta.url), 'utf8'));
    const pool = /bpmnElement="pool" isHorizontal="true">\s*<dc:Bounds x="\d+" y="\d+" width="(\d+)" height="(\d+)"/.exec(xml)!;

    // when
    const diagram = await renderer.render(xml);

    // then
    expect(diagram.warnings).toEqual([]);
    expect(diagram.processId).toBe('layout-lanes');
    const png = diagram.png;
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect([width, height]).toEqual([diagram.width, diagram.height]);
    expect(width).toBeGreaterThanOrEqual(Number(pool[1]));
    expect(width).toBeLessThan(Number(pool[1]) + 100);
    expect(height).toBeGreaterThanOrEqual(Number(pool[2]));
    expect(png.length).toBeGreaterThan(20_000);
  });

  it('should draw a laid-out model with long names with no overflowing label, no flow through a shape and no crossing', async () => {
    // given
    const xml = await layoutBpmnXml(readFileSync(new URL('layout-bpmn.long-names.bpmn', import.meta.url), 'utf8'));

    // when
    const quality = diagramQuality(await renderer.measure(xml));

    // then
    expect(quality.problems).toEqual([]);
  });
});
