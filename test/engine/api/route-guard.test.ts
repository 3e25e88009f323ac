/**
 * The route guard's rules beyond one permission per line (engine/api/route-guard.ts), with users given single
 * authorizations through the API: batch operations (BATCH CREATE or the type's own permission; only the cases the
 * creator may change that way), resource deletion (the permission of what the key names, on its id), decisions
 * by decision id, document links (DOCUMENT READ itself, not a clerk's read access to a case), and searches,
 * which Camunda 8.8 never refuses: it answers them with what the caller may read, an empty page when nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow, serviceTask } from '../../support/bpmn.js';
import { dmnDefinitions, literalDecision } from '../../support/dmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { jsonRequest, limitedUser, type Grant } from '../../support/limited-user.js';

const [PROCESS_A, PROCESS_B] = ['guard-process-a', 'guard-process-b'];
const PASSWORD = 'guard-secret';

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
  const waiting = (id: string) =>
    bpmnProcess(
      id,
      `<bpmn:startEvent id="start"/>
       <bpmn:userTask id="review" name="初审"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="window-first-review"/></bpmn:extensionElements></bpmn:userTask>
       <bpmn:endEvent id="end"/>${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}`,
    );
  await deploy(engine.client, [
    { name: 'a.bpmn', content: waiting(PROCESS_A) },
    { name: 'b.bpmn', content: waiting(PROCESS_B) },
  ]);
});

afterAll(async () => {
  await engine?.stop();
});

const json = jsonRequest;

const userWith = (username: string, grants: Grant[]) => limitedUser(engine, username, PASSWORD, grants);

/** The values of one field of a search's items (the search must answer 200). */
async function searchedIds(response: Promise<Response>, field: string): Promise<unknown[]> {
  const answer = await response;
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { items: Record<string, unknown>[] }).items.map((item) => item[field]);
}

async function detailOf(response: Response): Promise<string> {
  return ((await response.json()) as { detail: string }).detail;
}

