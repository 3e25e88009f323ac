/**
 * The task list in headless Chromium against an engine whose searches and reads by key lag behind the commands
 * (1 s, or TEST_SEARCH_LAG_MS), as a Camunda 8.8 cluster's do (docs/camunda8-cluster.md, "Searches that lag"): a
 * 窗口初审 clerk claims a task and holds it at once, though the page's own reads still show it unclaimed; the task
 * she completes leaves 我的待办 and its count at once and stays out while the searches still return it; the case's
 * next task comes into 待认领 by itself; 释放 shows at once; a reload shows what the server says; a 认领 the engine
 * refuses (a colleague took the task first) shows the colleague. A MutationObserver
 * in the page records every moment the page showed the old state after it had shown the new one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request, Response } from 'playwright-core';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';
import { FC20_APPLICATION } from '../support/fc20-sample-case.js';

const PROCESS_ID = 'xining-fc20-manual-reimbursement';
const SEARCH_LAG_MS = Number(process.env.TEST_SEARCH_LAG_MS) || 1_000;
const CLERK = 'li-jing';
const application = { ...FC20_APPLICATION, submittedMaterials: FC20_APPLICATION.submittedMaterials.slice(0, 3) };

let t: TasklistHarness;
const seeded = { first: '', second: '', caseKey: '' };

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [PROCESS_ID], engine: { searchLag: SEARCH_LAG_MS } });
  const h = t.harness;
  seeded.caseKey = await h.start(PROCESS_ID, { ...application, personName: '马福林' });
  seeded.first = (await h.waitForTask(seeded.caseKey, 'preliminaryReview')).userTaskKey;
  seeded.second = (await h.waitForTask(await h.start(PROCESS_ID, { ...application, personName: '祁玉兰' }), 'preliminaryReview')).userTaskKey;
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe(`task list (/tasklist) against searches that lag ${SEARCH_LAG_MS} ms`, () => {
  let clerk: Page;
  let reads: Read[];
  let traffic: Traffic;

  it('should show the clerk as 办理人 at once after 认领, and not flip back while the reads lag', async () => {
    // given
    clerk = await t.loginAs(CLERK);
    reads = recordReads(clerk);
    traffic = recordTraffic(clerk);
    await clerk.getByRole('tab', { name: /待认领/ }).click();
    await expect.poll(() => taskKeys(clerk)).toEqual(expect.arrayContaining([seeded.first, seeded.second]));
    // the window gets the focus twice in a row: one load at a time (the engine answers one request after the other;
    // counted from here, as the tab's click superseded the first load, rightly)
    await expect.poll(() => traffic.searching).toBe(0);
    traffic.mostSearchesAtOnce = 0;
    await clerk.evaluate(() => {
      window.dispatchEvent(new Event('focus'));
      window.dispatchEvent(new Event('focus'));
    });
    await clerk.locator(`[data-task-key="${seeded.first}"]`).click();
    await expect.poll(() => clerk.locator('.task-detail').innerText()).toContain('请先认领');
    expect(traffic.mostSearchesAtOnce).toBeLessThanOrEqual(2);
    const clicked = reads.length;
    const sentBefore = traffic.sent.length;

    // when
    await clerk.getByRole('button', { name: '认领', exact: true }).click();

    // then she holds it at once: 释放 and an editable form, and the task left 待认领
    await expect.poll(() => clerk.getByRole('button', { name: '释放' }).count()).toBe(1);
    await watch(clerk, seeded.first, 'claimed');
    expect(await clerk.locator('.task-detail').innerText()).not.toContain('请先认领');
    expect(await taskKeys(clerk)).not.toContain(seeded.first);
    await clerk.getByTestId('message').filter({ hasText: '已认领' }).waitFor();
    // the 认领 went out before any re-read of the list (a re-read before it would only show the old state)
    expect(traffic.sent.slice(sentBefore)[0]).toBe(`POST /v2/user-tasks/${seeded.first}/assignment`);
    // she starts at once: what she ticks stays when the reads catch up (the form is not rebuilt under her)
    await clerk.getByLabel('资料齐备，予以受理').check();
    // though the page's own reads by key sent after the engine confirmed the 认领 (its first command) still showed it unclaimed for a while (the lag was there) …
    await expect.poll(() => reads.some((read) => !read.search && read.sentAfterCommands >= 1 && read.tasks.some((task) => task.userTaskKey === seeded.first && !task.assignee))).toBe(true);
    // … until they agree, and the page read the list once more after that
    await expect.poll(() => agreedAndReadAgain(reads.slice(clicked), (task) => task.userTaskKey === seeded.first && task.assignee === CLERK), { timeout: SEARCH_LAG_MS + 10_000 }).toBe(true);
    expect(await flips(clerk)).toEqual([]);
    expect(await clerk.locator('.task-detail').innerText()).not.toContain('请先认领');
    expect(await clerk.getByLabel('资料齐备，予以受理').isChecked()).toBe(true);
    await expect.poll(() => clerk.getByTestId('count-mine').innerText()).toBe('1');
    await expect.poll(() => clerk.getByTestId('count-claimable').innerText()).toBe('1');
    // never two loads at once: a clerk's load searches the list and the other tab's count, no more
    expect(traffic.mostSearchesAtOnce).toBeLessThanOrEqual(2);
  });

  it('should take a completed task out of 我的待办 and its count at once, keep it out, and bring the next task into 待认领', async () => {
    // given the task in 我的待办
    await clerk.getByRole('tab', { name: /我的待办/ }).click();
    await expect.poll(() => taskKeys(clerk)).toEqual([seeded.first]);
    await clerk.locator(`[data-task-key="${seeded.first}"]`).click();
    await expect.poll(() => clerk.getByRole('button', { name: '释放' }).count()).toBe(1);
    await clerk.getByLabel('资料齐备，予以受理').check();
    for (const material of application.submittedMaterials) await clerk.locator('.task-detail .fjs-form').getByRole('checkbox', { name: material, exact: true, disabled: false }).check();
    const clicked = reads.length;

    // when
    await clerk.getByRole('button', { name: '办结' }).first().click();
    await clerk.getByTestId('message').filter({ hasText: '已办结' }).waitFor();

    // then gone from the list and its count at once
    await expect.poll(() => taskKeys(clerk)).toEqual([]);
    await expect.poll(() => clerk.getByTestId('count-mine').innerText()).toBe('0');
    await watch(clerk, seeded.first, 'completed');
    // though the page's searches still returned it as open for a while …
    await expect.poll(() => reads.slice(clicked).some((read) => read.search && read.tasks.some((task) => task.userTaskKey === seeded.first))).toBe(true);
    // … and the case's next task (a new key, the same group's) comes into 待认领 by itself, without a click
    const register = await t.harness.waitForTask(seeded.caseKey, 'registerAndReview');
    await expect.poll(() => clerk.getByTestId('count-claimable').innerText(), { timeout: SEARCH_LAG_MS + 10_000 }).toBe('2');
    await expect.poll(() => agreedAndReadAgain(reads.slice(clicked), (task) => task.userTaskKey === seeded.first && task.state === 'COMPLETED'), { timeout: SEARCH_LAG_MS + 10_000 }).toBe(true);
    expect(await flips(clerk)).toEqual([]);
    expect(await taskKeys(clerk)).toEqual([]);
    await clerk.getByRole('tab', { name: /待认领/ }).click();
    await expect.poll(() => taskKeys(clerk)).toEqual(expect.arrayContaining([register.userTaskKey, seeded.second]));
    expect(await taskKeys(clerk)).toHaveLength(2);
  });

  it('should show 释放 at once, and a reload shows what the server says', async () => {
    // given the clerk holds the next task
    const register = await t.harness.waitForTask(seeded.caseKey, 'registerAndReview');
    await clerk.locator(`[data-task-key="${register.userTaskKey}"]`).click();
    await clerk.getByRole('button', { name: '认领', exact: true }).click();
    await expect.poll(() => clerk.getByRole('button', { name: '释放' }).count()).toBe(1);
    await clerk.getByTestId('message').filter({ hasText: '已认领' }).waitFor();
    const clicked = reads.length;

    // when
    await clerk.getByRole('button', { name: '释放' }).click();

    // then unclaimed at once, back in 待认领
    await expect.poll(() => clerk.getByRole('button', { name: '认领', exact: true }).count()).toBe(1);
    await watch(clerk, register.userTaskKey, 'released');
    await expect.poll(() => taskKeys(clerk)).toContain(register.userTaskKey);
    await clerk.getByTestId('message').filter({ hasText: '已释放' }).waitFor();
    await expect.poll(() => agreedAndReadAgain(reads.slice(clicked), (task) => task.userTaskKey === register.userTaskKey && !task.assignee), { timeout: SEARCH_LAG_MS + 10_000 }).toBe(true);
    expect(await flips(clerk)).toEqual([]);

    // and after a reload, the server's lists
    await clerk.reload();
    await clerk.getByRole('tab', { name: /待认领/ }).click();
    await expect.poll(() => taskKeys(clerk)).toEqual(expect.arrayContaining([register.userTaskKey, seeded.second]));
    expect(await taskKeys(clerk)).toHaveLength(2);
    await expect.poll(() => clerk.getByTestId('count-mine').innerText()).toBe('0');
    await expect.poll(() => clerk.getByTestId('count-claimable').innerText()).toBe('2');
  });

  it('should show the colleague as 办理人 when the engine refuses her 认领 because he took the task first', async () => {
    // given the clerk looks at a task, and a colleague claims it meanwhile
    await clerk.locator(`[data-task-key="${seeded.second}"]`).click();
    await expect.poll(() => clerk.locator('.task-detail').innerText()).toContain('请先认领');
    const opened = traffic.sent.length;
    const colleague = await t.loginAs('zhang-min');
    await colleague.getByRole('tab', { name: /待认领/ }).click();
    await colleague.locator(`[data-task-key="${seeded.second}"]`).click();
    await colleague.getByRole('button', { name: '认领', exact: true }).click();
    await colleague.getByTestId('message').filter({ hasText: '已认领' }).waitFor();
    // reads by key show him by now (the lag is behind us; read with her session, not by her page: its traffic is hers)
    await expect.poll(async () => ((await (await clerk.context().request.get(`${t.url}/v2/user-tasks/${seeded.second}`)).json()) as { assignee?: string }).assignee, { timeout: SEARCH_LAG_MS + 10_000 }).toBe('zhang-min');
    // and her page still shows its read from before his 认领 (none is due: it holds no change of its own, and the
    // list's re-reads are searches; checked below: the first request about the task since it opened is her 认领)
    expect(await clerk.locator('.task-detail').innerText()).toContain('请先认领');

    // when
    await clerk.getByRole('button', { name: '认领', exact: true }).click();

    // then the page says why, and shows the server's 办理人, not the stale 请先认领
    await expect.poll(() => clerk.locator('.task-detail').innerText()).toContain('此任务由 张敏 办理中');
    expect(await clerk.getByRole('button', { name: '认领', exact: true }).count()).toBe(0);
    // and that from a read after the refused 认领: the page sent nothing about the task from its opening to the 认领
    const aboutTask = traffic.sent.slice(opened).filter((sent) => sent.includes(`/v2/user-tasks/${seeded.second}`));
    expect(aboutTask[0]).toBe(`POST /v2/user-tasks/${seeded.second}/assignment`);
    expect(aboutTask).toContain(`GET /v2/user-tasks/${seeded.second}`);
    await colleague.close();
  });
});

// helpers

/** A user task as the page's reads answered it: `search` for a list's search, else a read by key. */
interface Read {
  search: boolean;
  /** How many of the page's user-task commands (认领, 释放, 办结) had answered when the read went out. */
  sentAfterCommands: number;
  /** Empty until the answer's body is read. */
  tasks: { userTaskKey: string; assignee?: string | null; state: string }[];
}

