/**
 * The task list in headless Chromium when things go wrong, with the page's clock in the test's hands
 * (Playwright's page.clock, no sleeping): a session that ended as the first screen's searches went out lands on the
 * login page, not on an error; a list load whose searches never answer ends after 30 s with a Chinese message, and
 * a superseded one's searches are cancelled, and the next re-read runs; a 认领 whose reads by key lag behind it is
 * shown for 30 s, then the task shows what the server says. 加载更多, the opening of a task and its 案件数据 are bounded
 * the same way: a message, cancelled when superseded, and pressed again (重试) they come. A 认领 or 办结 whose answer
 * never comes is said to have an unknown outcome (the engine did it here), is not sent again, and the task is read again;
 * until that read answers the buttons stay disabled, and a 办结 the engine never had can then be pressed again, once; a
 * read that does not answer either says the page could not tell and, with that message, shows the task as last
 * read, before the command: 认领 or 释放 back, 办结 back with the form kept; the list is then read again at once,
 * superseding a load under way that read it while the change showed, and the row is back where it stood (the undo of
 * a task the clerk left changes nothing on the task open now). A 办结 whose connection dropped is unknown too, not
 * failed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page, Request, Route } from 'playwright-core';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';
import { DEMO_PASSWORD } from '../support/engine-fixture.js';
import { FC20_APPLICATION } from '../support/fc20-sample-case.js';

const PROCESS_ID = 'xining-fc20-manual-reimbursement';
// 李静: 窗口初审 (config/users.json)
const CLERK = 'li-jing';
const application = { ...FC20_APPLICATION, submittedMaterials: FC20_APPLICATION.submittedMaterials.slice(0, 3) };
const SEARCHES = /\/v2\/user-tasks\/search$/;

let t: TasklistHarness;
const seeded = { first: '', second: '' };

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [PROCESS_ID] });
  const h = t.harness;
  seeded.first = (await h.waitForTask(await h.start(PROCESS_ID, { ...application, personName: '马福林' }), 'preliminaryReview')).userTaskKey;
  seeded.second = (await h.waitForTask(await h.start(PROCESS_ID, { ...application, personName: '祁玉兰' }), 'preliminaryReview')).userTaskKey;
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe('task list (/tasklist) when things go wrong', () => {
  it('should show the login page, not an error, when the session ended as the first screen’s searches went out', async () => {
    // given a signed-in clerk whose session ends (a logout in another tab of the same browser) just as the page's
    // first searches go out, sent ahead as the session check answered
    const page = await t.loginAs(CLERK);
    let ended = false;
    await page.route(SEARCHES, async (route) => {
      if (!ended) {
        ended = true;
        expect((await page.context().request.post(`${t.url}/logout`)).status()).toBe(204);
      }
      await route.continue();
    });
    const refused = page.waitForResponse((response) => SEARCHES.test(response.url()) && response.status() === 401);
    // the page's time stands still: the frame after the first render, where the app's passive effects run, does not
    // come before the searches answer (as on a busy counter PC)
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1_000);

    // when the clerk opens the task list again
    await page.reload();
    await refused;

    // then the login page, saying why, and no error
    await expect.poll(() => page.getByRole('button', { name: '登录' }).count()).toBe(1);
    expect(await page.locator('.login-page').innerText()).toContain('登录已过期，请重新登录');
    expect(await page.locator('.task-list-panel').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.context().close();
  });

  it('should end a list load whose searches never answer after 30 s with a Chinese message, cancel a superseded one’s, and let the next re-read run', async () => {
    // given the clerk's task list on a clock the test moves, and the searches not answering from now on (held here,
    // as a proxy that never answers would)
    const page = await clerkListOnClock(/我的待办/);
    await expect.poll(() => page.getByTestId('count-claimable').innerText()).toBe('2');
    // (the counts can show before the list's rows, which wait for their variables: the list's answer is rendered once
    // its empty text shows, which only a load that ended with no rows and no error shows)
    await page.locator('.task-items .empty').waitFor();
    expect(await taskKeys(page)).toEqual([]);
    const held: Route[] = [];
    await page.route(SEARCHES, (route) => void held.push(route));
    const cancelled: Request[] = [];
    page.on('requestfailed', (request) => SEARCHES.test(request.url()) && cancelled.push(request));

    // when the clerk clicks 刷新, then 待认领 before the searches answer
    await page.getByRole('button', { name: '刷新' }).click();
    // (我的待办's page and 待认领's count)
    await expect.poll(() => held.length).toBe(2);
    const superseded = held.map((route) => route.request());
    await page.getByRole('tab', { name: /待认领/ }).click();

    // then the 刷新's searches are cancelled in the browser: they never reach the engine
    await expect.poll(() => superseded.every((request) => cancelled.includes(request))).toBe(true);
    expect(await page.locator('.task-list-panel .error').count()).toBe(0);

    // when 30 s pass without an answer
    await expect.poll(() => held.length).toBe(superseded.length + 2);
    const hung = held.map((route) => route.request());
    await page.clock.runFor(30_000);

    // then the page says so in Chinese, and the hung searches are cancelled too
    await expect.poll(() => page.locator('.task-list-panel .error').innerText()).toBe('加载超时，请稍后重试或点击刷新');
    await expect.poll(() => hung.every((request) => cancelled.includes(request))).toBe(true);

    // when the searches answer again (those of a re-read held meanwhile go on to the engine as the route goes) and
    // the window gets the focus back
    await page.unroute(SEARCHES);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));

    // then the re-read runs (no load is still counted as under way) and shows 待认领's tasks, without the message
    await expect.poll(() => taskKeys(page)).toEqual(expect.arrayContaining([seeded.first, seeded.second]));
    expect(await page.locator('.task-list-panel .error').count()).toBe(0);
    await page.context().close();
  });

  it('should end a 加载更多 whose search never answers after 30 s with a Chinese message, cancel it for a 刷新, and bring the page when pressed again', async () => {
    // given the clerk's 待认领 on a clock the test moves, a page at a time of one task (as if the list had more than
    // a page), and the searches after the first page held from now on, as a proxy that never answers would
    const page = await t.loginAs(CLERK);
    let holding = false;
    const held: Route[] = [];
    await page.route(SEARCHES, async (route) => {
      const body = route.request().postDataJSON() as { page?: { after?: string; limit?: number } };
      // (a list's page of 50 is one task here; a re-read that asks for 50 + the rows 加载更多 added gets 1 + those)
      const limit = body.page?.limit ?? 50;
      if (body.page?.after === undefined) return route.continue({ postData: JSON.stringify({ ...body, page: { ...body.page, limit: limit >= 50 ? limit - 49 : limit } }) });
      if (holding) return void held.push(route);
      return route.continue();
    });
    const cancelled: Request[] = [];
    page.on('requestfailed', (request) => SEARCHES.test(request.url()) && cancelled.push(request));
    await page.clock.install();
    await page.reload();
    await page.getByRole('tab', { name: /待认领/ }).click();
    await expect.poll(() => taskKeys(page)).toHaveLength(1);
    const [firstShown] = await taskKeys(page);
    const loadMore = page.getByRole('button', { name: '加载更多' });
    expect(await loadMore.count()).toBe(1);
    holding = true;

    // when she presses 加载更多, then 刷新 before its search answers
    await loadMore.click();
    await expect.poll(() => held.length).toBe(1);
    const superseded = held[0]!.request();
    const refreshed = page.waitForResponse((response) => SEARCHES.test(response.url()) && !isNextPage(response.request()));
    await page.getByRole('button', { name: '刷新' }).click();
    await refreshed;

    // then the 加载更多's search is cancelled in the browser, and nothing failed
    await expect.poll(() => cancelled.includes(superseded)).toBe(true);
    expect(await page.locator('.task-list-panel .error').count()).toBe(0);

    // when she presses it again, and 30 s pass without an answer
    await expect.poll(() => taskKeys(page)).toEqual([firstShown]);
    await loadMore.click();
    await expect.poll(() => held.length).toBe(2);
    const hung = held[1]!.request();
    await page.clock.runFor(30_000);

    // then the page says so in Chinese, the hung search is cancelled, and 加载更多 is still there
    await expect.poll(() => page.locator('.task-list-panel .error').innerText()).toBe('加载超时，请稍后重试或点击刷新');
    await expect.poll(() => cancelled.includes(hung)).toBe(true);
    expect(await taskKeys(page)).toEqual([firstShown]);

    // when the searches answer again and she presses 加载更多 once more
    holding = false;
    await loadMore.click();

    // then the next page comes, without the message, and the list is complete
    await expect.poll(() => taskKeys(page)).toEqual([firstShown, [seeded.first, seeded.second].find((key) => key !== firstShown)]);
    expect(await page.locator('.task-list-panel .error').count()).toBe(0);
    expect(await loadMore.count()).toBe(0);

    // and a re-read (the window gets the focus) keeps what 加载更多 brought: it asks for the first page and those rows
    const reread = page.waitForResponse((response) => SEARCHES.test(response.url()) && !isNextPage(response.request()) && (response.request().postDataJSON() as { page?: { limit?: number } }).page?.limit !== 1);
    // (without 加载更多's rows the re-read asked for 50, sent on as 1, and the second task dropped off)
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    const answer = await reread;
    // (51 asked, 50 + the one row 加载更多 added; the route sent it on as 2)
    expect((answer.request().postDataJSON() as { page: { limit: number } }).page.limit).toBe(2);
    expect(((await answer.json()) as { items: unknown[] }).items).toHaveLength(2);
    await expect.poll(() => taskKeys(page)).toHaveLength(2);
    await page.context().close();
  });

  it('should end the opening of a task whose form never comes after 30 s with a Chinese message and 重试, and cancel it when another task is opened', async () => {
    // given the clerk's 待认领 on a clock the test moves, and the tasks' forms held from now on, as a proxy that never
    // answers would
    const page = await clerkListOnClock(/待认领/);
    await expect.poll(() => taskKeys(page)).toEqual(expect.arrayContaining([seeded.first, seeded.second]));
    const FORMS = /\/v2\/user-tasks\/\d+\/form$/;
    const held: Route[] = [];
    await page.route(FORMS, (route) => void held.push(route));
    const cancelled: Request[] = [];
    page.on('requestfailed', (request) => FORMS.test(request.url()) && cancelled.push(request));

    // when she opens a task, then another before the first one's form comes
    await page.locator(`[data-task-key="${seeded.first}"]`).click();
    await expect.poll(() => held.length).toBe(1);
    await expect.poll(() => page.locator('.task-detail').innerText()).toBe('正在打开任务…');
    const superseded = held[0]!.request();
    await page.locator(`[data-task-key="${seeded.second}"]`).click();

    // then the first task's form request is cancelled in the browser, and nothing failed
    await expect.poll(() => cancelled.includes(superseded)).toBe(true);
    await expect.poll(() => held.length).toBe(2);
    const hung = held[1]!.request();
    expect(await page.locator('.task-detail [role="alert"]').count()).toBe(0);

    // when 30 s pass without the second one's form
    await page.clock.runFor(30_000);

    // then the page says so in Chinese, with 重试, and the hung request is cancelled too
    await expect.poll(() => page.locator('.task-detail [role="alert"]').innerText()).toBe('打开任务超时，请点击重试');
    await expect.poll(() => cancelled.includes(hung)).toBe(true);

    // when the forms come again and she presses 重试
    await page.unroute(FORMS);
    await page.locator('.task-detail').getByRole('button', { name: '重试' }).click();

    // then the task opens, with its form, and no message
    await expect.poll(() => page.locator('.task-detail').innerText()).toContain('请先认领');
    await expect.poll(() => page.locator('.task-detail .fjs-container').count()).toBe(1);
    expect(await page.locator('.task-detail [role="alert"]').count()).toBe(0);
    await page.context().close();
  });

  it('should show the clerk’s 认领 for 30 s while the reads of the task lag behind it, then what the server says', async () => {
    // given the clerk's task list on a clock the test moves, a claimable task open, and the reads of the task by key
    // lagging from now on: they show it unclaimed whatever the engine has
    const page = await openListedTask(seeded.first);
    const lagged: string[] = [];
    await page.route(new RegExp(`/v2/user-tasks/${seeded.first}$`), async (route) => {
      const response = await route.fetch();
      const read = (await response.json()) as { assignee?: string | null };
      lagged.push(read.assignee ?? '');
      await route.fulfill({ response, json: { ...read, assignee: null } });
    });

    // when she claims it
    await page.getByRole('button', { name: '认领', exact: true }).click();
    await page.getByTestId('message').filter({ hasText: '已认领' }).waitFor();
    const claimedAt = await page.evaluate(() => Date.now());

    // then she holds it at once, and still 25 s later, though every read of the task shows it unclaimed
    expect(await page.getByRole('button', { name: '释放' }).count()).toBe(1);
    await page.clock.runFor(25_000);
    await expect.poll(() => lagged.length).toBeGreaterThan(0);
    const readsBefore = lagged.length;
    await page.clock.runFor(1_000);
    await expect.poll(() => lagged.length).toBeGreaterThan(readsBefore);
    // (the engine has her as 办理人: the 认领 went through)
    expect(lagged.at(-1)).toBe(CLERK);
    expect(await page.getByRole('button', { name: '释放' }).count()).toBe(1);
    expect(await page.locator('.task-detail').innerText()).not.toContain('请先认领');

    // when the page's time moves on a second at a time
    await expect
      .poll(
        async () => {
          await page.clock.runFor(1_000);
          return page.getByRole('button', { name: '认领', exact: true }).count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);

    // then the page let its change go after 30 s, not before, and shows the task as the server's read says
    const droppedAt = await page.evaluate(() => Date.now());
    expect(droppedAt - claimedAt).toBeGreaterThan(30_000);
    expect(droppedAt - claimedAt).toBeLessThan(45_000);
    expect(await page.locator('.task-detail').innerText()).toContain('请先认领');
    expect(await page.getByRole('button', { name: '释放' }).count()).toBe(0);
    await page.context().close();
  });

  it('should end a 案件数据 read that never answers after 30 s with a Chinese message and 重试, and cancel it when the panel closes', async () => {
    // given a task of the clerk's open on a clock the test moves, and the reads of its variables held from now on
    const page = await openListedTask(seeded.second);
    const VARIABLES = /\/v2\/user-tasks\/\d+\/variables\/search/;
    const held: Route[] = [];
    await page.route(VARIABLES, (route) => void held.push(route));
    const cancelled: Request[] = [];
    page.on('requestfailed', (request) => VARIABLES.test(request.url()) && cancelled.push(request));
    const show = page.getByRole('button', { name: '查看案件数据' });

    // when she opens 案件数据 and closes it before the read answers
    await show.click();
    await expect.poll(() => held.length).toBe(1);
    await page.getByRole('button', { name: '收起案件数据' }).click();

    // then its read is cancelled in the browser
    await expect.poll(() => cancelled.includes(held[0]!.request())).toBe(true);

    // when she opens it again and 30 s pass without an answer
    await show.click();
    await expect.poll(() => held.length).toBe(2);
    await page.clock.runFor(30_000);

    // then the panel says so in Chinese, with 重试, and the hung read is cancelled
    const panel = page.locator('.task-detail .variables');
    await expect.poll(() => panel.getByRole('alert').innerText()).toBe('案件数据加载超时，请点击重试');
    await expect.poll(() => cancelled.includes(held[1]!.request())).toBe(true);

    // when the reads answer again and she presses 重试
    await page.unroute(VARIABLES);
    await panel.getByRole('button', { name: '重试' }).click();

    // then the case data shows, without the message
    await expect.poll(() => panel.locator('tr[data-variable="personName"]').innerText()).toContain('祁玉兰');
    expect(await panel.getByRole('alert').count()).toBe(0);
    await page.context().close();
  });

  it('should say a 认领 without an answer in 30 s has an unknown outcome, send it once only, and show the task as the engine has it', async () => {
    // given a claimable task open on a clock the test moves, and the 认领 reaching the engine but its answer never
    // coming back (a proxy that drops it)
    const reached: Promise<number>[] = [];
    const { page, command: CLAIM } = await openTaskWithHeldCommand('冶生福', 'assignment', (route) => void reached.push(route.fetch().then((response) => response.status())));
    const cancelled: Request[] = [];
    page.on('requestfailed', (request) => CLAIM.test(request.url()) && cancelled.push(request));

    // when she claims it and the engine has done so, but 30 s pass without the answer
    await page.getByRole('button', { name: '认领', exact: true }).click();
    await expect.poll(() => reached.length).toBe(1);
    expect(await reached[0]).toBe(204);
    await page.clock.runFor(30_000);

    // then the page says the outcome is unknown (not that the 认领 failed), and cancels the request
    await expect
      .poll(() => page.getByTestId('message').innerText())
      .toMatch(/^『[^』]+』的认领未在 30 秒内得到答复，结果未知。页面随即重新读取任务，读取完成后：如仍显示「认领」按钮，说明尚未认领，可再次认领；/);
    await expect.poll(() => cancelled.length).toBe(1);
    // and reads the task again: the engine has her as 办理人, so she holds it
    await expect.poll(() => page.getByRole('button', { name: '释放' }).count()).toBe(1);
    expect(await page.locator('.task-detail').innerText()).not.toContain('请先认领');
    // and the 认领 was sent once: the page did not send it again by itself
    await page.clock.runFor(60_000);
    expect(reached).toHaveLength(1);
    await page.context().close();
  });

  it('should read again a 办结 without an answer in 30 s and, the engine having completed it, say 已办结 and move on as after an answer', async () => {
    // given a task the clerk holds, its form filled in, on a clock the test moves, and the 办结 reaching the engine
    // but its answer never coming back
    const reached: Promise<number>[] = [];
    const { page, taskKey } = await openTaskWithHeldCommand('韩德清', 'completion', (route) => void reached.push(route.fetch().then((response) => response.status())));

    // when she presses 办结, the engine completes the task, and 30 s pass without the answer
    await page.getByRole('button', { name: '办结' }).first().click();
    await expect.poll(() => reached.length).toBe(1);
    expect(await reached[0]).toBe(204);
    await page.clock.runFor(30_000);

    // then the page says the outcome is unknown, not a failure, and reads the task again; that read shows it
    // completed, so the page does what a 办结 that answered does: says 已办结, the task leaves 我的待办 at once, and
    // the clerk moves on (no 办结 of this task to press twice)
    await expect.poll(() => page.getByTestId('message').innerText()).toContain('已办结');
    await expect.poll(() => page.locator(`[data-task-key="${taskKey}"]`).count()).toBe(0);
    expect(page.url()).not.toContain(taskKey);
    await page.clock.runFor(60_000);
    expect(reached).toHaveLength(1);
    await page.context().close();
  });

  it('should keep 办结 disabled after one without an answer until the task read again answers, then keep the form and complete the task once when pressed again', async () => {
    // given a task the clerk holds, its form filled in, on a clock the test moves, and a 办结 that never reaches the
    // engine (held in the browser: the engine never did it)
    const sent: Route[] = [];
    const reached: Promise<number>[] = [];
    const { page, taskKey, taskName } = await openTaskWithHeldCommand('朱永红', 'completion', (route) => {
      if (sent.push(route) > 1) reached.push(route.fetch().then((response) => route.fulfill({ response }).then(() => response.status())));
    });
    // the reads of the task by key held from now on too
    const READ = new RegExp(`/v2/user-tasks/${taskKey}$`);
    const reads: Route[] = [];
    await page.route(READ, (route) => void reads.push(route));

    // when she presses 办结 and 30 s pass without an answer
    await page.getByRole('button', { name: '办结' }).first().click();
    await expect.poll(() => sent.length).toBe(1);
    await page.clock.runFor(30_000);

    // then the page says the outcome is unknown and reads the task again; until that read answers 办结 stays disabled
    await expect
      .poll(() => page.getByTestId('message').innerText())
      .toBe(`『${taskName}』的办结未在 30 秒内得到答复，结果未知。页面随即重新读取任务，读取完成后：如仍显示「办结」按钮，说明尚未办结，已填写的内容仍在，核对后可再次办结。`);
    await expect.poll(() => reads.length).toBeGreaterThan(0);
    const waiting = page.getByRole('button', { name: '正在提交…' });
    expect(await waiting.count()).toBe(2);
    for (const button of await waiting.all()) expect(await button.isDisabled()).toBe(true);
    // and the note stays while the read is under way (not the 15 s of an error), with nothing to close yet
    await page.clock.runFor(16_000);
    expect(await page.getByTestId('message').innerText()).toContain('结果未知');
    expect(await page.getByTestId('message').getByRole('button', { name: '知道了' }).count()).toBe(0);

    // when the read answers (the task not completed)
    await page.unroute(READ);
    for (const read of reads) await read.continue();

    // then 办结 can be pressed again, and the form still holds what she entered, editable
    await expect.poll(() => page.getByRole('button', { name: '办结' }).count()).toBe(2);
    expect(await page.getByRole('button', { name: '办结' }).first().isDisabled()).toBe(false);
    expect(await page.getByLabel('资料齐备，予以受理').isChecked()).toBe(true);
    expect(await page.getByLabel('资料齐备，予以受理').isDisabled()).toBe(false);
    // and the note says what the read found — still in her 待办: the 办结 did not go through — and stays until she
    // closes it, from the keyboard too; the focus stays in the task pane
    const note = page.getByTestId('message');
    await expect.poll(() => note.getByRole('alert').innerText()).toBe(`核对结果：『${taskName}』仍在待办中，此前结果未知的办结未生效。已填写的内容仍在，核对后可再次办结。`);
    await page.clock.runFor(20_000);
    expect(await note.count()).toBe(1);
    await note.getByRole('button', { name: '知道了' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => note.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('detail-pane'))).toBe(true);

    // when she presses it again
    await page.getByRole('button', { name: '办结' }).first().click();

    // then the task is completed, by the one 办结 that reached the engine
    await expect.poll(() => page.getByTestId('message').innerText()).toContain('已办结');
    expect(sent).toHaveLength(2);
    expect(reached).toHaveLength(1);
    expect(await reached[0]).toBe(204);
    await page.context().close();
  });

  it('should give 办结 back, the form kept, when the task read again after one without an answer does not answer either, and say the page could not tell', async () => {
    // given a task the clerk holds, its form filled in, on a clock the test moves, a 办结 that never reaches the
    // engine, and the reads of the task by key never answering either
    const sent: Route[] = [];
    const { page, taskKey, taskName } = await openTaskWithHeldCommand('马建国', 'completion', (route) => void sent.push(route));
    const row = page.locator(`[data-task-key="${taskKey}"]`);
    await expect.poll(() => row.count()).toBe(1);
    const { rereads, cancelled } = await holdTaskReads(page, taskKey);

    // when she presses 办结 and 30 s pass without an answer
    await page.getByRole('button', { name: '办结' }).first().click();
    await expect.poll(() => sent.length).toBe(1);
    await page.clock.runFor(30_000);

    // then the page says the outcome is unknown and reads the task again, 办结 disabled meanwhile
    await expect.poll(() => page.getByTestId('message').innerText()).toContain('结果未知。页面随即重新读取任务');
    await expect.poll(() => rereads().length).toBe(1);
    expect(await page.getByRole('button', { name: '正在提交…' }).count()).toBe(2);

    // when that read does not answer in 30 s either
    await page.clock.runFor(30_000);

    // then it is cancelled, and the page says it could not read the task again (not that it did: what it shows is
    // from before the 办结), and gives 办结 back with the form as she filled it in; its row stays in 我的待办, hers
    await expect.poll(() => cancelled.includes(rereads()[0]!)).toBe(true);
    await expect
      .poll(() => page.getByTestId('message').innerText())
      .toBe(`『${taskName}』的办结结果未知，重新读取任务也未成功，页面所示是此前读取到的状态，可能已过时，不能据此判断是否已办结。已填写的内容仍在，可稍后再次办结：如已办结，页面会提示「已办结」。`);
    await expect.poll(() => page.getByRole('button', { name: '办结' }).count()).toBe(2);
    for (const button of await page.getByRole('button', { name: '办结' }).all()) expect(await button.isDisabled()).toBe(false);
    expect(await page.getByLabel('资料齐备，予以受理').isChecked()).toBe(true);
    expect(await page.getByLabel('资料齐备，予以受理').isDisabled()).toBe(false);
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('我的待办');
    // and the 办结 was not sent again by itself; the note stays while the page keeps checking, nothing to close yet
    await page.clock.runFor(60_000);
    expect(sent).toHaveLength(1);
    const note = page.getByTestId('message');
    expect(await note.innerText()).toContain('重新读取任务也未成功');
    expect(await note.getByRole('button', { name: '知道了' }).count()).toBe(0);

    // when the task can be read again (still hers, not completed): the page reads it at the list's pace (a read still
    // held when it came back ends at its 30 s, the next goes 15 s later)
    await page.unroute(new RegExp(`/v2/user-tasks/${taskKey}$`));

    // then the note says the 办结 did not go through, and can be closed
    await noteAlertAsTheListReads(page).toBe(`核对结果：『${taskName}』仍在待办中，此前结果未知的办结未生效。已填写的内容仍在，核对后可再次办结。`);
    expect(await note.getByRole('button', { name: '知道了' }).count()).toBe(1);
    expect(await row.count()).toBe(1);
    expect(sent).toHaveLength(1);
    await page.context().close();
  });

  it('should say 已办结 once a read answers after a 办结 whose outcome the page could not tell went through, keep her on the task, and drop the note as she leaves it', async () => {
    // given a 办结 that reaches the engine but whose answer never comes back, and the reads of the task by key not
    // answering: the page cannot tell whether it went through
    const reached: Promise<number>[] = [];
    const { page, taskKey, taskName, row, note } = await completionOutcomeUntold(
      '韩玉珍',
      (route) => void reached.push(route.fetch().then((response) => response.status())),
      // the engine has the 办结 before the clock runs: the list's reads meanwhile never see the task still open
      async () => {
        await expect.poll(() => reached.length).toBe(1);
        expect(await reached[0]).toBe(204);
      },
    );

    // when the task can be read again, at the list's next refresh
    await page.unroute(new RegExp(`/v2/user-tasks/${taskKey}$`));
    await page.clock.runFor(15_000);

    // then the note says it went through, the row leaves her 待办, and she stays on the task (no jump to another)
    await expect.poll(() => note.getByRole('status').innerText()).toBe(`核对结果：『${taskName}』已办结，此前结果未知的办结已生效，无需再次办结。`);
    expect(await note.getByRole('button', { name: '知道了' }).count()).toBe(1);
    await expect.poll(() => row.count()).toBe(0);
    expect(page.url()).toContain(taskKey);
    expect(reached).toHaveLength(1);

    // when she opens another task, the note goes with the task it was about
    await page.getByRole('tab', { name: /待认领/ }).click();
    await page.locator(`[data-task-key="${seeded.second}"]`).click();
    await expect.poll(() => page.locator('.task-detail').innerText()).toContain('祁玉兰');
    expect(await note.count()).toBe(0);
    await page.context().close();
  });

  it('should end the check of a 办结 whose outcome the page could not tell when its case is cancelled meanwhile, with a note she can close', async () => {
    // given a 办结 whose answer never comes, and the reads of the task by key not answering: the page cannot tell
    // whether it went through
    const sent: Route[] = [];
    const { page, taskKey, taskName, note } = await completionOutcomeUntold('冶秀珍', (route) => void sent.push(route));

    // when a manager cancels the case meanwhile (the engine never had the 办结), and the task can be read again
    const read = await t.harness.fixture.fetch(`/v2/user-tasks/${taskKey}`);
    const { processInstanceKey } = (await read.json()) as { processInstanceKey: string };
    expect((await t.harness.fixture.fetch(`/v2/process-instances/${processInstanceKey}/cancellation`, { method: 'POST' })).status).toBe(204);
    await page.unroute(new RegExp(`/v2/user-tasks/${taskKey}$`));

    // then the next read ends the wait: the note says what it found, and can be closed
    await noteAlertAsTheListReads(page).toBe(`核对结果：『${taskName}』已取消（案件可能已被撤销），此前结果未知的办结未生效，无需再次办结。`);
    await note.getByRole('button', { name: '知道了' }).click();
    await expect.poll(() => note.count()).toBe(0);
    expect(sent).toHaveLength(1);
    await page.context().close();
  });

  it('should stop checking a 办结 whose outcome the page could not tell when the task can no longer be read (4xx), and read nothing while the tab is hidden', async () => {
    // given a 办结 whose answer never comes, and the reads of the task by key not answering: the page says it keeps
    // checking
    const sent: Route[] = [];
    const { page, taskKey, taskName, note } = await completionOutcomeUntold('鲁秀珍', (route) => void sent.push(route));
    const READ = new RegExp(`/v2/user-tasks/${taskKey}$`);

    // when she leaves the tab for another, and the task's reads are now refused (404: no longer there)
    await page.evaluate(() => Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true }));
    await page.unroute(READ);
    const refusedReads: Request[] = [];
    await page.route(READ, (route) => {
      refusedReads.push(route.request());
      return route.fulfill({ status: 404, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: '测试' }) });
    });
    await page.clock.runFor(60_000);

    // then nothing is read while the tab is hidden, and the note still waits
    expect(refusedReads).toHaveLength(0);
    expect(await note.innerText()).toContain('重新读取任务也未成功');

    // when she comes back to it
    await page.evaluate(() => Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true }));
    await page.clock.runFor(15_000);

    // then the refused read ends the wait, says the task can no longer be read, and can be closed; no read follows
    await expect.poll(() => note.getByRole('alert').innerText()).toBe(`核对结果：『${taskName}』已无法读取（任务可能已不存在，或您已无权查看），无法判断此前结果未知的办结是否生效。请联系管理人员核对。`);
    expect(await note.getByRole('button', { name: '知道了' }).count()).toBe(1);
    const reads = refusedReads.length;
    await page.clock.runFor(60_000);
    expect(refusedReads).toHaveLength(reads);
    expect(await note.getByRole('alert').innerText()).toContain('已无法读取');
    expect(sent).toHaveLength(1);
    await page.context().close();
  });

  it.each([
    {
      action: '认领',
      person: '韩梅',
      command: 'assignment',
      tab: '待认领',
      shown: '释放',
      message: '的认领结果未知，重新读取任务也未成功，页面所示是此前读取到的状态，可能已过时，不能据此判断是否已认领。可稍后再次认领：如已由您认领，再次认领不会出错。',
      // before the 认领: 认领 back, usable, 释放 gone, the form asking her to claim first
      async asLastRead(page: Page) {
        expect(await page.getByRole('button', { name: '释放' }).count()).toBe(0);
        expect(await page.locator('.task-detail').innerText()).toContain('请先认领');
      },
      // nor shown again as hers
      async notSentAgain(page: Page) {
        expect(await page.getByRole('button', { name: '认领', exact: true }).count()).toBe(1);
      },
    },
    {
      action: '释放',
      person: '马玉兰',
      command: 'assignee',
      tab: '我的待办',
      shown: '认领',
      message: '的释放结果未知，重新读取任务也未成功，页面所示是此前读取到的状态，可能已过时，不能据此判断是否已释放。可稍后再次释放。',
      // before the 释放: hers, 释放 and 办结 usable, the form as she filled it in, editable
      async asLastRead(page: Page) {
        expect(await page.getByRole('button', { name: '办结' }).count()).toBe(2);
        expect(await page.getByRole('button', { name: '认领', exact: true }).count()).toBe(0);
        await expect.poll(() => page.getByLabel('资料齐备，予以受理').isDisabled()).toBe(false);
        expect(await page.getByLabel('资料齐备，予以受理').isChecked()).toBe(true);
      },
      async notSentAgain() {},
    },
  ] as const)(
    'should give $action back as soon as the task read again after one without an answer does not answer either, and say the page could not tell; the row is back in $tab where it stood',
    async ({ action, person, command, tab, shown, message, asLastRead, notSentAgain }) => {
      // given a task open on a clock the test moves (to claim: claimable; to release: hers, its form filled in), its
      // row in its tab, the command that never reaches the engine, and the reads of the task by key (the page's own
      // and the list's polling of the task it changed) never answering
      const sent: Route[] = [];
      const { page, taskKey, taskName } = await openTaskWithHeldCommand(person, command, (route) => void sent.push(route));
      // (a task she holds opens in 我的待办)
      if (action === '认领') await page.getByRole('tab', { name: /待认领/ }).click();
      const row = page.locator(`[data-task-key="${taskKey}"]`);
      await expect.poll(() => row.count()).toBe(1);
      const keys = await taskKeys(page);
      const { rereads, cancelled } = await holdTaskReads(page, taskKey);
      const button = (name: '认领' | '释放') => page.getByRole('button', { name, exact: true });

      // when she presses the button: shown at once (the other button in its place), the row leaves its tab (released:
      // the form turns read-only)
      await button(action).click();
      await expect.poll(() => sent.length).toBe(1);
      await expect.poll(() => button(shown).count()).toBe(1);
      expect(await row.count()).toBe(0);
      // and 30 s pass without an answer, then 30 s more without the read
      await page.clock.runFor(30_000);
      await expect.poll(() => page.getByTestId('message').innerText()).toContain('结果未知。页面随即重新读取任务');
      await expect.poll(() => rereads().length).toBe(1);
      await page.clock.runFor(30_000);

      // then the read is cancelled, the page says it could not tell, and with that message (not when the list's own
      // reads give up later) it shows the task as last read, before the command: its button back, usable; the row is
      // back in its tab where it stood, as the list's searches show it (read again when the 30 s bound let the command
      // go, and at the undo: the next tests hold the list to tell those apart)
      await expect.poll(() => cancelled.includes(rereads()[0]!)).toBe(true);
      await expect.poll(() => page.getByTestId('message').innerText()).toBe(`『${taskName}』${message}`);
      // (counts, not waits: Playwright's isDisabled waits for the button, which came only ~15 s later before)
      expect(await button(action).count()).toBe(1);
      expect(await button(action).isDisabled()).toBe(false);
      await asLastRead(page);
      // (a poll: the rows come back with the list's search at the undo, a round trip after the message)
      await expect.poll(() => taskKeys(page)).toEqual(keys);
      expect(await row.innerText()).toContain(tab);
      // and the command was not sent again by itself
      await page.clock.runFor(60_000);
      expect(sent).toHaveLength(1);
      await notSentAgain(page);
      await page.context().close();
    },
  );

  for (const { action, command, tab, person } of [
    { action: '认领', command: 'assignment', tab: '待认领', person: '冶生秀' },
    { action: '释放', command: 'assignee', tab: '我的待办', person: '鲁春花' },
  ] as const) {
    it(`should read the list again at once when a ${action} is undone, superseding a load that read it while the ${action} showed, and the row is back in ${tab} where it stood`, async () => {
      // given a task open on a clock the test moves, its row in ${tab} with another one, the ${action} held on its way
      // to the engine, the reads of the task by key failing, and the rows' case data (a list load's last step) held for now
      const other = await t.harness.waitForTask(await t.harness.start(PROCESS_ID, { ...application, personName: `${person}之亲属` }), 'preliminaryReview');
      if (action === '释放') {
        const claimed = await t.harness.fixture.fetch(`/v2/user-tasks/${other.userTaskKey}/assignment`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ assignee: CLERK }),
          as: { username: CLERK, password: DEMO_PASSWORD },
        });
        expect(claimed.status).toBe(204);
      }
      const sent: Route[] = [];
      const { page, taskKey, taskName } = await openTaskWithHeldCommand(person, command, (route) => void sent.push(route));
      await page.getByRole('tab', { name: new RegExp(tab) }).click();
      await expect.poll(async () => (await taskKeys(page)).filter((key) => key === taskKey || key === other.userTaskKey)).toHaveLength(2);
      const keys = await taskKeys(page);
      await page.route(new RegExp(`/v2/user-tasks/${taskKey}$`), (route) => route.fulfill({ status: 500, json: problem(500) }));
      const caseData: Route[] = [];
      let holdCaseData = true;
      await page.route(/\/v2\/variables\/search/, (route) => void (holdCaseData ? caseData.push(route) : route.continue()));
      const cancelled: Request[] = [];
      page.on('requestfailed', (request) => cancelled.push(request));

      // when she presses ${action}: shown at once, the row leaves ${tab}; the list's follow-up load reads the list while
      // the change shows (without the row) and waits for its rows' case data
      await page.getByRole('button', { name: action, exact: true }).click();
      await expect.poll(() => sent.length).toBe(1);
      expect(await taskKeys(page)).not.toContain(taskKey);
      await page.clock.runFor(1_000);
      await expect.poll(() => caseData.length).toBe(1);
      holdCaseData = false;
      // and the gateway answers the ${action} 502 (outcome unknown), the task read again fails: the page undoes it
      await sent[0]!.fulfill({ status: 502, json: problem(502) });

      // then with the message the task shows as last read, the load under way is cancelled (it would show the list
      // as read before the undo, without the row) and the list read again at once brings the row back where it stood
      await expect
        .poll(() => page.getByTestId('message').innerText())
        .toBe(`『${taskName}』的${action}结果未知，重新读取任务也未成功，页面所示是此前读取到的状态，可能已过时，不能据此判断是否已${action}。${action === '认领' ? '可稍后再次认领：如已由您认领，再次认领不会出错。' : '可稍后再次释放。'}`);
      expect(await page.getByRole('button', { name: action, exact: true }).count()).toBe(1);
      await expect.poll(() => cancelled.includes(caseData[0]!.request())).toBe(true);
      await expect.poll(() => taskKeys(page)).toEqual(keys);
      expect(sent).toHaveLength(1);
      await page.context().close();
    });
  }

  it('should show the task now open as read (a colleague took it) when a 认领 on a task the clerk left is undone', async () => {
    // given a task the clerk left with its 认领 held on its way to the engine, and another task (B) open now on a clock
    // the test moves, whose first read by key shows a colleague — then none answers
    const other = await t.harness.waitForTask(await t.harness.start(PROCESS_ID, { ...application, personName: '马春梅' }), 'preliminaryReview');
    const sent: Route[] = [];
    const { page } = await openTaskWithHeldCommand('韩秀兰', 'assignment', (route) => void sent.push(route));
    await page.getByRole('button', { name: '认领', exact: true }).click();
    await expect.poll(() => sent.length).toBe(1);
    await page.getByRole('tab', { name: /待认领/ }).click();
    await page.locator(`[data-task-key="${other.userTaskKey}"]`).click();
    await expect.poll(() => page.locator('.task-detail').innerText()).toContain('请先认领');
    const reads: Route[] = [];
    await page.route(new RegExp(`/v2/user-tasks/${other.userTaskKey}$`), async (route) => {
      if (reads.push(route) > 1) return;
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...((await response.json()) as object), assignee: 'zhang-min' } });
    });

    // when she claims B: the list's read shows the colleague (he moved past her 认领)
    await page.getByRole('button', { name: '认领', exact: true }).click();
    await page.getByTestId('message').filter({ hasText: '已认领' }).waitFor();
    await page.clock.runFor(2_000);
    await expect.poll(() => reads.length).toBeGreaterThan(0);

    // then B shows what that read showed — the colleague's, read-only — not her older 认领, also through the loads after
    await expect.poll(() => page.locator('.task-detail').innerText()).toContain('办理中，您只能查看');
    expect(await page.getByRole('button', { name: '释放' }).count()).toBe(0);
    const searchedAgain = page.waitForRequest(SEARCHES);
    await page.clock.runFor(2_000);
    await searchedAgain;
    expect(await page.getByRole('button', { name: '释放' }).count()).toBe(0);
    expect(await page.locator('.task-detail').innerText()).toContain('办理中，您只能查看');
    // and the gateway answers the first task's 认领 502 (outcome unknown): the page undoes it, reading the list again
    const searched = page.waitForRequest(SEARCHES);
    await sent[0]!.fulfill({ status: 502, json: problem(502) });
    await searched;

    // then B still shows what was read (the undo was the other task's)
    expect(await page.getByRole('button', { name: '释放' }).count()).toBe(0);
    expect(await page.locator('.task-detail').innerText()).toContain('办理中，您只能查看');
    await page.context().close();
  });

  it('should say 已认领, 释放 shown, when a 认领 without an answer was shown by a list read and the task read again fails', async () => {
    // given an unclaimed task open on a clock the test moves, its 认领 held on its way to the engine, the list's reads
    // of the task by key showing it hers (the engine made it) and the page's own read again failing
    const sent: Route[] = [];
    const { page, taskKey } = await openTaskWithHeldCommand('冶玉梅', 'assignment', (route) => void sent.push(route));
    const listReads: Route[] = [];
    const rereads: Route[] = [];
    await page.route(new RegExp(`/v2/user-tasks/${taskKey}$`), async (route) => {
      if (route.request().headers()['x-is-polling'] === undefined) {
        rereads.push(route);
        return route.fulfill({ status: 500, json: problem(500) });
      }
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...((await response.json()) as object), assignee: CLERK } });
      // counted once the page has the answer: under load the engine's answer can take longer than the test's next step
      listReads.push(route);
    });

    // when she presses 认领, the list's follow-up read shows it hers, and the gateway then answers the 认领 502
    await page.getByRole('button', { name: '认领', exact: true }).click();
    await expect.poll(() => sent.length).toBe(1);
    await page.clock.runFor(1_000);
    await expect.poll(() => listReads.length).toBeGreaterThan(0);
    await sent[0]!.fulfill({ status: 502, json: problem(502) });

    // then once the read again has failed the page says she holds it (the engine made it), not that it cannot tell
    await expect.poll(() => rereads.length).toBe(1);
    await expect.poll(() => page.getByTestId('message').innerText()).toBe('已认领，可以办理');
    expect(await page.getByRole('button', { name: '释放' }).count()).toBe(1);
    await page.context().close();
  });

  it('should say a 办结 whose connection dropped after it was sent has an unknown outcome (not a failure), read the task again, and keep the form', async () => {
    // given a task the clerk holds, its form filled in, and a 办结 whose connection is reset before the engine has it
    const { page, taskKey, taskName } = await openTaskWithHeldCommand('马秀英', 'completion', (route) => route.abort('connectionreset'), { clock: false });
    // the task's read again held until the page has said the outcome is unknown (it answers at once here)
    const READ = new RegExp(`/v2/user-tasks/${taskKey}$`);
    const reads: Route[] = [];
    await page.route(READ, (route) => void reads.push(route));

    // when she presses 办结
    await page.getByRole('button', { name: '办结' }).first().click();

    // then the page says its outcome is unknown, without a time, and reads the task again
    await expect
      .poll(() => page.getByTestId('message').innerText())
      .toBe(`『${taskName}』的办结已发出，但连接中断或网关未转回答复，结果未知。页面随即重新读取任务，读取完成后：如仍显示「办结」按钮，说明尚未办结，已填写的内容仍在，核对后可再次办结。`);
    await expect.poll(() => reads.length).toBeGreaterThan(0);
    await page.unroute(READ);
    for (const read of reads) await read.continue();
    // and, the engine not having it, the note says so and 办结 can be pressed again with what she entered
    await expect.poll(() => page.getByTestId('message').getByRole('alert').innerText()).toBe(`核对结果：『${taskName}』仍在待办中，此前结果未知的办结未生效。已填写的内容仍在，核对后可再次办结。`);
    await expect.poll(() => page.getByRole('button', { name: '办结' }).count()).toBe(2);
    expect(await page.getByLabel('资料齐备，予以受理').isChecked()).toBe(true);
    expect(await page.getByLabel('资料齐备，予以受理').isDisabled()).toBe(false);
    await page.context().close();
  });

  it('should say nothing of a 办结 without an answer over another task opened meanwhile, and not read the gone task again', async () => {
    // given a task the clerk holds, its form filled in, on a clock the test moves, and a 办结 that never answers
    const { page, taskKey, command: COMPLETE } = await openTaskWithHeldCommand('李秀兰', 'completion', () => undefined);
    const cancelled: Request[] = [];
    page.on('requestfailed', (request) => COMPLETE.test(request.url()) && cancelled.push(request));
    await page.getByRole('button', { name: '办结' }).first().click();

    // when she opens another task before the answer, and 30 s pass
    await page.getByRole('tab', { name: /待认领/ }).click();
    await page.locator(`[data-task-key="${seeded.second}"]`).click();
    await expect.poll(() => page.locator('.task-detail').innerText()).toContain('祁玉兰');
    const reads: Request[] = [];
    page.on('request', (request) => new RegExp(`/v2/user-tasks/${taskKey}$`).test(request.url()) && reads.push(request));
    await page.clock.runFor(30_000);
    await expect.poll(() => cancelled.length).toBe(1);
    await page.clock.runFor(100);

    // then no 结果未知 shows over the task she is on, and the gone task is not read again for its page
    expect(await page.getByTestId('message').filter({ hasText: '结果未知' }).count()).toBe(0);
    expect(reads).toHaveLength(0);
    expect(page.url()).toContain(seeded.second);
    await page.context().close();
  });

  it('should send one 办结 for two Ctrl+Enter in the same frame', async () => {
    // given a task the clerk holds, its form filled in, and the 办结 held (counted) on its way to the engine
    const sent: Route[] = [];
    const { page } = await openTaskWithHeldCommand('赵玉梅', 'completion', (route) => void sent.push(route), { clock: false });

    // when Ctrl+Enter comes twice before the page renders again
    await page.evaluate(() => {
      for (let i = 0; i < 2; i++) window.dispatchEvent(new CustomEvent('tasklist:action', { detail: 'complete' }));
    });

    // then one 办结 goes out
    await expect.poll(() => page.getByRole('button', { name: '正在提交…' }).count()).toBe(2);
    await expect.poll(() => sent.length).toBe(1);
    for (const route of sent) await route.continue();
    await expect.poll(() => page.getByTestId('message').innerText()).toContain('已办结');
    expect(sent).toHaveLength(1);
    await page.context().close();
  });
});

// helpers

/** The clerk's task list on a clock the test moves, on its tab `tab`. */
async function clerkListOnClock(tab: RegExp): Promise<Page> {
  const page = await t.loginAs(CLERK, undefined, { clock: true });
  await page.getByRole('tab', { name: tab }).click();
  return page;
}