describe('batch operations', () => {
  it("should admit the operation type's own BATCH permission without BATCH CREATE, and only that type", async () => {
    // given
    const as = await userWith('batch-cancel-only', [
      ['BATCH', '*', ['CREATE_BATCH_OPERATION_CANCEL_PROCESS_INSTANCE']],
      ['PROCESS_DEFINITION', '*', ['CANCEL_PROCESS_INSTANCE', 'UPDATE_PROCESS_INSTANCE']],
    ]);
    const filter = { processDefinitionId: 'no-such-process' };

    // when
    const cancellation = await engine.fetch('/v2/process-instances/cancellation', { as, ...json('POST', { filter }) });
    const resolution = await engine.fetch('/v2/process-instances/incident-resolution', { as, ...json('POST', { filter }) });

    // then
    expect(cancellation.status).toBe(200);
    expect(resolution.status).toBe(403);
    expect(await detailOf(resolution)).toBe('无权执行此操作：需要 BATCH 的 CREATE_BATCH_OPERATION_RESOLVE_INCIDENT 或 CREATE 权限');
  });

  it('should take only the cases whose process the creator may cancel, leaving the others running', async () => {
    // given: running cases of both processes; the user may cancel those of process A only
    const as = await userWith('batch-cancel-a', [
      ['BATCH', '*', ['CREATE', 'READ']],
      ['PROCESS_DEFINITION', PROCESS_A, ['CANCEL_PROCESS_INSTANCE']],
    ]);
    const [a, b] = await Promise.all([PROCESS_A, PROCESS_B].map((id) => engine.client.createProcessInstance({ processDefinitionId: id, variables: {} })));

    // when
    const created = await engine.fetch('/v2/process-instances/cancellation', {
      as,
      ...json('POST', { filter: { processDefinitionId: { $in: [PROCESS_A, PROCESS_B] }, processInstanceKey: { $in: [a!.processInstanceKey, b!.processInstanceKey] } } }),
    });
    const { batchOperationKey } = (await created.json()) as { batchOperationKey: string };
    await expect
      .poll(async () => ((await engine.client.callApiEndpoint({ method: 'GET', urlPath: `batch-operations/${batchOperationKey}` })) as { state: string }).state, {
        message: 'the batch operation to complete',
      })
      .toBe('COMPLETED');

    // then
    const items = await engine.fetch('/v2/batch-operation-items/search', { as, ...json('POST', { filter: { batchOperationKey } }) });
    const found = (await items.json()) as { items: { processInstanceKey: string; state: string }[] };
    expect(found.items.map((item) => [item.processInstanceKey, item.state])).toEqual([[a!.processInstanceKey, 'COMPLETED']]);
    const states = await engine.client.searchProcessInstances({ filter: { processInstanceKey: { $in: [a!.processInstanceKey, b!.processInstanceKey] } as never } });
    expect(Object.fromEntries(states.items.map((i) => [i.processInstanceKey, i.state]))).toEqual({ [a!.processInstanceKey]: 'TERMINATED', [b!.processInstanceKey]: 'ACTIVE' });
  });

  it('should refuse a creator who may cancel no case at all (403 naming the permission), and need BATCH UPDATE to suspend', async () => {
    // given
    const as = await userWith('batch-no-cases', [['BATCH', '*', ['CREATE', 'READ']]]);
    const created = await engine.fetch('/v2/process-instances/cancellation', json('POST', { filter: { processDefinitionId: 'no-such-process' } }));
    const { batchOperationKey } = (await created.json()) as { batchOperationKey: string };

    // when
    const refused = await engine.fetch('/v2/process-instances/cancellation', { as, ...json('POST', { filter: { processDefinitionId: PROCESS_A } }) });
    const read = await engine.fetch(`/v2/batch-operations/${batchOperationKey}`, { as });
    const suspend = await engine.fetch(`/v2/batch-operations/${batchOperationKey}/suspension`, { as, method: 'POST' });

    // then
    expect(refused.status).toBe(403);
    expect(await detailOf(refused)).toBe('无权执行此操作：需要 PROCESS_DEFINITION 的 CANCEL_PROCESS_INSTANCE 权限');
    expect(read.status).toBe(200);
    expect(suspend.status).toBe(403);
  });

  it('should read a batch operation or an authorization by its key before checking access: 404 for a key naming nothing, 403 for one that exists', async () => {
    // given: a user holding no BATCH or AUTHORIZATION grant; an existing batch operation and authorization
    const as = await userWith('guard-no-batch-read', [['PROCESS_DEFINITION', '*', ['READ_PROCESS_INSTANCE']]]);
    const created = await engine.fetch('/v2/process-instances/cancellation', json('POST', { filter: { processDefinitionId: 'no-such-process' } }));
    const { batchOperationKey } = (await created.json()) as { batchOperationKey: string };
    const grants = await engine.fetch('/v2/authorizations/search', json('POST', {}));
    const [authorization] = ((await grants.json()) as { items: { authorizationKey: string }[] }).items;
    const missing = String(Number.MAX_SAFE_INTEGER);

    // when
    const statuses = [
      (await engine.fetch(`/v2/batch-operations/${missing}`, { as })).status,
      (await engine.fetch(`/v2/batch-operations/${batchOperationKey}`, { as })).status,
      (await engine.fetch(`/v2/authorizations/${missing}`, { as })).status,
      (await engine.fetch(`/v2/authorizations/${authorization!.authorizationKey}`, { as })).status,
      (await engine.fetch('/v2/batch-operations/not-a-key', { as })).status,
    ];

    // then
    expect(statuses).toEqual([404, 403, 404, 403, 400]);
  });
});

