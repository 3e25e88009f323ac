/**
 * The monitor in headless Chromium against the embedded engine, the real job workers and the web apps mounted as
 * `npm start` mounts them, its read model fed by its own read-only account. FC20 零星报销 cases are accepted on
 * days of February 2026 (春节 and its 调休 Saturdays in between) and the clock then pinned to Monday 2026-03-02,
 * so one case is overdue, one due soon, one completed, one new and one stuck on a failed job:
 *
 * - a manager sees on the overview the counts the test itself takes through /v2;
 * - 首页 comes with its session, catalogue and this month's figures (the engine's day) inside its HTML and asks for
 *   none of them; a tab showing another period asks for that one; only a manager's 首页 has them; its top chart
 *   comes drawn by the server, shown before the chart library has come, and goes live (pointer, idle, new figures);
 * - the overdue case opens with its diagram, the element where it waits marked active;
 * - the failed job's incident is retried from the page after correcting the variable, and the case moves on;
 * - the heatmap shows on the 初审 task the number of cases waiting there;
 * - the monthly report (.xlsx) holds the same figures, read back with exceljs, and says how current they are (说明);
 * - a case selected in 案件查询 is cancelled as a batch operation, shown finished on 批量操作;
 * - a clerk is refused /monitor and its routes (403);
 * - a chart library that cannot be loaded leaves a Chinese message where each chart would be, not a blank.
 *
 * With DOCS_SCREENSHOTS=1 it also writes the monitor's screenshots of docs/images.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Locator, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WorkingDayCounter } from '../../web-monitor/server/working-day-counter.js';
import { loadCalendarConfig } from '../../workers/lib/calendar-config.js';
import { afterRender } from '../support/after-render.js';
import { chunksHolding } from '../support/built-chunks.js';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';
import { FC20_APPLICATION, FC20_REGISTRATION } from '../support/fc20-sample-case.js';

const PROCESS_ID = 'xining-fc20-manual-reimbursement';
const SCREENSHOTS = process.env.DOCS_SCREENSHOTS === '1';
const MANAGER = 'sun-qiang';
const CLERK = 'li-jing';
const TODAY = '2026-03-02';
const FROM = '2026-02-01';

const application = FC20_APPLICATION;
const registration = { ...FC20_REGISTRATION, registrationNumber: 'LB2026020001' };

let t: TasklistHarness;
const cases = { overdue: '', dueSoon: '', completed: '', fresh: '', failed: '' };

async function startAccepted(name: string, day: string): Promise<string> {
  const h = t.harness;
  await h.pinClock(`${day}T09:00:00+08:00`);
  const key = await h.start(PROCESS_ID, { ...application, personName: name, payeeName: name });
  await h.complete(key, 'preliminaryReview', { as: 'window-first-review', variables: { receivedMaterials: application.submittedMaterials, preliminaryReviewDecision: 'approved' } });
  await h.waitForTask(key, 'registerAndReview');
  return key;
}

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [PROCESS_ID], monitor: true, now: `${FROM}T09:00:00+08:00` });
  const h = t.harness;
  // accepted 02-02: the 15th working day is Saturday 02-28 (02-14 and 02-28 worked, 02-15..23 off) → overdue on 03-02
  cases.overdue = await startAccepted('马福林', '2026-02-02');
  // accepted 02-03, paid 02-27: completed
  cases.completed = await startAccepted('冶成海', '2026-02-03');
  // accepted 02-05: due Wednesday 03-04, two working days after 03-02 → due soon
  cases.dueSoon = await startAccepted('祁玉兰', '2026-02-05');
  await h.pinClock('2026-02-26T10:00:00+08:00');
  await h.complete(cases.completed, 'registerAndReview', { as: 'window-first-review', variables: registration });
  await h.complete(cases.completed, 'settlementReview', { as: 'window-second-review', variables: { settlementReviewDecision: 'approved' } });
  await h.pinClock('2026-02-27T15:00:00+08:00');
  await h.complete(cases.completed, 'payBenefits', { as: 'finance', variables: { paymentDate: '2026-02-27', paymentReference: 'ZZ20260227001' } });
  await h.waitForElement(cases.completed, 'endPaid');
  // on 03-02: a new case not yet accepted, and one whose ID number is a number (the identity check's job fails)
  await h.pinClock(`${TODAY}T09:00:00+08:00`);
  cases.fresh = await h.start(PROCESS_ID, { ...application, personName: '韩永福', payeeName: '韩永福' });
  await h.waitForTask(cases.fresh, 'preliminaryReview');
  cases.failed = await h.start(PROCESS_ID, { ...application, personName: '李建国', payeeName: '李建国', idNumber: 630103 });
  // the incident of the failed identity check (vi.waitFor: expect.poll works only inside a test)
  await vi.waitFor(
    async () => {
      const incidents = await h.client.searchIncidents({ filter: { processInstanceKey: cases.failed, state: 'ACTIVE' } } as never);
      expect(incidents.items).toHaveLength(1);
    },
    { timeout: 60_000, interval: 100 },
  );
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

/** What the test counts itself through /v2 (as the admin), for the period February 1 to March 2. */
async function countedThroughV2() {
  const client = t.harness.client;
  const search = async (filter: object) => (await client.searchProcessInstances({ filter: { processDefinitionId: PROCESS_ID, parentProcessInstanceKey: { $exists: false }, ...filter } } as never)).page.totalItems;
  const range = { $gte: `${FROM}T00:00:00+08:00`, $lte: `${TODAY}T23:59:59.999+08:00` };
  const open = (await client.searchProcessInstances({ filter: { processDefinitionId: PROCESS_ID, state: 'ACTIVE' }, page: { limit: 100 } } as never)).items as { processInstanceKey: string }[];
  const counter = new WorkingDayCounter(loadCalendarConfig());
  let overdue = 0;
  let dueSoon = 0;
  for (const { processInstanceKey } of open) {
    const deadline = (await t.harness.variables(processInstanceKey)).deadlineDate as string | undefined;
    if (!deadline) continue;
    if (deadline < TODAY) overdue += 1;
    else if (counter.between(TODAY, deadline)! <= 2) dueSoon += 1;
  }
  return {
    started: await search({ startDate: range }),
    completed: await search({ state: 'COMPLETED', endDate: range }),
    open: open.length,
    overdue,
    dueSoon,
  };
}

