/**
 * Conformance: Camunda user tasks through CamundaRestClient: search (filters, sort, offset and cursor paging), get,
 * assign / unassign, update, complete, form, variables, and the task fields evaluated from the model.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bpmnProcess, escapeXml, flow } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { SEARCHES } from '../support/searches.js';
import { problemOf } from '../support/problem-of.js';

const KEY = /^\d+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DAY = 86_400_000;

let engine: EngineFixture;
const formId = `review-form-${randomUUID()}`;
const formSchema = JSON.stringify({
  id: formId,
  type: 'default',
  schemaVersion: 17,
  components: [{ type: 'textfield', id: 'Field_1', key: 'opinion', label: '审核意见' }],
});
/** With a form, FEEL assignee, static candidate groups, FEEL due date and priority, a static follow-up date. */
const reviewProcess = `review-${randomUUID()}`;
/** Without form; FEEL candidate group list; no assignee; a local variable `stage` from an input mapping. */
const plainProcess = `plain-${randomUUID()}`;

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    { name: 'review.form', content: formSchema },
    {
      name: 'review.bpmn',
      content: userTaskProcess(
        reviewProcess,
        `<zeebe:formDefinition formId="${formId}"/>
         <zeebe:assignmentDefinition assignee="= officer" candidateGroups="窗口初审, 复审"/>
         <zeebe:taskSchedule dueDate="= now() + duration(&quot;P3D&quot;)" followUpDate="2030-01-02T08:00:00Z"/>
         <zeebe:priorityDefinition priority="= urgency"/>
         <zeebe:taskHeaders><zeebe:header key="stage" value="初审"/></zeebe:taskHeaders>`,
        '在职转退休初审',
      ),
    },
    {
      name: 'plain.bpmn',
      content: userTaskProcess(
        plainProcess,
        `<zeebe:assignmentDefinition candidateGroups="= groups"/>
         <zeebe:ioMapping><zeebe:input source="= &quot;复核&quot;" target="stage"/></zeebe:ioMapping>`,
        '补缴复核',
      ),
    },
  ]);
});

afterAll(async () => {
  await engine.stop();
});

describe('user task fields from the model', () => {
  it('should evaluate assignee, candidate groups, due date, follow-up date, priority, headers and form', async () => {
    // given
    const before = Date.now();

    // when
    const { task, processInstanceKey } = await startReview({ officer: '王芳', urgency: 80 });

    // then
    expect(task).toMatchObject({
      name: '审核',
      state: 'CREATED',
      assignee: '王芳',
      elementId: 'review',
      candidateGroups: ['窗口初审', '复审'],
      candidateUsers: [],
      processDefinitionId: reviewProcess,
      processDefinitionVersion: 1,
      processInstanceKey,
      priority: 80,
      tenantId: '<default>',
      customHeaders: { stage: '初审' },
      followUpDate: '2030-01-02T08:00:00.000Z',
    });
    for (const key of [task.userTaskKey, task.elementInstanceKey, task.processDefinitionKey, task.processInstanceKey, task.formKey!]) {
      expect(key).toMatch(KEY);
    }
    expect(task.creationDate).toMatch(ISO_DATE);
    expect(task.dueDate).toMatch(ISO_DATE);
    const due = Date.parse(task.dueDate!);
    expect(due).toBeGreaterThanOrEqual(before + 3 * DAY - 1_000);
    expect(due).toBeLessThanOrEqual(Date.now() + 3 * DAY + 1_000);
  });

  it('should take candidate groups from a FEEL list and default the priority to 50', async () => {
    // given
    const groups = ['财务', `g-${randomUUID()}`];

    // when
    const { task } = await startPlain({ groups });

    // then
    expect(task.candidateGroups).toEqual(groups);
    expect(task.assignee).toBeUndefined();
    expect(task.priority).toBe(50);
    expect(task.formKey).toBeUndefined();
    expect(task.name).toBe('审核');
  });
});