describe('batch operation and authorization searches', () => {
  it('should show every batch operation and its items to BATCH READ on any one key, as Camunda 8.8 ignores the ids of that grant, and read by key only what it names', async () => {
    // given: two batch operations, one of which took a case (so there is an item)
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: PROCESS_B, variables: {} });
    const create = async (filter: Record<string, unknown>) => {
      const created = await engine.fetch('/v2/process-instances/cancellation', json('POST', { filter }));
      const { batchOperationKey } = (await created.json()) as { batchOperationKey: string };
      await expect
        .poll(async () => ((await (await engine.fetch(`/v2/batch-operations/${batchOperationKey}`)).json()) as { state: string }).state, { message: 'the batch operation to complete' })
        .toBe('COMPLETED');
      return batchOperationKey;
    };
    const named = await create({ processDefinitionId: 'no-such-process' });
    const other = await create({ processInstanceKey });
    const as = await userWith('batch-read-one', [['BATCH', named, ['READ']]]);
    const totals = async (path: string, init: RequestInit = {}) => {
      const [mine, all] = [await engine.fetch(path, { as, ...json('POST', {}), ...init }), await engine.fetch(path, json('POST', {}))];
      return [((await mine.json()) as { page: { totalItems: number } }).page.totalItems, ((await all.json()) as { page: { totalItems: number } }).page.totalItems];
    };

    // when
    const operations = await totals('/v2/batch-operations/search');
    const items = await totals('/v2/batch-operation-items/search');
    const keys = await searchedIds(engine.fetch('/v2/batch-operations/search', { as, ...json('POST', { filter: { batchOperationKey: { $in: [named, other] } } }) }), 'batchOperationKey');
    const reads = [(await engine.fetch(`/v2/batch-operations/${named}`, { as })).status, (await engine.fetch(`/v2/batch-operations/${other}`, { as })).status];

    // then
    expect(operations[0]).toBe(operations[1]);
    expect(items[0]).toBe(items[1]);
    expect(items[0]).toBeGreaterThan(0);
    expect(new Set(keys)).toEqual(new Set([named, other]));
    expect(reads).toEqual([200, 403]);
  });

  it('should filter the authorization search, rows and totalItems, to the authorization keys an AUTHORIZATION READ grant names', async () => {
    // given: a user allowed to read one authorization (another user's grant) by its key
    const target = await userWith('authz-target', [['DOCUMENT', '*', ['READ']]]);
    const granted = await engine.fetch('/v2/authorizations/search', json('POST', { filter: { ownerId: target.username } }));
    const [{ authorizationKey }] = ((await granted.json()) as { items: { authorizationKey: string }[] }).items as [{ authorizationKey: string }];
    const as = await userWith('authz-read-one', [['AUTHORIZATION', authorizationKey, ['READ']]]);
    const search = await engine.fetch('/v2/authorizations/search', { as, ...json('POST', {}) });
    const { items, page } = (await search.json()) as { items: { authorizationKey: string }[]; page: { totalItems: number } };
    const others = await engine.fetch('/v2/authorizations/search', json('POST', { filter: { ownerId: as.username } }));
    const [{ authorizationKey: own }] = ((await others.json()) as { items: { authorizationKey: string }[] }).items as [{ authorizationKey: string }];

    // when
    const reads = [(await engine.fetch(`/v2/authorizations/${authorizationKey}`, { as })).status, (await engine.fetch(`/v2/authorizations/${own}`, { as })).status];

    // then
    expect(search.status).toBe(200);
    expect(items.map((item) => item.authorizationKey)).toEqual([authorizationKey]);
    expect(page.totalItems).toBe(1);
    expect(reads).toEqual([200, 403]);
  });
});

