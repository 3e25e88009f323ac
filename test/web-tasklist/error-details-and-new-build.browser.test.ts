/**
 * The task list in headless Chromium when the engine answers in Camunda's English words and when the server was
 * upgraded under an open tab. A task opened at an address that names no task, and a 办结 of a task whose case was
 * withdrawn meanwhile, say so in Chinese only; the engine's English detail, with the status, is under a closed
 * 「技术详情」 that the keyboard opens. Every answer of the task list's own server names the build it serves: a tab
 * whose bundle is of another build shows 「系统已更新，请保存手头工作后刷新页面」 with 刷新 — and never reloads by
 * itself —, a tab of the same build shows nothing.
 */
import { readFileSync } from 'node:fs';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FC20_APPLICATION } from '../support/fc20-sample-case.js';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'xining-fc20-manual-reimbursement';
// 李静: 窗口初审 (config/users.json)
const CLERK = 'li-jing';
const application = { ...FC20_APPLICATION, submittedMaterials: FC20_APPLICATION.submittedMaterials.slice(0, 3) };
const NEW_BUILD = '系统已更新，请保存手头工作后刷新页面';

let t: TasklistHarness;

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [PROCESS_ID] });
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe('task list (/tasklist): English engine details and a newer build', () => {
  it('should say in Chinese only that a task at an address naming none is not found, the engine’s English under 技术详情', async () => {
    // given the clerk signed in
    const page = await t.loginAs(CLERK);

    // when she opens a task address that names no task (a link to a task since removed)
    await page.goto(`${t.url}/tasklist/tasks/2251799813999999`);

    // then the page says, in Chinese only, that it is not found
    const notice = page.locator('.task-detail [role="alert"]');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await sentenceOf(notice.first())).toBe('未找到，可能已被他人办理或已撤销');
    // and the English detail is there for support staff, closed until asked for, opened with the keyboard
    const details = notice.locator('xpath=..').locator('details');
    expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    expect(await details.locator('summary').innerText()).toBe('技术详情');
    await details.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => details.locator('pre').innerText())
      .toBe("HTTP 404 NOT_FOUND\nno user task with key '2251799813999999' exists\ninstance: /v2/user-tasks/2251799813999999");
    await page.context().close();
  });

  it('should say in Chinese only that the state changed when a 办结 finds the case withdrawn, and keep the message while 技术详情 is open', async () => {
    // given a task the clerk claimed and filled in
    const { userTaskKey, processInstanceKey } = await t.harness.waitForTask(await t.harness.start(PROCESS_ID, { ...application, personName: '马秀英' }), 'preliminaryReview');
    const page = await t.loginAs(CLERK);
    await page.clock.install();
    await page.goto(`${t.url}/tasklist/tasks/${userTaskKey}`);
    // (the page's clock stands still from here: its list, re-read every 15 s, would otherwise find the case withdrawn
    // before her 办结 on a slow machine, and the page would rightly say so instead)
    await page.getByRole('button', { name: '认领', exact: true }).waitFor();
    await page.clock.pauseAt(Date.now() + 1_000);
    await page.getByRole('button', { name: '认领', exact: true }).click();
    await page.getByTestId('message').filter({ hasText: '已认领' }).waitFor();
    await page.getByLabel('资料齐备，予以受理').check();
    for (const material of application.submittedMaterials) await page.locator('.task-detail .fjs-form').getByRole('checkbox', { name: material, exact: true, disabled: false }).check();

    // when the case is withdrawn meanwhile (撤销案件 in the monitor), and she presses 办结
    const withdrawn = await t.harness.fixture.fetch(`/v2/process-instances/${processInstanceKey}/cancellation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(withdrawn.status).toBe(204);
    await page.getByRole('button', { name: '办结' }).first().click();

    // then the message is Chinese only, the engine's English under 技术详情
    const message = page.getByTestId('message');
    await expect.poll(() => sentenceOf(message)).toBe('办理状态已变化');
    await message.locator('summary').click();
    expect(await message.locator('pre').innerText()).toBe(
      `HTTP 409 INVALID_STATE\nthe user task '${userTaskKey}' is canceled and can no longer change\ninstance: /v2/user-tasks/${userTaskKey}/completion`,
    );
    // and, opened, it stays past the 15 s an error message shows otherwise
    await page.clock.runFor(20_000);
    expect(await sentenceOf(message)).toBe('办理状态已变化');
    await page.context().close();
  });

  it('should name the served build in the page’s and the API’s answers, and show no banner while the bundle is of that build', async () => {
    // given the build the server serves
    const served = readFileSync('web-tasklist/dist/.build-stamp', 'utf8').trim();
    const page = await t.loginAs(CLERK);

    // when the page and its own API answer (a view saved: the view sent, the views read again)
    const page404 = await page.request.get(`${t.url}/tasklist/api/cases`);
    const index = await page.request.get(`${t.url}/tasklist/`);
    const views = saveView(page, '本人待办');

    // then each names it — a route the bundle no longer has too —, and the tab of this build shows nothing
    expect(index.headers()['x-web-build']).toBe(served);
    expect(page404.status()).toBe(404);
    expect(page404.headers()['x-web-build']).toBe(served);
    for (const answer of await views) expect(answer.headers()['x-web-build']).toBe(served);
    await page.getByTestId('message').filter({ hasText: '已保存视图「本人待办」' }).waitFor();
    expect(await page.getByTestId('new-build').count()).toBe(0);
    await page.context().close();
  });

  it('should ask the clerk to reload once the server names another build, keep what she typed, and reload only when she presses 刷新', async () => {
    // given the clerk with text typed into the search box, the page's answers of the bundle's own build so far
    const page = await t.loginAs(CLERK);
    const search = page.getByRole('searchbox');
    await search.fill('马');
    expect(await page.getByTestId('new-build').count()).toBe(0);

    // when the server is upgraded: its answers name another build from the next request on
    await page.route('**/tasklist/api/**', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'x-web-build': 'a-newer-build' } });
    });
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
    await saveView(page, '本组待认领');

    // then one banner asks her to save her work and reload, the page stays as it was
    const banner = page.getByTestId('new-build');
    await banner.waitFor();
    expect(await banner.count()).toBe(1);
    expect(await banner.innerText()).toContain(NEW_BUILD);
    expect(await search.inputValue()).toBe('马');
    expect(navigations).toEqual([]);

    // and 刷新 in the banner (reached with the keyboard) reloads the page
    await page.unroute('**/tasklist/api/**');
    const reloaded = page.waitForEvent('load');
    await banner.getByRole('button', { name: '刷新' }).focus();
    await page.keyboard.press('Enter');
    await reloaded;
    await page.locator('.task-list-panel').waitFor();
    expect(await page.getByTestId('new-build').count()).toBe(0);
    await page.context().close();
  });
});

/** Saves the list as a view named `name` (保存为视图); resolves with the answers of the task list's server to it. */
async function saveView(page: Page, name: string): Promise<Response[]> {
  const answers = Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/tasklist/api/views') && response.request().method() === 'POST'),
    page.waitForResponse((response) => response.url().endsWith('/tasklist/api/views') && response.request().method() === 'GET'),
  ]);
  await page.getByRole('button', { name: '保存为视图' }).click();
  await page.getByLabel('视图名称（例如：本组逾期件）').fill(name);
  await page.locator('.save-view').getByRole('button', { name: '保存为视图' }).click();
  return answers;
}

/** The notice's sentence (its live region), without its 技术详情. */
async function sentenceOf(notice: ReturnType<Page['locator']>): Promise<string> {
  return notice.evaluate((element) => (element.matches('[role="alert"]') ? element : element.querySelector('[role="alert"]'))?.textContent?.trim() ?? '');
}