describe('POST /v2/user-tasks/search', () => {
  const group = `search-group-${randomUUID()}`;
  const keys: string[] = [];
  const instances: string[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 5; i++) {
      const { task, processInstanceKey } = await startPlain({ groups: [group] });
      keys.push(task.userTaskKey);
      instances.push(processInstanceKey);
    }
    await patchUserTask(keys[1]!, { changeset: { priority: 90 } });
    await patchUserTask(keys[3]!, { changeset: { priority: 10 } });
    await engine.client.assignUserTask({ userTaskKey: keys[2]!, assignee: 'zhao' });
    await engine.client.completeUserTask({ userTaskKey: keys[4]!, variables: {} });
    // the searches lag behind the commands on a cluster: wait until they show every change
    await vi.waitFor(async () => {
      const byKey = new Map((await engine.client.searchUserTasks({ filter: { candidateGroup: group } })).items.map((task) => [task.userTaskKey, task]));
      expect([byKey.get(keys[1]!)?.priority, byKey.get(keys[3]!)?.priority, byKey.get(keys[2]!)?.assignee, byKey.get(keys[4]!)?.state]).toEqual([90, 10, 'zhao', 'COMPLETED']);
    }, SEARCHES);
  });

  it('should filter by candidateGroup and report totalItems and cursors', async () => {
    // given
    const filter = { candidateGroup: group };

    // when
    const result = await engine.client.searchUserTasks({ filter });

    // then
    expect(result.page.totalItems).toBe(5);
    expect(result.items.map((t) => t.userTaskKey)).toEqual(keys);
    expect(typeof result.page.startCursor).toBe('string');
    expect(typeof result.page.endCursor).toBe('string');
  });

  it('should filter by candidateGroup and state', async () => {
    // given
    const filter = { candidateGroup: group, state: 'CREATED' as const };

    // when
    const result = await engine.client.searchUserTasks({ filter });

    // then
    expect(result.page.totalItems).toBe(4);
    expect(result.items.map((t) => t.userTaskKey)).toEqual(keys.slice(0, 4));
    const completed = await engine.client.searchUserTasks({ filter: { candidateGroup: group, state: 'COMPLETED' } });
    expect(completed.items.map((t) => t.userTaskKey)).toEqual([keys[4]]);
    expect(completed.items[0]!.completionDate).toMatch(ISO_DATE);
  });

  it('should filter by assignee', async () => {
    // given
    const filter = { candidateGroup: group, assignee: 'zhao' };

    // when
    const result = await engine.client.searchUserTasks({ filter });

    // then
    expect(result.items.map((t) => t.userTaskKey)).toEqual([keys[2]]);
    expect(result.items[0]!.assignee).toBe('zhao');
  });

  it('should filter by processInstanceKey', async () => {
    // given
    const filter = { processInstanceKey: instances[3]! };

    // when
    const result = await engine.client.searchUserTasks({ filter });

    // then
    expect(result.page.totalItems).toBe(1);
    expect(result.items[0]!.userTaskKey).toBe(keys[3]);
    expect(result.items[0]!.processInstanceKey).toBe(instances[3]);
  });

  it('should sort by priority descending', async () => {
    // given
    const filter = { candidateGroup: group, state: 'CREATED' as const };

    // when
    const result = await engine.client.searchUserTasks({ filter, sort: [{ field: 'priority', order: 'DESC' }] });

    // then
    expect(result.items.map((t) => t.priority)).toEqual([90, 50, 50, 10]);
    expect(result.items[0]!.userTaskKey).toBe(keys[1]);
    expect(result.items[3]!.userTaskKey).toBe(keys[3]);
  });

  it('should page with from and limit', async () => {
    // given
    const filter = { candidateGroup: group };

    // when
    const first = await engine.client.searchUserTasks({ filter, page: { from: 0, limit: 2 } });
    const second = await engine.client.searchUserTasks({ filter, page: { from: 2, limit: 2 } });
    const last = await engine.client.searchUserTasks({ filter, page: { from: 4, limit: 2 } });

    // then
    expect([first, second, last].map((p) => p.page.totalItems)).toEqual([5, 5, 5]);
    expect([...first.items, ...second.items, ...last.items].map((t) => t.userTaskKey)).toEqual(keys);
  });

  it('should page forward with endCursor and back with startCursor', async () => {
    // given
    const filter = { candidateGroup: group };
    const first = await engine.client.searchUserTasks({ filter, page: { from: 0, limit: 2 } });

    // when
    const second = await engine.client.searchUserTasks({ filter, page: cursorPage({ after: first.page.endCursor, limit: 2 }) });
    const third = await engine.client.searchUserTasks({ filter, page: cursorPage({ after: second.page.endCursor, limit: 2 }) });
    const back = await engine.client.searchUserTasks({ filter, page: cursorPage({ before: second.page.startCursor, limit: 2 }) });

    // then
    expect(second.page.totalItems).toBe(5);
    expect([...first.items, ...second.items, ...third.items].map((t) => t.userTaskKey)).toEqual(keys);
    expect(back.items.map((t) => t.userTaskKey)).toEqual(keys.slice(0, 2));
  });

  it('should answer 400 with a problem for an invalid cursor', async () => {
    // given
    const page = cursorPage({ after: 'not a cursor', limit: 2 });

    // when
    const problem = await problemOf(engine.client.searchUserTasks({ filter: { candidateGroup: group }, page }));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('page.after');
  });
});

