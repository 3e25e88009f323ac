/**
 * The route guard's order over HTTP, as a limited user meets it: what names nothing is a 404 before the permission
 * check (as Camunda 8.8 reads before it checks, so existence shows through 404 against 403, as there), a message
 * without a string name is the handler's 400, and a request naming a process or decision not deployed yet never
 * reaches the command queue for a caller without the permission on every id — else a deployment queued before it
 * would let it start a case or evaluate a decision unchecked (found by a review: 200 answers within two rounds).
 * Also what BATCH READ on any id and AUTHORIZATION READ on one key show.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../../engine/engine.js';
import { bpmnProcess, flow } from '../../support/bpmn.js';
import { dmnDefinitions, literalDecision } from '../../support/dmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { jsonRequest, limitedUser, type Grant } from '../../support/limited-user.js';

const PASSWORD = 'review-secret';
const SECRET_PROCESS = 'review-secret-process';

let engine: EngineFixture;

const waiting = (id: string, start = '<bpmn:startEvent id="start"/>') =>
  bpmnProcess(
    id,
    `${start}<bpmn:userTask id="review" name="初审"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>
     <bpmn:endEvent id="end"/>${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}`,
  );

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    { name: 'secret.bpmn', content: waiting(SECRET_PROCESS) },
    { name: 'secret.dmn', content: dmnDefinitions('review-drg', [literalDecision({ id: 'review-secret-decision', expression: '1', typeRef: 'number' })]) },
  ]);
});

afterAll(async () => {
  await engine?.stop();
});

const json = jsonRequest;

const userWith = (username: string, grants: Grant[]) => limitedUser(engine, username, PASSWORD, grants);

async function answerOf(response: Promise<Response>): Promise<[number, string]> {
  const answer = await response;
  const body = (await answer.json().catch(() => ({}))) as { detail?: string };
  return [answer.status, body.detail ?? ''];
}

describe('existence of what the caller may not read (404 before 403)', () => {
  it('should tell a user without any identity permission which users, groups and roles exist', async () => {
    // given: a clerk holding nothing on USER, GROUP or ROLE; a group and a role the clerk may not read
    const as = await userWith('review-enumerator', [['DOCUMENT', '*', ['READ']]]);
    await engine.fetch('/v2/groups', json('POST', { groupId: 'review-hidden-group', name: '隐藏组' }));
    await engine.fetch('/v2/roles', json('POST', { roleId: 'review-hidden-role', name: '隐藏角色' }));

    // when
    const answers = {
      existingUser: await answerOf(engine.fetch('/v2/users/demo', { as })),
      missingUser: await answerOf(engine.fetch('/v2/users/no-such-user', { as })),
      deleteExistingUser: await answerOf(engine.fetch('/v2/users/demo', { as, method: 'DELETE' })),
      deleteMissingUser: await answerOf(engine.fetch('/v2/users/no-such-user', { as, method: 'DELETE' })),
      existingGroup: await answerOf(engine.fetch('/v2/groups/review-hidden-group', { as })),
      missingGroup: await answerOf(engine.fetch('/v2/groups/no-such-group', { as })),
      existingRole: await answerOf(engine.fetch('/v2/roles/review-hidden-role', { as })),
      missingRole: await answerOf(engine.fetch('/v2/roles/no-such-role', { as })),
    };

    // then: 403 says "exists", 404 says "does not"; the 404's detail repeats only what the caller sent
    expect(Object.fromEntries(Object.entries(answers).map(([name, [status]]) => [name, status]))).toEqual({
      existingUser: 403,
      missingUser: 404,
      deleteExistingUser: 403,
      deleteMissingUser: 404,
      existingGroup: 403,
      missingGroup: 404,
      existingRole: 403,
      missingRole: 404,
    });
    for (const [, detail] of [answers.missingUser, answers.missingGroup, answers.missingRole]) expect(detail).toMatch(/no-such-/);
  });

  it('should tell a user without any process or decision permission which process and decision ids (and definition keys) are deployed', async () => {
    // given
    const as = await userWith('review-process-enumerator', [['DOCUMENT', '*', ['READ']]]);
    const secretKey = (await engine.client.searchProcessDefinitions({ filter: { processDefinitionId: SECRET_PROCESS } })).items[0]!.processDefinitionKey;
    const start = (body: Record<string, unknown>) => answerOf(engine.fetch('/v2/process-instances', { as, ...json('POST', { ...body, variables: {} }) }));
    const evaluate = (body: Record<string, unknown>) => answerOf(engine.fetch('/v2/decision-definitions/evaluation', { as, ...json('POST', { ...body, variables: {} }) }));

    // when
    const statuses = {
      deployedId: (await start({ processDefinitionId: SECRET_PROCESS }))[0],
      missingId: (await start({ processDefinitionId: 'review-no-such-process' }))[0],
      deployedKey: (await start({ processDefinitionKey: secretKey }))[0],
      missingKey: (await start({ processDefinitionKey: String(BigInt(secretKey) + 100_000n) }))[0],
      deployedDecision: (await evaluate({ decisionDefinitionId: 'review-secret-decision' }))[0],
      missingDecision: (await evaluate({ decisionDefinitionId: 'review-no-such-decision' }))[0],
    };

    // then
    expect(statuses).toEqual({ deployedId: 403, missingId: 404, deployedKey: 403, missingKey: 404, deployedDecision: 403, missingDecision: 404 });
  });
});

describe('requests the guard now passes on to the handler', () => {
  it('should still refuse a message without a string name with 400 and publish nothing', async () => {
    // given: a user who may publish one message name only
    const as = await userWith('review-publisher', [['MESSAGE', 'review-allowed', ['CREATE']]]);
    const publish = (body: Record<string, unknown>) => answerOf(engine.fetch('/v2/messages/publication', { as, ...json('POST', body) }));
    const correlate = (body: Record<string, unknown>) => answerOf(engine.fetch('/v2/messages/correlation', { as, ...json('POST', body) }));

    // when
    const statuses = [
      (await publish({ name: 42, correlationKey: 'x', timeToLive: 60_000 }))[0],
      (await publish({ name: ['review-other'], correlationKey: 'x' }))[0],
      (await publish({ correlationKey: 'x' }))[0],
      (await correlate({ name: 42, correlationKey: 'x' }))[0],
      (await publish({ name: 'review-other', correlationKey: 'x' }))[0],
    ];

    // then
    expect(statuses).toEqual([400, 400, 400, 400, 403]);
  });

  it('should answer 404 itself, without giving the engine a command, when a caller without the permission on every id names a process or decision not deployed', async () => {
    // given: a clerk who may start one process and evaluate one decision, neither deployed; the engine watched
    const as = await userWith('review-undeployed', [
      ['PROCESS_DEFINITION', 'review-later', ['CREATE_PROCESS_INSTANCE']],
      ['DECISION_DEFINITION', 'review-later-decision', ['CREATE_DECISION_INSTANCE']],
    ]);
    const core = engine.server.engine as unknown as Engine;
    const creations = vi.spyOn(core, 'createProcessInstance');
    const evaluations = vi.spyOn(core, 'evaluateDecision');

    try {
      // when
      const answers = [
        await answerOf(engine.fetch('/v2/process-instances', { as, ...json('POST', { processDefinitionId: 'review-later', variables: {} }) })),
        await answerOf(engine.fetch('/v2/process-instances', { as, ...json('POST', { processDefinitionKey: '2251799813999999' }) })),
        await answerOf(engine.fetch('/v2/decision-definitions/evaluation', { as, ...json('POST', { decisionDefinitionId: 'review-later-decision' }) })),
        await answerOf(engine.fetch('/v2/decision-definitions/evaluation', { as, ...json('POST', { decisionDefinitionKey: '2251799813999999' }) })),
        await answerOf(engine.fetch('/v2/process-instances', { as, ...json('POST', { processDefinitionId: 42 }) })),
      ];

      // then: 404s naming what was asked, the invalid body a 400, and no command given
      expect(answers.map(([status]) => status)).toEqual([404, 404, 404, 404, 400]);
      expect(answers[0]![1]).toContain("'review-later'");
      expect(answers[3]![1]).toContain("'2251799813999999'");
      expect(creations).not.toHaveBeenCalled();
      expect(evaluations).not.toHaveBeenCalled();

      // and the admin (every id) still reaches the engine, which answers the 404
      const admin = await answerOf(engine.fetch('/v2/process-instances', json('POST', { processDefinitionId: 'review-later', variables: {} })));
      expect(admin[0]).toBe(404);
      expect(creations).toHaveBeenCalledTimes(1);
    } finally {
      creations.mockRestore();
      evaluations.mockRestore();
    }
  });

  /**
   * The admin deploys `resources(round)` while four requests of `as` for what it deploys keep going; the statuses
   * answered and what a 200 answered, until a round sees a 200 (or 20 rounds).
   */
  async function race(as: { username: string; password: string }, path: string, body: (round: number) => unknown, resources: (round: number) => { name: string; content: string }[]) {
    const succeeded: unknown[] = [];
    const statuses: Record<number, number> = {};
    for (let round = 0; round < 20 && succeeded.length === 0; round++) {
      let deployed = false;
      const deployment = deploy(engine.client, resources(round)).finally(() => {
        deployed = true;
      });
      const racer = async () => {
        while (!deployed) {
          const response = await engine.fetch(path, { as, ...json('POST', body(round)) });
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          if (response.status === 200) succeeded.push(await response.json());
          else await response.body?.cancel();
        }
      };
      await Promise.all([deployment, racer(), racer(), racer(), racer()]);
    }
    return { succeeded, statuses };
  }

  it('should not start a process the caller may not start when it is deployed while the request waits for the command queue', async () => {
    // given: a clerk who may start no process at all; the admin deploys new processes while the clerk keeps asking
    // to start them by id (the guard finds the id not deployed yet and lets the request through to the queue)
    const as = await userWith('review-racer', [['DOCUMENT', '*', ['READ']]]);

    // when
    const { succeeded, statuses } = await race(
      as,
      '/v2/process-instances',
      (round) => ({ processDefinitionId: `review-race-${round}`, variables: {} }),
      (round) => [{ name: `review-race-${round}.bpmn`, content: waiting(`review-race-${round}`) }],
    );

    // then: every answer is a 403 or a 404, never a started case
    expect({ succeeded, statuses }).toEqual({ succeeded: [], statuses: expect.not.objectContaining({ 200: expect.anything() }) });
  });

  it('should not evaluate a decision the caller may not evaluate when it is deployed while the request waits for the command queue', async () => {
    // given: a clerk who may evaluate no decision at all
    const as = await userWith('review-decision-racer', [['DOCUMENT', '*', ['READ']]]);

    // when
    const { succeeded, statuses } = await race(
      as,
      '/v2/decision-definitions/evaluation',
      (round) => ({ decisionDefinitionId: `review-race-decision-${round}`, variables: {} }),
      (round) => [
        {
          name: `review-race-${round}.dmn`,
          content: dmnDefinitions(`review-race-drg-${round}`, [literalDecision({ id: `review-race-decision-${round}`, expression: '"机密结果"', typeRef: 'string' })]),
        },
      ],
    );

    // then
    expect({ succeeded, statuses }).toEqual({ succeeded: [], statuses: expect.not.objectContaining({ 200: expect.anything() }) });
  });
});

