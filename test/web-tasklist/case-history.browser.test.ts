/**
 * The task page's case history (办理记录) in headless Chromium when the audit log cannot say what a completion set:
 * each completion's decision and reason come from the audit log's VARIABLE entries, and a completion without a value
 * there shows what the case holds — the step's latest completion only, so an earlier one of a step done twice shows
 * nothing rather than the later decision. Two ways a value is missing, both the engine's own: a value set by the
 * task's output mapping (the completion submitted another variable, so the audit log has no entry for this one),
 * and a value longer than the audit log keeps (an entry without a value). Who acted shows by name (张敏, not
 * `zhang-min`), from the session layer, as clerks may not read /v2/users. After a return and an approval that sets no
 * reason, the approval shows none (not the return's, which the case still holds), and a step's remark (`…Note`) shows.
 * An audit log the cluster refuses (403) leaves the page as without one: it opens, and says why rows are blank.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { DEMO_PASSWORD } from '../support/engine-fixture.js';
import { startTasklistWithModels, type TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'tasklist-history-fallback';
const FIRST_REVIEW = 'window-first-review';
const SECOND_REVIEW = 'window-second-review';
/** Longer than the 8,192 characters of a value the audit log keeps. */
const LONG_RETURN_REASON = `统筹基金支付录入有误，${'请核对票据。'.repeat(1_500)}`;
const LONG_APPROVAL_REASON = `材料齐全，${'同意支付。'.repeat(1_700)}`;

const userTask = (id: string, name: string, group: string, extra = '') =>
  `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="${group}"/>${extra}</bpmn:extensionElements></bpmn:userTask>`;

const model = bpmnProcess(
  PROCESS_ID,
  `<bpmn:startEvent id="start"/>
   ${userTask('check', '初审', FIRST_REVIEW, '<zeebe:ioMapping><zeebe:output source="=verdict" target="checkDecision"/></zeebe:ioMapping>')}
   ${userTask('review', '复审', SECOND_REVIEW)}
   <bpmn:exclusiveGateway id="returned" default="f5"/>
   ${userTask('archive', '归档', FIRST_REVIEW)}
   <bpmn:endEvent id="end"/>
   ${flow('f1', 'start', 'check')}${flow('f2', 'check', 'review')}${flow('f3', 'review', 'returned')}
   ${flow('f4', 'returned', 'review', '=reviewDecision = "returned"')}${flow('f5', 'returned', 'archive')}${flow('f6', 'archive', 'end')}`,
  '办理记录测试',
);

let t: TasklistHarness;

