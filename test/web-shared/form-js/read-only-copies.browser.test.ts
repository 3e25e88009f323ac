/**
 * What a reviewer or the finance office reads in the web apps' form view (web-shared/src/form-js/form-view.tsx, in
 * headless Chromium) of values an earlier step recorded: a code chosen from options in Chinese words (恢复缴费, not
 * `resume`), amounts in yuan (¥ 9,000.00, not 9000), and a limit computed from other amounts with two decimals
 * (「不能大于 345.60。」, not 345.60000000000036), checked again when the amounts it reads change. The copies are not
 * submitted, so 办结 leaves the variables as stored; each is reached by Tab (read-only-copies-shown.tsx), and no key
 * changes a copied choice. The notes an earlier step wrote (FC20 复审's 申请延长理由 on the extension approval, 录入审核说明
 * on the 复审, FC3's 初审意见 on the 复审) are shown the same way.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFormViewPage, openFormViewPage, SHOW_FORM, submitShownForm } from '../../support/form-view-page.js';

const schemaOf = (formId: string) => JSON.parse(readFileSync(`forms/${formId}.form`, 'utf8')) as unknown;

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openFormViewPage(`
        ${SHOW_FORM}
        export const open = (schema, data, readOnly) => showForm({ schema, data, readOnly });`, { viewport: { width: 1000, height: 1400 }, formJsStyles: true }));
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function open(formId: string, data: Record<string, unknown>, readOnly = false): Promise<void> {
  await callFormViewPage(page, 'open', schemaOf(formId), data, readOnly);
}

function submitted(): Promise<{ data: Record<string, unknown>; errors: Record<string, string[]> }> {
  return submitShownForm(page);
}

/** The form's data as it holds it now (what its FEEL reads). */
async function formData(): Promise<Record<string, unknown>> {
  return page.evaluate(() => (window as unknown as { currentForm: { form: { _getState(): { data: Record<string, unknown> } } } }).currentForm.form._getState().data);
}

const input = (componentId: string) => page.locator(`input[id$="-${componentId}"]`);
const radios = (componentId: string) => page.locator(`input[type="radio"][id*="-${componentId}-"]`);

/** The validation messages under the fields, in order. */
const errorsShown = async () => (await page.locator('#form .fjs-form-field-error').allInnerTexts()).map((text) => text.trim()).filter((text) => text !== '').sort();

