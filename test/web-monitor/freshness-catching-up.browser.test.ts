/**
 * The monitor's freshness line in headless Chromium. While the read model is rebuilt (a deleted monitor.sqlite, a
 * cluster's long history): a manager who logs in reads on 首页 正在补齐历史数据 with the day the feeder has read up
 * to, not the age of the figures as if they were whole; once the feeder has caught up, the next figures the page
 * loads say how fresh they are instead. When the passes fail (the engine unreachable): within the grace
 * (MONITOR_FAILURE_GRACE_MS, 60 s) she reads only how old the figures are; past it she reads, on 首页, 逾期与临期,
 * 流程热力图's 办理时长 and 案件查询's search by applicant alike (what reads the read model), in Chinese since when, that the
 * figures stand at the last pass and may be behind, and whom to call — not the failure's English text, which goes
 * to the server's log. The monitor's server runs on a real web server in front of an embedded engine; its feeder
 * reads a long history (test/support/monitor-history.ts), the test runs its passes itself and pins the server's clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../../scripts/render/bpmn-renderer.js';
import type { ClusterReader } from '../../web-monitor/server/read-model/read-model-feeder.js';
import { formatDateTime } from '../../web-shared/src/format/dates.js';
import { monitorWebApp, type MonitorWebApp } from '../../web-monitor/server/monitor-web-app.js';
import { ensureWebAppsBuilt } from '../../web-shared/build/ensure-web-apps-built.js';
import { startWebServer, type WebServer } from '../../web-shared/server/start-web-server.js';
import { startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { longHistory } from '../support/monitor-history.js';
import { CHROMIUM_ARGS, OFFICE_VIEWPORT, submitLogin } from '../support/tasklist-browser.js';

let engine: EngineFixture;
let web: WebServer;
let monitor: MonitorWebApp;
let browser: Browser;
let dataDir: string;
/** The monitor server's clock when a test pins it (else the real one). */
let clock: number | undefined;
/** What the monitor's server logged. */
const logged: string[] = [];

beforeAll(async () => {
  await ensureWebAppsBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'monitor-catching-up-'));
  engine = await startEngine();
  // (the feeder's passes dated by the same pinned clock: the test sets when they work and fail)
  monitor = monitorWebApp({ dataDir, log: (line) => logged.push(line), now: () => clock ?? Date.now(), feederNow: () => clock ?? Date.now() });
  web = await startWebServer({ clusterUrl: engine.url, port: 0, host: '127.0.0.1', apps: [monitor] });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 120_000);

