/**
 * The first start: on a loopback address `demo` / `demo` and the demo users of config/users.json; on an address
 * other machines reach, one `admin` with a generated password and no demo password anywhere. Later starts change
 * nothing.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
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
    expect((await second.fetch('/v2/users/later')).status).toBe(200);
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

describe('password guessing', () => {
  it('should refuse further attempts for a username after 10 wrong passwords (429), even the right one', async () => {
    // given
    const engine = await started({});
    const login = (password: string) =>
      fetch(`${engine.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'chen-yan', password }) });
    for (let i = 0; i < 10; i++) expect((await login(`guess-${i}`)).status).toBe(401);

    // when
    const right = await login('demo');
    const otherUser = await engine.fetch('/v2/authentication/me', { as: { username: 'han-jun', password: 'demo' } });

    // then
    expect(right.status).toBe(429);
    expect(((await right.json()) as { detail: string }).detail).toContain('登录失败次数过多');
    expect(otherUser.status).toBe(200);
  });
});
