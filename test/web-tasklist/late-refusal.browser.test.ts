/**
 * A late FC18 application in headless Chromium: the window clerk registers a 生育津贴 claim on 新办件 more than
 * three months after the birth; the system refuses it (超过申报期限) and issues the 不予受理告知书, and the 新办件 page
 * takes her to the case's first task, 送达不予受理告知书, where she reads the reason, opens the notice, records how
 * and when she handed it over and completes the task: the case ends 超过申报期限，不予受理. Header and list say 无时限
 * of it (it will never be accepted), not 受理后起算.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'xining-fc18-maternity-allowance';
// demo user 陈燕: 窗口受理 (window-clerk) only, the group that registers the case and hands the notice over
const WINDOW_CLERK = 'chen-yan';

let t: TasklistHarness;

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [PROCESS_ID] });
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe('a late FC18 application on 新办件 (/tasklist) in Chromium', { timeout: 120_000 }, () => {
  let clerk: Page;
  let caseKey = '';

  it('should take the clerk who registers a late claim to 送达不予受理告知书, with the reason and the notice', async () => {
    // given
    clerk = await t.loginAs(WINDOW_CLERK);
    await clerk.getByRole('button', { name: '新办件' }).click();
    await clerk.getByRole('button', { name: '办理 生育津贴（含计划生育津贴）待遇支付' }).click();
    await clerk.locator('.fjs-form').waitFor();

    // when a birth of 2025-11-15 is registered on 2026-03-02 (the limit ran out on 2026-02-24)
    await clerk.getByLabel('窗口现场办理').check();
    await fill(clerk, 'f_unitName', '西宁市城中区某商贸有限公司');
    await fill(clerk, 'f_creditCode', '91630103710402005J');
    await fill(clerk, 'f_personName', '李某某');
    await fill(clerk, 'f_idNumber', '630103199205120026');
    await clerk.getByLabel('分娩', { exact: true }).check();
    await fill(clerk, 'f_infants', '1');
    const eventDate = clerk.getByLabel('生育（手术）日期');
    await eventDate.fill('2025/11/15');
    await eventDate.press('Enter');
    await eventDate.blur();
    await fill(clerk, 'f_hospitalName', '青海省妇女儿童医院');
    await fill(clerk, 'f_employerAverageMonthlyWage', '7500.00');
    for (const material of ['医保电子凭证或有效身份证件或社会保障卡', '出院证']) await clerk.getByLabel(material, { exact: true }).check();
    await clerk.getByRole('button', { name: '提交受理' }).click();

    // then the page waits for the refusal and its notice and opens the task that follows, not 系统仍在处理
    await clerk.waitForURL(/\/tasklist\/tasks\/\d+$/, { timeout: 40_000 });
    caseKey = await clerk.getByTestId('case-number').innerText();
    await expect.poll(() => clerk.locator('.task-detail').innerText()).toContain('送达不予受理告知书');
    // refused, never to be accepted: no limit will start (not 受理后起算), in the header and in the list
    await expect.poll(() => clerk.locator('.case-header').innerText()).toMatch(/受理日期\s*不予受理/);
    await expect.poll(() => clerk.getByTestId('remaining-working-days').innerText()).toBe('无时限');
    await expect.poll(() => clerk.locator(`.task-item:has-text("李某某") .due-badge`).innerText()).toBe('无时限');
    // the task's own form comes first, the 通知书 section's preview after it
    const form = clerk.locator('.task-detail .fjs-form').first();
    await expect.poll(() => form.locator('textarea[id$="-f_refusalReason"]').inputValue()).toBe('生育（流产）日期后3个月内申报，申报期限至2026-02-24；本次于2026-03-02提交，已超过申报期限');
    expect(await form.locator('input[id$="-f_refusalNoticeNumber"]').inputValue()).toMatch(/^西宁城中医保〔2026〕不予受理第\d{4}号$/);
    // the form's documentPreview shows the notice, the 通知书 section names it; its PDF opens
    await expect.poll(() => form.locator('embed.fjs-documentPreview-pdf-viewer').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => clerk.locator('.notice-actions').innerText(), { timeout: 20_000 }).toMatch(/不予受理告知书 西宁城中医保〔2026〕不予受理第\d{4}号/);
    // listed once: the notice task maps nothing out, so no copy of it sits in the task's own scope
    expect(await clerk.locator('.notice-actions > li').count()).toBe(1);
    const open = await clerk.locator('.notice-actions a').first().getAttribute('href');
    const response = await clerk.request.get(new URL(open!, t.url).toString());
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
  });

  it('should record 送达方式 and 送达日期 and end the case as 超过申报期限，不予受理', async () => {
    // when
    await clerk.getByRole('button', { name: '认领', exact: true }).click();
    await expect.poll(() => clerk.getByTestId('message').innerText()).toContain('已认领');
    // the reason stays the system's: shown, not to be changed, once the task is hers
    expect(await clerk.locator('.task-detail .fjs-form').first().locator('textarea[id$="-f_refusalReason"]').isEditable()).toBe(false);
    const form = clerk.locator('.task-detail .fjs-form').first();
    // 送达说明 is asked for (and required) only for 邮寄送达 and 电子送达
    await clerk.getByLabel('当场送达（申请人签收）').check();
    expect(await form.locator('textarea[id$="-f_deliverRefusalNoticeNote"]').count()).toBe(0);
    await clerk.getByLabel('邮寄送达').check();
    const deliveredOn = clerk.getByLabel('送达日期');
    const setDeliveredOn = async (value: string) => {
      await deliveredOn.fill(value);
      await deliveredOn.press('Enter');
      await deliveredOn.blur();
    };
    // a 送达日期 after today is pointed out
    await setDeliveredOn('2099/1/1');
    await expect.poll(() => form.getByText('⚠ 送达日期晚于今天，请核对。').count()).toBe(1);
    // and one before the application (submitted on 2026-03-02)
    await setDeliveredOn('2026/3/1');
    await expect.poll(() => form.getByText('⚠ 送达日期早于申请日期（2026年3月2日），请核对。').count()).toBe(1);
    await setDeliveredOn('2026/3/2');
    await expect.poll(() => form.getByText('⚠ 送达日期晚于今天，请核对。').count()).toBe(0);
    await expect.poll(() => form.getByText('⚠ 送达日期早于申请日期（2026年3月2日），请核对。').count()).toBe(0);
    await clerk.getByRole('button', { name: '办结' }).first().click();
    await expect.poll(() => form.locator('.fjs-form-field-error').first().innerText()).toBe('此项为必填项。');
    await form.locator('textarea[id$="-f_deliverRefusalNoticeNote"]').fill('挂号信 XA123456789CN');
    await clerk.getByRole('button', { name: '办结' }).first().click();

    // then
    await expect.poll(() => clerk.getByTestId('message').innerText()).toContain('已办结');
    await t.harness.expectEnded(caseKey, ['endLateSubmission']);
    expect(await t.harness.variables(caseKey)).toMatchObject({
      refusalNoticeDeliveryMethod: 'byPost',
      refusalNoticeDeliveredOn: '2026-03-02',
      deliverRefusalNoticeNote: '挂号信 XA123456789CN',
    });
  });
});

// helpers

/** Types into a form field (by its component id) and leaves it, as a clerk tabbing through the form. */
async function fill(page: Page, componentId: string, value: string): Promise<void> {
  const input = page.locator(`.fjs-form input[id$="-${componentId}"]`);
  await input.fill(value);
  await input.blur();
}