/** Every user-task search and read by key the page makes, in the order they answer (noted when the answer comes, not when its body is read). */
function recordReads(page: Page): Read[] {
  const reads: Read[] = [];
  let commands = 0;
  const sentAfterCommands = new WeakMap<Request, number>();
  page.on('request', (request) => sentAfterCommands.set(request, commands));
  page.on('response', (response: Response) => {
    if (/\/v2\/user-tasks\/\d+\/(assignment|assignee|completion)$/.test(new URL(response.url()).pathname)) commands++;
    const search = /\/v2\/user-tasks\/search$/.test(response.url());
    if (!search && !/\/v2\/user-tasks\/\d+$/.test(response.url())) return;
    if (response.request().method() !== (search ? 'POST' : 'GET') || response.status() !== 200) return;
    const read: Read = { search, sentAfterCommands: sentAfterCommands.get(response.request()) ?? 0, tasks: [] };
    reads.push(read);
    // (an answer that came as the page reloaded has no body left to read: it was the old page's)
    void response.json().then(
      (body: { items?: Read['tasks'] } & Read['tasks'][number]) => (read.tasks = search ? (body.items ?? []) : [body]),
      () => undefined,
    );
  });
  return reads;
}

/** The page's user-task requests in the order they went out (`POST /v2/user-tasks/…`), the searches unanswered now and the most ever at once. */
interface Traffic {
  sent: string[];
  searching: number;
  mostSearchesAtOnce: number;
}