describe('users, groups and roles that do not exist', () => {
  const missing = 'no-such-entity';
  const change = (method: string) => json(method, { name: '改名' });

  it('should answer 404 for getting any of them and for changing or deleting a user, whatever the caller holds, as Camunda reads them first', async () => {
    // given: a user holding READ on one existing user, group and role only
    const as = await userWith('identity-partial', [
      ['USER', 'demo', ['READ']],
      ['GROUP', 'window-first-review', ['READ']],
      ['ROLE', 'admin', ['READ']],
    ]);
    const status = async (path: string, init: RequestInit = {}) => (await engine.fetch(path, { as, ...init })).status;

    // when
    const statuses = {
      getUser: await status(`/v2/users/${missing}`),
      getGroup: await status(`/v2/groups/${missing}`),
      getRole: await status(`/v2/roles/${missing}`),
      updateUser: await status(`/v2/users/${missing}`, change('PUT')),
      deleteUser: await status(`/v2/users/${missing}`, { method: 'DELETE' }),
      getOtherUser: await status('/v2/users/zhang-min'),
      getOtherGroup: await status('/v2/groups/window-second-review'),
      getOtherRole: await status('/v2/roles/clerk'),
      getNamedUser: await status('/v2/users/demo'),
    };

    // then: 404 for what does not exist, 403 for what exists but is not granted
    expect(statuses).toEqual({
      getUser: 404,
      getGroup: 404,
      getRole: 404,
      updateUser: 404,
      deleteUser: 404,
      getOtherUser: 403,
      getOtherGroup: 403,
      getOtherRole: 403,
      getNamedUser: 200,
    });
  });

  it('should check the permission on the id before changing a group or role (403 without it), and answer 404 with it', async () => {
    // given: one user holding UPDATE and DELETE on one group and role, another on every group and role
    const some = await userWith('identity-some-writer', [
      ['GROUP', 'window-first-review', ['UPDATE', 'DELETE']],
      ['ROLE', 'admin', ['UPDATE', 'DELETE']],
    ]);
    const every = await userWith('identity-every-writer', [
      ['GROUP', '*', ['UPDATE', 'DELETE']],
      ['ROLE', '*', ['UPDATE', 'DELETE']],
    ]);
    const statuses = async (as: { username: string; password: string }) => {
      const status = async (path: string, init: RequestInit) => (await engine.fetch(path, { as, ...init })).status;
      return [
        await status(`/v2/groups/${missing}`, change('PUT')),
        await status(`/v2/groups/${missing}`, { method: 'DELETE' }),
        await status(`/v2/groups/${missing}/users/demo`, { method: 'PUT' }),
        await status(`/v2/roles/${missing}`, change('PUT')),
        await status(`/v2/roles/${missing}`, { method: 'DELETE' }),
        await status(`/v2/roles/${missing}/users/demo`, { method: 'PUT' }),
      ];
    };

    // when
    const [without, withIt] = [await statuses(some), await statuses(every)];

    // then
    expect(without).toEqual([403, 403, 403, 403, 403, 403]);
    expect(withIt).toEqual([404, 404, 404, 404, 404, 404]);
  });
});

