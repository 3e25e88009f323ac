/**
 * 新办件's 提交受理 with no answer (结果未知), in headless Chromium against the embedded engine: each submit carries a
 * 提交识别码 (`submissionReference`), and after a lost answer the page asks the engine (/v2 process-instance search by
 * that variable) whether the case started. Started: the page names it (件号) and nothing — button, Ctrl+Enter —
 * starts it again; not started (the request never reached the server): it says so and one more 提交受理 starts
 * exactly one case, with the same reference; the check failing: the submit stays off until 重新核对 tells; a reload
 * of the page with its draft marked 结果未知 checks the same way. The cases are counted through /v2 as the admin.
 * Small processes of its own with a start form of two fields: one whose first task is 窗口受理's (the clerk's group),
 * and one whose first task is 财务's, which 陈燕 (窗口受理 only) finds too: a clerk reads the cases she started.
 */
import type { Page, Request, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { deploy } from '../support/engine-fixture.js';
import { watchSubmits } from '../support/new-case-submits.js';
import { startTasklistHarness, submitLogin, type TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'tasklist-start-outcome-check';
const START_FORM_ID = 'tasklist-start-outcome-check-intake';
// 张敏: 窗口受理 (window-clerk) and 窗口初审 (config/users.json)
const CLERK = 'zhang-min';
const REFERENCE = 'submissionReference';
// 陈燕: 窗口受理 only; the second process's first task is 财务's (finance)
const OTHER_GROUPS_PROCESS_ID = 'tasklist-start-outcome-check-finance';
const ONLY_WINDOW_CLERK = 'chen-yan';

const model = bpmnProcess(
  PROCESS_ID,
  `<bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:formDefinition formId="${START_FORM_ID}"/></bpmn:extensionElements></bpmn:startEvent>
   <bpmn:userTask id="intake" name="核对测试受理">
     <bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="window-clerk"/></bpmn:extensionElements>
   </bpmn:userTask>
   <bpmn:endEvent id="end"/>
   ${flow('f1', 'start', 'intake')}${flow('f2', 'intake', 'end')}`,
  '提交核对测试事项',
);
const financeFirstModel = bpmnProcess(
  OTHER_GROUPS_PROCESS_ID,
  `<bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:formDefinition formId="${START_FORM_ID}"/></bpmn:extensionElements></bpmn:startEvent>
   <bpmn:userTask id="payment" name="核对测试支付">
     <bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="finance"/></bpmn:extensionElements>
   </bpmn:userTask>
   <bpmn:endEvent id="end"/>
   ${flow('f1', 'start', 'payment')}${flow('f2', 'payment', 'end')}`,
  '提交核对财务事项',
);
const startForm = JSON.stringify({
  id: START_FORM_ID,
  type: 'default',
  schemaVersion: 18,
  executionPlatform: 'Camunda Cloud',
  executionPlatformVersion: '8.8.0',
  components: [
    { type: 'textfield', id: 'f_personName', key: 'personName', label: '参保人姓名', validate: { required: true } },
    { type: 'textfield', id: 'f_phone', key: 'phone', label: '联系电话', validate: { required: true } },
  ],
});

let t: TasklistHarness;

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [] });
  await deploy(t.harness.client, [
    { name: `${PROCESS_ID}.bpmn`, content: model },
    { name: `${OTHER_GROUPS_PROCESS_ID}.bpmn`, content: financeFirstModel },
    { name: `${START_FORM_ID}.form`, content: startForm },
  ]);
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

/** The cases of the test's process for the applicant `name`, as the engine has them (its /v2, as the admin). */
async function casesOf(name: string, processId = PROCESS_ID): Promise<string[]> {
  const response = await t.harness.fixture.fetch('/v2/process-instances/search', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ filter: { processDefinitionId: processId, variables: [{ name: 'personName', value: JSON.stringify(name) }] }, page: { limit: 10 } }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { processInstanceKey: string }[] }).items.map((item) => item.processInstanceKey);
}

/** The value of the case's variable `name` (its JSON text parsed), as the admin reads it. */
async function variableOf(processInstanceKey: string, name: string): Promise<unknown> {
  const response = await t.harness.fixture.fetch('/v2/variables/search?truncateValues=false', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ filter: { processInstanceKey, name } }),
  });
  const { items } = (await response.json()) as { items: { value: string }[] };
  return items[0] ? JSON.parse(items[0].value) : undefined;
}

async function openStartForm(page: Page, processName = '提交核对测试事项'): Promise<void> {
  await page.getByRole('button', { name: '新办件' }).click();
  await page.getByRole('button', { name: `办理 ${processName}`, exact: true }).click();
  await page.locator('.start-form .fjs-form').waitFor();
}

async function fillForm(page: Page, name: string): Promise<void> {
  await page.getByLabel('参保人姓名').fill(name);
  await page.getByLabel('联系电话').fill('13997110003');
  await page.getByLabel('联系电话').blur();
}

/**
 * 提交受理 sent with its request held on its way (a slow engine; the client sets no time limit): once `release`d,
 * the engine applies it only then and answers the page. Returns once the request is held, with the references sent.
 */
