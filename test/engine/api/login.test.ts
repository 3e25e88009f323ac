/**
 * Browser logins over real HTTP: POST /login (form or JSON) → the `camunda-session` cookie and the CSRF token,
 * GET /v2/authentication/me, the CSRF rule on state-changing requests, a new session id on every login, logout,
 * sessions that survive a restart and end when idle.
 */
import { Camunda8 } from '@camunda8/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { problemOf } from '../../support/problem-of.js';

let engine: EngineFixture;
/** The wall clock the sessions see (the engine clock is another, pinnable, clock). */
let wallClock = Date.now();

beforeAll(async () => {
  engine = await startEngine({ identity: { sessionIdleMs: 30 * 60_000, sessionMaxMs: 12 * 3_600_000, wallClock: () => wallClock } });
});

afterAll(async () => {
  await engine?.stop();
});

interface Login {
  cookie: string;
  csrf: string;
  setCookie: string;
}

async function login(username = 'zhang-min', password = 'demo', init: { json?: boolean; cookie?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': init.json ? 'application/json' : 'application/x-www-form-urlencoded' };
  if (init.cookie) headers.cookie = init.cookie;
  const body = init.json ? JSON.stringify({ username, password }) : new URLSearchParams({ username, password }).toString();
  return fetch(`${engine.url}/login`, { method: 'POST', headers, body });
}

async function loggedIn(username?: string, password?: string): Promise<Login> {
  const response = await login(username, password);
  expect(response.status).toBe(204);
  const setCookie = response.headers.getSetCookie()[0] ?? '';
  return { cookie: setCookie.split(';')[0]!, csrf: response.headers.get('x-csrf-token') ?? '', setCookie };
}

const withSession = (session: Login, init: RequestInit & { csrf?: boolean } = {}) => {
  const headers = new Headers(init.headers);
  headers.set('cookie', session.cookie);
  if (init.csrf) headers.set('x-csrf-token', session.csrf);
  return { ...init, headers };
};

describe('POST /login', () => {
  it('should answer 204 with an HttpOnly, SameSite=Lax session cookie, a device cookie and the CSRF token', async () => {
    // when
    const response = await login();

    // then
    expect(response.status).toBe(204);
    const setCookie = response.headers.getSetCookie();
    expect(setCookie).toHaveLength(2);
    expect(setCookie[0]).toMatch(/^camunda-session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Lax$/);
    // and the browser's device cookie for the login throttle (test/engine/identity/device-cookies.test.ts)
    expect(setCookie[1]).toMatch(/^camunda-device-[A-Za-z0-9_-]{16}=v1\.[^;]+; Max-Age=7776000; Path=\/login; [^;]+; HttpOnly; SameSite=Strict$/);
    expect(response.headers.get('x-csrf-token')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('should accept the credentials as JSON as well', async () => {
    // when
    const response = await login('ma-xiaoyun', 'demo', { json: true });

    // then
    expect(response.status).toBe(204);
  });

  it('should answer a wrong password or an unknown user with 401 用户名或密码错误 and set no cookie', async () => {
    // when
    const wrongPassword = await login('zhang-min', 'not-her-password');
    const unknownUser = await login('nobody', 'demo');

    // then
    for (const response of [wrongPassword, unknownUser]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(await response.json()).toMatchObject({ status: 401, detail: '用户名或密码错误', instance: '/login' });
    }
  });

  it('should answer 400 in Chinese when a field is missing', async () => {
    // when
    const response = await fetch(`${engine.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=zhang-min' });

    // then
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toContain('请输入密码');
  });

  it('should give a new session id on every login and end the session the request came with (no fixation)', async () => {
    // given
    const first = await loggedIn();

    // when
    const again = await login('zhang-min', 'demo', { cookie: first.cookie });
    const second = again.headers.getSetCookie()[0]!.split(';')[0]!;

    // then
    expect(second).not.toBe(first.cookie);
    expect((await fetch(`${engine.url}/v2/authentication/me`, withSession(first))).status).toBe(401);
    expect((await fetch(`${engine.url}/v2/authentication/me`, withSession({ ...first, cookie: second }))).status).toBe(200);
  });
});

describe('GET /v2/authentication/me', () => {
  it("should answer the user in Camunda 8.8's shape, with the group ids of the models and the CSRF token", async () => {
    // given
    const session = await loggedIn();

    // when
    const response = await fetch(`${engine.url}/v2/authentication/me`, withSession(session));

    // then
    expect(response.status).toBe(200);
    expect(response.headers.get('x-csrf-token')).toBe(session.csrf);
    expect(await response.json()).toEqual({
      username: 'zhang-min',
      displayName: '张敏',
      email: '',
      authorizedComponents: ['tasklist'],
      tenants: [],
      groups: ['window-clerk', 'window-first-review'],
      roles: ['clerk'],
      salesPlanType: null,
      c8Links: {},
      canLogout: true,
      apiUser: false,
    });
  });

  it('should answer HTTP Basic callers too, without a CSRF token', async () => {
    // when
    const response = await engine.fetch('/v2/authentication/me');

    // then
    expect(response.headers.get('x-csrf-token')).toBeNull();
    expect(await response.json()).toMatchObject({ username: 'demo', authorizedComponents: ['*'], roles: ['admin'], canLogout: false, apiUser: true });
  });

  it('should answer 401 without credentials and with a wrong Basic password', async () => {
    // when
    const anonymous = await fetch(`${engine.url}/v2/authentication/me`);
    const wrong = await engine.fetch('/v2/authentication/me', { as: { username: 'demo', password: 'wrong' } });

    // then
    expect(anonymous.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic realm="camunda"/);
    expect(((await wrong.json()) as { detail: string }).detail).toBe('用户名或密码错误');
  });
});

describe("the SDK's authentication strategies", () => {
  const client = (config: Record<string, string>) =>
    new Camunda8({ ZEEBE_REST_ADDRESS: engine.url, CAMUNDA_LOG_LEVEL: 'none', ...config } as never).getCamundaRestClient();

  it('should serve CAMUNDA_AUTH_STRATEGY=BASIC with CAMUNDA_BASIC_AUTH_USERNAME / PASSWORD', async () => {
    // given
    const basic = client({ CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: 'han-jun', CAMUNDA_BASIC_AUTH_PASSWORD: 'demo' });

    // when
    const topology = await basic.getTopology();
    const tasks = await basic.searchUserTasks({ filter: {} });

    // then
    expect(topology.clusterSize).toBe(1);
    expect(tasks.items).toEqual([]);
  });

  it('should answer 401 to a client without credentials (NONE) and to a wrong password', async () => {
    // when
    const none = await problemOf(client({ CAMUNDA_AUTH_STRATEGY: 'NONE' }).getTopology());
    const wrong = await problemOf(client({ CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME: 'han-jun', CAMUNDA_BASIC_AUTH_PASSWORD: 'nope' }).getTopology());

    // then
    expect(none.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(wrong.body.detail).toBe('用户名或密码错误');
  });
});

describe('CSRF on session requests', () => {
  it('should refuse a state-changing request of a session without X-CSRF-TOKEN (403) and accept it with the token', async () => {
    // given
    const session = await loggedIn();
    const search = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };

    // when
    const without = await fetch(`${engine.url}/v2/user-tasks/search`, withSession(session, search));
    const wrongToken = await fetch(`${engine.url}/v2/user-tasks/search`, withSession(session, { ...search, headers: { ...search.headers, 'x-csrf-token': 'forged' } }));
    const withToken = await fetch(`${engine.url}/v2/user-tasks/search`, withSession(session, { ...search, csrf: true }));

    // then
    expect(without.status).toBe(403);
    expect(((await without.json()) as { detail: string }).detail).toContain('X-CSRF-TOKEN');
    expect(wrongToken.status).toBe(403);
    expect(withToken.status).toBe(200);
  });

  it('should not ask for the token on GET, nor on HTTP Basic requests', async () => {
    // given
    const session = await loggedIn();

    // when
    const get = await fetch(`${engine.url}/v2/topology`, withSession(session));
    const basicPost = await engine.fetch('/v2/user-tasks/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

    // then
    expect(get.status).toBe(200);
    expect(basicPost.status).toBe(200);
  });
});

describe('POST /logout and the life of a session', () => {
  it('should end the session and clear the cookie', async () => {
    // given
    const session = await loggedIn();

    // when
    const response = await fetch(`${engine.url}/logout`, withSession(session, { method: 'POST' }));

    // then
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie()[0]).toMatch(/^camunda-session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax$/);
    expect((await fetch(`${engine.url}/v2/authentication/me`, withSession(session))).status).toBe(401);
  });

  it('should end a session idle longer than the idle time, and keep one that is used', async () => {
    // given
    const used = await loggedIn();
    const idle = await loggedIn('li-jing');

    // when: 20 minutes pass, only `used` is used, then 20 more
    wallClock += 20 * 60_000;
    const meanwhile = await fetch(`${engine.url}/v2/authentication/me`, withSession(used));
    wallClock += 20 * 60_000;

    // then
    expect(meanwhile.status).toBe(200);
    expect((await fetch(`${engine.url}/v2/authentication/me`, withSession(used))).status).toBe(200);
    expect((await fetch(`${engine.url}/v2/authentication/me`, withSession(idle))).status).toBe(401);
  });

  it('should end a session 12 hours after the login however busy it is', async () => {
    // given
    const session = await loggedIn();

    // when
    for (let i = 0; i < 25; i++) {
      wallClock += 29 * 60_000;
      await fetch(`${engine.url}/v2/topology`, withSession(session));
    }

    // then
    expect((await fetch(`${engine.url}/v2/authentication/me`, withSession(session))).status).toBe(401);
  });
});

describe('sessions across a restart', () => {
  it('should keep a session when the engine restarts on the same data directory', async () => {
    // given
    const first = await startEngine();
    const response = await fetch(`${first.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'wang-lei', password: 'demo' }) });
    const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
    await first.stop({ keepData: true });

    // when
    const second = await startEngine({ dataDir: first.dataDir });
    try {
      const me = await fetch(`${second.url}/v2/authentication/me`, { headers: { cookie } });

      // then
      expect(me.status).toBe(200);
      expect(((await me.json()) as { username: string }).username).toBe('wang-lei');
    } finally {
      await second.stop();
    }
  });
});

describe('behind a TLS-terminating proxy', () => {
  it('should mark the cookie Secure when a trusted proxy forwards HTTPS, and ignore the header from anyone else', async () => {
    // given: one engine trusting a proxy on loopback, the shared one trusting none
    const proxied = await startEngine({ engine: { trustProxy: 'loopback' } });
    try {
      const forwardedLogin = (url: string) =>
        fetch(`${url}/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body: JSON.stringify({ username: 'zhang-min', password: 'demo' }) });

      // when
      const trusted = await forwardedLogin(proxied.url);
      const untrusted = await forwardedLogin(engine.url);

      // then
      expect(trusted.status).toBe(204);
      expect(trusted.headers.getSetCookie()[0]).toMatch(/; Secure/i);
      expect(untrusted.status).toBe(204);
      expect(untrusted.headers.getSetCookie()[0]).not.toMatch(/Secure/i);
    } finally {
      await proxied.stop();
    }
  });
});
