/**
 * BPMN models in the form the web modeler saves them: imported into and saved from the modeler's own bpmn-js
 * (camunda-bpmn-js's Camunda 8 Modeler with the modeler-moddle extension, as web-modeler/src/bpmn/bpmn-editor.tsx
 * builds it), bundled by esbuild, in headless Chromium. Not a re-implementation: bpmn-js's save also orders the
 * diagram interchange as its canvas holds the elements (lanes, boundary events after their hosts), which a moddle
 * writer alone does not reproduce.
 *
 * Keeping bpmn/*.bpmn in this form means an analyst's first save changes only what they changed, not every line
 * (docs/modeler-guide.md, 「保存时文件的写法」). XML comments do not survive (moddle keeps none): what a comment
 * says belongs in a `bpmn:documentation`.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM } from './bpmn-renderer.js';

export interface NormalisedBpmn {
  xml: string;
  /** The XML comments the text had, which the written form no longer has. */
  droppedComments: string[];
  /** bpmn-js import warnings (parts it could not read: these would be lost, so nothing is written). */
  warnings: string[];
}

export interface BpmnNormaliser {
  normalise(xml: string): Promise<NormalisedBpmn>;
  close(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The page's script: the modeler as the editor creates it, one per model, destroyed after the save. */
const ENTRY = `
import Modeler from 'camunda-bpmn-js/lib/camunda-cloud/Modeler';
import modelerModdle from 'modeler-moddle/resources/modeler.json';
window.saveAsModeler = async (xml) => {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const modeler = new Modeler({ container, moddleExtensions: { modeler: modelerModdle } });
  try {
    const { warnings } = await modeler.importXML(xml);
    const saved = await modeler.saveXML({ format: true });
    return { xml: saved.xml, warnings: warnings.map((warning) => warning.message) };
  } finally {
    modeler.destroy();
    container.remove();
  }
};
`;

export async function openBpmnNormaliser(): Promise<BpmnNormaliser> {
  const bundle = await build({
    stdin: { contents: ENTRY, resolveDir: REPO_ROOT, loader: 'js' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.svg': 'text' },
    logLevel: 'error',
  });
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    return {
      async normalise(xml) {
        const saved = await page.evaluate((text) => (window as unknown as { saveAsModeler(xml: string): Promise<{ xml: string; warnings: string[] }> }).saveAsModeler(text), xml);
        const droppedComments = [...xml.matchAll(/<!--([\s\S]*?)-->/g)].map((match) => match[1]!.trim());
        return { xml: saved.xml, droppedComments, warnings: saved.warnings };
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