async function holdStart(page: Page): Promise<{ sent: string[]; release: () => void }> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const sent: string[] = [];
  await page.route('**/v2/process-instances', async (route: Route, request: Request) => {
    if (request.method() !== 'POST') return route.continue();
    sent.push((request.postDataJSON() as { variables: Record<string, string> }).variables[REFERENCE]!);
    await held;
    const response = await t.harness.fixture.fetch(new URL(request.url()).pathname, { method: 'POST', headers: { 'content-type': 'application/json' }, body: request.postData() ?? '' });
    return route.fulfill({ status: response.status, contentType: 'application/json', body: await response.text() }).catch(() => undefined);
  });
  await submit(page).click();
  await expect.poll(() => sent).toHaveLength(1);
  return { sent, release };
}

/**
 * 提交受理's starts, as the browser sends them (the submission references they carry); `answer` decides what the
 * page gets for each: the engine's answer, or none.
 */
async function routeStarts(page: Page, answer: (attempt: number) => 'lost after the engine' | 'lost before the engine' | 'answered'): Promise<string[]> {
  const references: string[] = [];
  await page.route('**/v2/process-instances', async (route: Route, request: Request) => {
    if (request.method() !== 'POST') return route.continue();
    references.push((request.postDataJSON() as { variables: Record<string, string> }).variables[REFERENCE]!);
    const how = answer(references.length);
    if (how === 'lost before the engine') return route.abort('timedout');
    if (how === 'answered') return route.continue();
    // (the engine starts the case; its answer never reaches the page)
    await route.fetch();
    return route.abort('timedout');
  });
  return references;
}

/**
 * `read` polled while the page's check runs, its clock run on a second before each look (a page signed in with
 * `clock`: it flows as real time until the test runs it on, so a check that finds nothing passes its waits between
 * searches, 1 + 2 + 3 s in submission-reference.ts, without the test waiting them out).
 */
function asTheCheckRuns<T>(page: Page, read: () => Promise<T>) {
  return expect.poll(
    async () => {
      await page.clock.runFor(1_000);
      return read();
    },
    { timeout: 15_000 },
  );
}

const submit = (page: Page) => page.getByRole('button', { name: /提交受理|正在提交/ });
const checkNote = (page: Page) => page.locator('.outcome-check');
const drafts = (page: Page) => page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('private:tasklist.draft:')));

