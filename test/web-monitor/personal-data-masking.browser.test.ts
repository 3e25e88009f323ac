/**
 * Personal data on every monitor page a manager opens, in headless Chromium, with the read model fed as `npm start`
 * feeds it. A case holds an ID number, a bank account, a diagnosis (and a family member's ID number inside a list),
 * received one message and waits for another, both keyed by the applicant's ID number, had its 初审 done by 张敏, and
 * is overdue; a second case stopped on an incident at a condition that read the diagnosis; a third waits at 初审,
 * claimed by 李静. On 首页, 逾期与临期, 案件查询, the two case pages (variables, messages, incidents, audit trail,
 * steps), 流程热力图 and 批量操作 the ID number shows as region and last four, the bank account as its last four and
 * the diagnosis as 「（已遮挡）」, and none of the full values is anywhere in the page's DOM (the edit box's 显示原值 is
 * variable-reveal.browser.test.ts's). The monthly report (.xlsx, the monitor's only export), downloaded from 首页 and
 * read back with exceljs, holds none of them either, and its 人员工作量 sheet names the clerks 张敏 and 李静, not
 * zhang-min and li-jing.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bpmnProcess, flow, message } from '../support/bpmn.js';
import { MANAGER, startMonitorHarness } from '../support/monitor-browser.js';
import { pageHolds } from '../support/page-holds.js';
import { BANK_ACCOUNT, DIAGNOSIS, FULL_VALUES, ID_NUMBER, MEMBER_ID } from '../support/personal-values.js';
import type { TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'monitor-personal-data';

const MASKED_ID = '630103********2014';

/**
 * route "review": the applicant's form arrives (message keyed by the ID number), 初审, then a wait for 补件 (keyed
 * the same); route "check": a condition that wrongly reads the diagnosis as a boolean stops the case on an incident.
 */
const model = bpmnProcess(
  PROCESS_ID,
  `<bpmn:startEvent id="start"/>
   <bpmn:exclusiveGateway id="route"/>
   <bpmn:intermediateCatchEvent id="formReceived" name="申请表到达"><bpmn:messageEventDefinition messageRef="formMessage"/></bpmn:intermediateCatchEvent>
   <bpmn:userTask id="firstReview" name="遮挡测试初审">
     <bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="window-first-review"/></bpmn:extensionElements>
   </bpmn:userTask>
   <bpmn:intermediateCatchEvent id="materialsSupplied" name="等待补件"><bpmn:messageEventDefinition messageRef="materialsMessage"/></bpmn:intermediateCatchEvent>
   <bpmn:endEvent id="endReviewed"/>
   <bpmn:endEvent id="endChecked"/>
   ${flow('toReview', 'route', 'formReceived', '=route = "review"')}
   ${flow('toCheck', 'route', 'endChecked', '=diagnosis')}
   ${flow('f1', 'start', 'route')}${flow('f2', 'formReceived', 'firstReview')}${flow('f3', 'firstReview', 'materialsSupplied')}${flow('f4', 'materialsSupplied', 'endReviewed')}`,
  '遮挡测试（监控）',
  message('formMessage', 'monitor-masking-form', '=idNumber') + message('materialsMessage', 'monitor-masking-materials', '=idNumber'),
);

const personalData = {
  personName: '马福林',
  idNumber: ID_NUMBER,
  payeeBankAccount: BANK_ACCOUNT,
  diagnosis: DIAGNOSIS,
  familyMembers: [{ name: '马小兰', idNumber: MEMBER_ID }],
};

let t: TasklistHarness;
const cases = { reviewed: '', incident: '', claimed: '' };
let manager: Page;

beforeAll(async () => {
  t = await startMonitorHarness({ [PROCESS_ID]: model });
  const h = t.harness;
  // accepted in February with a deadline already past: overdue on 03-02
  cases.reviewed = await h.start(PROCESS_ID, { ...personalData, route: 'review', acceptedAt: '2026-02-02T09:00:00+08:00', deadlineDate: '2026-02-27' });
  await h.client.publishMessage({ name: 'monitor-masking-form', correlationKey: ID_NUMBER, timeToLive: 60_000, variables: {} } as never);
  await h.complete(cases.reviewed, 'firstReview', { as: 'window-first-review', variables: { firstReviewDecision: 'approved', firstReviewReason: `材料齐全，身份证 ${ID_NUMBER} 已核验`, diagnosisCode: 'F20' } });
  await h.waitForElement(cases.reviewed, 'materialsSupplied', 'ACTIVE');
  cases.incident = await h.start(PROCESS_ID, { ...personalData, personName: '冶成海', route: 'check' });
  // (vi.waitFor: expect.poll works only inside a test)
  await vi.waitFor(
    async () => {
      const incidents = await h.client.searchIncidents({ filter: { processInstanceKey: cases.incident, state: 'ACTIVE' } } as never);
      expect(incidents.items).toHaveLength(1);
    },
    { timeout: 60_000, interval: 100 },
  );
  cases.claimed = await h.start(PROCESS_ID, { ...personalData, personName: '祁玉兰', route: 'review' });
  await h.client.publishMessage({ name: 'monitor-masking-form', correlationKey: ID_NUMBER, timeToLive: 60_000, variables: {} } as never);
  const task = await h.waitForTask(cases.claimed, 'firstReview');
  await h.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'li-jing' } as never);
  manager = await t.openMonitorAs(MANAGER);
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

