/**
 * Camunda 8.8's identity endpoints as an admin uses them: users (the SDK's createUser and searchUsers, fetch for
 * the rest), groups, roles and authorizations — paths, bodies and status codes — and that a change takes effect
 * on the next request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { problemOf } from '../../support/problem-of.js';

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine?.stop();
});

const json = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: body === undefined ? undefined : JSON.stringify(body),
});
const call = async (path: string, init: RequestInit & { as?: { username: string; password: string } | null } = {}) => {
  const response = await engine.fetch(path, init);
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
};

describe('users', () => {
  it('should create a user with the SDK (201, no password in the answer) and refuse the same username again (409)', async () => {
    // when
    const created = await engine.client.createUser({ username: 'wu-xia', password: 'wu-secret-1', name: '吴霞', email: 'wu@example.cn' });
    const again = await problemOf(engine.client.createUser({ username: 'wu-xia', password: 'x', name: '', email: '' }));

    // then
    expect(created).toEqual({ username: 'wu-xia', name: '吴霞', email: 'wu@example.cn' });
    expect(again.status).toBe(409);
  });

  it('should search users with the SDK, with string operators and paging', async () => {
    // given
    await engine.client.createUser({ username: 'wu-lan', password: 'wu-secret-2', name: '吴兰', email: '' });

    // when
    const found = await engine.client.searchUsers({ filter: { name: { $like: '吴*' } } as never, page: { from: 0, limit: 10 }, sort: [{ field: 'username' }] as never });

    // then
    expect(found.items).toEqual([
      { username: 'wu-lan', name: '吴兰', email: '' },
      { username: 'wu-xia', name: '吴霞', email: 'wu@example.cn' },
    ]);
    expect(found.page.totalItems).toBe(2);
  });

  it('should get and update a user; a new password works at once, the old one no more', async () => {
    // given
    await engine.client.createUser({ username: 'zheng-yu', password: 'old-secret', name: '郑宇', email: '' });

    // when
    const got = await call('/v2/users/zheng-yu');
    const updated = await call('/v2/users/zheng-yu', json('PUT', { name: '郑宇（已调岗）', password: 'new-secret' }));
    const withOld = await call('/v2/authentication/me', { as: { username: 'zheng-yu', password: 'old-secret' } });
    const withNew = await call('/v2/authentication/me', { as: { username: 'zheng-yu', password: 'new-secret' } });

    // then
    expect(got).toEqual({ status: 200, body: { username: 'zheng-yu', name: '郑宇', email: '' } });
    expect(updated).toEqual({ status: 200, body: { username: 'zheng-yu', name: '郑宇（已调岗）', email: '' } });
    expect(withOld.status).toBe(401);
    expect(withNew.body).toMatchObject({ username: 'zheng-yu', displayName: '郑宇（已调岗）' });
  });

  it('should let users read and change themselves, and no one else (their user search finds only them)', async () => {
    // given
    const as = { username: 'li-jing', password: 'demo' };

    // when
    const self = await call('/v2/users/li-jing', { as });
    const rename = await call('/v2/users/li-jing', { as, ...json('PUT', { email: 'li@example.cn' }) });
    const other = await call('/v2/users/zhang-min', { as });
    const list = await call('/v2/users/search', { as, ...json('POST', {}) });

    // then
    expect([self.status, rename.status, other.status, list.status]).toEqual([200, 200, 403, 200]);
    expect((list.body!.items as { username: string }[]).map((user) => user.username)).toEqual(['li-jing']);
  });

  it('should delete a user (204), who can then no longer log in (401), and answer 404 for them afterwards', async () => {
    // given
    await engine.client.createUser({ username: 'temp-user', password: 'temp-secret', name: '临时', email: '' });

    // when
    const deleted = await call('/v2/users/temp-user', { method: 'DELETE' });
    const again = await call('/v2/users/temp-user', { method: 'DELETE' });
    const login = await call('/v2/authentication/me', { as: { username: 'temp-user', password: 'temp-secret' } });

    // then
    expect([deleted.status, again.status, login.status]).toEqual([204, 404, 401]);
  });

  it('should answer 400 naming the field for a bad username', async () => {
    // when
    const response = await call('/v2/users', json('POST', { username: 'has space', password: 'x' }));

    // then
    expect(response.status).toBe(400);
    expect(String(response.body?.detail)).toContain('username');
  });
});

describe('groups and roles', () => {
  it('should create a group, put a user in it (204, then 409), list its members and show it in /me', async () => {
    // given
    await engine.client.createUser({ username: 'qian-li', password: 'qian-secret', name: '钱力', email: '' });

    // when
    const created = await call('/v2/groups', json('POST', { groupId: 'archive', name: '档案室', description: '档案管理' }));
    const assigned = await call('/v2/groups/archive/users/qian-li', { method: 'PUT' });
    const twice = await call('/v2/groups/archive/users/qian-li', { method: 'PUT' });
    const members = await call('/v2/groups/archive/users/search', json('POST', {}));
    const me = await call('/v2/authentication/me', { as: { username: 'qian-li', password: 'qian-secret' } });

    // then
    expect(created).toEqual({ status: 201, body: { groupId: 'archive', name: '档案室', description: '档案管理' } });
    expect([assigned.status, twice.status]).toEqual([204, 409]);
    expect(members.body).toMatchObject({ items: [{ username: 'qian-li' }], page: { totalItems: 1 } });
    expect(me.body).toMatchObject({ groups: ['archive'], roles: [] });
  });

  it('should find the seeded groups (the candidate groups of the models) and roles', async () => {
    // when
    const groups = await call('/v2/groups/search', json('POST', { page: { limit: 100 } }));
    const roles = await call('/v2/roles/search', json('POST', {}));

    // then
    const groupIds = (groups.body!.items as { groupId: string }[]).map((g) => g.groupId);
    expect(groupIds).toEqual(expect.arrayContaining(['window-first-review', 'window-second-review', 'window-clerk', 'finance', 'supervisor', 'process-analyst', 'manager']));
    expect(groupIds).not.toContain('insured');
    expect((roles.body!.items as { roleId: string }[]).map((r) => r.roleId).sort()).toEqual(['admin', 'analyst', 'clerk', 'deployer', 'job-worker', 'manager', 'monitor-reader', 'name-reader']);
  });

  it('should give a role to a user and to a group, take effect on the next request, and list both', async () => {
    // given
    await engine.client.createUser({ username: 'sun-li', password: 'sun-secret', name: '孙丽', email: '' });
    const as = { username: 'sun-li', password: 'sun-secret' };
    const before = await call('/v2/user-tasks/search', { as, ...json('POST', {}) });

    // when
    const toUser = await call('/v2/roles/manager/users/sun-li', { method: 'PUT' });
    const toGroup = await call('/v2/roles/clerk/groups/archive', { method: 'PUT' });
    const after = await call('/v2/user-tasks/search', { as, ...json('POST', {}) });
    const users = await call('/v2/roles/manager/users/search', json('POST', {}));
    const groups = await call('/v2/roles/clerk/groups/search', json('POST', { page: { limit: 50 } }));
    const rolesOfGroup = await call('/v2/groups/archive/roles/search', json('POST', {}));

    // then
    expect(before.body).toEqual({ items: [], page: { totalItems: 0, hasMoreTotalItems: false } });
    expect([toUser.status, toGroup.status, after.status]).toEqual([204, 204, 200]);
    expect(users.body!.items).toEqual([{ username: 'sun-li' }]);
    expect((groups.body!.items as { groupId: string }[]).map((g) => g.groupId)).toContain('archive');
    expect(rolesOfGroup.body!.items).toEqual([{ roleId: 'clerk', name: '经办人员', description: expect.any(String) }]);
  });

  it('should create, update and delete a role; removing a role from a user that lacks it is 404', async () => {
    // when
    const created = await call('/v2/roles', json('POST', { roleId: 'auditor', name: '审计' }));
    const updated = await call('/v2/roles/auditor', json('PUT', { name: '审计员', description: '只读审计' }));
    const notAssigned = await call('/v2/roles/auditor/users/sun-li', { method: 'DELETE' });
    const deleted = await call('/v2/roles/auditor', { method: 'DELETE' });
    const gone = await call('/v2/roles/auditor');

    // then
    expect(created).toEqual({ status: 201, body: { roleId: 'auditor', name: '审计', description: '' } });
    expect(updated.body).toEqual({ roleId: 'auditor', name: '审计员', description: '只读审计' });
    expect([notAssigned.status, deleted.status, gone.status]).toEqual([404, 204, 404]);
  });
});

describe('authorizations', () => {
  it('should grant a permission on one process id, narrowing what the user finds, and revoke it', async () => {
    // given
    await engine.client.createUser({ username: 'zhou-ping', password: 'zhou-secret', name: '周平', email: '' });
    const as = { username: 'zhou-ping', password: 'zhou-secret' };
    const grant = { ownerId: 'zhou-ping', ownerType: 'USER', resourceType: 'PROCESS_DEFINITION', resourceId: 'process-a', permissionTypes: ['READ_PROCESS_DEFINITION'] };
    await deploy(engine.client, ['process-a', 'process-b'].map((id) => ({ name: `${id}.bpmn`, content: bpmnProcess(id, '<bpmn:startEvent id="s"/>') })));
    const processIds = (answer: Awaited<ReturnType<typeof call>>) => (answer.body!.items as { processDefinitionId: string }[]).map((d) => d.processDefinitionId);

    // when
    const created = await call('/v2/authorizations', json('POST', grant));
    const key = String(created.body!.authorizationKey);
    const allowed = await call('/v2/process-definitions/search', { as, ...json('POST', {}) });
    const fetched = await call(`/v2/authorizations/${key}`);
    const found = await call('/v2/authorizations/search', json('POST', { filter: { ownerId: 'zhou-ping', resourceIds: ['process-a'] } }));
    const deleted = await call(`/v2/authorizations/${key}`, { method: 'DELETE' });
    const refused = await call('/v2/process-definitions/search', { as, ...json('POST', {}) });

    // then
    expect(created.status).toBe(201);
    expect(key).toMatch(/^\d+$/);
    expect([allowed.status, processIds(allowed)]).toEqual([200, ['process-a']]);
    expect(fetched.body).toEqual({ ...grant, authorizationKey: key });
    expect(found.body!.items).toEqual([{ ...grant, authorizationKey: key }]);
    expect(deleted.status).toBe(204);
    expect(refused).toEqual({ status: 200, body: { items: [], page: { totalItems: 0, hasMoreTotalItems: false } } });
  });

  it('should answer 400 for a resourceIds filter that is not a list, instead of dropping it', async () => {
    // when
    const problem = await call('/v2/authorizations/search', json('POST', { filter: { resourceIds: 'process-a' } }));
    const unknown = await call('/v2/authorizations/search', json('POST', { filter: { ownerId: { $startsWith: 'z' } } }));

    // then
    expect(problem.status).toBe(400);
    expect(String(problem.body!.detail)).toContain('resourceIds');
    expect(unknown.status).toBe(400);
    expect(String(unknown.body!.detail)).toContain('$startsWith');
  });

  it("should store Camunda 8.9's property-based USER_TASK authorizations", async () => {
    // when
    const created = await call(
      '/v2/authorizations',
      json('POST', { ownerId: 'archive', ownerType: 'GROUP', resourceType: 'USER_TASK', resourcePropertyName: 'candidateGroups', permissionTypes: ['READ'] }),
    );
    const updated = await call(
      `/v2/authorizations/${String(created.body!.authorizationKey)}`,
      json('PUT', { ownerId: 'archive', ownerType: 'GROUP', resourceType: 'USER_TASK', resourcePropertyName: 'candidateGroups', permissionTypes: ['READ', 'CLAIM'] }),
    );

    // then
    expect([created.status, updated.status]).toEqual([201, 204]);
    expect((await call(`/v2/authorizations/${String(created.body!.authorizationKey)}`)).body).toMatchObject({ resourcePropertyName: 'candidateGroups', permissionTypes: ['READ', 'CLAIM'] });
  });

  it('should refuse a permission of another resource type (400) and an owner that does not exist (404)', async () => {
    // when
    const wrongPermission = await call('/v2/authorizations', json('POST', { ownerId: 'demo', ownerType: 'USER', resourceType: 'USER', resourceId: '*', permissionTypes: ['READ_USER_TASK'] }));
    const noOwner = await call('/v2/authorizations', json('POST', { ownerId: 'ghost', ownerType: 'ROLE', resourceType: 'USER', resourceId: '*', permissionTypes: ['READ'] }));
    const both = await call('/v2/authorizations', json('POST', { ownerId: 'demo', ownerType: 'USER', resourceType: 'USER_TASK', resourceId: '*', resourcePropertyName: 'assignee', permissionTypes: ['READ'] }));

    // then
    expect([wrongPermission.status, noOwner.status, both.status]).toEqual([400, 404, 400]);
  });
});
