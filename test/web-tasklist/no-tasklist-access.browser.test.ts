/**
 * A user whose roles give no task-list access (刘芳, 业务分析: the web modeler only — config/users.json,
 * config/authorizations.json) opening /tasklist in headless Chromium: a clear Chinese message and the way to the app
 * she may use, and no broken page — no error notice, no script error, no request the task list may not make.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { OFFICE_VIEWPORT, startTasklistHarness, submitLogin, type TasklistHarness } from '../support/tasklist-browser.js';

const ANALYST = 'liu-fang';

let t: TasklistHarness;

beforeAll(async () => {
  t = await startTasklistHarness({ processes: ['xining-fc20-manual-reimbursement'] });
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe('task list (/tasklist) for a user who may not use it', { timeout: 120_000 }, () => {
  it('should tell a modeler-only user in Chinese that the task list is not hers, and link to 流程建模', async () => {
    // given the analyst's browser, watched for script errors and refused requests
    const context = await t.browser.newContext({ viewport: OFFICE_VIEWPORT, locale: 'en-US', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    const scriptErrors: string[] = [];
    const refused: string[] = [];
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });

    // when she signs in on the task list
    await login(page, ANALYST);
    // (the login page's own: /me and the early catalogue answer 401 before she signs in)
    refused.length = 0;

    // then the page says the task list is not for her account, and names the app she may use, as a link
    const main = page.locator('#main');
    await expect.poll(() => main.innerText()).toContain('您的账号没有使用此应用的权限（任务列表）');
    await expect.poll(() => main.innerText()).toContain('您可以使用：流程建模');
    expect(await main.innerText()).toContain('如需使用此应用，请联系系统管理员');
    const way = main.getByRole('link', { name: '流程建模' });
    expect(await way.getAttribute('href')).toBe('/modeler/');
    expect(await page.getByRole('navigation', { name: '切换应用' }).getByRole('link').allInnerTexts()).toEqual(['流程建模']);
    // nothing of the task list: no 新办件, no list, no error
    expect(await page.getByRole('button', { name: '新办件' }).count()).toBe(0);
    expect(await page.locator('.task-list-panel').count()).toBe(0);
    expect(await page.locator('.banner.error, [role="alert"]').count()).toBe(0);
    // (the task list's shortcuts are not there either: N opens no 新办件)
    await page.keyboard.press('n');
    expect(new URL(page.url()).pathname).toBe('/tasklist/');

    // and after a reload (the first screen's requests, the catalogue's) still nothing refused, no script error
    await page.reload();
    await expect.poll(() => main.innerText()).toContain('您的账号没有使用此应用的权限（任务列表）');
    // (the catalogue goes out with the session check, before the page knows who she is — early-requests.ts —, and
    // is refused her and dropped unseen; nothing is asked once the page knows)
    expect(refused.filter((request) => request !== '403 /tasklist/api/catalog')).toEqual([]);
    expect(scriptErrors).toEqual([]);

    // and a link into the task list a colleague sent her (a task, 新办件, a start form: router.ts's ?process=) opens the same page, not a
    // half-empty one: no list, no form, no catalogue, no error over it
    for (const path of ['/tasklist/tasks/2251799813685249', '/tasklist/new', '/tasklist/new?process=2251799813685250']) {
      refused.length = 0;
      await page.goto(`${t.url}${path}`);
      await expect.poll(() => main.innerText(), { message: path }).toContain('您的账号没有使用此应用的权限（任务列表）');
      // (the apps she may use come with the session's answer, after the page's own words)
      await expect.poll(() => main.getByRole('link', { name: '流程建模' }).count(), { message: path }).toBe(1);
      expect(await page.locator('.task-list-panel, .task-detail, .new-case, .start-form, .banner.error, [role="alert"]').count(), path).toBe(0);
      expect(refused.filter((request) => request !== '403 /tasklist/api/catalog'), path).toEqual([]);
    }
    expect(scriptErrors).toEqual([]);

    // when she follows the link, the web modeler opens for her
    await page.goto(`${t.url}/tasklist/`);
    await expect.poll(() => main.innerText()).toContain('您可以使用：流程建模');
    await way.click();
    await page.waitForURL(/\/modeler\/$/);
    await expect.poll(() => page.locator('.app-switcher [aria-current="page"]').innerText().catch(() => '')).toBe('流程建模');
    expect(await page.locator('#main').innerText()).not.toContain('没有使用');
    await context.close();
  });
});

async function login(page: Page, username: string): Promise<void> {
  await page.goto(`${t.url}/tasklist/`);
  await submitLogin(page, username);
  await page.locator('.app-shell').waitFor();
}
