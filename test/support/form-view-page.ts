/**
 * A Chromium page with the web apps' form view (web-shared/src/form-js/form-view.tsx) bundled in: `entry` is the
 * page's own module, exported as the global `FormViewPage`; it starts with `SHOW_FORM`, which shows forms for it.
 * The test calls the module's exports with `callFormViewPage`, and reads the form shown with `submitShownForm` and
 * `changesHandedOn`.
 */
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM } from '../../scripts/render/bpmn-renderer.js';
import { CHROMIUM_ARGS } from './tasklist-browser.js';

const FORM_VIEW = resolve('web-shared/src/form-js/form-view.tsx');

/**
 * The first lines of a page module: `showForm(props)` renders FormView into #form with `props` (the form shown before
 * gone first), and resolves once the form is ready, as `window.currentForm`; `window.changes` is what the view handed
 * on as changed by the clerk since. The export `setReadOnly(readOnly)` renders the same form (the same schema and
 * data) read-only or not, as the task list does when the clerk claims the task or lets it go.
 */
export const SHOW_FORM = `
  import { render, h } from 'preact';
  import { FormView } from '${FORM_VIEW}';
  let shown;
  function showForm(props) {
    const host = document.getElementById('form');
    render(null, host);
    window.changes = [];
    return new Promise((ready) => {
      shown = { ...props, onReady: (form) => form && ready(form), onChange: (data) => window.changes.push(data) };
      render(h(FormView, shown), host);
    }).then((form) => {
      window.currentForm = form;
    });
  }
  export function setReadOnly(readOnly) {
    render(h(FormView, { ...shown, readOnly }), document.getElementById('form'));
  }
`;

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

/** Calls the page module's export `name` with `args` in the page, and resolves with what it returns (awaited there). */
export function callFormViewPage<T = void>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([exported, values]) => (window as unknown as { FormViewPage: Record<string, (...values: unknown[]) => unknown> }).FormViewPage[exported]!(...values),
    [name, args] as const,
  ) as Promise<T>;
}

/** What the form shown submits: its data, and its errors per field. */
export function submitShownForm(page: Page): Promise<{ data: Record<string, unknown>; errors: Record<string, string[]> }> {
  return page.evaluate(() => (window as unknown as { currentForm: { submit(): { data: Record<string, unknown>; errors: Record<string, string[]> } } }).currentForm.submit());
}

/** The error form-js shows under the field labelled `label` (a required field's * left out), or null. */
export function fieldErrorOf(page: Page, label: string): Promise<string | null> {
  return page.evaluate((name) => {
    const input = Array.from(document.querySelectorAll<HTMLInputElement>('.fjs-form input')).find((element) => element.labels?.[0]?.innerText.replace(/\s*\*$/, '').trim() === name);
    return input?.closest('.fjs-form-field')?.querySelector('.fjs-form-field-error')?.textContent?.trim() || null;
  }, label);
}

/** What the view handed on as changed by the clerk since the form showed (a draft's), in order. */
export function changesHandedOn(page: Page): Promise<Record<string, unknown>[]> {
  return page.evaluate(() => (window as unknown as { changes: Record<string, unknown>[] }).changes);
}

/** A PC in Europe/Berlin at 17:30 of 3月1日, when it is 00:30 of 3月2日 in 西宁: its local date is not the office's day. */
export const BERLIN_EVENING = '2026-03-01T16:30:00Z';
/** A server's `Date` four days ahead of that PC's clock: 3月6日 00:30 in 西宁. */
export const SERVER_DAYS_AHEAD = 'Thu, 05 Mar 2026 16:30:00 GMT';

/**
 * A form view page on the PC of `BERLIN_EVENING` (its clock installed there, the test moves it): the module's
 * `open(schema, data)` shows a form, `serverSays(date)` tells the app's clock a server's `Date` as an answer's would
 * (server-clock.ts).
 */
export async function openOfficeDayPage(): Promise<{ browser: Browser; page: Page }> {
  const opened = await openFormViewPage(
    `
        ${SHOW_FORM}
        import { observeServerDate } from '${resolve('web-shared/src/api/server-clock.ts')}';
        export const open = (schema, data) => showForm({ schema, data });
        export const serverSays = observeServerDate;
      `,
    { timezoneId: 'Europe/Berlin' },
  );
  await opened.page.clock.install({ time: new Date(BERLIN_EVENING) });
  return opened;
}

