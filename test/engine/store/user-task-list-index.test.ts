/**
 * 我的待办, the task list's default view: the open tasks of one assignee, sorted by due date then creation, and
 * their count. Both must reach the clerk's tasks through an index on (state, assignee, …) — not walk every open task
 * in due order until a page of the clerk's is found, which cost ~150 ms of the engine's thread per load with
 * 100,000 open tasks for a clerk holding few.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSqliteReadonly } from '../../../engine/store/sqlite-file.js';
import { StoreConnection } from '../../../engine/store/store-connection.js';
import { startEngine, type EngineFixture } from '../../support/engine-fixture.js';

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  vi.restoreAllMocks();
  await engine?.stop();
});

/** The SQL statements on user_tasks the engine prepares while answering one /v2/user-tasks/search. */
async function statementsOf(body: unknown): Promise<string[]> {
  const statements: string[] = [];
  const read = StoreConnection.prototype.read;
  const spy = vi.spyOn(StoreConnection.prototype, 'read').mockImplementation(function (this: StoreConnection, sql: string) {
    if (/FROM\s+"?user_tasks"?\s/i.test(sql)) statements.push(sql);
    return read.call(this, sql);
  });
  try {
    const response = await engine.fetch('/v2/user-tasks/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
  } finally {
    spy.mockRestore();
  }
  return statements;
}

function planOf(sql: string): string[] {
  const db = openSqliteReadonly(join(engine.dataDir, 'engine.sqlite'));
  try {
    const parameters = Array.from(sql.matchAll(/\?/g), () => 'x');
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map(({ detail }) => detail);
  } finally {
    db.close();
  }
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
      const plan = planOf(sql).join('\n');
      expect(plan).toContain('user_tasks_state_assignee_due');
      expect(plan).not.toContain('TEMP B-TREE');
    }
  });
});