describe('batch operation items after a revoked grant', () => {
  it('should fail the items not yet worked off once the creator lost the permission on their cases, and leave those cases running', async () => {
    // given: an engine that works off one item an hour, so the operation is still running after its first item
    let paced = await startEngine({ engine: { batchOperationPace: 3_600_000 } });
    try {
      const review = '<bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask/></bpmn:extensionElements></bpmn:userTask>';
      await deploy(paced.client, [{ name: 'a.bpmn', content: bpmnProcess(PROCESS_A, `<bpmn:startEvent id="start"/>${review}${flow('f1', 'start', 'review')}`) }]);
      const keys: string[] = [];
      for (let i = 0; i < 3; i++) keys.push((await paced.client.createProcessInstance({ processDefinitionId: PROCESS_A, variables: {} })).processInstanceKey);
      await paced.client.createUser({ username: 'batch-revoked', password: PASSWORD, name: 'batch-revoked', email: '' });
      const grant = async (resourceType: string, permissionTypes: string[]) => {
        const created = await paced.fetch('/v2/authorizations', json('POST', { ownerId: 'batch-revoked', ownerType: 'USER', resourceType, resourceId: '*', permissionTypes }));
        expect(created.status).toBe(201);
        return ((await created.json()) as { authorizationKey: string }).authorizationKey;
      };
      await grant('BATCH', ['CREATE', 'READ']);
      const cancelGrant = await grant('PROCESS_DEFINITION', ['CANCEL_PROCESS_INSTANCE']);
      const created = await paced.fetch('/v2/process-instances/cancellation', {
        as: { username: 'batch-revoked', password: PASSWORD },
        ...json('POST', { filter: { processInstanceKey: { $in: keys } } }),
      });
      expect(created.status).toBe(200);
      const { batchOperationKey } = (await created.json()) as { batchOperationKey: string };
      const itemStates = async (fixture: EngineFixture) => {
        const found = await fixture.fetch('/v2/batch-operation-items/search', json('POST', { filter: { batchOperationKey }, sort: [{ field: 'itemKey' }] }));
        return ((await found.json()) as { items: { processInstanceKey: string; state: string; errorMessage?: string }[] }).items;
      };
      await expect.poll(async () => (await itemStates(paced)).filter((item) => item.state === 'COMPLETED').length).toBe(1);

      // when: the grant is revoked, and the engine restarts without the pause (the operation goes on at start)
      expect((await paced.fetch(`/v2/authorizations/${cancelGrant}`, { method: 'DELETE' })).status).toBe(204);
      const dataDir = paced.dataDir;
      await paced.stop({ keepData: true });
      paced = await startEngine({ dataDir });

      // then: the two items left fail with the reason, and their cases still run
      await expect.poll(async () => (await itemStates(paced)).filter((item) => item.state === 'FAILED').length).toBe(2);
      const items = await itemStates(paced);
      const failed = items.filter((item) => item.state === 'FAILED');
      for (const item of failed) expect(item.errorMessage).toBe('批量操作的创建者 batch-revoked 已无此案件的 CANCEL_PROCESS_INSTANCE 权限，此案件未处理 / the operation\'s creator no longer holds CANCEL_PROCESS_INSTANCE on this case');
      const states = await paced.client.searchProcessInstances({ filter: { processInstanceKey: { $in: keys } as never } });
      const stateOf = Object.fromEntries(states.items.map((i) => [i.processInstanceKey, i.state]));
      for (const item of failed) expect(stateOf[item.processInstanceKey]).toBe('ACTIVE');
      expect(Object.values(stateOf).filter((state) => state === 'TERMINATED')).toHaveLength(1);
    } finally {
      await paced.stop();
    }
  }, 60_000);
});

describe('resource deletion', () => {
  async function deployAll(suffix: string) {
    const deployed = await deploy(engine.client, [
      { name: `delete-${suffix}.bpmn`, content: bpmnProcess(`delete-${suffix}`, '<bpmn:startEvent id="s"/>') },
      { name: `delete-${suffix}.dmn`, content: dmnDefinitions(`delete-${suffix}-drg`, [literalDecision({ id: `delete-${suffix}-decision`, expression: '1' })]) },
      { name: `delete-${suffix}.form`, content: JSON.stringify({ id: `delete-${suffix}-form`, type: 'default', components: [] }) },
    ]);
    return {
      process: deployed.processes[0]!.processDefinitionKey,
      drg: deployed.decisionRequirements[0]!.decisionRequirementsKey,
      form: deployed.forms[0]!.formKey,
    };
  }
  const deletion = (key: string, as: { username: string; password: string }) => engine.fetch(`/v2/resources/${key}/deletion`, { as, ...json('POST', {}) });

  it('should ask for the permission of what the key names: DELETE_FORM deletes forms only', async () => {
    // given
    const as = await userWith('form-deleter', [['RESOURCE', '*', ['DELETE_FORM']]]);
    const keys = await deployAll('kinds');

    // when
    const process = await deletion(keys.process, as);
    const drg = await deletion(keys.drg, as);
    const form = await deletion(keys.form, as);

    // then
    expect([process.status, drg.status, form.status]).toEqual([403, 403, 200]);
    expect(await detailOf(process)).toBe('无权执行此操作：需要 RESOURCE 的 DELETE_PROCESS 权限');
    expect(await detailOf(drg)).toBe('无权执行此操作：需要 RESOURCE 的 DELETE_DRD 权限');
  });

  it('should check the id the permission names (a process id, a DRG id), and answer 404 for a key that names nothing', async () => {
    // given
    const as = await userWith('one-process-deleter', [['RESOURCE', 'delete-mine', ['DELETE_PROCESS', 'DELETE_DRD']]]);
    const nobody = await userWith('no-deleter', [['RESOURCE', '*', ['READ']]]);
    const mine = await deployAll('mine');
    const theirs = await deployAll('theirs');

    // when
    const statuses = [
      (await deletion(mine.process, as)).status,
      (await deletion(theirs.process, as)).status,
      (await deletion(theirs.drg, as)).status,
      (await deletion('2251799813685249', as)).status,
      (await deletion('2251799813685249', nobody)).status,
    ];

    // then
    expect(statuses).toEqual([200, 403, 403, 404, 403]);
  });
});

