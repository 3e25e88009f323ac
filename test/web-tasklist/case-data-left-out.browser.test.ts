/**
 * A case with more notice data than the task page reads (1,000 documents, case-data.ts `caseNotices`), in headless
 * Chromium against the embedded engine: the 通知书 says a notice may be missing instead of 尚未生成通知书. A case's
 * many other remarks and numbers (a migrated case's: no row's, no notice's) cut nothing: the 办理记录 reads its rows'
 * own names and the 通知书 their documents' numbers, and neither says anything was left out. A small process of its
 * own: 受理 by 窗口受理, then the 初审 the clerk opens.
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

const legacy = (suffix: string, value: (i: string) => unknown) => Array.from({ length: 1_001 }, (_, n) => String(n).padStart(4, '0')).map((i) => [`legacy${i}${suffix}`, value(i)]);
/** 1,001 remarks and 1,001 numbers (a migrated case's, say): more than a read takes, none of them the page's. */
const OTHERS = Object.fromEntries([...legacy('Note', (i) => `旧系统备注 ${i}`), ...legacy('Number', (i) => `旧编号 ${i}`)]);
/** 1,001 notice variables besides: one more than the page reads. */
const CROWD = { ...OTHERS, ...Object.fromEntries(legacy('Document', () => null)) };

let t: TasklistHarness;
let crowdedTaskKey = '';
let plainTaskKey = '';

beforeAll(async () => {
  t = await startTasklistHarness({ processes: [] });
  await deploy(t.harness.client, [{ name: `${PROCESS_ID}.bpmn`, content: model }]);
  const open = async (variables: Record<string, unknown>, completion: Record<string, unknown> = {}) => {
    const caseKey = await t.harness.start(PROCESS_ID, { personName: '马福林', ...variables });
    await t.harness.complete(caseKey, 'intake', { as: 'window-clerk', variables: { intakeDecision: 'approved', ...completion } });
    return (await t.harness.waitForTask(caseKey, 'review')).userTaskKey;
  };
  crowdedTaskKey = await open(CROWD);
  plainTaskKey = await open(OTHERS, { intakeNote: '原件已核对' });
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

describe('task page: a case with more data than the page reads', { timeout: 120_000 }, () => {
  it('should say the 通知书 may be incomplete, and nothing of the 办理记录 for remarks none of its rows', async () => {
    // given the clerk opens the 初审 of the crowded case
    const page = await t.loginAs(CLERK);
    await page.goto(`${t.url}/tasklist/tasks/${crowdedTaskKey}`);

    // then the 办理记录 shows its 受理 row, and says nothing was left out (its rows' own values were read whole)
    await expect.poll(() => page.locator('table.history').innerText()).toContain('数据量测试受理');
    expect(await page.locator('.history-values-left-out, .history-left-out').count()).toBe(0);
    // and the 通知书 does not say there are none, but that one may be missing
    expect(await page.locator('.notices-left-out').innerText()).toBe('本案件的通知书数据共 1001 项，只读取了 1000 项：可能有通知书未列出');
    expect(await page.locator('.task-detail').innerText()).not.toContain('本案件尚未生成通知书');
    await page.context().close();
  });

  it('should say neither for a case with no notice, however many other remarks and numbers it holds', async () => {
    const page = await t.loginAs(CLERK);
    await page.goto(`${t.url}/tasklist/tasks/${plainTaskKey}`);
    // (the 受理 row with its own remark, the newest of the case's 1,002 …Note)
    await expect.poll(() => page.locator('table.history').innerText()).toContain('原件已核对');
    expect(await page.locator('.task-detail').innerText()).toContain('本案件尚未生成通知书');
    expect(await page.locator('.history-left-out, .history-values-left-out, .notices-left-out').count()).toBe(0);
    await page.context().close();
  });
});
