/**
 * `CAMUNDA_88_STRICT_FILTERS` (engine/api/plain-filter-fields.ts): the engine refuses, as a Camunda 8.8 cluster
 * does, an advanced filter on a search field 8.8 takes as a plain value only — and the monitor's feeder and the task
 * list's searches, sent unchanged, pass against it (what a cluster would refuse would fail here).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonitorStore } from '../../web-monitor/server/read-model/monitor-store.js';
import { ReadModelFeeder, sdkClusterReader } from '../../web-monitor/server/read-model/read-model-feeder.js';
import type { CurrentUser } from '../../web-shared/src/api/camunda-types.js';
import { loadOfficeCatalog } from '../../web-shared/server/office-catalog.js';
import { countSearch, rowVariablesSearch, taskSearches } from '../../web-tasklist/src/task-queries.js';
import type { ViewQuery } from '../../web-tasklist/src/tasklist-types.js';
import { loadCalendarConfig } from '../../workers/lib/calendar-config.js';
import { advancedOnPlainField, searchOf } from '../../engine/api/plain-filter-fields.js';
import { readEngineConfig } from '../../engine/config.js';
import { readEnvFlag } from '../../engine/env-flag.js';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { serviceAccount } from '../support/web-apps-on-engine.js';

const PROCESS_ID = 'strict-filters';
const model = bpmnProcess(
  PROCESS_ID,
  `<bpmn:startEvent id="start"/>
   <bpmn:userTask id="review" name="初审"><bpmn:extensionElements><zeebe:userTask/>
     <zeebe:assignmentDefinition candidateGroups="window-first-review"/></bpmn:extensionElements></bpmn:userTask>
   <bpmn:endEvent id="end" name="办结"/>${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}`,
  '严格过滤',
);

let engine: EngineFixture;
let dataDir: string;
const cases: string[] = [];

async function search(path: string, body: object) {
  const response = await engine.fetch(`/v2/${path}/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { items?: unknown[]; detail?: string } };
}

beforeAll(async () => {
  engine = await startEngine({ engine: { strictFilters: true } });
  await deploy(engine.client, [{ name: 'strict-filters.bpmn', content: model }]);
  for (const name of ['张三', '李四', '王五']) {
    cases.push((await engine.client.createProcessInstance({ processDefinitionId: PROCESS_ID, variables: { personName: name, acceptedAt: '2026-11-02' } })).processInstanceKey);
  }
  // one case done: an end event for the feeder's outcomes
  const [task] = (await engine.client.searchUserTasks({ filter: { processInstanceKey: cases[0]!, state: 'CREATED' } })).items;
  await engine.client.completeUserTask({ userTaskKey: task!.userTaskKey, variables: {} });
  dataDir = mkdtempSync(join(tmpdir(), 'strict-filters-'));
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('CAMUNDA_88_STRICT_FILTERS', () => {
  it('should refuse an advanced filter where Camunda 8.8 takes a plain value, and take the filters 8.8 takes', async () => {
    const refused = await search('user-tasks', { filter: { processInstanceKey: { $in: cases } } });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain('filter.processInstanceKey');
    expect((await search('element-instances', { filter: { processInstanceKey: { $in: cases }, type: 'END_EVENT' } })).status).toBe(400);
    expect((await search('element-instances', { filter: { type: { $in: ['END_EVENT'] } } })).status).toBe(400);

    expect(await search('user-tasks', { filter: { processInstanceKey: cases[1] } })).toMatchObject({ status: 200, body: { items: [expect.anything()] } });
    expect((await search('user-tasks', { filter: { state: 'CREATED', candidateGroup: { $in: ['window-first-review'] }, assignee: { $exists: false } } })).body.items).toHaveLength(2);
    expect((await search('variables', { filter: { processInstanceKey: { $in: cases }, name: { $in: ['personName'] } } })).body.items).toHaveLength(3);
    expect((await search('process-instances', { filter: { processInstanceKey: { $in: cases } } })).body.items).toHaveLength(3);
    expect(advancedOnPlainField('process-instances', { processInstanceKey: { $in: cases } })).toBeUndefined();
  });

  it('should refuse an advanced filter on the plain-only fields of the decision, decision requirements, role and group searches', async () => {
    for (const [path, filter] of [
      ['decision-definitions', { decisionDefinitionId: { $in: ['a'] } }],
      ['decision-definitions', { version: { $gte: 1 } }],
      ['decision-requirements', { decisionRequirementsName: { $like: '*' } }],
      ['decision-requirements', { resourceName: { $in: ['a.dmn'] } }],
      ['roles', { roleId: { $in: ['admin'] } }],
      ['roles', { name: { $like: '*' } }],
      ['groups', { name: { $in: ['window-first-review'] } }],
    ] as const) {
      const refused = await search(path, { filter });
      expect(refused.status, `${path} ${JSON.stringify(filter)}`).toBe(400);
      expect(refused.body.detail).toContain(`filter.${Object.keys(filter)[0]!} of the ${path} search`);
    }
    for (const [path, filter] of [
      ['decision-definitions', { decisionDefinitionId: 'a', version: 1 }],
      ['decision-requirements', { decisionRequirementsId: 'a' }],
      ['roles', { roleId: 'admin' }],
      ['groups', { groupId: { $in: ['window-first-review'] } }],
    ] as const) {
      expect((await search(path, { filter })).status, `${path} ${JSON.stringify(filter)}`).toBe(200);
    }
  });

  it('should refuse on the nested searches by their route: a process instance\'s incidents; a user task\'s variables take name operators', async () => {
    expect(searchOf('/process-instances/2251799813685249/incidents/search')).toBe('process-instances/:key/incidents');
    expect(searchOf('/user-tasks/2251799813685250/variables/search')).toBe('user-tasks/:key/variables');
    expect(searchOf('/incidents/search')).toBe('incidents');
    expect(searchOf('/process-instances/2251799813685249')).toBeUndefined();

    const refused = await search(`process-instances/${cases[1]!}/incidents`, { filter: { processInstanceKey: { $in: cases } } });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain('filter.processInstanceKey of the process-instances/:key/incidents search');
    expect((await search(`process-instances/${cases[1]!}/incidents`, { filter: { errorType: { $in: ['JOB_NO_RETRIES'] } } })).status).toBe(400);
    expect(await search(`process-instances/${cases[1]!}/incidents`, {})).toMatchObject({ status: 200, body: { items: [] } });

    const [task] = (await engine.client.searchUserTasks({ filter: { processInstanceKey: cases[1]!, state: 'CREATED' } })).items;
    const variables = await search(`user-tasks/${task!.userTaskKey}/variables`, { filter: { name: { $in: ['personName'] } } });
    expect(variables).toMatchObject({ status: 200, body: { items: [expect.objectContaining({ name: 'personName', value: '"李四"' })] } });
  });

  it('should take every search of a monitor feeder pass: no refusal, outcomes read', async () => {
    const account = await serviceAccount(engine, { username: 'monitor-strict', role: 'monitor-reader', name: '监控读取' });
    const store = new MonitorStore(join(dataDir, 'monitor.sqlite'));
    const logged: string[] = [];
    const feeder = new ReadModelFeeder(store, sdkClusterReader(account.camunda), {
      catalog: loadOfficeCatalog(),
      calendar: () => loadCalendarConfig(),
      overlapMs: 10_000,
      sweepBatch: 2,
      intervalMs: 60_000,
      log: (line) => logged.push(line),
    });
    try {
      for (let pass = 0; pass < 3; pass += 1) await feeder.syncOnce();
      expect(feeder.status().lastError).toBeUndefined();
      expect(logged).toEqual([]);
      expect(store.getCase(cases[0]!)).toMatchObject({ state: 'COMPLETED', outcome: 'granted' });
      expect(store.openTasksOf(cases[1]!)).toHaveLength(1);
    } finally {
      await feeder.stop();
      store.close();
    }
  });

  it('should take the task list\'s searches: its lists, counts, search by case number and by name, due states, row variables', async () => {
    const user: CurrentUser = {
      username: 'li-jing', displayName: '李静', authorizedComponents: ['tasklist'], tenants: [], groups: ['window-first-review'], roles: ['clerk'], canLogout: true,
    };
    const due = { now: '2026-11-02T09:00:00.000Z', dueSoonUntil: '2026-11-04T09:00:00.000Z' };
    const queries: ViewQuery[] = [
      { list: 'claimable' },
      { list: 'mine', sort: 'dueDate' },
      { list: 'all', processId: PROCESS_ID, dueState: 'overdue' },
      { list: 'claimable', dueState: 'dueSoon' },
      { list: 'claimable', dueState: 'noLimit' },
      { list: 'claimable', search: cases[1]! },
      { list: 'claimable', search: '李' },
    ];
    const bodies = [
      ...queries.flatMap((query) => taskSearches(query, user, due) ?? []),
      ...(['mine', 'claimable', 'all'] as const).flatMap((list) => countSearch(list, user) ?? []),
    ];
    expect(bodies.length).toBeGreaterThan(8);
    for (const body of bodies) expect(await search('user-tasks', body), JSON.stringify(body)).toMatchObject({ status: 200 });
    const claimable = (await search('user-tasks', taskSearches({ list: 'claimable' }, user, due)![0]!)).body.items as never[];
    expect(claimable).toHaveLength(2);
    expect(await search('variables', rowVariablesSearch(claimable))).toMatchObject({ status: 200 });
  });
});

describe('the spelling of CAMUNDA_88_STRICT_FILTERS and TEST_STRICT_FILTERS', () => {
  it('should read both as one on/off setting: true/false, on/off, yes/no, 1/0 in any case, unset or empty off, anything else an error', () => {
    for (const [value, on] of [['true', true], ['1', true], ['YES', true], [' On ', true], ['false', false], ['0', false], ['no', false], ['off', false], ['', false], [undefined, false]] as const) {
      expect(readEngineConfig({ CAMUNDA_88_STRICT_FILTERS: value }).CAMUNDA_88_STRICT_FILTERS, String(value)).toBe(on);
      expect(readEnvFlag('TEST_STRICT_FILTERS', false, { TEST_STRICT_FILTERS: value }), String(value)).toBe(on);
    }
    expect(() => readEngineConfig({ CAMUNDA_88_STRICT_FILTERS: 'ture' })).toThrow(/CAMUNDA_88_STRICT_FILTERS: expected one of true, on, yes, 1/);
    expect(() => readEnvFlag('TEST_STRICT_FILTERS', false, { TEST_STRICT_FILTERS: '2' })).toThrow('TEST_STRICT_FILTERS=2: expected one of');
  });
});
