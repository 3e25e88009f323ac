/**
 * The variables of a case a clerk may read, found two ways: the task list names its rows' cases
 * (`processInstanceKey` a key, `$eq` or `$in`: the tasks' candidates are checked case by case through the task key)
 * and the monitor-like search names none (the set of the user's tasks is built once). Both must give exactly the
 * variables of the cases the user reaches — for each way a case is reached: as a candidate user, as the assignee,
 * as the one who completed a task, through READ_PROCESS_INSTANCE on the process (also a case with no user task) —
 * and nothing of any other case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow, serviceTask } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { jsonRequest, limitedUser } from '../../support/limited-user.js';

const TASK_PROCESS = 'paths-task';
const READ_PROCESS = 'paths-read';
const NO_TASK_PROCESS = 'paths-no-task';
const OTHER_NO_TASK_PROCESS = 'paths-no-task-other';

// xu-qing: a clerk (group window-clerk, so the clerk role), who may also read the cases of two processes
const XU = { username: 'xu-qing', password: 'paths-Secret-1' };
// zhou-lan: reads tasks by candidate group and completes them by candidate group; moved out of her group afterwards
const ZHOU = { username: 'zhou-lan', password: 'paths-Secret-2' };

let engine: EngineFixture;
/** Case keys by how (or whether) the users reach them. */
const cases = {} as Record<
  'ownGroup' | 'candidateUser' | 'assignee' | 'completedByZhou' | 'processRead' | 'noTask' | 'otherGroup' | 'otherCandidate' | 'otherAssignee' | 'otherNoTask' | 'zhousOldGroupOpen',
  string
>;

const userTask = `<bpmn:userTask id="task" name="审核"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="=groups" candidateUsers="=users"/></bpmn:extensionElements></bpmn:userTask>`;
const taskBody = `<bpmn:startEvent id="start"/>${userTask}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'task')}${flow('f2', 'task', 'end')}`;
const noTaskBody = `<bpmn:startEvent id="start"/>${serviceTask('wait', 'paths-wait')}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'wait')}${flow('f2', 'wait', 'end')}`;

async function start(processDefinitionId: string, candidates: { groups?: string[]; users?: string[] } = {}): Promise<string> {
  const variables = { applicantName: `申请人-${processDefinitionId}`, groups: candidates.groups ?? [], users: candidates.users ?? [] };
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId, variables });
  return processInstanceKey;
}

async function taskOf(processInstanceKey: string): Promise<string> {
  const { items } = await engine.client.searchUserTasks({ filter: { processInstanceKey } });
  expect(items).toHaveLength(1);
  return items[0]!.userTaskKey;
}

