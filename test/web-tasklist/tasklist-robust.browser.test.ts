/**
 * The task list in headless Chromium when things go wrong, with the page's clock in the test's hands
 * (Playwright's page.clock, no sleeping): a session that ended as the first screen's searches went out lands on the
 * login page, not on an error; a list load whose searches never answer ends after 30 s with a Chinese message, and
 * a superseded one's searches are cancelled, and the next re-read runs; a 认领 whose reads by key lag behind it is
 * shown for 30 s, then the task shows what the server says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';
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
});