/** What the text view of `schema`'s component `id` shows, in the form shown. */
export async function textViewShows(page: Page, schema: { components: { id: string }[] }, id: string): Promise<string> {
  const view = page.locator('.fjs-form-field-text').nth(schema.components.findIndex((component) => component.id === id));
  await view.waitFor({ state: 'attached' });
  return (await view.innerText()).trim();
}

/**
 * A form view page for the date fields' tests: the module's `open(schema, data)` shows a form (and `moreExports`, the
 * module's own lines, what else the test needs), the page's clock installed at `now` (2026/3/2 09:00 in 西宁 unless
 * told), held: the test moves it.
 */
export async function openDateFormPage(options: { now?: string; moreExports?: string } = {}): Promise<{ browser: Browser; page: Page }> {
  const opened = await openFormViewPage(`
        ${SHOW_FORM}
        export const open = (schema, data) => showForm({ schema, data });
        ${options.moreExports ?? ''}`);
  await opened.page.clock.install({ time: new Date(options.now ?? '2026-03-02T01:00:00Z') });
  return opened;
}

/**
 * The test file's date form page (`openDateFormPage` with `options`): opened before its tests, the page handed to
 * `opened`, its browser closed after them.
 */
export function openDateFormPageForFile(opened: (page: Page) => void, options: { now?: string; moreExports?: string } = {}): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    const shown = await openDateFormPage(options);
    browser = shown.browser;
    opened(shown.page);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
}

/** Shows `schema`'s form with `data` (the module's `open`), and lets half a second of the page's clock pass for it. */
export async function showFormWith(page: Page, schema: object, data: Record<string, unknown>): Promise<void> {
  await callFormViewPage(page, 'open', schema, data);
  await page.clock.runFor(500);
}

/** What the form shown submits, its data and its errors per field only (form-js hands on its files too). */
export async function submitForm(page: Page): Promise<{ data: Record<string, unknown>; errors: Record<string, unknown> }> {
  const { data, errors } = await submitShownForm(page);
  return { data, errors };
}

/** The clerk clicks into the field labelled `label`, selects what it holds and types `text` over it (she stays in it). */
export async function overtype(page: Page, label: string, text: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** The clerk overtypes the field labelled `label` with `text` and leaves it with Tab. */
export async function overtypeAndLeave(page: Page, label: string, text: string): Promise<void> {
  await overtype(page, label, text);
  await page.keyboard.press('Tab');
}

/** The clerk clicks into the field labelled `label`, selects what it holds, deletes it and leaves the field with Tab. */
export async function emptyAndLeave(page: Page, label: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Tab');
}

/**
 * From now on Ctrl+Enter submits the form shown in the keydown, as the task list's shortcut does (a listener on
 * window, added once); what it submitted is read with `submittedAtCtrlEnter`, nothing yet.
 */
export async function submitAtCtrlEnter(page: Page): Promise<void> {
  await page.evaluate(() => {
    const shown = window as unknown as { currentForm: { submit(): unknown }; ctrlEnterSubmitted?: unknown; ctrlEnterListening?: boolean };
    shown.ctrlEnterSubmitted = undefined;
    if (shown.ctrlEnterListening) return;
    shown.ctrlEnterListening = true;
    window.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && event.ctrlKey) shown.ctrlEnterSubmitted = shown.currentForm.submit();
    });
  });
}

/** What the form submitted at the last Ctrl+Enter (see `submitAtCtrlEnter`): its data, and its errors per field. */
export async function submittedAtCtrlEnter(page: Page): Promise<{ data: Record<string, unknown>; errors: Record<string, unknown> }> {
  const submitted = await page.evaluate(() => (window as unknown as { ctrlEnterSubmitted?: { data: Record<string, unknown>; errors: Record<string, unknown> } }).ctrlEnterSubmitted);
  if (!submitted) throw new Error('nothing submitted at Ctrl+Enter');
  return { data: submitted.data, errors: submitted.errors };
}

/** The error form-js shows under the (first) date field of the form shown, or null. */
export function dateFieldError(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('.fjs-form-field-datetime .fjs-form-field-error')?.textContent?.trim() || null);
}
