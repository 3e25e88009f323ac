/**
 * Conformance: variables (search, get) through CamundaRestClient; values are JSON text, as in Camunda.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow, serviceTask } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { problemOf } from '../support/problem-of.js';

const KEY = /^\d+$/;

let engine: EngineFixture;
const processId = `variables-${randomUUID()}`;
const VALUES = {
  count: 8,
  ratio: 0.25,
  name: 'abc',
  applicant: '张三',
  approved: true,
  nothing: null,
  address: { city: '西宁', district: '城中区' },
  items: [1, 'two', { three: 3 }],
};

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    {
      name: 'variables.bpmn',
      content: bpmnProcess(
        processId,
        `<bpmn:startEvent id="start"/>${serviceTask('task', `variables-${randomUUID()}`)}<bpmn:endEvent id="end"/>
         ${flow('f1', 'start', 'task')}${flow('f2', 'task', 'end')}`,
      ),
    },
  ]);
});

afterAll(async () => {
  await engine.stop();
});

describe('POST /v2/variables/search', () => {
  it('should find the variables of a process instance with values as JSON strings', async () => {
    // given
    const { processInstanceKey } = await startCase(VALUES);

    // when
    const result = await engine.client.searchVariables({ filter: { processInstanceKey } });

    // then
    expect(result.page.totalItems).toBe(Object.keys(VALUES).length);
    const byName = Object.fromEntries(result.items.map((v) => [v.name, v.value]));
    expect(byName).toEqual({
      count: '8',
      ratio: '0.25',
      name: '"abc"',
      applicant: '"张三"',
      approved: 'true',
      nothing: 'null',
      address: '{"city":"西宁","district":"城中区"}',
      items: '[1,"two",{"three":3}]',
    });
    for (const variable of result.items) {
      expect(variable).toMatchObject({ processInstanceKey, scopeKey: processInstanceKey, tenantId: '<default>', isTruncated: false });
      expect(variable.variableKey).toMatch(KEY);
      expect(typeof variable.value).toBe('string');
      expect(JSON.parse(variable.value)).toEqual(VALUES[variable.name as keyof typeof VALUES]);
    }
  });

  it('should filter by name and by JSON value', async () => {
    // given
    const { processInstanceKey } = await startCase(VALUES);

    // when
    const byName = await engine.client.searchVariables({ filter: { processInstanceKey, name: 'applicant' } });
    const byValue = await engine.client.searchVariables({ filter: { processInstanceKey, value: '"abc"' } });

    // then
    expect(byName.items.map((v) => [v.name, v.value])).toEqual([['applicant', '"张三"']]);
    expect(byValue.items.map((v) => v.name)).toEqual(['name']);
  });

  it('should sort by name and page with from/limit and cursors', async () => {
    // given
    const { processInstanceKey } = await startCase(VALUES);
    const sort = [{ field: 'name' as const, order: 'ASC' as const }];
    const names = Object.keys(VALUES).sort();

    // when
    const first = await engine.client.searchVariables({ filter: { processInstanceKey }, sort, page: { from: 0, limit: 3 } });
    const second = await engine.client.searchVariables({ filter: { processInstanceKey }, sort, page: { from: 3, limit: 3 } });
    const afterCursor = await engine.client.searchVariables({
      filter: { processInstanceKey },
      sort,
      page: { after: first.page.endCursor, limit: 3 } as unknown as { from: number; limit: number },
    });

    // then
    expect(first.page.totalItems).toBe(names.length);
    expect(first.items.map((v) => v.name)).toEqual(names.slice(0, 3));
    expect(second.items.map((v) => v.name)).toEqual(names.slice(3, 6));
    expect(afterCursor.items.map((v) => v.name)).toEqual(names.slice(3, 6));
  });

  it('should truncate a value longer than 8191 characters and flag it, unless asked for full values', async () => {
    // given: a note of 10,000 characters (10,002 as JSON text) and a short one
    const note = '医保'.repeat(5_000);
    const { processInstanceKey } = await startCase({ note, short: 'abc' });
    const search = async (query: string, filter: Record<string, unknown> = {}) => {
      const response = await engine.fetch(`/v2/variables/search${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filter: { processInstanceKey, ...filter }, sort: [{ field: 'name' }] }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: { name: string; value: string; isTruncated: boolean; variableKey: string }[] }).items;
    };

    // when
    const truncated = await search('');
    const whole = await search('?truncateValues=false');
    const flagged = await search('', { isTruncated: true });
    const unflagged = await search('', { isTruncated: false });
    const full = await engine.fetch(`/v2/variables/${truncated[0]!.variableKey}`);

    // then
    expect(truncated.map((v) => [v.name, v.value.length, v.isTruncated])).toEqual([['note', 8191, true], ['short', 5, false]]);
    expect(truncated[0]!.value).toBe(JSON.stringify(note).slice(0, 8191));
    expect(whole.map((v) => [v.name, v.value, v.isTruncated])).toEqual([['note', JSON.stringify(note), false], ['short', '"abc"', false]]);
    expect(flagged.map((v) => v.name)).toEqual(['note']);
    expect(unflagged.map((v) => v.name)).toEqual(['short']);
    expect(((await full.json()) as { value: string }).value).toBe(JSON.stringify(note));
  });

  it('should answer 400 for a truncateValues that is not a boolean and for an operator on isTruncated', async () => {
    // given
    const body = (filter: Record<string, unknown>) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filter }) });

    // when
    const badQuery = await engine.fetch('/v2/variables/search?truncateValues=maybe', body({}));
    const badOperator = await engine.fetch('/v2/variables/search', body({ isTruncated: { $eq: true } }));

    // then
    expect(badQuery.status).toBe(400);
    expect(badOperator.status).toBe(400);
    expect(((await badOperator.json()) as { detail: string }).detail).toContain('isTruncated');
  });

  it('should answer 400 with a problem for an unknown sort field', async () => {
    // given
    const sort = [{ field: 'colour', order: 'ASC' }] as never;

    // when
    const problem = await problemOf(engine.client.searchVariables({ filter: {}, sort }));

    // then
    expect(problem.status).toBe(400);
    expect(problem.contentType).toMatch(/^application\/problem\+json/);
    expect(problem.body.detail).toContain('colour');
  });
});

describe('GET /v2/variables/{key}', () => {
  it('should answer the variable with its full value, which the SDK parses', async () => {
    // given
    const { processInstanceKey } = await startCase(VALUES);
    const [address] = (await engine.client.searchVariables({ filter: { processInstanceKey, name: 'address' } })).items;

    // when
    const variable = await engine.client.getVariable({ variableKey: address!.variableKey });

    // then
    expect(variable).toMatchObject({ variableKey: address!.variableKey, name: 'address', processInstanceKey, scopeKey: processInstanceKey, tenantId: '<default>' });
    expect(variable.value).toEqual(VALUES.address);
  });

  it('should send the value as a JSON string on the wire', async () => {
    // given
    const { processInstanceKey } = await startCase(VALUES);
    const [count] = (await engine.client.searchVariables({ filter: { processInstanceKey, name: 'count' } })).items;

    // when
    const response = await engine.fetch(`/v2/variables/${count!.variableKey}`);

    // then
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ variableKey: count!.variableKey, name: 'count', value: '8' });
  });

  it('should answer 404 with a problem for an unknown key', async () => {
    // given
    const unknown = '2251799813999990';

    // when
    const problem = await problemOf(engine.client.getVariable({ variableKey: unknown }));

    // then
    expect(problem.status).toBe(404);
    expect(problem.body).toMatchObject({ type: 'about:blank', status: 404, instance: `/v2/variables/${unknown}` });
  });

  it('should answer 400 with a problem for a non-numeric key', async () => {
    // given
    const key = '-1';

    // when
    const problem = await problemOf(engine.client.getVariable({ variableKey: key }));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('variableKey');
  });
});

/** Starts a case and waits until the searches show its variables (on a cluster they lag behind the commands). */
async function startCase(variables: Record<string, unknown>) {
  const created = await engine.client.createProcessInstance({ processDefinitionId: processId, variables });
  const { processInstanceKey } = created;
  await expect.poll(async () => (await engine.client.searchVariables({ filter: { processInstanceKey } })).page.totalItems).toBe(Object.keys(variables).length);
  return created;
}