/** The clerk's task list on a clock the test moves, with the seeded task `taskKey` open from 待认领 (unclaimed). */
async function openListedTask(taskKey: string): Promise<Page> {
  const page = await clerkListOnClock(/待认领/);
  await page.locator(`[data-task-key="${taskKey}"]`).click();
  await expect.poll(() => page.locator('.task-detail').innerText()).toContain('请先认领');
  return page;
}

/**
 * A new case of `person`'s, its 初审 opened by the clerk at its own address (on a clock the test moves, unless
 * `clock` is false), and its `command` — 认领 (`assignment`), 释放 (`assignee`) or 办结 (`completion`) — routed to
 * `hold` from now on. For 认领 the task is open unclaimed; for 释放 and 办结 she has claimed it and filled in its form.
 */
async function openTaskWithHeldCommand(
  person: string,
  command: 'assignment' | 'assignee' | 'completion',
  hold: (route: Route) => unknown,
  { clock = true } = {},
): Promise<{ page: Page; taskKey: string; taskName: string | undefined; command: RegExp }> {
  const { userTaskKey: taskKey, name: taskName } = await t.harness.waitForTask(await t.harness.start(PROCESS_ID, { ...application, personName: person }), 'preliminaryReview');
  const page = await t.loginAs(CLERK, undefined, { clock, path: `tasks/${taskKey}` });
  if (command === 'assignment') {
    await expect.poll(() => page.locator('.task-detail').innerText()).toContain('请先认领');
  } else {
    await page.getByRole('button', { name: '认领', exact: true }).click();
    await page.getByTestId('message').filter({ hasText: '已认领' }).waitFor();
    await page.getByLabel('资料齐备，予以受理').check();
    for (const material of application.submittedMaterials) await page.locator('.task-detail .fjs-form').getByRole('checkbox', { name: material, exact: true, disabled: false }).check();
  }
  const pattern = new RegExp(`/v2/user-tasks/${taskKey}/${command}$`);
  await page.route(pattern, hold);
  return { page, taskKey, taskName, command: pattern };
}

