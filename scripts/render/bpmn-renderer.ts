/**
 * Renders BPMN diagrams to PNG with the bpmn-js viewer in headless Chromium (playwright-core + the system's
 * /usr/bin/chromium; no browser is downloaded). One browser and one page serve every diagram: each import sizes
 * the page to the diagram's bounds (plus a margin) at scale 1, so lanes fill the picture, and the screenshot is
 * clipped to it. The bpmn.io watermark stays visible, as the bpmn-js licence requires. Labels are drawn in the
 * layout's font (scripts/layout/label-style.ts).
 *
 * `measure` reads back what the viewer drew, for scripts/layout/diagram-quality.ts: shapes, lanes and waypoints
 * from the DI, and the glyph box of every label line from Chromium's own text layout.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { MeasuredDiagram } from '../layout/diagram-quality.js';
import { GLYPH_ASCENT, GLYPH_DESCENT, TEXT_RENDERER_CONFIG } from '../layout/label-style.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface RenderedDiagram {
  png: Buffer;
  /** The executable process the diagram shows (the participant's process, or the first one). */
  processId: string | undefined;
  width: number;
  height: number;
  /** bpmn-js import warnings (elements it could not draw). */
  warnings: string[];
}

export interface BpmnRenderer {
  render(xml: string): Promise<RenderedDiagram>;
  measure(xml: string): Promise<MeasuredDiagram & { processId: string | undefined; warnings: string[] }>;
  close(): Promise<void>;
}

