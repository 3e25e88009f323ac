/**
 * Personal data on a task page for a user who may read the task but not work it, in headless Chromium: the manager
 * 孙强 (role manager: READ_USER_TASK on every process; groups manager and supervisor) opens a 窗口初审 task. Its case
 * header, its read-only form's prefill (fields and a text that quotes the diagnosis) and 案件数据 show the ID number as
 * region and last four, the bank account as its last four and the diagnosis as 「（已遮挡）」, and none of the full
 * values is anywhere in the page's DOM; on a 初审 with no form, a reason in 办理记录 is masked by the case's values all
 * the same (the page reads them, not only what its form shows), and so is a bank account the case no longer holds, by
 * the values of the audit log the history reads. The same page shows them in full to 李静, a 窗口初审 clerk who may work it
 * (so the masking is the role's, not the fixture's), and a 财务 clerk, who may not read the task, gets the server's
 * refusal and nothing of the case.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy } from '../support/engine-fixture.js';
import { pageHolds } from '../support/page-holds.js';
import { caseAtReview, intakeThenReview } from '../support/review-step-case.js';
import { BANK_ACCOUNT, DIAGNOSIS, FULL_VALUES, ID_NUMBER, MEMBER_ID } from '../support/personal-values.js';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'tasklist-read-only-masking';
const FORM_ID = 'tasklist-read-only-masking-review';
const MANAGER = 'sun-qiang';
const CLERK = 'li-jing';
const OTHER_GROUP_CLERK = 'ma-xiaoyun';


const INTAKE_REASON = `身份证 ${ID_NUMBER} 与社保卡一致，诊断 ${DIAGNOSIS}`;

/** 受理 by 窗口受理 (its reason quotes the ID number and the diagnosis), then the 初审 the test opens. */
const review = intakeThenReview(PROCESS_ID, '遮挡测试', FORM_ID);

/** A 初审 form that shows what a reviewer checks: the applicant, ID number, payee account and diagnosis, read-only. */
const form = {
  id: FORM_ID,
  type: 'default',
  schemaVersion: 18,
  executionPlatform: 'Camunda Cloud',
  executionPlatformVersion: '8.8.0',
  components: [
    { type: 'textfield', id: 'f_personName', key: 'personName', label: '参保人姓名', readonly: true },
    { type: 'textfield', id: 'f_idNumber', key: 'idNumber', label: '参保人公民身份号码', readonly: true },
    { type: 'textfield', id: 'f_payeeBankAccount', key: 'payeeBankAccount', label: '收款银行账号', readonly: true },
    { type: 'textfield', id: 'f_diagnosis', key: 'diagnosis', label: '诊断', readonly: true },
    { type: 'text', id: 'summary', text: '诊断摘要：{{diagnosis}}' },
    { type: 'textfield', id: 'f_intakeReason', key: 'intakeReason', label: '受理意见', readonly: true },
    { type: 'textfield', id: 'f_reviewNote', key: 'reviewNote', label: '审核意见' },
  ],
};

/** The same steps with a 初审 that has no form: the page knows the case's values only by reading its variables. */
const NO_FORM_PROCESS_ID = 'tasklist-read-only-masking-no-form';
const reviewWithoutForm = intakeThenReview(NO_FORM_PROCESS_ID, '遮挡测试', undefined);
const NO_FORM_REASON = `诊断为${DIAGNOSIS}，收款账号 ${BANK_ACCOUNT}`;

let t: TasklistHarness;
let taskKey = '';
let noFormTaskKey = '';

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [], now: '2026-03-02T09:30:00+08:00' });
  await deploy(t.harness.client, [
    { name: `${PROCESS_ID}.bpmn`, content: review },
    { name: `${FORM_ID}.form`, content: JSON.stringify(form) },
    { name: `${NO_FORM_PROCESS_ID}.bpmn`, content: reviewWithoutForm },
  ]);
  noFormTaskKey = await caseAtReview(t.harness, NO_FORM_PROCESS_ID, { personName: '马福林', payeeBankAccount: BANK_ACCOUNT, diagnosis: DIAGNOSIS }, { intakeDecision: 'approved', intakeReason: NO_FORM_REASON });
  taskKey = await caseAtReview(
    t.harness,
    PROCESS_ID,
    { personName: '马福林', idNumber: ID_NUMBER, payeeBankAccount: BANK_ACCOUNT, diagnosis: DIAGNOSIS, familyMembers: [{ name: '马小兰', idNumber: MEMBER_ID }] },
    { intakeDecision: 'approved', intakeReason: INTAKE_REASON },
  );
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