describe('decisions', () => {
  let keys: { mine: string; theirs: string };

  beforeAll(async () => {
    const deployed = await deploy(engine.client, [
      {
        name: 'guard-decisions.dmn',
        content: dmnDefinitions('guard-drg', [
          literalDecision({ id: 'guard-mine', expression: 'amount + 1', typeRef: 'number' }),
          literalDecision({ id: 'guard-theirs', expression: 'amount - 1', typeRef: 'number' }),
        ]),
      },
    ]);
    const keyOf = (id: string) => deployed.decisions.find((d) => d.decisionDefinitionId === id)!.decisionDefinitionKey;
    keys = { mine: keyOf('guard-mine'), theirs: keyOf('guard-theirs') };
  });

  it('should read, search and evaluate by decision id what a grant names, and answer 404 for a key or id naming nothing', async () => {
    // given
    const as = await userWith('decision-mine', [['DECISION_DEFINITION', 'guard-mine', ['READ_DECISION_DEFINITION', 'CREATE_DECISION_INSTANCE']]]);
    const evaluate = (body: Record<string, unknown>) => engine.fetch('/v2/decision-definitions/evaluation', { as, ...json('POST', { ...body, variables: { amount: 1 } }) });

    // when
    const statuses = {
      getMine: (await engine.fetch(`/v2/decision-definitions/${keys.mine}`, { as })).status,
      getTheirs: (await engine.fetch(`/v2/decision-definitions/${keys.theirs}/xml`, { as })).status,
      search: await searchedIds(engine.fetch('/v2/decision-definitions/search', { as, ...json('POST', {}) }), 'decisionDefinitionId'),
      evaluateMineById: (await evaluate({ decisionDefinitionId: 'guard-mine' })).status,
      evaluateMineByKey: (await evaluate({ decisionDefinitionKey: keys.mine })).status,
      evaluateTheirs: (await evaluate({ decisionDefinitionId: 'guard-theirs' })).status,
      getUnknown: (await engine.fetch('/v2/decision-definitions/2251799813999999', { as })).status,
      evaluateUnknownKey: (await evaluate({ decisionDefinitionKey: '2251799813999999' })).status,
      evaluateUnknownId: (await evaluate({ decisionDefinitionId: 'no-such-decision' })).status,
      evaluateNeither: (await evaluate({})).status,
    };

    // then: as Zeebe, a decision naming nothing is a 404 before the permission is checked (a body naming none, 400)
    expect(statuses).toEqual({
      getMine: 200,
      getTheirs: 403,
      search: ['guard-mine'],
      evaluateMineById: 200,
      evaluateMineByKey: 200,
      evaluateTheirs: 403,
      getUnknown: 404,
      evaluateUnknownKey: 404,
      evaluateUnknownId: 404,
      evaluateNeither: 400,
    });
  });

  it('should show an evaluation of one decision to a user holding READ_DECISION_INSTANCE on that decision only', async () => {
    // given
    const as = await userWith('decision-history-mine', [['DECISION_DEFINITION', 'guard-mine', ['READ_DECISION_INSTANCE']]]);
    const evaluated = async (decisionDefinitionId: string) => {
      const result = await engine.fetch('/v2/decision-definitions/evaluation', json('POST', { decisionDefinitionId, variables: { amount: 1 } }));
      return ((await result.json()) as { decisionInstanceKey: string }).decisionInstanceKey;
    };
    const [mine, theirs] = [await evaluated('guard-mine'), await evaluated('guard-theirs')];

    // when
    const statuses = [(await engine.fetch(`/v2/decision-instances/${mine}`, { as })).status, (await engine.fetch(`/v2/decision-instances/${theirs}`, { as })).status];
    const searched = await searchedIds(engine.fetch('/v2/decision-instances/search', { as, ...json('POST', {}) }), 'decisionDefinitionId');

    // then
    expect(statuses).toEqual([200, 403]);
    expect(new Set(searched)).toEqual(new Set(['guard-mine']));
  });
});