export async function openBpmnRenderer(): Promise<BpmnRenderer> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await preparePage(page);
    return {
      render: (xml) => renderOne(page, xml),
      measure: (xml) => measureOne(page, xml),
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

// helpers

const MARGIN = 20;
/** Room under the diagram for the bpmn.io watermark (bottom right), so it covers nothing. */
const WATERMARK = 30;
const BPMN_JS_DIR = dirname(createRequire(import.meta.url).resolve('bpmn-js/package.json'));

async function preparePage(page: Page): Promise<void> {
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>
    html,body{margin:0;background:#fff}
    #canvas{position:absolute;left:0;top:0;width:100vw;height:100vh;font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif}
  </style></head><body><div id="canvas"></div></body></html>`);
  await page.addStyleTag({ path: join(BPMN_JS_DIR, 'dist/assets/diagram-js.css') });
  await page.addStyleTag({ path: join(BPMN_JS_DIR, 'dist/assets/bpmn-js.css') });
  await page.addScriptTag({ path: join(BPMN_JS_DIR, 'dist/bpmn-viewer.production.min.js') });
  // tsx compiles the functions passed to page.evaluate with esbuild's keepNames, which calls this helper
  await page.addScriptTag({ content: 'window.__name = (target) => target;' });
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function renderOne(page: Page, xml: string): Promise<RenderedDiagram> {
  const imported = await importDiagram(page, xml);
  const box: Box = {
    x: Math.floor(imported.inner.x) - MARGIN,
    y: Math.floor(imported.inner.y) - MARGIN,
    width: Math.ceil(imported.inner.width) + 2 * MARGIN,
    height: Math.ceil(imported.inner.height) + 2 * MARGIN + WATERMARK,
  };
  await page.setViewportSize({ width: box.width, height: box.height });
  await page.evaluate((viewbox: Box) => {
    const canvas = ((window as unknown as Record<string, { get(name: string): unknown }>).viewer.get('canvas')) as {
      resized(): void;
      viewbox(box: Box): void;
    };
    canvas.resized();
    canvas.viewbox(viewbox);
  }, box);
  const png = await page.screenshot({ clip: { x: 0, y: 0, width: box.width, height: box.height }, type: 'png' });
  return { png, processId: imported.processId, width: box.width, height: box.height, warnings: imported.warnings };
}

async function measureOne(page: Page, xml: string): Promise<MeasuredDiagram & { processId: string | undefined; warnings: string[] }> {
  const imported = await importDiagram(page, xml);
  const measured = await page.evaluate(
    ({ ascent, descent }) => {
      interface El {
        id: string;
        type: string;
        x: number;
        y: number;
        width: number;
        height: number;
        host?: El;
        label?: El;
        labelTarget?: El;
        source?: El;
        target?: El;
        waypoints?: { x: number; y: number }[];
        businessObject: { name?: string };
      }
      const viewer = (window as unknown as Record<string, { get(name: string): unknown }>).viewer;
      const registry = viewer.get('elementRegistry') as { getAll(): El[]; getGraphics(element: El): SVGGElement };
      const plain = (r: { x: number; y: number; width: number; height: number }) => ({ x: r.x, y: r.y, width: r.width, height: r.height });
      const all = registry.getAll();
      const isNode = (e: El) => !e.waypoints && !e.labelTarget && e.type !== 'bpmn:Lane' && e.type !== 'bpmn:Participant' && /^bpmn:/.test(e.type) && e.type !== 'bpmn:Process' && e.type !== 'bpmn:Collaboration';
      const lines = (drawn: El) => {
        const text = registry.getGraphics(drawn).querySelector('.djs-visual > text') as SVGTextElement | null;
        if (!text) return [];
        const size = parseFloat(getComputedStyle(text).fontSize);
        // lane and pool names are turned by a transform on the text: map each line's corners through it
        const matrix = text.transform.baseVal.consolidate()?.matrix;
        const map = (x: number, y: number) => (matrix ? { x: matrix.a * x + matrix.c * y + matrix.e, y: matrix.b * x + matrix.d * y + matrix.f } : { x, y });
        return Array.from(text.querySelectorAll('tspan'))
          .filter((span) => (span.textContent ?? '').trim() !== '')
          .map((span) => {
            const left = parseFloat(span.getAttribute('x') ?? '0');
            const top = parseFloat(span.getAttribute('y') ?? '0') - ascent * size;
            const corners = [map(left, top), map(left + span.getComputedTextLength(), top + (ascent + descent) * size)];
            const [x1, x2] = [Math.min(corners[0].x, corners[1].x), Math.max(corners[0].x, corners[1].x)];
            const [y1, y2] = [Math.min(corners[0].y, corners[1].y), Math.max(corners[0].y, corners[1].y)];
            return { x: drawn.x + x1, y: drawn.y + y1, width: x2 - x1, height: y2 - y1, text: span.textContent ?? '' };
          });
      };
      const shapes = all.filter(isNode).map((e) => ({ id: e.id, type: e.type.replace(/^bpmn:/, ''), bounds: plain(e), ...(e.host ? { host: e.host.id } : {}) }));
      const containers = all
        .filter((e) => e.type === 'bpmn:Lane' || e.type === 'bpmn:Participant')
        .map((e) => ({ id: e.id, type: e.type.replace(/^bpmn:/, '') as 'Lane' | 'Participant', bounds: plain(e), header: { x: e.x, y: e.y, width: 30, height: e.height } }));
      const edges = all
        .filter((e) => e.type === 'bpmn:SequenceFlow' && e.waypoints && e.source && e.target)
        .map((e) => ({ id: e.id, source: e.source!.id, target: e.target!.id, waypoints: e.waypoints!.map((p) => ({ x: p.x, y: p.y })) }));
      const labels = [
        ...all.filter((e) => e.labelTarget && e.type === 'label').map((e) => ({ owner: e.labelTarget!.id, embedded: false, lines: lines(e) })),
        ...all.filter((e) => isNode(e) && !e.label && e.businessObject.name).map((e) => ({ owner: e.id, embedded: true, lines: lines(e) })),
        ...all.filter((e) => e.type === 'bpmn:Lane' || e.type === 'bpmn:Participant').map((e) => ({ owner: e.id, embedded: true, lines: lines(e) })),
      ].filter((label) => label.lines.length > 0);
      const icons = all
        .filter((e) => isNode(e) && /Task$|^bpmn:CallActivity$/.test(e.type))
        .flatMap((e) => {
          const parts = Array.from(registry.getGraphics(e).querySelectorAll('.djs-visual > path')).map((path) => (path as SVGGraphicsElement).getBBox());
          if (parts.length === 0) return [];
          const x = Math.min(...parts.map((b) => b.x));
          const y = Math.min(...parts.map((b) => b.y));
          const right = Math.max(...parts.map((b) => b.x + b.width));
          const bottom = Math.max(...parts.map((b) => b.y + b.height));
          return [{ owner: e.id, box: { x: e.x + x, y: e.y + y, width: right - x, height: bottom - y } }];
        });
      return { shapes, containers, edges, labels, icons };
    },
    { ascent: GLYPH_ASCENT, descent: GLYPH_DESCENT },
  );
  return { ...measured, processId: imported.processId, warnings: imported.warnings };
}

interface Imported {
  warnings: string[];
  processId: string | undefined;
  inner: Box;
}

async function importDiagram(page: Page, xml: string): Promise<Imported> {
  return page.evaluate(async ({ source, textRenderer }) => {
    type Element = { $type: string; id?: string; isExecutable?: boolean; participants?: { processRef?: { id?: string } }[] };
    const w = window as unknown as Record<string, unknown>;
    (w.viewer as { destroy(): void } | undefined)?.destroy();
    document.getElementById('canvas')!.innerHTML = '';
    const Viewer = w.BpmnJS as new (options: object) => {
      importXML(xml: string): Promise<{ warnings: { message: string }[] }>;
      get(name: string): unknown;
      getDefinitions(): { rootElements?: Element[] };
      destroy(): void;
    };
    const viewer = new Viewer({ container: '#canvas', textRenderer });
    w.viewer = viewer;
    const { warnings } = await viewer.importXML(source);
    const roots = viewer.getDefinitions().rootElements ?? [];
    const collaboration = roots.find((r) => r.$type === 'bpmn:Collaboration');
    const processId =
      collaboration?.participants?.find((p) => p.processRef?.id)?.processRef?.id ?? roots.find((r) => r.$type === 'bpmn:Process')?.id;
    const canvas = viewer.get('canvas') as { viewbox(): { inner: { x: number; y: number; width: number; height: number } } };
    return { warnings: warnings.map((w) => w.message), processId, inner: canvas.viewbox().inner };
  }, { source: xml, textRenderer: TEXT_RENDERER_CONFIG });
}
