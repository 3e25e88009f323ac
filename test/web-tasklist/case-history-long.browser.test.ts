/**
 * A case with more completed steps than the task page's 办理记录 reads (1,000: case-data.ts) in headless Chromium:
 * the table shows the newest thousand, and above it the page says how many there are and that the older ones are
 * not shown — before, it showed the newest 100 and said nothing. The case: a multi-instance user task of 1,005
 * rounds, all completed, then 归档, which the clerk opens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserTask } from '../../web-shared/src/api/camunda-types.js';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { startTasklistWithModels, type TasklistHarness } from '../support/tasklist-browser.js';

const PROCESS_ID = 'tasklist-history-long';
const GROUP = 'window-first-review';
const ROUNDS = 1_005;

const model = bpmnProcess(
  PROCESS_ID,
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="round" name="逐笔复核"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="${GROUP}"/></bpmn:extensionElements>
     <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=for i in 1..${ROUNDS} return i" inputElement="n"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
   </bpmn:userTask>
   <bpmn:userTask id="archive" name="归档"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="${GROUP}"/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:endEvent id="end"/>
   ${flow('f1', 'start', 'round')}${flow('f2', 'round', 'archive')}${flow('f3', 'archive', 'end')}`,
  '长案件办理记录测试',
);

let t: TasklistHarness;

beforeAll(async () => {
  t = await startTasklistWithModels({ [PROCESS_ID]: model });
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

describe('the 办理记录 of a case with more steps than the page reads', { timeout: 180_000 }, () => {
  it('should show the newest 1,000 and say that the 5 older ones are not shown', async () => {
    // given a case whose 1,005 rounds of 逐笔复核 are all completed, now at 归档
    const h = t.harness;
    const caseKey = await h.start(PROCESS_ID, {});
    const post = (path: string, body: unknown) => h.fixture.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    let rounds: UserTask[] = [];
    await expect
      .poll(
        async () => {
          const answer = await post('/v2/user-tasks/search', { filter: { processInstanceKey: caseKey, elementId: 'round', state: 'CREATED' }, page: { limit: 2_000 } });
          rounds = ((await answer.json()) as { items: UserTask[] }).items;
          return rounds.length;
        },
        { timeout: 30_000 },
      )
      .toBe(ROUNDS);
    for (const round of rounds) expect((await post(`/v2/user-tasks/${round.userTaskKey}/completion`, {})).status).toBe(204);
    const archive = await h.waitForTask(caseKey, 'archive');

    // when the clerk opens 归档
    const clerk = await t.loginAs(h.userOf(GROUP));
    await clerk.goto(`${t.url}/tasklist/tasks/${archive.userTaskKey}`);

    // then the 办理记录 shows 1,000 rows, and says above them how many there are and that the older are not shown
    await expect.poll(() => clerk.locator('table.history tbody tr').count(), { timeout: 60_000 }).toBe(1_000);
    expect(await clerk.locator('.history-left-out').innerText()).toBe('共 1005 条办理记录，仅显示最近 1000 条，更早的 5 条未显示');
    await clerk.context().close();
  });
});
