/**
 * 新办件's catalogue in headless Chromium: the chart numbers read as the modeler writes them (流程图 20), not as
 * bare numbers a clerk may take for a missing picture.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';

// 张敏: 窗口初审 (config/users.json)
const CLERK = 'zhang-min';

let t: TasklistHarness;

beforeAll(async () => {
  t = await startTasklistHarness({ processes: ['xining-fc20-manual-reimbursement', 'xining-fc11-transfer-in'] });
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe('task list (/tasklist) 新办件 catalogue', { timeout: 120_000 }, () => {
  it('should name each chart number as the modeler does (流程图 20) under the heading 流程图', async () => {
    // when
    const page = await t.loginAs(CLERK);
    await page.getByRole('button', { name: '新办件' }).click();
    await page.getByRole('button', { name: '办理 医疗费用零星报销' }).waitFor();

    // then
    expect(await page.locator('table.catalogue th').first().innerText()).toBe('流程图');
    const row = page.locator('table.catalogue tr', { has: page.getByRole('button', { name: '办理 医疗费用零星报销' }) });
    expect(await row.locator('td').first().innerText()).toBe('流程图 20');
    const charts = await page.locator('table.catalogue tbody tr td:first-child').allInnerTexts();
    expect(charts).toHaveLength(2);
    for (const chart of charts) expect(chart).toMatch(/^流程图 \d{1,2}$/);
  });
});
