/**
 * Device cookies (engine/identity/device-cookies.ts, OWASP's "Slowing down online guessing attacks with device
 * cookies") over real HTTP on a real SQLite file: a browser that logged in as a user is judged, on her next login, by
 * its own failures only, so an office address locked by others or a username locked by an attacker still lets her
 * in; a forged cookie, or one of another user, earns nothing; a new password, or the user deleted (and made again),
 * voids every cookie issued before; a cookie with 10 failures is itself locked; a restart keeps the cookies valid
 * (the key is in the engine's file), and deleting the key's row while the engine is stopped voids them all. Clients come through a trusted proxy on
 * loopback, which names their addresses in X-Forwarded-For.
 */
import { hash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../engine/store/database.js';
import { basicAuth, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

const running: EngineFixture[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const engine of running.splice(0)) await engine.stop({ keepData: true });
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

let wallClock = Date.now();

/** The office's NAT address, which everyone's failures lock in these tests. */
const OFFICE = '203.0.113.5';

async function engineOn(dataDir: string): Promise<EngineFixture> {
  const engine = await startEngine({ dataDir, engine: { trustProxy: 'loopback' }, identity: { wallClock: () => wallClock } });
  running.push(engine);
  return engine;
}

async function freshEngine(): Promise<EngineFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'engine-device-cookies-'));
  folders.push(dataDir);
  return engineOn(dataDir);
}

function login(engine: EngineFixture, username: string, password: string, options: { from?: string; cookie?: string; proto?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-forwarded-for': options.from ?? OFFICE };
  if (options.cookie !== undefined) headers.cookie = options.cookie;
  if (options.proto !== undefined) headers['x-forwarded-proto'] = options.proto;
  return fetch(`${engine.url}/login`, { method: 'POST', headers, body: JSON.stringify({ username, password }) });
}

/** The device cookie a successful login set, as a browser sends it back (`name=value`), and its attributes. */
function deviceCookieOf(response: Response): { cookie: string; name: string; value: string; setCookie: string } {
  const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('camunda-device-'));
  if (!setCookie) throw new Error(`no device cookie in ${response.headers.getSetCookie().join(' | ')}`);
  const cookie = setCookie.split(';')[0]!;
  const eq = cookie.indexOf('=');
  return { cookie, name: cookie.slice(0, eq), value: cookie.slice(eq + 1), setCookie };
}

/** A browser of `username`'s: logs in once (from another address) and keeps the device cookie it got. */
async function browserOf(engine: EngineFixture, username: string): Promise<ReturnType<typeof deviceCookieOf>> {
  const first = await login(engine, username, 'demo', { from: '198.51.100.30' });
  expect(first.status).toBe(204);
  return deviceCookieOf(first);
}

/** 50 wrong passwords for 50 usernames from the office: its address is locked for everyone without a device cookie. */
async function lockOffice(engine: EngineFixture): Promise<void> {
  for (let i = 0; i < 50; i++) expect((await login(engine, `colleague-typo-${i}`, 'wrong')).status).toBe(401);
  expect((await login(engine, 'zhao-hui', 'demo')).status).toBe(429);
}