describe('GET /v2/user-tasks/{key}', () => {
  it('should answer the task', async () => {
    // given
    const { task } = await startReview({ officer: 'li', urgency: 20 });

    // when
    const fetched = await engine.client.getUserTask(task.userTaskKey);

    // then
    expect(fetched).toEqual(task);
  });

  it('should answer 404 with a problem for an unknown key', async () => {
    // given
    const unknown = '2251799813999995';

    // when
    const problem = await problemOf(engine.client.getUserTask(unknown));

    // then
    expect(problem.status).toBe(404);
    expect(problem.body).toMatchObject({ status: 404, title: 'NOT_FOUND', instance: `/v2/user-tasks/${unknown}` });
  });

  it('should answer 400 for a non-numeric key', async () => {
    // given
    const key = 'abc';

    // when
    const problem = await problemOf(engine.client.getUserTask(key));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('userTaskKey');
  });
});

describe('POST /v2/user-tasks/search with advanced operators', () => {
  const prefix = `ops-${randomUUID()}`;
  const [first, second, finance] = [`${prefix}-初审`, `${prefix}-复审`, `${prefix}-财务`];
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    keys.first = (await startPlain({ groups: [first] })).task.userTaskKey;
    keys.both = (await startPlain({ groups: [first, second] })).task.userTaskKey;
    keys.finance = (await startPlain({ groups: [finance] })).task.userTaskKey;
  });

  const search = async (candidateGroup: unknown, extra: Record<string, unknown> = {}) => {
    const { items } = await engine.client.searchUserTasks({ filter: { candidateGroup, ...extra } as never });
    return items.map((task) => task.userTaskKey);
  };

  it('should match any of several groups with $in (a clerk in two groups)', async () => {
    // when
    const found = await search({ $in: [first, finance] });

    // then
    expect(found).toEqual([keys.first, keys.both, keys.finance]);
  });

  it('should match $eq, $like, $neq and $notIn against every candidate group of a task', async () => {
    // when / then
    expect(await search({ $eq: second })).toEqual([keys.both]);
    expect(await search({ $like: `${prefix}-*审` })).toEqual([keys.first, keys.both]);
    expect(await search({ $like: `${prefix}-*`, $neq: first })).toEqual([keys.finance]);
    expect(await search({ $like: `${prefix}-*`, $notIn: [second, finance] })).toEqual([keys.first]);
  });

  it('should match candidateUser and assignee operators the same way', async () => {
    // given
    await engine.client.assignUserTask({ userTaskKey: keys.finance!, assignee: `${prefix}-zhao` });
    // (the searches lag behind the commands on a cluster: wait until they show the assignment)
    await expect.poll(async () => (await engine.client.getUserTask(keys.finance!)).assignee).toBe(`${prefix}-zhao`);

    // when
    const assigned = await search({ $like: `${prefix}-*` }, { assignee: { $in: [`${prefix}-zhao`, `${prefix}-qian`] } });
    const unassigned = await search({ $like: `${prefix}-*` }, { assignee: { $exists: false } });
    const byCandidateUser = await search({ $like: `${prefix}-*` }, { candidateUser: { $exists: true } });

    // then
    expect(assigned).toEqual([keys.finance]);
    expect(unassigned).toEqual([keys.first, keys.both]);
    expect(byCandidateUser).toEqual([]);
  });

  it('should answer 400 naming the field for an unknown operator, never an empty result', async () => {
    // when
    const problem = await problemOf(engine.client.searchUserTasks({ filter: { candidateGroup: { $contains: first } } as never }));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('candidateGroup');
    expect(problem.body.detail).toContain('$contains');
  });
});

