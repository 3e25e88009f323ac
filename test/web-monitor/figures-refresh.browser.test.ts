/**
 * 逾期与临期 reads its list again every 30 s, as 首页 does (web-monitor/src/views/use-refreshed-figures.ts), in
 * headless Chromium against the embedded engine with the read model fed as `npm start` feeds it; the page's clock is
 * the test's (page.clock), so the 30 s pass without waiting. A manager who filtered the list to one 事项 and put the
 * keyboard on a case sees a case that became overdue meanwhile appear, with her filter, her tab, her scroll position
 * and her focus as they were, and the list never gone or emptied in between; while the tab is hidden the page asks
 * nothing, and it reads at once when the tab is shown again. 流程热力图's 办理时长 is read again the same way, and so are
 * its counts, whose badges change on the diagram she moved without its being drawn again. A re-read
 * that fails keeps the rows and says from when they are; a slow one is waited for (25 s), not doubled; another tab's
 * list shows only once read (the page's requests held or refused with page.route); another page of the same list keeps
 * the pager, and her keyboard focus on it, with the rows before dimmed until it is read.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutBpmnXml } from '../../scripts/layout/layout-bpmn-xml.js';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { MANAGER, startMonitorHarness } from '../support/monitor-browser.js';
import type { TasklistHarness } from '../support/tasklist-browser.js';

/** Two processes of the office's catalogue (the list's 事项 filter offers those), each a case waiting at one step. */
const FILTERED = 'xining-fc01-employer-registration';
const OTHER = 'xining-fc02-employee-enrolment';
const model = (processId: string) =>
  bpmnProcess(
    processId,
    `<bpmn:startEvent id="start"/>
     <bpmn:userTask id="review" name="刷新测试初审">
       <bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="window-first-review"/></bpmn:extensionElements>
     </bpmn:userTask>
     <bpmn:endEvent id="end"/>
     ${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}`,
    '刷新测试',
  );

let t: TasklistHarness;

beforeAll(async () => {
  // the engine's clock is pinned to Monday 2026-03-02: a deadline in February is past
  // (the filtered 事项's model laid out, so 流程热力图 has a diagram to put its badges on)
  t = await startMonitorHarness({ [FILTERED]: await layoutBpmnXml(model(FILTERED)), [OTHER]: model(OTHER) });
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

/** The page's clock (epoch ms). */
function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => Date.now());
}

/** A case of `processId` accepted on 2026-02-02 whose deadline `deadlineDate` has passed. */
async function overdueCase(processId: string, personName: string, deadlineDate: string): Promise<string> {
  const key = await t.harness.start(processId, { personName, acceptedAt: '2026-02-02T09:00:00+08:00', deadlineDate });
  await t.harness.waitForTask(key, 'review');
  return key;
}

