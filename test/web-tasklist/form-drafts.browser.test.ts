/**
 * A clerk's 新办件 in headless Chromium against the embedded engine, as the counter works it: what she typed comes
 * back after a reload and after her session ended (logged in again on the same tab), with a note and 放弃草稿, and
 * never for a colleague signing in after her logout (a task's form she holds likewise); 提交受理 with errors puts the focus on the first one; the case
 * started, the list shows its first task where it waits (待认领), and the tabs' counts follow her 认领 at once.
 * Opened again (the next applicant) a new case's draft is only offered (恢复 / 放弃); a second tab of the same browser
 * never shows a colleague her drafts (a logout or a colleague's sign-in in the other tab, /me asked before a restore);
 * a 提交受理 with no answer keeps the draft marked 结果未知 while its check cannot be made (the check itself: start-outcome-check.browser.test.ts); a task a colleague completed is not reported as 已办结.
 * While /me fails, what she types is kept (under her draft once 重试 confirms her; beside another visit's 新办件 draft,
 * through a reload too) and a successful 办结 removes the draft; 放弃草稿 asks first (Esc keeps it); the notes come in a live region; a draft lives as long as the server's
 * sessions (SESSION_MAX_HOURS, told with the catalogue); keys of before the private prefix go as the app starts
 * (the monitor's 案件查询 fragment: test/web-monitor/private-fragment.browser.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { startTasklistHarness, submitLogin, type LoginOptions, type TasklistHarness } from '../support/tasklist-browser.js';
import { FC20_APPLICATION } from '../support/fc20-sample-case.js';

const PROCESS_ID = 'xining-fc20-manual-reimbursement';
// 张敏 and 李静: both 窗口初审 (config/users.json)
const CLERK = 'zhang-min';
const COLLEAGUE = 'li-jing';
const application = FC20_APPLICATION;
const NOTE = /已恢复未提交的草稿（保存于 \d\d:\d\d）/;
// the page's times, passed on its clock instead of waited for: a change is saved SAVE_EVERY_MS after it
// (use-form-draft.ts: 1 s, and a text field's own debounce before), /me asked again has CONFIRM_TIMEOUT_MS to answer
// (session.tsx: 5 s), showing the tab asks /me again at most once in RECHECK_EVERY_MS (session.tsx: 5 s)
const SAVE_TIME_MS = 1_500;
const ME_TIME_BOUND_MS = 5_000;
const RECHECK_MS = 5_000;
// signed in through the server's /login (the login page is not what these tests look at; the tests that sign in again
// on a page use it, `login`), the page's clock installed before the app's first page runs: it goes on in real time,
// the test moves it past the page's timers instead of waiting for them
const SIGNED_IN: LoginOptions = { clock: true, via: 'request' };

let t: TasklistHarness;

beforeAll(async () => {
  // (sessions of 24 hours, as SESSION_MAX_HOURS=24 tells the web apps: the drafts live as long)
  t = await startTasklistHarness({ processes: [PROCESS_ID], sessionMaxHours: 24 });
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe('task list (/tasklist) drafts and 新办件', { timeout: 120_000 }, () => {
  let clerk: Page;
  let firstTaskKey = '';

  it('should move the focus to the first field marked wrong when 提交受理 finds errors', async () => {
    // given an empty FC20 start form
    clerk = await t.loginAs(CLERK, undefined, SIGNED_IN);
    await openStartForm(clerk);

    // when
    await clerk.getByRole('button', { name: '提交受理' }).click();

    // then the focus is in the first field with an error (办理渠道), not on the button at the bottom
    await clerk.getByText(/有 \d+ 处内容需要修改/).waitFor();
    await expect
      .poll(() => clerk.evaluate(() => document.activeElement?.closest('.fjs-has-errors') === document.querySelector('.start-form .fjs-has-errors')))
      .toBe(true);
    expect(await clerk.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.innerText.trim())).toBe('窗口现场办理');
  });

  it('should restore a new case’s form after a reload and after the session ended, and start the case from it', async () => {
    // given the clerk has filled part of the form
    await openStartForm(clerk);
    await clerk.getByLabel('窗口现场办理').check();
    await fill(clerk, '参保人姓名', application.personName);
    await fill(clerk, '参保人公民身份号码', application.idNumber);

    // when the page is reloaded at once
    await clerk.reload();

    // then the form opens with what she typed, and says so
    await clerk.locator('.start-form .fjs-form').waitFor();
    await expect.poll(() => clerk.getByLabel('参保人姓名').inputValue()).toBe(application.personName);
    expect(await clerk.locator('.draft-note').innerText()).toMatch(NOTE);
    expect(await clerk.getByLabel('参保人公民身份号码').inputValue()).toBe(application.idNumber);
    expect(await clerk.getByLabel('窗口现场办理').isChecked()).toBe(true);

    // when she fills the rest, her session ends meanwhile (a logout in another tab), and she submits
    await fillRest(clerk);
    expect((await clerk.context().request.post(`${t.url}/logout`)).status()).toBe(204);
    await clerk.getByRole('button', { name: '提交受理' }).click();

    // then the login page; signed in again, the whole form is back
    await expect.poll(() => clerk.locator('.login-page').count()).toBe(1);
    expect(await clerk.locator('.login-page').innerText()).toContain('登录已过期，请重新登录');
    await login(clerk, CLERK);
    await clerk.locator('.start-form .fjs-form').waitFor();
    await expect.poll(() => clerk.getByLabel('医疗机构名称').inputValue()).toBe(application.hospitalName);
    expect(await clerk.locator('.draft-note').innerText()).toMatch(NOTE);
    expect(await clerk.getByLabel('参保人姓名').inputValue()).toBe(application.personName);
    // (the date field shows the restored date a render after the text fields: a CI run read it empty before that)
    await expect.poll(() => clerk.getByLabel('就医（入院）日期').inputValue()).toBe('2026/1/5');

    // when she submits it now
    await clerk.getByRole('button', { name: '提交受理' }).click();

    // then the case starts with what she typed before the reload, and the draft is gone
    await clerk.waitForURL(/\/tasklist\/tasks\/\d+$/, { timeout: 20_000 });
    firstTaskKey = /\/tasks\/(\d+)$/.exec(clerk.url())![1]!;
    const caseKey = await clerk.getByTestId('case-number').innerText();
    expect(await t.harness.variables(caseKey)).toMatchObject({ personName: application.personName, idNumber: application.idNumber, channel: 'window', hospitalName: application.hospitalName });
    expect(await drafts(clerk)).toEqual([]);
  });

  it('should show the new case’s first task in 待认领 after 新办件, and count the 认领 in the tabs at once', async () => {
    // then (after the case above) the list shows the case's first task where it waits
    await expect.poll(() => clerk.getByRole('tab', { name: /待认领/ }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => clerk.locator(`.task-item[data-task-key="${firstTaskKey}"]`).count()).toBe(1);

    // given the clerk looks at 我的待办 and opens the task by its address (not from the list)
    await clerk.getByRole('tab', { name: /我的待办/ }).click();
    await clerk.goto(`${t.url}/tasklist/tasks/${firstTaskKey}`);
    await clerk.locator('.case-header').waitFor();
    await expect.poll(() => counts(clerk)).not.toContain('…');
    const [mine, claimable] = (await counts(clerk)).map(Number) as [number, number];
    expect(claimable).toBeGreaterThan(0);
    // every change of the tabs and rows from here on, as the page shows it
    await clerk.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      const note = () => seen.push(`${document.querySelector('[data-testid="count-mine"]')?.textContent}/${document.querySelector('[data-testid="count-claimable"]')?.textContent}/${document.querySelectorAll('.task-item').length}`);
      new MutationObserver(note).observe(document.querySelector('.task-list-panel')!, { subtree: true, childList: true, characterData: true });
    });

    // when she claims it
    await countRequestsOpen(clerk);
    await clerk.getByRole('button', { name: '认领', exact: true }).click();

    // then the tabs count it under 我的待办 as soon as the page shows it claimed, and go on doing so while the
    // list reads again (its row comes into 我的待办): the re-reads of the next 2 s of the page's time, each answered
    // and shown
    await expect.poll(() => clerk.locator(`.task-item[data-task-key="${firstTaskKey}"]`).count(), { timeout: 10_000 }).toBe(1);
    await reReadsRun(clerk, 2_000);
    const seen = await clerk.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.length).toBeGreaterThan(0);
    expect([...new Set(seen)].filter((entry) => !entry.startsWith(`${mine + 1}/${claimable - 1}/`))).toEqual([]);
    expect(await counts(clerk)).toEqual([String(mine + 1), String(claimable - 1)]);
  });

  it('should restore the form of a task the clerk holds after a reload, give it up with 放弃草稿, and keep none after 办结', async () => {
    // given the task claimed above, partly filled
    const form = clerk.locator('.task-detail .fjs-form');
    const material = (name: string) => form.getByRole('checkbox', { name, exact: true, disabled: false });
    await clerk.getByLabel('资料齐备，予以受理').check();
    await material(application.submittedMaterials[0]!).check();

    // when the page is reloaded
    await clerk.reload();

    // then the form is back as she left it, and says so
    await form.waitFor();
    await expect.poll(() => clerk.getByLabel('资料齐备，予以受理').isChecked()).toBe(true);
    expect(await clerk.locator('.task-detail .draft-note').innerText()).toMatch(NOTE);
    expect(await material(application.submittedMaterials[0]!).isChecked()).toBe(true);
    // (the note's text is said by a screen reader: it is in the form's live region; its buttons are beside it)
    const region = clerk.locator('.task-detail .draft-note [role="status"][aria-live="polite"]');
    expect(await region.innerText()).toMatch(NOTE);
    expect(await region.locator('button').count()).toBe(0);

    // when she presses 放弃草稿, and then Esc
    const giveUp = clerk.getByRole('button', { name: '放弃草稿' });
    await giveUp.click();

    // then she is asked first, the focus on 取消 in the question's group (outside the live region, which still
    // holds the note alone); Esc keeps the draft and puts the focus back on 放弃草稿
    const question = clerk.locator('.draft-discard-confirm');
    expect(await question.innerText()).toContain('放弃后已填写的内容将清除，不能恢复。确定放弃草稿？');
    expect(await clerk.getByRole('group', { name: '放弃后已填写的内容将清除，不能恢复。确定放弃草稿？' }).count()).toBe(1);
    expect(await region.innerText()).toMatch(NOTE);
    await expect.poll(() => clerk.evaluate(() => document.activeElement?.textContent)).toBe('取消');
    await clerk.keyboard.press('Escape');
    await expect.poll(() => question.count()).toBe(0);
    await expect.poll(() => clerk.evaluate(() => document.activeElement?.textContent)).toBe('放弃草稿');
    expect(await drafts(clerk)).toHaveLength(1);
    expect(await clerk.getByLabel('资料齐备，予以受理').isChecked()).toBe(true);

    // when she asks again and confirms with the keyboard (Shift+Tab from 取消 to 确定放弃, Enter)
    await clerk.keyboard.press('Enter');
    await question.waitFor();
    await expect.poll(() => clerk.evaluate(() => document.activeElement?.textContent)).toBe('取消');
    await clerk.keyboard.press('Shift+Tab');
    expect(await clerk.evaluate(() => document.activeElement?.textContent)).toBe('确定放弃');
    await clerk.keyboard.press('Enter');

    // then the form shows the case as it was, the tab keeps nothing, and the focus is on the form's heading (not
    // lost to the page's body with the note)
    await expect.poll(() => clerk.getByLabel('资料齐备，予以受理').isChecked()).toBe(false);
    expect(await clerk.locator('.draft-note').count()).toBe(0);
    expect(await drafts(clerk)).toEqual([]);
    expect(await clerk.evaluate(() => document.activeElement?.id)).toBe('task-title');

    // when she presses 办结 on the empty form, the focus goes to the first field marked wrong (the same helper as 提交受理)
    await clerk.getByRole('button', { name: '办结' }).first().click();
    await clerk.getByText(/有 \d+ 处内容需要修改/).waitFor();
    await expect
      .poll(() => clerk.evaluate(() => document.activeElement?.closest('.fjs-has-errors') === document.querySelector('.task-detail .fjs-has-errors')))
      .toBe(true);

    // when she fills it again and completes the task
    await clerk.getByLabel('资料齐备，予以受理').check();
    for (const name of application.submittedMaterials) await material(name).check();
    await clerk.getByRole('button', { name: '办结' }).first().click();

    // then no draft of it stays
    await expect.poll(() => clerk.getByTestId('message').innerText()).toContain('已办结');
    await saveTimePasses(clerk);
    expect(await drafts(clerk)).toEqual([]);
  });

  it('should only offer a new case’s draft when the form is opened again (the next applicant), with 恢复 and 放弃', async () => {
    // given the clerk typed an applicant's name, then went back to 新办件 without submitting
    await openStartForm(clerk);
    await fill(clerk, '参保人姓名', '马福林');
    await clerk.getByRole('button', { name: '新办件' }).click();
    await expect.poll(() => drafts(clerk), { timeout: 5_000 }).toHaveLength(1);

    // when she opens the form again
    await openStartForm(clerk);

    // then it is empty, and the draft is offered with whose it is
    const offer = clerk.locator('.draft-offer');
    await expect.poll(() => offer.innerText()).toMatch(/有上次未提交的草稿（申请人 马福林，保存于 \d{4}-\d\d-\d\d \d\d:\d\d）/);
    expect(await clerk.getByLabel('参保人姓名').inputValue()).toBe('');

    // when she restores it
    await offer.getByRole('button', { name: '恢复' }).click();

    // then the form holds it, and it is restored by itself after a reload of this page
    await expect.poll(() => clerk.getByLabel('参保人姓名').inputValue()).toBe('马福林');
    await clerk.reload();
    await clerk.locator('.start-form .fjs-form').waitFor();
    await expect.poll(() => clerk.getByLabel('参保人姓名').inputValue()).toBe('马福林');
    expect(await clerk.locator('.draft-offer').count()).toBe(0);

    // when she opens the form again and gives the draft up
    await clerk.getByRole('button', { name: '新办件' }).click();
    await openStartForm(clerk);
    await clerk.locator('.draft-offer').getByRole('button', { name: '放弃' }).click();
    await clerk.locator('.draft-offer').getByRole('button', { name: '确定放弃' }).click();

    // then none is kept, and the form stays empty
    await expect.poll(() => drafts(clerk)).toEqual([]);
    expect(await clerk.locator('.draft-offer').count()).toBe(0);
    expect(await clerk.getByLabel('参保人姓名').inputValue()).toBe('');
  });

  it('should keep a draft it cannot confirm as hers (/me unanswered), say so with 重试, and neither save over nor remove it', async () => {
    // given the clerk typed an applicant's name, then went back to 新办件 without submitting
    await openStartForm(clerk);
    await fill(clerk, '参保人姓名', '马福林');
    await clerk.getByRole('button', { name: '新办件' }).click();
    await expect.poll(() => drafts(clerk), { timeout: 5_000 }).toHaveLength(1);
    const stored = await draftValues(clerk);

    // when she opens the form again while /me hangs (the answer never comes)
    const hang = () => undefined;
    await clerk.route('**/v2/authentication/me', hang);
    const asked = clerk.waitForRequest('**/v2/authentication/me');
    await clerk.getByRole('button', { name: '新办件' }).click();
    await clerk.getByRole('button', { name: '办理 医疗费用零星报销' }).click();
    await asked;
    await clerk.clock.runFor(ME_TIME_BOUND_MS);
    await clerk.locator('.start-form .fjs-form').waitFor();

    // then the form opens after the time bound without the draft, and says why, with 重试
    const note = clerk.locator('.draft-unconfirmed');
    await note.waitFor({ timeout: 10_000 });
    expect(await note.innerText()).toContain('无法确认登录状态，草稿暂未恢复');
    expect(await clerk.getByLabel('参保人姓名').inputValue()).toBe('');
    expect(await clerk.locator('.draft-offer').count()).toBe(0);

    // when she clicks into the form (a change with nothing typed) and the save time passes
    await clerk.getByLabel('窗口现场办理').check();
    await saveTimePasses(clerk);

    // then the draft is kept as it was
    expect(await draftValues(clerk)).toEqual(stored);

    // when she presses 重试 and /me fails again (what the live region says is recorded)
    await clerk.evaluate(() => {
      const region = document.querySelector('.start-form .draft-status [role="status"]')!;
      const seen: string[] = [];
      (window as unknown as { said: string[] }).said = seen;
      new MutationObserver(() => seen.push(region.textContent ?? '')).observe(region, { subtree: true, childList: true, characterData: true });
    });
    const meFails = (route: Route) => route.abort('internetdisconnected');
    await clerk.unroute('**/v2/authentication/me', hang);
    await clerk.route('**/v2/authentication/me', meFails);
    await note.getByRole('button', { name: '重试' }).click();

    // then the region says it asked and that it still cannot tell, the focus stays on 重试, and the form stays as she
    // has it (not rebuilt: the focus would go to its first field)
    await expect.poll(() => clerk.evaluate(() => (window as unknown as { said: string[] }).said)).toEqual(['正在确认登录状态…', '仍无法确认登录状态，草稿暂未恢复']);
    await clerk.clock.runFor(500);
    expect(await clerk.evaluate(() => document.activeElement?.textContent)).toBe('重试');
    expect(await clerk.getByLabel('窗口现场办理').isChecked()).toBe(true);
    expect(await draftValues(clerk)).toEqual(stored);

    // when /me answers again and she presses 重试
    await clerk.unroute('**/v2/authentication/me', meFails);
    await note.getByRole('button', { name: '重试' }).click();

    // then her draft is offered, and what she did meanwhile stays in the form; the focus, on 重试 gone with its
    // note, is not lost to the page's body
    const offer = clerk.locator('.draft-offer');
    await expect.poll(() => offer.innerText()).toContain('申请人 马福林');
    expect(await clerk.locator('.draft-unconfirmed').count()).toBe(0);
    await expect.poll(() => clerk.evaluate(() => document.activeElement !== document.body && document.activeElement !== null)).toBe(true);
    expect(await clerk.getByLabel('窗口现场办理').isChecked()).toBe(true);
    expect(await draftValues(clerk)).toEqual(stored);

    // when she gives the offered draft up (asked first)
    await offer.getByRole('button', { name: '放弃' }).click();
    await offer.getByRole('button', { name: '确定放弃' }).click();

    // then it is gone, and what she did in this form is now its draft
    await expect.poll(() => draftValues(clerk)).not.toEqual(stored);
    expect((await draftValues(clerk)).map((value) => (JSON.parse(value) as { data: unknown }).data)).toEqual([{ channel: 'window' }]);
    expect(await clerk.getByLabel('窗口现场办理').isChecked()).toBe(true);
    expect(await clerk.locator('.draft-offer').count()).toBe(0);
  });

  it('should keep what the clerk typed into a task while her draft was unconfirmed, under the draft once 重试 confirms her', async () => {
    // given the clerk holds a 初审 and has typed into it
    const h = t.harness;
    const pi = await h.start(PROCESS_ID, { ...application, personName: '冶成海' });
    const task = await h.waitForTask(pi, 'preliminaryReview');
    const page = await t.loginAs(CLERK, undefined, { ...SIGNED_IN, path: `tasks/${task.userTaskKey}` });
    await page.getByRole('button', { name: '认领', exact: true }).click();
    const form = page.locator('.task-detail .fjs-form');
    const material = (name: string) => form.getByRole('checkbox', { name, exact: true, disabled: false });
    await page.getByLabel('资料齐备，予以受理').check();
    await saveTimePasses(page);
    await expect.poll(() => drafts(page), { timeout: 5_000 }).toHaveLength(1);
    const [{ savedAt }] = (await draftValues(page)).map((value) => JSON.parse(value) as { savedAt: number });

    // when she leaves the task and opens it again while /me fails (the network)
    const meFails = (route: Route) => route.abort('internetdisconnected');
    await page.getByRole('button', { name: '新办件' }).click();
    await page.getByRole('button', { name: '办理 医疗费用零星报销' }).waitFor();
    await page.route('**/v2/authentication/me', meFails);
    await page.goBack();

    // then the task's form opens without her draft, and says why
    const note = page.locator('.draft-unconfirmed');
    await note.waitFor({ timeout: 10_000 });
    await form.waitFor();
    expect(await page.getByLabel('资料齐备，予以受理').isChecked()).toBe(false);

    // when she ticks a material meanwhile, and the save time passes
    await material(application.submittedMaterials[0]!).check();
    await saveTimePasses(page);

    // then the tab keeps both her draft and the tick (a reload now would lose neither), the draft as old as it was
    // (typing unconfirmed does not make it live longer)
    const [kept] = (await draftValues(page)).map((value) => JSON.parse(value) as { data: Record<string, unknown>; savedAt: number });
    expect(kept?.data).toMatchObject({ preliminaryReviewDecision: 'approved', receivedMaterials: [application.submittedMaterials[0]] });
    expect(kept?.savedAt).toBe(savedAt);

    // when /me answers again and she presses 重试 (what the form's live region says is recorded)
    const said: string[] = await page.evaluate(() => {
      const region = document.querySelector('.task-detail .draft-status')!;
      const seen: string[] = [];
      (window as unknown as { said: string[] }).said = seen;
      new MutationObserver(() => seen.push(region.textContent ?? '')).observe(region, { subtree: true, childList: true, characterData: true });
      return seen;
    });
    expect(said).toEqual([]);
    // (/me answers once she ticked a second material while it is asked: within the save time of the answer)
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    await page.unroute('**/v2/authentication/me', meFails);
    await page.route('**/v2/authentication/me', async (route) => {
      await answered;
      await route.continue();
    });
    const asked = page.waitForRequest('**/v2/authentication/me');
    await note.getByRole('button', { name: '重试' }).click();
    await asked;
    await material(application.submittedMaterials[1]!).check();
    answer();

    // then the form holds all: the draft's decision and the materials she ticked meanwhile, and the note comes in
    // the live region that was on the page before it
    await expect.poll(() => page.getByLabel('资料齐备，予以受理').isChecked()).toBe(true);
    expect(await material(application.submittedMaterials[0]!).isChecked()).toBe(true);
    await expect.poll(() => page.evaluate(() => (window as unknown as { said: string[] }).said.some((text) => /已恢复未提交的草稿/.test(text)))).toBe(true);
    expect(await page.locator('.draft-unconfirmed').count()).toBe(0);

    // and the tab keeps them all once the save time passed (the save of the second tick waiting at the answer does
    // not drop the draft's decision)
    await saveTimePasses(page);
    const [saved] = (await draftValues(page)).map((value) => (JSON.parse(value) as { data: Record<string, unknown> }).data);
    expect(saved).toMatchObject({ preliminaryReviewDecision: 'approved', receivedMaterials: application.submittedMaterials.slice(0, 2) });
    expect(await page.getByLabel('资料齐备，予以受理').isChecked()).toBe(true);
    await page.unrouteAll({ behavior: 'wait' });
    await page.context().close();
  });

  it('should remove a task’s draft once 办结 succeeded while the draft was unconfirmed', async () => {
    // given the clerk holds a 初审 with a draft, and opens it again while /me fails
    const h = t.harness;
    const pi = await h.start(PROCESS_ID, { ...application, personName: '马秀兰' });
    const task = await h.waitForTask(pi, 'preliminaryReview');
    const page = await t.loginAs(CLERK, undefined, { ...SIGNED_IN, path: `tasks/${task.userTaskKey}` });
    await page.getByRole('button', { name: '认领', exact: true }).click();
    await page.getByLabel('资料齐备，予以受理').check();
    await saveTimePasses(page);
    await expect.poll(() => drafts(page), { timeout: 5_000 }).toHaveLength(1);
    const meFails = (route: Route) => route.abort('internetdisconnected');
    await page.getByRole('button', { name: '新办件' }).click();
    await page.getByRole('button', { name: '办理 医疗费用零星报销' }).waitFor();
    await page.route('**/v2/authentication/me', meFails);
    await page.goBack();
    await page.locator('.draft-unconfirmed').waitFor({ timeout: 10_000 });

    // when she fills the form anew and completes the task
    await page.getByLabel('资料齐备，予以受理').check();
    for (const name of application.submittedMaterials) await page.locator('.task-detail .fjs-form').getByRole('checkbox', { name, exact: true, disabled: false }).check();
    await page.getByRole('button', { name: '办结' }).first().click();

    // then the task is completed, and its draft is gone with it
    await expect.poll(() => page.getByTestId('message').innerText()).toContain('已办结');
    await expect.poll(() => drafts(page)).toEqual([]);
    await page.unroute('**/v2/authentication/me', meFails);
    await page.context().close();
  });

  it('should keep a draft as long as the server’s sessions live (SESSION_MAX_HOURS, here 24), not a fixed 12 hours', async () => {
    // given the catalogue says how long sessions live, and the clerk's draft of a new case
    const page = await t.loginAs(CLERK, undefined, SIGNED_IN);
    expect(await page.evaluate(async () => ((await (await fetch('/tasklist/api/catalog')).json()) as { sessionMaxHours?: number }).sessionMaxHours)).toBe(24);
    await openStartForm(page);
    await fill(page, '参保人姓名', '韩永福');
    await saveTimePasses(page);
    await expect.poll(() => drafts(page), { timeout: 5_000 }).toHaveLength(1);
    const ageBy = (hours: number) =>
      page.evaluate((hours) => {
        for (const key of Object.keys(sessionStorage).filter((name) => name.startsWith('private:tasklist.draft:'))) {
          const draft = JSON.parse(sessionStorage.getItem(key)!) as { savedAt: number };
          sessionStorage.setItem(key, JSON.stringify({ ...draft, savedAt: Date.now() - hours * 3_600_000 }));
        }
      }, hours);

    // when it is 13 hours old (older than 12) and the page is reloaded
    await ageBy(13);
    await page.reload();

    // then it is restored
    await page.locator('.start-form .fjs-form').waitFor();
    await expect.poll(() => page.getByLabel('参保人姓名').inputValue()).toBe('韩永福');
    expect(await page.locator('.draft-note').innerText()).toMatch(NOTE);

    // when it is 25 hours old
    await ageBy(25);
    await page.reload();

    // then it is gone
    await page.locator('.start-form .fjs-form').waitFor();
    await expect.poll(() => drafts(page)).toEqual([]);
    expect(await page.getByLabel('参保人姓名').inputValue()).toBe('');
    await page.context().close();
  });

  it('should remove the keys a tab kept before the private prefix (tasklist.query, tasklist.draft:…) as the app starts', async () => {
    // given a tab that still holds the old keys (opened before the upgrade)
    const page = await t.loginAs(CLERK, undefined, SIGNED_IN);
    await page.evaluate(() => {
      sessionStorage.setItem('tasklist.query', JSON.stringify({ list: 'all', sort: 'dueDate', search: '630103196503152014' }));
      sessionStorage.setItem('tasklist.draft:zhang-min:start:xining-fc20-manual-reimbursement', JSON.stringify({ username: 'zhang-min', data: { personName: '马福林' }, savedAt: Date.now() }));
      sessionStorage.setItem('modeler.search', 'FC20');
    });

    // when the page is loaded again (the new bundle)
    await page.reload();
    await page.locator('.task-list-panel').waitFor();

    // then they are gone, and nothing else is
    const keys = await page.evaluate(() => Object.keys(sessionStorage));
    expect(keys.filter((key) => key.startsWith('tasklist.'))).toEqual([]);
    expect(keys).toContain('modeler.search');
    expect(keys).toContain('private:owner');
    await page.context().close();
  });

  it('should keep no draft after a logout, and show none to a colleague signing in on the same tab (nor hers to the next one)', async () => {
    // given the clerk has typed into a new case's form
    await openStartForm(clerk);
    await fill(clerk, '参保人姓名', '马福林');
    await saveTimePasses(clerk);
    await expect.poll(() => drafts(clerk), { timeout: 5_000 }).toHaveLength(1);

    // when she logs out
    await clerk.getByRole('button', { name: '退出登录' }).click();
    await clerk.locator('.login-page').waitFor();

    // then the tab keeps nothing she typed, and her colleague signing in there gets an empty form
    await expect.poll(() => drafts(clerk)).toEqual([]);
    await login(clerk, COLLEAGUE);
    await clerk.locator('.start-form .fjs-form').waitFor();
    expect(await clerk.getByLabel('参保人姓名').inputValue()).toBe('');
    expect(await clerk.locator('.draft-note').count()).toBe(0);

    // when the colleague types, her session ends without a logout (another tab), and the first clerk signs in on the tab
    await fill(clerk, '参保人姓名', '冶成海');
    await saveTimePasses(clerk);
    await expect.poll(() => drafts(clerk), { timeout: 5_000 }).toHaveLength(1);
    expect((await clerk.context().request.post(`${t.url}/logout`)).status()).toBe(204);
    await clerk.locator('.start-form h1').click();
    await clerk.keyboard.press('r');
    await clerk.locator('.login-page').waitFor();
    await login(clerk, CLERK);

    // then the colleague's draft is gone, and the first clerk's form is empty
    await clerk.locator('.start-form .fjs-form').waitFor();
    expect(await drafts(clerk)).toEqual([]);
    expect(await clerk.getByLabel('参保人姓名').inputValue()).toBe('');
    await clerk.context().close();
  });

  it('should end the clerk’s other tab, with her drafts and search text, when she logs out in one tab or a colleague signs in there', async () => {
    // given the clerk has two tabs of the task list (one browser: one cookie), a search and a draft in the first
    const first = await t.loginAs(CLERK, undefined, SIGNED_IN);
    const second = await first.context().newPage();
    await second.goto(`${t.url}/tasklist/`);
    await second.locator('.task-list-panel').waitFor();
    await first.evaluate(() => sessionStorage.setItem('private:tasklist.query', JSON.stringify({ list: 'all', sort: 'dueDate', search: '马福林' })));
    await openStartForm(first);
    await fill(first, '参保人姓名', '马福林');
    await saveTimePasses(first);
    await expect.poll(() => drafts(first), { timeout: 5_000 }).toHaveLength(1);

    // when she logs out in the second tab
    await second.getByRole('button', { name: '退出登录' }).click();
    await second.locator('.login-page').waitFor();

    // then the first tab shows the login page too, and keeps nothing of hers
    await first.locator('.login-page').waitFor();
    expect(await first.locator('.login-page').innerText()).toContain('已在其他标签页退出登录');
    await expect.poll(() => privateEntries(first)).toEqual([]);

    // given she signs in again (the second tab, reloaded, shares the session) and types again in the first
    await login(first, CLERK);
    await second.reload();
    await second.locator('.task-list-panel').waitFor();
    await openStartForm(first);
    await fill(first, '参保人姓名', '马福林');
    await saveTimePasses(first);
    await expect.poll(() => drafts(first), { timeout: 5_000 }).toHaveLength(1);

    // when her session ends (no logout) and her colleague signs in on the second tab
    expect((await first.context().request.post(`${t.url}/logout`)).status()).toBe(204);
    await second.reload();
    await second.locator('.login-page').waitFor();
    await login(second, COLLEAGUE);

    // then the first tab shows the login page, and her draft is gone from it
    await first.locator('.login-page').waitFor();
    expect(await first.locator('.login-page').innerText()).toContain('此浏览器已由其他用户登录');
    await expect.poll(() => privateEntries(first)).toEqual([]);
  });

  it('should ask who is signed in before restoring a draft, so a colleague signed in elsewhere never sees it', async () => {
    // given the clerk's draft in a tab (kept as she went back to the catalogue)
    const tab = await t.loginAs(CLERK, undefined, SIGNED_IN);
    await openStartForm(tab);
    await fill(tab, '参保人姓名', '马福林');
    await tab.getByRole('button', { name: '新办件' }).click();
    await expect.poll(() => drafts(tab), { timeout: 5_000 }).toHaveLength(1);

    // when her colleague signs in on the same cookie without the tab hearing of it (no BroadcastChannel message),
    // and the form is opened again in the tab
    const signedIn = await tab.context().request.post(`${t.url}/login`, { form: { username: COLLEAGUE, password: 'demo' } });
    expect(signedIn.ok()).toBe(true);
    await tab.getByRole('button', { name: '办理 医疗费用零星报销' }).click();

    // then the login page comes instead of the form, and the draft is gone
    await tab.locator('.login-page').waitFor();
    expect(await tab.locator('.login-page').innerText()).toContain('此浏览器已由其他用户登录');
    expect(await tab.getByText('马福林').count()).toBe(0);
    await expect.poll(() => privateEntries(tab)).toEqual([]);
    await tab.context().close();
  });
  it('should not let a tab still showing the clerk log out the colleague signed in since, nor end his tabs', async () => {
    // given the clerk's tab, and her colleague signed in since on the same cookie, in a second tab
    const old = await t.loginAs(CLERK, undefined, SIGNED_IN);
    const signedIn = await old.context().request.post(`${t.url}/login`, { form: { username: COLLEAGUE, password: 'demo' } });
    expect(signedIn.ok()).toBe(true);
    const his = await old.context().newPage();
    await his.goto(`${t.url}/tasklist/`);
    await his.locator('.task-list-panel').waitFor();
    await hearSessionChannel(his);

    // when 退出登录 is pressed in the old tab
    await old.getByRole('button', { name: '退出登录' }).click();

    // then the old tab shows the login page, and the colleague stays signed in, his tab too
    await old.locator('.login-page').waitFor();
    expect(await old.locator('.login-page').innerText()).toContain('此浏览器已由其他用户登录');
    const me = await old.context().request.get(`${t.url}/v2/authentication/me`);
    expect(((await me.json()) as { username: string }).username).toBe(COLLEAGUE);
    await toldEveryTab(old, his);
    expect(await his.locator('.login-page').count()).toBe(0);
    await old.context().close();
  });
  it('should ask /me once when the tab is shown again, however many visibilitychange and focus events come', async () => {
    // given a signed-in tab, its last /me longer ago than the recheck's interval (5 s)
    const page = await t.loginAs(CLERK, undefined, SIGNED_IN);
    await page.clock.runFor(RECHECK_MS + 500);
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/v2/authentication/me')) asked.push(request.url());
    });

    // when the tab is shown again: visibilitychange and focus, twice
    const answered = page.waitForResponse((response) => response.url().endsWith('/v2/authentication/me'));
    await page.evaluate(() => {
      for (let i = 0; i < 2; i++) {
        document.dispatchEvent(new Event('visibilitychange'));
        window.dispatchEvent(new Event('focus'));
      }
    });

    // then one /me went out (any other would have gone out with it, before its answer, or on a timer of the page's
    // since), and the tab stays signed in
    await answered;
    await page.clock.runFor(1_000);
    expect(asked).toHaveLength(1);
    expect(await page.locator('.app-shell').count()).toBe(1);
    await page.context().close();
  });
  it('should say a task a colleague completed meanwhile was not completed by her 办结, and keep her entries until she leaves', async () => {
    // given the clerk holds a 初审 and has typed into it
    const h = t.harness;
    const pi = await h.start(PROCESS_ID, { ...application, personName: '韩秀英' });
    const task = await h.waitForTask(pi, 'preliminaryReview');
    const page = await t.loginAs(CLERK, undefined, { ...SIGNED_IN, path: `tasks/${task.userTaskKey}` });
    await page.getByRole('button', { name: '认领', exact: true }).click();
    await page.getByLabel('资料齐备，予以受理').check();
    for (const name of application.submittedMaterials) await page.locator('.task-detail .fjs-form').getByRole('checkbox', { name, exact: true, disabled: false }).check();
    await saveTimePasses(page);
    await expect.poll(() => drafts(page), { timeout: 5_000 }).toHaveLength(1);

    // when the task goes to a colleague (the 科长 reassigns it) who completes it, and then she presses 办结
    const colleague = h.fixture.clientAs(COLLEAGUE);
    await h.fixture.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: COLLEAGUE, allowOverride: true } as never);
    await colleague.completeUserTask({ userTaskKey: task.userTaskKey, variables: { receivedMaterials: application.submittedMaterials, preliminaryReviewDecision: 'approved' } });
    await page.getByRole('button', { name: '办结' }).first().click();

    // then the page says someone else completed it and her entries were not submitted, not 已办结; her draft stays
    await expect.poll(() => page.getByTestId('message').innerText()).toContain('已由他人办结，您填写的内容未提交');
    expect(await drafts(page)).toHaveLength(1);

    // when she leaves the task, it goes
    await page.getByRole('button', { name: '新办件' }).click();
    await page.getByRole('button', { name: '办理 医疗费用零星报销' }).waitFor();
    await expect.poll(() => drafts(page)).toEqual([]);
    await page.context().close();
  });
  it('should keep a new case’s draft marked 结果未知 when 提交受理 got no answer, and say to check the list first', async () => {
    // given the clerk filled the whole form, and the server's answer to 提交受理 does not come (a gateway's 504)
    const page = await t.loginAs(CLERK, undefined, SIGNED_IN);
    await openStartForm(page);
    await page.getByLabel('窗口现场办理').check();
    await fill(page, '参保人姓名', '韩秀英');
    await fill(page, '参保人公民身份号码', application.idNumber);
    await fillRest(page);
    await page.route('**/v2/process-instances', (route) => route.fulfill({ status: 504, contentType: 'application/json', body: '{"status":504,"title":"GATEWAY_TIMEOUT","detail":"timeout"}' }));
    // (nor can the page's check of it by its 提交识别码 be made: the draft stays marked, the submit guarded)
    await page.route('**/v2/process-instances/search', (route) => route.abort('timedout'));

    // when she submits
    await page.getByRole('button', { name: '提交受理' }).click();

    // then the page says the outcome is unknown — once, in the draft's note that says what to do; the error says why
    await expect.poll(() => page.locator('.start-form').innerText()).toContain('上次提交结果未知，请先在任务列表核对是否已受理');
    expect(await page.locator('.draft-note').innerText()).toContain('上次提交结果未知，请先在任务列表核对是否已受理');
    expect((await page.locator('.start-form').innerText()).split('结果未知').length - 1).toBe(1);
    expect(await page.locator('.start-form').innerText()).toContain('提交受理未得到答复（连接中断或网关未转回答复）');
    // and after a reload the draft comes back marked so
    await page.unroute('**/v2/process-instances');
    await page.reload();
    await page.locator('.start-form .fjs-form').waitFor();
    await expect.poll(() => page.locator('.draft-note').innerText()).toContain('上次提交结果未知，请先在任务列表核对是否已受理');
    expect(await page.getByLabel('参保人姓名').inputValue()).toBe('韩秀英');
    await page.context().close();
  });

  it('should keep saying 结果未知 once after 放弃草稿 of a draft whose 提交受理 got no answer, also as she types again', async () => {
    // given the clerk's 提交受理 of a draft restored after a reload got no answer (a gateway's 504): the draft's note
    // says 结果未知, with 放弃草稿
    const page = await t.loginAs(CLERK, undefined, SIGNED_IN);
    await openStartForm(page);
    await page.getByLabel('窗口现场办理').check();
    await fill(page, '参保人姓名', '韩秀英');
    await fill(page, '参保人公民身份号码', application.idNumber);
    await page.reload();
    await page.locator('.start-form .fjs-form').waitFor();
    await expect.poll(() => page.getByLabel('参保人姓名').inputValue()).toBe('韩秀英');
    await fillRest(page);
    await page.route('**/v2/process-instances', (route) => route.fulfill({ status: 504, contentType: 'application/json', body: '{"status":504,"title":"GATEWAY_TIMEOUT","detail":"timeout"}' }));
    // (nor can the page's check of it by its 提交识别码 be made: the draft stays marked, the submit guarded)
    await page.route('**/v2/process-instances/search', (route) => route.abort('timedout'));
    await page.getByRole('button', { name: '提交受理' }).click();
    await expect.poll(() => page.locator('.draft-note').innerText()).toContain('上次提交结果未知，请先在任务列表核对是否已受理');

    // when she gives the draft up (放弃草稿, 确定放弃)
    await page.getByRole('button', { name: '放弃草稿' }).click();
    await page.locator('.draft-discard-confirm').getByRole('button', { name: '确定放弃' }).click();

    // then the form is empty again, and the page still says — once — that the first submission's result is unknown
    await expect.poll(() => page.getByLabel('参保人姓名').inputValue()).toBe('');
    await expect.poll(() => page.locator('.start-form').innerText()).toContain('上次提交结果未知，请先在任务列表核对是否已受理');
    expect((await page.locator('.start-form').innerText()).split('结果未知').length - 1).toBe(1);
    expect(await page.locator('.start-form').innerText()).toContain('提交受理未得到答复（连接中断或网关未转回答复）');

    // and when she types the same applicant again, still once
    await fill(page, '参保人姓名', '韩秀英');
    await saveTimePasses(page);
    expect((await page.locator('.start-form').innerText()).split('结果未知').length - 1).toBe(1);
    expect(await page.locator('.start-form').innerText()).toContain('上次提交结果未知，请先在任务列表核对是否已受理');
    await page.context().close();
  });

  it('should mark the draft 结果未知 when 提交受理 got no answer while the draft was unconfirmed, so 重试 restores it marked', async () => {
    // given the clerk's draft of a new case in this page, and the page shown again (Back) while /me fails
    const page = await t.loginAs(CLERK, undefined, SIGNED_IN);
    await openStartForm(page);
    await fill(page, '参保人姓名', '韩秀英');
    await saveTimePasses(page);
    await expect.poll(() => drafts(page), { timeout: 5_000 }).toHaveLength(1);
    await page.getByRole('button', { name: '新办件' }).click();
    await page.getByRole('button', { name: '办理 医疗费用零星报销' }).waitFor();
    const meFails = (route: Route) => route.abort('internetdisconnected');
    await page.route('**/v2/authentication/me', meFails);
    await page.goBack();
    await page.locator('.draft-unconfirmed').waitFor({ timeout: 10_000 });

    // when she fills the form anew and submits, and the answer does not come (a gateway's 504)
    await page.getByLabel('窗口现场办理').check();
    await fill(page, '参保人姓名', '韩秀英');
    await fill(page, '参保人公民身份号码', application.idNumber);
    await fillRest(page);
    await page.route('**/v2/process-instances', (route) => route.fulfill({ status: 504, contentType: 'application/json', body: '{"status":504,"title":"GATEWAY_TIMEOUT","detail":"timeout"}' }));
    // (nor can the page's check of it by its 提交识别码 be made: the draft stays marked, the submit guarded)
    await page.route('**/v2/process-instances/search', (route) => route.abort('timedout'));
    await page.getByRole('button', { name: '提交受理' }).click();
    await expect.poll(() => page.locator('.start-form').innerText()).toContain('上次提交结果未知');
    // (once: in the note, beside 无法确认登录状态)
    expect((await page.locator('.start-form').innerText()).split('结果未知').length - 1).toBe(1);

    // then the draft is kept marked; and once 重试 confirms her, the note says the outcome is unknown
    const [kept] = (await draftValues(page)).map((value) => JSON.parse(value) as { uncertain?: boolean; data: Record<string, unknown> });
    expect(kept).toMatchObject({ uncertain: true, data: { personName: '韩秀英', hospitalName: application.hospitalName } });
    await page.unroute('**/v2/authentication/me', meFails);
    await page.locator('.draft-unconfirmed').getByRole('button', { name: '重试' }).click();
    await expect.poll(() => page.locator('.draft-note').innerText()).toContain('上次提交结果未知，请先在任务列表核对是否已受理');
    expect(await page.getByLabel('医疗机构名称').inputValue()).toBe(application.hospitalName);
    await page.unroute('**/v2/process-instances');
    await page.context().close();
  });

  it('should keep the draft of another visit when a new case is submitted while that draft is unconfirmed', async () => {
    // given the clerk's draft of one applicant, left in the catalogue
    const page = await t.loginAs(CLERK, undefined, SIGNED_IN);
    await openStartForm(page);
    await fill(page, '参保人姓名', '马福林');
    await page.getByRole('button', { name: '新办件' }).click();
    await expect.poll(() => drafts(page), { timeout: 5_000 }).toHaveLength(1);
    const stored = await draftValues(page);

    // when she opens the form again while /me fails (not confirmed: not offered), and submits the next applicant's case
    const meFails = (route: Route) => route.abort('internetdisconnected');
    await page.route('**/v2/authentication/me', meFails);
    await page.getByRole('button', { name: '办理 医疗费用零星报销' }).click();
    await page.locator('.draft-unconfirmed').waitFor({ timeout: 10_000 });
    await page.getByLabel('窗口现场办理').check();
    await fill(page, '参保人姓名', '韩永福');
    await fill(page, '参保人公民身份号码', application.idNumber);
    await fillRest(page);
    await page.getByRole('button', { name: '提交受理' }).click();
    await expect.poll(() => page.locator('.start-form .banner.ok, .task-detail').count(), { timeout: 20_000 }).toBeGreaterThan(0);

    // then the first applicant's draft is still there, as it was
    expect(await draftValues(page)).toEqual(stored);
    await page.unroute('**/v2/authentication/me', meFails);
    await page.context().close();
  });

  it('should keep what the clerk typed into a new case beside another visit’s unconfirmed draft through a reload before /me answers', async () => {
    // given the clerk's draft of one applicant, left in the catalogue
    const page = await t.loginAs(CLERK, undefined, SIGNED_IN);
    await openStartForm(page);
    await fill(page, '参保人姓名', '马福林');
    await page.getByRole('button', { name: '新办件' }).click();
    await expect.poll(() => drafts(page), { timeout: 5_000 }).toHaveLength(1);
    const stored = await draftValues(page);

    // when she opens the form again while /me fails (the other visit's draft unconfirmed) and types the next
    // applicant's name
    let answered = 0;
    const meFails = (route: Route) => (answered-- > 0 ? route.continue() : route.abort('internetdisconnected'));
    await page.route('**/v2/authentication/me', meFails);
    await page.getByRole('button', { name: '办理 医疗费用零星报销' }).click();
    await page.locator('.draft-unconfirmed').waitFor({ timeout: 10_000 });
    await fill(page, '参保人姓名', '韩永福');
    await saveTimePasses(page);
    await expect.poll(() => typedAside(page), { timeout: 5_000 }).toEqual([{ personName: '韩永福' }]);

    // and the page is reloaded (the app's own /me answers, the draft's check does not)
    answered = 1;
    await page.reload();
    await page.locator('.draft-unconfirmed').waitFor({ timeout: 10_000 });

    // then what she typed is kept but not shown while /me has not confirmed her (nothing private on an unconfirmed
    // session), and the other visit's draft is as it was
    await page.locator('.start-form .fjs-form').waitFor();
    expect(await page.getByLabel('参保人姓名').inputValue()).toBe('');
    expect(await typedAside(page)).toEqual([{ personName: '韩永福' }]);
    expect(await draftValues(page)).toEqual(stored);

    // when she goes on, and the page is reloaded once more, /me answering now
    await page.getByLabel('窗口现场办理').check();
    await saveTimePasses(page);
    await expect.poll(() => typedAside(page), { timeout: 5_000 }).toEqual([{ personName: '韩永福', channel: 'window' }]);
    await page.unroute('**/v2/authentication/me', meFails);
    await page.reload();

    // then the other visit's draft is offered beside her typing of both times, which the form shows now
    const offer = page.locator('.draft-offer');
    await expect.poll(() => offer.innerText(), { timeout: 10_000 }).toContain('申请人 马福林');
    await expect.poll(() => page.getByLabel('参保人姓名').inputValue()).toBe('韩永福');
    expect(await page.getByLabel('窗口现场办理').isChecked()).toBe(true);
    expect(await draftValues(page)).toEqual(stored);

    // when she gives the offered draft up (asked first)
    await offer.getByRole('button', { name: '放弃' }).click();
    await offer.getByRole('button', { name: '确定放弃' }).click();

    // then her typing is this page's draft, and nothing is kept beside it any more
    await expect.poll(() => draftValues(page)).not.toEqual(stored);
    expect((await draftValues(page)).map((value) => (JSON.parse(value) as { data: unknown }).data)).toEqual([{ personName: '韩永福', channel: 'window' }]);
    expect(await typedAside(page)).toEqual([]);
    await page.context().close();
  });

  it('should keep a 提交受理 with no answer marked 结果未知 beside another visit’s unconfirmed draft, through changes and reloads', async () => {
    // given the clerk's draft of one applicant, left in the catalogue
    const page = await t.loginAs(CLERK, undefined, SIGNED_IN);
    await openStartForm(page);
    await fill(page, '参保人姓名', '马福林');
    await page.getByRole('button', { name: '新办件' }).click();
    await expect.poll(() => drafts(page), { timeout: 5_000 }).toHaveLength(1);
    const stored = await draftValues(page);

    // when she opens the form again while /me fails, fills in the next applicant's case and submits it, and the
    // answer does not come (a gateway's 504)
    let answered = 0;
    const meFails = (route: Route) => (answered-- > 0 ? route.continue() : route.abort('internetdisconnected'));
    await page.route('**/v2/authentication/me', meFails);
    await page.getByRole('button', { name: '办理 医疗费用零星报销' }).click();
    await page.locator('.draft-unconfirmed').waitFor({ timeout: 10_000 });
    await page.getByLabel('窗口现场办理').check();
    await fill(page, '参保人姓名', '韩永福');
    await fill(page, '参保人公民身份号码', application.idNumber);
    await fillRest(page);
    await page.route('**/v2/process-instances', (route) => route.fulfill({ status: 504, contentType: 'application/json', body: '{"status":504,"title":"GATEWAY_TIMEOUT","detail":"timeout"}' }));
    // (nor can the page's check of it by its 提交识别码 be made: the draft stays marked, the submit guarded)
    await page.route('**/v2/process-instances/search', (route) => route.abort('timedout'));
    await page.getByRole('button', { name: '提交受理' }).click();
    await expect.poll(() => page.locator('.start-form').innerText()).toContain('上次提交结果未知');
    expect((await page.locator('.start-form').innerText()).split('结果未知').length - 1).toBe(1);

    // and changes a field afterwards
    await fill(page, '联系电话', '13909710000');
    await saveTimePasses(page);

    // then what the page keeps beside the other visit's draft is marked, with the change, and that draft is as it was
    await expect.poll(() => typedAsideStored(page), { timeout: 5_000 }).toEqual([expect.objectContaining({ uncertain: true, data: expect.objectContaining({ personName: '韩永福', phone: '13909710000' }) })]);
    expect(await draftValues(page)).toEqual(stored);

    // when the page is reloaded (the app's own /me answers, the draft's check does not)
    answered = 1;
    await page.reload();
    await page.locator('.draft-unconfirmed').waitFor({ timeout: 10_000 });

    // then the note says the outcome is unknown
    await expect.poll(() => page.locator('.draft-note').innerText()).toContain('上次提交结果未知，请先在任务列表核对是否已受理');

    // when /me answers again, the page is reloaded, and she types over the offered draft
    await page.unroute('**/v2/authentication/me', meFails);
    await page.reload();
    const offer = page.locator('.draft-offer');
    await expect.poll(() => offer.innerText(), { timeout: 10_000 }).toContain('上次提交结果未知');
    await expect.poll(() => page.getByLabel('参保人姓名').inputValue()).toBe('韩永福');
    await fill(page, '联系电话', '13909710001');
    await saveTimePasses(page);

    // then her typing is this page's draft, marked, and a reload restores it with the note
    await expect.poll(() => draftValues(page), { timeout: 5_000 }).not.toEqual(stored);
    expect((await draftValues(page)).map((value) => JSON.parse(value) as { uncertain?: boolean; data: Record<string, unknown> })).toEqual([expect.objectContaining({ uncertain: true, data: expect.objectContaining({ personName: '韩永福', phone: '13909710001' }) })]);
    expect(await typedAside(page)).toEqual([]);
    await page.reload();
    await expect.poll(() => page.locator('.draft-note').innerText(), { timeout: 10_000 }).toContain('上次提交结果未知，请先在任务列表核对是否已受理');
    expect(await page.getByLabel('联系电话').inputValue()).toBe('13909710001');
    await page.unroute('**/v2/process-instances');
    await page.context().close();
  });

  it('should restore what a new case’s page kept aside once the other visit’s draft is gone, after /me confirms her, as the page’s draft', async () => {
    // given the clerk's typing kept beside another visit's unconfirmed draft
    const page = await t.loginAs(CLERK, undefined, SIGNED_IN);
    await openStartForm(page);
    await fill(page, '参保人姓名', '马福林');
    await page.getByRole('button', { name: '新办件' }).click();
    await expect.poll(() => drafts(page), { timeout: 5_000 }).toHaveLength(1);
    let answered = 0;
    const meFails = (route: Route) => (answered-- > 0 ? route.continue() : route.abort('internetdisconnected'));
    await page.route('**/v2/authentication/me', meFails);
    await page.getByRole('button', { name: '办理 医疗费用零星报销' }).click();
    await page.locator('.draft-unconfirmed').waitFor({ timeout: 10_000 });
    await fill(page, '参保人姓名', '韩永福');
    await saveTimePasses(page);
    await expect.poll(() => typedAside(page), { timeout: 5_000 }).toEqual([{ personName: '韩永福' }]);

    // when that draft goes (settled in another page; here: removed) and the page is reloaded while /me fails
    await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('private:tasklist.draft:')).forEach((key) => sessionStorage.removeItem(key)));
    answered = 1;
    await page.reload();

    // then the form waits for /me, as for a draft of its own, and shows nothing of it meanwhile
    await page.locator('.draft-unconfirmed').waitFor({ timeout: 10_000 });
    expect(await page.getByLabel('参保人姓名').inputValue()).toBe('');

    // when /me answers and she presses 重试
    await page.unroute('**/v2/authentication/me', meFails);
    await page.locator('.draft-unconfirmed').getByRole('button', { name: '重试' }).click();

    // then the form holds what she typed, restored as the page's draft
    await expect.poll(() => page.locator('.draft-note').innerText(), { timeout: 10_000 }).toMatch(NOTE);
    await expect.poll(() => page.getByLabel('参保人姓名').inputValue()).toBe('韩永福');

    // when she types on: it is the page's draft, and nothing is kept aside any more
    await page.getByLabel('窗口现场办理').check();
    await saveTimePasses(page);
    await expect.poll(() => draftValues(page), { timeout: 5_000 }).toHaveLength(1);
    await expect.poll(async () => (await draftValues(page)).map((value) => (JSON.parse(value) as { data: unknown }).data)).toEqual([{ personName: '韩永福', channel: 'window' }]);
    expect(await typedAside(page)).toEqual([]);
    await page.context().close();
  });
});

