/**
 * FEEL's today() inside a text template's `{{#loop}}` body is the office's day too (office-today-in-loops.ts), as
 * in the rest of the template: headless Chromium in Europe/Berlin at 17:30 of 3月1日 — the PC's today — when it is
 * 00:30 of 3月2日 in 西宁; then the server's answers say its clock is days ahead of the PC's. The form view
 * (form-view.tsx) on a page of its own; the server's `Date` told to the app's clock as an answer's would be.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFormViewPage, openOfficeDayPage, SERVER_DAYS_AHEAD, textViewShows } from '../../support/form-view-page.js';

// the server's clock 4 days ahead: 3月6日 00:30 in 西宁
const SERVER = SERVER_DAYS_AHEAD;

const SCHEMA = {
  type: 'default',
  id: 'office-today-in-loops',
  schemaVersion: 18,
  components: [
    { type: 'text', id: 'top', text: '今天：{{today()}}' },
    // a list's rows, each with today() and a date compared with it; a nested list's too
    {
      type: 'text',
      id: 'rows',
      text: '{{#loop bills}}{{name}} {{today()}}{{#if date(this.day) > today()}} ⚠晚于今天{{/if}}；{{/loop}}',
    },
    { type: 'text', id: 'nested', text: '{{#loop groups}}{{#loop this.bills}}{{name}} {{string(today())}} {{"today()"}}；{{/loop}}{{/loop}}' },
  ],
};

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openOfficeDayPage());
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('the office’s day in a text’s loops', { timeout: 60_000 }, () => {
  it('should be the day in 西宁, not the PC’s local date, in a loop’s rows as above them', async () => {
    // given a PC in Berlin at 17:30 of 3月1日 (00:30 of 3月2日 in 西宁)
    // when a form with today() in a list's rows opens, one row of 3月2日 and one of 3月3日
    await open({
      bills: [
        { name: '门诊', day: '2026-03-02' },
        { name: '住院', day: '2026-03-03' },
      ],
      groups: [{ bills: [{ name: '药费' }] }],
    });

    // then each row's today is 3月2日, the day above the list too, and only 3月3日 is a later day
    await expect.poll(() => text('top')).toBe('今天：2026-03-02');
    expect(await text('rows')).toBe('门诊 2026-03-02；住院 2026-03-02 ⚠晚于今天；');
    // and a nested list's rows too, a text "today()" in quotes left as it is
    expect(await text('nested')).toBe('药费 2026-03-02 today()；');
  });

  it('should be the day in 西宁 by the server’s clock once it answered', async () => {
    // given the server's answers say 3月6日 00:30 in 西宁 (the PC's clock four days behind)
    await callFormViewPage(page, 'serverSays', SERVER);

    // when the form opens with a row of 3月6日 and one of 3月7日
    await open({
      bills: [
        { name: '门诊', day: '2026-03-06' },
        { name: '住院', day: '2026-03-07' },
      ],
      groups: [],
    });

    // then each row's today is 3月6日, and only 3月7日 is a later day
    await expect.poll(() => text('top')).toBe('今天：2026-03-06');
    expect(await text('rows')).toBe('门诊 2026-03-06；住院 2026-03-06 ⚠晚于今天；');
  });
});

async function open(data: Record<string, unknown>): Promise<void> {
  await callFormViewPage(page, 'open', SCHEMA, data);
}

/** What the form's text view `id` shows. */
function text(id: string): Promise<string> {
  return textViewShows(page, SCHEMA, id);
}