describe('逾期与临期 and 办理时长 reading their figures again every 30 s (/monitor, Chromium)', { timeout: 180_000 }, () => {
  let page: Page;
  const listReads: Request[] = [];
  const cases = { first: '', second: '', other: '' };

  it('should show a case that became overdue after 30 s, with her filter, tab, scroll position and focus kept, and no flicker', async () => {
    // given two overdue cases of the filtered 事项 and one of another, read by the read model
    cases.first = await overdueCase(FILTERED, '韩春梅', '2026-02-24');
    cases.second = await overdueCase(FILTERED, '马德福', '2026-02-25');
    cases.other = await overdueCase(OTHER, '李永红', '2026-02-24');
    await t.readModelCaughtUp();

    // and the manager on 逾期与临期 on a page whose clock the test moves, in a window low enough to scroll
    page = await t.openMonitorAs(MANAGER, { clock: true });
    await page.setViewportSize({ width: 1366, height: 240 });
    page.on('request', (request) => request.url().includes('/monitor/api/open-cases') && listReads.push(request));
    await page.goto(`${t.url}/monitor/open-cases?kind=overdue`);
    const list = page.getByTestId('open-cases');
    const row = (key: string) => list.locator(`[data-case="${key}"]`);
    await row(cases.other).waitFor();

    // when she filters it to one 事项, scrolls down a little and puts the keyboard on the second case
    const filter = page.locator('label.inline', { hasText: '事项' }).locator('select');
    const filteredAt = await pageNow(page);
    await filter.selectOption(FILTERED);
    await expect.poll(() => row(cases.other).count()).toBe(0);
    await row(cases.second).waitFor();
    // (the monitor's content scrolls, under its header and navigation)
    const scrollTop = () => page.evaluate(() => document.querySelector('.monitor-content')!.scrollTop);
    await page.evaluate(() => document.querySelector('.monitor-content')!.scrollTo(0, 60));
    const scrolled = await scrollTop();
    expect(scrolled).toBeGreaterThan(0);
    await row(cases.second).getByRole('link').focus();
    // (from now on, any moment the list is gone or holds no row is a flicker)
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { flickers: string[] }).flickers = seen;
      new MutationObserver(() => {
        const table = document.querySelector('[data-testid="open-cases"]');
        if (!table) seen.push('the list is gone');
        else if (table.querySelectorAll('tbody tr').length === 0) seen.push('the list has no row');
        if (document.body.innerText.includes('正在加载')) seen.push('正在加载…');
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });

    // and, the page's clock stopped, a case of that 事项 and one of the other become overdue cases of the read model
    const pausedAt = (await pageNow(page)) + 3_000;
    await page.clock.pauseAt(pausedAt);
    const added = await overdueCase(FILTERED, '祁秀英', '2026-02-26');
    const addedOther = await overdueCase(OTHER, '冶成林', '2026-02-26');
    await t.readModelCaughtUp();
    const before = listReads.length;

    // then nothing changes before 30 s have passed since her filter's list was read
    await page.clock.runFor(filteredAt + 29_000 - pausedAt);
    expect(listReads).toHaveLength(before);
    expect(await row(added).count()).toBe(0);

    // when they have (her filter's read went out within a few seconds of her choice: the next is 30 s after it)
    await page.clock.runFor(5_000);

    // then the new case is in her list, read for her filter in the background, and the other 事项's is not
    await row(added).waitFor();
    expect(await list.locator('tbody tr').count()).toBe(3);
    expect(await row(addedOther).count()).toBe(0);
    expect(listReads).toHaveLength(before + 1);
    const read = listReads.at(-1)!;
    expect(new URL(read.url()).searchParams.get('processId')).toBe(FILTERED);
    expect(await read.headerValue('x-is-polling')).toBe('true');
    await expect.poll(() => page.getByTestId('open-cases-total').innerText()).toBe('共 3 件');

    // and her filter, her tab, her scroll position and her focus are where they were; the list never flickered
    expect(await filter.inputValue()).toBe(FILTERED);
    expect(await page.getByRole('tab', { name: '逾期' }).getAttribute('aria-selected')).toBe('true');
    expect(await scrollTop()).toBe(scrolled);
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-case'))).toBe(cases.second);
    expect(await page.evaluate(() => (window as unknown as { flickers: string[] }).flickers)).toEqual([]);
  });

  it('should ask nothing while the tab is hidden, and read the list at once when it is shown again', async () => {
    // given the page of the test before; when she switches to another tab for two minutes
    const before = listReads.length;
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const added = await overdueCase(FILTERED, '马玉兰', '2026-02-27');
    await t.readModelCaughtUp();
    await page.clock.runFor(120_000);

    // then the page has asked nothing meanwhile
    expect(listReads).toHaveLength(before);
    expect(await page.locator(`[data-case="${added}"]`).count()).toBe(0);

    // when she comes back to it
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });

    // then it reads the list at once (no time passes on its clock), shows the case, and goes on every 30 s
    await page.locator(`[data-case="${added}"]`).waitFor();
    expect(listReads).toHaveLength(before + 1);
    expect(await page.locator('label.inline', { hasText: '事项' }).locator('select').inputValue()).toBe(FILTERED);
    await page.clock.runFor(30_000);
    await expect.poll(() => listReads.length).toBe(before + 2);
    expect(await page.evaluate(() => (window as unknown as { flickers: string[] }).flickers)).toEqual([]);
  });

  it("should read 流程热力图's 办理时长 again every 30 s too, its tab staying selected", async () => {
    // given the manager on 流程热力图 of the same 事项, its 办理时长 tab (the page's clock going again meanwhile)
    await page.clock.resume();
    const durationReads: Request[] = [];
    page.on('request', (request) => request.url().includes('/monitor/api/durations') && durationReads.push(request));
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${t.url}/monitor/heatmap?process=${FILTERED}`);
    await page.getByRole('heading', { name: '流程热力图' }).waitFor();
    const tab = page.getByRole('tab', { name: '办理时长（工作日）' });
    await tab.click();
    const table = page.getByTestId('durations');
    await table.waitFor();
    expect(await table.locator('tbody th', { hasText: 'review' }).count()).toBe(0);

    // when, the page's clock stopped (3 s ahead: a busy core must not find the moment passed), a clerk completes the step of the first case and the read model reads it
    await page.clock.pauseAt((await pageNow(page)) + 3_000);
    await t.harness.complete(cases.first, 'review', { as: 'window-first-review' });
    await t.readModelCaughtUp();
    const before = durationReads.length;

    // then within 30 s the page reads the durations again, in the background, and shows the step's, on the same tab
    await page.clock.runFor(31_000);
    await table.locator('tbody th', { hasText: 'review' }).waitFor();
    expect(durationReads).toHaveLength(before + 1);
    expect(await durationReads.at(-1)!.headerValue('x-is-polling')).toBe('true');
    expect(await tab.getAttribute('aria-selected')).toBe('true');
  });

  it("should read 流程热力图's counts again every 30 s, changing the badges in place: her scroll and zoom kept, the diagram not drawn again", async () => {
    // given the manager on 流程热力图 of the same 事项, its counts (the page's clock going again meanwhile)
    await page.clock.resume();
    const countReads: Request[] = [];
    const diagramReads: Request[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/statistics/element-instances')) countReads.push(request);
      if (/\/v2\/process-definitions\/[^/]+\/xml/.test(request.url())) diagramReads.push(request);
    });
    await page.goto(`${t.url}/monitor/heatmap?process=${FILTERED}`);
    const diagram = page.locator('.diagram[data-ready="true"]');
    await diagram.waitFor();
    const badge = page.locator('.diagram-badge.badge-active[data-element="review"]');
    await badge.waitFor();
    const waiting = Number(await badge.innerText());

    // and she has moved the diagram (dragged it down and to the right)
    const box = (await diagram.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 80, box.y + 60, { steps: 5 });
    await page.mouse.up();
    const viewbox = () => page.evaluate(() => document.querySelector('.diagram .viewport')!.getAttribute('transform'));
    const moved = await viewbox();
    expect(moved).toMatch(/matrix|translate/);
    // (the diagram's own SVG, to tell whether it was drawn again)
    await page.evaluate(() => {
      (window as unknown as { drawn: Element }).drawn = document.querySelector('.diagram svg')!;
    });

    // when, the page's clock stopped (3 s ahead), another case of the 事项 comes to the step
    await page.clock.pauseAt((await pageNow(page)) + 3_000);
    await overdueCase(FILTERED, '韩玉珍', '2026-02-26');
    // (and the read model reads it, so the overdue list of the next test does not change under it)
    await t.readModelCaughtUp();
    const before = { counts: countReads.length, diagrams: diagramReads.length };

    // then within 30 s the page reads the counts again, in the background, and the step's badge counts the case
    await page.clock.runFor(31_000);
    await expect.poll(() => badge.innerText()).toBe(String(waiting + 1));
    expect(countReads).toHaveLength(before.counts + 1);
    expect(await countReads.at(-1)!.headerValue('x-is-polling')).toBe('true');

    // and the diagram is the same one, not read nor drawn again, where she moved it
    expect(diagramReads).toHaveLength(before.diagrams);
    expect(await page.evaluate(() => (window as unknown as { drawn: Element }).drawn === document.querySelector('.diagram svg'))).toBe(true);
    expect(await viewbox()).toBe(moved);
    expect(await page.getByRole('tab', { name: '在办与异常数' }).getAttribute('aria-selected')).toBe('true');

    // when a re-read fails: the badges stay, said to be of the last answer
    const countsUrl = (url: URL) => url.pathname.endsWith('/statistics/element-instances');
    await page.route(countsUrl, (route) => route.abort('connectionrefused'));
    await page.clock.runFor(30_000);
    await page.getByTestId('counts-stale').waitFor();
    expect(await page.getByTestId('counts-stale').innerText()).toMatch(/^未能刷新，以下为 \d{2}:\d{2} 读取的数字$/);
    expect(await badge.innerText()).toBe(String(waiting + 1));
    await page.unroute(countsUrl);
  });

  it("should keep the rows when a re-read fails, saying from when they are; wait for a slow read, not pile reads up; show another tab's list only once read", async () => {
    // given the manager on 逾期 (her 事项 filter of before, the page's clock going), its rows read
    await page.clock.resume();
    await page.goto(`${t.url}/monitor/open-cases?kind=overdue`);
    const list = page.getByTestId('open-cases');
    await list.locator(`[data-case="${cases.other}"]`).waitFor();
    const rows = await list.locator('tbody tr').count();
    const line = page.getByTestId('freshness');

    // and, the page's clock stopped on a whole minute, her R's read answered then
    const readAt = Math.ceil(((await pageNow(page)) + 60_000) / 60_000) * 60_000;
    await page.clock.pauseAt(readAt);
    const answered = page.waitForResponse((response) => response.url().includes('/monitor/api/open-cases'));
    await page.evaluate(() => window.dispatchEvent(new Event('monitor:refresh')));
    await answered;
    const hhmm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(readAt);

    // when the monitor's server cannot be reached and the next read, 30 s later, fails
    const listUrl = (url: URL) => url.pathname.endsWith('/monitor/api/open-cases');
    const reads: Request[] = [];
    page.on('request', (request) => request.url().includes('/monitor/api/open-cases') && reads.push(request));
    await page.route(listUrl, (route) => route.abort('connectionrefused'));
    await page.clock.runFor(30_000);

    // then the rows stay, under an error, and the freshness line says they are those read at her R, not their age
    await page.locator('.banner.error').waitFor();
    await expect.poll(() => line.innerText()).toBe(`未能刷新，以下为 ${hhmm} 读取的数字`);
    expect(await list.locator('tbody tr').count()).toBe(rows);
    expect(reads).toHaveLength(1);

    // when the server answers again but slowly (an answer held longer than the 30 s between reads)
    await page.unroute(listUrl);
    const held: (() => Promise<void>)[] = [];
    await page.route(listUrl, (route) => void held.push(() => route.continue()));
    await page.clock.runFor(30_000);
    await expect.poll(() => held.length).toBe(1);
    await page.clock.runFor(24_000);

    // then no other read went out while it was under way, and the rows stay
    expect(reads).toHaveLength(2);
    expect(await list.locator('tbody tr').count()).toBe(rows);

    // when it has taken 25 s: it is abandoned, and said so
    await page.clock.runFor(1_500);
    await expect.poll(() => page.locator('.banner.error').innerText()).toContain('读取统计数字超时');
    expect(await list.locator('tbody tr').count()).toBe(rows);

    // when she opens the 临期 tab, its list's answer held
    held.length = 0;
    await page.getByRole('tab', { name: '临期' }).click();
    // (Preact runs the effect that reads after a frame: the paused clock gives it one)
    await page.clock.runFor(200);
    await expect.poll(() => held.length).toBe(1);

    // then the 逾期 rows are not shown under 临期's labels meanwhile, nor the error of 逾期's read
    expect(await list.count()).toBe(0);
    expect(await page.locator('.banner.error').count()).toBe(0);
    expect(await page.getByTestId('open-cases-reading').innerText()).toBe('正在加载…');

    // when the answer comes: 临期's list (or its word that there is none), the line as fresh as the answer
    await held[0]!();
    await page.unroute(listUrl);
    await page.clock.runFor(200);
    await expect.poll(() => page.getByTestId('open-cases-reading').count()).toBe(0);
    await expect.poll(() => line.innerText()).not.toContain('未能刷新');
  });

  it('should read a 事项 chosen on page 2 once, from its first page, and go back to a page there is when a re-read finds fewer cases', async () => {
    // given the server's answers made to say there are 120 overdue cases (the rows are its own)
    await page.clock.resume();
    let total = 120;
    const listUrl = (url: URL) => url.pathname.endsWith('/monitor/api/open-cases');
    await page.route(listUrl, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), total } });
    });
    const reads: URL[] = [];
    page.on('request', (request) => request.url().includes('/monitor/api/open-cases') && reads.push(new URL(request.url())));
    await page.goto(`${t.url}/monitor/open-cases?kind=overdue`);
    const pager = page.locator('.pager');
    const filter = page.locator('label.inline', { hasText: '事项' }).locator('select');

    // when she goes to page 2 (its answer come: the pager says 第 51–100 条 already while it is read), then picks a
    // 事项 there
    const secondPage = page.waitForResponse((response) => new URL(response.url()).searchParams.get('offset') === '50');
    await pager.getByRole('button', { name: '下一页' }).click();
    await secondPage;
    await expect.poll(() => pager.locator('span').innerText()).toBe('第 51–100 条，共 120 条');
    const before = reads.length;
    await filter.selectOption(OTHER);

    // then one read went out, for the 事项's first page
    await expect.poll(() => pager.locator('span').innerText()).toBe('第 1–50 条，共 120 条');
    expect(reads.slice(before).map((url) => [url.searchParams.get('processId'), url.searchParams.get('offset')])).toEqual([[OTHER, '0']]);

    // when, on page 3, a re-read (R) finds 48 cases left
    await pager.getByRole('button', { name: '下一页' }).click();
    await pager.getByRole('button', { name: '下一页' }).click();
    await expect.poll(() => pager.locator('span').innerText()).toBe('第 101–120 条，共 120 条');
    total = 48;
    await page.evaluate(() => window.dispatchEvent(new Event('monitor:refresh')));

    // then the page reads its first page again (48 fit on it: no pager), never saying 第 101–48 条
    await expect.poll(() => reads.at(-1)!.searchParams.get('offset')).toBe('0');
    await expect.poll(() => page.getByTestId('open-cases-total').innerText()).toBe('共 48 件');
    await expect.poll(() => pager.count()).toBe(0);
    // a read the handler is still fetching (a refresh, the last page's) must end before the next test: unroute
    // alone let it fulfil a route no longer handled, an unhandled rejection after the test
    await page.unrouteAll({ behavior: 'wait' });
  });

  it("should keep the focus on 「下一页」 when she pages with the keyboard, the page before's rows dimmed until the next page is read", async () => {
    // given the server's answers made to say there are 120 overdue cases (the rows are its own: none after the
    // first page), those of the pages after the first held until the test lets them go
    await page.clock.resume();
    const listUrl = (url: URL) => url.pathname.endsWith('/monitor/api/open-cases');
    const held: { offset: string | null; answer: () => Promise<void> }[] = [];
    await page.route(listUrl, async (route) => {
      const answer = async () => {
        const response = await route.fetch();
        await route.fulfill({ response, json: { ...(await response.json()), total: 120 } });
      };
      const offset = new URL(route.request().url()).searchParams.get('offset');
      if (offset === '0') await answer();
      else held.push({ offset, answer });
    });
    await page.goto(`${t.url}/monitor/open-cases?kind=overdue`);
    const section = page.locator('section[aria-labelledby="open-cases-title"]');
    const list = page.getByTestId('open-cases');
    const pager = page.locator('.pager');
    const next = pager.getByRole('button', { name: '下一页' });
    const focused = () => page.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? document.activeElement.textContent : document.activeElement?.tagName));
    await list.locator('tbody tr').first().waitFor();
    const firstPageRows = await list.locator('tbody tr').count();

    // when she puts the keyboard on 「下一页」 and presses Enter
    await next.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => held.length).toBe(1);

    // then, while the page is read, the pager stays with her focus on 「下一页」, the first page's rows dimmed under it
    expect(await focused()).toBe('下一页');
    expect(await pager.locator('span').innerText()).toBe('第 51–100 条，共 120 条');
    expect(await list.locator('tbody tr').count()).toBe(firstPageRows);
    expect(await section.getAttribute('aria-busy')).toBe('true');
    expect(await page.locator('.table-scroll.stale-figures').count()).toBe(1);

    // when the answer comes: the second page is shown (no case on it), the focus still on 「下一页」
    await held.shift()!.answer();
    await page.getByText('没有符合条件的案件').waitFor();
    expect(await list.count()).toBe(0);
    expect(await section.getAttribute('aria-busy')).toBe('false');
    expect(await focused()).toBe('下一页');

    // when she presses Enter again, to the last page
    await page.keyboard.press('Enter');
    await expect.poll(() => held.length).toBe(1);
    expect(await focused()).toBe('下一页');
    await held.shift()!.answer();

    // then it is shown, and 「下一页」 says there is no page after it, keeping her focus; Enter there reads nothing
    await expect.poll(() => pager.locator('span').innerText()).toBe('第 101–120 条，共 120 条');
    await expect.poll(() => next.getAttribute('aria-disabled')).toBe('true');
    expect(await focused()).toBe('下一页');
    await page.keyboard.press('Enter');
    expect(await pager.locator('span').innerText()).toBe('第 101–120 条，共 120 条');

    // and Shift+Tab, Enter takes her back a page, on 「上一页」 (the one read since is that page's)
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => held.length).toBe(1);
    expect(held[0]!.offset).toBe('50');
    await held.shift()!.answer();
    await expect.poll(() => pager.locator('span').innerText()).toBe('第 51–100 条，共 120 条');
    expect(await focused()).toBe('上一页');

    // and Enter once more, to the first page (the tests after this one start there), the focus still on 「上一页」
    await page.keyboard.press('Enter');
    await expect.poll(() => pager.locator('span').innerText()).toBe('第 1–50 条，共 120 条');
    await expect.poll(() => pager.getByRole('button', { name: '上一页' }).getAttribute('aria-disabled')).toBe('true');
    expect(await focused()).toBe('上一页');
    // and the first page is read before the next test (the pager names a page before its read goes out: a read
    // still to be sent when the next test stops the clock went out in that test's first runFor, a read it did not ask)
    await expect.poll(() => section.getAttribute('aria-busy')).toBe('false');
    // a read the handler is still fetching (a refresh, the last page's) must end before the next test: unroute
    // alone let it fulfil a route no longer handled, an unhandled rejection after the test
    await page.unrouteAll({ behavior: 'wait' });
  });

  it('should not read again when the tab is shown within 10 s of a read, but when the 30 s since it are over', async () => {
    // given the page's clock stopped and a read by R at its moment
    await page.clock.pauseAt((await pageNow(page)) + 3_000);
    const reads: Request[] = [];
    page.on('request', (request) => request.url().includes('/monitor/api/open-cases') && reads.push(request));
    const visibility = (state: 'hidden' | 'visible') =>
      page.evaluate((value) => {
        Object.defineProperty(document, 'visibilityState', { value, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await page.evaluate(() => window.dispatchEvent(new Event('monitor:refresh')));
    await expect.poll(() => reads.length).toBe(1);

    // when she looks at another tab 5 s later and comes back 2 s after that
    await page.clock.runFor(5_000);
    await visibility('hidden');
    await page.clock.runFor(2_000);
    await visibility('visible');

    // then nothing is read at once, nor before 30 s have passed since the read
    await page.clock.runFor(22_000);
    expect(reads).toHaveLength(1);

    // and then the list is read again
    await page.clock.runFor(1_500);
    await expect.poll(() => reads.length).toBe(2);
    expect(await reads[1]!.headerValue('x-is-polling')).toBe('true');
    // and that read is answered before the next test (a poll skips while a read is under way: still at the server
    // when the next test runs its clock 30 s on, it took the poll that test holds, and its answer that test's R)
    await (await reads[1]!.response())?.finished();
  });

  it('should give up a read under way and read at once when she presses R, and show the new answer', async () => {
    // given a list read held by the server (a poll's, under way; reads by hand answered)
    const listUrl = (url: URL) => url.pathname.endsWith('/monitor/api/open-cases');
    const held: Request[] = [];
    await page.route(listUrl, async (route) => {
      if ((await route.request().headerValue('x-is-polling')) === 'true') held.push(route.request());
      else await route.continue();
    });
    await page.clock.runFor(31_000);
    await expect.poll(() => held.length).toBe(1);

    // when she presses R
    const answered = page.waitForResponse((response) => listUrl(new URL(response.url())));
    await page.evaluate(() => window.dispatchEvent(new Event('monitor:refresh')));

    // then a read by hand goes out at once, not waiting for the held one, and its answer is shown without an error
    const response = await answered;
    expect(await response.request().headerValue('x-is-polling')).toBeNull();
    expect(response.status()).toBe(200);
    await page.getByTestId('open-cases').waitFor();
    expect(await page.locator('.banner.error').count()).toBe(0);
    expect(held).toHaveLength(1);
    await page.unroute(listUrl);
  });
});