// helpers

/** The draft's save time passes on the page's clock: what she changed is saved (or, where it must not be, is not). */
async function saveTimePasses(page: Page): Promise<void> {
  await page.clock.runFor(SAVE_TIME_MS);
}

/**
 * From here on the page keeps the requests it sent that are not yet answered, or whose answer's body it is reading,
 * for {@link reReadsRun}.
 */
async function countRequestsOpen(page: Page): Promise<void> {
  await page.evaluate(() => {
    const open = new Set<string>();
    (window as unknown as { requestsOpen: Set<string> }).requestsOpen = open;
    const send = window.fetch;
    let sent = 0;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = `${(sent += 1)} ${init?.method ?? 'GET'} ${input instanceof Request ? input.url : String(input)}`;
      open.add(request);
      const close = () => open.delete(request);
      try {
        const response = await send(input, init);
        // (answered; a read of its body — which the page starts in the same turn, before any task of the test's —
        // counts it open again until the body is read)
        for (const read of ['json', 'text', 'blob', 'arrayBuffer'] as const) {
          const original = response[read].bind(response) as () => Promise<unknown>;
          (response as unknown as Record<string, () => Promise<unknown>>)[read] = () => {
            open.add(request);
            return original().finally(close);
          };
        }
        close();
        return response;
      } catch (error) {
        close();
        throw error;
      }
    };
  });
}

