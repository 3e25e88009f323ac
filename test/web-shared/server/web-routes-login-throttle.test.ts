/**
 * The web apps' own routes check an HTTP Basic header by calling the engine's /v2/authentication/me over loopback;
 * the engine's login throttle must count a wrong password there against the web route's client, not against
 * loopback (web-shared/server/current-user.ts, engine/api/client-address.ts). Real engine, real HTTP, the apps
 * mounted as `npm start` mounts them; clients have addresses of their own through a trusted proxy on loopback
 * (`X-Forwarded-For`, TRUST_PROXY=loopback); the throttle's wall clock is pinned. A client that resets its
 * connection is a raw socket (test/support/reset-client.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestHandler } from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { basicAuth, DEMO_PASSWORD, type EngineFixture } from '../../support/engine-fixture.js';
import { resetClients } from '../../support/reset-client.js';
import { startEngineWithWebApps, type EngineWithWebApps } from '../../support/web-apps-on-engine.js';

const OFFENDER = '203.0.113.5';
const WINDOW_MS = 10 * 60_000;

let wallClock = Date.now();
const running: (EngineWithWebApps & { dataDir: string })[] = [];

afterEach(async () => {
  for (const { stop, dataDir } of running.splice(0)) {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** `inFront`: a handler mounted before the web apps (a reset client's hold). */
async function engineWithWebApps(inFront?: RequestHandler): Promise<EngineFixture> {
  wallClock = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'web-routes-throttle-'));
  const started = await startEngineWithWebApps({ dataDir }, { inFront, engine: { trustProxy: 'loopback' }, identity: { wallClock: () => wallClock } });
  running.push({ ...started, dataDir });
  return started.engine;
}

/** GET /tasklist/api/views with HTTP Basic, from `from` (through the trusted proxy) or from loopback itself. */
function tasklistViews(engine: EngineFixture, username: string, password: string, from?: string, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { authorization: basicAuth({ username, password }), ...extra };
  if (from !== undefined) headers['x-forwarded-for'] = from;
  return fetch(new URL('/tasklist/api/views', engine.url), { headers });
}

/** A Basic header the engine has not verified before: its password check goes through the throttle. */
function meFromLoopback(engine: EngineFixture, username: string, headers: Record<string, string> = {}) {
  return engine.fetch('/v2/authentication/me', { as: { username, password: DEMO_PASSWORD }, headers });
}