// a test that pinned the server's clock leaves the next one the real one
afterEach(() => {
  clock = undefined;
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await engine?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("首页's freshness line while the read model is rebuilt", { timeout: 120_000 }, () => {
  it('should say 正在补齐历史数据 with the day read up to until the feeder has caught up, then how fresh the figures are', async () => {
    // given a feeder whose first pass read 50 whole pages: up to the 50,000th case, started on 2024-02-04
    const feeder = monitor.feedFrom(longHistory, { autoStart: false });
    await feeder.syncOnce();
    expect(feeder.status().caughtUp).toBe(false);

    // when the manager logs in to the monitor
    const context = await browser.newContext({ viewport: OFFICE_VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(`${web.url}/monitor/`);
    await submitLogin(page, 'sun-qiang');

    // then 首页 says the figures are not whole yet, and how far the history has been read
    const line = page.getByTestId('freshness');
    await expect.poll(() => line.innerText()).toBe('读取模型正在补齐历史数据（已读到 2024-02-04），统计数字尚不完整');
    expect(await line.getAttribute('role')).toBe('status');

    // when the next pass reads the rest and the manager picks 本周
    await feeder.syncOnce();
    expect(feeder.status().caughtUp).toBe(true);
    await page.getByRole('button', { name: '本周' }).click();

    // then the line says how fresh the figures are, and nothing about a history being read
    await expect.poll(() => line.innerText()).toMatch(/^数据为最新$|^数据更新于 \d+ 秒前$/);
    expect(await page.getByText('正在补齐历史数据').count()).toBe(0);
    await context.close();
  });
});

describe("the freshness line of every page of figures while the read model's passes fail", { timeout: 120_000 }, () => {
  it('should say nothing of a failure within the grace, then on 首页, 逾期与临期, 办理时长 and the applicant search in Chinese since when the figures stand still, as of when, and whom to call', async () => {
    // given a feeder whose pass worked at T0 (the server's clock pinned), then found the engine unreachable at T0 + 5 s
    const technical = 'connect ECONNREFUSED 10.0.0.7:8080';
    let failure: Error | undefined;
    const reader: ClusterReader = { search: (path, body) => (failure ? Promise.reject(failure) : longHistory.search(path, body)) };
    const feeder = monitor.feedFrom(reader, { autoStart: false });
    const t0 = Date.now();
    clock = t0;
    await feeder.syncOnce();
    clock = t0 + 5_000;
    failure = new Error(technical);
    await expect(feeder.syncOnce()).rejects.toThrow('ECONNREFUSED');
    const { failingSince, lastPassAt } = feeder.status();
    expect([lastPassAt, failingSince]).toEqual([t0, t0 + 5_000]);

    // when the manager logs in to the monitor 30 s into the failure, within the grace of 60 s
    clock = t0 + 35_000;
    const context = await browser.newContext({ viewport: OFFICE_VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(`${web.url}/monitor/`);
    await submitLogin(page, 'sun-qiang');

    // then 首页 says how old the figures are, nothing of a failure; the server's log has it all the same
    const line = page.getByTestId('freshness');
    await expect.poll(() => line.innerText()).toBe('数据更新于 35 秒前');
    expect(await page.getByText('统计数字暂停更新').count()).toBe(0);
    expect(logged).toContain(`[monitor] read model pass failed: ${technical}`);

    // when the passes have failed for longer than the grace and the manager picks 本周
    clock = t0 + 5_000 + 60_001;
    await page.getByRole('button', { name: '本周' }).click();

    // then 首页 says what stands still since when, as of when, that it may be behind, and what to do
    const failing =
      `统计数字暂停更新：自 ${formatDateTime(failingSince!)} 起未能同步数据，首页、月报、「逾期与临期」、「流程热力图」的「办理时长」和「案件查询」的按申请人查找所用的数据停留在 ${formatDateTime(lastPassAt!)}，` +
      '可能落后于实际办理情况。系统自动重试，恢复后数字自动更新；持续超过 10 分钟仍显示此提示，请联系系统管理员（服务器日志记有原因）。';
    await expect.poll(() => line.innerText()).toBe(failing);
    expect(await line.getAttribute('role')).toBe('status');
    // and the failure's English text is nowhere on the page
    expect(await page.locator('body').innerText()).not.toContain('ECONNREFUSED');

    // when she opens 逾期与临期, then its 临期 tab
    const nav = page.getByRole('navigation', { name: '监控页面' });
    await nav.getByRole('link', { name: '逾期与临期' }).click();
    await page.getByRole('heading', { name: '逾期与临期案件' }).waitFor();

    // then its list has the same line, above it
    await expect.poll(() => line.innerText()).toBe(failing);
    // (the 临期 list's own answer awaited: the line before it, the 逾期 list's, is not shown as 临期's)
    const dueSoonRead = page.waitForResponse((response) => response.url().includes('/monitor/api/open-cases') && response.url().includes('kind=dueSoon'));
    await page.getByRole('tab', { name: '临期' }).click();
    await dueSoonRead;
    await expect.poll(() => page.getByRole('tab', { name: '临期' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => line.innerText()).toBe(failing);

    // when she opens 流程热力图: its counts are the engine's own, no line; then its 办理时长 from the read model
    await nav.getByRole('link', { name: '流程热力图' }).click();
    await page.getByRole('heading', { name: '流程热力图' }).waitFor();
    expect(await line.count()).toBe(0);
    await page.getByRole('tab', { name: '办理时长（工作日）' }).click();

    // then the durations have the same line
    await expect.poll(() => line.innerText()).toBe(failing);
    expect(await page.locator('body').innerText()).not.toContain('ECONNREFUSED');

    // when she looks a case up by its applicant's name in 案件查询 (the name is looked up in the read model)
    await nav.getByRole('link', { name: '案件查询' }).click();
    await page.getByRole('heading', { name: '案件查询' }).waitFor();
    expect(await line.count()).toBe(0);
    await page.getByLabel('申请人姓名').fill('马福林');
    await page.getByRole('button', { name: '查询', exact: true }).click();

    // then the search has the same line above its result: a case the read model has not read is not found
    await expect.poll(() => line.innerText()).toBe(failing);
    await page.getByText('读取模型中没有这个申请人的案件').waitFor();

    // when the engine answers again, and she goes back to 首页
    failure = undefined;
    clock = t0 + 70_000;
    await feeder.syncOnce();
    await nav.getByRole('link', { name: '首页' }).click();

    // then the line says the figures are fresh, and the log says the passes work again
    await expect.poll(() => line.innerText()).toBe('数据为最新');
    expect(logged).toContain('[monitor] read model passes work again (恢复) after 1 failed pass');
    await context.close();
  });
});
