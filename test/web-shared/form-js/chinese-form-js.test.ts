/**
 * Every form of forms/ in the form-js 1.23 viewer with the web apps' Chinese module, in Chromium whose language
 * is English: after an empty submit (all "required" messages out) no text or label of the page is form-js
 * English the module translates, every validation error is Chinese, and date fields ask for 年/月/日.
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../../../scripts/render/bpmn-renderer.js';
import { isTranslatedFormJsText } from '../../../web-shared/src/form-js/form-js-translations.js';
import { CHROMIUM_ARGS } from '../../support/tasklist-browser.js';

const FORMS = readdirSync('forms').filter((file) => file.endsWith('.form')).sort();

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    stdin: {
      contents: `export { Form } from '@bpmn-io/form-js-viewer'; export { chineseFormJsModule, useChineseDateDefaults } from '${resolve('web-shared/src/form-js/index.ts')}';`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    // the module's own fields (amounts-shown.tsx) are preact JSX; without this they threw "React is not defined" and
    // the forms rendered nothing, so the check below found no English in them
    jsx: 'automatic',
    jsxImportSource: 'preact',
    format: 'iife',
    globalName: 'ChineseFormJs',
    write: false,
    logLevel: 'silent',
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--lang=en-US'] });
  page = await browser.newPage({ locale: 'en-US' });
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="form"></div></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('form-js in Chinese', () => {
  it.each(FORMS)('should show %s without form-js English', async (file) => {
    // given
    const schema = JSON.parse(readFileSync(join('forms', file), 'utf8'));

    // when
    const shown = await page.evaluate(async (schema) => {
      type FormJs = { Form: new (options: object) => { importSchema(s: unknown, d: unknown): Promise<unknown>; submit(): { errors: object }; destroy(): void }; chineseFormJsModule: object; useChineseDateDefaults(): void };
      const w = window as unknown as { ChineseFormJs: FormJs; current?: { destroy(): void } };
      w.ChineseFormJs.useChineseDateDefaults();
      w.current?.destroy();
      const container = document.getElementById('form')!;
      container.innerHTML = '';
      const form = new w.ChineseFormJs.Form({ container, additionalModules: [w.ChineseFormJs.chineseFormJsModule] });
      w.current = form;
      await form.importSchema(schema, {});
      const { errors } = form.submit();
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const texts: string[] = [];
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.nodeValue ?? '');
      for (const element of Array.from(container.querySelectorAll('[placeholder],[aria-label],[title],[alt]'))) {
        for (const name of ['placeholder', 'aria-label', 'title', 'alt']) texts.push(element.getAttribute(name) ?? '');
      }
      const placeholders = Array.from(container.querySelectorAll('.fjs-datetime input')).map((input) => (input as HTMLInputElement).placeholder);
      return { texts, errors: JSON.stringify(errors), placeholders };
    }, schema);

    // then
    expect(shown.texts.filter(isTranslatedFormJsText)).toEqual([]);
    const messages = [...shown.errors.matchAll(/"([^"]*)"/g)].map((match) => match[1]!).filter((text) => /[A-Za-z]{3}/.test(text) && !/^f_|^[A-Za-z0-9_]+$/.test(text));
    expect(messages).toEqual([]);
    for (const placeholder of shown.placeholders) expect(placeholder).toBe('年/月/日');
  });
});

describe('limit messages in Chinese', () => {
  const errorsOf = (data: object) =>
    page.evaluate(
      async ({ schema, data }) => {
        type FormJs = { Form: new (options: object) => { importSchema(s: unknown, d: unknown): Promise<unknown>; submit(): { errors: Record<string, string[]> }; destroy(): void }; chineseFormJsModule: object };
        const w = window as unknown as { ChineseFormJs: FormJs; current?: { destroy(): void } };
        w.current?.destroy();
        const container = document.getElementById('form')!;
        container.innerHTML = '';
        const form = new w.ChineseFormJs.Form({ container, additionalModules: [w.ChineseFormJs.chineseFormJsModule] });
        w.current = form;
        await form.importSchema(schema, data);
        // the field instances submit validates are registered when the form has rendered
        await new Promise<void>((resolve) => {
          if (container.querySelector('input')) return resolve();
          new MutationObserver((_, observer) => {
            if (!container.querySelector('input')) return;
            observer.disconnect();
            resolve();
          }).observe(container, { childList: true, subtree: true });
        });
        const { errors } = form.submit();
        return Object.fromEntries(Object.entries(errors).map(([id, messages]) => [id.replace(/^.*-(f_)/, '$1'), messages]));
      },
      { schema: JSON.parse(readFileSync('forms/fc20-register-review.form', 'utf8')) as unknown, data },
    );

  it('should not blame the limit when the value itself is no number (「1,000」)', async () => {
    // given
    const data = { totalExpenses: '23600.50', poolingFundPayment: '1000.00', outOfCatalogueExpenses: '0', partialSelfPayment: '0', deductible: '0' };

    // when
    const noNumber = await errorsOf({ ...data, seriousIllnessPayment: '1,000' });
    const tooLarge = await errorsOf({ ...data, seriousIllnessPayment: '30000' });

    // then the pattern message alone under the field; a numeric value is still checked against the limit
    expect(noNumber['f_seriousIllnessPayment']).toEqual(['请填写以元为单位的金额，最多两位小数，如 1234.56']);
    expect(tooLarge['f_seriousIllnessPayment']).toEqual([expect.stringContaining('22600.50')]);
  });
});
