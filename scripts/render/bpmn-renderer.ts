/**
 * Renders BPMN diagrams to PNG with the bpmn-js viewer in headless Chromium (playwright-core + the system's
 * /usr/bin/chromium; no browser is downloaded). One browser and one page serve every diagram: each import sizes
 * the page to the diagram's bounds (plus a margin) at scale 1, so lanes fill the picture, and the screenshot is
 * clipped to it. The bpmn.io watermark stays visible, as the bpmn-js licence requires.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

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
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function renderOne(page: Page, xml: string): Promise<RenderedDiagram> {
  const imported = await page.evaluate(async (source: string) => {
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
    const viewer = new Viewer({ container: '#canvas' });
    w.viewer = viewer;
    const { warnings } = await viewer.importXML(source);
    const roots = viewer.getDefinitions().rootElements ?? [];
    const collaboration = roots.find((r) => r.$type === 'bpmn:Collaboration');
    const processId =
      collaboration?.participants?.find((p) => p.processRef?.id)?.processRef?.id ?? roots.find((r) => r.$type === 'bpmn:Process')?.id;
    const canvas = viewer.get('canvas') as { viewbox(): { inner: { x: number; y: number; width: number; height: number } } };
    return { warnings: warnings.map((w) => w.message), processId, inner: canvas.viewbox().inner };
  }, xml);

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