describe('personal data on the monitor (/monitor) for a manager in Chromium', { timeout: 120_000 }, () => {
  it('should show 首页 with the clerks by name and no personal data', async () => {
    // when (this month: the 初审 done and the one claimed on 03-02) she opens 首页, once the read model has read them
    // (首页 refreshes itself only every 30 s, and on a busy machine the feeder's pass may end after her visit)
    await t.readModelCaughtUp();
    await manager.goto(`${t.url}/monitor/`);

    // then 张敏 with one task done, 李静 with one open
    const clerks = manager.getByTestId('clerk-table');
    await expect.poll(() => clerks.innerText(), { timeout: 20_000 }).toMatch(/^(?=[\s\S]*张敏\s+0\s+1)(?=[\s\S]*李静\s+1\s+0)/);
    expect(await pageHolds(manager, FULL_VALUES)).toEqual([]);
  });

  it('should export a monthly report with the clerks by name in 人员工作量 and no personal data', async () => {
    // when
    const [download] = await Promise.all([manager.waitForEvent('download'), manager.getByTestId('export-report').click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await download.path())!) as never);

    // then
    const rows = (name: string) => (workbook.getWorksheet(name)!.getSheetValues().filter(Array.isArray) as unknown[][]).map((row) => row.slice(1));
    const clerks = rows('人员工作量');
    expect(clerks[1]).toEqual(['经办人', '在办任务', '办结任务', '办理时长中位数（工作日）', '办理时长P90（工作日）']);
    expect(clerks.slice(2).map((row) => row.slice(0, 3))).toEqual(expect.arrayContaining([['张敏', 0, 1], ['李静', 1, 0]]));
    expect(clerks.slice(2)).toHaveLength(2);
    expect(rows('逾期案件').find((row) => row[0] === cases.reviewed)).toEqual(expect.arrayContaining(['马福林', '2026-02-02', '2026-02-27']));
    const everything = JSON.stringify(workbook.worksheets.map((sheet) => sheet.getSheetValues()));
    expect(everything).not.toMatch(/zhang-min|li-jing/);
    for (const value of [...FULL_VALUES, MASKED_ID]) expect(everything).not.toContain(value);
  });

  it('should list the overdue case by its applicant, with no personal data', async () => {
    // when
    await manager.goto(`${t.url}/monitor/open-cases?kind=overdue`);

    // then
    await expect.poll(() => manager.locator(`[data-testid="open-cases"] [data-case="${cases.reviewed}"]`).innerText(), { timeout: 20_000 }).toContain('马福林');
    expect(await pageHolds(manager, FULL_VALUES)).toEqual([]);
  });

  it('should find the cases in 案件查询 by the applicant and by the ID number, showing no personal data', async () => {
    // when: by the applicant's name
    await manager.goto(`${t.url}/monitor/instances?applicant=${encodeURIComponent('马福林')}`);

    // then
    await manager.locator(`[data-testid="instances"] [data-case="${cases.reviewed}"]`).waitFor();
    expect(await pageHolds(manager, FULL_VALUES)).toEqual([]);

    // when: by the ID number, typed by the manager as JSON text (the field holds what she typed, the results none of it)
    await manager.goto(`${t.url}/monitor/instances?variable=idNumber&value=${encodeURIComponent(JSON.stringify(ID_NUMBER))}`);

    // then
    await manager.locator(`[data-testid="instances"] [data-case="${cases.claimed}"]`).waitFor();
    expect(await manager.getByTestId('instances').innerText()).not.toContain(ID_NUMBER);
  });

  it('should keep the ID number and the applicant searched for in 案件查询 out of what the browser sends, and find them after a reload', async () => {
    // given 案件查询
    await manager.goto(`${t.url}/monitor/instances`);

    // when she types the ID number as it is (no quotes) and the applicant's name, and searches
    await manager.getByLabel('申请人姓名').fill('马福林');
    await manager.getByLabel('变量名').fill('idNumber');
    await manager.getByLabel('变量值').fill(ID_NUMBER);
    await manager.getByRole('button', { name: '查询', exact: true }).click();

    // then the case is found (the 18 digits searched as text, not as a number no JSON number holds exactly)
    const found = manager.locator(`[data-testid="instances"] [data-case="${cases.reviewed}"]`);
    await found.waitFor();
    // and the address's path and query, which a reload sends to the server (and any proxy's log), hold neither
    const address = new URL(manager.url());
    expect(address.search).toContain('variable=idNumber');
    expect(decodeURIComponent(address.pathname + address.search)).not.toMatch(new RegExp(`${ID_NUMBER}|马福林`));
    expect(decodeURIComponent(address.hash)).toContain(ID_NUMBER);

    // when she reloads the page, the case is still found
    const sent: string[] = [];
    const record = (request: { url(): string }) => sent.push(decodeURIComponent(request.url()));
    manager.on('request', record);
    try {
      await manager.reload();
      await found.waitFor();
    } finally {
      manager.off('request', record);
    }
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((url) => url.includes(ID_NUMBER) || url.includes('马福林'))).toEqual([]);

    // when she skips to the content with the keyboard, the search stays where it was kept
    await manager.locator('.skip-link').focus();
    await manager.keyboard.press('Enter');
    expect(decodeURIComponent(new URL(manager.url()).hash)).toContain(ID_NUMBER);
    expect(await manager.getByLabel('变量值').inputValue()).toBe(ID_NUMBER);
  });

  it('should move an older link\'s applicant and value out of its query into the fragment', async () => {
    // when a link from before the fragment is opened
    await manager.goto(`${t.url}/monitor/instances?applicant=${encodeURIComponent('马福林')}&variable=idNumber&value=${ID_NUMBER}`);

    // then the case is found, and the address no longer carries either in its query
    await manager.locator(`[data-testid="instances"] [data-case="${cases.reviewed}"]`).waitFor();
    await expect.poll(() => new URL(manager.url()).search).toBe('?variable=idNumber');
    expect(decodeURIComponent(new URL(manager.url()).hash)).toContain('马福林');
  });

  it('should show a case page with its variables, messages, audit trail and steps masked', async () => {
    // when
    await manager.goto(`${t.url}/monitor/instances/${cases.reviewed}`);
    await manager.locator('[data-variable="diagnosisCode"]').waitFor();

    // then: the variables, in words (as staff read them) and as the JSON 显示原始值（JSON） shows
    const value = (name: string) => manager.locator(`[data-variable="${name}"] td.value`).innerText();
    expect(await value('idNumber')).toBe(MASKED_ID);
    expect(await value('payeeBankAccount')).toBe('****4567');
    expect(await value('diagnosis')).toBe('（已遮挡）');
    expect(await value('diagnosisCode')).toBe('（已遮挡）');
    expect(await value('familyMembers')).toContain('630102********1234');
    expect(await value('familyMembers')).not.toContain('{');
    // a reason that quotes the ID number (masked by the value, as its name says nothing)
    expect(await value('firstReviewReason')).toBe(`材料齐全，身份证 ${MASKED_ID} 已核验`);
    expect(await pageHolds(manager, FULL_VALUES)).toEqual([]);
    await manager.getByLabel('显示原始值（JSON）').check();
    expect(await value('idNumber')).toBe(`"${MASKED_ID}"`);
    expect(await value('payeeBankAccount')).toBe('"****4567"');
    expect(await value('diagnosis')).toBe('"（已遮挡）"');
    expect(await value('diagnosisCode')).toBe('"（已遮挡）"');
    expect(await value('familyMembers')).toContain('630102********1234');
    expect(await value('firstReviewReason')).toBe(`"材料齐全，身份证 ${MASKED_ID} 已核验"`);
    expect(await pageHolds(manager, FULL_VALUES)).toEqual([]);
    await manager.getByLabel('显示原始值（JSON）').uncheck();
    // the message it waits for, keyed by the ID number
    await expect.poll(() => manager.getByTestId('waiting-messages').innerText()).toContain('等待补件');
    expect(await manager.getByTestId('waiting-messages').innerText()).toContain(MASKED_ID);
    // the audit trail and the steps
    await expect.poll(() => manager.getByTestId('audit-trail').innerText()).toMatch(new RegExp(`张敏[\\s\\S]*遮挡测试初审[\\s\\S]*材料齐全，身份证 ${MASKED_ID.replace(/\*/g, '\\*')} 已核验`));
    await expect.poll(() => manager.getByTestId('steps').innerText()).toContain('等待补件');
    expect(await pageHolds(manager, FULL_VALUES)).toEqual([]);

    // when: the message it received, keyed the same
    await manager.getByRole('tab', { name: /已收到的消息/ }).click();

    // then
    await expect.poll(() => manager.getByTestId('received-messages').innerText()).toContain(MASKED_ID);
    expect(await pageHolds(manager, FULL_VALUES)).toEqual([]);
  });

  it('should show the incident of a condition that read the diagnosis without the diagnosis', async () => {
    // when
    await manager.goto(`${t.url}/monitor/instances/${cases.incident}`);
    await manager.locator('[data-variable="diagnosis"]').waitFor();

    // then
    const incidents = manager.getByTestId('incidents');
    await expect.poll(() => incidents.innerText()).toContain('toCheck');
    // (the engine names the value's type, never the value, as Camunda does)
    expect(await incidents.innerText()).toContain("to be a boolean, but was 'STRING'");
    expect(await pageHolds(manager, FULL_VALUES)).toEqual([]);
  });

  it('should show 流程热力图 and 批量操作 with no personal data', async () => {
    for (const path of [`heatmap?process=${PROCESS_ID}`, 'batches']) {
      // when
      await manager.goto(`${t.url}/monitor/${path}`);
      await manager.locator('.monitor-page h1').first().waitFor();

      // then
      expect(await pageHolds(manager, FULL_VALUES)).toEqual([]);
    }
  });
});
