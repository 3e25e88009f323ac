/**
 * The diagrams of all models in bpmn/, drawn by bpmn-js in headless Chromium (one launch) and measured as
 * `npm run layout:report` does: no label overflows, no flow runs through a shape, every model that had crossings
 * before this layout has fewer (and one that had none still has none), docs/diagram-quality.md lists these figures,
 * and bpmn-js breaks every label into the lines the layout sized it for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagramQuality, type MeasuredDiagram } from '../../../scripts/layout/diagram-quality.js';
import { EXTERNAL_TEXT, TASK_TEXT } from '../../../scripts/layout/label-style.js';
import { qualityDocs, type QualityBaseline, type QualityFigures } from '../../../scripts/layout/quality-docs.js';
import { layoutText } from '../../../scripts/layout/text-layout.js';
import { openBpmnRenderer, type BpmnRenderer } from '../../../scripts/render/bpmn-renderer.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MODELS = readdirSync(join(ROOT, 'bpmn')).filter((name) => name.endsWith('.bpmn')).sort();
const before = JSON.parse(readFileSync(join(ROOT, 'scripts/layout/quality-before.json'), 'utf8')) as QualityBaseline;

let renderer: BpmnRenderer;
const measured = new Map<string, MeasuredDiagram & { processId: string | undefined; xml: string }>();

beforeAll(async () => {
  renderer = await openBpmnRenderer();
  for (const model of MODELS) {
    const xml = readFileSync(join(ROOT, 'bpmn', model), 'utf8');
    measured.set(model, { ...(await renderer.measure(xml)), xml });
  }
}, 120_000);

afterAll(async () => {
  await renderer?.close();
});

describe('diagram quality of the models', () => {
  it('should draw no overflowing label and no flow through a shape in any model', () => {
    // when
    const findings = MODELS.flatMap((model) => {
      const quality = diagramQuality(measured.get(model)!);
      return quality.overflowingLabels + quality.edgesThroughShapes > 0 ? [`${model}: ${quality.problems.join('; ')}`] : [];
    });

    // then
    expect(findings, 'run `npm run layout` and `npm run layout:report -- --problems`').toEqual([]);
  });

  it('should have fewer crossings than before in every model that had any, and none where there were none', () => {
    // when
    const worse = MODELS.flatMap((model) => {
      const diagram = measured.get(model)!;
      const was = before.models[diagram.processId!]?.crossings;
      const now = diagramQuality(diagram).crossings;
      if (was === undefined) return [];
      return (was > 0 ? now < was : now === 0) ? [] : [`${model}: ${was} → ${now}`];
    });

    // then
    expect(worse).toEqual([]);
  });

  it('should list the figures in docs/diagram-quality.md', () => {
    // given
    const figures: Record<string, QualityFigures> = {};
    for (const diagram of measured.values()) {
      const { problems: _problems, ...quality } = diagramQuality(diagram);
      figures[diagram.processId!] = quality;
    }

    // when
    const page = qualityDocs(before, figures);

    // then
    expect(readFileSync(join(ROOT, 'docs/diagram-quality.md'), 'utf8'), 'docs/diagram-quality.md is stale: run `npm run layout:report`').toBe(page);
  });

  it('should draw every label in the lines the layout computed for its width', () => {
    // when
    let compared = 0;
    const differences = MODELS.flatMap((model) => {
      const diagram = measured.get(model)!;
      return diagram.labels.flatMap((label) => {
        const drawn = label.lines.map((line) => line.text);
        const name = nameOf(diagram.xml, label.owner);
        if (name === undefined) return [];
        compared++;
        // a task wraps at its width, a lane or pool name at its height (no padding), an external label at its DI width
        const container = diagram.containers.find((c) => c.id === label.owner);
        const width = container
          ? container.bounds.height
          : label.embedded
            ? diagram.shapes.find((s) => s.id === label.owner)!.bounds.width
            : labelWidthOf(diagram.xml, label.owner);
        const style = container ? { ...TASK_TEXT, padding: 0 } : label.embedded ? TASK_TEXT : EXTERNAL_TEXT;
        const expected = layoutText(name, width, style).lines.map((line) => line.text);
        return JSON.stringify(expected) === JSON.stringify(drawn) ? [] : [`${model} ${label.owner}: ${JSON.stringify(drawn)} ≠ ${JSON.stringify(expected)}`];
      });
    });

    // then
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(20 * MODELS.length);
  });
});

// helpers

function nameOf(xml: string, id: string): string | undefined {
  const match = new RegExp(`\\bid="${id}"[^>]*?\\bname="([^"]*)"`).exec(xml) ?? new RegExp(`\\bname="([^"]*)"[^>]*?\\bid="${id}"`).exec(xml);
  return match ? decode(match[1]) : undefined;
}

function labelWidthOf(xml: string, id: string): number {
  const match = new RegExp(`bpmnElement="${id}"[^>]*>(?:(?!</bpmndi:BPMN(?:Shape|Edge)>)[\\s\\S])*?<bpmndi:BPMNLabel>\\s*<dc:Bounds [^>]*width="(\\d+)"`).exec(xml);
  return Number(match![1]);
}

function decode(text: string): string {
  return text.replace(/&#10;/g, '\n').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
