/**
 * A Chromium page with the web apps' form view (web-shared/src/form-js/form-view.tsx) bundled in: `entry` is the
 * page's own module, exported as the global `FormViewPage`; `FORM_VIEW` is the path it imports FormView from.
 */
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM } from '../../scripts/render/bpmn-renderer.js';
import { CHROMIUM_ARGS } from './tasklist-browser.js';

export const FORM_VIEW = resolve('web-shared/src/form-js/form-view.tsx');

export async function openFormViewPage(entry: string, options: { viewport?: { width: number; height: number }; formJsStyles?: boolean; timezoneId?: string } = {}): Promise<{ browser: Browser; page: Page }> {
  const bundle = await build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: 'tsx' },
    bundle: true,
    format: 'iife',
    globalName: 'FormViewPage',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    write: false,
    logLevel: 'silent',
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ ...(options.viewport && { viewport: options.viewport }), ...(options.timezoneId && { timezoneId: options.timezoneId }) });
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="form"></div></body></html>');
  if (options.formJsStyles) {
    const viewerDir = dirname(createRequire(import.meta.url).resolve('@bpmn-io/form-js-viewer/package.json'));
    await page.addStyleTag({ path: join(viewerDir, 'dist/assets/form-js.css') });
  }
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  return { browser, page };
}