describe('starting a case', () => {
  it('should answer 404 for a process naming nothing before checking CREATE_PROCESS_INSTANCE, and 403 for one not granted', async () => {
    // given
    const as = await userWith('start-a-only', [['PROCESS_DEFINITION', PROCESS_A, ['CREATE_PROCESS_INSTANCE']]]);
    const start = async (body: Record<string, unknown>) => (await engine.fetch('/v2/process-instances', { as, ...json('POST', { ...body, variables: {} }) })).status;

    // when
    const statuses = [await start({ processDefinitionId: PROCESS_A }), await start({ processDefinitionId: PROCESS_B }), await start({ processDefinitionId: 'no-such-process' }), await start({ processDefinitionKey: '2251799813999999' })];

    // then
    expect(statuses).toEqual([200, 403, 404, 404]);
  });
});

describe('document links', () => {
  it('should let a clerk download a document of their case, but not mint a link that would read it without a login', async () => {
    // given: a case with a task of zhang-min's group, and a document naming that case
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: PROCESS_A, variables: {} });
    const form = new FormData();
    form.append('file', new Blob(['%PDF-1.4 受理通知书']), 'notice.pdf');
    form.append('metadata', JSON.stringify({ contentType: 'application/pdf', processInstanceKey }));
    const { documentId } = (await (await engine.fetch('/v2/documents', { method: 'POST', body: form })).json()) as { documentId: string };
    const clerk = { username: 'zhang-min', password: 'demo' };

    // when
    const download = await engine.fetch(`/v2/documents/${documentId}`, { as: clerk });
    const link = await engine.fetch(`/v2/documents/${documentId}/links`, { as: clerk, ...json('POST', {}) });

    // then
    expect(download.status).toBe(200);
    expect(link.status).toBe(403);
    expect(await detailOf(link)).toBe('无权执行此操作：需要 DOCUMENT 的 READ 权限');
  });
});

