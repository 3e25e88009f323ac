/**
 * How a case ended and its deadline on the monitor in headless Chromium, against the real engine and read model:
 * a case that ended at a 不予受理 end event reads 不予受理 in 案件查询 (状态 and 办理结果, the end event's own
 * words) and on its page, and 首页 counts it apart — neither 受理 nor 办结, outside 按时办结率; the case page shows
 * 办理时限届满日 and the working days left (or 按时办结); 案件查询 refuses a case number that is no number at its
 * field and shows no old list under it; its variable picker fills the technical name from a Chinese label; an earlier
 * search's 办理结果 answering last does not replace the newer search's list; a running case refused at intake (its
 * notice waiting to be handed over) reads 不予受理 and 无时限 on its page — but a 即时办结 case a clerk refused keeps
 * its registration day as its deadline, as the monitor's figures count it (web-shared/src/dates/case-due.ts).
 */
import type { Page, Request, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flow, bpmnProcess } from '../support/bpmn.js';
import { MANAGER, startMonitorHarness } from '../support/monitor-browser.js';
import type { TasklistHarness } from '../support/tasklist-browser.js';

/** A stand-in under FC02's id (the catalogue's 新增、恢复缴费, 5 个工作日): the start's decision picks the end. */
const PROCESS_ID = 'xining-fc02-employee-enrolment';
const model = bpmnProcess(
  PROCESS_ID,
  `<bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="decided" default="fWait"/>
   <bpmn:endEvent id="endNotAccepted" name="不予受理"/><bpmn:endEvent id="endRegistered" name="新增、恢复缴费办结"/>
   <bpmn:serviceTask id="wait"><bpmn:extensionElements><zeebe:taskDefinition type="monitor-test-nobody-works-this"/></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:endEvent id="end"/>
   ${flow('f1', 'start', 'decided')}${flow('fRejected', 'decided', 'endNotAccepted', '=firstReviewDecision = "rejected"')}
   ${flow('fApproved', 'decided', 'endRegistered', '=firstReviewDecision = "approved"')}${flow('fWait', 'decided', 'wait')}${flow('f2', 'wait', 'end')}`,
  '新增、恢复缴费',
);

/** A stand-in under FC12's id (即时办结): it waits, whatever its variables say. */
const SAME_DAY_ID = 'xining-fc12-resident-enrolment';
const sameDayModel = bpmnProcess(
  SAME_DAY_ID,
  `<bpmn:startEvent id="start"/>
   <bpmn:serviceTask id="wait"><bpmn:extensionElements><zeebe:taskDefinition type="monitor-test-nobody-works-this"/></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:endEvent id="end"/>
   ${flow('f1', 'start', 'wait')}${flow('f2', 'wait', 'end')}`,
  '城乡居民参保登记',
);

let t: TasklistHarness;
let page: Page;
const cases = { refused: '', approved: '', open: '' };
const sent: Request[] = [];
// the clock is pinned to Monday 2026-03-02: 03-09 is 5 working days on
const dates = { acceptedAt: '2026-03-02', deadlineDate: '2026-03-09' };

