/**
 * A headless Chromium page (playwright-core, /usr/bin/chromium) with the form-js viewer 1.23 that Camunda's
 * Tasklist uses, bundled on the fly with esbuild (the package ships no browser bundle), with the web apps' viewer
 * options. Tests import a form schema with data, read what the clerk would see, type into fields and submit, as in
 * a task list.
 */
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM } from '../../scripts/render/bpmn-renderer.js';
import { formViewerOptions } from '../../web-shared/src/form-js/form-viewer-options.js';

export interface SubmitResult {
  data: Record<string, unknown>;
  /** Field id → its validation messages. */
  errors: Record<string, string[]>;
}

export interface FormViewerPage {
  readonly page: Page;
  /** Imports a schema with data; answers the import warnings. */
  open(schema: unknown, data?: Record<string, unknown>): Promise<string[]>;
  /** Types into the input of the component with id `componentId` (replacing its value), then leaves it. */
  fill(componentId: string, value: string): Promise<void>;
  /** The visible text of the rendered form. */
  text(): Promise<string>;
  submit(): Promise<SubmitResult>;
  close(): Promise<void>;
}

export interface FormViewerOptions {
  /**
   * Serve the page from this origin (e.g. the engine's URL), as a task list served next to `/v2` is. Forms then
   * resolve the documents' relative `endpoint` against it with a documentEndpointBuilder, as Camunda's Tasklist
   * builds its own: form-js ignores an endpoint that is not an absolute URL.
   */
  origin?: string;
  /** Who logs in on `origin` (POST /login, session cookie) before documents are fetched; default the demo admin. */
  login?: { username: string; password: string };
}

export async function openFormViewerPage(options: FormViewerOptions = {}): Promise<FormViewerPage> {
  const viewerDir = dirname(createRequire(import.meta.url).resolve('@bpmn-io/form-js-viewer/package.json'));
  const bundle = await build({
    stdin: { contents: "export { Form } from '@bpmn-io/form-js-viewer';", resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'iife',
    globalName: 'FormJs',
    write: false,
    logLevel: 'silent',
  });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
  if (options.origin) {
    const login = options.login ?? { username: 'demo', password: 'demo' };
    const response = await page.request.post(new URL('/login', options.origin).href, { form: login });
    if (response.status() !== 204) throw new Error(`login on ${options.origin} failed: ${response.status()}`);
    await page.goto(new URL('/v2/topology', options.origin).href);
  }
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="form"></div></body></html>');
  await page.addStyleTag({ path: join(viewerDir, 'dist/assets/form-js.css') });
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });

  return {
    page,
    async open(schema, data = {}) {
      return page.evaluate(
        async ({ schema, data, viewerOptions }) => {
          const w = window as unknown as { formViewer?: { destroy(): void }; FormJs: { Form: new (options: object) => unknown } };
          w.formViewer?.destroy();
          document.getElementById('form')!.innerHTML = '';
          const documentEndpointBuilder = {
            buildUrl: (reference: { endpoint?: string }) => new URL(reference.endpoint ?? '', window.location.origin).href,
          };
          const form = new w.FormJs.Form({
            ...viewerOptions,
            container: document.getElementById('form'),
            additionalModules: [{ documentEndpointBuilder: ['value', documentEndpointBuilder] }],
          }) as {
            importSchema(schema: unknown, data: unknown): Promise<{ warnings: { message?: string }[] }>;
            destroy(): void;
          };
          w.formViewer = form;
          const { warnings } = await form.importSchema(schema, data);
          return warnings.map((warning) => warning.message ?? String(warning));
        },
        { schema, data, viewerOptions: formViewerOptions },
      );
    },
    async fill(componentId, value) {
      // form-js ids an input `fjs-form-<form instance>-<component id>`
      const field = page.locator(`input[id$="-${componentId}"]`);
      await field.fill(value);
      await field.blur();
    },
    text: () => page.locator('#form').innerText(),
    submit: () =>
      page.evaluate(() => {
        const w = window as unknown as { formViewer: { submit(): SubmitResult } };
        return w.formViewer.submit();
      }),
    close: () => browser.close(),
  };
}
