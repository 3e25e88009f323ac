/**
 * A date typed into a form as soon as it shows (web-shared/src/form-js/form-view.tsx, FC20's 就医结束（出院）日期) is
 * the form's: the form opened again and again in the same page, the clerk types the date into the field at once as
 * the field shows it (年/月/日) and leaves it — with Tab, or Enter and a click elsewhere —; the field keeps it, and
 * the form's data (what a draft and 提交受理 take) has it. form-js's datepicker sets up its calendar (flatpickr) only
 * after the form is painted, and on the next frame wrote the form's value — empty — into the field: a date typed
 * meanwhile was wiped (typed-before-calendar.ts). The page's timers and frames run on Playwright's clock (as in the
 * forms' today() tests), later than an idle PC's — as a busy one's —: before the fix 1 or 2 forms of 20 lost the date (4 runs).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_VIEW, openFormViewPage } from '../../support/form-view-page.js';

const SCHEMA = JSON.parse(readFileSync('forms/fc20-application.form', 'utf8'));
const LABEL = '就医结束（出院）日期';
/** Forms opened and typed into; each a new day of January. */
const TRIES = 20;

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openFormViewPage(`
        import { render, h } from 'preact';
        import { FormView } from '${FORM_VIEW}';
        export function open(schema) {
          const host = document.getElementById('form');
          render(null, host);
          return new Promise((ready) => {
            // the data the view hands on as changed by the clerk (a draft's)
            window.changes = [];
            render(h(FormView, { schema, data: {}, onReady: (form) => form && ready(form), onChange: (data) => window.changes.push(data) }), host);
          }).then((form) => (window.currentForm = form));
        }`));
  await page.clock.install({ time: new Date('2026-03-02T01:00:00Z') });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('a date typed as the form shows', { timeout: 120_000 }, () => {
  it('should be the form’s, in every form opened again in the same page', async () => {
    const lost: string[] = [];
    for (let day = 1; day <= TRIES; day += 1) {
      // given the form opened (again)
      await open();

      // when the clerk types a date into the field at once, as it shows (年/月/日), and leaves it: with Tab, or
      // (as the other tests type dates) with Enter and a click elsewhere
      const typed = `2026/1/${day}`;
      const input = page.getByLabel(LABEL);
      if (day % 2 === 0) {
        await input.focus();
        await page.keyboard.type(typed);
        await page.keyboard.press('Tab');
      } else {
        await input.fill(typed);
        await input.press('Enter');
        await input.blur();
      }
      // (the form's next frames: the calendar set up)
      await page.evaluate(() => new Promise((done) => setTimeout(done, 200)));

      // then the field still shows it, and the form's data has it (a draft's, the submit's)
      const shown = await page.getByLabel(LABEL).inputValue();
      const held = await submitted();
      const handedOn = await lastChange();
      const iso = `2026-01-${String(day).padStart(2, '0')}`;
      if (shown !== typed || held !== iso || handedOn !== iso) lost.push(`${typed}: shown ${JSON.stringify(shown)}, form ${JSON.stringify(held)}, changed ${JSON.stringify(handedOn)}`);
    }
    expect(lost).toEqual([]);
  });
});

async function open(): Promise<void> {
  await page.evaluate((schema) => (window as unknown as { FormViewPage: { open(schema: unknown): Promise<void> } }).FormViewPage.open(schema), SCHEMA);
}

/** The date the open form submits. */
async function submitted(): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { currentForm: { submit(): { data: Record<string, unknown> } } }).currentForm.submit().data['treatmentTo']);
}

/** The date of the last data the view handed on as changed by the clerk. */
async function lastChange(): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { changes: Record<string, unknown>[] }).changes.at(-1)?.['treatmentTo']);
}
