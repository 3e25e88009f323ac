/**
 * 待认领, the task list's claimable tasks: open, unassigned tasks of the clerk's groups (`candidateGroup` `$in` her
 * groups), sorted by due date then creation, and their count. For a small group (20 open tasks among 100,000)
 * SQLite walked every unassigned open task in due order and probed each one's candidates (~90 ms per page); the
 * engine now starts from the group's few tasks, found through the candidates' index (~3 ms). A big group keeps the
 * walk in order, which stops after a page. Finished tasks keep their candidate rows: a small group with more than
 * 1,000 of them (a few months of history) still starts from its open tasks, the rows carrying their task's state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { queryPlanOf, statementsReadDuring } from '../../support/query-plans.js';

const PROCESS = 'claimable-plan';
/** More tasks than the engine starts a search from (1,000 candidate rows): a big group's. */
const BIG_GROUP_TASKS = 1_001;
/** The small group's finished tasks: more candidate rows than the engine starts a search from. */
const FINISHED_TASKS = 1_001;

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    {
      name: `${PROCESS}.bpmn`,
      content: bpmnProcess(
        PROCESS,
        `<bpmn:startEvent id="start"/>
        <bpmn:userTask id="review" name="审核">
          <bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="=group"/></bpmn:extensionElements>
          <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
        </bpmn:userTask>
        <bpmn:endEvent id="end"/>${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}`,
      ),
    },
  ]);
  const items = (n: number) => Array.from({ length: n }, (_, i) => i);
  await engine.client.createProcessInstance({ processDefinitionId: PROCESS, variables: { group: 'finance', items: items(3) } });
  // finance's history: a case of 1,001 review tasks, cancelled (its tasks CANCELED, their candidate rows kept)
  const history = await engine.client.createProcessInstance({ processDefinitionId: PROCESS, variables: { group: 'finance', items: items(FINISHED_TASKS) } });
  await engine.client.cancelProcessInstance({ processInstanceKey: history.processInstanceKey });
  await engine.client.createProcessInstance({ processDefinitionId: PROCESS, variables: { group: 'window-clerk', items: items(BIG_GROUP_TASKS) } });
});

afterAll(async () => {
  await engine?.stop();
});

/** The plans of the SQL statements on user_tasks the engine reads with while answering the clerk's 待认领 page and its count. */
async function claimablePlans(clerk: string, groups: string[]): Promise<{ page: string[]; count: string[]; totals: number[] }> {
  const filter = { state: 'CREATED', assignee: { $exists: false }, candidateGroup: { $in: groups } };
  const totals: number[] = [];
  const search = (body: unknown) =>
    statementsReadDuring(/FROM\s+"?user_tasks"?\s/i, async () => {
      const response = await engine.fetch('/v2/user-tasks/search', {
        method: 'POST',
        as: { username: clerk, password: 'demo' },
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      totals.push(((await response.json()) as { page: { totalItems: number } }).page.totalItems);
    });
  const page = await search({ filter, sort: [{ field: 'dueDate', order: 'asc' }, { field: 'creationDate', order: 'asc' }], page: { limit: 50 } });
  const count = await search({ filter, page: { limit: 1 } });
  const plan = (sql: string) => queryPlanOf(engine, sql).join('\n');
  return { page: page.map(plan), count: count.map(plan), totals };
}

describe('the plan behind 待认领', () => {
  it("should start from a small group's open tasks, found through the candidates' index, for the page and the count", async () => {
    // given finance's history: more finished tasks than a search starts from
    const finished = await engine.client.searchUserTasks({ filter: { state: 'CANCELED', candidateGroup: 'finance' }, page: { from: 0, limit: 1 } });
    expect(finished.page.totalItems).toBe(FINISHED_TASKS);

    // when ma-xiaoyun (finance: 3 open tasks) opens 待认领
    const { page, count, totals } = await claimablePlans('ma-xiaoyun', ['finance']);

    // then every statement reads the group's open tasks by key, none walks an index of open tasks
    expect(totals).toEqual([3, 3]);
    expect([...page, ...count]).toHaveLength(4);
    for (const plan of [...page, ...count]) {
      expect(plan).toContain('user_task_candidates_value_state (kind=? AND value=? AND state=?)');
      expect(plan).toContain('USING INTEGER PRIMARY KEY');
      expect(plan).not.toMatch(/user_tasks_state/);
    }
  });

  it("should walk a big group's open tasks in due order and stop after a page", async () => {
    // when chen-yan (window-clerk: more than 1,000 open tasks) opens 待认领
    const { page, totals } = await claimablePlans('chen-yan', ['window-clerk']);

    // then the page reads the open, unassigned tasks in the index's order (no sorting step)
    expect(totals).toEqual([BIG_GROUP_TASKS, BIG_GROUP_TASKS]);
    expect(page).toHaveLength(2);
    const [, rows] = page;
    expect(rows).toContain('user_tasks_state_assignee_due');
    expect(rows).not.toContain('TEMP B-TREE');
  });
});