describe('POST /v2/user-tasks/{key}/assignment and DELETE /v2/user-tasks/{key}/assignee', () => {
  it('should assign an unassigned task', async () => {
    // given
    const { task } = await startPlain({ groups: ['g'] });

    // when
    await engine.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: '张三' });

    // then
    await expect.poll(async () => (await engine.client.getUserTask(task.userTaskKey)).assignee).toBe('张三');
  });

  it('should reassign an assigned task by default', async () => {
    // given
    const { task } = await startReview({ officer: 'first', urgency: 50 });

    // when
    await engine.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'second' });

    // then
    await expect.poll(async () => (await engine.client.getUserTask(task.userTaskKey)).assignee).toBe('second');
  });

  it('should answer 409 with a problem when allowOverride is false and the task is assigned', async () => {
    // given
    const { task } = await startReview({ officer: 'owner', urgency: 50 });

    // when
    const problem = await problemOf(engine.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'intruder', allowOverride: false }));

    // then
    expect(problem.status).toBe(409);
    expect(problem.contentType).toMatch(/^application\/problem\+json/);
    expect(problem.body).toMatchObject({ type: 'about:blank', status: 409, instance: `/v2/user-tasks/${task.userTaskKey}/assignment` });
    expect((await engine.client.getUserTask(task.userTaskKey)).assignee).toBe('owner');
  });

  it('should answer 400 naming the field when the assignee is missing', async () => {
    // given
    const { task } = await startPlain({ groups: ['g'] });

    // when
    const problem = await problemOf(
      engine.client.callApiEndpoint({ method: 'POST', urlPath: `user-tasks/${task.userTaskKey}/assignment`, body: { allowOverride: true } }),
    );

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('assignee');
  });

  it('should unassign a task', async () => {
    // given
    const { task } = await startReview({ officer: 'leaving', urgency: 50 });

    // when
    await engine.client.unassignUserTask({ userTaskKey: task.userTaskKey });

    // then
    await expect.poll(async () => (await engine.client.getUserTask(task.userTaskKey)).assignee).toBeUndefined();
    await engine.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'next', allowOverride: false });
    await expect.poll(async () => (await engine.client.getUserTask(task.userTaskKey)).assignee).toBe('next');
  });
});