describe('batch operations shown to BATCH READ on any id', () => {
  it('should show the items of every batch operation (case keys of processes the reader may not read), not the cases nor their audit entries', async () => {
    // given: a running case of the secret process, cancelled by the admin's batch operation; a user holding BATCH
    // READ on one unrelated id and READ_PROCESS_INSTANCE on an unrelated process only
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: SECRET_PROCESS, variables: {} });
    const created = await engine.fetch('/v2/process-instances/cancellation', json('POST', { filter: { processInstanceKey } }));
    const { batchOperationKey } = (await created.json()) as { batchOperationKey: string };
    await expect
      .poll(async () => ((await (await engine.fetch(`/v2/batch-operations/${batchOperationKey}`)).json()) as { state: string }).state)
      .toBe('COMPLETED');
    const as = await userWith('review-batch-reader', [
      ['BATCH', 'some-unrelated-id', ['READ']],
      ['PROCESS_DEFINITION', 'review-unrelated-process', ['READ_PROCESS_INSTANCE']],
    ]);
    const batchOnly = await userWith('review-batch-only', [['BATCH', 'some-unrelated-id', ['READ']]]);

    // when
    const items = await engine.fetch('/v2/batch-operation-items/search', { as, ...json('POST', { filter: { batchOperationKey } }) });
    const found = ((await items.json()) as { items: { processInstanceKey: string }[] }).items.map((item) => item.processInstanceKey);
    const one = (await engine.fetch(`/v2/batch-operations/${batchOperationKey}`, { as })).status;
    const caseRead = (await engine.fetch(`/v2/process-instances/${processInstanceKey}`, { as })).status;
    const audit = await engine.fetch('/v2/audit-logs/search', { as, ...json('POST', { page: { limit: 100 } }) });
    const entries = ((await audit.json()) as { items: unknown[] }).items;

    const batchOnlyAudit = await engine.fetch('/v2/audit-logs/search', { as: batchOnly, ...json('POST', { page: { limit: 100 } }) });

    // then: as Camunda 8.8 (its BATCH_OPERATION READ query is match-all), the item names the case's key; the case
    // itself stays hidden and reading the one batch operation needs READ on its key. The audit log leaks nothing:
    // it is a PROCESS_DEFINITION search whose case scope also drops the batch creation (bpmn_process_id NULL)
    // unless the reader reads every case, unlike engine-queries.ts's "whatever cases they may read"
    expect(found).toEqual([processInstanceKey]);
    expect([one, caseRead]).toEqual([403, 403]);
    expect(entries).toEqual([]);
    expect(((await batchOnlyAudit.json()) as { items: unknown[] }).items).toEqual([]);
  });
});

