/**
 * The monitor's 案件查询 keeps the applicant and the value searched for in the address's fragment (never sent to a
 * server): private data of the tab (web-shared private-data.ts), cleared at a logout and when someone else signs in
 * on the tab, kept for her own re-login; the task list's keys of before that prefix go as the monitor starts too.
 * Headless Chromium against the embedded engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTasklistHarness, submitLogin, type TasklistHarness } from '../support/tasklist-browser.js';

let t: TasklistHarness;

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [] });
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe('monitor (/monitor) 案件查询 fragment as private data', { timeout: 120_000 }, () => {
  it('should clear the monitor’s 案件查询 address fragment (its applicant) when someone else signs in on the tab, and keep it for her own re-login', async () => {
    // given the manager's 案件查询 with an applicant and an ID number in the address's fragment
    const page = await t.openMonitorAs('sun-qiang');
    await page.goto(`${t.url}/monitor/instances#applicant=${encodeURIComponent('马福林')}`);
    await page.locator('.monitor-page').waitFor();
    await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).toContain('马福林');

    // when her session ends (another tab logged out) and she signs in again on the tab
    expect((await page.context().request.post(`${t.url}/logout`)).status()).toBe(204);
    await page.reload();
    await page.locator('.login-page').waitFor();
    await login(page, 'sun-qiang', '.monitor-page');

    // then her search is still in the address
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain('马福林');

    // when her session ends again and a colleague signs in on the tab
    expect((await page.context().request.post(`${t.url}/logout`)).status()).toBe(204);
    await page.reload();
    await page.locator('.login-page').waitFor();
    await login(page, 'han-jun', '.monitor-page, .page-status');

    // then the address holds nothing of her search (the page's path stays)
    await expect.poll(() => new URL(page.url()).hash).toBe('');
    expect(new URL(page.url()).pathname).toBe('/monitor/instances');
    await page.context().close();
  });

  it('should clear the 案件查询 address fragment when the manager logs out', async () => {
    // given the manager's 案件查询 with an applicant in the address's fragment
    const page = await t.openMonitorAs('sun-qiang');
    await page.goto(`${t.url}/monitor/instances#applicant=${encodeURIComponent('马福林')}`);
    await page.locator('.monitor-page').waitFor();

    // when she logs out
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.locator('.login-page').waitFor();

    // then the address holds nothing of her search
    await expect.poll(() => new URL(page.url()).hash).toBe('');
    await page.context().close();
  });

  it('should remove the task list’s keys of before the private prefix in a tab that opens only the monitor', async () => {
    // given a tab that still holds the task list's old keys (opened before the upgrade), now showing the monitor
    const page = await t.openMonitorAs('sun-qiang');
    await page.evaluate(() => {
      sessionStorage.setItem('tasklist.query', JSON.stringify({ list: 'all', sort: 'dueDate', search: '630103196503152014' }));
      sessionStorage.setItem('tasklist.draft:sun-qiang:start:xining-fc20-manual-reimbursement', JSON.stringify({ username: 'sun-qiang', data: { personName: '马福林' }, savedAt: Date.now() }));
      sessionStorage.setItem('modeler.search', 'FC20');
    });

    // when the monitor is loaded again (the new bundle), the task list never opened in the tab
    await page.reload();
    await page.locator('.monitor-page').waitFor();

    // then they are gone, and nothing else is
    const keys = await page.evaluate(() => Object.keys(sessionStorage));
    expect(keys.filter((key) => key.startsWith('tasklist.'))).toEqual([]);
    expect(keys).toContain('modeler.search');
    await page.context().close();
  });
});

// helpers

async function login(page: Page, username: string, shown: string): Promise<void> {
  await submitLogin(page, username);
  await page.locator(shown).first().waitFor();
}
