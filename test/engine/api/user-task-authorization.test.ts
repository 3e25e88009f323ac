/**
 * Clerks (role clerk: property-based USER_TASK permissions) see, claim and complete only the tasks of their
 * groups or assigned to them, and read only the cases of those tasks — through the SDK, as the task list does.
 * A case has a 初审 task (window-first-review) and a 财务 task (finance) open at once; a second process has only a
 * finance task.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture, type RestClient } from '../../support/engine-fixture.js';
import { problemOf } from '../../support/problem-of.js';

const CASE_PROCESS = 'clerk-visibility';
const FINANCE_PROCESS = 'finance-only';

let engine: EngineFixture;
let zhang: RestClient; // window-first-review, window-clerk
let li: RestClient; // window-first-review
let ma: RestClient; // finance
let chen: RestClient; // window-clerk
const cases: { key: string; review: string; payment: string }[] = [];
let financeCase: { key: string; payment: string };

beforeAll(async () => {
  engine = await startEngine();
  [zhang, li, ma, chen] = ['zhang-min', 'li-jing', 'ma-xiaoyun', 'chen-yan'].map((user) => engine.clientAs(user));
  const task = (id: string, name: string, group: string) =>
    `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="${group}"/></bpmn:extensionElements></bpmn:userTask>`;
  await deploy(engine.client, [
    {
      name: 'clerk-visibility.bpmn',
      content: bpmnProcess(
        CASE_PROCESS,
        `<bpmn:startEvent id="start"/><bpmn:parallelGateway id="split"/>${task('review', '初审', 'window-first-review')}${task('payment', '财务支付', 'finance')}
         <bpmn:parallelGateway id="join"/><bpmn:endEvent id="end"/>
         ${flow('f1', 'start', 'split')}${flow('f2', 'split', 'review')}${flow('f3', 'split', 'payment')}${flow('f4', 'review', 'join')}${flow('f5', 'payment', 'join')}${flow('f6', 'join', 'end')}`,
      ),
    },
    {
      name: 'finance-only.bpmn',
      content: bpmnProcess(FINANCE_PROCESS, `<bpmn:startEvent id="start"/>${task('payment', '财务支付', 'finance')}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'payment')}${flow('f2', 'payment', 'end')}`),
    },
  ]);
  for (let i = 0; i < 2; i++) {
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: CASE_PROCESS, variables: { applicantName: `申请人${i}` } });
    const { items } = await engine.client.searchUserTasks({ filter: { processInstanceKey } });
    const keyOf = (elementId: string) => items.find((t) => t.elementId === elementId)!.userTaskKey;
    cases.push({ key: processInstanceKey, review: keyOf('review'), payment: keyOf('payment') });
  }
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: FINANCE_PROCESS, variables: { applicantName: '别的案件' } });
  const { items } = await engine.client.searchUserTasks({ filter: { processInstanceKey } });
  financeCase = { key: processInstanceKey, payment: items[0]!.userTaskKey };
});

afterAll(async () => {
  await engine?.stop();
});

const keys = (result: { items: { userTaskKey: string }[] }) => result.items.map((t) => t.userTaskKey).sort();

describe('what a clerk sees', () => {
  it('should find only the tasks of their groups in a search, filtered rather than refused', async () => {
    // when
    const forZhang = await zhang.searchUserTasks({ filter: { state: 'CREATED' } });
    const forMa = await ma.searchUserTasks({ filter: { state: 'CREATED' } });

    // then
    expect(keys(forZhang)).toEqual(cases.map((c) => c.review).sort());
    expect(forZhang.page.totalItems).toBe(2);
    expect(keys(forMa)).toEqual([...cases.map((c) => c.payment), financeCase.payment].sort());
  });

  it('should apply the group filter of the task list on top of what the clerk may see', async () => {
    // when
    const mine = await zhang.searchUserTasks({ filter: { candidateGroup: { $in: ['window-first-review', 'window-clerk'] } } as never });
    const others = await zhang.searchUserTasks({ filter: { candidateGroup: 'finance' } });

    // then
    expect(keys(mine)).toEqual(cases.map((c) => c.review).sort());
    expect(others.items).toEqual([]);
  });

  it("should refuse to show, claim or complete another group's task (403)", async () => {
    // given
    const payment = cases[0]!.payment;

    // when
    const get = await problemOf(zhang.getUserTask(payment));
    const claim = await problemOf(zhang.assignUserTask({ userTaskKey: payment, assignee: 'zhang-min' }));
    const complete = await problemOf(zhang.completeUserTask({ userTaskKey: payment, variables: {} }));

    // then
    expect([get.status, claim.status, complete.status]).toEqual([403, 403, 403]);
    expect(get.body.detail).toContain('READ_USER_TASK');
    expect((await engine.client.getUserTask(payment)).state).toBe('CREATED');
  });

  it('should let a colleague read, but not claim, complete or release, a task the clerk has claimed', async () => {
    // given
    const review = cases[1]!.review;
    await zhang.assignUserTask({ userTaskKey: review, assignee: 'zhang-min' });

    // when
    const read = await li.getUserTask(review);
    const claim = await problemOf(li.assignUserTask({ userTaskKey: review, assignee: 'li-jing' }));
    const complete = await problemOf(li.completeUserTask({ userTaskKey: review, variables: {} }));
    const release = await problemOf(li.unassignUserTask({ userTaskKey: review }));
    const handOver = await problemOf(zhang.assignUserTask({ userTaskKey: review, assignee: 'li-jing' }));

    // then
    expect(read.assignee).toBe('zhang-min');
    expect([claim.status, complete.status, release.status, handOver.status]).toEqual([403, 403, 403, 403]);
  });

  it('should not show a task to a clerk of another group even once it is assigned to someone', async () => {
    // when
    const result = await chen.searchUserTasks({ filter: { processInstanceKey: cases[1]!.key } });

    // then
    expect(result.items).toEqual([]);
    expect((await problemOf(chen.getUserTask(cases[1]!.review))).status).toBe(403);
  });
});

describe('the cases a clerk may read', () => {
  it('should read the case of a task they may work, with its variables, but no other case', async () => {
    // when
    const own = await zhang.searchProcessInstances({ filter: {} } as never);
    const variables = await zhang.searchVariables({ filter: { name: 'applicantName' } } as never);
    const other = await problemOf(zhang.callApiEndpoint({ method: 'GET', urlPath: `process-instances/${financeCase.key}` }));

    // then
    expect(own.items.map((i) => i.processInstanceKey).sort()).toEqual(cases.map((c) => c.key).sort());
    expect(variables.items.map((v) => v.processInstanceKey).sort()).toEqual(cases.map((c) => c.key).sort());
    expect(other.status).toBe(403);
  });

  it("should give the variables of the cases a search names (the task list's applicants) only for the cases the clerk may read", async () => {
    // when
    const listed = await zhang.searchVariables({ filter: { processInstanceKey: { $in: [cases[0]!.key, financeCase.key, cases[1]!.key] } } } as never);
    const one = await ma.searchVariables({ filter: { processInstanceKey: financeCase.key } } as never);
    const notHers = await li.searchVariables({ filter: { processInstanceKey: { $eq: financeCase.key } } } as never);

    // then
    expect(listed.items.map((v) => v.processInstanceKey).sort()).toEqual(cases.map((c) => c.key).sort());
    expect(one.items.map((v) => v.processInstanceKey)).toEqual([financeCase.key]);
    expect(notHers.items).toEqual([]);
  });

  it("should show every task of a readable case when the search names the case (the case history), but not another case's", async () => {
    // when
    const history = await zhang.searchUserTasks({ filter: { processInstanceKey: cases[0]!.key } });
    const otherCase = await zhang.searchUserTasks({ filter: { processInstanceKey: financeCase.key } });

    // then
    expect(keys(history)).toEqual([cases[0]!.review, cases[0]!.payment].sort());
    expect(otherCase.items).toEqual([]);
  });

  it('should keep a completed task and its case readable for the clerk who did it', async () => {
    // given
    const { key, review } = cases[0]!;
    await zhang.completeUserTask({ userTaskKey: review, variables: { firstReviewDecision: 'approved' } });

    // when
    const task = await zhang.getUserTask(review);
    const instance = await zhang.callApiEndpoint({ method: 'GET', urlPath: `process-instances/${key}` });

    // then
    expect(task).toMatchObject({ state: 'COMPLETED', assignee: 'zhang-min' });
    expect(instance).toMatchObject({ processInstanceKey: key });
  });

  it("should download a notice of their case, but not one of another case or one that names no case", async () => {
    // given
    const upload = async (processInstanceKey?: string) => {
      const form = new FormData();
      form.append('file', new Blob(['%PDF-1.4 通知书']), 'notice.pdf');
      form.append('metadata', JSON.stringify({ contentType: 'application/pdf', ...(processInstanceKey ? { processInstanceKey } : {}) }));
      const response = await engine.fetch('/v2/documents', { method: 'POST', body: form });
      return ((await response.json()) as { documentId: string }).documentId;
    };
    const [own, other, loose] = [await upload(cases[0]!.key), await upload(financeCase.key), await upload()];
    const download = (documentId: string) => engine.fetch(`/v2/documents/${documentId}`, { as: { username: 'zhang-min', password: 'demo' } });

    // when
    const statuses = [(await download(own)).status, (await download(other)).status, (await download(loose)).status];

    // then
    expect(statuses).toEqual([200, 403, 403]);
  });
});

describe('the cases a clerk started', () => {
  // the 新办件 page's check after a 提交受理 with no answer: the case by its 提交识别码, whichever group's step is first
  const byReference = (reference: string) => ({
    filter: { processDefinitionId: FINANCE_PROCESS, variables: [{ name: 'submissionReference', value: JSON.stringify(reference) }] },
  });

  it('should let the clerk who started a case whose first task is another group\'s find it by a variable and read it, and no other clerk', async () => {
    // given: chen-yan (window-clerk only) accepts a case whose first step is finance's
    const { processInstanceKey } = await chen.createProcessInstance({ processDefinitionId: FINANCE_PROCESS, variables: { submissionReference: 'ref-chen-1' } });

    // when
    const found = await chen.searchProcessInstances(byReference('ref-chen-1') as never);
    const read = await chen.callApiEndpoint({ method: 'GET', urlPath: `process-instances/${processInstanceKey}` });
    const variables = await chen.searchVariables({ filter: { processInstanceKey } } as never);
    const byColleague = await li.searchProcessInstances(byReference('ref-chen-1') as never);
    const colleagueGet = await problemOf(li.callApiEndpoint({ method: 'GET', urlPath: `process-instances/${processInstanceKey}` }));
    const othersCase = await problemOf(chen.callApiEndpoint({ method: 'GET', urlPath: `process-instances/${financeCase.key}` }));

    // then: hers, in Camunda's shape (nothing added); a colleague of another group and a case she did not start stay closed
    expect(found.items.map((i) => i.processInstanceKey)).toEqual([processInstanceKey]);
    expect(found.items).toEqual((await engine.client.searchProcessInstances({ filter: { processInstanceKey } })).items);
    expect(Object.keys(found.items[0]!)).not.toContain('startedBy');
    expect(read).toMatchObject({ processInstanceKey, processDefinitionId: FINANCE_PROCESS });
    expect(variables.items.map((v) => v.name)).toEqual(['submissionReference']);
    expect(byColleague.items).toEqual([]);
    expect(colleagueGet.status).toBe(403);
    expect(othersCase.status).toBe(403);
  });

  it('should give the clerk no more than reading her started case: its task stays finance\'s and the case cannot be cancelled by her', async () => {
    // given
    const { processInstanceKey } = await chen.createProcessInstance({ processDefinitionId: FINANCE_PROCESS, variables: { submissionReference: 'ref-chen-2' } });
    const { items } = await engine.client.searchUserTasks({ filter: { processInstanceKey } });

    // when
    const task = await problemOf(chen.getUserTask(items[0]!.userTaskKey));
    const claim = await problemOf(chen.assignUserTask({ userTaskKey: items[0]!.userTaskKey, assignee: 'chen-yan' }));
    const cancel = await problemOf(chen.cancelProcessInstance({ processInstanceKey }));

    // then
    expect([task.status, claim.status, cancel.status]).toEqual([403, 403, 403]);
  });
});