/**
 * A 办结 whose outcome the page could not tell: a new case of `person`'s, its task held by the clerk and its form filled
 * in, on a clock the test moves, its row in the list; her 办结 routed to `hold`, the reads of the task by key held
 * (never answered), and 30 s run twice — for the 办结's answer, then for the task read again. The note says so and
 * that the page keeps checking.
 */
async function completionOutcomeUntold(
  person: string,
  hold: (route: Route) => unknown,
  /** Waited for once the 办结 went out, before the clock runs. */
  whenSent: () => Promise<void> = async () => {},
): Promise<{ page: Page; taskKey: string; taskName: string | undefined; row: Locator; note: Locator }> {
  const { page, taskKey, taskName, command } = await openTaskWithHeldCommand(person, 'completion', hold);
  const row = page.locator(`[data-task-key="${taskKey}"]`);
  await expect.poll(() => row.count()).toBe(1);
  await holdTaskReads(page, taskKey);
  const sent = page.waitForRequest(command);
  await page.getByRole('button', { name: '办结' }).first().click();
  await sent;
  await whenSent();
  await page.clock.runFor(30_000);
  await page.clock.runFor(30_000);
  const note = page.getByTestId('message');
  await expect.poll(() => note.innerText()).toContain('重新读取任务也未成功');
  return { page, taskKey, taskName, row, note };
}