beforeAll(async () => {
  t = await startTasklistWithModels({ [PROCESS_ID]: model });
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

describe('the case history of the task list (/tasklist) in Chromium, without the audit log', { timeout: 120_000 }, () => {
  let clerk: Page;

  it('should show the case value for the latest completion of a step the audit log has no value for, and nothing for earlier ones', async () => {
    // given: 初审 decided through its output mapping; 复审 returned once, then approved, each reason too long to audit
    const h = t.harness;
    const caseKey = await h.start(PROCESS_ID, { caseNumber: 'CZ-2026-0311' });
    await h.complete(caseKey, 'check', { as: FIRST_REVIEW, variables: { verdict: 'approved' } });
    await h.complete(caseKey, 'review', { as: SECOND_REVIEW, variables: { reviewDecision: 'returned', reviewReason: LONG_RETURN_REASON } });
    await h.complete(caseKey, 'review', { as: SECOND_REVIEW, variables: { reviewDecision: 'approved', reviewReason: LONG_APPROVAL_REASON } });
    const archive = await h.waitForTask(caseKey, 'archive');
    const audit = await h.fixture.fetch('/v2/audit-logs/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filter: { processInstanceKey: caseKey, entityType: 'VARIABLE' } }) });
    const entries = ((await audit.json()) as { items: { entityDescription: string; variableValue: string | null }[] }).items;
    expect(entries.filter((entry) => entry.entityDescription === 'checkDecision')).toEqual([]);
    expect(entries.filter((entry) => entry.entityDescription === 'reviewReason').map((entry) => entry.variableValue)).toEqual([null, null]);

    // and 李静 of the same group has taken 归档
    const claimed = await h.fixture.fetch(`/v2/user-tasks/${archive.userTaskKey}/assignment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ assignee: 'li-jing' }),
      as: { username: 'li-jing', password: DEMO_PASSWORD },
    });
    expect(claimed.status).toBe(204);

    // when the clerk 张敏 opens the 归档 task
    clerk = await t.loginAs(h.userOf(FIRST_REVIEW));
    await clerk.goto(`${t.url}/tasklist/tasks/${archive.userTaskKey}`);
    await expect.poll(() => clerk.locator('table.history tbody tr').count()).toBe(3);

    // then: the decisions from the audit log where it has them, else from the case for each step's latest completion
    const rows = await clerk.locator('table.history tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
    expect(rows.map(([step, , , decision, reason]) => [step, decision, reason])).toEqual([
      ['初审', '同意', ''],
      ['复审', '退回', ''],
      ['复审', '同意', LONG_APPROVAL_REASON],
    ]);
  });

  it('should name the people who acted by their names, though a clerk may not read the users', async () => {
    // then 办理人 by name (the session layer's name-reader account reads them), and who holds the task
    await expect.poll(() => clerk.locator('table.history tbody tr td:nth-child(2)').allTextContents()).toEqual(['张敏', '王磊', '王磊']);
    await expect.poll(() => clerk.getByText('此任务由 李静 办理中，您只能查看').count()).toBe(1);
    expect(await clerk.locator('table.history').textContent()).not.toMatch(/zhang-min|wang-lei/);
  });

  it('should show after a 补正 loop only what each completion recorded: no earlier reason beside a later approval, and each step’s remark', async () => {
    // given: 初审 with a remark; 复审 returned with a reason, then approved with none (the hidden field is not
    // submitted), so the case still holds the return's reason
    const h = t.harness;
    const caseKey = await h.start(PROCESS_ID, { caseNumber: 'CZ-2026-0312' });
    await h.complete(caseKey, 'check', { as: FIRST_REVIEW, variables: { verdict: 'approved', entryReviewNote: '票据已逐张核对，金额无误。' } });
    await h.complete(caseKey, 'review', { as: SECOND_REVIEW, variables: { reviewDecision: 'returned', reviewReason: '缺参保人员有效身份证件复印件，请补交。' } });
    await h.complete(caseKey, 'review', { as: SECOND_REVIEW, variables: { reviewDecision: 'approved' } });
    const archive = await h.waitForTask(caseKey, 'archive');

    // when the clerk opens the 归档 task
    await clerk.goto(`${t.url}/tasklist/tasks/${archive.userTaskKey}`);
    await expect.poll(() => clerk.locator('table.history tbody tr').count()).toBe(3);

    // then the approval row has no reason (the case's reviewReason is the return's), and 初审's remark is shown
    const rows = await clerk.locator('table.history tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
    expect(rows.map(([step, , , decision, reason]) => [step, decision, reason])).toEqual([
      ['初审', '同意', '说明：票据已逐张核对，金额无误。'],
      ['复审', '退回', '缺参保人员有效身份证件复印件，请补交。'],
      ['复审', '同意', ''],
    ]);
    // with the audit log read whole, no note under the table
    expect(await clerk.locator('.history-without-audit').count()).toBe(0);
  });

  it('should open the task when the audit log is refused (403), with the history it can show without it and a note why rows are blank', async () => {
    // given a return and an approval that sets no reason, the case holding the return's reason
    const h = t.harness;
    const caseKey = await h.start(PROCESS_ID, { caseNumber: 'CZ-2026-0313' });
    await h.complete(caseKey, 'check', { as: FIRST_REVIEW, variables: { verdict: 'approved' } });
    await h.complete(caseKey, 'review', { as: SECOND_REVIEW, variables: { reviewDecision: 'returned', reviewReason: '缺参保人员有效身份证件复印件，请补交。' } });
    await h.complete(caseKey, 'review', { as: SECOND_REVIEW, variables: { reviewDecision: 'approved' } });
    const archive = await h.waitForTask(caseKey, 'archive');

    // when the cluster refuses the clerk its audit log (as Camunda 8.9 may) and she opens the 归档 task
    let refused = 0;
    await clerk.route('**/audit-logs/search', (route) => {
      refused++;
      return route.fulfill({ status: 403, contentType: 'application/problem+json', body: JSON.stringify({ status: 403, title: 'FORBIDDEN', detail: 'Unauthorized to perform operation SEARCH on resource AUDIT_LOG' }) });
    });
    try {
      await clerk.goto(`${t.url}/tasklist/tasks/${archive.userTaskKey}`);
      await expect.poll(() => clerk.locator('table.history tbody tr').count()).toBe(3);

      // then the page opened; the return's reason is beside neither 复审 row, the approval keeps its decision, and the page says why
      expect(refused).toBeGreaterThan(0);
      const rows = await clerk.locator('table.history tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
      expect(rows.map(([step, , , decision, reason]) => [step, decision, reason])).toEqual([
        ['初审', '同意', ''],
        ['复审', '—', ''],
        ['复审', '同意', ''],
      ]);
      expect(await clerk.locator('.history-without-audit').innerText()).toBe('当前系统未提供审计日志：同一环节多次办理时，只显示最近一次的意见');
      expect(await clerk.getByText('正在打开任务').count()).toBe(0);
    } finally {
      await clerk.unroute('**/audit-logs/search');
    }
  });

  it('should open the task without waiting for 办理记录: its audit log answering late, the history follows', async () => {
    // given a case at 归档
    const h = t.harness;
    const caseKey = await h.start(PROCESS_ID, { caseNumber: 'CZ-2026-0314' });
    await h.complete(caseKey, 'check', { as: FIRST_REVIEW, variables: { verdict: 'approved' } });
    await h.complete(caseKey, 'review', { as: SECOND_REVIEW, variables: { reviewDecision: 'approved' } });
    const archive = await h.waitForTask(caseKey, 'archive');

    // when the audit log does not answer yet as the clerk opens the task
    let answer: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (answer = resolve));
    await clerk.route('**/audit-logs/search', async (route) => {
      await held;
      // (the route may be gone by then: the page moved on)
      await route.continue().catch(() => undefined);
    });
    try {
      await clerk.goto(`${t.url}/tasklist/tasks/${archive.userTaskKey}`);

      // then the task is open, 办理记录 still loading
      await clerk.getByRole('heading', { name: '材料清单' }).waitFor();
      expect(await clerk.getByText('正在打开任务…').count()).toBe(0);
      expect(await clerk.locator('table.history').count()).toBe(0);
      expect(await clerk.getByRole('heading', { name: '办理记录', exact: true }).locator('xpath=following-sibling::*[1]').innerText()).toBe('正在加载…');

      // and once the audit log answers, the history shows
      answer();
      await expect.poll(() => clerk.locator('table.history tbody tr td:nth-child(4)').allTextContents()).toEqual(['同意', '同意']);
    } finally {
      answer();
      await clerk.unroute('**/audit-logs/search');
    }
  });
});