describe('PATCH /v2/user-tasks/{key}', () => {
  it('should update dueDate, candidateGroups and priority', async () => {
    // given
    const { task } = await startReview({ officer: 'x', urgency: 50 });

    // when
    const response = await engine.fetch(`/v2/user-tasks/${task.userTaskKey}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ changeset: { dueDate: '2031-05-06T07:08:09.000Z', candidateGroups: ['财务'], priority: 99 } }),
    });

    // then
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    await expect.poll(() => engine.client.getUserTask(task.userTaskKey)).toMatchObject({ dueDate: '2031-05-06T07:08:09.000Z', candidateGroups: ['财务'], priority: 99, followUpDate: task.followUpDate });
  });

  it('should reset a date with an empty string and candidate groups with an empty list', async () => {
    // given
    const { task } = await startReview({ officer: 'x', urgency: 50 });

    // when
    await patchUserTask(task.userTaskKey, { changeset: { dueDate: '', candidateGroups: [] } });

    // then
    await vi.waitFor(async () => {
      const updated = await engine.client.getUserTask(task.userTaskKey);
      expect(updated.dueDate).toBeUndefined();
      expect(updated.candidateGroups).toEqual([]);
    }, SEARCHES);
  });

  it('should apply the changeset sent by the SDK updateUserTask', async () => {
    // given
    const { task } = await startPlain({ groups: ['old'] });

    // when
    await engine.client.updateUserTask({ userTaskKey: task.userTaskKey, changeset: { candidateGroups: ['new'], followUpDate: '2032-01-01T00:00:00Z' } });

    // then
    await vi.waitFor(async () => {
      const updated = await engine.client.getUserTask(task.userTaskKey);
      expect(updated.candidateGroups).toEqual(['new']);
      expect(updated.followUpDate).toBe('2032-01-01T00:00:00.000Z');
    }, SEARCHES);
  });

  it('should answer 400 with a problem for an out-of-range priority', async () => {
    // given
    const { task } = await startPlain({ groups: ['g'] });

    // when
    const problem = await problemOf(patchUserTask(task.userTaskKey, { changeset: { priority: 101 } }));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('priority');
  });
});

describe('POST /v2/user-tasks/{key}/completion', () => {
  it('should complete the task with variables and continue the instance', async () => {
    // given
    const { task, processInstanceKey } = await startReview({ officer: 'x', urgency: 50 });

    // when
    await engine.client.completeUserTask({ userTaskKey: task.userTaskKey, variables: { approved: true, opinion: '同意' } });

    // then
    await vi.waitFor(async () => {
      const completed = await engine.client.getUserTask(task.userTaskKey);
      expect(completed.state).toBe('COMPLETED');
      expect(completed.completionDate).toMatch(ISO_DATE);
      const instance = await engine.client.searchProcessInstances({ filter: { processInstanceKey } });
      expect(instance.items[0]!.state).toBe('COMPLETED');
      const variables = await engine.client.searchVariables({ filter: { processInstanceKey, name: 'opinion' } });
      expect(variables.items.map((v) => v.value)).toEqual(['"同意"']);
    }, SEARCHES);
  });

  it('should answer 409 or 404 with a problem when the task is completed twice', async () => {
    // given
    const { task } = await startPlain({ groups: ['g'] });
    await engine.client.completeUserTask({ userTaskKey: task.userTaskKey });

    // when
    const problem = await problemOf(engine.client.completeUserTask({ userTaskKey: task.userTaskKey }));

    // then
    expect([404, 409]).toContain(problem.status);
    expect(problem.body.status).toBe(problem.status);
  });

  it('should answer 409 when a completed task is assigned', async () => {
    // given
    const { task } = await startPlain({ groups: ['g'] });
    await engine.client.completeUserTask({ userTaskKey: task.userTaskKey });

    // when
    const problem = await problemOf(engine.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'late' }));

    // then
    expect([404, 409]).toContain(problem.status);
  });
});

describe('GET /v2/user-tasks/{key}/form', () => {
  it('should answer 200 with the form schema as a string when the task has a formId', async () => {
    // given
    const { task } = await startReview({ officer: 'x', urgency: 50 });

    // when
    const form = await engine.client.callApiEndpoint<never, Record<string, unknown>>({ method: 'GET', urlPath: `user-tasks/${task.userTaskKey}/form` });

    // then
    expect(form).toMatchObject({ formId, version: 1, tenantId: '<default>', formKey: task.formKey });
    expect(form.formKey).toMatch(KEY);
    expect(typeof form.schema).toBe('string');
    expect(JSON.parse(form.schema as string)).toEqual(JSON.parse(formSchema));
    expect(form.schema as string).toContain('审核意见');
  });

  it('should answer 204 without a body when the task has no form', async () => {
    // given
    const { task } = await startPlain({ groups: ['g'] });

    // when
    const response = await engine.fetch(`/v2/user-tasks/${task.userTaskKey}/form`);

    // then
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('should answer 404 for an unknown task', async () => {
    // given
    const unknown = '2251799813999994';

    // when
    const response = await engine.fetch(`/v2/user-tasks/${unknown}/form`);

    // then
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('POST /v2/user-tasks/{key}/variables/search', () => {
  it('should find the local and process variables visible to the task as JSON strings with their scope', async () => {
    // given
    const { task, processInstanceKey } = await startPlain({ groups: ['窗口'] });

    // when
    const result = await engine.client.searchUserTaskVariables({ userTaskKey: task.userTaskKey, sort: [{ field: 'name', order: 'ASC' }] });

    // then
    expect(result.page.totalItems).toBe(2);
    expect(result.items.map((v) => [v.name, v.value, v.scopeKey])).toEqual([
      ['groups', '["窗口"]', processInstanceKey],
      ['stage', '"复核"', task.elementInstanceKey],
    ]);
    for (const variable of result.items) {
      expect(variable.variableKey).toMatch(KEY);
      expect(variable.processInstanceKey).toBe(processInstanceKey);
    }
  });

  it('should filter the visible variables by name', async () => {
    // given
    const { task } = await startReview({ officer: 'x', urgency: 50 });

    // when
    const result = await engine.client.searchUserTaskVariables({ userTaskKey: task.userTaskKey, filter: { name: 'officer' } });

    // then
    expect(result.items.map((v) => [v.name, v.value])).toEqual([['officer', '"x"']]);
    expect(result.page.totalItems).toBe(1);
  });

  it('should AND a filter on the scope with the task\'s scopes instead of replacing them', async () => {
    // given
    const { task, processInstanceKey } = await startPlain({ groups: ['窗口'] });
    const other = await startPlain({ groups: ['科室'] });
    const search = async (filter: Record<string, unknown>) =>
      (await engine.client.searchUserTaskVariables({ userTaskKey: task.userTaskKey, filter } as never)).items.map((v) => v.name);

    // when
    const local = await search({ scopeKey: task.elementInstanceKey });
    const ofCase = await search({ scopeKey: processInstanceKey });
    const elsewhere = await search({ scopeKey: other.processInstanceKey });

    // then
    expect(local).toEqual(['stage']);
    expect(ofCase).toEqual(['groups']);
    expect(elsewhere).toEqual([]);
  });

  it('should cut a value longer than 8191 characters unless asked for full values', async () => {
    // given
    const officer = '审'.repeat(9_000);
    const { task } = await startReview({ officer, urgency: 50 });
    const search = async (query: string) => {
      const response = await engine.fetch(`/v2/user-tasks/${task.userTaskKey}/variables/search${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filter: { name: 'officer' } }),
      });
      return ((await response.json()) as { items: { value: string; isTruncated: boolean }[] }).items.map((v) => [v.value, v.isTruncated]);
    };

    // when
    const cut = await search('');
    const whole = await search('?truncateValues=false');

    // then
    expect(cut).toEqual([[JSON.stringify(officer).slice(0, 8191), true]]);
    expect(whole).toEqual([[JSON.stringify(officer), false]]);
  });
});

