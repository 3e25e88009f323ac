/**
 * Where the keyboard focus goes in the task list when the control that had it goes away, in headless Chromium:
 * after 办结 it stays in the task pane (Tab goes on there, not from the top of the page), and a start form opened
 * from 新办件 puts it in its first field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';
import { FC20_APPLICATION } from '../support/fc20-sample-case.js';

const PROCESS_ID = 'xining-fc20-manual-reimbursement';
// 张敏: 窗口初审 (config/users.json)
const CLERK = 'zhang-min';

let t: TasklistHarness;
let taskKey = '';

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [PROCESS_ID] });
  taskKey = (await t.harness.waitForTask(await t.harness.start(PROCESS_ID, FC20_APPLICATION), 'preliminaryReview')).userTaskKey;
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

const focusIn = (page: Page, selector: string) => page.evaluate((within) => Boolean(document.activeElement?.closest(within)), selector);

describe('task list (/tasklist) keyboard focus', { timeout: 120_000 }, () => {
  it('should keep the focus in the task pane after 办结, so Tab goes on from there', async () => {
    // given the clerk's claimed task with its form filled
    const page = await t.loginAs(CLERK);
    await page.getByRole('tab', { name: /待认领/ }).click();
    await page.locator(`[data-task-key="${taskKey}"]`).click();
    await page.getByRole('button', { name: '认领', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: '释放' }).count()).toBe(1);
    for (const material of FC20_APPLICATION.submittedMaterials) await page.locator('.task-detail .fjs-form').getByRole('checkbox', { name: material, exact: true, disabled: false }).check();
    await page.getByLabel('资料齐备，予以受理').check();

    // when she completes it with the keyboard
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('message').filter({ hasText: '已办结' }).waitFor();

    // then the focus is in the task pane, not back on the page's body
    await expect.poll(() => focusIn(page, '.detail-pane')).toBe(true);
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
    await page.context().close();
  });

  it('should put the focus in the first field of a start form opened from 新办件', async () => {
    // given the list of services to start
    const page = await t.loginAs(CLERK);
    await page.keyboard.press('n');
    await page.getByRole('searchbox', { name: '按名称查找事项' }).fill('零星报销');

    // when she opens 医疗费用零星报销
    await page.getByRole('row', { name: /医疗费用零星报销/ }).getByRole('button', { name: '办理' }).click();

    // then the focus is in the form's first field (办理渠道), ready for the keyboard
    await page.locator('.start-form .fjs-form').waitFor();
    await expect.poll(() => focusIn(page, '.start-form .fjs-form')).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.innerText.trim())).toBe('窗口现场办理');
    await page.context().close();
  });
});
