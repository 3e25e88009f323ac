/**
 * A task whose form data could not be read whole (case-data.ts `taskVariables`: FormDataLeftOut — the server's answer
 * made here, with page.route, to say so: a full page and more counted than it holds, no cursor to read on), in
 * headless Chromium against the embedded engine. The task page opens all the same — the case header, 材料清单,
 * 通知书, 办理记录 —, with the reason in the form's place and no 办结: to 李静, who may work it, 暂不能打开表单 (a
 * form opened with blank fields would send them blank over the case's); to the manager 孙强, who only reads it,
 * 表单暂不显示 (there is no 办结 to guard). Before, the whole page was an error whose 重试 failed the same way.
 */
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy } from '../support/engine-fixture.js';
import { caseAtReview, intakeThenReview } from '../support/review-step-case.js';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'tasklist-form-data-left-out';
const FORM_ID = 'tasklist-form-data-left-out-review';
// 李静: 窗口初审 (config/users.json); 孙强: manager, reads every task
const CLERK = 'li-jing';
const MANAGER = 'sun-qiang';

const model = intakeThenReview(PROCESS_ID, '读取不全测试', FORM_ID);

const form = {
  id: FORM_ID,
  type: 'default',
  schemaVersion: 18,
  executionPlatform: 'Camunda Cloud',
  executionPlatformVersion: '8.8.0',
  components: [
    { type: 'textfield', id: 'f_personName', key: 'personName', label: '参保人姓名', readonly: true },
    { type: 'textfield', id: 'f_reviewNote', key: 'reviewNote', label: '审核意见' },
  ],
};

let t: TasklistHarness;
let taskKey = '';

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [], now: '2026-03-02T09:30:00+08:00' });
  await deploy(t.harness.client, [
    { name: `${PROCESS_ID}.bpmn`, content: model },
    { name: `${FORM_ID}.form`, content: JSON.stringify(form) },
  ]);
  taskKey = await caseAtReview(t.harness, PROCESS_ID, { personName: '马福林' }, { intakeDecision: 'approved', intakeNote: '原件已核对' });
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

/**
 * The task's form variables (read by the form's names) answered as a full page of as many as asked, 3 more counted,
 * and no cursor to read on.
 */
async function formDataCutShort(page: Page): Promise<void> {
  await page.route(
    (url) => /\/v2\/user-tasks\/[^/]+\/variables\/search$/.test(url.pathname),
    async (route: Route) => {
      const { page: asked, filter } = route.request().postDataJSON() as { page: { limit: number }; filter?: { name?: unknown } };
      // (the form's read, by its names; a reader's page reads all the task's variables too, for what to mask)
      if (filter?.name === undefined) return route.continue();
      const items = Array.from({ length: asked.limit }, (_, n) => ({
        variableKey: String(9_000_000 + n),
        name: 'personName',
        value: '"马福林"',
        isTruncated: false,
        scopeKey: taskKey,
        processInstanceKey: taskKey,
      }));
      await route.fulfill({ json: { items, page: { totalItems: asked.limit + 3, hasMoreTotalItems: false, startCursor: null, endCursor: null } } });
    },
  );
}

describe('a task page whose form data could not be read whole (/tasklist) in Chromium', { timeout: 120_000 }, () => {
  it('should show the clerk the task without its form, say why in its place, and give no 办结, even once she holds it', async () => {
    // given the clerk, the server's answer for the form's data cut short
    const page = await t.loginAs(CLERK);
    await formDataCutShort(page);
    const completions: string[] = [];
    page.on('request', (request) => request.url().includes('/completion') && completions.push(request.url()));

    // when she opens the task
    await page.goto(`${t.url}/tasklist/tasks/${taskKey}`);
    const leftOut = page.getByTestId('form-data-left-out');
    await leftOut.waitFor();

    // then the reason stands in the form's place, and the rest of the task is there: the header, 材料清单, 通知书 and
    // 办理记录 (its 受理 row), with nothing to 重试
    expect(await leftOut.innerText()).toBe('表单数据未能全部读取（共 203 项，只读取了 200 项），为免办结时漏填或覆盖已有内容，暂不能打开表单，请联系系统管理员');
    const detail = page.locator('.task-detail');
    expect(await detail.innerText()).toContain('读取不全测试初审');
    for (const section of ['办理表单', '材料清单', '通知书', '办理记录']) expect(await page.getByRole('heading', { name: section }).count()).toBe(1);
    await expect.poll(() => page.locator('table.history').innerText()).toContain('读取不全测试受理');
    expect(await page.locator('.form-view').count()).toBe(0);
    expect(await page.getByRole('button', { name: '重试' }).count()).toBe(0);

    // when she claims it
    await page.getByRole('button', { name: '认领' }).click();
    await page.getByRole('button', { name: '释放' }).waitFor();

    // then there is still no 办结, and Ctrl+Enter completes nothing (a 办结 it sent would have gone out before the
    // 释放 after it, which is answered)
    expect(await page.getByRole('button', { name: '办结' }).count()).toBe(0);
    await page.keyboard.press('Control+Enter');
    await page.getByRole('button', { name: '释放' }).click();
    await page.getByRole('button', { name: '认领' }).waitFor();
    expect(completions).toEqual([]);
    expect(await leftOut.innerText()).toContain('暂不能打开表单');
    await page.context().close();
  });

  it('should tell the manager, who only reads the task, that the form is not shown, not that she cannot open it to 办结', async () => {
    // given the manager, the server's answer for the form's data cut short
    const page = await t.loginAs(MANAGER);
    await formDataCutShort(page);

    // when she opens the task
    await page.goto(`${t.url}/tasklist/tasks/${taskKey}`);
    const leftOut = page.getByTestId('form-data-left-out');
    await leftOut.waitFor();

    // then the words are a reader's, and the rest of the task is there
    expect(await leftOut.innerText()).toBe('表单数据未能全部读取（共 203 项，只读取了 200 项），为免未读取的内容显示为空白，表单暂不显示，请联系系统管理员');
    expect(await page.locator('.task-detail').innerText()).toContain('您只能查看');
    await expect.poll(() => page.locator('table.history').innerText()).toContain('读取不全测试受理');
    expect(await page.locator('.form-view').count()).toBe(0);
    await page.context().close();
  });
});
