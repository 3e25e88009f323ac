/**
 * The web layer's own login throttle (web-shared/server/client-login-throttle.ts) on a server without the forwarder
 * secret, as `npm run web` runs in front of a cluster: the cluster sees every Basic check of the apps' own routes
 * from the web server's address, so the web layer counts wrong passwords per client address itself. Real HTTP: the
 * web server as `npm run web` starts it, a stand-in cluster whose /v2/authentication/me knows one password and
 * counts what it is asked, clients on loopback addresses of their own (127.0.0.2, 127.0.0.3); the throttle's clock
 * is pinned.
 */
import express from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addressKey } from '../../../web-shared/server/client-login-throttle.js';
import { startWebServer, type WebServer } from '../../../web-shared/server/start-web-server.js';
import { webApps } from '../../../web-shared/server/web-apps-index.js';
import { basicAuth } from '../../support/engine-fixture.js';

const RIGHT = { username: 'li-jing', password: 'the-right-password' };
/** The other client's own account: the answers of /me are cached per credential, so it must not share li-jing's. */
const OTHERS = { username: 'wang-lei', password: 'another-right-password' };
const SESSION = 'camunda-session=a-valid-session';
const OFFENDER = '127.0.0.2';
const OTHER = '127.0.0.3';

let cluster: Server;
let web: WebServer;
let dataDir: string;
let wallClock = Date.parse('2026-12-07T01:00:00Z');
let asked = 0;
/** /me requests for a `held-*` username, answered 401 only when the test lets them go (a slow cluster, without sleeping). */
const held: (() => void)[] = [];
/** The X-Forwarded-For of each /me request, in order. */
const forwardedFor: (string | undefined)[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'web-login-throttle-'));
  const app = express();
  app.get('/v2/authentication/me', (req, res) => {
    asked += 1;
    forwardedFor.push(req.headers['x-forwarded-for'] as string | undefined);
    const basicUser = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':')[0] ?? '';
    if (basicUser.startsWith('held-')) return void held.push(() => res.status(401).end());
    const username = req.headers.authorization === basicAuth(OTHERS) ? OTHERS.username : RIGHT.username;
    if (![basicAuth(RIGHT), basicAuth(OTHERS)].includes(req.headers.authorization ?? '') && req.headers.cookie !== SESSION) return void res.status(401).end();
    res.json({ username, displayName: '李静', authorizedComponents: ['*'], tenants: [], groups: [], roles: [], canLogout: true });
  });
  cluster = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => cluster.once('listening', resolve));
  const clusterUrl = `http://127.0.0.1:${(cluster.address() as AddressInfo).port}`;
  web = await startWebServer({ clusterUrl, port: 0, host: '127.0.0.1', apps: webApps({ dataDir }), wallClock: () => wallClock });
});

afterAll(async () => {
  await web?.stop();
  await new Promise((resolve) => cluster?.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

/** GET /tasklist/api/views from `from` (a loopback address of this machine) with `headers`. */
function views(from: string, headers: Record<string, string>): Promise<{ status: number; retryAfter?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL('/tasklist/api/views', web.url), { localAddress: from, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const basic = (username: string, password: string) => ({ authorization: basicAuth({ username, password }) });

describe('the web layer\'s login throttle without a forwarder secret (npm run web)', () => {
  it('should refuse a client address after 50 wrong Basic passwords without asking the cluster, until 10 minutes have passed, and no other client', async () => {
    // given: one client tries 50 usernames through the task list's API
    for (let i = 0; i < 50; i++) expect((await views(OFFENDER, basic(`guessed-user-${i}`, 'guess'))).status).toBe(401);
    const askedBefore = asked;

    // when: four minutes later, that client with the right password; another client; the first with a session
    wallClock += 240_000;
    const offender = await views(OFFENDER, basic(RIGHT.username, RIGHT.password));
    const askedForOffender = asked - askedBefore;
    const other = await views(OTHER, basic(OTHERS.username, OTHERS.password));
    const session = await views(OFFENDER, { cookie: SESSION });

    // then: the offender is refused here, in Chinese, for the rest of the 10 minutes; the cluster was not asked
    expect(offender.status).toBe(429);
    expect(offender.retryAfter).toBe('360');
    expect(JSON.parse(offender.body)).toMatchObject({ status: 429, detail: '此地址登录失败次数过多，请 10 分钟后再试' });
    expect(askedForOffender).toBe(0);
    // another client, and the offender's own session (it checks no password), go on
    expect(other.status).toBe(200);
    expect(session.status).toBe(200);

    // and: a second before the window passes still refused (1 s), then the right password is checked and works again
    wallClock += 359_000;
    expect(await views(OFFENDER, basic(RIGHT.username, 'another-guess'))).toMatchObject({ status: 429, retryAfter: '1' });
    wallClock += 1_000;
    const askedBeforeLast = asked;
    expect((await views(OFFENDER, basic(RIGHT.username, RIGHT.password))).status).toBe(200);
    expect(asked).toBe(askedBeforeLast + 1);
  }, 60_000);

  it('should send on at most 50 of the guesses one client sends all at once while the cluster has not answered', async () => {
    // given: a client of its own, and a cluster that answers none of these checks until told
    const from = '127.0.0.4';
    const askedBefore = asked;

    // when: 150 wrong passwords at once
    const answers = Array.from({ length: 150 }, (_, i) => views(from, basic(`held-${i}`, 'guess')));
    let refused = 0;
    for (const answer of answers) void answer.then(({ status }) => status === 429 && (refused += 1));
    await vi.waitFor(() => expect(held.length + refused).toBe(150), { timeout: 30_000 });
    const reachedCluster = asked - askedBefore;
    for (const answer of held.splice(0)) answer();
    const statuses = (await Promise.all(answers)).map(({ status }) => status);

    // then: only the limit's number reached the cluster; the rest were refused here, to be tried again in 1 s
    expect(reachedCluster).toBe(50);
    expect(statuses.filter((status) => status === 401)).toHaveLength(50);
    expect(statuses.filter((status) => status === 429)).toHaveLength(100);
    // and: the 50 that failed now lock the address for the window
    expect(await views(from, basic('someone-else', 'guess'))).toMatchObject({ status: 429, retryAfter: '600' });
  }, 60_000);
});

describe('the client\'s address sent to the cluster', () => {
  it('should name the client in X-Forwarded-For on a Basic check, and no one on a session check', async () => {
    // when
    const byBasic = await views('127.0.0.5', basic('forwarded-for-check', 'guess'));
    const basicForwardedFor = forwardedFor.at(-1);
    const bySession = await views('127.0.0.5', { cookie: 'camunda-session=not-a-session' });

    // then: for a cluster that trusts this server as a proxy
    expect([byBasic.status, bySession.status]).toEqual([401, 401]);
    expect(basicForwardedFor).toBe('127.0.0.5');
    expect(forwardedFor.at(-1)).toBeUndefined();
  });
});

describe('the address a client is counted under', () => {
  it('should count an IPv6 client by its /64 and an IPv4-mapped one as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'));
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
    expect(addressKey('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(addressKey('203.0.113.5')).toBe('203.0.113.5');
  });
});
