/**
 * The task list's rows ask for the variables of the page's cases (`processInstanceKey` `$in` 50 keys). For a clerk
 * the engine keeps the variables of cases with a task she may see: checked per case through the tasks' candidates
 * by task key — not by first building the set of every task of her groups (tens of thousands of rows with 100,000
 * open tasks: ~55 ms per statement against ~1 ms).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { queryPlanOf, statementsReadDuring } from '../../support/query-plans.js';

const CLERK = { username: 'zhang-min', password: 'demo' };

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine?.stop();
});

/** The query plans of the SQL statements on variables the engine reads with while answering one search of the clerk's. */
async function plansOf(body: unknown): Promise<string[][]> {
  const statements = await statementsReadDuring(/FROM\s+"?variable_view"?\s/i, async () => {
    const response = await engine.fetch('/v2/variables/search', { method: 'POST', as: CLERK, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
  });
  return statements.map((sql) => queryPlanOf(engine, sql));
}

const candidateLines = (plan: string[]) => plan.filter((line) => line.includes('user_task_candidates'));

describe("the clerk's scope on the variables of named cases", () => {
  it('should look up the candidates of each case\'s tasks by task key, in the page and in the count', async () => {
    // when the task list asks for its rows' applicants
    const plans = await plansOf({ filter: { processInstanceKey: { $in: ['2251799813685249', '2251799813685250'] }, name: { $in: ['personName', 'idNumber'] } }, page: { limit: 8 } });

    // then every statement checks the clerk's candidates, and only through the task key
    expect(plans.length).toBeGreaterThanOrEqual(2);
    for (const plan of plans) {
      expect(candidateLines(plan).length).toBeGreaterThan(0);
      for (const line of candidateLines(plan)) expect(line).toMatch(/user_task_key=\?/);
    }
  });

  it('should build the set of her groups\' tasks once for a search over all cases', async () => {
    // when a search names no case
    const plans = await plansOf({ filter: { name: 'personName' }, page: { limit: 8 } });

    // then the candidates are found by group, not case by case
    expect(plans.length).toBeGreaterThanOrEqual(1);
    for (const plan of plans) expect(candidateLines(plan).some((line) => !/user_task_key=\?/.test(line))).toBe(true);
  });
});
