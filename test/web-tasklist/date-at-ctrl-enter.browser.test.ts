/**
 * A date the clerk types into a task form's date field and completes with Ctrl+Enter straight from the field is the
 * one the task is completed with, in headless Chromium against the embedded engine: the shortcut submitted the form
 * in the keydown in which the calendar read her text, before form-js took the date into its data (after the next
 * paint), and the task was completed with the date the field had before (half-typed-date-validation.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';
import { FC20_APPLICATION, FC20_REGISTRATION } from '../support/fc20-sample-case.js';

const PROCESS_ID = 'xining-fc20-manual-reimbursement';
// 马晓云: 财务 (config/users.json)
const FINANCE = 'ma-xiaoyun';

let t: TasklistHarness;
let caseKey = '';
let taskKey = '';

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [PROCESS_ID] });
  const h = t.harness;
  // a case at 财务发放 whose 发放日期 is already 2026-03-02 (and its 转账凭证号 given)
  caseKey = await h.start(PROCESS_ID, { ...FC20_APPLICATION, paymentDate: '2026-03-02', paymentReference: 'ZZ2026030001' });
  await h.complete(caseKey, 'preliminaryReview', { as: 'window-first-review', variables: { receivedMaterials: FC20_APPLICATION.submittedMaterials, preliminaryReviewDecision: 'approved' } });
  await h.complete(caseKey, 'registerAndReview', { as: 'window-first-review', variables: FC20_REGISTRATION });
  await h.complete(caseKey, 'settlementReview', { as: 'window-second-review', variables: { settlementReviewDecision: 'approved', settlementReviewReason: '' } });
  taskKey = (await h.waitForTask(caseKey, 'payBenefits')).userTaskKey;
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe('task list (/tasklist): a date typed and completed with Ctrl+Enter', { timeout: 120_000 }, () => {
  it('should complete the task with the date typed, not the one the field had', async () => {
    // given finance's claimed 发放 task, its 发放日期 2026/3/2
    const page = await t.loginAs(FINANCE);
    await page.goto(`${t.url}/tasklist/tasks/${taskKey}`);
    await page.getByRole('button', { name: '认领', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: '释放' }).count()).toBe(1);
    const date = page.locator('.task-detail .fjs-form').getByLabel('发放日期');
    await expect.poll(() => date.inputValue()).toBe('2026/3/2');
    await expect.poll(() => date.isEditable()).toBe(true);

    // when she overtypes it with 2026/3/5 and presses Ctrl+Enter in the field
    await date.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2026/3/5');
    await page.keyboard.press('Control+Enter');

    // then the task is completed with 2026-03-05
    await expect.poll(() => page.getByTestId('message').innerText()).toContain('已办结');
    expect(await t.harness.variables(caseKey)).toMatchObject({ paymentDate: '2026-03-05' });
    await page.context().close();
  });
});
