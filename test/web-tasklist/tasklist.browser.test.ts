/**
 * The task list in headless Chromium against the embedded engine, its job workers and the web apps mounted as
 * `npm start` mounts them, with the engine clock pinned (Monday 2026-03-02): a 窗口初审 clerk logs in and sees
 * only her group's tasks, starts an FC20 零星报销 case from its start form (an invalid 公民身份号码 gets a
 * Chinese error), claims and completes the first review and the registration; the second reviewer completes
 * the settlement review; finance sees the settlement statement PDF; the 复审 is refused to who did the 初审,
 * in the page and by the server; a case whose 复审 was returned once shows both reviews with their own decisions;
 * the clerk who refused a case finds its 不予受理告知书 by name and number on the task she completed.
 * With DOCS_SCREENSHOTS=1 it also writes the screenshots of docs/images.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { basicAuth, DEMO_PASSWORD } from '../support/engine-fixture.js';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';
import { FC20_APPLICATION, FC20_REGISTRATION } from '../support/fc20-sample-case.js';

const PROCESS_ID = 'xining-fc20-manual-reimbursement';
const SCREENSHOTS = process.env.DOCS_SCREENSHOTS === '1';

// demo users (config/users.json): 李静 窗口初审 only, 王磊 窗口复审, 马晓云 财务
const FIRST_REVIEWER = 'li-jing';
const SECOND_REVIEWER = 'wang-lei';
const FINANCE = 'ma-xiaoyun';

const application = { ...FC20_APPLICATION, submittedMaterials: FC20_APPLICATION.submittedMaterials.slice(0, 3) };
const registration = FC20_REGISTRATION;

let t: TasklistHarness;
const seeded = { ownGroup: '', otherGroup: '', secondReview: '' };
let caseKey = '';
let settlementTaskKey = '';

beforeAll(async () => {
  // FC11 转入 and FC19 only for 新办件's catalogue: the longest time limit in words (three phases) and the longest title
  t = await startTasklistHarness({ processes: [PROCESS_ID, 'xining-fc11-transfer-in', 'xining-fc19-out-of-area-registration'] });
  const h = t.harness;
  // a case waiting for 窗口初审, one waiting for 窗口受理 (ID number failed its check: 补正), one for 窗口复审
  seeded.ownGroup = (await h.waitForTask(await h.start(PROCESS_ID, { ...application, personName: '马福林' }), 'preliminaryReview')).userTaskKey;
  seeded.otherGroup = (await h.waitForTask(await h.start(PROCESS_ID, { ...application, personName: '冶成海', idNumber: '630103196503152015' }), 'supplementMaterials')).userTaskKey;
  const inReview = await h.start(PROCESS_ID, { ...application, personName: '祁玉兰' });
  await h.complete(inReview, 'preliminaryReview', { as: 'window-first-review', variables: { receivedMaterials: application.submittedMaterials, preliminaryReviewDecision: 'approved' } });
  await h.complete(inReview, 'registerAndReview', { as: 'window-first-review', variables: registration });
  seeded.secondReview = (await h.waitForTask(inReview, 'settlementReview')).userTaskKey;
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe('task list (/tasklist) in Chromium', () => {
  let clerk: Page;

  it('should show a 窗口初审 clerk only the tasks of her group', async () => {
    // when
    clerk = await t.loginAs(FIRST_REVIEWER);
    await clerk.getByRole('tab', { name: /待认领/ }).click();

    // then
    await expect.poll(() => taskKeys(clerk)).toEqual([seeded.ownGroup]);
    // (the tabs' counts come beside the list, not before it: a load's counts may show after its rows)
    await expect.poll(() => clerk.getByTestId('count-claimable').innerText()).toBe('1');
    await expect.poll(() => clerk.getByTestId('count-mine').innerText()).toBe('0');
    await expect.poll(() => clerk.locator('.task-item').first().innerText()).toContain('马福林');
    // lists never show a full ID number
    expect(await clerk.locator('.task-item').first().innerText()).toContain('630103********2014');
    // not accepted yet: FC20's 15 working days start at acceptance
    expect(await clerk.locator('.task-item .due-badge').first().innerText()).toBe('受理后起算');
    expect(await clerk.locator('.task-list-panel').innerText()).not.toContain('630103196503152014');
    expect(await clerk.getByRole('tab', { name: /全部/ }).count()).toBe(0);
  });

  it('should start an FC20 case from its start form, with Chinese errors for an invalid 公民身份号码, and open its first task', async () => {
    // given
    await clerk.getByRole('button', { name: '新办件' }).click();
    // at 1366×768 every 办理 button and heading of the catalogue stays on one line (no 办/理 one character a line)
    const start = clerk.getByRole('button', { name: '办理 医疗费用零星报销' });
    const lineHeight = await clerk.getByRole('button', { name: '新办件' }).evaluate((button) => button.getBoundingClientRect().height);
    expect((await start.boundingBox())!.height).toBeLessThanOrEqual(lineHeight);
    const headings = await clerk.locator('table.catalogue th').evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().height));
    expect(Math.max(...headings)).toBeLessThan(40);
    await start.click();
    await clerk.locator('.fjs-form').waitFor();

    // when the form is sent empty
    await clerk.getByRole('button', { name: '提交受理' }).click();

    // then form-js's own messages are Chinese
    await expect.poll(() => clerk.locator('.fjs-form-field-error').first().innerText()).toBe('此项为必填项。');
    expect(await clerk.locator('.start-form').innerText()).not.toMatch(/Field is required|Select|mm\/dd\/yyyy/);
    expect(await clerk.locator('.fjs-form input[placeholder="年/月/日"]').count()).toBe(2);

    // when an ID number of the wrong length, then one with a wrong check character
    const idNumber = clerk.getByLabel('参保人公民身份号码');
    await idNumber.fill('63010319650315201');
    await idNumber.blur();
    await expect.poll(() => fieldError(clerk, 'f_idNumber')).toContain('公民身份号码应为18位');
    await idNumber.fill('630103196503152015');
    await idNumber.blur();
    await expect.poll(() => clerk.locator('.start-form').innerText()).toContain('参保人公民身份号码校验码不正确');

    // when the application is filled in correctly and sent
    // (each text is typed and left before the next click: messages under the fields disappear and move the page)
    await fill(clerk, '参保人公民身份号码', application.idNumber);
    await clerk.getByLabel('窗口现场办理').check();
    await clerk.getByLabel('参保职工本人').check();
    await fill(clerk, '参保人姓名', application.personName);
    await clerk.getByLabel('离退休人员').check();
    await fill(clerk, '联系电话', application.phone);
    await clerk.getByLabel('住院费用', { exact: true }).check();
    await fill(clerk, '医疗机构名称', application.hospitalName);
    await typeDate(clerk, '就医（入院）日期', '2026/1/5');
    await typeDate(clerk, '就医结束（出院）日期', '2026/1/20');
    await fill(clerk, '医疗费用总额（元）', application.totalExpenses);
    await clerk.getByLabel('通过参保人提供的金融账号发放').check();
    await fill(clerk, '户名', application.payeeName);
    await fill(clerk, '开户银行', application.payeeBankName);
    await fill(clerk, '银行账号', application.payeeBankAccount);
    for (const material of application.submittedMaterials) await clerk.getByLabel(material, { exact: true }).check();
    expect(await clerk.locator('.start-form').innerText()).not.toContain('校验码不正确');
    if (SCREENSHOTS) await screenshot(clerk, 'docs/images/tasklist-start-form.png');
    await clerk.getByRole('button', { name: '提交受理' }).click();

    // then the clerk lands on the case's first task (after the identity check job), not yet claimed
    await clerk.waitForURL(/\/tasklist\/tasks\/\d+$/, { timeout: 20_000 });
    await expect.poll(() => clerk.locator('.case-header').innerText()).toContain('医疗费用零星报销');
    caseKey = await clerk.getByTestId('case-number').innerText();
    const variables = await t.harness.variables(caseKey);
    expect(variables).toMatchObject({ personName: '韩永福', idNumber: application.idNumber, treatmentFrom: '2026-01-05', treatmentTo: '2026-01-20', identityValid: true });
    expect(await clerk.locator('.task-detail').innerText()).toContain('请先认领');
    // not yet accepted: the 15 working days start at acceptance (not 无时限, which would say the case has none)
    expect(await clerk.locator('.case-header').innerText()).toContain('尚未受理');
    await expect.poll(() => clerk.getByTestId('remaining-working-days').innerText()).toBe('受理后起算');
  });

  it('should claim, fill and complete the first review and the registration', async () => {
    // when
    await clerk.getByRole('button', { name: '认领', exact: true }).click();
    await expect.poll(() => clerk.getByTestId('message').innerText()).toContain('已认领');
    // the full ID number inside a task the clerk works
    expect(await clerk.getByTestId('case-id-number').innerText()).toBe(application.idNumber);
    await clerk.getByLabel('资料齐备，予以受理').check();
    for (const material of application.submittedMaterials) await clerk.locator('.task-detail .fjs-form').getByRole('checkbox', { name: material, exact: true, disabled: false }).check();
    await clerk.getByRole('button', { name: '办结' }).first().click();

    // then the next step, 零报登记及录入审核, is the same group's: accepted today, 15 working days left
    await expect.poll(() => clerk.getByTestId('message').innerText()).toContain('已办结');
    const register = await t.harness.waitForTask(caseKey, 'registerAndReview');
    await clerk.getByRole('tab', { name: /待认领/ }).click();
    await expect.poll(() => taskKeys(clerk)).toContain(register.userTaskKey);
    await clerk.locator(`[data-task-key="${register.userTaskKey}"]`).click();
    await expect.poll(() => clerk.getByTestId('remaining-working-days').innerText()).toBe('剩 15 个工作日');
    expect(await clerk.locator('.case-header').innerText()).toContain('2026-03-23');
    await clerk.keyboard.press('c');
    await expect.poll(() => clerk.getByTestId('message').innerText()).toContain('已认领');
    await fill(clerk, '零报登记号', registration.registrationNumber);
    await fill(clerk, '全自费（三个目录外）', registration.outOfCatalogueExpenses);
    await fill(clerk, '先行自付（乙类）', registration.partialSelfPayment);
    await fill(clerk, '起付标准', registration.deductible);
    await fill(clerk, '统筹基金支付', registration.poolingFundPayment);
    await fill(clerk, '大额医疗补助支付', registration.seriousIllnessPayment);
    // the note typed and Ctrl+Enter pressed at once (form-js once took a text area's typing in 300 ms late)
    await clerk.getByLabel('录入审核说明').fill(registration.entryReviewNote);
    if (SCREENSHOTS) await screenshot(clerk, 'docs/images/tasklist-task.png');
    await clerk.keyboard.press('Control+Enter');

    // then
    await expect.poll(() => clerk.getByTestId('message').innerText()).toContain('已办结');
    settlementTaskKey = (await t.harness.waitForTask(caseKey, 'settlementReview')).userTaskKey;
    expect(await t.harness.variables(caseKey)).toMatchObject({
      preliminaryReviewDecision: 'approved',
      registrationNumber: 'LB2026030001',
      seriousIllnessPayment: registration.seriousIllnessPayment,
      entryReviewNote: registration.entryReviewNote,
    });
  });

  it('should let the second reviewer complete the settlement review, with the case history', async () => {
    // given
    const reviewer = await t.loginAs(SECOND_REVIEWER);
    await reviewer.getByRole('tab', { name: /待认领/ }).click();
    await expect.poll(() => taskKeys(reviewer)).toEqual(expect.arrayContaining([settlementTaskKey, seeded.secondReview]));

    // when
    await reviewer.locator(`[data-task-key="${settlementTaskKey}"]`).click();
    await expect.poll(() => reviewer.locator('table.history').innerText()).toContain('医疗保险经办工作人员初步审核');
    // who acted by name (李静), not by username
    await expect.poll(() => reviewer.locator('table.history').innerText()).toMatch(/李静[\s\S]*同意/);
    if (SCREENSHOTS) await screenshot(reviewer, 'docs/images/tasklist-list.png');
    await reviewer.getByRole('button', { name: '认领', exact: true }).click();
    await expect.poll(() => reviewer.getByTestId('message').innerText()).toContain('已认领');
    await reviewer.getByLabel('审核结算无误，制作结算支付单据').check();
    await reviewer.getByRole('button', { name: '办结' }).first().click();

    // then
    await expect.poll(() => reviewer.getByTestId('message').innerText()).toContain('已办结');
    await t.harness.waitForTask(caseKey, 'payBenefits');
    // (a login, a case page with its history and names, two commands and the engine's next task: 5 s alone, and a
    // machine running the suite beside other work took it past 30 s twice)
  }, 60_000);

  it('should show each 复审 of a case the reviewer returned once, with the decision and reason of each', async () => {
    // given a case whose settlement review was returned for a correction of the registration, then approved
    const h = t.harness;
    const pi = await h.start(PROCESS_ID, { ...application, personName: '赵德明' });
    await h.complete(pi, 'preliminaryReview', { as: 'window-first-review', variables: { receivedMaterials: application.submittedMaterials, preliminaryReviewDecision: 'approved' } });
    await h.complete(pi, 'registerAndReview', { as: 'window-first-review', variables: registration });
    await h.complete(pi, 'settlementReview', { as: 'window-second-review', variables: { settlementReviewDecision: 'returned', settlementReviewReason: '统筹基金支付录入有误' } });
    await h.complete(pi, 'registerAndReview', { as: 'window-first-review', variables: registration });
    await h.complete(pi, 'settlementReview', { as: 'window-second-review', variables: { settlementReviewDecision: 'approved', settlementReviewReason: '' } });
    const payment = await h.waitForTask(pi, 'payBenefits');

    const reviews = async (page: Page) => {
      await page.goto(`${t.url}/tasklist/tasks/${payment.userTaskKey}`);
      await expect.poll(() => page.locator('table.history tbody tr').count()).toBe(5);
      const rows = await page.locator('table.history tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
      return rows.filter(([step]) => step?.startsWith('15个工作日内审核结算')).map(([, , , decision, reason]) => [decision, reason]);
    };

    // when finance opens the payment task, and again as on a Camunda 8.8 cluster (no audit log: 404)
    const finance = await t.loginAs(FINANCE);
    const withAuditLog = await reviews(finance);
    await finance.route('**/v2/audit-logs/search', (route) => route.fulfill({ status: 404, contentType: 'application/problem+json', body: JSON.stringify({ status: 404, title: 'NOT_FOUND' }) }));
    const without = await reviews(finance);

    // then both reviews, each with its own decision; without the audit log, the case's decision beside the latest
    expect(withAuditLog).toEqual([
      ['退回', '统筹基金支付录入有误'],
      ['同意', ''],
    ]);
    expect(without).toEqual([
      ['—', ''],
      ['同意', ''],
    ]);
  });

  it('should show finance the settlement statement PDF', async () => {
    // given
    const finance = await t.loginAs(FINANCE);
    const payment = await t.harness.waitForTask(caseKey, 'payBenefits');

    // when
    const download = finance.waitForResponse((response) => /\/v2\/documents\//.test(response.url()));
    await finance.goto(`${t.url}/tasklist/tasks/${payment.userTaskKey}`);
    // documentPreview downloads a document once it scrolls into view
    await finance.locator('.fjs-documentPreview-document-container').first().scrollIntoViewIfNeeded();
    const response = await download;

    // then
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    await expect.poll(() => finance.locator('embed.fjs-documentPreview-pdf-viewer').count()).toBeGreaterThan(0);
    expect(await finance.locator('.notices').innerText()).toMatch(/报销第\d{4}号/);
    expect(await finance.locator('.task-detail').innerText()).not.toContain('无法下载文件');
  });

  it('should refuse the 复审 to the clerk who did the 初审 of the case, in the page and on the server', async () => {
    // given a clerk holding both posts (a small office), who did this case's 零报登记及录入审核
    const h = t.harness;
    await h.fixture.client.createUser({ username: 'zhou-ping', password: DEMO_PASSWORD, name: '周平', email: '' });
    for (const group of ['window-first-review', 'window-second-review']) {
      expect((await h.fixture.fetch(`/v2/groups/${group}/users/zhou-ping`, { method: 'PUT' })).status).toBe(204);
    }
    const both = h.fixture.clientAs('zhou-ping');
    const pi = await h.start(PROCESS_ID, { ...application, personName: '韩秀英' });
    await h.complete(pi, 'preliminaryReview', { as: 'window-first-review', variables: { receivedMaterials: application.submittedMaterials, preliminaryReviewDecision: 'approved' } });
    const register = await h.waitForTask(pi, 'registerAndReview');
    await both.assignUserTask({ userTaskKey: register.userTaskKey, assignee: 'zhou-ping', allowOverride: false } as never);
    await both.completeUserTask({ userTaskKey: register.userTaskKey, variables: registration });
    const review = await h.waitForTask(pi, 'settlementReview');

    // when she tries to claim the 复审 in the task list
    const page = await t.loginAs('zhou-ping');
    await page.goto(`${t.url}/tasklist/tasks/${review.userTaskKey}`);
    await page.getByRole('button', { name: '认领', exact: true }).click();

    // then the page shows the engine's Chinese refusal, and she does not hold the task (the 认领 shown at once is undone)
    await expect.poll(() => page.getByTestId('message').innerText()).toContain('四眼原则');
    await expect.poll(() => page.getByRole('button', { name: '认领', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '释放' }).count()).toBe(0);
    // and the server refuses the same call
    const claim = await h.fixture.fetch(`/v2/user-tasks/${review.userTaskKey}/assignment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ assignee: 'zhou-ping' }),
      as: { username: 'zhou-ping', password: DEMO_PASSWORD },
    });
    expect(claim.status).toBe(409);
    expect(((await claim.json()) as { detail: string }).detail).toContain('四眼原则');
    // and the first clerk of the main case (窗口初审 only) may not take its 复审 either
    const firstClerkClaim = await h.fixture.fetch(`/v2/user-tasks/${seeded.secondReview}/assignment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basicAuth({ username: FIRST_REVIEWER, password: DEMO_PASSWORD }) },
      body: JSON.stringify({ assignee: FIRST_REVIEWER }),
      as: null,
    });
    expect([403, 404]).toContain(firstClerkClaim.status);
    await clerk.goto(`${t.url}/tasklist/tasks/${seeded.secondReview}`);
    await expect.poll(() => clerk.locator('.task-detail').innerText()).toMatch(/无权|没有权限|未找到/);
  });

  it('should show the clerk who refused a case its 不予受理告知书, by name and number, on the task she completed', async () => {
    // given a case the 窗口初审 clerk refused (不予受理): it ends once the notice is issued, and leaves no open task
    const h = t.harness;
    const refused = await h.start(PROCESS_ID, { ...application, personName: '韩永福' });
    const review = await h.waitForTask(refused, 'preliminaryReview');
    await h.complete(refused, 'preliminaryReview', {
      as: 'window-first-review',
      variables: { receivedMaterials: application.submittedMaterials, preliminaryReviewDecision: 'rejected', refusalReason: '不属于医疗保险报销范围' },
    });
    await h.expectEnded(refused, ['endNotAccepted']);
    const clerk = await t.loginAs(FIRST_REVIEWER);

    // when she opens the task she completed (where 后退 takes her after 办结)
    await clerk.goto(`${t.url}/tasklist/tasks/${review.userTaskKey}`);

    // then the 通知书 section lists the notice by its Chinese name and number, and opens it
    await expect.poll(() => clerk.locator('.notice-actions').innerText(), { timeout: 20_000 }).toMatch(/不予受理告知书 西宁城中医保〔2026〕不予受理第\d{4}号/);
    const open = await clerk.locator('.notice-actions a').first().getAttribute('href');
    const response = await clerk.request.get(new URL(open!, t.url).toString());
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
  });
});

// helpers

/** The page as the clerk sees it on a 1366×768 screen, the task scrolled to its top. */
async function screenshot(page: Page, path: string): Promise<void> {
  await page.locator('.detail-pane').evaluate((pane) => pane.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await page.screenshot({ path });
}

async function taskKeys(page: Page): Promise<string[]> {
  return page.locator('.task-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-task-key') ?? ''));
}

async function fieldError(page: Page, componentId: string): Promise<string> {
  const errors = page.locator(`[id$="-${componentId}-error-message"]`);
  return (await errors.count()) ? errors.first().innerText() : '';
}

/** Types into a field and leaves it, as a clerk tabbing through the form. */
async function fill(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label);
  await input.fill(value);
  await input.blur();
}

/** Types a date as a clerk does (year first), then leaves the field. */
async function typeDate(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label);
  await input.fill(value);
  await input.press('Enter');
  await input.blur();
}
