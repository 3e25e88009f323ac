/**
 * 案件查询's pager in headless Chromium (web-shared/src/layout/pager.tsx): a manager paging the result with the
 * keyboard only keeps her focus on 「下一页」 to the last page, where it says there is no page after it and Enter does
 * nothing; while a page is read the page before stays, dimmed, with the pager. While a new search is read (she changed
 * a condition and pressed 查询) the last search's list stays dimmed and out of reach, its total, pager and batch
 * actions gone and 正在查询… said instead. The engine's answers to the case search are made to hold 120 cases
 * (page.route), the requests the test looks at held until it lets them go.
 */
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceTaskProcess } from '../support/bpmn.js';
import { MANAGER, startMonitorHarness } from '../support/monitor-browser.js';
import type { TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'monitor-instances-pager';
const TOTAL = 120;

let t: TasklistHarness;
let page: Page;

beforeAll(async () => {
  t = await startMonitorHarness({ [PROCESS_ID]: serviceTaskProcess('monitor-test-nobody-works-this', { processId: PROCESS_ID, task: 'wait', name: '翻页测试' }) });
  await t.harness.start(PROCESS_ID, { personName: '马福林' });
  page = await t.openMonitorAs(MANAGER);
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

/** The engine's answer to a case search from `from`, made to be one page of 120 open cases. */
async function answer(route: Route, from: number): Promise<void> {
  const response = await route.fetch();
  const real = (await response.json()) as { items: Record<string, unknown>[] };
  const template = real.items[0]!;
  const items = Array.from({ length: Math.max(0, Math.min(50, TOTAL - from)) }, (_, i) => ({
    ...template,
    processInstanceKey: String(2251799813700000 + from + i),
    state: 'ACTIVE',
  }));
  await route.fulfill({ response, json: { items, page: { totalItems: TOTAL, hasMoreTotalItems: false } } });
}

describe('案件查询 while another page or another search is read (/monitor, Chromium)', { timeout: 120_000 }, () => {
  it('should keep the focus on 「下一页」 to the last page, the rows before dimmed while a page is read', async () => {
    // given the case search answering 120 cases, the pages after the first held
    const held: { from: number; let: () => Promise<void> }[] = [];
    const search = (url: URL) => url.pathname === '/v2/process-instances/search';
    await page.route(search, async (route) => {
      const from = (route.request().postDataJSON() as { page?: { from?: number } }).page?.from ?? 0;
      if (from === 0) await answer(route, 0);
      else held.push({ from, let: () => answer(route, from) });
    });
    await page.goto(`${t.url}/monitor/instances`);
    const section = page.locator('section[aria-labelledby="instances-title"]');
    const list = page.getByTestId('instances');
    const pager = page.locator('.pager');
    const position = pager.locator('span');
    const next = pager.getByRole('button', { name: '下一页' });
    const firstKey = () => list.locator('tbody tr').first().getAttribute('data-case');
    const focused = () => page.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? document.activeElement.textContent : document.activeElement?.tagName));
    await expect.poll(() => list.locator('tbody tr').count()).toBe(50);
    expect(await firstKey()).toBe('2251799813700000');

    // when she tabs from 「上一页」 to 「下一页」 and presses Enter
    await pager.getByRole('button', { name: '上一页' }).focus();
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('下一页');
    await page.keyboard.press('Enter');
    await expect.poll(() => held.length).toBe(1);

    // then, while the page is read, the first page's rows stay, dimmed, and her focus stays on 「下一页」
    expect(held[0]!.from).toBe(50);
    expect(await focused()).toBe('下一页');
    expect(await position.innerText()).toBe('第 51–100 条，共 120 条');
    expect(await list.locator('tbody tr').count()).toBe(50);
    expect(await section.getAttribute('aria-busy')).toBe('true');
    expect(await page.locator('.table-scroll.stale-figures').count()).toBe(1);

    // when the page comes: its rows, not dimmed, the focus still on 「下一页」
    await held.shift()!.let();
    await expect.poll(firstKey).toBe('2251799813700050');
    expect(await section.getAttribute('aria-busy')).toBe('false');
    expect(await page.locator('.table-scroll.stale-figures').count()).toBe(0);
    expect(await focused()).toBe('下一页');

    // when she presses Enter again, to the last page
    await page.keyboard.press('Enter');
    await expect.poll(() => held.length).toBe(1);
    expect(await focused()).toBe('下一页');
    await held.shift()!.let();

    // then the last page's 20 rows are shown, 「下一页」 says there is no page after it and keeps her focus
    await expect.poll(firstKey).toBe('2251799813700100');
    expect(await list.locator('tbody tr').count()).toBe(20);
    expect(await position.innerText()).toBe('第 101–120 条，共 120 条');
    expect(await next.getAttribute('aria-disabled')).toBe('true');
    expect(await focused()).toBe('下一页');

    // and Enter there reads nothing and changes nothing
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(held).toHaveLength(0);
    expect(await position.innerText()).toBe('第 101–120 条，共 120 条');
    expect(await firstKey()).toBe('2251799813700100');
    expect(await focused()).toBe('下一页');
    await page.unroute(search);
  });

  it('should dim the last search\'s list while a new search is read, claiming neither its total nor its pages, then show the new result', async () => {
    // given the case search answering 120 cases (the engine's one open case, 马福林's, made 120), and the search for
    // 办理中 with the engine's own answer (that one case), each held until the test lets it go
    const held: (() => Promise<void>)[] = [];
    const search = (url: URL) => url.pathname === '/v2/process-instances/search';
    await page.route(search, async (route) => {
      const body = route.request().postDataJSON() as { filter?: { state?: string } };
      if (body.filter?.state === 'ACTIVE') held.push(async () => route.fulfill({ response: await route.fetch() }));
      else held.push(() => answer(route, 0));
    });
    try {
      // when 案件查询 opens: nothing listed yet, the page says it is searching
      await page.goto(`${t.url}/monitor/instances`);
      const section = page.locator('section[aria-labelledby="instances-title"]');
      const list = page.getByTestId('instances');
      const total = page.getByTestId('instances-total');
      const scroll = page.locator('.table-scroll');
      const selectAll = page.getByRole('button', { name: '全选（所有符合条件的案件）' });
      await expect.poll(() => held.length).toBe(1);
      await expect.poll(() => total.count()).toBe(1);
      expect(await total.innerText()).toBe('正在查询…');
      expect(await section.getAttribute('aria-busy')).toBe('true');
      expect(await list.count()).toBe(0);

      // and the 120 cases come
      await held.shift()!();
      await expect.poll(() => list.locator('tbody tr').count()).toBe(50);
      expect(await section.getAttribute('aria-busy')).toBe('false');
      expect(await total.innerText()).toBe('共 120 件');
      expect(await page.locator('.pager').count()).toBe(1);
      expect(await selectAll.count()).toBe(1);

      // when she asks for the open cases only
      await page.getByLabel('状态').selectOption('ACTIVE');
      await page.getByRole('button', { name: '查询', exact: true }).click();
      await expect.poll(() => held.length).toBe(1);

      // then, while the engine answers, the 120 cases' rows stay dimmed and cannot be selected, the section is busy,
      // and neither their total, nor their pages, nor 全选 of them stands for the new search
      await expect.poll(() => section.getAttribute('aria-busy')).toBe('true');
      expect(await scroll.getAttribute('class')).toContain('stale-figures');
      expect(await scroll.evaluate((element) => (element as HTMLElement).inert)).toBe(true);
      expect(await list.locator('tbody tr').count()).toBe(50);
      expect(await total.innerText()).toBe('正在查询…');
      expect(await page.locator('.pager').count()).toBe(0);
      expect(await selectAll.count()).toBe(0);

      // when the engine's answer comes
      await held.shift()!();

      // then its one case is listed, neither dimmed nor busy, with its total and 全选 again
      await expect.poll(() => section.getAttribute('aria-busy')).toBe('false');
      expect(await total.innerText()).toBe('共 1 件');
      expect(await list.locator('tbody tr').count()).toBe(1);
      expect(await list.locator('tbody tr [data-testid="applicant"]').innerText()).toBe('马福林');
      expect(await scroll.getAttribute('class')).not.toContain('stale-figures');
      expect(await scroll.evaluate((element) => (element as HTMLElement).inert)).toBe(false);
      expect(await page.locator('.pager').count()).toBe(0);
      expect(await selectAll.count()).toBe(1);
    } finally {
      for (const release of held.splice(0)) await release();
      await page.unrouteAll({ behavior: 'wait' });
    }
  });
});
