/**
 * FEEL's today() in a form's text templates (`{{ … }}`, form-js's templating: office-today-templating.ts) is the
 * office's day — Asia/Shanghai, by the server's clock — as in its expressions, and the date fields' calendars mark
 * that day as today (office-today-calendar.ts), not the PC's local date: headless
 * Chromium in Europe/Berlin at 17:30 of 3月1日, when it is 00:30 of 3月2日 in 西宁; then the server's answers say
 * its clock is days ahead of the PC's. The form view (form-view.tsx) on a page of its own; the server's `Date` is
 * told to the app's clock as an answer's would be (server-clock.ts).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFormViewPage, openOfficeDayPage, SERVER_DAYS_AHEAD, textViewShows } from '../../support/form-view-page.js';

// the server's clock 4 days ahead: 3月6日 00:30 in 西宁
const SERVER = SERVER_DAYS_AHEAD;

const SCHEMA = {
  type: 'default',
  id: 'office-today-templates',
  schemaVersion: 18,
  components: [
    { type: 'text', id: 'day', text: '今天：{{today()}}' },
    { type: 'text', id: 'warning', text: '{{#if treatmentTo != null and date(treatmentTo) > today()}}⚠ 出院日期晚于今天{{/if}}' },
    { type: 'datetime', id: 'treatmentTo', key: 'treatmentTo', subtype: 'date', dateLabel: '出院日期' },
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

describe('the office’s day in texts and calendars', { timeout: 60_000 }, () => {
  it('should be the day in 西宁 by the PC’s clock while no server answered, not the PC’s local date', async () => {
    // given a PC in Berlin at 17:30 of 3月1日 (00:30 of 3月2日 in 西宁)
    // when a form with today() in its texts opens, 3月2日 as 出院日期
    await open({ treatmentTo: '2026-03-02' });

    // then its today is 3月2日, and 3月2日 is no later day
    await expect.poll(() => text('day')).toBe('今天：2026-03-02');
    expect(await text('warning')).toBe('');
    // and the calendar marks 3月2日 as today
    expect(await calendarToday()).toBe('三月 2, 2026');
  });

  it('should be the day in 西宁 by the server’s clock once it answered', async () => {
    // given the server's answers say 3月6日 00:30 in 西宁 (the PC's clock four days behind)
    await callFormViewPage(page, 'serverSays', SERVER);

    // when the form opens with 3月7日 as 出院日期
    await open({ treatmentTo: '2026-03-07' });

    // then its today is 3月6日, and 3月7日 a later day
    await expect.poll(() => text('day')).toBe('今天：2026-03-06');
    expect(await text('warning')).toBe('⚠ 出院日期晚于今天');
    // and the calendar marks 3月6日 as today
    expect(await calendarToday()).toBe('三月 6, 2026');
  });

  it('should move on in a form left open, the calendar opened again', async () => {
    // given a form with an empty 出院日期 open on 3月6日 in 西宁 (the server's clock above), its calendar opened once
    await open({});
    expect(await calendarToday()).toBe('三月 6, 2026');

    // when the server's answers say 4月1日 00:30 in 西宁, the form still open
    await callFormViewPage(page, 'serverSays', 'Tue, 31 Mar 2026 16:30:00 GMT');

    // then its calendar, opened again, marks 4月1日 as today, and opens on April
    expect(await calendarToday()).toBe('四月 1, 2026');
    // and opened once more the same day, it stays so
    expect(await calendarToday()).toBe('四月 1, 2026');
  });
});

async function open(data: Record<string, unknown>): Promise<void> {
  await callFormViewPage(page, 'open', SCHEMA, data);
}

/** What the form's text view `id` shows. */
function text(id: string): Promise<string> {
  return textViewShows(page, SCHEMA, id);
}

/** The day the date field's calendar marks as today (opened with a click, as a clerk opens it), as its label says. */
async function calendarToday(): Promise<string | null> {
  await page.getByLabel('出院日期').click();
  const calendar = page.locator('.flatpickr-calendar.open');
  await calendar.waitFor();
  // (none: the month shown has no day marked, today's is another)
  const label = await calendar.locator('.flatpickr-day.today').evaluateAll((days) => days.map((day) => day.getAttribute('aria-label')).join('、') || null);
  await page.keyboard.press('Escape');
  return label;
}