/** An administrator's call (HTTP Basic, demo) on the engine's user API. */
function admin(engine: EngineFixture, method: string, path: string, body?: unknown) {
  return fetch(`${engine.url}/v2/users${path}`, {
    method,
    headers: { authorization: basicAuth(), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function detailOf(response: Response): Promise<string> {
  return ((await response.json()) as { detail: string }).detail;
}

describe('device cookies', () => {
  it('should set a signed, HttpOnly, SameSite=Strict cookie for the user on /login, Secure when the login came over HTTPS', async () => {
    // given
    wallClock = Date.now();
    const engine = await freshEngine();

    // when
    const plain = deviceCookieOf(await login(engine, 'zhang-min', 'demo'));
    const overTls = deviceCookieOf(await login(engine, 'zhang-min', 'demo', { proto: 'https' }));
    const other = deviceCookieOf(await login(engine, 'li-jing', 'demo'));

    // then: sent back only to /login, kept for 90 days, named per user (two clerks on one browser keep theirs)
    expect(plain.setCookie).toMatch(/^camunda-device-[A-Za-z0-9_-]{16}=v1\.[A-Za-z0-9_-]{22}\.[0-9]+\.[A-Za-z0-9_-]{43}; Max-Age=7776000; Path=\/login; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    expect(overTls.setCookie).toMatch(/; Secure; SameSite=Strict$/);
    expect(other.name).not.toBe(plain.name);
    expect(overTls.name).toBe(plain.name);
    // and: neither the value nor the name gives the username away (the name is keyed, not a plain digest of it)
    for (const value of [plain.value, plain.name]) expect(value).not.toMatch(/zhang|min|emhhbmctbWlu/);
    expect(plain.name).not.toBe(`camunda-device-${hash('sha256', 'zhang-min', 'base64url').slice(0, 16)}`);
    // and: a failed login sets none
    expect((await login(engine, 'zhang-min', 'wrong')).headers.getSetCookie()).toEqual([]);
  });

  it('should let a user in with her device cookie from an office address others have locked, and not without it', async () => {
    // given
    wallClock = Date.now();
    const engine = await freshEngine();
    const hers = await browserOf(engine, 'zhang-min');
    await lockOffice(engine);

    // when
    const withCookie = await login(engine, 'zhang-min', 'demo', { cookie: hers.cookie });
    const withoutCookie = await login(engine, 'zhang-min', 'demo');

    // then
    expect(withCookie.status).toBe(204);
    expect(withCookie.headers.getSetCookie()[0]).toMatch(/^camunda-session=/);
    expect(withoutCookie.status).toBe(429);
    expect(await detailOf(withoutCookie)).toBe('此地址登录失败次数过多，请 10 分钟后再试');
    // and: HTTP Basic on /v2 (workers, the SDK) is counted as before, the cookie notwithstanding
    const basic = await fetch(`${engine.url}/v2/authentication/me`, {
      headers: { authorization: basicAuth({ username: 'zhang-min', password: 'demo' }), cookie: hers.cookie, 'x-forwarded-for': OFFICE },
    });
    expect(basic.status).toBe(429);
  }, 60_000);

  // her login while his guesses are still being checked: login-throttle's unit test (identity-store.login-failures)
  it('should let a user in with her device cookie after an attacker’s guesses locked her username', async () => {
    // given
    wallClock = Date.now();
    const engine = await freshEngine();
    const hers = await browserOf(engine, 'zhang-min');

    // when: 10 guesses for her username, from elsewhere, then her login with her cookie
    const checked = await Promise.all(Array.from({ length: 10 }, (_, i) => login(engine, 'zhang-min', `guess-${i}`, { from: `192.0.2.${100 + i}` })));
    const during = await login(engine, 'zhang-min', 'demo', { cookie: hers.cookie });

    // then: the guesses failed; she is in (without the cookie the lock would refuse her)
    expect(checked.map((answer) => answer.status)).toEqual(Array(10).fill(401));
    expect(during.status).toBe(204);
    // and: her username is locked for browsers without her cookie; her login did not reset that count
    const without = await login(engine, 'zhang-min', 'demo', { from: '198.51.100.30' });
    expect(without.status).toBe(429);
    expect(await detailOf(without)).toBe('登录失败次数过多，请 10 分钟后再试');
    expect((await login(engine, 'zhang-min', 'more', { from: '192.0.2.200' })).status).toBe(429);
    // and: the cookie her last login set lets her in again
    expect((await login(engine, 'zhang-min', 'demo', { cookie: deviceCookieOf(during).cookie })).status).toBe(204);
  }, 60_000);

  it('should give no exemption to a forged cookie, another user’s cookie, or one older than 90 days', async () => {
    // given
    wallClock = Date.now();
    const engine = await freshEngine();
    const hers = await browserOf(engine, 'zhang-min');
    const his = await browserOf(engine, 'wang-lei');
    await lockOffice(engine);
    const [version, device, issued, mac] = hers.value.split('.') as [string, string, string, string];
    const flippedMac = `${hers.value.slice(0, -1)}${hers.value.endsWith('A') ? 'B' : 'A'}`;
    const later = `${version}.${device}.${Number(issued) + 1}.${mac}`;

    // when: each presented for a login that would otherwise be refused
    const attempts = {
      // his cookie, under her cookie name and under his own, for her login
      foreignUnderHerName: await login(engine, 'zhang-min', 'demo', { cookie: `${hers.name}=${his.value}` }),
      foreignUnderHisName: await login(engine, 'zhang-min', 'demo', { cookie: his.cookie }),
      // her cookie's value for li-jing's login, under li-jing's cookie name (the MAC covers the username typed)
      hersForLiJing: await login(engine, 'li-jing', 'demo', { cookie: `${deviceCookieOf(await login(engine, 'li-jing', 'demo', { from: '198.51.100.31' })).name}=${hers.value}` }),
      alteredMac: await login(engine, 'zhang-min', 'demo', { cookie: `${hers.name}=${flippedMac}` }),
      alteredTime: await login(engine, 'zhang-min', 'demo', { cookie: `${hers.name}=${later}` }),
      made: await login(engine, 'zhang-min', 'demo', { cookie: `${hers.name}=v1.AAAAAAAAAAAAAAAAAAAAAA.${wallClock}.x` }),
    };

    // then
    for (const [name, answer] of Object.entries(attempts)) expect({ name, status: answer.status }).toEqual({ name, status: 429 });
    // and: hers, as issued, still works; 90 days on it no longer does
    expect((await login(engine, 'zhang-min', 'demo', { cookie: hers.cookie })).status).toBe(204);
    wallClock += 90 * 24 * 3_600_000;
    await lockOffice(engine);
    expect((await login(engine, 'zhang-min', 'demo', { cookie: hers.cookie })).status).toBe(429);
  }, 60_000);

  it('should void every device cookie of a user when her password changes, also the ones someone who knew the old one minted', async () => {
    // given: her browser's cookie, and 3 more minted by someone who knew her password, all valid from a locked office
    wallClock = Date.now();
    const engine = await freshEngine();
    const hers = await browserOf(engine, 'zhang-min');
    const minted = [await browserOf(engine, 'zhang-min'), await browserOf(engine, 'zhang-min'), await browserOf(engine, 'zhang-min')];
    const his = await browserOf(engine, 'wang-lei');
    await lockOffice(engine);
    expect((await login(engine, 'zhang-min', 'demo', { cookie: minted[0]!.cookie })).status).toBe(204);

    // when: an administrator gives her a new password
    const password = 'Neu-红豆-2026-q9';
    expect((await admin(engine, 'PUT', '/zhang-min', { password })).status).toBeLessThan(300);

    // then: none of her old cookies exempts a login from the locked office any more, with the new password or the old
    for (const old of [hers, ...minted]) {
      expect((await login(engine, 'zhang-min', password, { cookie: old.cookie })).status).toBe(429);
      expect((await login(engine, 'zhang-min', 'demo', { cookie: old.cookie })).status).toBe(429);
    }
    // and: another user's cookie is untouched; a login with the new password elsewhere issues one that works again
    expect((await login(engine, 'wang-lei', 'demo', { cookie: his.cookie })).status).toBe(204);
    const fresh = await login(engine, 'zhang-min', password, { from: '198.51.100.30' });
    expect(fresh.status).toBe(204);
    expect((await login(engine, 'zhang-min', password, { cookie: deviceCookieOf(fresh).cookie })).status).toBe(204);
  }, 60_000);

  it('should give a deleted user’s cookie no exemption, nor to a new user made under the same name and password', async () => {
    // given: her browser's cookie, from a locked office
    wallClock = Date.now();
    const engine = await freshEngine();
    const password = 'Neu-红豆-2026-q9';
    expect((await admin(engine, 'PUT', '/zhang-min', { password })).status).toBeLessThan(300);
    const first = await login(engine, 'zhang-min', password, { from: '198.51.100.30' });
    expect(first.status).toBe(204);
    const hers = deviceCookieOf(first);
    await lockOffice(engine);

    // when: she is deleted
    expect((await admin(engine, 'DELETE', '/zhang-min')).status).toBeLessThan(300);
    const deleted = await login(engine, 'zhang-min', password, { cookie: hers.cookie });
    // and: a user of the same name is made with the same password
    expect((await admin(engine, 'POST', '', { username: 'zhang-min', password, name: '张敏' })).status).toBe(201);
    const remade = await login(engine, 'zhang-min', password, { cookie: hers.cookie });

    // then: neither login is exempt from the office's lock-out
    expect(deleted.status).toBe(429);
    expect(remade.status).toBe(429);
    // and: the new user's own browser gets a cookie that is
    const own = await login(engine, 'zhang-min', password, { from: '198.51.100.30' });
    expect(own.status).toBe(204);
    expect((await login(engine, 'zhang-min', password, { cookie: deviceCookieOf(own).cookie })).status).toBe(204);
  }, 60_000);

  it('should lock a device cookie after 10 wrong passwords with it, without counting them against the address or the username', async () => {
    // given
    wallClock = Date.now();
    const engine = await freshEngine();
    const hers = await browserOf(engine, 'zhang-min');

    // when: 10 wrong passwords sent with her cookie (someone at her desk), 10 s apart
    const first = wallClock;
    for (let i = 0; i < 10; i++) {
      expect((await login(engine, 'zhang-min', `typo-${i}`, { cookie: hers.cookie })).status).toBe(401);
      wallClock += 10_000;
    }
    const right = await login(engine, 'zhang-min', 'demo', { cookie: hers.cookie });

    // then: the cookie is refused, the right password too, until its first failure is 10 minutes old
    expect(right.status).toBe(429);
    expect(await detailOf(right)).toBe('此设备登录失败次数过多，请 10 分钟后再试');
    expect(right.headers.get('retry-after')).toBe('500');
    // and: without the cookie, neither her username nor the office address holds those failures
    expect((await login(engine, 'zhang-min', 'demo')).status).toBe(204);
    // and: the locked cookie is let in again once the window has passed
    wallClock = first + 10 * 60_000;
    expect((await login(engine, 'zhang-min', 'demo', { cookie: hers.cookie })).status).toBe(204);
  }, 60_000);

  it('should keep a device cookie valid, and its failures counted, across a restart on the same file', async () => {
    // given
    wallClock = Date.now();
    let engine = await freshEngine();
    const hers = await browserOf(engine, 'zhang-min');
    const his = await browserOf(engine, 'wang-lei');
    for (let i = 0; i < 10; i++) expect((await login(engine, 'wang-lei', `typo-${i}`, { cookie: his.cookie })).status).toBe(401);
    await lockOffice(engine);

    // when
    running.splice(running.indexOf(engine), 1);
    await engine.stop({ keepData: true });
    engine = await engineOn(engine.dataDir);

    // then
    expect((await login(engine, 'zhang-min', 'demo', { cookie: hers.cookie })).status).toBe(204);
    const locked = await login(engine, 'wang-lei', 'demo', { cookie: his.cookie });
    expect(locked.status).toBe(429);
    expect(await detailOf(locked)).toBe('此设备登录失败次数过多，请 10 分钟后再试');
  }, 60_000);

  it('should void every device cookie when the key’s meta row is deleted while the engine is stopped', async () => {
    // given: her cookie, and the office locked
    wallClock = Date.now();
    let engine = await freshEngine();
    const hers = await browserOf(engine, 'zhang-min');
    await lockOffice(engine);

    // when: the operator stops the engine, deletes the row (docs/security.md) and starts it again
    running.splice(running.indexOf(engine), 1);
    await engine.stop({ keepData: true });
    const db = openDatabase({ dataDir: engine.dataDir, synchronous: 'NORMAL' });
    expect(db.prepare(`DELETE FROM meta WHERE name = 'deviceCookieKey'`).run().changes).toBe(1);
    db.close();
    engine = await engineOn(engine.dataDir);

    // then: her cookie no longer exempts her from the office's lock-out; a new login elsewhere gets one that does
    expect((await login(engine, 'zhang-min', 'demo', { cookie: hers.cookie })).status).toBe(429);
    const fresh = deviceCookieOf(await login(engine, 'zhang-min', 'demo', { from: '198.51.100.30' }));
    expect(fresh.name).not.toBe(hers.name);
    expect((await login(engine, 'zhang-min', 'demo', { cookie: fresh.cookie })).status).toBe(204);
  }, 60_000);
});