/**
 * The page's time run on by `spanMs` (its clock installed at the login) a quarter second at a time — the list looks
 * every 250 ms whether a re-read is due (use-task-list.ts) —, and after each step the page waited for until every
 * request it sent since {@link countRequestsOpen} has been answered, read and taken: the list's re-reads of that time,
 * each shown before the next is due.
 */
async function reReadsRun(page: Page, spanMs: number): Promise<void> {
  for (let ran = 0; ran < spanMs; ran += 250) {
    await page.clock.runFor(250);
    // (read in a task of its own: what the page does with an answer, up to its next request, has run)
    await expect.poll(() => page.evaluate(() => [...(window as unknown as { requestsOpen: Set<string> }).requestsOpen]), { timeout: 15_000 }).toEqual([]);
  }
}

/** The messages the origin's tabs send one another on the session's BroadcastChannel (session.tsx), as `page` hears them from here on. */
async function hearSessionChannel(page: Page): Promise<void> {
  await page.evaluate(() => {
    const heard: unknown[] = [];
    (window as unknown as { sessionMessages: unknown[] }).sessionMessages = heard;
    new BroadcastChannel('camunda-session').onmessage = (event: MessageEvent) => heard.push(event.data);
  });
}

/**
 * Resolves once `to` (hearing the channel: hearSessionChannel) has heard everything `from` told the origin's tabs
 * before the call — a message `from` sends now comes behind those — and, a task later, done what it does on them.
 */
