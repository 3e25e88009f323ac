/**
 * What the window recorded as handed in, seen by the reviewer in headless Chromium: a window clerk registers an FC1
 * 单位参保登记 from 新办件 with two of its three materials ticked; the 初审 reviewer opens 业务初审 and finds exactly
 * those two ticked under 窗口登记的已提交材料（只读）, not to be changed, ticks 核验无误 herself and completes the
 * task — and the case's `materialsSubmitted` is still what the window recorded. The page's 材料清单 lists them
 * under 申请时提交 whatever the process calls its intake list; on the 复审 it also lists what the 初审 reviewer
 * verified (`materialsChecked`) under 审核核验无误的材料 and marks, in words, the one handed in that she did not.
 * When the 复审 returns the case, the 初审 reviewer's own earlier ticks are the round before (no marks against
 * them), and 办理记录 shows the 复审's return reason beside the return only, not beside the later approval.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'xining-fc01-employer-registration';
const WINDOW_CLERK = 'zhang-min';
const REVIEWER = 'li-jing';
const MATERIALS = ['统一社会信用代码证书或单位批准成立的文件', '《基本医疗保险单位参保信息登记表》（加盖单位公章）', '缴费基数申报表'];
const SECOND_REVIEWER = 'wang-lei';
const HANDED_IN = [MATERIALS[0]!, MATERIALS[2]!];
/** The 初审 reviewer finds the one the window did not tick and cannot verify one it did. */
const VERIFIED = [MATERIALS[0]!, MATERIALS[1]!];
const RETURN_REASON = '单位类型与登记表不符，请初审重新核对。';