describe('the login throttle behind the web apps\' own routes', () => {
  it('should count failures against a proxy\'s client address that is not an IP (ip:port) as it came, never against loopback', async () => {
    // given: a proxy that writes its client with the port; 50 wrong Basic passwords through the task list's API
    const engine = await engineWithWebApps();
    const withPort = `${OFFENDER}:41234`;
    for (let i = 0; i < 50; i++) expect((await tasklistViews(engine, `guessed-user-${i}`, 'guess', withPort)).status).toBe(401);

    // when
    const offender = await tasklistViews(engine, 'zhang-min', DEMO_PASSWORD, withPort);
    const direct = await meFromLoopback(engine, 'han-jun');

    // then: that client is refused, loopback (the workers) is not
    expect(offender.status).toBe(429);
    expect(direct.status).toBe(200);
  });

  it('should count 50 wrong Basic passwords on /tasklist/api against their client, and go on checking loopback Basic and other clients', async () => {
    // given: one client tries 50 usernames through the task list's API (no username reaches its own limit)
    const engine = await engineWithWebApps();
    for (let i = 0; i < 50; i++) expect((await tasklistViews(engine, `guessed-user-${i}`, 'guess', OFFENDER)).status).toBe(401);

    // when: two and a half minutes later
    wallClock += 150_000;
    const offender = await tasklistViews(engine, 'zhang-min', DEMO_PASSWORD, OFFENDER);
    const otherClient = await tasklistViews(engine, 'li-jing', DEMO_PASSWORD, '203.0.113.6');
    const direct = await meFromLoopback(engine, 'han-jun');
    // the job workers' client: the SDK with Basic from loopback, its header new to the engine
    const worker = await engine.client.getTopology();

    // then: the offender is refused in the engine's words, with the engine's Retry-After (the rest of the window:
    // the 50 failures took a moment of real time, the throttle's clock stood still), nobody else is
    expect(offender.status).toBe(429);
    expect(offender.headers.get('retry-after')).toBe('450');
    expect(await offender.json()).toMatchObject({ status: 429, detail: '此地址登录失败次数过多，请 10 分钟后再试' });
    expect(otherClient.status).toBe(200);
    expect(direct.status).toBe(200);
    expect(((await direct.json()) as { username: string }).username).toBe('han-jun');
    expect(worker.brokers.length).toBeGreaterThan(0);

    // and: the offender's own /v2 Basic is refused too (one count per address), until the window has passed
    expect((await meFromLoopback(engine, 'chen-yan', { 'x-forwarded-for': OFFENDER })).status).toBe(429);
    wallClock += WINDOW_MS - 150_000;
    expect((await tasklistViews(engine, 'zhang-min', DEMO_PASSWORD, OFFENDER)).status).toBe(200);
  }, 60_000);

  it('should ignore a client address named without the forwarder secret, and count the failures against the sender', async () => {
    // given: a local process names a new address for every wrong password, with a wrong secret or none
    const engine = await engineWithWebApps();
    for (let i = 0; i < 50; i++) {
      const forged = { 'x-web-client-address': `198.51.100.${i}`, ...(i % 2 === 0 ? { 'x-web-forwarder-secret': 'guessed-secret' } : {}) };
      const response = await engine.fetch('/v2/authentication/me', { as: { username: `guessed-user-${i}`, password: 'guess' }, headers: forged });
      expect(response.status).toBe(401);
    }

    // when
    const sender = await meFromLoopback(engine, 'han-jun', { 'x-web-client-address': '198.51.100.200' });
    // the web apps' routes do not pass on a client's own such header either: they name the address they saw
    const throughWebRoute = await tasklistViews(engine, 'zhang-min', DEMO_PASSWORD, OFFENDER, { 'x-web-client-address': '127.0.0.1' });

    // then: the sender's own address (loopback) carries the 50 failures
    expect(sender.status).toBe(429);
    expect(await sender.json()).toMatchObject({ detail: '此地址登录失败次数过多，请 10 分钟后再试' });
    expect(throughWebRoute.status).toBe(200);
  }, 60_000);

  it('should check no password for a client that reset its connection before the check (its address gone), so loopback Basic goes on', async () => {
    // given: 60 wrong Basic passwords through the task list's API, each from a client (through the proxy) that
    // resets its connection while the request is on its way: the web layer sees no address for it
    const clients = resetClients();
    const engine = await engineWithWebApps(clients.hold);
    const answered: number[] = [];
    const warned: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warned.push(args.map(String).join(' ')));
    for (let i = 0; i < 60; i++) {
      const headers = { authorization: basicAuth({ username: `guessed-user-${i}`, password: 'guess' }), 'x-forwarded-for': OFFENDER };
      answered.push(await clients.getAndReset(engine.url, '/tasklist/api/views', headers));
    }

    // when
    const direct = await meFromLoopback(engine, 'han-jun');
    const worker = await engine.client.getTopology();
    const throughWebRoute = await tasklistViews(engine, 'zhang-min', DEMO_PASSWORD, OFFENDER);

    // then: every one reached the web layer, which refused it without asking the engine (a wrong password asked
    // without an address is a 401 counted against loopback); nobody's count grew
    expect(answered).toEqual(Array.from({ length: 60 }, () => 400));
    // one short line each, as for any client gone before its request was handled (api-problems.ts)
    expect(warned.filter((line) => line === '[web] GET /tasklist/api/views: 客户端已断开连接，请求未处理 (client address gone)')).toHaveLength(60);
    vi.restoreAllMocks();
    expect(direct.status).toBe(200);
    expect(worker.brokers.length).toBeGreaterThan(0);
    expect(throughWebRoute.status).toBe(200);
  }, 60_000);
});
