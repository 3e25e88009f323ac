/**
 * The monitor's date inputs in headless Chromium whose language is English (`locale: 'en-US'`, as every browser
 * test here): the period picker of 首页 and the date fields of 案件查询 show and read dates year first with a
 * Chinese calendar (十二月, weeks from 周一), not the `mm/dd/yyyy` of a native date input on an English PC.
 * Keyboard only: typing `2026-12-05` works, ↓ and the arrows pick in the calendar, Esc closes it, Tab goes on to
 * the next field; an impossible date and a from-date after the to-date are refused in Chinese; the calendar
 * stays on the 1366×768 screen. When the calendar's code cannot be loaded, the popup says so in Chinese and typed
 * dates still work.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunksHolding } from '../support/built-chunks.js';
import { MANAGER, startMonitorHarness } from '../support/monitor-browser.js';
import { OFFICE_VIEWPORT, type TasklistHarness } from '../support/tasklist-browser.js';

let t: TasklistHarness;
let page: Page;

beforeAll(async () => {
  t = await startMonitorHarness({}, { now: '2026-12-05T09:00:00+08:00' });
  page = await t.openMonitorAs(MANAGER);
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

const activeId = () => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.textContent ?? '');
const calendarOf = (id: string) => page.locator(`#${id} + .date-input-calendar`);

describe('the date inputs of the monitor (/monitor) in an English-language Chromium', { timeout: 120_000 }, () => {
  it('should show the period picker in Chinese and take a date typed year first', async () => {
    // given an English browser
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    const from = page.getByLabel('开始日期');
    expect(await from.getAttribute('type')).toBe('text');
    expect(await from.getAttribute('placeholder')).toBe('年-月-日');

    // when the manager types a date
    await from.click();
    await page.keyboard.type('2026-12-05');

    // then the calendar under it is Chinese, weeks from Monday, at the typed month
    const calendar = calendarOf('period-from');
    await calendar.waitFor({ state: 'visible' });
    expect(await calendar.locator('.flatpickr-monthDropdown-months option:checked').innerText()).toBe('十二月');
    expect(await calendar.locator('.cur-year').inputValue()).toBe('2026');
    expect(await calendar.locator('.flatpickr-weekday').first().innerText()).toBe('周一');
    expect(await calendar.locator('.flatpickr-day.selected').getAttribute('aria-label')).toBe('2026年12月5日');
    expect(await calendar.innerText()).not.toMatch(/December|Mon|Sun/);
    // on the office screen
    const box = (await calendar.locator('.flatpickr-calendar').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(OFFICE_VIEWPORT.width);
    expect(box.y + box.height).toBeLessThanOrEqual(OFFICE_VIEWPORT.height);

    // and Esc closes it, the text box keeping the focus and the date
    await page.keyboard.press('Escape');
    expect(await calendar.isVisible()).toBe(false);
    expect(await activeId()).toBe('period-from');
    expect(await from.inputValue()).toBe('2026-12-05');
  });

  it('should go on with Tab to the to-date, then to 查询, the calendars closed', async () => {
    // when
    await page.keyboard.press('Tab');

    // then
    expect(await activeId()).toBe('period-to');
    expect(await calendarOf('period-from').isVisible()).toBe(false);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('查询');
    expect(await calendarOf('period-to').isVisible()).toBe(false);
  });

  it('should refuse a from-date after the to-date in Chinese, the to-date shown year first', async () => {
    // when the to-date is typed another way and Enter pressed
    const to = page.getByLabel('结束日期');
    await to.click();
    await page.keyboard.type('2026/12/1');
    await page.keyboard.press('Enter');

    // then
    const alert = page.locator('.period-picker [role="alert"]');
    await expect.poll(() => alert.innerText()).toBe('开始日期 2026-12-05 晚于结束日期 2026-12-01，请调换或修改');
    expect(await to.inputValue()).toBe('2026-12-01');
    expect(await page.getByLabel('开始日期').getAttribute('aria-invalid')).toBe('true');
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: '查询' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('should say in Chinese that an impossible date is no date, keeping what was typed', async () => {
    // when
    const to = page.getByLabel('结束日期');
    await to.fill('');
    await to.click();
    await page.keyboard.type('2026-02-30');
    await page.keyboard.press('Tab');

    // then: below the field
    const message = page.locator('#period-to-error');
    await expect.poll(() => message.innerText()).toBe('「2026-02-30」不是有效日期，请按 年-月-日 输入，例如 2026-12-05');
    expect(await to.inputValue()).toBe('2026-02-30');
    expect(await to.getAttribute('aria-describedby')).toBe('period-to-error');

    // and 查询 takes the focus back to it, searching nothing
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(activeId).toBe('period-to');
    expect(await page.locator('[role="alert"]').allInnerTexts()).toEqual(['「2026-02-30」不是有效日期，请按 年-月-日 输入，例如 2026-12-05']);
    expect(await page.getByRole('button', { name: '查询' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('should pick a day in the calendar with the keyboard, then show the chosen period', async () => {
    // when: ↓ into the calendar at the 5th, → to the 6th, Enter
    const from = page.getByLabel('开始日期');
    await from.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('2026年12月5日');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');

    // then
    await expect.poll(() => from.inputValue()).toBe('2026-12-06');
    expect(await activeId()).toBe('period-from');
    expect(await calendarOf('period-from').isVisible()).toBe(false);

    // and with a day clicked in the to-date's calendar, the period is searched
    const to = page.getByLabel('结束日期');
    await to.fill('2026-12-01');
    await to.click();
    await calendarOf('period-to').locator('.flatpickr-day[aria-label="2026年12月31日"]').click();
    expect(await to.inputValue()).toBe('2026-12-31');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.locator('.period-line').innerText()).toContain('统计期间：2026-12-06 至 2026-12-31');
    expect(await page.locator('.period-picker [role="alert"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: '查询' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('should search 案件查询 by dates typed year first, refusing an end range that runs backwards', async () => {
    // given
    await page.getByRole('link', { name: '案件查询' }).first().click();
    await page.getByLabel('受理自').waitFor();
    expect(await page.locator('.search-form input[type="date"]').count()).toBe(0);

    // when the end dates run backwards
    await page.getByLabel('办结自').fill('2026-03-05');
    await page.getByLabel('办结至').fill('2026-3-1');
    await page.getByRole('button', { name: '查询', exact: true }).click();

    // then
    await expect.poll(() => page.locator('.banner.error').innerText()).toBe('开始日期 2026-03-05 晚于结束日期 2026-03-01，请调换或修改');
    expect(page.url()).not.toContain('endFrom');

    // when they are put right and the start dates given
    await page.getByLabel('办结自').fill('2026年3月1日');
    await page.getByLabel('办结至').fill('2026-03-05');
    await page.getByLabel('受理自').fill('20260201');
    await page.getByRole('button', { name: '查询', exact: true }).click();

    // then the search is in the address with ISO dates, and the fields show them year first
    await page.waitForURL(/endFrom=2026-03-01/);
    expect(new URL(page.url()).searchParams.get('endTo')).toBe('2026-03-05');
    expect(new URL(page.url()).searchParams.get('startFrom')).toBe('2026-02-01');
    expect(await page.locator('.banner.error').count()).toBe(0);
    await expect.poll(() => page.getByLabel('受理自').inputValue()).toBe('2026-02-01');
    expect(await page.getByLabel('办结自').inputValue()).toBe('2026-03-01');
  });

  it('should say so at the field when an address brings a date that is no date, searching nothing', async () => {
    // given a shared address with an impossible start date
    await page.goto(`${t.url}/monitor/instances?startFrom=2026-02-30`);
    const field = page.getByLabel('受理自');
    await expect.poll(() => field.inputValue()).toBe('2026-02-30');
    await expect.poll(() => page.locator('#instances-startFrom-error').count()).toBe(1);
    expect(await page.getByTestId('instances-total').count()).toBe(0);

    // when
    await page.getByRole('button', { name: '查询', exact: true }).click();

    // then
    await expect.poll(() => page.locator('#instances-startFrom-error').innerText()).toBe('「2026-02-30」不是有效日期，请按 年-月-日 输入，例如 2026-12-05');
    expect(await activeId()).toBe('instances-startFrom');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).search).toBe('?startFrom=2026-02-30');
  });

  it('should build a calendar first asked for with ↓ on the page and put the focus on the field\'s date', async () => {
    // given a page just loaded (the calendar's code loads when a calendar first opens) and a date typed
    await page.goto(`${t.url}/monitor/instances`);
    const to = page.getByLabel('办结至');
    await to.fill('2026-03-05');
    expect(await page.locator('.flatpickr-calendar').count()).toBe(0);

    // when
    await to.focus();
    await page.keyboard.press('ArrowDown');

    // then the day has the focus once the calendar is there, and Esc goes back to the text box
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('2026年3月5日');
    expect(await calendarOf('instances-endTo').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await activeId()).toBe('instances-endTo');
    expect(await calendarOf('instances-endTo').isVisible()).toBe(false);
  });

  it('should say in Chinese that the calendar could not be loaded and still take dates typed', async () => {
    // given a fresh page whose request for flatpickr's chunk fails (a network cut, a new version deployed)
    const chunks = chunksHolding('monitor', 'node_modules/flatpickr/dist/esm/index.js');
    expect(chunks).toHaveLength(1);
    const cut = await t.openMonitorAs(MANAGER);
    let refused = 0;
    await cut.route(`**/monitor/assets/${chunks[0]}`, (route) => {
      refused++;
      return route.abort('failed');
    });
    const from = cut.getByLabel('开始日期');

    // when the manager opens the from-date's calendar
    await from.click();

    // then the popup says so, no calendar in it
    const calendar = cut.locator('#period-from + .date-input-calendar');
    await expect.poll(() => calendar.innerText()).toBe('日历未能加载，请直接输入日期（如 2026-12-05），或刷新页面后重试');
    expect(refused).toBe(1);
    expect(await cut.locator('.flatpickr-calendar').count()).toBe(0);

    // and ↓ leaves the focus in the text box, Esc closes the popup
    await cut.keyboard.press('ArrowDown');
    expect(await cut.evaluate(() => document.activeElement?.id)).toBe('period-from');
    expect(await calendar.isVisible()).toBe(true);
    await cut.keyboard.press('Escape');
    expect(await calendar.isVisible()).toBe(false);

    // when the period is typed
    await cut.keyboard.type('2026/12/1');
    await cut.keyboard.press('Tab');
    expect(await cut.evaluate(() => document.activeElement?.id)).toBe('period-to');
    await cut.keyboard.type('2026-12-03');
    // (the to-date's calendar says the same at once: the failed load is not asked for again)
    await cut.getByLabel('结束日期').click();
    await expect.poll(() => cut.locator('#period-to + .date-input-calendar').innerText()).toBe('日历未能加载，请直接输入日期（如 2026-12-05），或刷新页面后重试');
    expect(refused).toBe(1);
    await cut.getByRole('button', { name: '查询' }).click();

    // then the typed period is searched
    await expect.poll(() => cut.locator('.period-line').innerText()).toContain('统计期间：2026-12-01 至 2026-12-03');
    expect(await from.inputValue()).toBe('2026-12-01');
    expect(await cut.locator('.period-picker [role="alert"]').count()).toBe(0);
  });
});
