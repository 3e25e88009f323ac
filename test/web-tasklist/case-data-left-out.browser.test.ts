/**
 * A case with more decisions, reasons, remarks and notice data than the task page reads (1,000 of each pattern,
 * case-data.ts `caseVariables`), in headless Chromium against the embedded engine: the 办理记录 says its rows may miss
 * an opinion (a blank is no answer), and the 通知书 says a notice may be missing instead of 尚未生成通知书. A case with
 * few says neither. A small process of its own: 受理 by 窗口受理, then the 初审 the clerk opens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { deploy } from '../support/engine-fixture.js';
import { startTasklistHarness, type TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'tasklist-case-data-left-out';
// 李静: 窗口初审 (config/users.json)
const CLERK = 'li-jing';

const model = bpmnProcess(
  PROCESS_ID,
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="intake" name="数据量测试受理"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="window-clerk"/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:userTask id="review" name="数据量测试初审"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="window-first-review"/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:endEvent id="end"/>
   ${flow('f0', 'start', 'intake')}${flow('f1', 'intake', 'review')}${flow('f2', 'review', 'end')}`,
  '数据量测试',
);

/** 1,001 remarks and 1,001 notice variables (a migrated case's, say): one more of each than the page reads. */
const CROWD = Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => String(i).padStart(4, '0')).flatMap((i) => [[`legacy${i}Note`, `旧系统备注 ${i}`], [`legacy${i}Document`, null]]));

let t: TasklistHarness;
let crowdedTaskKey = '';
let plainTaskKey = '';

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [] });
  await deploy(t.harness.client, [{ name: `${PROCESS_ID}.bpmn`, content: model }]);
  const open = async (variables: Record<string, unknown>) => {
    const caseKey = await t.harness.start(PROCESS_ID, { personName: '马福林', ...variables });
    await t.harness.complete(caseKey, 'intake', { as: 'window-clerk', variables: { intakeDecision: 'approved' } });
    return (await t.harness.waitForTask(caseKey, 'review')).userTaskKey;
  };
  crowdedTaskKey = await open(CROWD);
  plainTaskKey = await open({});
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe('task page: a case with more data than the page reads', { timeout: 120_000 }, () => {
  it('should say the 办理记录 and the 通知书 may be incomplete', async () => {
    // given the clerk opens the 初审 of the crowded case
    const page = await t.loginAs(CLERK);
    await page.goto(`${t.url}/tasklist/tasks/${crowdedTaskKey}`);

    // then the 办理记录 shows its 受理 row, and says its opinions were read only in part
    await expect.poll(() => page.locator('table.history').innerText()).toContain('数据量测试受理');
    expect(await page.locator('.history-left-out').innerText()).toBe('本案件的意见、理由和说明数据共 1001 项，只读取了 1000 项：部分环节的意见、理由或说明可能未显示，空白不代表未填写');
    // and the 通知书 does not say there are none, but that one may be missing
    expect(await page.locator('.notices-left-out').innerText()).toBe('本案件的通知书数据共 1001 项，只读取了 1000 项：可能有通知书未列出');
    expect(await page.locator('.task-detail').innerText()).not.toContain('本案件尚未生成通知书');
    await page.context().close();
  });

  it('should say neither for a case with few', async () => {
    const page = await t.loginAs(CLERK);
    await page.goto(`${t.url}/tasklist/tasks/${plainTaskKey}`);
    await expect.poll(() => page.locator('table.history').innerText()).toContain('数据量测试受理');
    expect(await page.locator('.task-detail').innerText()).toContain('本案件尚未生成通知书');
    expect(await page.locator('.history-left-out, .notices-left-out').count()).toBe(0);
    await page.context().close();
  });
});
