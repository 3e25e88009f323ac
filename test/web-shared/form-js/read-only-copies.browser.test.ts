/**
 * What a reviewer or the finance office reads in the web apps' form view (web-shared/src/form-js/form-view.tsx, in
 * headless Chromium) of values an earlier step recorded: a code chosen from options in Chinese words (恢复缴费, not
 * `resume`), amounts in yuan (¥ 9,000.00, not 9000), and a limit computed from other amounts with two decimals
 * (「不能大于 345.60。」, not 345.60000000000036), checked again when the amounts it reads change. The copies are not
 * submitted, so 办结 leaves the variables as stored.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_VIEW, openFormViewPage } from '../../support/form-view-page.js';

const schemaOf = (formId: string) => JSON.parse(readFileSync(`forms/${formId}.form`, 'utf8')) as unknown;

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openFormViewPage(`
        import { render, h } from 'preact';
        import { FormView } from '${FORM_VIEW}';
        export function open(schema, data) {
          const host = document.getElementById('form');
          render(null, host);
          return new Promise((ready) => render(h(FormView, { schema, data, onReady: (form) => form && ready(form) }), host)).then((form) => {
            window.currentForm = form;
          });
        }`, { viewport: { width: 1000, height: 1400 }, formJsStyles: true }));
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function open(formId: string, data: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    ([schema, values]) => (window as unknown as { FormViewPage: { open(schema: unknown, data: unknown): Promise<void> } }).FormViewPage.open(schema, values),
    [schemaOf(formId), data] as const,
  );
}

async function submitted(): Promise<{ data: Record<string, unknown>; errors: Record<string, string[]> }> {
  return page.evaluate(() => (window as unknown as { currentForm: { submit(): { data: Record<string, unknown>; errors: Record<string, string[]> } } }).currentForm.submit());
}

/** The form's data as it holds it now (what its FEEL reads). */
async function formData(): Promise<Record<string, unknown>> {
  return page.evaluate(() => (window as unknown as { currentForm: { _getState(): { data: Record<string, unknown> } } }).currentForm._getState().data);
}

const input = (componentId: string) => page.locator(`input[id$="-${componentId}"]`);

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
      [false, true],
      [true, true],
    ]);
    expect(data).not.toHaveProperty('enrolmentKind');
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
