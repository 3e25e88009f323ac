/**
 * The form view's `now` (form-view.tsx): the clock FEEL's today() reads in the forms (office-today.ts) when it is
 * not the app's server's — the modeler's Play panel gives its sandbox's, moved days ahead by the analyst (沙箱时钟),
 * so Play's task forms warn 晚于今天 by the sandbox's day. FC20's 就医结束（出院）日期, in headless Chromium; the
 * page's clock is the test's, and no server answered, so the app's clock is the page's.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFormViewPage, openFormViewPage, SHOW_FORM } from '../../support/form-view-page.js';

const SCHEMA = JSON.parse(readFileSync('forms/fc20-application.form', 'utf8'));
// 3月2日 09:00 in 西宁; the sandbox's clock 7 days ahead
const REAL = '2026-03-02T01:00:00Z';
const SANDBOX = '2026-03-09T01:00:00Z';
const FUTURE = '就医结束（出院）日期晚于今天';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openFormViewPage(`
        ${SHOW_FORM}
        export const open = (schema, now) => showForm({ schema, data: {}, now: now ? () => Date.parse(now) : undefined });
      `));
  await page.clock.install({ time: new Date(REAL) });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('FormView’s now: whose clock the forms’ today() reads', { timeout: 60_000 }, () => {
  it('should warn by the app’s day without it, and by the given clock’s day (the Play sandbox’s) with it', async () => {
    // given the form on the app's clock (3月2日): 3月5日 is after today
    await open(undefined);
    await typeDate('2026/3/5');
    await expect.poll(() => warnings()).toBe(1);

    // when the same form is opened with the sandbox's clock (3月9日)
    await open(SANDBOX);
    await typeDate('2026/3/5');

    // then 3月5日 is before its today, and 3月10日 after it
    await expect.poll(() => warnings()).toBe(0);
    await typeDate('2026/3/10');
    await expect.poll(() => warnings()).toBe(1);
  });
});

async function open(now: string | undefined): Promise<void> {
  await callFormViewPage(page, 'open', SCHEMA, now);
}

async function warnings(): Promise<number> {
  return page.getByText(FUTURE).count();
}

async function typeDate(value: string): Promise<void> {
  const input = page.getByLabel('就医结束（出院）日期');
  // (once: a date typed before the field's calendar was set up stays, typed-before-calendar.ts)
  await input.fill(value);
  await input.press('Enter');
  await input.blur();
  expect(await input.inputValue()).toBe(value);
}