let t: TasklistHarness;

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [PROCESS_ID] });
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe('the intake materials on 业务初审 (/tasklist) in Chromium', { timeout: 120_000 }, () => {
  let caseKey = '';

  it('should start an FC1 case from 新办件 with two of three materials ticked', async () => {
    // given
    const clerk = await t.loginAs(WINDOW_CLERK);
    await clerk.getByRole('button', { name: '新办件' }).click();
    await clerk.getByRole('button', { name: '办理 单位参保登记' }).click();
    await clerk.locator('.fjs-form').waitFor();

    // when
    await clerk.getByLabel('窗口现场办理').check();
    await fill(clerk, 'f_unitName', '西宁市城中区某建材有限公司');
    await fill(clerk, 'f_creditCode', '91630103710402005J');
    await clerk.locator('.fjs-form-field-select', { has: clerk.locator('input[id$="-f_unitType"]') }).locator('.fjs-input-group').click();
    await clerk.locator('.fjs-dropdownlist-item', { hasText: /^企业$/ }).click();
    await fill(clerk, 'f_legalRepresentative', '马建国');
    await fill(clerk, 'f_unitAddress', '西宁市城中区南大街1号');
    await fill(clerk, 'f_contactName', '韩雪');
    await fill(clerk, 'f_contactPhone', '13897001234');
    for (const material of HANDED_IN) await clerk.getByLabel(material, { exact: true }).check();
    await clerk.getByRole('button', { name: '提交受理' }).click();

    // then
    await clerk.waitForURL(/\/tasklist\/tasks\/\d+$/, { timeout: 20_000 });
    caseKey = await clerk.getByTestId('case-number').innerText();
    expect(await t.harness.variables(caseKey)).toMatchObject({ materialsSubmitted: HANDED_IN });
  });

  it('should show the reviewer exactly those ticked, not to be changed, and leave them as recorded when she completes 业务初审', async () => {
    // given
    const task = await t.harness.waitForTask(caseKey, 'firstReview');
    const reviewer = await t.loginAs(REVIEWER);
    await reviewer.goto(`${t.url}/tasklist/tasks/${task.userTaskKey}`);
    await reviewer.getByRole('button', { name: '认领', exact: true }).click();
    await expect.poll(() => reviewer.getByTestId('message').innerText()).toContain('已认领');
    const form = reviewer.locator('.task-detail .fjs-form');
    const intake = form.locator('input[type="checkbox"][id*="-f_intakeMaterials-"]');
    await expect.poll(() => intake.count()).toBe(3);

    // when she tries to untick a recorded one and tick the missing one, then checks each document herself
    await intake.nth(0).click({ force: true });
    await intake.nth(1).click({ force: true });
    for (const material of VERIFIED) await form.getByRole('checkbox', { name: material, exact: true, disabled: false }).check();
    await reviewer.getByLabel('审核无误，初审人员签字确认').check();
    await fill(reviewer, 'f_firstReviewer', '李静');
    const shown = await boxes(intake);
    const formText = await form.innerText();
    const listed = await reviewer.locator('.materials').innerText();
    await reviewer.getByRole('button', { name: '办结' }).first().click();

    // then
    expect(formText).toContain('窗口登记的已提交材料（只读）');
    // and the page's 材料清单 names them too, under 申请时提交 (FC1 calls its list materialsSubmitted)
    expect(listed).toContain('申请时提交');
    for (const material of HANDED_IN) expect(listed).toContain(material);
    expect(listed).not.toContain(MATERIALS[1]);
    expect(shown).toEqual([
      { checked: true, disabled: true },
      { checked: false, disabled: true },
      { checked: true, disabled: true },
    ]);
    await expect.poll(() => reviewer.getByTestId('message').innerText()).toContain('已办结');
    const variables = await t.harness.variables(caseKey);
    expect(variables.materialsSubmitted).toEqual(HANDED_IN);
    expect(variables).toMatchObject({ materialsChecked: VERIFIED, firstReviewDecision: 'approved' });
  });

  it('should show the 复审 what the 初审 reviewer verified, by label, and what was handed in but not verified', async () => {
    // given
    const task = await t.harness.waitForTask(caseKey, 'secondReview');
    const second = await t.loginAs(SECOND_REVIEWER);

    // when
    await second.goto(`${t.url}/tasklist/tasks/${task.userTaskKey}`);
    const materials = second.locator('.materials');
    const verified = list(second, '审核核验无误的材料');
    await verified.waitFor();
    const intake = list(second, '申请时提交');

    // then the verified list, a list of its items by their labels
    expect(await verified.getByRole('heading', { level: 3 }).innerText()).toBe('审核核验无误的材料');
    expect(await verified.getByRole('listitem').allInnerTexts()).toEqual(VERIFIED.map((material) => `✓ ${material}`));
    // and the handed-in one she did not verify says so in words (not sent back: 未确认无误), the others do not
    const handedIn = await intake.getByRole('listitem').allInnerTexts();
    expect(handedIn).toEqual([`✓ ${MATERIALS[0]}`, `！ ${MATERIALS[2]}未确认无误`]);
    expect(await intake.innerText()).toContain('其中 1 项审核人员未勾选为核验无误，请核对原件');
    // the ✓ / ！ are not read out: the words carry it (✗ is the missing list's)
    expect(await intake.getByRole('listitem').last().evaluate((item) => item.querySelector('[aria-hidden="true"]')?.textContent)).toBe('！');
    // and the lists are no landmarks of their own (up to 8 of them)
    expect(await materials.getByRole('region').count()).toBe(0);
    // and at the office's 1366×768 the panel fits its pane (long names wrap, nothing to scroll sideways)
    expect(await materials.evaluate((panel) => panel.scrollWidth <= panel.clientWidth)).toBe(true);
  });
  it('should show the 初审 reviewer, back after the 复审 returned the case, her earlier ticks as the round before and no marks', async () => {
    // given the 复审 returns the case to 初审
    await t.harness.complete(caseKey, 'secondReview', { as: 'window-second-review', by: SECOND_REVIEWER, variables: { secondReviewDecision: 'returned', secondReviewReason: RETURN_REASON } });
    const task = await t.harness.waitForTask(caseKey, 'firstReview');

    // when she opens her 初审 again
    const reviewer = await t.loginAs(REVIEWER);
    await reviewer.goto(`${t.url}/tasklist/tasks/${task.userTaskKey}`);
    const earlier = list(reviewer, '上一轮审核核验无误的材料（退回前）');
    await earlier.waitFor();

    // then her own ticks are the round before the return, and the intake is not marked against them
    expect(await earlier.getByRole('listitem').allInnerTexts()).toEqual(VERIFIED.map((material) => `✓ ${material}`));
    expect(await list(reviewer, '申请时提交').getByRole('listitem').allInnerTexts()).toEqual(HANDED_IN.map((material) => `✓ ${material}`));
    expect(await reviewer.locator('.materials').innerText()).not.toContain('未勾选为核验无误');
  });

  it('should show in 办理记录 only what each completion recorded: no 复审 return reason beside the later 复审 approval', async () => {
    // given 初审 approves again, and the 复审 approves (the reason field hidden, so not submitted)
    await t.harness.complete(caseKey, 'firstReview', { as: 'window-first-review', by: REVIEWER, variables: { firstReviewDecision: 'approved', materialsChecked: VERIFIED, firstReviewer: '李静' } });
    const second = await t.harness.waitForTask(caseKey, 'secondReview');
    await t.harness.complete(caseKey, 'secondReview', { as: 'window-second-review', by: SECOND_REVIEWER, variables: { secondReviewDecision: 'approved', unitInsuranceNumber: '63010300012' } });
    expect(await t.harness.variables(caseKey)).toMatchObject({ secondReviewReason: RETURN_REASON });

    // when the 复审 looks at her completed task
    const page = await t.loginAs(SECOND_REVIEWER);
    await page.goto(`${t.url}/tasklist/tasks/${second.userTaskKey}`);
    const rows = page.locator('table.history tbody tr');
    await expect.poll(() => rows.count()).toBe(4);

    // then the return shows its reason, the approval none (polled: the clerks' names replace their usernames once the directory answers)
    const shown = async () => {
      const cells = await rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
      return cells.map(([, who, , decision, reason]) => [who, decision, reason]);
    };
    await expect.poll(shown).toEqual([
      ['李静', '同意', ''],
      ['王磊', '退回', RETURN_REASON],
      ['李静', '同意', ''],
      ['王磊', '同意', ''],
    ]);
  });
});

/** One list of the 材料清单, by its heading. */
function list(page: Page, title: string) {
  return page.locator('.materials .materials-list', { has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
}

/** Each box ticked or not, and disabled: a read-only copy is aria-disabled (Tab reaches it, read-only-copies-shown.tsx), another natively. */
async function boxes(inputs: ReturnType<Page['locator']>): Promise<{ checked: boolean; disabled: boolean }[]> {
  return inputs.evaluateAll((all) =>
    all.map((box) => ({ checked: (box as HTMLInputElement).checked, disabled: (box as HTMLInputElement).disabled || box.getAttribute('aria-disabled') === 'true' })),
  );
}

/** Types into the form-js field with that component id and leaves it, as a clerk tabbing through the form. */
async function fill(page: Page, componentId: string, value: string): Promise<void> {
  const input = page.locator(`.fjs-form input[id$="-${componentId}"]`);
  await input.fill(value);
  await input.blur();
}
