/**
 * A case's variables on the monitor's case page, in headless Chromium: a value stored as a form option's code
 * (inpatient, personalAccount) is read by the option's Chinese label beside the JSON the manager edits; a value
 * that is no option's code, and personal data, get no such reading. 案件查询 offers the variable names by their
 * Chinese labels.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceTaskProcess } from '../support/bpmn.js';
import { openCaseAsManager, startMonitorHarness } from '../support/monitor-browser.js';
import type { TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'monitor-variable-option-labels';

/** A case waiting at a job nobody works, so its variables stay as the test leaves them. */
const waiting = serviceTaskProcess('monitor-test-nobody-works-this', { processId: PROCESS_ID, task: 'wait', name: '变量选项名称测试' });

let t: TasklistHarness;
let page: Page;

beforeAll(async () => {
  t = await startMonitorHarness({ [PROCESS_ID]: waiting });
  const key = await t.harness.start(PROCESS_ID, { reimbursementCategory: 'inpatient', paymentRoute: 'personalAccount', note: 'inpatient', idNumber: '630103196503152014' });
  page = await openCaseAsManager(t, key, '[data-variable="reimbursementCategory"]');
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

const value = (name: string) => page.locator(`[data-variable="${name}"] td.value`);

describe('variables on the monitor’s case page (/monitor) in Chromium', { timeout: 120_000 }, () => {
  it('should read a stored option code by its Chinese label beside the JSON', async () => {
    // then the code stays as stored (it is what 修改 edits), its label under it
    expect(await value('reimbursementCategory').innerText()).toMatch(/^"inpatient"\s+住院费用$/);
    expect(await value('reimbursementCategory').locator('.label').innerText()).toBe('住院费用');
    expect(await value('paymentRoute').locator('.label').innerText()).toMatch(/\p{Script=Han}/u);
  });

  it('should give no reading to a value that is no option of its variable, nor to personal data', async () => {
    expect(await value('note').innerText()).toBe('"inpatient"');
    expect(await value('idNumber').innerText()).toBe('"630103********2014"');
    expect(await value('note').locator('.label').count()).toBe(0);
    expect(await value('idNumber').locator('.label').count()).toBe(0);
  });

  it('should offer the variable names of 案件查询 by their Chinese labels, with a Chinese hint, and name the pages in the shortcut hint as their tabs do', async () => {
    // when the manager opens 案件查询
    await page.getByRole('link', { name: '案件查询' }).first().click();
    const input = page.getByLabel('变量名');

    // then the field says what to type in Chinese, and its suggestions carry the labels beside the names
    expect(await input.getAttribute('placeholder')).toMatch(/\p{Script=Han}/u);
    const listId = await input.getAttribute('list');
    const option = page.locator(`datalist[id="${listId}"] option[value="personName"]`);
    expect(await option.getAttribute('label')).toBe('参保人姓名');
    // and the shortcut hint names the pages as their tabs do
    const tabs = await page.locator('nav a').allInnerTexts();
    expect(tabs).toContain('流程热力图');
    expect(await page.locator('body').innerText()).toContain('首页/逾期与临期/案件查询/流程热力图');
  });
});