function recordTraffic(page: Page): Traffic {
  const traffic: Traffic = { sent: [], searching: 0, mostSearchesAtOnce: 0 };
  // only searches sent after recording began: one the login's page sent before may finish after (a CI run counted -1)
  const inFlight = new Set<Request>();
  const search = (request: Request) => request.method() === 'POST' && new URL(request.url()).pathname === '/v2/user-tasks/search';
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/v2/user-tasks')) traffic.sent.push(`${request.method()} ${path}`);
    if (!search(request)) return;
    inFlight.add(request);
    traffic.searching = inFlight.size;
    traffic.mostSearchesAtOnce = Math.max(traffic.mostSearchesAtOnce, inFlight.size);
  });
  const done = (request: Request) => {
    if (inFlight.delete(request)) traffic.searching = inFlight.size;
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return traffic;
}

/** Whether a read by key showed `agreed`, and a list search answered after it (the page then showed what the server says). */
function agreedAndReadAgain(reads: Read[], agreed: (task: Read['tasks'][number]) => boolean): boolean {
  const at = reads.findIndex((read) => !read.search && read.tasks.some(agreed));
  return at >= 0 && reads.slice(at + 1).some((read) => read.search);
}

/**
 * From now on, records in the page each time it shows the task as before the clerk's change: claimed — 请先认领, or
 * the task in 待认领; completed — the task in any list, or 我的待办 counting it; released — 释放 on the task.
 */