describe('read-only copies in the form view', () => {
  it('should show the FC02 业务类型 a reviewer checks in words, ticked and not changeable, and not submit it', async () => {
    // given an FC02 case the unit filed as 恢复缴费
    await open('fc02-first-review', { enrolmentKind: 'resume', unitName: '西宁市城中区新华书店有限公司', personName: '马秀兰' });

    // when
    const text = await page.locator('#form').innerText();
    const choices = await page
      .locator('input[type="radio"][id*="-f_enrolmentKind-"]')
      .evaluateAll((radios) => radios.map((radio) => [(radio as HTMLInputElement).checked, (radio as HTMLInputElement).disabled]));
    await page.getByLabel('审核无误，初审人员签字确认').check();
    const { data } = await submitted();

    // then
    expect(text).toContain('恢复缴费（中断后恢复）');
    expect(text).not.toMatch(/\bresume\b|\bnew\b/);
    expect(choices).toEqual([
      [false, false],
      [true, false],
    ]);
    expect(await radios('f_enrolmentKind').evaluateAll((all) => all.map((radio) => radio.getAttribute('aria-disabled')))).toEqual(['true', 'true']);
    expect(data).not.toHaveProperty('enrolmentKind');
  });

  it('should let the keyboard reach a copied radio, which no key changes and 办结 does not submit', async () => {
    // given the FC20 发放待遇 of a case paid to the person's account
    await open('fc20-payment', { personName: '李建国', poolingFundPayment: '9000', seriousIllnessPayment: '0', paymentRoute: 'personalAccount', payeeName: '李建国' });

    // when the clerk tabs from the last amount into 发放方式 and presses the keys that pick a radio
    await input('f_seriousIllnessPayment').focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.id ?? '');
    for (const key of ['ArrowDown', 'ArrowRight', 'Space']) await page.keyboard.press(key);
    await page.locator('label', { hasText: '通过参保单位转账' }).click({ force: true });
    const ticks = await radios('f_paymentRoute').evaluateAll((all) => all.map((radio) => (radio as HTMLInputElement).checked));
    const { data } = await submitted();

    // then
    expect(focused).toMatch(/-f_paymentRoute-0$/);
    expect(ticks).toEqual([true, false]);
    expect(await formData()).toMatchObject({ paymentRoute: 'personalAccount' });
    expect(data).not.toHaveProperty('paymentRoute');
  });

  it('should show a copied select and checklist in words, reachable by Tab, and submit neither', async () => {
    // given
    await open('fc10-acceptance', { personName: '马秀兰', accountRefundReason: 'emigration', payeeName: '马秀兰', submittedMaterials: [] });

    // when
    const select = page.locator('input[id$="-f_accountRefundReason"]');
    const shownReason = await page.locator('[id$="-f_accountRefundReason-display"]').innerText();
    await page.locator('input[id$="-f_personNumber"]').focus();
    await page.keyboard.press('Tab');
    const focusedSelect = await page.evaluate(() => document.activeElement?.id ?? '');
    await page.keyboard.type('x');
    const afterTyping = await select.inputValue();
    const { data } = await submitted();

    // then
    expect(shownReason).toBe('出国（境）定居');
    expect(focusedSelect).toMatch(/-f_accountRefundReason$/);
    expect(afterTyping).toBe('出国（境）定居');
    expect(await page.locator('.fjs-dropdownlist').count()).toBe(0);
    expect(data).not.toHaveProperty('accountRefundReason');

    // and given an FC13 case changing the name and the address
    await open('fc13-instant-review', { personName: '马秀兰', changeItems: ['姓名', '居住地址'], materials: [] });
    const items = page.locator('input[type="checkbox"][id*="-f_changeItems-"]');
    await items.first().focus();
    await page.keyboard.press('Space');
    const ticked = await items.evaluateAll((all) => all.filter((box) => (box as HTMLInputElement).checked).map((box) => box.parentElement?.textContent?.trim()));
    const focusedItem = await page.evaluate(() => document.activeElement?.id ?? '');

    expect(focusedItem).toMatch(/-f_changeItems-0$/);
    expect(ticked).toEqual(['姓名', '居住地址']);
    expect((await submitted()).data).not.toHaveProperty('changeItems');
  });

  it('should let no key change a choice while the task is not claimed (the whole form read-only), and keep the focus when it is claimed', async () => {
    // given the FC02 初审 of a task the clerk has not claimed: the task list opens the whole form read-only
    await open('fc02-first-review', { enrolmentKind: 'resume', personName: '马秀兰', firstReviewDecision: 'approved', materialsChecked: [] }, true);
    const decisions = radios('f_firstReviewDecision');
    const checked = page.locator('input[type="checkbox"][id*="-f_materialsChecked-"]');
    const ticks = async () => [
      await decisions.evaluateAll((all) => all.map((radio) => (radio as HTMLInputElement).checked)),
      await checked.evaluateAll((all) => all.map((box) => (box as HTMLInputElement).checked)),
    ];
    const before = await ticks();

    // when she tabs through and presses the keys that pick a radio or tick a box
    await decisions.first().focus();
    for (const key of ['ArrowDown', 'Space']) await page.keyboard.press(key);
    await checked.first().focus();
    await page.keyboard.press('Space');
    const after = await ticks();
    const marked = await checked.first().getAttribute('aria-disabled');

    // then nothing moved, on the screen or in the form's data
    expect(before).toEqual([
      [true, false, false],
      [false, false, false, false],
    ]);
    expect(after).toEqual(before);
    expect(marked).toBe('true');
    expect(await formData()).toMatchObject({ firstReviewDecision: 'approved', materialsChecked: [] });

    // and when she claims the task, the copied name she is on keeps the focus (rendered in place, not anew), and her own
    // choices are hers to change again
    await input('f_personName').focus();
    await page.evaluate(() => ((document.activeElement as HTMLElement & { mark?: boolean }).mark = true));
    await callFormViewPage(page, 'setReadOnly', false);
    await expect.poll(() => checked.first().getAttribute('aria-disabled')).toBeNull();
    const kept = await page.evaluate(() => (document.activeElement as HTMLElement & { mark?: boolean }).mark === true);
    await checked.first().focus();
    await page.keyboard.press('Space');

    expect(kept).toBe(true);
    expect(await radios('f_enrolmentKind').evaluateAll((all) => all.map((radio) => radio.getAttribute('aria-disabled')))).toEqual(['true', 'true']);
    expect(await checked.first().isChecked()).toBe(true);
    expect((await formData()).materialsChecked).toHaveLength(1);
  });

  it("should show the approver the 复审's reason for an extension, which she can read by Tab but neither change nor submit", async () => {
    // given the FC20 审批延长办理时限 of a case the 复审 asked to extend
    const reason = '需向异地医院核实费用明细';
    await open('fc20-extension-approval', { personName: '李建国', registrationNumber: 'LB2026030001', deadlineDate: '2026-12-20', settlementReviewDecision: 'extensionRequested', settlementReviewReason: reason });
    const shown = page.locator('textarea[id$="-f_settlementReviewReason"]');

    // when she tabs into it, types, and approves 10 more working days
    await page.locator('input[id$="-f_deadlineDate"]').focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.id ?? '');
    await page.keyboard.type('（已改）');
    await page.getByLabel('批准延长').check();
    await page.getByLabel('延长工作日数').fill('10');
    const { data, errors } = await submitted();

    // then
    expect(focused).toMatch(/-f_settlementReviewReason$/);
    expect(await shown.inputValue()).toBe(reason);
    expect(await shown.getAttribute('readonly')).not.toBeNull();
    expect(errors).toEqual({});
    expect(data).toMatchObject({ extensionApprovalDecision: 'approved', extensionWorkingDays: 10 });
    expect(data).not.toHaveProperty('settlementReviewReason');
  });

  it("should show the 录入审核说明 on the FC20 复审 and FC3's 初审意见 on its 复审, read-only and not submitted, and nothing where none was written", async () => {
    // given an FC20 case whose 录入审核 wrote a note
    const note = '票据已逐张核对，金额无误。';
    await open('fc20-settlement-review', { personName: '李建国', reimbursementCategory: 'outpatient', totalExpenses: '1000', entryReviewNote: note });

    // when
    const shown = page.locator('textarea[id$="-f_entryReviewNote"]');
    const label = await page.locator('#form').innerText();
    const { data } = await submitted();

    // then
    expect(label).toContain('录入审核说明');
    expect(await shown.inputValue()).toBe(note);
    expect(await shown.getAttribute('readonly')).not.toBeNull();
    expect(data).not.toHaveProperty('entryReviewNote');

    // and without a note the field is not there
    await open('fc20-settlement-review', { personName: '李建国', reimbursementCategory: 'outpatient', totalExpenses: '1000', entryReviewNote: '' });
    expect(await page.locator('textarea[id$="-f_entryReviewNote"]').count()).toBe(0);

    // and FC3's 复审 shows the 初审意见 beside the copied contribution records, none of them submitted
    const periods = [{ from: '2000-01', to: '2020-12', kind: 'actual' }];
    await open('fc03-second-review', { personName: '马秀兰', contributionPeriods: periods, manualTopUpMonths: 0, firstReviewNote: '视同缴费年限已核对档案' });
    expect(await page.locator('textarea[id$="-f_firstReviewNote"]').inputValue()).toBe('视同缴费年限已核对档案');
    const review = (await submitted()).data;
    expect(review).not.toHaveProperty('firstReviewNote');
    expect(review).not.toHaveProperty('contributionPeriods');
  });

  it('should show the amounts the finance office pays in yuan with two decimals, and leave the stored strings as they are', async () => {
    // given the FC20 发放待遇 of a case whose payments the settlement step stored as strings
    await open('fc20-payment', { personName: '李建国', poolingFundPayment: '9000', seriousIllnessPayment: '12345.6', paymentRoute: 'personalAccount' });

    // when
    const shown = [await input('f_poolingFundPayment').inputValue(), await input('f_seriousIllnessPayment').inputValue()];
    const adorners = await page.locator('.fjs-input-adornment').allInnerTexts();
    const { data } = await submitted();

    // then
    expect(shown).toEqual(['9,000.00', '12,345.60']);
    expect(adorners.filter((text) => text.trim() === '¥')).toHaveLength(2);
    expect(await input('f_poolingFundPayment').isDisabled()).toBe(false);
    expect(await input('f_poolingFundPayment').getAttribute('readonly')).not.toBeNull();
    expect(await formData()).toMatchObject({ poolingFundPayment: '9000', seriousIllnessPayment: '12345.6' });
    expect(data).not.toHaveProperty('poolingFundPayment');
    expect(data).not.toHaveProperty('seriousIllnessPayment');
  });

  it('should show a negative amount as 案件数据 does, -0 as 0.00, and a text that is no plain decimal (1e3) as it is', async () => {
    // given
    const payment = { personName: '李建国', paymentRoute: 'personalAccount' };

    // when
    await open('fc20-payment', { ...payment, poolingFundPayment: '-1234.5', seriousIllnessPayment: '-0' });
    const signed = [await input('f_poolingFundPayment').inputValue(), await input('f_seriousIllnessPayment').inputValue()];
    const adorners = await page.locator('.fjs-input-adornment').allInnerTexts();
    await open('fc20-payment', { ...payment, poolingFundPayment: '1e3', seriousIllnessPayment: '12.' });
    const noDecimal = [await input('f_poolingFundPayment').inputValue(), await input('f_seriousIllnessPayment').inputValue()];

    // then the negative has its sign before the ¥ and so no ¥ adorner of its own; the -0 keeps its adorner
    expect(signed).toEqual(['-¥1,234.50', '0.00']);
    expect(adorners.filter((text) => text.trim() === '¥')).toHaveLength(1);
    expect(noDecimal).toEqual(['1e3', '12.']);
  });

  it('should let the keyboard reach an amount shown, which it can neither change nor submit', async () => {
    // given
    await open('fc20-payment', { personName: '李建国', poolingFundPayment: '9000', seriousIllnessPayment: '12345.6', paymentRoute: 'personalAccount' });

    // when the clerk tabs from the first amount to the second and tries to change it
    await input('f_poolingFundPayment').focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.id ?? '');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.type('5');
    const shown = await input('f_seriousIllnessPayment').inputValue();
    const { data, errors } = await submitted();

    // then
    expect(focused).toMatch(/-f_seriousIllnessPayment$/);
    expect(shown).toBe('12,345.60');
    expect(await formData()).toMatchObject({ poolingFundPayment: '9000', seriousIllnessPayment: '12345.6' });
    expect(data).not.toHaveProperty('poolingFundPayment');
    expect(data).not.toHaveProperty('seriousIllnessPayment');
    expect(Object.keys(errors).filter((id) => /f_poolingFundPayment|f_seriousIllnessPayment/.test(id))).toEqual([]);
  });

  it('should name the FC20 fund limit in yuan with two decimals on both payments, and take it back once they fit', async () => {
    // given the 零报登记及录入审核 of a case whose total leaves 345.60 beside a 统筹基金支付 of 12000
    await open('fc20-register-review', {
      personName: '李建国',
      totalExpenses: '12345.60',
      registrationNumber: 'LB2026030001',
      outOfCatalogueExpenses: '0',
      partialSelfPayment: '0',
      deductible: '0',
    });
    await expect.poll(() => input('f_totalExpenses').inputValue()).toBe('12,345.60');

    // when the clerk types the two payments, the second above what the total leaves
    for (const [id, value] of [
      ['f_poolingFundPayment', '12000'],
      ['f_seriousIllnessPayment', '400'],
    ] as const) {
      await input(id).fill(value);
      await input(id).blur();
    }

    // then both payments are marked at once (form-js alone marks the one typed last), each with its limit
    await expect.poll(errorsShown).toEqual(['不能大于 11945.60。', '不能大于 345.60。']);
    const { errors } = await submitted();
    expect(Object.values(errors).flat().sort()).toEqual(['不能大于 11945.60。', '不能大于 345.60。']);

    // and when she corrects the second, the first's message goes too: together they fit again
    await input('f_seriousIllnessPayment').fill('300');
    await input('f_seriousIllnessPayment').blur();
    await expect.poll(errorsShown).toEqual([]);
    expect((await submitted()).errors).toEqual({});
  });
});
