/**
 * The identity endpoints over HTTP as Camunda 8.8 answers them (sources in docs/identity.md, "Member searches and
 * membership changes, as Camunda 8.8 answers them"): member searches are filtered searches (200, an empty page for
 * what the caller may not read or what does not exist, never 403 or 404), and a membership or authorization change
 * checks the permission first (403), then what it names (404; of a valid body), then the membership itself (409 / 404), and answers
 * 204 with no body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { jsonRequest as json, limitedUser, type Grant } from '../../support/limited-user.js';

const PASSWORD = 'conformance-secret';
const EMPTY_PAGE = { items: [], page: { totalItems: 0, hasMoreTotalItems: false } };

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
  // two groups with one member each, both given one role; a second role with a user
  for (const groupId of ['conf-north', 'conf-south']) expect((await engine.fetch('/v2/groups', json('POST', { groupId, name: groupId }))).status).toBe(201);
  for (const roleId of ['conf-role', 'conf-other-role']) expect((await engine.fetch('/v2/roles', json('POST', { roleId, name: roleId }))).status).toBe(201);
  for (const username of ['conf-ann', 'conf-bo']) await engine.client.createUser({ username, password: PASSWORD, name: username, email: '' });
  const setUp = [
    await engine.fetch('/v2/groups/conf-north/users/conf-ann', { method: 'PUT' }),
    await engine.fetch('/v2/groups/conf-south/users/conf-bo', { method: 'PUT' }),
    await engine.fetch('/v2/roles/conf-role/groups/conf-north', { method: 'PUT' }),
    await engine.fetch('/v2/roles/conf-other-role/groups/conf-north', { method: 'PUT' }),
    await engine.fetch('/v2/roles/conf-role/users/conf-ann', { method: 'PUT' }),
    await engine.fetch('/v2/roles/conf-other-role/users/conf-bo', { method: 'PUT' }),
  ];
  expect(setUp.map((response) => response.status)).toEqual([204, 204, 204, 204, 204, 204]);
});

afterAll(async () => {
  await engine?.stop();
});

const userWith = (username: string, grants: Grant[]) => limitedUser(engine, username, PASSWORD, grants);

async function answer(response: Promise<Response>): Promise<{ status: number; body: unknown }> {
  const got = await response;
  const text = await got.text();
  return { status: got.status, body: text === '' ? '' : (JSON.parse(text) as unknown) };
}

const search = (path: string, as: { username: string; password: string }) => answer(engine.fetch(path, { as, ...json('POST', {}) }));

describe('member searches (filtered like any search)', () => {
  it('should answer a caller without GROUP or ROLE permissions 200 with an empty page, for groups and roles that exist and for ones that do not', async () => {
    // given
    const as = await userWith('conf-nobody', [['DOCUMENT', '*', ['READ']]]);

    // when
    const answers = await Promise.all(
      [
        '/v2/groups/conf-north/users/search',
        '/v2/groups/conf-north/roles/search',
        '/v2/roles/conf-role/users/search',
        '/v2/roles/conf-role/groups/search',
        '/v2/groups/conf-no-such-group/users/search',
        '/v2/groups/conf-no-such-group/roles/search',
        '/v2/roles/conf-no-such-role/users/search',
        '/v2/roles/conf-no-such-role/groups/search',
      ].map((path) => search(path, as)),
    );

    // then
    for (const got of answers) expect(got).toEqual({ status: 200, body: EMPTY_PAGE });
  });

  it('should list the users of the groups the caller holds GROUP READ on, and nobody of the others', async () => {
    // given
    const as = await userWith('conf-north-reader', [['GROUP', 'conf-north', ['READ']]]);

    // when
    const north = await search('/v2/groups/conf-north/users/search', as);
    const south = await search('/v2/groups/conf-south/users/search', as);

    // then
    expect(north.status).toBe(200);
    expect(north.body).toMatchObject({ items: [{ username: 'conf-ann' }], page: { totalItems: 1, hasMoreTotalItems: false } });
    expect(south).toEqual({ status: 200, body: EMPTY_PAGE });
  });

  it('should list the roles of a group by ROLE READ on each role, not by GROUP READ on the group', async () => {
    // given: one caller reads the group only, the other one of its two roles only
    const groupReader = await userWith('conf-group-reader', [['GROUP', '*', ['READ']]]);
    const roleReader = await userWith('conf-role-reader', [['ROLE', 'conf-role', ['READ']]]);

    // when
    const byGroup = await search('/v2/groups/conf-north/roles/search', groupReader);
    const byRole = await search('/v2/groups/conf-north/roles/search', roleReader);

    // then
    expect(byGroup).toEqual({ status: 200, body: EMPTY_PAGE });
    expect(byRole.status).toBe(200);
    expect(byRole.body).toMatchObject({ items: [{ roleId: 'conf-role' }], page: { totalItems: 1 } });
  });

  it('should list the users and groups of the roles the caller holds ROLE READ on, and nobody of the others', async () => {
    // given
    const as = await userWith('conf-role-member-reader', [['ROLE', 'conf-role', ['READ']]]);

    // when
    const users = await search('/v2/roles/conf-role/users/search', as);
    const groups = await search('/v2/roles/conf-role/groups/search', as);
    const otherUsers = await search('/v2/roles/conf-other-role/users/search', as);
    const otherGroups = await search('/v2/roles/conf-other-role/groups/search', as);

    // then
    expect(users.body).toMatchObject({ items: [{ username: 'conf-ann' }], page: { totalItems: 1 } });
    expect(groups.body).toMatchObject({ items: [{ groupId: 'conf-north' }], page: { totalItems: 1 } });
    expect([otherUsers, otherGroups]).toEqual([
      { status: 200, body: EMPTY_PAGE },
      { status: 200, body: EMPTY_PAGE },
    ]);
  });
});

describe('membership changes (permission, then existence, then the membership)', () => {
  it('should answer 403 without GROUP UPDATE on the group, whether the group exists or not', async () => {
    // given: UPDATE on another group only
    const as = await userWith('conf-south-editor', [['GROUP', 'conf-south', ['UPDATE']]]);

    // when
    const statuses = [
      (await engine.fetch('/v2/groups/conf-north/users/conf-bo', { as, method: 'PUT' })).status,
      (await engine.fetch('/v2/groups/conf-no-such-group/users/conf-bo', { as, method: 'PUT' })).status,
      (await engine.fetch('/v2/groups/conf-north/users/conf-ann', { as, method: 'DELETE' })).status,
      (await engine.fetch('/v2/groups/conf-no-such-group/users/conf-ann', { as, method: 'DELETE' })).status,
    ];

    // then
    expect(statuses).toEqual([403, 403, 403, 403]);
  });

  it('should answer a group editor on * 404 for a missing group, 204 with no body, 409 when already a member, 204, then 404 when no longer one', async () => {
    // given: UPDATE on every group (a grant on one group does not cover a missing one: 403, as above)
    const as = await userWith('conf-group-editor', [['GROUP', '*', ['UPDATE']]]);
    const member = (method: string, groupId = 'conf-south') => answer(engine.fetch(`/v2/groups/${groupId}/users/conf-ann`, { as, method }));

    // when
    const answers = [await member('PUT', 'conf-no-such-group'), await member('PUT'), await member('PUT'), await member('DELETE'), await member('DELETE')];

    // then
    expect(answers.map((got) => got.status)).toEqual([404, 204, 409, 204, 404]);
    expect([answers[1]!.body, answers[3]!.body]).toEqual(['', '']);
  });

  it('should check ROLE UPDATE on the role first, then the role (404), then the assignment (409 / 404)', async () => {
    // given: UPDATE on another role, on this role, and on every role
    const outsider = await userWith('conf-role-outsider', [['ROLE', 'conf-other-role', ['UPDATE']]]);
    const editor = await userWith('conf-role-editor', [['ROLE', 'conf-role', ['UPDATE']]]);
    const everyRole = await userWith('conf-every-role-editor', [['ROLE', '*', ['UPDATE']]]);
    const put = (as: typeof editor, path: string) => engine.fetch(path, { as, method: 'PUT' }).then((got) => got.status);
    const del = (as: typeof editor, path: string) => engine.fetch(path, { as, method: 'DELETE' }).then((got) => got.status);

    // when
    const refused = [await put(outsider, '/v2/roles/conf-role/users/conf-bo'), await put(outsider, '/v2/roles/conf-no-such-role/users/conf-bo')];
    const missing = [await put(editor, '/v2/roles/conf-no-such-role/users/conf-bo'), await put(everyRole, '/v2/roles/conf-no-such-role/users/conf-bo')];
    const user = [await put(editor, '/v2/roles/conf-role/users/conf-bo'), await put(editor, '/v2/roles/conf-role/users/conf-bo')];
    const unassigned = [await del(editor, '/v2/roles/conf-role/users/conf-bo'), await del(editor, '/v2/roles/conf-role/users/conf-bo')];
    const group = [await put(editor, '/v2/roles/conf-role/groups/conf-south'), await put(editor, '/v2/roles/conf-role/groups/conf-south')];

    // then
    expect({ refused, missing, user, unassigned, group }).toEqual({ refused: [403, 403], missing: [403, 404], user: [204, 409], unassigned: [204, 404], group: [204, 409] });
  });
});

describe('authorization changes (AUTHORIZATION UPDATE / DELETE on *, then the key)', () => {
  it('should answer 403 without the permission whether the key exists or not, then 404 for a missing key, and 204 with no body', async () => {
    // given: an authorization to change, a caller without AUTHORIZATION permissions and one with UPDATE and DELETE
    const created = (await (await engine.fetch('/v2/authorizations', json('POST', { ownerId: 'conf-bo', ownerType: 'USER', resourceType: 'DOCUMENT', resourceId: '*', permissionTypes: ['READ'] }))).json()) as {
      authorizationKey: string;
    };
    const key = created.authorizationKey;
    const missing = String(BigInt(key) + 1_000_000n);
    const outsider = await userWith('conf-auth-outsider', [['DOCUMENT', '*', ['READ']]]);
    const editor = await userWith('conf-auth-editor', [['AUTHORIZATION', '*', ['UPDATE', 'DELETE']]]);
    const change = { ownerId: 'conf-bo', ownerType: 'USER', resourceType: 'DOCUMENT', resourceId: '*', permissionTypes: ['READ', 'CREATE'] };
    const call = (as: typeof editor, method: string, target: string) => answer(engine.fetch(`/v2/authorizations/${target}`, { as, ...(method === 'PUT' ? json('PUT', change) : { method }) }));

    // when
    const refused = [await call(outsider, 'PUT', key), await call(outsider, 'PUT', missing), await call(outsider, 'DELETE', key), await call(outsider, 'DELETE', missing)];
    const notFound = [await call(editor, 'PUT', missing), await call(editor, 'DELETE', missing)];
    const updated = await call(editor, 'PUT', key);
    const deleted = await call(editor, 'DELETE', key);

    // then
    expect(refused.map((got) => got.status)).toEqual([403, 403, 403, 403]);
    expect(notFound.map((got) => got.status)).toEqual([404, 404]);
    expect([updated, deleted]).toEqual([
      { status: 204, body: '' },
      { status: 204, body: '' },
    ]);
  });
});
