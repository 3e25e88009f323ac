/**
 * 我的待办, the task list's default view: the open tasks of one assignee, sorted by due date then creation, and
 * their count. Both must reach the clerk's tasks through an index on (state, assignee, …) — not walk every open task
 * in due order until a page of the clerk's is found, which cost ~150 ms of the engine's thread per load with
 * 100,000 open tasks for a clerk holding few.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { queryPlanOf, statementsReadDuring } from '../../support/query-plans.js';

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine?.stop();
});

/** The SQL statements on user_tasks the engine reads with while answering one /v2/user-tasks/search. */
function statementsOf(body: unknown): Promise<string[]> {
  return statementsReadDuring(/FROM\s+"?user_tasks"?\s/i, async () => {
    const response = await engine.fetch('/v2/user-tasks/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
  });
}

describe('the index behind 我的待办', () => {
  it('should read one assignee\'s open tasks in due order, and count them, through (state, assignee, due date, creation)', async () => {
    // when the task list asks for 我的待办 as it does by default
    const statements = await statementsOf({
      filter: { state: 'CREATED', assignee: 'zhang-min' },
      sort: [{ field: 'dueDate', order: 'asc' }, { field: 'creationDate', order: 'asc' }],
      page: { limit: 50 },
    });

    // then the page and the count find the clerk's tasks by the index, the page in its order (no sorting step)
    expect(statements).toHaveLength(2);
    for (const sql of statements) {
      const plan = queryPlanOf(engine, sql).join('\n');
      expect(plan).toContain('user_tasks_state_assignee_due');
      expect(plan).not.toContain('TEMP B-TREE');
    }
  });
});