describe('新办件: 提交受理 with no answer checked by its 提交识别码', { timeout: 120_000 }, () => {
  it('should name the case a lost answer started, and start no second one by the button or Ctrl+Enter', async () => {
    // given the clerk's form filled in, and the answer to 提交受理 lost after the engine started the case
    const page = await t.loginAs(CLERK);
    await openStartForm(page);
    await fillForm(page, '马秀兰');
    const sent = await routeStarts(page, () => 'lost after the engine');

    // when she submits
    await submit(page).click();

    // then the page checks, finds the case and names it; the draft is done
    await expect.poll(() => casesOf('马秀兰')).toHaveLength(1);
    const [started] = await casesOf('马秀兰');
    await expect.poll(() => page.locator('.start-form .banner.ok').innerText(), { timeout: 15_000 }).toBe(`核对结果：此前的提交已受理，件号 ${started}，无需再次提交。`);
    expect(await variableOf(started!, REFERENCE)).toBe(sent[0]);
    expect(await drafts(page)).toEqual([]);
    expect(await page.locator('.draft-note').count()).toBe(0);

    // and neither the button (grey) nor Ctrl+Enter from a field sends it again: the key began no submit (new-case-submits.ts)
    expect(await submit(page).isDisabled()).toBe(true);
    const submits = await watchSubmits(page);
    await page.getByLabel('联系电话').focus();
    await page.keyboard.press('Control+Enter');
    expect(await submits()).toEqual({ requests: [], busy: false });
    expect(sent).toHaveLength(1);
    expect(await casesOf('马秀兰')).toEqual([started]);
    await page.context().close();
  });

  it("should name the case a lost answer started when its first task is another group's: the clerk reads the cases she started", async () => {
    // given 陈燕 (窗口受理 only) fills in a 事项 whose first step is 财务's, and the answer is lost after the engine started it
    const page = await t.loginAs(ONLY_WINDOW_CLERK);
    await openStartForm(page, '提交核对财务事项');
    await fillForm(page, '马兰英');
    const sent = await routeStarts(page, () => 'lost after the engine');

    // when she submits
    await submit(page).click();

    // then the check finds the case she started (not 「未查到」) and names it; nothing starts it again
    await expect.poll(() => casesOf('马兰英', OTHER_GROUPS_PROCESS_ID)).toHaveLength(1);
    const [started] = await casesOf('马兰英', OTHER_GROUPS_PROCESS_ID);
    await expect.poll(() => page.locator('.start-form .banner.ok').innerText(), { timeout: 15_000 }).toBe(`核对结果：此前的提交已受理，件号 ${started}，无需再次提交。`);
    expect(await variableOf(started!, REFERENCE)).toBe(sent[0]);
    expect(await submit(page).isDisabled()).toBe(true);
    expect(await drafts(page)).toEqual([]);
    expect(sent).toHaveLength(1);
    await page.context().close();
  });

  it('should say a start whose request never reached the engine did not happen, and start exactly one case on the next 提交受理', async () => {
    // given the clerk's form filled in, and the first 提交受理 lost before it reached the engine
    const page = await t.loginAs(CLERK, undefined, { clock: true });
    await openStartForm(page);
    await fillForm(page, '马福兰');
    const sent = await routeStarts(page, (attempt) => (attempt === 1 ? 'lost before the engine' : 'answered'));

    // when she submits
    await submit(page).click();

    // then the page checks (the button off meanwhile), finds no case and says it did not start; the form is kept
    await expect.poll(() => checkNote(page).innerText()).toContain('正在核对此前的提交是否已受理');
    expect(await submit(page).isDisabled()).toBe(true);
    await asTheCheckRuns(page, () => checkNote(page).innerText()).toBe('核对结果：暂未查到此前提交的案件（查询结果可能稍有滞后）。已填写的内容仍在，可再次提交受理，提交前会再核对一次。');
    expect(await page.locator('.start-form').innerText()).not.toContain('结果未知');
    expect(await submit(page).isEnabled()).toBe(true);
    expect(await page.getByLabel('参保人姓名').inputValue()).toBe('马福兰');
    expect(await casesOf('马福兰')).toEqual([]);

    // when she submits again
    await submit(page).click();

    // then exactly one case started, with the same 提交识别码 as the first attempt, and she is on its first task
    await page.locator('.task-detail').waitFor({ timeout: 20_000 });
    const started = await casesOf('马福兰');
    expect(started).toHaveLength(1);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    expect(await variableOf(started[0]!, REFERENCE)).toBe(sent[0]);
    await page.context().close();
  });

  it('should keep 提交受理 off while the check cannot be made, start nothing by Ctrl+Enter, and tell the case on 重新核对', async () => {
    // given the answer to 提交受理 lost after the engine started the case, and the check's search failing too
    const page = await t.loginAs(CLERK);
    await openStartForm(page);
    await fillForm(page, '马玉兰');
    const sent = await routeStarts(page, () => 'lost after the engine');
    const searchFails = (route: Route) => route.abort('timedout');
    await page.route('**/v2/process-instances/search', searchFails);

    // when she submits
    await submit(page).click();

    // then the page says it could not check, with 重新核对; the button is off and Ctrl+Enter sends nothing
    await expect.poll(() => checkNote(page).innerText(), { timeout: 15_000 }).toContain('无法核对此前的提交是否已受理');
    expect(await checkNote(page).innerText()).toContain('为免同一申请重复受理，核对完成前不能再次提交');
    expect(await page.locator('.draft-note').innerText()).toContain('上次提交结果未知');
    expect(await submit(page).isDisabled()).toBe(true);
    const submits = await watchSubmits(page);
    await page.getByLabel('联系电话').focus();
    await page.keyboard.press('Control+Enter');
    expect(await submits()).toEqual({ requests: [], busy: false });
    expect(sent).toHaveLength(1);

    // when the search answers again and she presses 重新核对
    await page.unroute('**/v2/process-instances/search', searchFails);
    await page.getByRole('button', { name: '重新核对' }).click();

    // then the page names the case started, and there is one
    const [started] = await casesOf('马玉兰');
    await expect.poll(() => page.locator('.start-form .banner.ok').innerText(), { timeout: 15_000 }).toBe(`核对结果：此前的提交已受理，件号 ${started}，无需再次提交。`);
    expect(await casesOf('马玉兰')).toHaveLength(1);
    expect(await submit(page).isDisabled()).toBe(true);
    await page.context().close();
  });

  it('should check again as the page is reloaded with its draft marked 结果未知, and name the case it finds', async () => {
    // given a 提交受理 whose answer was lost after the engine started the case, its check failing: the draft marked
    const page = await t.loginAs(CLERK);
    await openStartForm(page);
    await fillForm(page, '马桂兰');
    const sent = await routeStarts(page, () => 'lost after the engine');
    const searchFails = (route: Route) => route.abort('timedout');
    await page.route('**/v2/process-instances/search', searchFails);
    await submit(page).click();
    await expect.poll(() => checkNote(page).innerText(), { timeout: 15_000 }).toContain('无法核对此前的提交是否已受理');
    const [marked] = (await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('private:tasklist.draft:')).map((key) => sessionStorage.getItem(key) ?? ''))).map(
      (value) => JSON.parse(value) as { uncertain?: boolean; reference?: string },
    );
    expect(marked).toMatchObject({ uncertain: true, reference: sent[0] });

    // when the search answers again and the page is reloaded
    await page.unroute('**/v2/process-instances/search', searchFails);
    await page.reload();

    // then the page checks by the draft's reference and names the case; the draft is done, nothing sent again
    const [started] = await casesOf('马桂兰');
    await expect.poll(() => page.locator('.start-form .banner.ok').innerText(), { timeout: 15_000 }).toBe(`核对结果：此前的提交已受理，件号 ${started}，无需再次提交。`);
    await expect.poll(() => drafts(page)).toEqual([]);
    expect(await submit(page).isDisabled()).toBe(true);
    expect(sent).toHaveLength(1);
    expect(await casesOf('马桂兰')).toHaveLength(1);
    await page.context().close();
  });
});