beforeAll(async () => {
  t = await startMonitorHarness({ [PROCESS_ID]: model, [SAME_DAY_ID]: sameDayModel });
  cases.refused = await t.harness.start(PROCESS_ID, { personName: '韩梅', firstReviewDecision: 'rejected', ...dates });
  cases.approved = await t.harness.start(PROCESS_ID, { personName: '马秀兰', firstReviewDecision: 'approved', ...dates });
  cases.open = await t.harness.start(PROCESS_ID, { personName: '李建国', firstReviewDecision: 'pending', ...dates });
  page = await t.openMonitorAs(MANAGER);
  page.on('request', (request) => sent.push(request));
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

const row = (key: string) => page.locator(`[data-testid="instances"] tr[data-case="${key}"]`);

describe('how a case ended, and its deadline, on the monitor (/monitor) in Chromium', { timeout: 120_000 }, () => {
  it('should show a case ended at 不予受理 as 不予受理 in 案件查询 and on its page, in the process\'s own words', async () => {
    // when the manager lists the completed cases
    await page.goto(`${t.url}/monitor/instances?state=COMPLETED`);
    await expect.poll(() => page.locator('[data-testid="instances"] tbody tr').count(), { timeout: 20_000 }).toBe(2);

    // then each says how it ended
    expect(await page.locator('[data-testid="instances"] thead th').allInnerTexts()).toContain('办理结果');
    expect(await row(cases.refused).getByTestId('state').innerText()).toBe('不予受理');
    expect(await row(cases.refused).getByTestId('outcome').innerText()).toBe('不予受理');
    expect(await row(cases.approved).getByTestId('state').innerText()).toBe('已办结');
    expect(await row(cases.approved).getByTestId('outcome').innerText()).toBe('新增、恢复缴费办结');

    // and the refused case's page says so in its header
    await page.goto(`${t.url}/monitor/instances/${cases.refused}`);
    await expect.poll(() => page.getByTestId('instance-state').innerText(), { timeout: 20_000 }).toBe('不予受理');
    expect(await page.getByTestId('instance-outcome').innerText()).toBe('不予受理');
  });

  it('should show the deadline on the case page: 办理时限届满日 and the working days left, or 按时办结 once done', async () => {
    // when the manager opens the open case
    await page.goto(`${t.url}/monitor/instances/${cases.open}`);

    // then its header has the deadline and the working days left, counted as the task list counts them
    await expect.poll(() => page.getByTestId('remaining-working-days').innerText(), { timeout: 20_000 }).toBe('剩 5 个工作日');
    expect(await page.getByTestId('deadline-day').innerText()).toBe('2026-03-09');
    expect(await page.locator('.facts').innerText()).toMatch(/法定时限\s+5 个工作日/);

    // and the case completed today kept its deadline
    await page.goto(`${t.url}/monitor/instances/${cases.approved}`);
    await expect.poll(() => page.getByTestId('remaining-working-days').innerText(), { timeout: 20_000 }).toBe('按时办结');
  });

  it('should count 不予受理 apart on 首页: neither 受理 nor 办结, and outside 按时办结率', async () => {
    // when (the read model has read the cases and their outcomes: 首页 refreshes itself only every 30 s)
    await t.readModelCaughtUp();
    await page.goto(`${t.url}/monitor/`);

    // then
    const kpi = (id: string) => page.getByTestId(`kpi-${id}`).innerText();
    await expect.poll(() => kpi('notAccepted'), { timeout: 30_000 }).toBe('1');
    expect(await kpi('started')).toBe('2');
    expect(await kpi('completed')).toBe('1');
    expect(await kpi('onTimeRate')).toBe('100.0%');
    const fc02 = page.locator('[data-testid="process-table"] tr[data-row="xining-fc02-employee-enrolment"]');
    expect(await fc02.locator('[data-cell="notAccepted"]').innerText()).toBe('1');
  });

  it('should refuse a case number that is no number at its field, asking nothing and listing no old result under it', async () => {
    // given a list on the page
    await page.goto(`${t.url}/monitor/instances`);
    await expect.poll(() => page.locator('[data-testid="instances"] tbody tr').count(), { timeout: 20_000 }).toBe(3);
    sent.length = 0;

    // when she searches by a case number with letters in it
    await page.getByLabel('件号').fill('abc123');
    await page.getByRole('button', { name: '查询', exact: true }).click();

    // then the field says what is wrong, the old list is gone, and /v2 was not asked
    await expect.poll(() => page.locator('#instances-key-error').innerText()).toBe('件号应为数字');
    expect(await page.getByLabel('件号').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[data-testid="instances"]').count()).toBe(0);
    expect(sent.filter((request) => new URL(request.url()).pathname === '/v2/process-instances/search')).toHaveLength(0);

    // when she empties the field again (the conditions of the address, which did not change) and presses 查询
    await page.getByLabel('件号').fill('');
    await page.getByRole('button', { name: '查询', exact: true }).click();

    // then the list is searched and shown again, the field no longer marked
    await expect.poll(() => page.locator('[data-testid="instances"] tbody tr').count(), { timeout: 20_000 }).toBe(3);
    expect(await page.locator('#instances-key-error').count()).toBe(0);
    expect(sent.filter((request) => new URL(request.url()).pathname === '/v2/process-instances/search')).toHaveLength(1);

    // and an address with such a number lists nothing either
    await page.goto(`${t.url}/monitor/instances?key=abc123`);
    await expect.poll(() => page.locator('#instances-key-error').count()).toBe(1);
    expect(await page.locator('[data-testid="instances"]').count()).toBe(0);
  });

  it('should fill the variable name from the Chinese label she picks', async () => {
    // given
    await page.goto(`${t.url}/monitor/instances`);
    const picker = page.getByTestId('variable-picker');
    const option = picker.locator('option[value="personName"]');
    expect(await option.innerText()).toMatch(/[\u4e00-\u9fff]/);

    // when she picks the label of personName
    await picker.selectOption('personName');

    // then the 变量名 field holds the technical name, and a search by it finds the case
    expect(await page.getByLabel('变量名', { exact: true }).inputValue()).toBe('personName');
    await page.getByLabel('变量值').fill('韩梅');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => page.locator('[data-testid="instances"] tbody tr').count(), { timeout: 20_000 }).toBe(1);
    expect(await row(cases.refused).count()).toBe(1);
  });

  it('should keep the newer search\'s list, the earlier search\'s 办理结果 request aborted and never answered', async () => {
    // given a list on the page, and the 办理结果 search of the approved case held back
    await page.goto(`${t.url}/monitor/instances`);
    await expect.poll(() => page.locator('[data-testid="instances"] tbody tr').count(), { timeout: 20_000 }).toBe(3);
    const held: Route[] = [];
    await page.route('**/v2/element-instances/search', async (route) => {
      const body = route.request().postDataJSON() as { filter?: { processInstanceKey?: string } } | null;
      if (body?.filter?.processInstanceKey === cases.approved) held.push(route);
      else await route.continue();
    });
    try {
      // when she searches the approved case, and before its 办理结果 comes, the refused one
      await page.getByLabel('件号').fill(cases.approved);
      await page.getByRole('button', { name: '查询', exact: true }).click();
      await expect.poll(() => held.length, { timeout: 20_000 }).toBe(1);
      await page.getByLabel('件号').fill(cases.refused);
      await page.getByRole('button', { name: '查询', exact: true }).click();
      // (the list of three before it holds the refused case too: its one row, alone, is the newer search's list)
      await expect.poll(() => page.locator('[data-testid="instances"] tbody tr').count(), { timeout: 20_000 }).toBe(1);
      expect(await row(cases.refused).count()).toBe(1);

      // and the first search's held request is let go last
      const stale = held[0]!.request();
      for (const route of held) await route.continue().catch(() => undefined);

      // then that request has ended unanswered, aborted by the page when the newer search began (its fetch rejected
      // then, so no answer can reach the list after it: nothing to wait for)
      expect(await stale.response()).toBeNull();
      // and the list is still the refused case's
      expect(await page.locator('[data-testid="instances"] tbody tr').count()).toBe(1);
      expect(await row(cases.refused).count()).toBe(1);
      expect(await row(cases.approved).count()).toBe(0);
    } finally {
      await page.unroute('**/v2/element-instances/search');
    }
  });

  // last: the case it starts would change the counts above
  it('should show a case refused at intake, waiting for its notice to be handed over, as 不予受理 with 无时限', async () => {
    // given a running case with a 不予受理告知书 number and no 受理 time (FC18/FC22's late path at 送达不予受理告知书)
    const waiting = await t.harness.start(PROCESS_ID, { personName: '王某', firstReviewDecision: 'pending', refusalNoticeNumber: '西宁城中医保〔2026〕不予受理第0001号' });

    // when the manager opens its page
    await page.goto(`${t.url}/monitor/instances/${waiting}`);

    // then no limit will start: 受理日期 reads 不予受理 and the badge 无时限, as in the task list (not 受理后起算)
    await expect.poll(() => page.getByTestId('remaining-working-days').innerText(), { timeout: 20_000 }).toBe('无时限');
    expect(await page.locator('.facts').innerText()).toMatch(/受理日期\s+不予受理/);
  });

  it("should keep a 即时办结 case's registration day as its deadline when a clerk refused it at intake (不予受理), as the monitor's figures count it (case-due.unit.test.ts)", async () => {
    // given a running FC12 case with a 不予受理告知书 number and no 受理 time, registered today (2026-03-02)
    const refused = await t.harness.start(SAME_DAY_ID, { personName: '冶某', refusalNoticeNumber: '西宁城中医保〔2026〕不予受理第0002号' });

    // when the manager opens its page
    await page.goto(`${t.url}/monitor/instances/${refused}`);

    // then its deadline is the day it was registered (not 无时限: only FC17's system refusal has none)
    await expect.poll(() => page.getByTestId('remaining-working-days').innerText(), { timeout: 20_000 }).toBe('今日到期');
    expect(await page.getByTestId('deadline-day').innerText()).toBe('2026-03-02');
    expect(await page.getByTestId('accepted-day').innerText()).toBe('不予受理');
  });
});