async function watch(page: Page, userTaskKey: string, change: 'claimed' | 'completed' | 'released'): Promise<void> {
  await page.evaluate(
    ([key, kind]) => {
      const state = window as unknown as { flips?: string[]; watcher?: MutationObserver };
      state.watcher?.disconnect();
      state.flips = [];
      const check = () => {
        const tab = document.querySelector('[role="tab"][aria-selected="true"]')?.textContent ?? '';
        const row = document.querySelector(`.task-item[data-task-key="${key}"]`);
        const detail = document.querySelector('.task-detail')?.textContent ?? '';
        const mine = document.querySelector('[data-testid="count-mine"]')?.textContent ?? '';
        if (kind === 'claimed' && detail.includes('请先认领')) state.flips!.push('请先认领 again');
        if (kind === 'claimed' && row && tab.startsWith('待认领')) state.flips!.push('back in 待认领');
        if (kind === 'completed' && row) state.flips!.push(`back in ${tab}`);
        if (kind === 'completed' && mine !== '0') state.flips!.push(`我的待办 counts ${mine}`);
        if (kind === 'released' && document.querySelector('.task-detail button[title="U"]')) state.flips!.push('释放 again');
      };
      check();
      state.watcher = new MutationObserver(check);
      state.watcher.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    },
    [userTaskKey, change] as const,
  );
}

async function flips(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { flips?: string[] }).flips ?? []);
}

async function taskKeys(page: Page): Promise<string[]> {
  return page.locator('.task-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-task-key') ?? ''));
}
