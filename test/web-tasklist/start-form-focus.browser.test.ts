/**
 * 新办件's start form puts the focus in its first field once the form is ready (new-case.tsx) — only while the
 * focus is still where the page put it: a clerk who clicked into a field and typed as the form showed, before it
 * was ready, keeps her field, her caret and her keys. In headless Chromium, the page's clock paused (page.clock) so
 * the moment between the form shown and its ready step is held open, as on a busy PC.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'xining-fc20-manual-reimbursement';
// 张敏: 窗口初审 (config/users.json)
const CLERK = 'zhang-min';

let t: TasklistHarness;

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [PROCESS_ID] });
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

/** The label of the field that has the focus (a radio's: its option's). */
const focusedLabel = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.innerText.replace(/\s*\*$/, '').trim() ?? null);

/**
 * Opens 医疗费用零星报销's start form with the page's clock paused, and steps it on until the form's fields are
 * shown, the page's step after the form is ready (a preact effect, run after the next frame) not yet taken.
 */
async function openStartFormHeld(page: Page): Promise<void> {
  await page.clock.install();
  await page.keyboard.press('n');
  await page.getByRole('searchbox', { name: '按名称查找事项' }).fill('零星报销');
  await page.clock.pauseAt(Date.now() + 1_000);
  await page.getByRole('row', { name: /医疗费用零星报销/ }).getByRole('button', { name: '办理' }).click();
  for (let step = 0; step < 2_000; step += 1) {
    if (await page.getByLabel('参保人姓名').count()) return;
    await page.clock.runFor(1);
  }
  throw new Error('the start form did not show');
}

describe('the start form’s first focus (新办件)', { timeout: 120_000 }, () => {
  it('should leave the focus in the field the clerk clicked and typed in as the form showed', async () => {
    // given the start form shown, not yet ready
    const page = await t.loginAs(CLERK);
    await openStartFormHeld(page);
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);

    // when the clerk clicks 联系电话 and types, the form gets ready meanwhile, and she types on
    await page.getByLabel('联系电话').click();
    await page.keyboard.type('0971');
    await page.clock.runFor(1_000);
    await page.keyboard.type('-8123456');

    // then her field kept the focus and every key
    expect(await focusedLabel(page)).toBe('联系电话');
    expect(await page.getByLabel('联系电话').inputValue()).toBe('0971-8123456');
    // and 办理渠道 (the form's first field) got none of them
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
    await page.context().close();
  });

  it('should still put the focus in the first field when the clerk did nothing as the form showed', async () => {
    // given the start form shown, not yet ready, the clerk waiting
    const page = await t.loginAs(CLERK);
    await openStartFormHeld(page);

    // when the form gets ready
    await page.clock.runFor(1_000);

    // then the focus is in its first field (办理渠道), ready for the keyboard
    await expect.poll(() => focusedLabel(page)).toBe('窗口现场办理');
    await page.context().close();
  });

  it('should still put the focus in the first field when the clerk only pressed Shift (the input method’s 中/英) or Ctrl', async () => {
    // given the start form shown, not yet ready
    const page = await t.loginAs(CLERK);
    await openStartFormHeld(page);

    // when the clerk switches her input method with a lone Shift, presses Ctrl, and the form gets ready
    await page.keyboard.press('Shift');
    await page.keyboard.press('Control');
    await page.clock.runFor(1_000);

    // then the focus is in its first field all the same
    await expect.poll(() => focusedLabel(page)).toBe('窗口现场办理');
    await page.context().close();
  });
});
