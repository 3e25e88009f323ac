/**
 * A date typed into a form as soon as it shows (web-shared/src/form-js/form-view.tsx, FC20's 就医结束（出院）日期) is
 * the form's, exactly as typed: the form opened again and again in the same page, the clerk types the date into the
 * field at once as the field shows it (年/月/日) and leaves it — with Tab, or Enter and a click elsewhere —; the field
 * keeps it, and the form's data (what a draft and 提交受理 take) has it. form-js's datepicker sets up its calendar
 * (flatpickr) only after the form is painted, and on the next frame wrote the form's value — empty — into the field:
 * a date typed meanwhile was wiped; and flatpickr, as it was set up, read a date still half typed ("2026/", "2026/3")
 * as a whole one and wrote its guess into the field under her fingers (typed-before-calendar.ts).
 *
 * The page's timers and frames run on Playwright's clock, held as the form shows, so the calendar is set up exactly
 * when the test lets the clock run: after the whole date was typed and left, or in the middle of typing it. Before
 * the fix every one of those lost the date or saved another; one more form is typed into with a delay per key on the
 * running clock, across the calendar's setup, as a clerk types.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFormViewPage, changesHandedOn, openFormViewPage, SHOW_FORM, submitShownForm } from '../../support/form-view-page.js';

const SCHEMA = JSON.parse(readFileSync('forms/fc20-application.form', 'utf8'));
const LABEL = '就医结束（出院）日期';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openFormViewPage(`
        ${SHOW_FORM}
        export const open = (schema) => showForm({ schema, data: {} });`));
  await page.clock.install({ time: new Date('2026-03-02T01:00:00Z') });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/**
 * What the clerk puts into the field before the calendar is set up — key by key, or at once (pasted, or an input
 * method's whole entry: one input event) —, what she types key by key after it, and how she leaves the field.
 */
interface Typing {
  keys?: string;
  atOnce?: string;
  after?: string;
  leave: 'Tab' | 'Enter';
}

const TYPINGS: Typing[] = [
  // the calendar set up at her first key (form-js sets it up before it redraws the field for her input)
  { keys: '2026/1/5', leave: 'Tab' },
  { keys: '2026/1/6', leave: 'Enter' },
  // the whole date at once, then left
  { atOnce: '2026/1/7', leave: 'Tab' },
  { atOnce: '2026/1/8', leave: 'Enter' },
  // half of it at once: the calendar set up with a date half typed, the rest typed on
  { atOnce: '2026', after: '/1/15', leave: 'Tab' },
  { atOnce: '2026/', after: '3/16', leave: 'Enter' },
  { atOnce: '2026/3', after: '/17', leave: 'Tab' },
  { atOnce: '2026/3/', after: '18', leave: 'Enter' },
  { atOnce: '2026/3/1', after: '9', leave: 'Tab' },
];

describe('a date typed as the form shows', { timeout: 60_000 }, () => {
  it('should be the form’s, exactly as typed, whenever the calendar is set up while she types', async () => {
    const lost: string[] = [];
    for (const typing of TYPINGS) {
      // given the form opened (again), the page's clock held (a busy PC): the date field shown, its calendar not
      // set up yet
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
      await open({ held: true });
      expect(await calendarSetUp(), 'the calendar set up before the test typed').toBe(false);

      // when the clerk puts a date, or part of one, into the field (the calendar set up meanwhile), types the rest
      // and leaves it: with Tab, or with Enter and a click elsewhere
      await page.getByLabel(LABEL).focus();
      if (typing.keys) await page.keyboard.type(typing.keys);
      if (typing.atOnce) await page.keyboard.insertText(typing.atOnce);
      expect(await calendarSetUp(), 'the calendar set up as she typed').toBe(true);
      if (typing.after) await page.keyboard.type(typing.after);
      // (the field shows what she typed, no more, no less, as she leaves it)
      const typed = (typing.keys ?? typing.atOnce ?? '') + (typing.after ?? '');
      const left = await page.getByLabel(LABEL).inputValue();
      await leave(typing.leave);
      // (the form's next frames, on the clock let run again)
      await page.clock.runFor(200);
      await page.clock.resume();

      // then the field shows what she typed, and the form's data has that date
      const wrong = await lostDate(typed);
      if (left !== typed || wrong) lost.push(`${typed} (${JSON.stringify(typing)}): as left ${JSON.stringify(left)}; ${wrong || 'kept'}`);
    }
    expect(lost).toEqual([]);
  });

  it('should be the form’s when typed key by key as the calendar is set up on the running clock', async () => {
    // given the form opened (again), the page's clock running
    await open();

    // when the clerk types a date key by key as it shows, and leaves it with Tab
    await page.getByLabel(LABEL).focus();
    await page.keyboard.type('2026/2/27', { delay: 40 });
    await page.keyboard.press('Tab');
    await page.evaluate(() => new Promise((done) => setTimeout(done, 200)));

    // then the form has that date
    expect(await lostDate('2026/2/27')).toBe('');
  });
});

async function leave(how: 'Tab' | 'Enter'): Promise<void> {
  if (how === 'Tab') {
    await page.keyboard.press('Tab');
  } else {
    await page.keyboard.press('Enter');
    await page.getByLabel(LABEL).blur();
  }
}

/** '' when the field shows `typed` and the form's data has its date (a draft's, the submit's); else what they have. */
async function lostDate(typed: string): Promise<string> {
  const [year, month, day] = typed.split('/');
  const iso = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  const shown = await page.getByLabel(LABEL).inputValue();
  const held = await submitted();
  const handedOn = await lastChange();
  return shown === typed && held === iso && handedOn === iso ? '' : `shown ${JSON.stringify(shown)}, form ${JSON.stringify(held)}, changed ${JSON.stringify(handedOn)}`;
}

/** Whether flatpickr has set up the date field's calendar (it marks its input). */
async function calendarSetUp(): Promise<boolean> {
  return page.getByLabel(LABEL).evaluate((input) => input.classList.contains('flatpickr-input'));
}

/** Opens the form; on a held clock, until its date field shows (form-js is ready only once the clock runs). */
async function open({ held = false } = {}): Promise<void> {
  const opened = callFormViewPage(page, 'open', SCHEMA);
  if (!held) return opened;
  // (the held clock let run a millisecond at a time until the field shows: its calendar comes some frames later)
  for (let ms = 0; ms < 1_000 && !(await page.getByLabel(LABEL).count()); ms += 1) await page.clock.runFor(1);
  await page.getByLabel(LABEL).waitFor({ timeout: 1_000 });
}

/** The date the open form submits. */
async function submitted(): Promise<unknown> {
  return (await submitShownForm(page)).data['treatmentTo'];
}

/** The date of the last data the view handed on as changed by the clerk. */
async function lastChange(): Promise<unknown> {
  return (await changesHandedOn(page)).at(-1)?.['treatmentTo'];
}
