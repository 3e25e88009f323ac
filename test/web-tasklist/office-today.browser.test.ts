/**
 * The forms' 「⚠ …晚于今天」 warnings in headless Chromium count from the office's day — Asia/Shanghai, by the
 * engine's clock (pinned here, as in training) — not the PC's local date: around Shanghai midnight, with the page's
 * clock in the test's hands (Playwright's page.clock) and the browser in Europe/Berlin (the harness's zone), where
 * it is still the day before; and on a PC in China, where feelin's own today() (local midnight) made today's date a
 * future one. FC20's start form: 就医结束（出院）日期 after today is warned of (web-shared/src/form-js/office-today.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { OFFICE_VIEWPORT, startTasklistHarness, submitLogin, type TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'xining-fc20-manual-reimbursement';
const CLERK = 'zhang-min';
// 3月1日 23:59 in 西宁; 3月1日 16:59 in Berlin
const BEFORE_MIDNIGHT = '2026-03-01T15:59:00Z';
// 3月2日 00:30 in 西宁; still 3月1日 (17:30) in Berlin
const AFTER_MIDNIGHT = '2026-03-01T16:30:00Z';
const FUTURE = '就医结束（出院）日期晚于今天';

let t: TasklistHarness;

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [PROCESS_ID], now: BEFORE_MIDNIGHT });
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe('task list (/tasklist): the forms’ today is the office’s', { timeout: 120_000 }, () => {
  it('should warn of a date after the office’s today (Asia/Shanghai, the engine’s clock), not the PC’s', async () => {
    // given the clerk's 新办件 of FC20 on a clock the test moves, at 23:59 in 西宁 (engine and browser alike)
    const page = await t.loginAs(CLERK);
    await page.clock.install({ time: new Date(BEFORE_MIDNIGHT) });
    await page.reload();
    await page.locator('.task-list-panel').waitFor();
    await page.getByRole('button', { name: '新办件' }).click();
    await page.getByRole('button', { name: '办理 医疗费用零星报销' }).click();
    await page.locator('.start-form .fjs-form').waitFor();

    // when she enters 3月2日 as the 出院日期
    await typeDate(page, '就医结束（出院）日期', '2026/3/2');

    // then it is tomorrow in 西宁: warned of
    await expect.poll(() => warnings(page)).toBe(1);

    // when the clock passes midnight in 西宁 (the engine's, and the page's: 17:30 of 3月1日 in the browser's zone)
    // and the page hears the engine's time (the list's next re-read)
    await t.harness.pinClock(AFTER_MIDNIGHT);
    await page.clock.fastForward(AFTER_MIDNIGHT_MS - Date.parse(BEFORE_MIDNIGHT));
    const heard = page.waitForResponse((response) => response.url().includes('/v2/') && Date.parse(response.headers()['date'] ?? '') >= AFTER_MIDNIGHT_MS);
    await page.clock.runFor(16_000);
    await heard;

    // then 3月3日 is warned of, and 3月2日 — today in 西宁, the day before in Berlin — no more
    await typeDate(page, '就医结束（出院）日期', '2026/3/3');
    await expect.poll(() => warnings(page)).toBe(1);
    await typeDate(page, '就医结束（出院）日期', '2026/3/2');
    await expect.poll(() => page.getByLabel('就医结束（出院）日期').inputValue()).toBe('2026/3/2');
    await expect.poll(() => warnings(page)).toBe(0);
    await page.context().close();
  });

  it('should not warn of today on a PC in China (feelin’s today() is local midnight, date() UTC midnight)', async () => {
    // given a counter PC in Asia/Shanghai at 09:00 of 3月2日, the engine's clock the same
    // when she enters tomorrow, then today, as the 出院日期
    // then only tomorrow is warned of
    await expectOnlyTomorrowWarnedOf({ engine: '2026-03-02T01:00:00Z', pc: '2026-03-02T01:00:00Z' });
  });

  it('should go by the engine’s day when the PC’s clock is a day behind it (serverNow(), not Date.now())', async () => {
    // given a counter PC in Asia/Shanghai whose clock says 3月1日 09:00, while the engine's says 3月2日 09:00
    // when she enters the engine's tomorrow, then its today (the PC's tomorrow), as the 出院日期
    // then only the engine's tomorrow is warned of
    await expectOnlyTomorrowWarnedOf({ engine: '2026-03-02T01:00:00Z', pc: '2026-03-01T01:00:00Z' });
  });
});

const AFTER_MIDNIGHT_MS = Date.parse(AFTER_MIDNIGHT);

/**
 * On a counter PC in Asia/Shanghai with its clock at `pc` and the engine's at `engine` (3月2日 09:00 in 西宁): a
 * clerk's FC20 新办件 warns of 2026/3/3 as 出院日期 and not of 2026/3/2.
 */
async function expectOnlyTomorrowWarnedOf(clocks: { engine: string; pc: string }): Promise<void> {
  await t.harness.pinClock(clocks.engine);
  const context = await t.browser.newContext({ viewport: OFFICE_VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.clock.install({ time: new Date(clocks.pc) });
  await page.goto(`${t.url}/tasklist/`);
  await submitLogin(page, CLERK);
  await page.getByRole('button', { name: '新办件' }).click();
  await page.getByRole('button', { name: '办理 医疗费用零星报销' }).click();
  await page.locator('.start-form .fjs-form').waitFor();

  await typeDate(page, '就医结束（出院）日期', '2026/3/3');
  await expect.poll(() => warnings(page)).toBe(1);
  await typeDate(page, '就医结束（出院）日期', '2026/3/2');

  await expect.poll(() => page.getByLabel('就医结束（出院）日期').inputValue()).toBe('2026/3/2');
  await expect.poll(() => warnings(page)).toBe(0);
  await context.close();
}

async function warnings(page: Page): Promise<number> {
  return page.locator('.start-form').getByText(FUTURE).count();
}

async function typeDate(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label);
  await input.fill(value);
  await input.press('Enter');
  await input.blur();
}
