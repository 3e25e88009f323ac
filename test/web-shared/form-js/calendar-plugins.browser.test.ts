/**
 * The calendar plugins go into flatpickr's defaults once however often a form view puts them in, and however many
 * copies of calendar-plugins.ts a page holds (two bundles sharing one flatpickr): each would otherwise run twice on
 * a calendar. A plugin of someone else's stays. (A unit test could not load the module: flatpickr's typings are the
 * browser bundle's.)
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFormViewPage, openFormViewPage, SHOW_FORM } from '../../support/form-view-page.js';

const SCHEMA = { type: 'default', id: 'calendar-plugins', schemaVersion: 18, components: [{ type: 'datetime', id: 'day', key: 'day', subtype: 'date', dateLabel: '日期' }] };

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openFormViewPage(`
        ${SHOW_FORM}
        import flatpickr from 'flatpickr';
        export const open = (schema) => showForm({ schema, data: {} });
        // another library's plugin, and one of another copy of calendar-plugins.ts (marked as its own are)
        export function addOthers() {
          const theirs = () => ({});
          theirs.theirs = true;
          const anotherCopys = () => ({});
          anotherCopys[Symbol.for('web-shared.form-js.calendarPlugin')] = true;
          anotherCopys.anotherCopys = true;
          flatpickr.setDefaults({ plugins: [...flatpickr.defaultConfig.plugins, theirs, anotherCopys] });
        }
        export const plugins = () => flatpickr.defaultConfig.plugins.map((plugin) => plugin.theirs ? 'theirs' : plugin.anotherCopys ? 'another copy’s' : plugin.name);
      `));
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('the calendar plugins in flatpickr’s defaults', () => {
  it('should be there once, put in by every form opened and by another copy, beside another library’s', async () => {
    // given forms opened three times
    for (let time = 0; time < 3; time += 1) await call('open', SCHEMA);
    expect(await call('plugins')).toEqual(['officeTodayInCalendar', 'typedBeforeCalendar']);

    // when another library and another copy of ours put theirs in, and a form opens again
    await call('addOthers');
    await call('open', SCHEMA);

    // then ours are there once, after theirs, the other copy's gone
    expect(await call('plugins')).toEqual(['theirs', 'officeTodayInCalendar', 'typedBeforeCalendar']);
  });
});

function call(name: string, ...args: unknown[]): Promise<unknown> {
  return callFormViewPage(page, name, ...args);
}
