/**
 * A date the clerk leaves half typed in a task's form is kept in the task's draft: she leaves the task for the list,
 * comes back, and finds the text she typed with the same error — not the old date, silently — and the task is not
 * completed with it until she completes the date (date-texts-kept.ts, date-texts-shown.ts). In headless Chromium
 * against the embedded engine.
 */
import { describe, expect, it } from 'vitest';
import { claimPaymentTask, startTasklistAtPaymentForFile } from '../support/fc20-payment-task.js';
const KEPT = '请输入完整日期，如 2026/12/7（原日期 2026/3/2 仍保留，未改动）';

// a case at 财务发放 whose 发放日期 is already 2026-03-02 (and its 转账凭证号 given)
const started = startTasklistAtPaymentForFile('2026-03-02');

describe('task list (/tasklist): a half-typed date in the task’s draft', { timeout: 120_000 }, () => {
  it('should show the text she typed, with its error, when she comes back to the task, and complete only with a whole date', async () => {
    // given finance's claimed 发放 task, its 发放日期 2026/3/2
    const { page, date } = await claimPaymentTask(started.t, started.taskKey);
    await expect.poll(() => date.inputValue()).toBe('2026/3/2');
    await expect.poll(() => date.isEditable()).toBe(true);

    // when she overtypes it with 2026/3, leaves the field, and goes to the list and back to the task
    await date.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2026/3');
    await page.keyboard.press('Tab');
    await expect.poll(() => errorOf(page)).toBe(KEPT);
    await page.goto(`${started.t.url}/tasklist/`);
    await page.locator('.task-list-panel, .task-list').first().waitFor();
    await page.goto(`${started.t.url}/tasklist/tasks/${started.taskKey}`);

    // then the field shows 2026/3 again, with the same error, and the draft's note
    await expect.poll(() => date.inputValue()).toBe('2026/3');
    await expect.poll(() => errorOf(page)).toBe(KEPT);
    expect(await page.locator('.task-detail .draft-note').innerText()).toMatch(/已恢复未提交的草稿/);

    // when she presses 办结
    await page.getByRole('button', { name: '办结' }).first().click();

    // then the task is not completed: the form has an error, the case's date still 2026-03-02
    await page.getByText(/有 \d+ 处内容需要修改/).waitFor();
    expect(await started.t.harness.variables(started.caseKey)).toMatchObject({ paymentDate: '2026-03-02' });

    // when she completes the date (2026/3/5) and presses 办结
    await date.click();
    await page.keyboard.press('End');
    await page.keyboard.type('/5');
    await page.keyboard.press('Tab');
    await expect.poll(() => errorOf(page)).toBe(null);
    await page.getByRole('button', { name: '办结' }).first().click();

    // then the task is completed with 2026-03-05
    await expect.poll(() => page.getByTestId('message').innerText()).toContain('已办结');
    expect(await started.t.harness.variables(started.caseKey)).toMatchObject({ paymentDate: '2026-03-05' });
    await page.context().close();
  });
});

/** The error under the task form's 发放日期, or null. */
function errorOf(page: import('playwright-core').Page): Promise<string | null> {
  return page.evaluate(() => {
    const input = Array.from(document.querySelectorAll<HTMLInputElement>('.task-detail .fjs-form input')).find((element) => element.labels?.[0]?.innerText.replace(/\s*\*$/, '').trim() === '发放日期');
    return input?.closest('.fjs-form-field')?.querySelector('.fjs-form-field-error')?.textContent?.trim() || null;
  });
}
