/**
 * The first start: on a loopback address `demo` / `demo` and the demo users of config/users.json; on an address
 * other machines reach, one `admin` with a generated password and no demo password anywhere. Later starts add
 * only what config/ gained since and change nothing an admin did.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStopped } from '../../../engine/store/sqlite-file.js';
import { startEngine, type EngineFixture } from '../../support/engine-fixture.js';

const running: EngineFixture[] = [];

afterEach(async () => {
  for (const engine of running.splice(0)) await engine.stop();
});

async function started(options: Parameters<typeof startEngine>[0]): Promise<EngineFixture> {
  const engine = await startEngine(options);
  running.push(engine);
  return engine;
}

const demoUsers = (JSON.parse(readFileSync('config/users.json', 'utf8')) as { users: { id: string; groups: string[] }[] }).users;

describe('first start on a loopback address', () => {
  it('should seed demo / demo as admin and every demo user of config/users.json in their groups', async () => {
    // given
    const engine = await started({});

    // when
    const { items } = await engine.client.searchUsers({ filter: {}, page: { from: 0, limit: 100 } });
    const members = await engine.fetch('/v2/groups/window-second-review/users/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

    // then
    expect(engine.server.engine.firstStart).toEqual({ usernames: ['demo', ...demoUsers.map((u) => u.id)] });
    expect(items.map((u) => u.username).sort()).toEqual(['demo', ...demoUsers.map((u) => u.id)].sort());
    expect(((await members.json()) as { items: { username: string }[] }).items.map((m) => m.username)).toEqual(
      demoUsers.filter((u) => u.groups.includes('window-second-review')).map((u) => u.id).sort(),
    );
  });

  it('should seed nothing on a later start', async () => {
    // given
    const first = await started({});
    await first.client.createUser({ username: 'later', password: 'later-secret', name: '', email: '' });
    await first.stop({ keepData: true });
    running.splice(running.indexOf(first), 1);

    // when
    const second = await started({ dataDir: first.dataDir });

    // then
    expect(second.server.engine.firstStart).toBeUndefined();
    expect(second.server.engine.configAdditions).toEqual({ groups: [], roles: [], authorizations: 0 });
    expect((await second.fetch('/v2/users/later')).status).toBe(200);
  });

  it('should add on a later start what an update added to config/, and leave what an admin changed as it is', async () => {
    // given a running office whose admin renamed a role and took a permission away
    const configDir = mkdtempSync(join(tmpdir(), 'identity-config-'));
    cpSync('config', configDir, { recursive: true });
    const configUrl = pathToFileURL(`${configDir}/`);
    const first = await started({ identity: { loopback: true, configDir: configUrl } });
    const json = { 'content-type': 'application/json' };
    expect((await first.fetch('/v2/roles/manager', { method: 'PUT', headers: json, body: JSON.stringify({ name: '科长（已改名）', description: '' }) })).status).toBe(200);
    const granted = await first.fetch('/v2/authorizations/search', { method: 'POST', headers: json, body: JSON.stringify({ filter: { ownerId: 'manager' } }) });
    const managerGrants = ((await granted.json()) as { items: { authorizationKey: string }[] }).items;
    expect(managerGrants.length).toBeGreaterThan(0);
    expect((await first.fetch(`/v2/authorizations/${managerGrants[0]!.authorizationKey}`, { method: 'DELETE' })).status).toBe(204);
    await first.stop({ keepData: true });
    running.splice(running.indexOf(first), 1);

    // and an update that adds a post, a role for it and the role's grant
    const roles = JSON.parse(readFileSync(join(configDir, 'roles.json'), 'utf8')) as { roles: object[] };
    roles.roles.push({ id: 'audit-clerk', nameZh: '稽核岗', external: false });
    writeFileSync(join(configDir, 'roles.json'), JSON.stringify(roles));
    const access = JSON.parse(readFileSync(join(configDir, 'authorizations.json'), 'utf8')) as { roles: object[]; authorizations: object[] };
    access.roles.push({ roleId: 'auditor', name: '稽核', description: '查看案件', groups: ['audit-clerk'] });
    access.authorizations.push({ ownerType: 'ROLE', ownerId: 'auditor', resourceType: 'PROCESS_DEFINITION', resourceId: '*', permissionTypes: ['READ_PROCESS_INSTANCE'] });
    writeFileSync(join(configDir, 'authorizations.json'), JSON.stringify(access));

    // when
    const second = await started({ dataDir: first.dataDir, identity: { loopback: true, configDir: configUrl } });

    // then only the new post, role and grant were added
    expect(second.server.engine.configAdditions).toEqual({ groups: ['audit-clerk'], roles: ['auditor'], authorizations: 1 });
    expect((await second.fetch('/v2/groups/audit-clerk')).status).toBe(200);
    const auditor = await second.fetch('/v2/roles/auditor');
    expect(((await auditor.json()) as { name: string }).name).toBe('稽核');
    const manager = await second.fetch('/v2/roles/manager');
    expect(((await manager.json()) as { name: string }).name).toBe('科长（已改名）');
    const after = await second.fetch('/v2/authorizations/search', { method: 'POST', headers: json, body: JSON.stringify({ filter: { ownerId: 'manager' } }) });
    expect(((await after.json()) as { items: unknown[] }).items).toHaveLength(managerGrants.length - 1);
    rmSync(configDir, { recursive: true, force: true });
  });
  it("should not give a role added by an update a post the admin deleted as its member", async () => {
    // given an office whose admin deleted the post window-first-review
    const configDir = mkdtempSync(join(tmpdir(), 'identity-config-'));
    cpSync('config', configDir, { recursive: true });
    const configUrl = pathToFileURL(`${configDir}/`);
    const first = await started({ identity: { loopback: true, configDir: configUrl } });
    expect((await first.fetch('/v2/groups/window-first-review', { method: 'DELETE' })).status).toBe(204);
    await first.stop({ keepData: true });
    running.splice(running.indexOf(first), 1);

    // and an update that adds a role for that post and another one
    const access = JSON.parse(readFileSync(join(configDir, 'authorizations.json'), 'utf8')) as { roles: object[] };
    access.roles.push({ roleId: 'reviewer', name: '复核', description: '', groups: ['window-first-review', 'window-clerk'] });
    writeFileSync(join(configDir, 'authorizations.json'), JSON.stringify(access));

    // when
    const second = await started({ dataDir: first.dataDir, identity: { loopback: true, configDir: configUrl } });

    // then the role has the post that still exists, and the deleted one stays deleted
    const json = { 'content-type': 'application/json' };
    const members = await second.fetch('/v2/roles/reviewer/groups/search', { method: 'POST', headers: json, body: '{}' });
    expect(members.status).toBe(200);
    expect(((await members.json()) as { items: { groupId: string }[] }).items.map((item) => item.groupId)).toEqual(['window-clerk']);
    expect((await second.fetch('/v2/groups/window-first-review')).status).toBe(404);
    expect(second.server.engine.configAdditions).toEqual({ groups: [], roles: ['reviewer'], authorizations: 0 });
    rmSync(configDir, { recursive: true, force: true });
  });

  it('should give a data directory seeded before config entries were remembered what config/ has and it lacks, once', async () => {
    // given an office whose identity was seeded by an older version: no record of the entries, one grant missing
    const first = await started({});
    const json = { 'content-type': 'application/json' };
    const granted = await first.fetch('/v2/authorizations/search', { method: 'POST', headers: json, body: JSON.stringify({ filter: { ownerId: 'manager' } }) });
    const managerGrants = ((await granted.json()) as { items: { authorizationKey: string }[] }).items;
    expect((await first.fetch(`/v2/authorizations/${managerGrants[0]!.authorizationKey}`, { method: 'DELETE' })).status).toBe(204);
    await first.stop({ keepData: true });
    running.splice(running.indexOf(first), 1);
    const db = openSqliteStopped(join(first.dataDir, 'engine.sqlite'));
    db.prepare(`DELETE FROM meta WHERE name = 'identityConfigEntries'`).run();
    db.close();

    // when it starts twice with the new version, the grant deleted in between the second time
    const second = await started({ dataDir: first.dataDir });
    const restored = second.server.engine.configAdditions;
    const again = await second.fetch('/v2/authorizations/search', { method: 'POST', headers: json, body: JSON.stringify({ filter: { ownerId: 'manager' } }) });
    const grantsNow = ((await again.json()) as { items: { authorizationKey: string }[] }).items;
    expect((await second.fetch(`/v2/authorizations/${grantsNow[0]!.authorizationKey}`, { method: 'DELETE' })).status).toBe(204);
    await second.stop({ keepData: true });
    running.splice(running.indexOf(second), 1);
    const third = await started({ dataDir: first.dataDir });

    // then the missing grant came back once, and stays deleted after that
    expect(restored).toEqual({ groups: [], roles: [], authorizations: 1 });
    expect(grantsNow).toHaveLength(managerGrants.length);
    expect(third.server.engine.configAdditions).toEqual({ groups: [], roles: [], authorizations: 0 });
  });
});

describe('first start on an open address', () => {
  it('should create only admin, with a generated password, and no demo users', async () => {
    // given
    const engine = await started({ identity: { loopback: false } });
    const password = engine.server.engine.firstStart?.adminPassword;

    // when
    const admin = await engine.fetch('/v2/authentication/me', { as: { username: 'admin', password: password! } });
    const demo = await engine.fetch('/v2/authentication/me');

    // then
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(engine.server.engine.firstStart?.usernames).toEqual(['admin']);
    expect(await admin.json()).toMatchObject({ username: 'admin', roles: ['admin'] });
    expect(demo.status).toBe(401);
  });

  it('should refuse the demo password and short passwords for new users (400, Chinese)', async () => {
    // given
    const engine = await started({ identity: { loopback: false } });
    const as = { username: 'admin', password: engine.server.engine.firstStart!.adminPassword! };
    const create = (password: string) =>
      engine.fetch('/v2/users', { as, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password }) });

    // when
    const demo = await create('demo');
    const short = await create('1234567');
    const fine = await create('a-long-enough-secret');

    // then
    expect(demo.status).toBe(400);
    expect(((await demo.json()) as { detail: string }).detail).toContain('演示密码');
    expect(short.status).toBe(400);
    expect(((await short.json()) as { detail: string }).detail).toContain('至少 8 个字符');
    expect(fine.status).toBe(201);
  });

  it('should refuse demo / demo of a data directory first started on loopback', async () => {
    // given
    const onLoopback = await started({});
    await onLoopback.stop({ keepData: true });
    running.splice(running.indexOf(onLoopback), 1);

    // when
    const opened = await started({ dataDir: onLoopback.dataDir, identity: { loopback: false } });
    const login = await fetch(`${opened.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo', password: 'demo' }) });

    // then
    expect(login.status).toBe(401);
    expect(((await login.json()) as { detail: string }).detail).toContain('演示密码只能在本机地址');
    expect(login.headers.getSetCookie()).toEqual([]);
  });
});
