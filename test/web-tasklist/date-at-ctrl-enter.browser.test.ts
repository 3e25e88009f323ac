/**
 * A date the clerk types into a task form's date field and completes with Ctrl+Enter straight from the field is the
 * one the task is completed with, in headless Chromium against the embedded engine: the shortcut submitted the form
 * in the keydown in which the calendar read her text, before form-js took the date into its data (after the next
 * paint), and the task was completed with the date the field had before (half-typed-date-validation.ts).
 */
import { describe, expect, it } from 'vitest';
import { claimPaymentTask, startTasklistAtPaymentForFile } from '../support/fc20-payment-task.js';

// a case at 财务发放 whose 发放日期 is already 2026-03-02 (and its 转账凭证号 given)
const started = startTasklistAtPaymentForFile('2026-03-02');

describe('task list (/tasklist): a date typed and completed with Ctrl+Enter', { timeout: 120_000 }, () => {
  it('should complete the task with the date typed, not the one the field had', async () => {
    // given finance's claimed 发放 task, its 发放日期 2026/3/2
    const { page, date } = await claimPaymentTask(started.t, started.taskKey);
    await expect.poll(() => date.inputValue()).toBe('2026/3/2');
    await expect.poll(() => date.isEditable()).toBe(true);

    // when she overtypes it with 2026/3/5 and presses Ctrl+Enter in the field
    await date.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2026/3/5');
    await page.keyboard.press('Control+Enter');

    // then the task is completed with 2026-03-05
    await expect.poll(() => page.getByTestId('message').innerText()).toContain('已办结');
    expect(await started.t.harness.variables(started.caseKey)).toMatchObject({ paymentDate: '2026-03-05' });
    await page.context().close();
  });
});
