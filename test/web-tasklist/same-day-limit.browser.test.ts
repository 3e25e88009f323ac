/**
 * A 即时办结 case (FC7 职工参保信息变更登记) in headless Chromium, in both apps: its limit is the day it was taken in
 * (web-shared/src/dates/case-due.ts), never 无时限 (what the task list said) nor 受理后起算 (what the monitor said).
 * The task list, whose clerks may not read the case's start, reads 当日到期 and 受理日期 即时受理 in its row and its
 * case header; the monitor counts the case's start day as its figures do: 今日到期 that day, 逾期 the next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';
import { MANAGER } from '../support/monitor-browser.js';

const PROCESS_ID = 'xining-fc07-employee-info-change';
// demo user 陈燕: 窗口受理 (window-clerk), who reviews FC7 on the spot
const WINDOW_CLERK = 'chen-yan';

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
  it('should read 当日到期 in the task list\'s row and case header, 受理日期 即时受理', async () => {
    // given
    const clerk = await t.loginAs(WINDOW_CLERK);

    // when she looks at 待认领 (the task waits for her group) and opens the task
    await clerk.getByRole('tab', { name: /待认领/ }).click();
    const row = clerk.locator(`[data-task-key="${taskKey}"]`);
    await expect.poll(() => row.locator('.due-badge').innerText().catch(() => ''), { timeout: 20_000 }).toBe('当日到期');
    await row.click();

    // then
    await expect.poll(() => clerk.getByTestId('remaining-working-days').innerText()).toBe('当日到期');
    const header = await clerk.locator('.case-header').innerText();
    expect(header).toMatch(/受理日期\s*即时受理/);
    expect(header).toMatch(/法定时限\s*即时办结/);
    expect(header).not.toMatch(/无时限|受理后起算|尚未受理/);
  });

  it('should count the day it started on the monitor\'s case page: 今日到期 that day, 逾期 the next working day', async () => {
    // given
    const page = await t.openMonitorAs(MANAGER);

    // when
    await page.goto(`${t.url}/monitor/instances/${caseKey}`);

    // then
    await expect.poll(() => page.getByTestId('remaining-working-days').innerText(), { timeout: 20_000 }).toBe('今日到期');
    expect(await page.getByTestId('deadline-day').innerText()).toBe('2026-03-02');
    expect(await page.locator('.facts').innerText()).toMatch(/受理日期\s*2026-03-02/);

    // when the case is still open the next working day
    await t.harness.pinClock('2026-03-03T09:00:00+08:00');
    await page.reload();

    // then
    await expect.poll(() => page.getByTestId('remaining-working-days').innerText(), { timeout: 20_000 }).toBe('逾期 1 个工作日');
  });
});
