/**
 * The one pager (web-shared/src/layout/pager.tsx) looks the same in the monitor and in the task list, in headless
 * Chromium at 1366×768: a manager paging 案件查询 in the monitor and a case's 案件数据 in the task list with the
 * keyboard finds it as far under the list, its buttons as far from 「第 … 页」 and as high, in both, before and after
 * she turns the page. Its layout is in shared.css only (the task list's own sheet had it 6px under the list, the
 * monitor's 8px). 案件查询's answer is made to hold 120 cases (page.route) so that it has pages to turn.
 */
import type { Locator, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FC20_APPLICATION } from '../../support/fc20-sample-case.js';
import { startTasklistHarness, type TasklistHarness } from '../../support/tasklist-browser.js';

const PROCESS_ID = 'xining-fc20-manual-reimbursement';
/** 孙强 (config/users.json), a manager: may use the monitor and read the task list's tasks. */
const MANAGER = 'sun-qiang';
const TOTAL = 120;

let t: TasklistHarness;
let taskKey = '';

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [PROCESS_ID], now: '2026-03-02T09:30:00+08:00', monitor: true });
  const h = t.harness;
  const caseKey = await h.start(PROCESS_ID, { ...FC20_APPLICATION });
  await h.complete(caseKey, 'preliminaryReview', { as: 'window-first-review', variables: { receivedMaterials: FC20_APPLICATION.submittedMaterials, preliminaryReviewDecision: 'approved' } });
  taskKey = (await h.waitForTask(caseKey, 'registerAndReview')).userTaskKey;
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

/** Where the pager's parts stand, in CSS pixels: under the list before it, and from one another. */
interface PagerLook {
  display: string;
  belowList: number;
  previousToPosition: number;
  positionToNext: number;
  buttonHeight: number;
  /** The position text's middle against the buttons' (0: on one line, centred). */
  offCentre: number;
}

async function lookOf(pager: Locator): Promise<PagerLook> {
  return pager.evaluate((element) => {
    const [previous, position, next] = Array.from(element.children).map((child) => child.getBoundingClientRect());
    const box = element.getBoundingClientRect();
    const list = element.previousElementSibling!.getBoundingClientRect();
    return {
      display: getComputedStyle(element).display,
      belowList: Math.round((box.top - list.bottom) * 10) / 10,
      previousToPosition: Math.round((position!.left - previous!.right) * 10) / 10,
      positionToNext: Math.round((next!.left - position!.right) * 10) / 10,
      buttonHeight: Math.round(previous!.height * 10) / 10,
      offCentre: Math.round((position!.top + position!.height / 2 - (previous!.top + previous!.height / 2)) * 10) / 10,
    };
  });
}

const focused = (page: Page) => page.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? document.activeElement.textContent : document.activeElement?.tagName));

/** Tabs from 「上一页」 to 「下一页」 and presses Enter: the page after, the focus kept on 「下一页」. */
async function turnWithKeyboard(page: Page, pager: Locator, after: string): Promise<void> {
  await pager.getByRole('button', { name: '上一页' }).focus();
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('下一页');
  await page.keyboard.press('Enter');
  await expect.poll(() => pager.locator('span').innerText()).toBe(after);
  expect(await focused(page)).toBe('下一页');
  // where the list now stands is announced to a screen reader: her focus did not move
  expect(await pager.locator('span').getAttribute('aria-live')).toBe('polite');
}

describe('the pager in the monitor and the task list (Chromium, 1366×768)', { timeout: 120_000 }, () => {
  it('should stand as far under the list and space its buttons alike in 案件查询 and 案件数据, on either page', async () => {
    // given the monitor's 案件查询 answering 120 cases, opened by the manager
    const search = (url: URL) => url.pathname === '/v2/process-instances/search';
    const monitor = await t.openMonitorAs(MANAGER);
    await monitor.route(search, async (route: Route) => {
      const from = (route.request().postDataJSON() as { page?: { from?: number } }).page?.from ?? 0;
      const response = await route.fetch();
      const real = (await response.json()) as { items: Record<string, unknown>[] };
      const items = Array.from({ length: Math.max(0, Math.min(50, TOTAL - from)) }, (_, i) => ({ ...real.items[0], processInstanceKey: String(2251799813700000 + from + i) }));
      await route.fulfill({ response, json: { items, page: { totalItems: TOTAL, hasMoreTotalItems: false } } });
    });
    await monitor.goto(`${t.url}/monitor/instances`);
    await expect.poll(() => monitor.getByTestId('instances').locator('tbody tr').count()).toBe(50);
    const monitorPager = monitor.locator('.pager');

    // and the same manager on the task's 案件数据 in the task list
    const tasklist = await t.loginAs(MANAGER);
    await tasklist.goto(`${t.url}/tasklist/tasks/${taskKey}`);
    await tasklist.getByRole('button', { name: '查看案件数据' }).click();
    await tasklist.locator('.variables tbody tr').first().waitFor();
    const tasklistPager = tasklist.locator('.variables .pager');

    // when she looks at either pager on its first page
    const monitorFirst = await lookOf(monitorPager);
    const tasklistFirst = await lookOf(tasklistPager);

    // then they look the same: 8px under the list, 12px between their parts, on one line
    expect(monitorFirst).toEqual({ display: 'flex', belowList: 8, previousToPosition: 12, positionToNext: 12, buttonHeight: monitorFirst.buttonHeight, offCentre: 0 });
    expect(tasklistFirst).toEqual(monitorFirst);

    // when she turns to the next page with the keyboard in both
    await turnWithKeyboard(monitor, monitorPager, '第 51–100 条，共 120 条');
    await turnWithKeyboard(tasklist, tasklistPager, '第 2 / 2 页');

    // then they still look as before
    expect(await lookOf(monitorPager)).toEqual(monitorFirst);
    expect(await lookOf(tasklistPager)).toEqual(monitorFirst);
    await monitor.unrouteAll({ behavior: 'wait' });
  });
});