// helpers

interface Task {
  userTaskKey: string;
  name: string;
  state: string;
  assignee?: string;
  elementId: string;
  candidateGroups?: string[];
  candidateUsers?: string[];
  creationDate: string;
  completionDate?: string;
  dueDate?: string;
  followUpDate?: string;
  priority: number;
  formKey?: string;
  elementInstanceKey: string;
  processDefinitionKey: string;
  processInstanceKey: string;
}

function userTaskProcess(id: string, extensions: string, name: string): string {
  return bpmnProcess(
    id,
    `<bpmn:startEvent id="start"/>
     <bpmn:userTask id="review" name="审核"><bpmn:extensionElements><zeebe:userTask/>${extensions}</bpmn:extensionElements></bpmn:userTask>
     <bpmn:endEvent id="end"/>${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}`,
    escapeXml(name),
  );
}

async function startTask(processDefinitionId: string, variables: Record<string, unknown>): Promise<{ task: Task; processInstanceKey: string }> {
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId, variables });
  // the searches lag behind the commands on a cluster: wait until they show the task
  const items = await vi.waitFor(async () => {
    const found = (await engine.client.searchUserTasks({ filter: { processInstanceKey } })).items;
    if (found.length !== 1) throw new Error(`expected one user task for instance ${processInstanceKey}, found ${found.length}`);
    return found;
  }, SEARCHES);
  return { task: items[0] as Task, processInstanceKey };
}

function startReview(variables: { officer: string; urgency: number }) {
  return startTask(reviewProcess, variables);
}

function startPlain(variables: { groups: string[] }) {
  return startTask(plainProcess, variables);
}

function patchUserTask(userTaskKey: string, body: object) {
  return engine.client.callApiEndpoint({ method: 'PATCH', urlPath: `user-tasks/${userTaskKey}`, body, json: false });
}

/** The SDK's page type demands `from` next to a cursor, which Camunda rejects; a cursor page has only limit and after/before. */
function cursorPage(page: { after?: string; before?: string; limit: number }) {
  return page as unknown as { from: number; limit: number };
}