async function call(path: string, method: string, body?: unknown, as?: { username: string; password: string }) {
  const response = await engine.fetch(path, { ...(body === undefined ? { method } : jsonRequest(method, body)), ...(as ? { as } : {}) });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return response;
}

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    { name: `${TASK_PROCESS}.bpmn`, content: bpmnProcess(TASK_PROCESS, taskBody) },
    { name: `${READ_PROCESS}.bpmn`, content: bpmnProcess(READ_PROCESS, taskBody) },
    { name: `${NO_TASK_PROCESS}.bpmn`, content: bpmnProcess(NO_TASK_PROCESS, noTaskBody) },
    { name: `${OTHER_NO_TASK_PROCESS}.bpmn`, content: bpmnProcess(OTHER_NO_TASK_PROCESS, noTaskBody) },
  ]);

  await limitedUser(engine, XU.username, XU.password, [
    ['PROCESS_DEFINITION', READ_PROCESS, ['READ_PROCESS_INSTANCE']],
    ['PROCESS_DEFINITION', NO_TASK_PROCESS, ['READ_PROCESS_INSTANCE']],
  ]);
  await call(`/v2/groups/window-clerk/users/${XU.username}`, 'PUT');
  await limitedUser(engine, ZHOU.username, ZHOU.password, []);
  await call('/v2/groups', 'POST', { groupId: 'archive', name: '档案' });
  await call(`/v2/groups/archive/users/${ZHOU.username}`, 'PUT');
  for (const permissionTypes of [['READ'], ['COMPLETE']]) {
    await call('/v2/authorizations', 'POST', { ownerId: ZHOU.username, ownerType: 'USER', resourceType: 'USER_TASK', resourcePropertyName: 'candidateGroups', permissionTypes });
  }

  cases.ownGroup = await start(TASK_PROCESS, { groups: ['window-clerk'] });
  cases.candidateUser = await start(TASK_PROCESS, { groups: ['finance'], users: [XU.username] });
  cases.assignee = await start(TASK_PROCESS, { groups: ['finance'] });
  await engine.client.assignUserTask({ userTaskKey: await taskOf(cases.assignee), assignee: XU.username });
  cases.completedByZhou = await start(TASK_PROCESS, { groups: ['archive'] });
  cases.zhousOldGroupOpen = await start(TASK_PROCESS, { groups: ['archive'] });
  cases.processRead = await start(READ_PROCESS, { groups: ['finance'] });
  cases.noTask = await start(NO_TASK_PROCESS);
  cases.otherGroup = await start(TASK_PROCESS, { groups: ['finance'] });
  cases.otherCandidate = await start(TASK_PROCESS, { groups: ['finance'], users: ['li-jing'] });
  cases.otherAssignee = await start(TASK_PROCESS, { groups: ['window-first-review'] });
  await engine.client.assignUserTask({ userTaskKey: await taskOf(cases.otherAssignee), assignee: 'li-jing' });
  cases.otherNoTask = await start(OTHER_NO_TASK_PROCESS);

  // zhou completes her case's task as a member of archive, then moves to another post: she keeps reading that case
  // only as the one who completed it (her task grants name no assignee)
  await call(`/v2/user-tasks/${await taskOf(cases.completedByZhou)}/completion`, 'POST', {}, ZHOU);
  await call(`/v2/groups/archive/users/${ZHOU.username}`, 'DELETE');
});

afterAll(async () => {
  await engine?.stop();
});

interface Variable {
  variableKey: string;
  processInstanceKey: string;
  name: string;
}

async function variablesOf(as: { username: string; password: string }, filter: Record<string, unknown>): Promise<Variable[]> {
  const response = await engine.fetch('/v2/variables/search', { ...jsonRequest('POST', { filter, page: { limit: 500 } }), as });
  expect(response.status).toBe(200);
  const { items, page } = (await response.json()) as { items: Variable[]; page: { totalItems: number } };
  expect(page.totalItems).toBe(items.length);
  return items;
}

const caseKeys = (variables: Variable[]) => [...new Set(variables.map((v) => v.processInstanceKey))].sort();
const variableKeys = (variables: Variable[]) => variables.map((v) => v.variableKey).sort();
const allCases = () => Object.values(cases);

describe.each([
  { who: XU, sees: ['ownGroup', 'candidateUser', 'assignee', 'processRead', 'noTask'] as const },
  { who: ZHOU, sees: ['completedByZhou'] as const },
])("the variables of the cases $who.username reaches", ({ who, sees }) => {
  const expected = () => sees.map((name) => cases[name]).sort();

  it('should be the same, case for case, whether the search names the cases or not', async () => {
    // when
    const unnamed = await variablesOf(who, {});
    const named = await variablesOf(who, { processInstanceKey: { $in: allCases() } });

    // then
    expect(caseKeys(unnamed)).toEqual(expected());
    expect(variableKeys(named)).toEqual(variableKeys(unnamed));
    for (const key of expected()) expect(unnamed.filter((v) => v.processInstanceKey === key).map((v) => v.name).sort()).toEqual(['applicantName', 'groups', 'users']);
  });

  it('should give each reachable case its variables, and any other case none, when the search names that one case', async () => {
    // given
    const unnamed = await variablesOf(who, {});

    for (const [name, key] of Object.entries(cases)) {
      // when
      const byKey = await variablesOf(who, { processInstanceKey: key });
      const byEq = await variablesOf(who, { processInstanceKey: { $eq: key } });

      // then
      const mine = unnamed.filter((v) => v.processInstanceKey === key);
      expect(variableKeys(byKey), name).toEqual(variableKeys(mine));
      expect(variableKeys(byEq), name).toEqual(variableKeys(mine));
      expect(mine.length > 0, name).toBe((sees as readonly string[]).includes(name));
    }
  });
});