/**
 * The note's alert, looked at as the page reads the task again at the list's pace: the clock run 5 s before each look
 * (a read still held when the reads were let go ends at its 30 s, the next goes 15 s later).
 */
function noteAlertAsTheListReads(page: Page) {
  return expect.poll(
    async () => {
      await page.clock.runFor(5_000);
      return page.getByTestId('message').getByRole('alert').innerText();
    },
    { timeout: 30_000 },
  );
}

/**
 * Holds every read of the task by key from now on (never answered); `rereads` are the page's own reads again, not
 * the list's polling reads of the task it changed; `cancelled` the reads the page gave up.
 */
async function holdTaskReads(page: Page, taskKey: string): Promise<{ rereads: () => Request[]; cancelled: Request[] }> {
  const read = new RegExp(`/v2/user-tasks/${taskKey}$`);
  const reads: Route[] = [];
  await page.route(read, (route) => void reads.push(route));
  const cancelled: Request[] = [];
  page.on('requestfailed', (request) => read.test(request.url()) && cancelled.push(request));
  return { rereads: () => reads.map((route) => route.request()).filter((request) => request.headers()['x-is-polling'] === undefined), cancelled };
}

/** An RFC 7807 problem as the engine or its gateway answers it. */
function problem(status: number) {
  return { type: 'about:blank', title: status === 502 ? 'Bad Gateway' : 'Internal Server Error', status, detail: '测试' };
}

/** A search for the page after a cursor (加载更多), not a list's first page or a count. */
function isNextPage(request: Request): boolean {
  return (request.postDataJSON() as { page?: { after?: string } }).page?.after !== undefined;
}

async function taskKeys(page: Page): Promise<string[]> {
  return page.locator('.task-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-task-key') ?? ''));
}