describe('新办件: a 提交受理 still under way as the page goes', { timeout: 120_000 }, () => {
  it('should bring the draft back after a reload marked with the reference it was sent with, check it, and retry with the same', async () => {
    // given the clerk's form filled in, and the first 提交受理 held on its way (no answer yet)
    const page = await t.loginAs(CLERK, undefined, { clock: true });
    await openStartForm(page);
    await fillForm(page, '马春兰');
    const sent: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/v2/process-instances', async (route: Route, request: Request) => {
      if (request.method() !== 'POST') return route.continue();
      sent.push((request.postDataJSON() as { variables: Record<string, string> }).variables[REFERENCE]!);
      if (sent.length > 1) return route.continue();
      // (held until the test ends: the page is reloaded before any answer; the request never reaches the engine)
      await held;
      return route.abort('timedout').catch(() => undefined);
    });
    await submit(page).click();
    await expect.poll(() => sent.length).toBe(1);

    // then before any answer the tab's draft is already marked with the reference sent — what a duplicated tab, or
    // a tab closed and reopened (its storage kept, no answer ever handled), brings back —, though the page shows 正在提交
    const [stored] = (await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('private:tasklist.draft:')).map((key) => sessionStorage.getItem(key) ?? ''))).map(
      (value) => JSON.parse(value) as { uncertain?: boolean; reference?: string },
    );
    expect(stored).toMatchObject({ uncertain: true, reference: sent[0] });
    expect(await page.locator('.start-form').innerText()).not.toContain('结果未知');

    // when she reloads the page while it is under way
    await page.reload();

    // then the draft comes back and the page checks by its reference: no case, so she may submit again
    await asTheCheckRuns(page, () => checkNote(page).innerText()).toContain('未查到此前提交的案件');
    expect(await page.getByLabel('参保人姓名').inputValue()).toBe('马春兰');
    await submit(page).click();

    // and exactly one case starts, carrying the same 提交识别码
    await page.locator('.task-detail').waitFor({ timeout: 20_000 });
    expect(await casesOf('马春兰')).toHaveLength(1);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    release();
    await page.unrouteAll({ behavior: 'wait' });
    await page.context().close();
  });
});

describe('新办件: the case started, its first task unread', { timeout: 120_000 }, () => {
  it('should say the case started and that its next step could not be read, not that 提交受理 went unanswered', async () => {
    // given the clerk's form filled in, 提交受理 answered, and the search for the case's first task failing
    const page = await t.loginAs(CLERK);
    await openStartForm(page);
    await fillForm(page, '马夏兰');
    const sent = await routeStarts(page, () => 'answered');
    await page.route('**/v2/user-tasks/search', (route: Route) => route.abort('failed'));

    // when she submits
    await submit(page).click();

    // then the page names the case and says its next step could not be read; no 结果未知, no check, nothing sent again
    await expect.poll(() => casesOf('马夏兰')).toHaveLength(1);
    const [started] = await casesOf('马夏兰');
    // (the banner says 已提交 while the first task is read — 正在等待… —, then that it could not be read)
    await expect.poll(() => page.locator('.start-form .banner.ok').innerText(), { timeout: 15_000 }).toContain('暂时无法读取下一环节');
    expect(await page.locator('.start-form .banner.ok').innerText()).toContain(`已提交，件号 ${started}`);
    expect(await page.locator('.start-form').innerText()).not.toContain('未得到答复');
    expect(await checkNote(page).innerText()).toBe('');
    expect(await submit(page).isDisabled()).toBe(true);
    expect(sent).toHaveLength(1);
    await page.context().close();
  });
});

