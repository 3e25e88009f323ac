/**
 * The task list in headless Chromium against an engine whose searches and reads by key lag behind the commands by
 * 2 s, as a Camunda 8.8 cluster's do (docs/camunda8-cluster.md, "Searches that lag"): a 窗口初审 clerk claims a task
 * and holds it at once (not 请先认领 again from the lagging read), and a task she completes leaves 我的待办 and its
 * count at once, and stays out while the searches still return it (recently-completed.ts, read-until.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';
import { FC20_APPLICATION } from '../support/fc20-sample-case.js';

const PROCESS_ID = 'xining-fc20-manual-reimbursement';
const SEARCH_LAG_MS = 2_000;
const application = { ...FC20_APPLICATION, submittedMaterials: FC20_APPLICATION.submittedMaterials.slice(0, 3) };

let t: TasklistHarness;
const seeded = { first: '', second: '' };

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [PROCESS_ID], engine: { searchLag: SEARCH_LAG_MS } });
  const h = t.harness;
  seeded.first = (await h.waitForTask(await h.start(PROCESS_ID, { ...application, personName: '马福林' }), 'preliminaryReview')).userTaskKey;
  seeded.second = (await h.waitForTask(await h.start(PROCESS_ID, { ...application, personName: '祁玉兰' }), 'preliminaryReview')).userTaskKey;
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe('task list (/tasklist) against lagging searches', () => {
  let clerk: Page;

  it('should show the clerk as 办理人 at once after 认领, and keep it', async () => {
    // given
    clerk = await t.loginAs('li-jing');
    await clerk.getByRole('tab', { name: /待认领/ }).click();
    await expect.poll(() => taskKeys(clerk)).toEqual(expect.arrayContaining([seeded.first, seeded.second]));

    for (const key of [seeded.first, seeded.second]) {
      await clerk.locator(`[data-task-key="${key}"]`).click();
      await expect.poll(() => clerk.locator('.task-detail').innerText()).toContain('请先认领');

      // when
      await clerk.getByRole('button', { name: '认领', exact: true }).click();
      await clerk.getByTestId('message').filter({ hasText: '已认领' }).waitFor();

      // then she holds it from the moment the claim is confirmed, though the engine's read by key still says unclaimed
      expect(await clerk.getByRole('button', { name: '释放' }).count()).toBe(1);
      expect(await clerk.locator('.task-detail').innerText()).not.toContain('请先认领');
      expect((await t.harness.client.getUserTask(key)) as { assignee?: string }).not.toMatchObject({ assignee: 'li-jing' });
      // and still once the read agrees and the list has followed (the task left 待认领)
      await expect.poll(() => taskKeys(clerk), { timeout: 15_000 }).not.toContain(key);
      expect(await clerk.getByRole('button', { name: '释放' }).count()).toBe(1);
      expect(await clerk.locator('.task-detail').innerText()).not.toContain('请先认领');
    }
  });

  it('should take a completed task out of 我的待办 at once, and keep it out while the searches still return it', async () => {
    // given both tasks in 我的待办
    await clerk.getByRole('tab', { name: /我的待办/ }).click();
    await expect.poll(() => taskKeys(clerk), { timeout: 15_000 }).toEqual(expect.arrayContaining([seeded.first, seeded.second]));
    await expect.poll(() => clerk.getByTestId('count-mine').innerText()).toBe('2');
    await clerk.locator(`[data-task-key="${seeded.first}"]`).click();
    await expect.poll(() => clerk.locator('.task-detail').innerText()).not.toContain('请先认领');
    await clerk.getByLabel('资料齐备，予以受理').check();
    for (const material of application.submittedMaterials) await clerk.locator('.task-detail .fjs-form').getByLabel(material, { exact: true }).check();

    // the task lists' searches the page makes from now on, as the engine answered them
    const answered: string[][] = [];
    clerk.on('response', (response) => {
      if (response.url().endsWith('/v2/user-tasks/search')) void response.json().then((body: { items?: { userTaskKey: string }[] }) => answered.push((body.items ?? []).map((item) => item.userTaskKey)));
    });

    // when
    await clerk.getByRole('button', { name: '办结' }).first().click();
    await clerk.getByTestId('message').filter({ hasText: '已办结' }).waitFor();

    // then gone from the list at once, though the page's search after 办结 still returned it as open
    expect(await taskKeys(clerk)).not.toContain(seeded.first);
    await expect.poll(() => answered.some((keys) => keys.includes(seeded.first))).toBe(true);
    await expect.poll(() => clerk.getByTestId('count-mine').innerText()).toBe('1');
    expect(await taskKeys(clerk)).toEqual([seeded.second]);
    // and once the searches catch up, the list agrees by itself
    await expect.poll(searchMine, { timeout: 15_000 }).not.toContain(seeded.first);
    expect(await taskKeys(clerk)).toEqual([seeded.second]);
  });
});

async function searchMine(): Promise<string[]> {
  const { items } = (await t.harness.client.searchUserTasks({ filter: { assignee: 'li-jing', state: 'CREATED' } } as never)) as { items: { userTaskKey: string }[] };
  return items.map((item) => item.userTaskKey);
}

async function taskKeys(page: Page): Promise<string[]> {
  return page.locator('.task-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-task-key') ?? ''));
}
