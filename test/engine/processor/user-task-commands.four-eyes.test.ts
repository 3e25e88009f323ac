/**
 * Four-eyes (四眼原则): a review task whose model names an earlier task in `fourEyes.differsFrom` cannot be claimed
 * by, assigned to or completed by the user who completed that earlier task in the same case — whatever their
 * permissions (the admin included). 409 with a Chinese message, checked on the SDK calls themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture, type RestClient } from '../../support/engine-fixture.js';
import { problemOf } from '../../support/problem-of.js';

const PROCESS_ID = 'four-eyes';
const BOTH = { username: 'both-reviews', password: 'both-secret' };

let engine: EngineFixture;
let both: RestClient;

const review = (id: string, name: string, group: string, properties = '') =>
  `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="${group}"/>${properties}</bpmn:extensionElements></bpmn:userTask>`;
const fourEyes = (value: string) => `<zeebe:properties><zeebe:property name="fourEyes.differsFrom" value="${value}"/></zeebe:properties>`;

beforeAll(async () => {
  engine = await startEngine();
  await engine.client.createUser({ ...BOTH, name: '两级审核', email: '' });
  for (const group of ['window-first-review', 'window-second-review']) {
    expect((await engine.fetch(`/v2/groups/${group}/users/${BOTH.username}`, { method: 'PUT' })).status).toBe(204);
  }
  both = engine.clientAs(BOTH.username, BOTH.password);
  await deploy(engine.client, [
    {
      name: 'four-eyes.bpmn',
      content: bpmnProcess(
        PROCESS_ID,
        `<bpmn:startEvent id="start"/>${review('firstReview', '业务初审', 'window-first-review')}${review('secondReview', '业务复审', 'window-second-review', fourEyes('firstReview'))}
         <bpmn:endEvent id="end"/>${flow('f1', 'start', 'firstReview')}${flow('f2', 'firstReview', 'secondReview')}${flow('f3', 'secondReview', 'end')}`,
      ),
    },
  ]);
});

afterAll(async () => {
  await engine?.stop();
});

async function caseAfterFirstReviewBy(client: RestClient): Promise<{ processInstanceKey: string; secondReview: string }> {
  const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: PROCESS_ID, variables: {} });
  const first = (await engine.client.searchUserTasks({ filter: { processInstanceKey, elementId: 'firstReview' } })).items[0]!;
  await client.completeUserTask({ userTaskKey: first.userTaskKey, variables: {} });
  const second = (await engine.client.searchUserTasks({ filter: { processInstanceKey, elementId: 'secondReview', state: 'CREATED' } })).items[0]!;
  return { processInstanceKey, secondReview: second.userTaskKey };
}

describe('four-eyes', () => {
  it('should refuse the first reviewer the claim and the completion of the second review (409, Chinese)', async () => {
    // given
    const { secondReview } = await caseAfterFirstReviewBy(both);

    // when
    const claim = await problemOf(both.assignUserTask({ userTaskKey: secondReview, assignee: BOTH.username }));
    const complete = await problemOf(both.completeUserTask({ userTaskKey: secondReview, variables: {} }));

    // then
    expect([claim.status, complete.status]).toEqual([409, 409]);
    expect(claim.body.detail).toBe('四眼原则：用户 both-reviews 已办理本案件的「业务初审」，不能再认领「业务复审」，请由其他工作人员办理。');
    expect(complete.body.detail).toBe('四眼原则：您已办理本案件的「业务初审」，不能再办理「业务复审」，请由其他工作人员办理。');
    expect(await engine.client.getUserTask(secondReview)).toMatchObject({ state: 'CREATED' });
    expect((await engine.client.getUserTask(secondReview)).assignee).toBeUndefined();
  });

  it('should refuse an admin assigning the second review to the first reviewer', async () => {
    // given
    const { secondReview } = await caseAfterFirstReviewBy(both);

    // when
    const problem = await problemOf(engine.client.assignUserTask({ userTaskKey: secondReview, assignee: BOTH.username }));

    // then
    expect(problem.status).toBe(409);
    expect(problem.body.detail).toContain('四眼原则');
  });

  it('should hold for the admin too, and let another reviewer finish the case', async () => {
    // given
    const { processInstanceKey, secondReview } = await caseAfterFirstReviewBy(engine.client);

    // when
    const byAdmin = await problemOf(engine.client.completeUserTask({ userTaskKey: secondReview, variables: {} }));
    await engine.clientAs('wang-lei').completeUserTask({ userTaskKey: secondReview, variables: {} });

    // then
    expect(byAdmin.status).toBe(409);
    const { items } = await engine.client.searchProcessInstances({ filter: { processInstanceKey } } as never);
    expect(items[0]!.state).toBe('COMPLETED');
    expect(await engine.client.getUserTask(secondReview)).toMatchObject({ state: 'COMPLETED', assignee: 'wang-lei' });
  });

  it('should not bind across cases: the first reviewer of one case may do the second review of another', async () => {
    // given
    await caseAfterFirstReviewBy(both);
    const { secondReview } = await caseAfterFirstReviewBy(engine.clientAs('zhang-min'));

    // when
    await both.completeUserTask({ userTaskKey: secondReview, variables: {} });

    // then
    expect(await engine.client.getUserTask(secondReview)).toMatchObject({ state: 'COMPLETED', assignee: BOTH.username });
  });

  it('should reject a deployment whose four-eyes property names no user task of the process', async () => {
    // given
    const model = bpmnProcess(
      'four-eyes-broken',
      `<bpmn:startEvent id="start"/>${review('secondReview', '复审', 'window-second-review', fourEyes('firstReveiw'))}<bpmn:endEvent id="end"/>
       ${flow('f1', 'start', 'secondReview')}${flow('f2', 'secondReview', 'end')}`,
    );

    // when
    const problem = await problemOf(deploy(engine.client, [{ name: 'four-eyes-broken.bpmn', content: model }]));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('secondReview');
    expect(problem.body.detail).toContain('firstReveiw');
  });
});
