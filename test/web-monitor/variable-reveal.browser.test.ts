/**
 * Editing a variable with personal data on the monitor's case page, in headless Chromium: the edit box of an ID
 * number, a bank account, a diagnosis or a list holding ID numbers opens masked and read-only, the full value
 * appears only after 显示原值 (reached with the keyboard), and a masked text is never saved as the value — neither
 * unchanged before 显示原值 nor typed back after it. Variables without personal data open for editing at once. The
 * read of a cut value's whole is cancelled when 修改 of another variable comes first.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceTaskProcess } from '../support/bpmn.js';
import { MANAGER, openCaseAsManager, startMonitorHarness } from '../support/monitor-browser.js';
import type { TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'monitor-variable-reveal';
const ID_NUMBER = '630103196503152014';
const BANK_ACCOUNT = '6222021234567890';
const DIAGNOSIS = '精神分裂症';
const MEMBER_ID = '630102199001011234';

/** A case waiting at a job nobody works, so its variables stay as the test leaves them. */
const waiting = serviceTaskProcess('monitor-test-nobody-works-this', { processId: PROCESS_ID, task: 'wait', name: '变量遮挡测试' });

let t: TasklistHarness;
let key = '';
let page: Page;

beforeAll(async () => {
  t = await startMonitorHarness({ [PROCESS_ID]: waiting });
  key = await t.harness.start(PROCESS_ID, {
    personName: '马福林',
    idNumber: ID_NUMBER,
    payeeBankAccount: BANK_ACCOUNT,
    diagnosis: DIAGNOSIS,
    familyMembers: [{ name: '马小兰', idNumber: MEMBER_ID }],
    checkNote: `身份证 ${ID_NUMBER} 已核对`,
  });
  page = await openCaseAsManager(t, key, '[data-variable="idNumber"]');
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

const row = (name: string) => page.locator(`[data-variable="${name}"]`);
/** The focused button's text, or the focused element's tag name. */
const focused = () => page.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? document.activeElement.textContent : document.activeElement?.tagName));
const engineValue = async (name: string) => (await t.harness.variables(key))[name];