async function toldEveryTab(from: Page, to: Page): Promise<void> {
  await from.evaluate(() => new BroadcastChannel('camunda-session').postMessage({ kind: 'test-marker' }));
  await expect.poll(() => to.evaluate(() => (window as unknown as { sessionMessages: { kind?: string }[] }).sessionMessages.some((message) => message.kind === 'test-marker'))).toBe(true);
}

async function openStartForm(page: Page): Promise<void> {
  await page.getByRole('button', { name: '新办件' }).click();
  await page.getByRole('button', { name: '办理 医疗费用零星报销' }).click();
  await page.locator('.start-form .fjs-form').waitFor();
}

async function login(page: Page, username: string, shown = '.app-shell'): Promise<void> {
  await submitLogin(page, username);
  await page.locator(shown).first().waitFor();
}

/** The rest of the FC20 application after the channel, name and ID number. */
async function fillRest(page: Page): Promise<void> {
  await page.getByLabel('参保职工本人').check();
  await page.getByLabel('离退休人员').check();
  await fill(page, '联系电话', application.phone);
  await page.getByLabel('住院费用', { exact: true }).check();
  await fill(page, '医疗机构名称', application.hospitalName);
  await typeDate(page, '就医（入院）日期', '2026/1/5');
  await typeDate(page, '就医结束（出院）日期', '2026/1/20');
  await fill(page, '医疗费用总额（元）', application.totalExpenses);
  await page.getByLabel('通过参保人提供的金融账号发放').check();
  await fill(page, '户名', application.payeeName);
  await fill(page, '开户银行', application.payeeBankName);
  await fill(page, '银行账号', application.payeeBankAccount);
  for (const material of application.submittedMaterials) await page.getByLabel(material, { exact: true }).check();
}

