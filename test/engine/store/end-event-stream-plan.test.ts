/**
 * The monitor's read model reads how cases ended as a date stream: completed END_EVENT element instances by
 * `endDate` from a watermark, sorted by `endDate` (then the key), a page at a time. The engine answers it from an
 * index on (element_type, end_date) through element_instance_view, not by walking every element instance.
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

describe('the stream of completed end events', () => {
  it('should be read through the index on element type and end date, in its order', async () => {
    // when the monitor asks for a page of the stream
    const statements = await statementsReadDuring(/FROM\s+"?element_instance_view"?\s/i, async () => {
      const response = await engine.fetch('/v2/element-instances/search', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          filter: { type: 'END_EVENT', state: 'COMPLETED', endDate: { $gte: '2026-11-01T00:00:00.000Z' } },
          sort: [{ field: 'endDate', order: 'ASC' }],
          page: { limit: 1000 },
        }),
      });
      expect(response.status).toBe(200);
    });

    // then each statement (the page and its count) seeks the index, and the page needs no sort of its own
    expect(statements.length).toBeGreaterThanOrEqual(1);
    for (const sql of statements) {
      const plan = queryPlanOf(engine, sql).join('\n');
      expect(plan).toMatch(/element_instances_type_end \(element_type=\? AND end_date>\?\)/);
      expect(plan).not.toMatch(/SCAN e\b|SCAN element_instances\b/);
      expect(plan).not.toContain('USE TEMP B-TREE FOR ORDER BY');
    }
  });
});
