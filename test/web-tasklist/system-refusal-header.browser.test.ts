/**
 * FC17's filing the system refused at once (手术已实施: the operation before the day the filing came in), in headless
 * Chromium: no clerk 受理'd it and none will, and its notice is the decision's (不予备案告知书), so the task list's
 * header of 送达不予备案告知书 and the monitor's case page read 受理日期 不予备案 (not 尚未受理, not 不予受理) and
 * 无时限 (web-shared/src/format/refused-at-intake.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';
import { MANAGER } from '../support/monitor-browser.js';

const PROCESS_ID = 'xining-fc17-maternity-registration';
// demo user 陈燕: 窗口受理 (window-clerk), the group that hands the notice over
const WINDOW_CLERK = 'chen-yan';

let t: TasklistHarness;
let caseKey = '';
let taskKey = '';

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [PROCESS_ID], monitor: true });
  caseKey = await t.harness.start(PROCESS_ID, {
    channel: 'onsite',
    unitName: '西宁市城中区某商贸有限公司',
    creditCode: '91630103710402005J',
    personName: '李某某',
    idNumber: '630103199205120026',
    filingReason: 'familyPlanningSurgery',
    plannedSurgeryDate: '2026-02-27',
    registrationKind: 'local',
    hospitalName: '青海省妇女儿童医院',
    submittedMaterials: ['职工有效身份证件（复印件）', '《生育登记表》', '《西宁市城镇职工生育保险备案表》（3份）'],
  });
  taskKey = String((await t.harness.waitForTask(caseKey, 'deliverDecisionNotice')).userTaskKey);
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe('FC17 不予备案 by the system, at 送达不予备案告知书', { timeout: 120_000 }, () => {
  it('should read 受理日期 不予备案 and 无时限 in the task list\'s case header', async () => {
    // given
    const clerk = await t.loginAs(WINDOW_CLERK);

    // when
    await clerk.goto(`${t.url}/tasklist/tasks/${taskKey}`);

    // then
    await expect.poll(() => clerk.locator('.case-header').innerText(), { timeout: 20_000 }).toMatch(/受理日期\s*不予备案/);
    expect(await clerk.locator('.case-header').innerText()).not.toContain('尚未受理');
    await expect.poll(() => clerk.getByTestId('remaining-working-days').innerText()).toBe('无时限');
  });

  it('should read the same on the monitor\'s case page', async () => {
    // given
    const page = await t.openMonitorAs(MANAGER);

    // when
    await page.goto(`${t.url}/monitor/instances/${caseKey}`);

    // then
    await expect.poll(() => page.locator('.facts').innerText(), { timeout: 20_000 }).toMatch(/受理日期\s*不予备案/);
    await expect.poll(() => page.getByTestId('remaining-working-days').innerText()).toBe('无时限');
  });
});
