/**
 * The task list rows' variables search (task-queries.ts `rowVariablesSearch`) against the real engine: cases whose
 * row variables also live in their tasks' scopes (input mappings copy them) still each get theirs — a page limit of
 * cases × names would cut the last cases' `acceptedAt` off, and the list would say 受理后起算 of a case accepted long ago.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult, UserTask, Variable } from '../../web-shared/src/api/camunda-types.js';
import { ROW_VARIABLES, rowVariablesSearch } from '../../web-tasklist/src/task-queries.js';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';

const PROCESS_ID = 'row-variables-in-task-scopes';
const copies = ROW_VARIABLES.map((name) => `<zeebe:input source="=${name}" target="${name}"/>`).join('');
const model = bpmnProcess(
  PROCESS_ID,
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="review" name="初审"><bpmn:extensionElements><zeebe:userTask/><zeebe:ioMapping>${copies}</zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask>
   <bpmn:endEvent id="end"/>
   ${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}`,
);

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [{ name: `${PROCESS_ID}.bpmn`, content: model }]);
});

afterAll(async () => {
  await engine?.stop();
});

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await engine.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe('the task list rows’ variables search', () => {
  it('should give every case its own applicant, ID number and acceptedAt though the names repeat in task scopes', async () => {
    // given three accepted cases, each with a task whose scope holds copies of the row variables
    const cases: string[] = [];
    for (const n of [1, 2, 3]) {
      const variables = { personName: `申请人${n}`, unitName: '', idNumber: `63010219800101000${n}`, acceptedAt: `2026-0${n}-02T09:00:00+08:00` };
      const created = await post<{ processInstanceKey: string }>('/v2/process-instances', { processDefinitionId: PROCESS_ID, variables });
      cases.push(String(created.processInstanceKey));
    }
    let tasks: UserTask[] = [];
    await expect.poll(async () => (tasks = (await post<SearchResult<UserTask>>('/v2/user-tasks/search', { filter: { processDefinitionId: PROCESS_ID } })).items).length).toBe(3);
    const inTaskScopes = await post<SearchResult<Variable>>('/v2/variables/search', { filter: { processInstanceKey: { $in: cases }, name: 'acceptedAt' } });
    expect(inTaskScopes.items).toHaveLength(6);

    // when the list asks for its rows' variables
    const found = await post<SearchResult<Variable>>('/v2/variables/search', rowVariablesSearch(tasks));

    // then each case has each name once, from its own scope
    const byCase = new Map<string, Record<string, unknown>>();
    for (const variable of found.items) byCase.set(variable.processInstanceKey, { ...byCase.get(variable.processInstanceKey), [variable.name]: JSON.parse(variable.value) });
    expect(cases.map((key) => byCase.get(key)?.acceptedAt)).toEqual(['2026-01-02T09:00:00+08:00', '2026-02-02T09:00:00+08:00', '2026-03-02T09:00:00+08:00']);
    expect(cases.map((key) => byCase.get(key)?.personName)).toEqual(['申请人1', '申请人2', '申请人3']);
    expect(found.items.every((variable) => variable.scopeKey === variable.processInstanceKey)).toBe(true);
  });
});