/** The drafts kept in the tab's session storage (their keys). */
function drafts(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('private:tasklist.draft:')));
}

/** The drafts kept in the tab's session storage, as stored. */
function draftValues(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('private:tasklist.draft:')).map((key) => sessionStorage.getItem(key) ?? ''));
}

/** What 新办件 pages kept beside another visit's unconfirmed draft (their typing), as stored. */
function typedAside(page: Page): Promise<unknown[]> {
  return page.evaluate(() =>
    Object.keys(sessionStorage)
      .filter((key) => key.startsWith('private:tasklist.typed-aside:'))
      .map((key) => (JSON.parse(sessionStorage.getItem(key) ?? '{}') as { data: unknown }).data),
  );
}

/** What 新办件 pages kept beside another visit's unconfirmed draft, as stored (with its 结果未知 mark). */
function typedAsideStored(page: Page): Promise<unknown[]> {
  return page.evaluate(() =>
    Object.keys(sessionStorage)
      .filter((key) => key.startsWith('private:tasklist.typed-aside:'))
      .map((key) => JSON.parse(sessionStorage.getItem(key) ?? '{}') as unknown),
  );
}

/** Everything private the tab keeps (drafts, the stored view with its search text) but whose it is. */
function privateEntries(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('private:') && key !== 'private:owner'));
}

/** 我的待办's and 待认领's counts as the tabs show them. */
async function counts(page: Page): Promise<string[]> {
  return [await page.getByTestId('count-mine').innerText(), await page.getByTestId('count-claimable').innerText()];
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