async function showPeriod(page: Page) {
  await page.getByLabel('开始日期').fill(FROM);
  await page.getByLabel('结束日期').fill(TODAY);
  await page.getByRole('button', { name: '查询' }).click();
}

/**
 * A manager's 首页 opened with the chart library's chunk held on its way (a first visit on a slow link), once its
 * open-cases chart shows as the server drew it; `chartChunk` counts the chunk's requests held, and its `release`
 * lets them and any later one through.
 */
async function openHomeWithChartChunkHeld(): Promise<{ page: Page; open: Locator; chartChunk: { held(): number; release(): Promise<void> } }> {
  const page = await t.openMonitorAs(MANAGER);
  await page.goto('about:blank');
  const [charts] = chunksHolding('monitor', 'web-monitor/src/charts/echarts-setup.ts');
  const held: Route[] = [];
  let released = false;
  await page.route(`**/monitor/assets/${charts}`, (route) => (released ? route.continue() : void held.push(route)));
  await page.goto(`${t.url}/monitor/`);
  const open = page.getByTestId('open-chart');
  await open.and(page.locator('[data-ready="true"]')).waitFor();
  const chartChunk = {
    held: () => held.length,
    release: async () => {
      released = true;
      for (const route of held.splice(0)) await route.continue();
    },
  };
  return { page, open, chartChunk };
}

/**
 * A screenshot of docs/images once the page shows its finished picture: every chart and diagram on it drawn (the
 * charts without animation: overview-charts.ts), no part of it busy or saying 正在加载… / 读取中…, its fonts loaded.
 * A CSS transition under way (the figures' fade while they are read again) is taken at its end.
 */
async function screenshot(page: Page, path: string) {
  const unfinished = () =>
    page.evaluate(() => [
      ...Array.from(document.querySelectorAll('.chart:not([data-ready="true"]), .diagram:not([data-ready="true"]), [aria-busy="true"]')).map(
        (element) => element.getAttribute('data-testid') ?? element.className,
      ),
      ...['正在加载…', '读取中…'].filter((words) => document.body.innerText.includes(words)),
    ]);
  await expect.poll(unfinished, { timeout: 20_000 }).toEqual([]);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path, fullPage: false, animations: 'disabled' });
}