describe('a task page for a user who may only read the task (/tasklist) in Chromium', { timeout: 120_000 }, () => {
  let manager: Page;

  it('should show the manager the case header and the read-only form with the personal data masked', async () => {
    // when
    manager = await t.loginAs(MANAGER);
    await openTask(manager);

    // then: the header and the form's prefill
    expect(await manager.getByTestId('case-id-number').innerText()).toBe('630103********2014');
    expect(await formField(manager, '参保人姓名').inputValue()).toBe('马福林');
    expect(await formField(manager, '参保人公民身份号码').inputValue()).toBe('630103********2014');
    expect(await formField(manager, '收款银行账号').inputValue()).toBe('****4567');
    expect(await formField(manager, '诊断').inputValue()).toBe('（已遮挡）');
    await expect.poll(() => manager.locator('.form-view').innerText()).toContain('诊断摘要：（已遮挡）');
    // a reason that quotes them, in the form and in 办理记录 (masked by the values: its name says nothing)
    const maskedReason = '身份证 630103********2014 与社保卡一致，诊断 （已遮挡）';
    expect(await formField(manager, '受理意见').inputValue()).toBe(maskedReason);
    expect(await manager.locator('table.history').innerText()).toContain(maskedReason);
    // read only, and nothing to work it with
    expect(await formField(manager, '审核意见').isEditable()).toBe(false);
    expect(await manager.locator('.task-detail').innerText()).toContain('您只能查看（证件号码、银行账号、诊断已遮挡）');
    expect(await manager.getByRole('button', { name: '认领' }).count()).toBe(0);
  });

  it('should show the manager 案件数据 with the personal data masked, nested values too', async () => {
    // when
    await manager.getByRole('button', { name: '查看案件数据' }).click();
    await manager.locator('.variables [data-variable="idNumber"]').waitFor();

    // then
    expect(await variableValue(manager, 'idNumber')).toBe('630103********2014');
    expect(await variableValue(manager, 'payeeBankAccount')).toBe('****4567');
    expect(await variableValue(manager, 'diagnosis')).toBe('（已遮挡）');
    expect(await variableValue(manager, 'familyMembers')).toContain('630102********1234');
    expect(await variableValue(manager, 'personName')).toBe('马福林');
    expect(await variableValue(manager, 'intakeReason')).toBe('身份证 630103********2014 与社保卡一致，诊断 （已遮挡）');
  });

  it('should leave none of the full values anywhere in the manager\'s page', async () => {
    // then: not in the markup, attributes, field values, shadow roots or frames
    expect(await pageHolds(manager, FULL_VALUES)).toEqual([]);
  });

  it('should show the same page in full to a clerk of the task\'s group, who may work it', async () => {
    // when
    const clerk = await t.loginAs(CLERK);
    await openTask(clerk);
    await clerk.getByRole('button', { name: '查看案件数据' }).click();
    await clerk.locator('.variables [data-variable="idNumber"]').waitFor();

    // then
    expect(await clerk.getByTestId('case-id-number').innerText()).toBe(ID_NUMBER);
    expect(await formField(clerk, '参保人公民身份号码').inputValue()).toBe(ID_NUMBER);
    expect(await formField(clerk, '收款银行账号').inputValue()).toBe(BANK_ACCOUNT);
    expect(await formField(clerk, '诊断').inputValue()).toBe(DIAGNOSIS);
    expect(await variableValue(clerk, 'familyMembers')).toContain(MEMBER_ID);
    expect(await formField(clerk, '受理意见').inputValue()).toBe(INTAKE_REASON);
    expect(await clerk.locator('table.history').innerText()).toContain(INTAKE_REASON);
    expect(await clerk.getByRole('button', { name: '认领' }).count()).toBe(1);
    // (and the search the manager's page passed finds them where they are)
    expect((await pageHolds(clerk, FULL_VALUES)).sort()).toEqual([...FULL_VALUES].sort());
  });

  it('should mask a reason in 办理记录 by the case\'s values also on a task whose form shows none of them', async () => {
    // when: a 初审 with no form (nothing on the page holds the diagnosis or the bank account but the case's variables)
    await manager.goto(`${t.url}/tasklist/tasks/${noFormTaskKey}`);
    await manager.locator('table.history').waitFor();

    // then
    expect(await manager.locator('table.history').innerText()).toContain('诊断为（已遮挡），收款账号 ****4567');
    expect(await pageHolds(manager, FULL_VALUES)).toEqual([]);
  });

  it('should mask in 办理记录 a bank account the case no longer holds, by the audit log\'s values', async () => {
    // given a case whose 受理 recorded one account, quoted in its reason, since corrected on the case
    const oldAccount = '6228480012349876543';
    const caseKey = await t.harness.start(NO_FORM_PROCESS_ID, { personName: '马福林' });
    await t.harness.complete(caseKey, 'intake', { as: 'window-clerk', variables: { intakeDecision: 'approved', payeeBankAccount: oldAccount, intakeReason: `收款账号 ${oldAccount} 已核对` } });
    const reviewTask = await t.harness.waitForTask(caseKey, 'review');
    const corrected = await t.harness.fixture.fetch(`/v2/element-instances/${caseKey}/variables`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variables: { payeeBankAccount: BANK_ACCOUNT }, local: false }),
    });
    expect(corrected.status).toBe(204);

    // when the manager opens its 初审
    await manager.goto(`${t.url}/tasklist/tasks/${reviewTask.userTaskKey}`);
    await manager.locator('table.history').waitFor();

    // then the old account is masked as the case's own would be
    expect(await manager.locator('table.history').innerText()).toContain('收款账号 ****6543 已核对');
    expect(await pageHolds(manager, [oldAccount])).toEqual([]);
  });

  it('should refuse the task to a clerk of another group and show nothing of its case', async () => {
    // when
    const finance = await t.loginAs(OTHER_GROUP_CLERK);
    await finance.goto(`${t.url}/tasklist/tasks/${taskKey}`);

    // then
    await expect.poll(() => finance.locator('.task-detail [role="alert"]').innerText()).toContain('权限');
    expect(await finance.locator('.case-header').count()).toBe(0);
    expect(await pageHolds(finance, [...FULL_VALUES, '630103********2014', '马福林'])).toEqual([]);
  });

  it('should show an ID number stored as a long JSON number in 案件数据 by its digits: masked to the manager, exact to the clerk', async () => {
    for (const [user, shown] of [
      [MANAGER, '630102********1234'],
      [CLERK, '630102199001011234'],
    ] as const) {
      // given the task's variables answered (as another Camunda may answer them) with an ID number as a JSON number
      // under a name not known as personal
      const page = await t.loginAs(user);
      await page.route(/\/v2\/user-tasks\/\d+\/variables\/search/, async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { items: Record<string, unknown>[] };
        const template = body.items[0]!;
        const added = { ...template, name: 'applicantCode', value: '630102199001011234', isTruncated: false, variableKey: `${String(template.variableKey)}9` };
        return route.fulfill({ response, json: { ...body, items: [...body.items, added] } });
      });

      // when
      await openTask(page);
      await page.getByRole('button', { name: '查看案件数据' }).click();
      await page.locator('.variables [data-variable="applicantCode"]').waitFor();

      // then: by its own digits, never rounded to …011200
      expect(await variableValue(page, 'applicantCode')).toBe(shown);
      expect(await pageHolds(page, ['630102199001011200'])).toEqual([]);
      await page.context().close();
    }
  });
});

async function openTask(page: Page): Promise<void> {
  await page.goto(`${t.url}/tasklist/tasks/${taskKey}`);
  await page.getByTestId('case-id-number').waitFor();
  await formField(page, '参保人公民身份号码').waitFor();
}

function formField(page: Page, label: string) {
  return page.locator('.form-view').getByLabel(label, { exact: true });
}

function variableValue(page: Page, name: string): Promise<string> {
  return page.locator(`.variables [data-variable="${name}"] td.value`).innerText();
}