describe('searches', () => {
  it('should answer a caller who may read nothing of a search with an empty page (200), as Camunda 8.8 does, and 403 on a row', async () => {
    // given: a case with a variable, an open task, a job and an incident, which the admin sees; a user without grants
    const failing = 'guard-failing';
    await deploy(engine.client, [{ name: 'failing.bpmn', content: bpmnProcess(failing, `<bpmn:startEvent id="s"/>${serviceTask('work', 'guard-work')}${serviceTask('fail', 'guard-fail')}<bpmn:endEvent id="e"/>${flow('f1', 's', 'work')}${flow('f2', 's', 'fail')}${flow('f3', 'work', 'e')}${flow('f4', 'fail', 'e')}`) }]);
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: failing, variables: { applicant: '王芳' } });
    await engine.client.createProcessInstance({ processDefinitionId: PROCESS_A, variables: {} });
    const activated = await engine.fetch('/v2/jobs/activation', json('POST', { type: 'guard-fail', timeout: 60_000, maxJobsToActivate: 1 }));
    const [job] = ((await activated.json()) as { jobs: { jobKey: string }[] }).jobs;
    expect((await engine.fetch(`/v2/jobs/${job!.jobKey}/failure`, json('POST', { retries: 0, errorMessage: '核验服务不可用' }))).status).toBe(204);
    const as = await userWith('guard-nobody', []);
    const searches = [
      'process-definitions',
      'process-instances',
      'element-instances',
      'variables',
      'user-tasks',
      'incidents',
      'jobs',
      'message-subscriptions',
      'decision-definitions',
      'decision-requirements',
      'decision-instances',
      'batch-operations',
      'groups',
      'roles',
      'authorizations',
    ];

    // when
    const seen: Record<string, unknown> = {};
    const admin: Record<string, number> = {};
    for (const resource of searches) {
      const answer = await engine.fetch(`/v2/${resource}/search`, { as, ...json('POST', {}) });
      const body = (await answer.json()) as { items: unknown[]; page: { totalItems: number } };
      seen[resource] = [answer.status, body.items.length, body.page.totalItems];
      const all = await engine.fetch(`/v2/${resource}/search`, json('POST', {}));
      admin[resource] = ((await all.json()) as { items: unknown[] }).items.length;
    }
    const keyed = async (path: string, init: RequestInit = {}) => {
      const [mine, theirs] = [await engine.fetch(path, { as, ...init }), await engine.fetch(path, init)];
      return [mine.status, ((await mine.json()) as { items: unknown[] }).items.length, ((await theirs.json()) as { items: unknown[] }).items.length > 0];
    };
    const { processDefinitionKey } = (await (await engine.fetch(`/v2/process-instances/${processInstanceKey}`)).json()) as { processDefinitionKey: string };
    const perKey = {
      flows: await keyed(`/v2/process-instances/${processInstanceKey}/sequence-flows`),
      instanceStatistics: await keyed(`/v2/process-instances/${processInstanceKey}/statistics/element-instances`),
      definitionStatistics: await keyed(`/v2/process-definitions/${processDefinitionKey}/statistics/element-instances`, json('POST', {})),
    };
    const users = await searchedIds(engine.fetch('/v2/users/search', { as, ...json('POST', {}) }), 'username');
    const row = await engine.fetch(`/v2/process-instances/${processInstanceKey}`, { as });

    // then: each search 200 and empty, though the admin finds rows of the runtime ones; users: only themself
    expect(seen).toEqual(Object.fromEntries(searches.map((resource) => [resource, [200, 0, 0]])));
    for (const resource of ['process-definitions', 'process-instances', 'element-instances', 'variables', 'user-tasks', 'incidents', 'jobs', 'decision-definitions', 'groups', 'roles', 'authorizations']) {
      expect(admin[resource], resource).toBeGreaterThan(0);
    }
    expect(perKey).toEqual({ flows: [200, 0, true], instanceStatistics: [200, 0, true], definitionStatistics: [200, 0, true] });
    expect(users).toEqual(['guard-nobody']);
    expect(row.status).toBe(403);
  });

  it('should filter the identity searches by the ids a grant names', async () => {
    // given
    const as = await userWith('guard-group-reader', [
      ['GROUP', 'window-first-review', ['READ']],
      ['ROLE', 'admin', ['READ']],
      ['USER', 'demo', ['READ']],
    ]);

    // when
    const found = {
      groups: await searchedIds(engine.fetch('/v2/groups/search', { as, ...json('POST', {}) }), 'groupId'),
      roles: await searchedIds(engine.fetch('/v2/roles/search', { as, ...json('POST', {}) }), 'roleId'),
      users: await searchedIds(engine.fetch('/v2/users/search', { as, ...json('POST', { sort: [{ field: 'username' }] }) }), 'username'),
    };

    // then
    expect(found).toEqual({ groups: ['window-first-review'], roles: ['admin'], users: ['demo', 'guard-group-reader'] });
  });
});