describe('editing a variable with personal data on the monitor (/monitor) in Chromium', { timeout: 120_000 }, () => {
  it('should open an ID number masked and read-only, with 显示原值 focused', async () => {
    // when
    await row('idNumber').getByRole('button', { name: '修改 idNumber' }).click();

    // then
    const box = row('idNumber').getByRole('textbox');
    expect(await box.inputValue()).toBe('"630103********2014"');
    expect(await box.isEditable()).toBe(false);
    expect(await page.locator('body').innerText()).not.toContain(ID_NUMBER);
    expect(await row('idNumber').innerText()).toContain('修改前请点「显示原值」');
    expect(await focused()).toBe('显示原值');
  });

  it('should refuse to save the unchanged masked value, writing nothing', async () => {
    // when: 保存 clicked, and Ctrl+Enter in the box
    await row('idNumber').getByRole('button', { name: '保存' }).click();
    await row('idNumber').getByRole('textbox').press('Control+Enter');

    // then
    await expect.poll(() => row('idNumber').getByRole('alert').innerText()).toBe('当前显示的是遮挡后的值，不能保存。请先点「显示原值」，再修改后保存。');
    expect(await engineValue('idNumber')).toBe(ID_NUMBER);
    expect(await page.getByTestId('message').count()).toBe(0);
  });

  it('should show the full value after 显示原值 pressed with the keyboard, ready to edit', async () => {
    // when: Shift+Tab back from the box's buttons to 显示原值, Enter
    await row('idNumber').getByRole('button', { name: '显示原值' }).focus();
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('保存');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');

    // then
    const box = row('idNumber').getByRole('textbox');
    await expect.poll(() => box.inputValue()).toBe(`"${ID_NUMBER}"`);
    expect(await box.isEditable()).toBe(true);
    await expect.poll(focused).toBe('TEXTAREA');
    expect(await row('idNumber').getByRole('button', { name: '显示原值' }).count()).toBe(0);
  });

  it('should refuse the masked text typed back after 显示原值, and save a corrected value', async () => {
    // when the masked text is put back
    const box = row('idNumber').getByRole('textbox');
    await box.fill('"630103********2014"');
    await row('idNumber').getByRole('button', { name: '保存' }).click();

    // then
    await expect.poll(() => row('idNumber').getByRole('alert').innerText()).toContain('这是遮挡后的值');
    expect(await engineValue('idNumber')).toBe(ID_NUMBER);

    // when a real value is saved
    await box.fill('"630103196503152022"');
    await row('idNumber').getByRole('button', { name: '保存' }).click();

    // then
    await expect.poll(() => page.getByTestId('message').innerText()).toContain('已修改变量 idNumber');
    expect(await engineValue('idNumber')).toBe('630103196503152022');
    await expect.poll(() => row('idNumber').locator('td.value').innerText()).toBe('630103********2022');
    // a note that quotes the number as it was stays masked: the case no longer holds it, the page still knows it
    expect(await row('checkNote').locator('td.value').innerText()).toBe('身份证 630103********2014 已核对');
    expect(await page.locator('.instance').innerText()).not.toContain(ID_NUMBER);
  });

  it('should open a bank account, a diagnosis and a list holding ID numbers masked, and save none of them unrevealed', async () => {
    for (const [name, masked] of [
      ['payeeBankAccount', '"****7890"'],
      ['diagnosis', '"（已遮挡）"'],
      ['familyMembers', '[\n  {\n    "name": "马小兰",\n    "idNumber": "630102********1234"\n  }\n]'],
    ] as const) {
      // when
      await row(name).getByRole('button', { name: `修改 ${name}` }).click();
      const box = row(name).getByRole('textbox');

      // then
      expect(await box.inputValue()).toBe(masked);
      expect(await box.isEditable()).toBe(false);
      await row(name).getByRole('button', { name: '保存' }).click();
      await expect.poll(() => row(name).getByRole('alert').innerText()).toContain('请先点「显示原值」');
      await row(name).getByRole('button', { name: '取消' }).click();
      await expect.poll(() => row(name).locator('textarea').count()).toBe(0);
    }
    expect(await engineValue('payeeBankAccount')).toBe(BANK_ACCOUNT);
    expect(await engineValue('diagnosis')).toBe(DIAGNOSIS);
    expect(await engineValue('familyMembers')).toEqual([{ name: '马小兰', idNumber: MEMBER_ID }]);
    expect(await page.locator('body').innerText()).not.toMatch(new RegExp(`${BANK_ACCOUNT}|${DIAGNOSIS}|${MEMBER_ID}`));
  });

  it('should open a variable without personal data for editing at once', async () => {
    // when
    await row('personName').getByRole('button', { name: '修改 personName' }).click();

    // then
    const box = row('personName').getByRole('textbox');
    expect(await box.inputValue()).toBe('"马福林"');
    expect(await box.isEditable()).toBe(true);
    await expect.poll(focused).toBe('TEXTAREA');
    expect(await row('personName').getByRole('button', { name: '显示原值' }).count()).toBe(0);
  });

  it('should cancel the read of a cut value when 修改 of another variable is pressed before it answers, and open that one', async () => {
    // given the case page in a page of its own where the searches show familyMembers cut (as a cluster may) and the
    // read of its whole value is held, as a proxy that never answers would
    const own = await t.openMonitorAs(MANAGER);
    await own.route(/\/v2\/variables\/search/, async (route) => {
      const response = await route.fetch();
      const answer = (await response.json()) as { items: { name: string; value: string; isTruncated: boolean }[] };
      const items = answer.items.map((item) => (item.name === 'familyMembers' ? { ...item, value: item.value.slice(0, 10), isTruncated: true } : item));
      await route.fulfill({ response, json: { ...answer, items } });
    });
    const WHOLE = /\/v2\/variables\/\d+$/;
    const held: Request[] = [];
    await own.route(WHOLE, (route) => void held.push(route.request()));
    const cancelled: Request[] = [];
    own.on('requestfailed', (request) => WHOLE.test(request.url()) && cancelled.push(request));
    await own.goto(`${t.url}/monitor/instances/${key}`);
    const ownRow = (name: string) => own.locator(`[data-variable="${name}"]`);
    await ownRow('familyMembers').waitFor();

    // when the repairer presses 修改 of the cut value, then 修改 of personName before its whole value comes
    await ownRow('familyMembers').getByRole('button', { name: '修改 familyMembers' }).click();
    await expect.poll(() => held.length).toBe(1);
    await ownRow('personName').getByRole('button', { name: '修改 personName' }).click();

    // then the first read is cancelled in the browser, and the box is personName's, with no error
    await expect.poll(() => cancelled.includes(held[0]!)).toBe(true);
    expect(await ownRow('personName').getByRole('textbox').inputValue()).toBe('"马福林"');
    expect(await ownRow('familyMembers').getByRole('textbox').count()).toBe(0);
    expect(await own.locator('.banner.error').count()).toBe(0);
    await own.context().close();
  });
});