describe('新办件: 重新核对 from the keyboard', { timeout: 120_000 }, () => {
  it('should keep the focus on 重新核对 (greyed) while it asks, and put it on the title once told', async () => {
    // given a check that could not be made after a lost answer
    const page = await t.loginAs(CLERK);
    await openStartForm(page);
    await fillForm(page, '马秋兰');
    await routeStarts(page, () => 'lost after the engine');
    const searchFails = (route: Route) => route.abort('timedout');
    await page.route('**/v2/process-instances/search', searchFails);
    await submit(page).click();
    await expect.poll(() => checkNote(page).innerText(), { timeout: 15_000 }).toContain('无法核对此前的提交是否已受理');

    // when the search answers again, slowly, and she presses 重新核对 with the keyboard
    await page.unroute('**/v2/process-instances/search', searchFails);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/v2/process-instances/search', async (route: Route) => {
      await held;
      return route.continue();
    });
    await page.getByRole('button', { name: '重新核对' }).focus();
    await page.keyboard.press('Enter');

    // then while it asks the button stays, greyed, with her focus on it
    await expect.poll(() => checkNote(page).innerText()).toContain('正在核对此前的提交是否已受理');
    const focused = () => page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.textContent ?? ''}:${document.activeElement?.getAttribute('aria-disabled') ?? ''}`);
    expect(await focused()).toBe('BUTTON:重新核对:true');

    // and once the case is named, her focus is on the form's title
    release();
    await expect.poll(() => page.locator('.start-form .banner.ok').innerText(), { timeout: 15_000 }).toContain('核对结果：此前的提交已受理');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.context().close();
  });
});

describe('新办件: a retry after a check that found nothing yet', { timeout: 120_000 }, () => {
  it('should search once more right before it goes, and name the case a lagging search had not shown', async () => {
    // given a lost answer after the engine started the case, and the check's searches lagging (they see no case)
    const page = await t.loginAs(CLERK, undefined, { clock: true });
    await openStartForm(page);
    await fillForm(page, '马冬兰');
    const sent = await routeStarts(page, () => 'lost after the engine');
    let lagging = true;
    await page.route('**/v2/process-instances/search', async (route: Route, request: Request) => {
      if (!lagging) return route.continue();
      // (the search as a lagging index answers it: no case with that reference yet)
      const body = request.postDataJSON() as { filter: { variables: { name: string; value: string }[] } };
      body.filter.variables = [{ name: REFERENCE, value: JSON.stringify('not-yet-indexed') }];
      return route.continue({ postData: JSON.stringify(body) });
    });
    await submit(page).click();
    await asTheCheckRuns(page, () => checkNote(page).innerText()).toContain('暂未查到此前提交的案件');
    expect(await casesOf('马冬兰')).toHaveLength(1);

    // when the search has caught up and she submits again
    lagging = false;
    await submit(page).click();

    // then the page names the case instead of starting a second one
    const [started] = await casesOf('马冬兰');
    await expect.poll(() => page.locator('.start-form .banner.ok').innerText(), { timeout: 15_000 }).toBe(`核对结果：此前的提交已受理，件号 ${started}，无需再次提交。`);
    expect(sent).toHaveLength(1);
    expect(await casesOf('马冬兰')).toHaveLength(1);
    expect(await drafts(page)).toEqual([]);
    await page.context().close();
  });
});

describe('新办件: typing sent unanswered beside another visit’s draft', { timeout: 120_000 }, () => {
  it('should check it after a reload that shows it beside the offered draft, and retry with its own reference', async () => {
    // given the clerk's draft for 马春梅 (this visit left unsent), and 新办件 opened again while /me fails
    const page = await t.loginAs(CLERK, undefined, { clock: true });
    await openStartForm(page);
    await fillForm(page, '马春梅');
    await expect.poll(() => drafts(page), { timeout: 5_000 }).toHaveLength(1);
    const meFails = (route: Route) => route.abort('internetdisconnected');
    await page.route('**/v2/authentication/me', meFails);
    await openStartForm(page);
    await page.locator('.draft-unconfirmed').waitFor({ timeout: 10_000 });

    // when she fills it for 马春燕 and submits, the request lost before the engine and the check failing
    await fillForm(page, '马春燕');
    const sent = await routeStarts(page, (attempt) => (attempt === 1 ? 'lost before the engine' : 'answered'));
    const searchFails = (route: Route) => route.abort('timedout');
    await page.route('**/v2/process-instances/search', searchFails);
    await submit(page).click();
    await expect.poll(() => checkNote(page).innerText(), { timeout: 15_000 }).toContain('无法核对此前的提交是否已受理');

    // and the page is reloaded with /me and the search answering
    await page.unroute('**/v2/authentication/me', meFails);
    await page.unroute('**/v2/process-instances/search', searchFails);
    await page.reload();

    // then her typing, shown beside the offered draft of 马春梅, is checked by its reference: no case yet
    await asTheCheckRuns(page, () => checkNote(page).innerText()).toContain('暂未查到此前提交的案件');
    expect(await page.getByLabel('参保人姓名').inputValue()).toBe('马春燕');

    // and the next 提交受理 starts one case for 马春燕, carrying the reference first sent; 马春梅 has none
    await submit(page).click();
    await expect.poll(() => casesOf('马春燕'), { timeout: 20_000 }).toHaveLength(1);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    expect(await casesOf('马春梅')).toEqual([]);
    await page.context().close();
  });
});

/** Signs `username` in on the page's login page (demo password); the task list comes back where the tab was. */
async function signIn(page: Page, username: string): Promise<void> {
  await submitLogin(page, username);
  await page.locator('.app-shell').waitFor();
}

async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.locator('.login-page').waitFor();
}

describe('新办件: a logout before the outcome of 提交受理 is settled', { timeout: 120_000 }, () => {
  it('should check the reference after her next login and name the case it started; a colleague on the tab is neither told nor blocked', async () => {
    // given a lost answer after the engine started the case, and the check failing
    const page = await t.loginAs(CLERK);
    await openStartForm(page);
    await fillForm(page, '马晓兰');
    const sent = await routeStarts(page, () => 'lost after the engine');
    const searchFails = (route: Route) => route.abort('timedout');
    await page.route('**/v2/process-instances/search', searchFails);
    await submit(page).click();
    await expect.poll(() => checkNote(page).innerText(), { timeout: 15_000 }).toContain('无法核对此前的提交是否已受理');

    // when she logs out (her draft goes with her private data), the search answering again
    await logOut(page);
    await page.unroute('**/v2/process-instances/search', searchFails);
    expect(await drafts(page)).toEqual([]);
    const kept = await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('tasklist.unsettled-start:')).map((key) => sessionStorage.getItem(key) ?? ''));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toContain(sent[0]);
    expect(kept[0]).not.toContain('马晓兰');
    expect(kept[0]).not.toContain('13997110003');

    // and a colleague signs in on the tab: the same form, nothing checked for her, 提交受理 hers to use
    await signIn(page, ONLY_WINDOW_CLERK);
    await page.locator('.start-form .fjs-form').waitFor();
    expect(await checkNote(page).innerText()).toBe('');
    expect(await submit(page).isEnabled()).toBe(true);
    await logOut(page);

    // when the clerk signs in again
    await signIn(page, CLERK);

    // then the page checks the reference kept and names the case; the form is empty, for another application
    const [started] = await casesOf('马晓兰');
    await expect.poll(() => checkNote(page).innerText(), { timeout: 15_000 }).toBe(`核对结果：此前一次未确认结果的提交已受理，件号 ${started}，请勿再次受理同一申请。本页可办理其他申请。`);
    expect(await page.getByLabel('参保人姓名').inputValue()).toBe('');
    expect(await submit(page).isEnabled()).toBe(true);
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('tasklist.unsettled-start:')))).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(await casesOf('马晓兰')).toHaveLength(1);
    await page.context().close();
  });

  it('should say after her next login that a start whose check was under way did not happen, and that its form was cleared', async () => {
    // given a 提交受理 lost before it reached the engine, and the check's search held (under way)
    const page = await t.loginAs(CLERK, undefined, { clock: true });
    await openStartForm(page);
    await fillForm(page, '马晓梅');
    const sent = await routeStarts(page, (attempt) => (attempt === 1 ? 'lost before the engine' : 'answered'));
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const searchHeld = async (route: Route) => {
      await held;
      return route.abort('timedout').catch(() => undefined);
    };
    await page.route('**/v2/process-instances/search', searchHeld);
    await submit(page).click();
    await expect.poll(() => checkNote(page).innerText()).toContain('正在核对此前的提交是否已受理');

    // when she logs out while it runs, and signs in again
    await logOut(page);
    release();
    await page.unroute('**/v2/process-instances/search', searchHeld);
    await signIn(page, CLERK);

    // then the page checks first — 提交受理 off meanwhile —, finds no case, and says the earlier form was cleared
    await asTheCheckRuns(page, () => checkNote(page).innerText()).toBe('核对结果：暂未查到此前一次未确认结果的提交的案件（查询结果可能稍有滞后，请先在任务列表核对）。该次提交填写的内容已清除（本机不保留个人信息），如确未受理，请重新填写后提交受理。');
    expect(await page.getByLabel('参保人姓名').inputValue()).toBe('');
    expect(await casesOf('马晓梅')).toEqual([]);

    // and once she fills it in again, 提交受理 starts exactly one case, with a reference of its own
    await fillForm(page, '马晓梅');
    await submit(page).click();
    await page.locator('.task-detail').waitFor({ timeout: 20_000 });
    expect(await casesOf('马晓梅')).toHaveLength(1);
    expect(sent).toHaveLength(2);
    expect(sent[1]).not.toBe(sent[0]);
    await page.context().close();
  });

  it('should keep the case an earlier 提交受理 started in sight while the next earlier one is checked', async () => {
    // given two earlier 提交受理 of hers with their outcomes unsettled (as a duplicated tab keeps them): the older one
    // started its case, the newer one never reached the engine
    const page = await t.loginAs(CLERK, undefined, { clock: true });
    const [startedRef, lostRef] = ['5f0c2b1e-8a4d-4c3e-9b2a-7d6e5f4a3b21', '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'];
    const created = await t.harness.fixture.fetch('/v2/process-instances', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ processDefinitionId: PROCESS_ID, variables: { personName: '马春梅', phone: '13997110003', [REFERENCE]: startedRef } }),
    });
    expect(created.status).toBe(200);
    const started = ((await created.json()) as { processInstanceKey: string }).processInstanceKey;
    await page.evaluate(
      ({ username, processId, references }) => {
        references.forEach((reference, i) => {
          const record = { username, processId, reference, sentAt: Date.now() - (references.length - i) * 60_000 };
          sessionStorage.setItem(`tasklist.unsettled-start:${username}:${processId}:${reference}`, JSON.stringify(record));
        });
      },
      { username: CLERK, processId: PROCESS_ID, references: [startedRef, lostRef] },
    );

    // when she opens 新办件 of that process
    await openStartForm(page);

    // then the newer one's check says it found nothing, and the older one's 件号 is still on the page
    await asTheCheckRuns(page, () => checkNote(page).innerText()).toContain('暂未查到此前一次未确认结果的提交的案件');
    expect(await page.locator('.earlier-answers li').allInnerTexts()).toEqual([`核对结果：此前一次未确认结果的提交已受理，件号 ${started}，请勿再次受理同一申请。本页可办理其他申请。`]);
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('tasklist.unsettled-start:')))).toEqual([]);
    await page.context().close();
  });
});

describe('新办件: a logout while 提交受理 is still under way', { timeout: 120_000 }, () => {
  it('should wait after her next login for the request still going, name the case it starts, and never say it did not happen', async () => {
    // given a 提交受理 whose request is held on its way (no answer yet; the client sets no time limit; the engine
    // applies it only after her logout)
    const page = await t.loginAs(CLERK, undefined, { clock: true });
    await openStartForm(page);
    await fillForm(page, '马晓红');
    const { sent, release } = await holdStart(page);

    // when she logs out while it goes, and signs in again
    const searching = new Set<Request>();
    const isSearch = (request: Request) => request.url().endsWith('/v2/process-instances/search');
    page.on('request', (request) => isSearch(request) && searching.add(request));
    page.on('requestfinished', (request) => searching.delete(request));
    page.on('requestfailed', (request) => searching.delete(request));
    await logOut(page);
    await signIn(page, CLERK);

    // then the page checks the kept reference and, 9 s on (longer than a check's searches take) with the request
    // still going, keeps waiting for it — 提交受理 off —, not saying the application was not accepted
    await expect.poll(() => checkNote(page).innerText()).toContain('正在核对此前一次未确认结果的提交是否已受理');
    // (the page's time run on 9 s, a second at a time, any search it sends meanwhile answered before the next)
    for (let second = 0; second < 9; second += 1) {
      await page.clock.runFor(1_000);
      await expect.poll(() => searching.size).toBe(0);
    }
    expect(await checkNote(page).innerText()).toContain('正在核对此前一次未确认结果的提交是否已受理');
    expect(await submit(page).isDisabled()).toBe(true);

    // and once the request starts its case, the page names it; one case, one request
    release();
    await expect.poll(() => casesOf('马晓红'), { timeout: 15_000 }).toHaveLength(1);
    const [started] = await casesOf('马晓红');
    await expect.poll(() => checkNote(page).innerText(), { timeout: 15_000 }).toContain(`件号 ${started}`);
    expect(await submit(page).isEnabled()).toBe(true);
    expect(sent).toHaveLength(1);
    await page.unrouteAll({ behavior: 'wait' });
    await page.context().close();
  });
});

describe('新办件: a 提交受理 answered after she left its page', { timeout: 120_000 }, () => {
  it('should tell her where she is that the application was accepted, with its 件号, until she closes the note', async () => {
    // given a 提交受理 whose request is held on its way (a slow engine)
    const page = await t.loginAs(CLERK, undefined, { clock: true });
    await openStartForm(page);
    await fillForm(page, '韩雪梅');
    const { sent, release } = await holdStart(page);

    // when she leaves the page while it goes (back to the list of 新办件), and the engine answers then
    await page.getByRole('link', { name: /返回事项列表/ }).click();
    await page.getByRole('button', { name: '办理 提交核对测试事项', exact: true }).waitFor();
    const message = page.getByTestId('message');
    expect(await message.count()).toBe(0);
    release();

    // then she is told on the page she is on, with the case's 件号
    await expect.poll(() => casesOf('韩雪梅'), { timeout: 15_000 }).toHaveLength(1);
    const [started] = await casesOf('韩雪梅');
    await expect.poll(() => message.innerText(), { timeout: 15_000 }).toContain(`申请已受理，件号 ${started}，请勿再次受理同一申请。`);
    expect(await message.locator('[role="status"]').count()).toBe(1);

    // and the note stays past the few seconds other confirmations show, until she closes it
    await page.clock.runFor(20_000);
    expect(await message.innerText()).toContain(`件号 ${started}`);
    await message.getByRole('button', { name: '知道了' }).click();
    await expect.poll(() => message.count()).toBe(0);
    expect(sent).toHaveLength(1);
    await page.unrouteAll({ behavior: 'wait' });
    await page.context().close();
  });
});

describe('新办件: 放弃 of an offered draft marked 结果未知', { timeout: 120_000 }, () => {
  it('should check the reference the draft carried once it is given up, and name the case it started', async () => {
    // given a lost answer after the engine started the case, and the check failing
    const page = await t.loginAs(CLERK);
    await openStartForm(page);
    await fillForm(page, '马晓霞');
    const sent = await routeStarts(page, () => 'lost after the engine');
    const searchFails = (route: Route) => route.abort('timedout');
    await page.route('**/v2/process-instances/search', searchFails);
    await submit(page).click();
    await expect.poll(() => checkNote(page).innerText(), { timeout: 15_000 }).toContain('无法核对此前的提交是否已受理');
    await page.unroute('**/v2/process-instances/search', searchFails);

    // and the form opened again (the next applicant): the draft offered, its reference not checked, 提交受理 on
    await openStartForm(page);
    await page.getByRole('button', { name: '恢复' }).waitFor({ timeout: 10_000 });
    expect(await checkNote(page).innerText()).toBe('');

    // when she gives the offered draft up
    await page.getByRole('button', { name: '放弃', exact: true }).click();
    await page.getByRole('button', { name: '确定放弃' }).click();

    // then the page checks the reference that draft carried — 提交受理 off meanwhile — and names its case
    const [started] = await casesOf('马晓霞');
    await expect.poll(() => checkNote(page).innerText(), { timeout: 15_000 }).toBe(`核对结果：此前一次未确认结果的提交已受理，件号 ${started}，请勿再次受理同一申请。本页可办理其他申请。`);
    expect(await submit(page).isEnabled()).toBe(true);
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('tasklist.unsettled-start:')))).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(await casesOf('马晓霞')).toHaveLength(1);
    await page.context().close();
  });
});

/**
 * The page after a reload with two things sent unanswered: the draft of an earlier visit of the form for `offered`
 * (its case started, its check failed: offered, marked 结果未知), and this visit's typing for `typed`, sent while /me
 * failed (kept beside that draft) and lost as `second` says; the reload's check of the typing is under way as it
 * returns, its searches passed to the handler `searchAfterReload` makes of the starts' references (in order, returned).
 */
async function twoSentUnanswered(
  page: Page,
  offered: string,
  typed: string,
  second: 'lost after the engine' | 'lost before the engine',
  searchAfterReload: (sent: readonly string[]) => (route: Route, request: Request) => Promise<void>,
): Promise<string[]> {
  await openStartForm(page);
  await fillForm(page, offered);
  await expect.poll(() => drafts(page), { timeout: 5_000 }).toHaveLength(1);
  const sent = await routeStarts(page, (attempt) => (attempt === 1 ? 'lost after the engine' : second));
  const searchFails = (route: Route) => route.abort('timedout');
  await page.route('**/v2/process-instances/search', searchFails);
  await submit(page).click();
  await expect.poll(() => checkNote(page).innerText(), { timeout: 15_000 }).toContain('无法核对此前的提交是否已受理');

  const meFails = (route: Route) => route.abort('internetdisconnected');
  await page.route('**/v2/authentication/me', meFails);
  await openStartForm(page);
  await page.locator('.draft-unconfirmed').waitFor({ timeout: 10_000 });
  await fillForm(page, typed);
  await submit(page).click();
  await expect.poll(() => checkNote(page).innerText(), { timeout: 15_000 }).toContain('无法核对此前的提交是否已受理');
  expect(sent).toHaveLength(2);

  await page.unroute('**/v2/authentication/me', meFails);
  await page.unroute('**/v2/process-instances/search', searchFails);
  await page.route('**/v2/process-instances/search', searchAfterReload(sent));
  await page.reload();
  await page.getByRole('button', { name: '恢复' }).waitFor({ timeout: 10_000 });
  expect(await page.locator('.draft-note').innerText()).toContain('上次提交结果未知');
  return sent;
}

/**
 * From here on, the page's reading of the next case search's answer (its body parsed) is noted; {@link searchAnswerTaken}
 * resolves a task after that — once every microtask that follows it has run: what the check does with a search's answer,
 * up to its next request or timer (findStartedCase, checkOutcome in new-case.tsx), and the render of what it changed.
 */
async function noteSearchAnswerTaken(page: Page): Promise<void> {
  await page.evaluate(() => {
    const json = Response.prototype.json;
    (window as unknown as { searchAnswerTaken: Promise<void> }).searchAnswerTaken = new Promise<void>((resolve) => {
      Response.prototype.json = function (this: Response) {
        const parsed = json.call(this) as Promise<unknown>;
        if (this.url.endsWith('/v2/process-instances/search')) {
          Response.prototype.json = json;
          // (a message's task comes after the microtasks of the answer's handling)
          const after = new MessageChannel();
          after.port1.onmessage = () => resolve();
          void parsed.then(() => after.port2.postMessage(null));
        }
        return parsed;
      };
    });
  });
}

/** Resolves once the answer {@link noteSearchAnswerTaken} watches for was taken by the page (see there). */
async function searchAnswerTaken(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { searchAnswerTaken: Promise<void> }).searchAnswerTaken);
}

/** The reference a case search of the page looks for. */
const searchedReference = (request: Request) => JSON.parse((request.postDataJSON() as { filter: { variables: { value: string }[] } }).filter.variables[0]!.value) as string;

describe('新办件: 恢复 of a draft marked 结果未知 on a page that checked its own', { timeout: 120_000 }, () => {
  it('should check the restored draft by its own reference after the page’s check found nothing, and name its case', async () => {
    // given the typing's check, after the reload, found no case (it never reached the engine); 马雪梅's draft offered
    const page = await t.loginAs(CLERK, undefined, { clock: true });
    const sent = await twoSentUnanswered(page, '马雪梅', '马雪莲', 'lost before the engine', () => (route) => route.continue());
    await asTheCheckRuns(page, () => checkNote(page).innerText()).toContain('暂未查到此前提交的案件');
    expect(await submit(page).isEnabled()).toBe(true);

    // when she restores the offered draft
    await page.getByRole('button', { name: '恢复' }).click();

    // then the page checks it by its own reference — not the one checked before — and names its case; nothing is sent
    const [started] = await casesOf('马雪梅');
    await expect.poll(() => page.locator('.start-form .banner.ok').innerText(), { timeout: 15_000 }).toBe(`核对结果：此前的提交已受理，件号 ${started}，无需再次提交。`);
    expect(await variableOf(started!, REFERENCE)).toBe(sent[0]);
    expect(await checkNote(page).innerText()).toBe('');
    expect(await submit(page).isDisabled()).toBe(true);
    expect(sent).toHaveLength(2);
    expect(await casesOf('马雪梅')).toHaveLength(1);
    expect(await casesOf('马雪莲')).toEqual([]);
    await page.unrouteAll({ behavior: 'wait' });
    await page.context().close();
  });

  it('should drop the answer of the check under way when 恢复 starts the restored draft’s own: the note speaks of the draft on screen', async () => {
    // given the reload's check of the typing (its case started) held, and 马雪芳's draft offered
    const page = await t.loginAs(CLERK);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const sent = await twoSentUnanswered(page, '马雪芳', '马雪琴', 'lost after the engine', (references) => async (route, request) => {
      if (searchedReference(request) === references[1]) await held;
      return route.continue().catch(() => undefined);
    });
    const typedReference = sent[1];
    await expect.poll(() => checkNote(page).innerText()).toContain('正在核对此前的提交是否已受理');

    // when she restores the offered draft while that check runs, and its check names 马雪芳's case
    await page.getByRole('button', { name: '恢复' }).click();
    const [offeredCase] = await casesOf('马雪芳');
    await expect.poll(() => page.locator('.start-form .banner.ok').innerText(), { timeout: 15_000 }).toBe(`核对结果：此前的提交已受理，件号 ${offeredCase}，无需再次提交。`);

    // and then the older check's search answers (finding 马雪琴's case), and the page has taken that answer
    const answered = page.waitForResponse((response) => response.url().endsWith('/v2/process-instances/search') && searchedReference(response.request()) === typedReference);
    await noteSearchAnswerTaken(page);
    release();
    await answered;
    await searchAnswerTaken(page);

    // then the page still speaks of 马雪芳's case, the draft on screen; nothing is sent again
    expect(await page.locator('.start-form .banner.ok').innerText()).toBe(`核对结果：此前的提交已受理，件号 ${offeredCase}，无需再次提交。`);
    expect(await checkNote(page).innerText()).toBe('');
    expect(sent).toHaveLength(2);
    expect(await casesOf('马雪芳')).toHaveLength(1);
    expect(await casesOf('马雪琴')).toHaveLength(1);
    await page.unrouteAll({ behavior: 'wait' });
    await page.context().close();
  });
});