describe('authorizations by key', () => {
  it('should show in the search and by key only the authorizations whose keys are granted; other keys 403, unknown keys 404', async () => {
    // given: a user allowed to read one authorization (another user's grant) by its key
    const other = await userWith('review-auth-other', [['DOCUMENT', 'review-doc', ['READ']]]);
    const otherKeys = (await (await engine.fetch('/v2/authorizations/search', json('POST', { filter: { ownerId: other.username } }))).json()) as { items: { authorizationKey: string }[] };
    const visibleKey = otherKeys.items[0]!.authorizationKey;
    const as = await userWith('review-auth-reader', [['AUTHORIZATION', visibleKey, ['READ']]]);
    const ownKey = ((await (await engine.fetch('/v2/authorizations/search', json('POST', { filter: { ownerId: as.username } }))).json()) as { items: { authorizationKey: string }[] })
      .items[0]!.authorizationKey;

    // when
    const searched = await engine.fetch('/v2/authorizations/search', { as, ...json('POST', {}) });
    const keys = ((await searched.json()) as { items: { authorizationKey: string }[] }).items.map((item) => item.authorizationKey);
    const statuses = [
      (await engine.fetch(`/v2/authorizations/${visibleKey}`, { as })).status,
      (await engine.fetch(`/v2/authorizations/${ownKey}`, { as })).status,
      (await engine.fetch(`/v2/authorizations/${BigInt(ownKey) + 100_000n}`, { as })).status,
      (await engine.fetch(`/v2/authorizations/${visibleKey}`, { as, method: 'DELETE' })).status,
    ];

    // then
    expect(keys).toEqual([visibleKey]);
    expect(statuses).toEqual([200, 403, 404, 403]);
  });
});