// generous: under load on a shared 2-core machine a page and the read model take their time (no retries)
describe('the monitor (/monitor) in Chromium', { timeout: 120_000 }, () => {
  let manager: Page;

  it('should show a manager the counts of the seeded cases that /v2 gives, with overdue and due-soon ones', async () => {
    // given
    const expected = await countedThroughV2();
    expect(expected).toEqual({ started: 5, completed: 1, open: 4, overdue: 1, dueSoon: 1 });

    // when (the read model has read the seeded cases: 首页 refreshes itself only every 30 s)
    await t.readModelCaughtUp();
    manager = await t.openMonitorAs(MANAGER);
    await showPeriod(manager);

    // then
    const kpi = (id: string) => manager.getByTestId(`kpi-${id}`).innerText();
    await expect.poll(() => kpi('started'), { timeout: 20_000 }).toBe(String(expected.started));
    await expect.poll(() => kpi('completed'), { timeout: 20_000 }).toBe(String(expected.completed));
    await expect.poll(() => kpi('open'), { timeout: 20_000 }).toBe(String(expected.open));
    await expect.poll(() => kpi('overdue'), { timeout: 20_000 }).toBe(String(expected.overdue));
    await expect.poll(() => kpi('dueSoon'), { timeout: 20_000 }).toBe(String(expected.dueSoon));
    // the completed case: accepted 02-03, paid 02-27 = 13 working days (02-14 worked, 春节 02-15..23 off), on time
    expect(await kpi('medianCycle')).toBe('13 个工作日');
    expect(await kpi('onTimeRate')).toBe('100.0%');
    const row = manager.locator(`[data-testid="process-table"] [data-row="${PROCESS_ID}"]`);
    expect(await row.locator('[data-cell="overdue"]').innerText()).toBe('1');
    expect(await row.locator('[data-cell="median"]').innerText()).toBe('13');
    await manager.getByTestId('open-chart').and(manager.locator('[data-ready="true"]')).waitFor();
    await manager.getByTestId('cycle-chart').and(manager.locator('[data-ready="true"]')).waitFor();
    // per clerk: 张敏 did the three 初审 and the completed case's registration
    // (names come from the session layer's people lookup after the table renders, so wait for them)
    await expect.poll(() => manager.locator('[data-testid="clerk-table"]').innerText()).toMatch(/张敏\s+0\s+4\s+0/);
    if (SCREENSHOTS) await screenshot(manager, 'docs/images/monitor-overview.png');
  });

  it('should export the monthly report (.xlsx) with the same figures', async () => {
    // when
    const [download] = await Promise.all([manager.waitForEvent('download'), manager.getByTestId('export-report').click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await download.path())!) as never);

    // then
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['概览', '按国家事项', '逾期案件', '人员工作量', '说明']);
    const summary = workbook.getWorksheet('概览')!;
    expect(summary.getRow(2).values).toEqual(expect.arrayContaining(['事项', '受理数', '办结数', '不予受理数', '在办数', '逾期数', '临期数', '按时办结率']));
    const rows = summary.getSheetValues().filter(Array.isArray) as unknown[][];
    const fc20 = rows.find((values) => values[1] === '医疗费用零星报销')!;
    // 受理, 办结, 不予受理, 撤销, 在办, 逾期, 临期, 中位数, P90, 按时办结率
    expect(fc20.slice(4, 14)).toEqual([5, 1, 0, 0, 4, 1, 1, 13, 13, 1]);
    const total = rows.find((values) => values[1] === '合计')!;
    expect(total.slice(4, 11)).toEqual([5, 1, 0, 0, 4, 1, 1]);
    // and: the national items' sheet has the same counts, columns in the same order; every process is under one item
    const items = workbook.getWorksheet('按国家事项')!;
    expect((items.getRow(2).values as unknown[]).slice(3, 10)).toEqual(['受理数', '办结数', '不予受理数', '撤销数', '在办数', '逾期数', '临期数']);
    const itemRows = (items.getSheetValues().filter(Array.isArray) as unknown[][]).slice(2);
    const itemSums = [3, 4, 5, 6, 7, 8, 9].map((column) => itemRows.reduce((sum, values) => sum + (values[column] as number), 0));
    expect(itemSums).toEqual([5, 1, 0, 0, 4, 1, 1]);
    const overdue = workbook.getWorksheet('逾期案件')!.getSheetValues().filter(Array.isArray) as unknown[][];
    expect(overdue.find((values) => values[1] === cases.overdue)).toEqual(expect.arrayContaining(['马福林', '2026-02-02', '2026-02-28', 1]));
    expect(JSON.stringify(overdue)).not.toContain('630103196503152014');
    // and: how current the figures are — the read model's last sync, to the minute in the office's time, its passes working —
    // on 说明, and under 概览's table
    const notes = new Map((workbook.getWorksheet('说明')!.getSheetValues().filter(Array.isArray) as unknown[][]).map((values) => [values[1], values[2]]));
    expect(notes.get('统计截至')).toBe('2026-03-02');
    expect(notes.get('数据最后同步时间')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(notes.get('同步状态')).toBe('正常');
    expect(rows.at(-1)![1]).toBe(`数据最后同步时间：${String(notes.get('数据最后同步时间'))}（详见「说明」工作表）`);
  });

  it('should open an overdue case from the list and mark on its diagram the element where it waits', async () => {
    // when
    await manager.getByRole('link', { name: '逾期与临期' }).click();
    const row = manager.locator(`[data-testid="open-cases"] [data-case="${cases.overdue}"]`);
    await row.waitFor();
    expect(await row.locator('[data-cell="workingDays"]').innerText()).toBe('1');
    await row.getByRole('link', { name: cases.overdue }).click();

    // then
    await manager.waitForURL(new RegExp(`/monitor/instances/${cases.overdue}$`));
    await manager.locator('.diagram[data-ready="true"]').waitFor();
    const active = (await t.harness.activeElements(cases.overdue)).filter((id) => id === 'registerAndReview');
    expect(active).toEqual(['registerAndReview']);
    await expect.poll(() => manager.locator('.djs-element.marker-active[data-element-id="registerAndReview"]').count()).toBe(1);
    expect(await manager.locator('.djs-element.marker-completed[data-element-id="preliminaryReview"]').count()).toBe(1);
    expect(await manager.locator('.djs-connection.marker-flow-taken').count()).toBeGreaterThan(2);
    // the audit trail: who accepted the case, with the decision
    await expect.poll(() => manager.getByTestId('audit-trail').innerText()).toMatch(/张敏[\s\S]*办结任务「医疗保险经办工作人员初步审核」[\s\S]*同意/);
    // ID numbers masked in the variables
    await expect.poll(() => manager.getByTestId('variables').innerText()).toContain('630103********2014');
    expect(await manager.getByTestId('variables').innerText()).not.toContain('630103196503152014');
    // each variable by its Chinese label with its name (repairs go by it) beneath
    expect(await manager.locator('[data-variable="acceptedAt"] td.name').first().innerText()).toMatch(/^受理时间\s+acceptedAt$/);
    expect(await manager.locator('[data-variable="idNumber"] td.name .label').first().innerText()).toBe('参保人公民身份号码');
    // in the labels' dictionary order (参保人公民身份号码 before 受理时间, though acceptedAt comes before idNumber), then the unlabelled by name
    const listed = await manager.getByTestId('variables').locator('.scope').first().locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ name: tr.getAttribute('data-variable') ?? '', label: tr.querySelector('td.name .label')?.textContent ?? '' })),
    );
    expectLabelOrder(listed);
    if (SCREENSHOTS) await screenshot(manager, 'docs/images/monitor-instance.png');
  });

  it("should retry a failed job's incident from the page after correcting the variable, and the case moves on", async () => {
    // given
    await manager.goto(`${t.url}/monitor/instances/${cases.failed}`);
    const incidents = manager.getByTestId('incidents');
    await expect.poll(() => incidents.innerText()).toContain('自动任务失败（重试次数已用完）');
    // what is wrong and what to do in Chinese, the variable's name after it for the repairer, never the value entered
    // (the message shows once the case's personal values are read, to mask any it quotes)
    await expect.poll(() => incidents.innerText()).toContain('公民身份号码：应为文本，实际为数字。请在本案的「变量」中更正后点「重试」。');
    expect(await incidents.innerText()).toContain('idNumber（invalid_type）');
    expect(await incidents.innerText()).not.toContain('630103');
    // the step by its name in the diagram, the incident type in Chinese (the raw type only in the tooltip)
    expect(await incidents.innerText()).toContain('校验公民身份号码');
    expect(await incidents.innerText()).not.toMatch(/JOB_NO_RETRIES|validateIdentity/);

    // when the ID number is corrected — in the case and in the failed step's own input (its local copy) — then retried
    const rows = manager.locator('[data-variable="idNumber"]');
    await expect.poll(() => rows.count()).toBe(2);
    for (const index of [0, 1]) {
      const row = rows.nth(index);
      await row.getByRole('button', { name: '修改 idNumber' }).click();
      // an ID number opens masked; 显示原值 before it can be corrected (variable-reveal.browser.test.ts)
      await row.getByRole('button', { name: '显示原值' }).click();
      await row.getByRole('textbox').fill('"630103196503152014"');
      await row.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => manager.getByTestId('message').innerText()).toContain('已修改变量 idNumber');
      await expect.poll(() => manager.locator('[data-variable="idNumber"] textarea').count()).toBe(0);
    }
    await manager.getByRole('button', { name: '重试' }).click();

    // then
    await expect.poll(() => manager.getByTestId('message').innerText()).toContain('已重试');
    const task = await t.harness.waitForTask(cases.failed, 'preliminaryReview');
    expect(task.elementId).toBe('preliminaryReview');
    await expect.poll(() => manager.getByTestId('incidents').innerText(), { timeout: 10_000 }).toContain('没有未处理的异常');
    await expect.poll(() => manager.locator('.djs-element.marker-active[data-element-id="preliminaryReview"]').count(), { timeout: 10_000 }).toBe(1);
    // the manager's repairs are in the audit trail under the manager's name
    await expect.poll(() => manager.getByTestId('audit-trail').innerText()).toMatch(/孙强\s+修改变量 idNumber[\s\S]*孙强\s+解决异常/);
  });

  it('should show on the heatmap the number of cases waiting at the 初审 task', async () => {
    // given
    const waiting = (await t.harness.client.searchUserTasks({ filter: { processDefinitionId: PROCESS_ID, elementId: 'preliminaryReview', state: 'CREATED' } } as never)).page
      .totalItems;
    expect(waiting).toBe(2);

    // when
    await manager.getByRole('link', { name: '流程热力图' }).click();
    await manager.getByLabel('事项').selectOption(PROCESS_ID);
    await manager.locator('.diagram[data-ready="true"]').waitFor();

    // then
    await expect.poll(() => manager.locator('.diagram-badge.badge-active[data-element="preliminaryReview"]').innerText()).toBe(String(waiting));
    await expect.poll(() => manager.locator('.diagram-badge.badge-active[data-element="registerAndReview"]').innerText()).toBe('2');
    if (SCREENSHOTS) await screenshot(manager, 'docs/images/monitor-heatmap.png');

    // and in working days against the target: three 初审 done the day they came in, target 20 % of 15 = 3
    await manager.getByRole('tab', { name: '办理时长（工作日）' }).click();
    await t.readModelCaughtUp();
    await showPeriod(manager);
    await expect.poll(() => manager.getByTestId('durations').innerText()).toMatch(/医疗保险经办工作人员初步审核\s+3\s+0\s+0\s+3\s+20%/);

    // when she reads the page again (R: the diagram's counts and the durations), the durations as they were
    const badge = manager.locator('.diagram-badge[data-element="preliminaryReview"]');
    await badge.waitFor();
    await badge.evaluate((element) => element.setAttribute('data-kept', 'yes'));
    const answers = Promise.all([
      manager.waitForResponse((response) => response.url().includes('/monitor/api/durations')),
      manager.waitForResponse((response) => response.url().includes('/statistics/element-instances')),
    ]);
    await manager.evaluate(() => window.dispatchEvent(new Event('monitor:refresh')));
    await answers;
    // (two frames: the answers' renders and the effects after them)
    await manager.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

    // then the step's badge is the one drawn before (a tooltip the manager hovers over it stays), not drawn again
    expect(await badge.getAttribute('data-kept')).toBe('yes');

    // when both the engine's counts and the read model's durations cannot be read on the next R
    const failing = (url: URL) => url.pathname.endsWith('/monitor/api/durations') || url.pathname.includes('/statistics/element-instances');
    await manager.route(failing, (route) => route.fulfill({ status: 503, json: { title: 'Service Unavailable', status: 503, detail: 'down for the test' } }));
    await manager.evaluate(() => window.dispatchEvent(new Event('monitor:refresh')));

    // then 办理时长 says both, the diagram's failure not hiding the durations'
    await expect.poll(() => manager.locator('.banner.error').count()).toBe(2);
    await manager.unroute(failing);
  });

  it('should cancel a selected case as a batch operation and show it finished on 批量操作', async () => {
    // given the new case, found by its number
    await manager.getByRole('link', { name: '案件查询' }).first().click();
    await manager.getByLabel('件号').fill(cases.fresh);
    await manager.getByRole('button', { name: '查询', exact: true }).click();
    await manager.getByRole('checkbox', { name: cases.fresh }).check();
    const actions = manager.getByTestId('batch-actions');
    await expect.poll(() => actions.getByTestId('selection').innerText()).toBe('已选择 1 件');

    // when: 批量撤销, confirmed in the browser's dialog
    await actions.getByLabel('批量操作').selectOption('cancellation');
    let asked = '';
    manager.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await actions.getByRole('button', { name: '确定' }).click();

    // then: the operation's page shows it finished, and the case is cancelled in the engine under the manager's name
    await manager.waitForURL(/\/monitor\/batches/);
    expect(asked).toBe('确定对 1 件案件执行「批量撤销」？操作将记录您的姓名。');
    const row = manager.locator('[data-testid="batch-operations"] tr[data-batch]').first();
    await expect.poll(() => row.locator('[data-cell="state"]').innerText(), { timeout: 30_000 }).toBe('已完成');
    expect(await row.locator('[data-cell="progress"]').innerText()).toBe('1/1');
    const instance = await t.harness.client.searchProcessInstances({ filter: { processInstanceKey: cases.fresh } } as never);
    expect((instance.items[0] as { state: string }).state).toBe('TERMINATED');
    await manager.goto(`${t.url}/monitor/instances/${cases.fresh}`);
    await expect.poll(() => manager.getByTestId('audit-trail').innerText()).toMatch(/孙强[\s\S]*撤销/);
  });

  it('should refuse a clerk the monitor and its data routes (403)', async () => {
    // when
    const clerk = await t.openMonitorAs(CLERK);

    // then
    await expect.poll(() => clerk.locator('.page-status').innerText()).toContain('没有使用此应用的权限');
    const statuses = await clerk.evaluate(async () =>
      Promise.all([
        ...['/monitor/api/overview', '/monitor/api/open-cases', '/monitor/api/report.xlsx', '/monitor/api/catalog'].map(async (path) => (await fetch(path)).status),
        fetch('/monitor/api/cases/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ applicant: '马' }) }).then((response) => response.status),
      ]),
    );
    expect(statuses).toEqual([403, 403, 403, 403, 403]);
    expect(await clerk.locator('.app-switcher').innerText()).not.toContain('业务监控');
  });

  it('should show a 复审 done twice with each decision, and on a cluster without an audit log the current one beside the latest only', async () => {
    // given a case whose settlement review was returned for a correction, then approved
    const h = t.harness;
    const key = await h.start(PROCESS_ID, { ...application, personName: '赵德明', payeeName: '赵德明' });
    await h.complete(key, 'preliminaryReview', { as: 'window-first-review', variables: { receivedMaterials: application.submittedMaterials, preliminaryReviewDecision: 'approved' } });
    await h.complete(key, 'registerAndReview', { as: 'window-first-review', variables: registration });
    await h.complete(key, 'settlementReview', { as: 'window-second-review', variables: { settlementReviewDecision: 'returned', settlementReviewReason: '统筹基金支付录入有误' } });
    await h.complete(key, 'registerAndReview', { as: 'window-first-review', variables: registration });
    await h.complete(key, 'settlementReview', { as: 'window-second-review', variables: { settlementReviewDecision: 'approved' } });
    await h.waitForTask(key, 'payBenefits');
    const reviews = async (page: Page) =>
      (await page.getByTestId('audit-trail').locator('tbody tr').evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent ?? ''))))
        .filter(([, , what]) => what?.startsWith('办结任务「15个工作日内审核结算'))
        .map(([, , , detail]) => detail);

    // when the manager opens it, and again as on a Camunda 8.8 cluster (no audit log: 404)
    const withAuditLog = await t.openMonitorAs(MANAGER);
    await withAuditLog.goto(`${t.url}/monitor/instances/${key}`);
    await expect.poll(() => reviews(withAuditLog)).toHaveLength(2);
    const without = await t.openMonitorAs(MANAGER);
    await without.route('**/v2/audit-logs/search', (route) => route.fulfill({ status: 404, contentType: 'application/problem+json', body: JSON.stringify({ status: 404, title: 'NOT_FOUND' }) }));
    await without.goto(`${t.url}/monitor/instances/${key}`);
    await expect.poll(() => reviews(without)).toHaveLength(2);

    // then
    expect(await reviews(withAuditLog)).toEqual(['决定：退回；统筹基金支付录入有误', '决定：同意']);
    expect(await reviews(without)).toEqual(['', '决定：同意（当前值）']);
  });

  it("should bring 首页's first figures inside the page, for the engine's day, and draw its charts without asking for them", async () => {
    // given a manager signed in
    const page = await t.openMonitorAs(MANAGER);
    // (away first: the page opened at login asks for its own figures, maybe after the listener below is in)
    await page.goto('about:blank');
    const requests: { url: URL; at: number }[] = [];
    page.on('request', (request) => {
      if (/\/monitor\/api\/(overview|catalog)|\/v2\/authentication\/me/.test(request.url())) requests.push({ url: new URL(request.url()), at: performance.now() });
    });
    // (首页 asks again every 30 s: on a slow machine this test may outlast that, and those are not the start's)
    let opened = 0;
    const asked = () => requests.filter((request) => request.at - opened < 25_000).map((request) => request.url.pathname);

    // when she opens 首页 afresh (this month: the period a new tab starts with), once the read model has read the
    // cases the tests above cancelled and started (the 25 s counted from the page's opening, not the wait's start)
    await t.readModelCaughtUp();
    opened = performance.now();
    await page.goto(`${t.url}/monitor/`);

    // then the figures of the engine's day (not the PC's) show
    await expect.poll(() => page.getByTestId('kpi-open').innerText(), { timeout: 20_000 }).toBe('4');
    // (nothing completed this month, so no cycle-time chart)
    for (const chart of ['open-chart', 'steps-chart']) await page.getByTestId(chart).and(page.locator('[data-ready="true"]')).waitFor();
    expect(await page.locator('[data-testid="open-chart"] svg, [data-testid="steps-chart"] svg').count()).toBe(2);
    // and the step chart's labels (a step's name over its process's title) inside the chart, none run off its left
    // edge, every name whole in its aria text
    const stepsChart = page.getByTestId('steps-chart');
    const chartLeft = (await stepsChart.boundingBox())!.x;
    const labelLefts = await stepsChart.locator('svg text').evaluateAll((texts) => texts.filter((text) => /\p{Script=Han}/u.test(text.textContent ?? '')).map((text) => text.getBoundingClientRect().left));
    expect(labelLefts.length).toBeGreaterThanOrEqual(2);
    for (const left of labelLefts) expect(left).toBeGreaterThanOrEqual(chartLeft);
    expect(await stepsChart.locator('svg').textContent()).toContain('医疗保险经办工作人员初步审核');
    const aria = (await stepsChart.getAttribute('aria-label'))!;
    expect(aria).toMatch(/^在办环节（待办任务数）：/);
    expect(aria).toMatch(/「医疗保险经办工作人员初步审核」[1-9]\d* 件/);
    expect(aria).not.toContain('…');
    // and the step chart's figures are a table too, opened from beside it with the keyboard
    const stepsTable = page.getByTestId('steps-table');
    expect(await stepsTable.isVisible()).toBe(false);
    await page.getByText('以表格查看').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => stepsTable.isVisible()).toBe(true);
    const stepRows = await stepsTable.locator('tbody tr').allInnerTexts();
    expect(stepRows.length).toBeGreaterThan(0);
    for (const row of stepRows) expect(row).toMatch(/^\S+\t\S+\t[1-9]\d*$/);
    // and the session, the catalogue and the figures came with the page: none of them was asked for
    expect(asked()).toEqual([]);
    const inlined = JSON.parse((await page.locator('#first-screen').textContent())!) as { session: { user: { username: string }; now: string }; app: { overview: { today: string; period: { kind: string } } } };
    expect(inlined.session.user.username).toBe(MANAGER);
    expect(inlined.session.now.slice(0, 10)).toBe(TODAY);
    expect(inlined.app.overview.today).toBe(TODAY);
    expect(inlined.app.overview.period.kind).toBe('month');
    // and the chart library was not preloaded beside the bundle (its top charts came drawn: it loads after the first
    // screen, for the step chart further down and when they go live)
    const [charts] = chunksHolding('monitor', 'web-monitor/src/charts/echarts-setup.ts');
    expect(await page.locator(`link[rel="modulepreload"][href="/monitor/assets/${charts}"]`).count()).toBe(0);
  });

  it("should show 首页's top chart drawn by the server before the chart library has come, and live once it has", async () => {
    // given a manager whose browser has not yet got the chart library
    // when she opens 首页 (the library's request held)
    const { page, open, chartChunk } = await openHomeWithChartChunkHeld();

    // then the open-cases chart shows as the server drew it (nothing completed this month: no cycle-time chart),
    // with its label, while the library has not come (asked for after the first screen): the step chart further
    // down waits for it
    await expect.poll(() => chartChunk.held()).toBeGreaterThan(0);
    expect(await open.getAttribute('aria-label')).toBe('在办案件（按事项）');
    expect(await open.locator('svg').count()).toBe(1);
    expect(await open.locator('svg path[fill="#c0392b"]').count()).toBeGreaterThan(0);
    expect(await open.locator('svg').textContent()).toContain('零星报销');
    expect(await open.getAttribute('_echarts_instance_')).toBeNull();
    // (its labels where the live chart puts them: the server does not measure text as the browser does)
    const labels = () => open.locator('svg text').evaluateAll((texts) => texts.filter((text) => (text.textContent ?? '').includes('零星报销')).map((text) => `${text.textContent} ${text.getAttribute('transform')}`));
    const drawnLabels = await labels();
    expect(drawnLabels).toHaveLength(1);
    expect(await page.getByTestId('steps-chart').getAttribute('data-ready')).toBeNull();
    // (its legend names 临期 once, as the live chart's does: a tooltip on the chart adds one more)
    const dueSoonTexts = async () => ((await open.locator('svg').textContent()) ?? '').split('临期').length - 1;
    const legendOnly = await dueSoonTexts();
    expect(legendOnly).toBe(1);

    // when she points at the chart and, her pointer resting there, the library comes
    await open.hover();
    await chartChunk.release();

    // then it is the live chart in place of the picture: one SVG, a tooltip where she points, without her moving
    // (drawn after the pointer came, the chart shows it where the pointer rests)
    await expect.poll(() => open.getAttribute('_echarts_instance_'), { timeout: 20_000 }).not.toBeNull();
    expect(await open.locator('svg').count()).toBe(1);
    await expect.poll(dueSoonTexts, { timeout: 20_000 }).toBeGreaterThan(legendOnly);
    // and its labels are where the picture had them (the tooltip, where she points, names the process too)
    expect(await labels()).toEqual(expect.arrayContaining(drawnLabels));
  });

  it("should show no tooltip on 首页's top chart going live when the pointer that was on it has moved off", async () => {
    // given 首页 with its top chart as the server drew it, the chart library held back
    const { page, open, chartChunk } = await openHomeWithChartChunkHeld();
    const dueSoonTexts = async () => ((await open.locator('svg').textContent()) ?? '').split('临期').length - 1;
    const legendOnly = await dueSoonTexts();
    expect(legendOnly).toBe(1);

    // when she points at the chart, moves the pointer off it (to the page's top left corner), then the library comes
    await open.hover();
    await page.mouse.move(0, 0);
    await chartChunk.release();

    // then the live chart is drawn with its legend alone: no tooltip where the pointer no longer is
    await expect.poll(() => open.getAttribute('_echarts_instance_'), { timeout: 20_000 }).not.toBeNull();
    // (the chart is set up in the task that gives it its instance; a tooltip shown then is in the SVG by the next
    // frames)
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(await open.locator('svg').count()).toBe(1);
    expect(await dueSoonTexts()).toBe(legendOnly);
  });

  it("should replace 首页's drawn chart with a live one when another period is chosen before it went live", async () => {
    // given 首页 with its top chart as the server drew it, the chart library held back
    const { page, open, chartChunk } = await openHomeWithChartChunkHeld();
    expect(await page.getByTestId('cycle-chart').count()).toBe(0);

    // when she chooses February to today (with the completed case), then the library comes
    await showPeriod(page);
    await expect.poll(() => page.locator('.overview').innerText(), { timeout: 20_000 }).toContain(`统计期间：${FROM} 至 ${TODAY}`);
    expect(await open.getAttribute('_echarts_instance_')).toBeNull();
    // and while the library is still on its way the box no longer shows this month's picture as ready
    await expect.poll(() => open.getAttribute('data-ready')).toBeNull();
    expect(await open.locator('svg').count()).toBe(0);
    await chartChunk.release();

    // then both charts are live ones with the period's figures: the open one in place of the picture
    await expect.poll(() => open.getAttribute('_echarts_instance_'), { timeout: 20_000 }).not.toBeNull();
    expect(await open.locator('svg').count()).toBe(1);
    const cycle = page.getByTestId('cycle-chart');
    await cycle.and(page.locator('[data-ready="true"]')).waitFor();
    expect(await cycle.getAttribute('_echarts_instance_')).not.toBeNull();
    expect(await cycle.locator('svg').textContent()).toContain('工作日');
  });

  it('should ask for the figures of the period the tab shows when it is not this month, for the engine\'s day', async () => {
    // given a tab that last showed 今天
    const page = await t.openMonitorAs(MANAGER);
    await page.evaluate(() => sessionStorage.setItem('monitor.period', JSON.stringify({ kind: 'today' })));
    // (away first: the page opened at login went on to 首页 without a reload and may still ask for this month's
    // figures after the listener below is in; two CI runs counted that request)
    await page.goto('about:blank');
    const asked: URL[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/monitor/api/overview')) asked.push(new URL(request.url()));
    });

    // when 首页 is opened again in it (its HTML brings this month's figures)
    await page.goto(`${t.url}/monitor/`);

    // then today's figures are asked for and shown, not the month's the page came with
    await expect.poll(() => page.locator('.overview').innerText(), { timeout: 20_000 }).toContain(`统计期间：${TODAY} ·`);
    const periods = asked.map((url) => [url.searchParams.get('period'), url.searchParams.get('now')?.slice(0, 10)]);
    expect(periods.length).toBeGreaterThan(0);
    for (const period of periods) expect(period).toEqual(['today', TODAY]);
    expect(await page.getByTestId('kpi-open').innerText()).toBe('4');

    // when she picks 本月, its answer held
    // (only the month's: a poll of today's figures going out meanwhile is answered)
    const overviewUrl = (url: URL) => url.pathname.endsWith('/monitor/api/overview') && url.searchParams.get('period') === 'month';
    const held: (() => Promise<void>)[] = [];
    await page.route(overviewUrl, (route) => void held.push(() => route.continue()));
    await page.getByRole('button', { name: '本月' }).click();
    await expect.poll(() => held.length).toBe(1);

    // then today's figures stay, dimmed and marked busy, their period line still today's
    const figures = page.locator('.overview-figures');
    expect(await figures.getAttribute('class')).toContain('stale-figures');
    expect(await figures.getAttribute('aria-busy')).toBe('true');
    expect(await page.locator('.period-line').innerText()).toContain(`统计期间：${TODAY} ·`);

    // when the month's answer comes: its figures, no longer dimmed
    await held[0]!();
    await page.unroute(overviewUrl);
    await expect.poll(() => figures.getAttribute('aria-busy')).toBe('false');
    expect(await figures.getAttribute('class')).not.toContain('stale-figures');
    expect(await page.locator('.period-line').innerText()).toContain(`统计期间：${TODAY.slice(0, 8)}01 至 ${TODAY} ·`);

    // when she picks 今日 again and its read fails
    const todays = (url: URL) => url.pathname.endsWith('/monitor/api/overview') && url.searchParams.get('period') === 'today';
    await page.route(todays, (route) => route.fulfill({ status: 503, json: { title: 'Service Unavailable', status: 503, detail: 'down for the test' } }));
    await page.getByRole('button', { name: '今日' }).click();

    // then the month's figures stay dimmed under the error, no longer marked busy: nothing is being read
    await page.locator('.overview .banner.error').waitFor();
    expect(await figures.getAttribute('class')).toContain('stale-figures');
    expect(await figures.getAttribute('aria-busy')).toBe('false');
    await page.unroute(todays);
  });

  it('should put the first screen into the HTML of 首页 only for a signed-in user allowed to use the monitor', async () => {
    // given the cookies of a manager and of a clerk (no 业务监控)
    const cookieOf = async (username: string) => {
      const response = await fetch(`${t.url}/login`, { method: 'POST', body: new URLSearchParams({ username, password: 'demo' }) });
      expect(response.status).toBe(204);
      return /camunda-session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')![0];
    };
    const manager = await cookieOf(MANAGER);
    const clerk = await cookieOf(CLERK);
    const page = async (path: string, cookie?: string) => {
      const response = await fetch(`${t.url}${path}`, { headers: cookie ? { cookie } : {} });
      expect(response.status).toBe(200);
      return { html: await response.text(), cache: response.headers.get('cache-control') };
    };

    // when
    const forManager = await page('/monitor/', manager);
    const anonymous = await page('/monitor/');
    const expired = await page('/monitor/', 'camunda-session=expired-or-made-up');
    const forClerk = await page('/monitor/', clerk);
    const casePage = await page('/monitor/instances/1', manager);
    // (a page checks no passwords: a Basic header's failures would count against the web layer's loopback address)
    const basic = await fetch(`${t.url}/monitor/`, { headers: { authorization: `Basic ${Buffer.from(`${MANAGER}:demo`).toString('base64')}` } });
    const head = await fetch(`${t.url}/monitor/`, { method: 'HEAD', headers: { cookie: manager } });

    // then only the manager's 首页 asked for with GET and the session cookie has it, never stored by a cache
    expect(forManager.html).toContain('<script type="application/json" id="first-screen">');
    expect(forManager.cache).toBe('private, no-store');
    expect(await basic.text()).not.toContain('first-screen');
    expect(head.headers.get('cache-control')).toBe('no-cache');
    for (const plain of [anonymous, expired, forClerk, casePage]) {
      expect(plain.html).not.toContain('first-screen');
      expect(plain.cache).toBe('no-cache');
    }
    // and it holds figures, no ID numbers or names of applicants
    const block = /<script type="application\/json" id="first-screen">(.*?)<\/script>/s.exec(forManager.html)![1]!;
    expect(block).not.toMatch(/[<>&]/);
    expect(block).not.toContain(application.idNumber);
    for (const name of ['马福林', '冶成海', '祁玉兰', '韩永福', '李建国']) expect(block).not.toContain(name);
    expect((JSON.parse(block) as { app: { overview: { totals: { open: number } } } }).app.overview.totals.open).toBe(4);
  });

  it('should say in Chinese where the charts would be when the chart library cannot be loaded, the tables still shown', async () => {
    // given a page whose request for the chart library fails (a network cut, a new version deployed)
    const chunks = chunksHolding('monitor', 'web-monitor/src/charts/echarts-setup.ts');
    expect(chunks).toHaveLength(1);
    const cut = await t.openMonitorAs(MANAGER);
    // (away first: the page opened at login may ask for the library before the route is set)
    await cut.goto('about:blank');
    let refused = 0;
    await cut.route(`**/monitor/assets/${chunks[0]}`, (route) => {
      refused++;
      return route.abort('failed');
    });

    // when 首页 is opened (the library is asked for as the overview is)
    await cut.goto(`${t.url}/monitor/`);

    // then the top chart the server drew stays, also once pointed at (its going live fails), while its figures are
    // the ones shown
    await expect.poll(() => cut.getByTestId('steps-chart').innerText()).toBe('图表未能加载，请刷新页面后重试');
    const open = cut.getByTestId('open-chart');
    await open.hover();
    await afterRender(cut);
    await afterRender(cut);
    expect(await open.getAttribute('data-ready')).toBe('true');
    expect(await open.locator('svg').count()).toBe(1);

    // when another period is chosen
    await showPeriod(cut);

    // then each chart's place says so, and the figures' tables are there
    for (const chart of ['open-chart', 'cycle-chart', 'steps-chart']) {
      await expect.poll(() => cut.getByTestId(chart).innerText()).toBe('图表未能加载，请刷新页面后重试');
    }
    // (announced once, not once per chart)
    expect(await cut.getByRole('alert').allInnerTexts()).toEqual(['图表未能加载，请刷新页面后重试']);
    // (asked for once, by the one import; no chart asks again)
    expect(refused).toBe(1);
    await expect.poll(() => cut.locator('[data-testid="process-table"] tbody tr').count()).toBeGreaterThan(0);
    expect(await cut.locator('.chart svg').count()).toBe(0);
  });
});

/** Labelled rows first, in the labels' zh-CN dictionary order; then the unlabelled ones by technical name. */
function expectLabelOrder(rows: { name: string; label: string }[]): void {
  const order = new Intl.Collator('zh-CN');
  const labelled = rows.filter((row) => row.label);
  expect(rows.slice(0, labelled.length)).toEqual(labelled);
  expect(labelled.map((row) => row.label)).toEqual(labelled.map((row) => row.label).sort(order.compare));
  const technical = rows.slice(labelled.length).map((row) => row.name);
  expect(technical).toEqual([...technical].sort(order.compare));
  expect(labelled.findIndex((row) => row.name === 'idNumber')).toBeLessThan(labelled.findIndex((row) => row.name === 'acceptedAt'));
}
