/**
 * A 即时办结 case (FC7 职工参保信息变更登记) in headless Chromium, in both apps: its limit is the day it was taken in
 * (web-shared/src/dates/case-due.ts), never 无时限 (what the task list said) nor 受理后起算 (what the monitor said).
 * The task list, whose clerks may not read the case's start (the day it counts from), names the rule — 即时办结 in grey,
 * 受理日期 以登记日计, 办理时限届满日 登记当日 — in its row and its case header rather than a day it cannot know; the
 * monitor counts the case's start day, labelled as the registration day, as its figures do: 今日到期 that day, 逾期
 * the next — and shows no deadline or verdict before it has read the case's variables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Request, Route } from 'playwright-core';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';
import { MANAGER } from '../support/monitor-browser.js';

const PROCESS_ID = 'xining-fc07-employee-info-change';
// demo user 陈燕: 窗口受理 (window-clerk), who reviews FC7 on the spot
const WINDOW_CLERK = 'chen-yan';
const VARIABLE_SEARCH = /\/v2\/variables\/search(\?|$)/;

let t: TasklistHarness;
let caseKey = '';
let taskKey = '';

beforeAll(async () => {
  // the clock is pinned to Monday 2026-03-02 09:00 (Xining)
  t = await startTasklistHarness({ processes: [PROCESS_ID], monitor: true });
  caseKey = await t.harness.start(PROCESS_ID, {
    channel: 'window',
    applicantType: 'insured',
    personName: '马晓梅',
    idNumber: '630102199003154029',
    changedItems: ['phone'],
    changeDetails: '联系电话变更为 13909718888',
    materialsSubmitted: ['医保电子凭证或有效身份证件或社会保障卡'],
  });
  taskKey = String((await t.harness.waitForTask(caseKey, 'instantReview')).userTaskKey);
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe('a 即时办结 case, in the task list and on the monitor', { timeout: 120_000 }, () => {
  it("should name the rule in the task list's row and case header (即时办结, grey), not a day it cannot see", async () => {
    // given
    const clerk = await t.loginAs(WINDOW_CLERK);

    // when she looks at 待认领 (the task waits for her group) and opens the task
    await clerk.getByRole('tab', { name: /待认领/ }).click();
    const row = clerk.locator(`[data-task-key="${taskKey}"]`);
    await expect.poll(() => row.locator('.due-badge').innerText().catch(() => ''), { timeout: 20_000 }).toBe('即时办结');
    expect(await row.locator('.due-badge').getAttribute('class')).toContain('due-none');
    await row.click();

    // then
    await expect.poll(() => clerk.getByTestId('remaining-working-days').innerText()).toBe('即时办结');
    expect(await clerk.getByTestId('deadline-day').innerText()).toBe('登记当日');
    const header = await clerk.locator('.case-header').innerText();
    expect(header).toMatch(/受理日期\s*以登记日计/);
    expect(header).toMatch(/法定时限\s*即时办结/);
    expect(header).not.toMatch(/无时限|受理后起算|尚未受理|即时受理|当日到期/);
  });

  it("should count a 即时办结 case that holds its acceptance day from it, in the row as in the case header", async () => {
    // given an FC7 case whose 受理 time is set (today, 2026-03-02)
    const accepted = await t.harness.start(PROCESS_ID, {
      channel: 'window',
      applicantType: 'insured',
      personName: '马晓兰',
      idNumber: '630102199003154045',
      changedItems: ['phone'],
      changeDetails: '联系电话变更为 13909718889',
      materialsSubmitted: ['医保电子凭证或有效身份证件或社会保障卡'],
      acceptedAt: '2026-03-02T09:00:00+08:00',
    });
    const acceptedTask = String((await t.harness.waitForTask(accepted, 'instantReview')).userTaskKey);
    const clerk = await t.loginAs(WINDOW_CLERK);

    // when she looks at 待认领 and opens the task
    await clerk.getByRole('tab', { name: /待认领/ }).click();
    const row = clerk.locator(`[data-task-key="${acceptedTask}"]`);

    // then the row and the header say the same: 今日到期, counted from the acceptance day
    await expect.poll(() => row.locator('.due-badge').innerText().catch(() => ''), { timeout: 20_000 }).toBe('今日到期');
    await row.click();
    await expect.poll(() => clerk.getByTestId('remaining-working-days').innerText()).toBe('今日到期');
    expect(await clerk.getByTestId('deadline-day').innerText()).toBe('2026-03-02');
    expect(await clerk.getByTestId('accepted-day').innerText()).toBe('2026-03-02');
  });

  it('should count the day it started on the monitor\'s case page: 今日到期 that day, 逾期 the next working day', async () => {
    // given
    const page = await t.openMonitorAs(MANAGER);

    // when
    await page.goto(`${t.url}/monitor/instances/${caseKey}`);

    // then
    await expect.poll(() => page.getByTestId('remaining-working-days').innerText(), { timeout: 20_000 }).toBe('今日到期');
    expect(await page.getByTestId('deadline-day').innerText()).toBe('2026-03-02');
    expect(await page.getByTestId('accepted-day').innerText()).toBe('2026-03-02（登记）');

    // when the case is still open the next working day
    await t.harness.pinClock('2026-03-03T09:00:00+08:00');
    await page.reload();

    // then
    await expect.poll(() => page.getByTestId('remaining-working-days').innerText(), { timeout: 20_000 }).toBe('逾期 1 个工作日');
  });

  it("should show no deadline or verdict on the monitor's case page until the case's variables are read, and say so when that read fails", async () => {
    // given the monitor's read of the case's deadline variables held, then failing
    const page = await t.openMonitorAs(MANAGER);
    const held: Route[] = [];
    const deadlineRead = (request: Request) => request.method() === 'POST' && JSON.stringify((request.postDataJSON() as { filter?: unknown } | null)?.filter ?? '').includes('refusedBySystem');
    await page.route(VARIABLE_SEARCH, (route) => (deadlineRead(route.request()) ? void held.push(route) : route.continue()));

    // when she opens the case
    await page.goto(`${t.url}/monitor/instances/${caseKey}`);

    // then while the read is under way: no deadline day, no badge (the case's start alone would give one)
    await expect.poll(() => held.length, { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('remaining-working-days').innerText()).toBe('读取中…');
    expect(await page.getByTestId('deadline-day').innerText()).toBe('—');
    expect(await page.locator('.facts .due-badge').count()).toBe(0);

    // when the read fails
    const failed = { status: 500, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: '测试' }) };
    // (the later handler goes first: any read again fails too)
    await page.route(VARIABLE_SEARCH, (route) => (deadlineRead(route.request()) ? route.fulfill(failed) : route.continue()));
    for (const route of held) await route.fulfill(failed);

    // then the page says so, in place of a verdict
    await expect.poll(() => page.getByTestId('remaining-working-days').innerText()).toBe('案件变量未能读取，无法判断时限，请刷新页面重试');
    expect(await page.getByTestId('deadline-day').innerText()).toBe('—');
    expect(await page.locator('.facts .due-badge').count()).toBe(0);
  });
});
