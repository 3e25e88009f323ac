/**
 * What web-shared/server/current-user.ts sends to /v2 and passes back: a route's own `X-Web-*` headers never reach
 * /v2 (only this layer names a client address, with the forwarder secret), and a 429 of /v2 keeps its
 * `Retry-After` (a cluster's gateway may send one). Real HTTP servers on loopback: a stand-in for /v2 that records
 * what it was sent, and an app's routes in front of it; a client that resets its connection is a raw socket.
 */
import express, { type Request, type Response } from 'express';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentUserAuth } from '../../../web-shared/server/current-user.js';
import { resetClients } from '../../support/reset-client.js';
import { WEB_APPS } from '../../../web-shared/src/layout/web-apps.js';

const SECRET = 'the-forwarder-secret';

const received: IncomingHttpHeaders[] = [];
const clients = resetClients();
let v2: Server;
let web: Server;
let webUrl: string;

async function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  const v2App = express();
  v2App.get('/v2/authentication/me', (req, res) => {
    received.push(req.headers);
    res.setHeader('Retry-After', '120');
    res.status(429).type('application/problem+json').json({ status: 429, detail: '此地址登录失败次数过多，请 10 分钟后再试' });
  });
  v2App.post('/v2/users/search', (req, res) => {
    received.push(req.headers);
    res.json({ items: [] });
  });
  const started = await listen(v2App);
  v2 = started.server;
  const auth = currentUserAuth({ v2Url: () => started.url, forwarderSecret: SECRET });
  const webApp = express();
  webApp.get('/guarded', auth.require(WEB_APPS.tasklist), (_req: Request, res: Response) => void res.json({ ok: true }));
  webApp.get('/as-user', clients.hold, async (req: Request, res: Response) => {
    const forged = { 'X-Web-Client-Address': '198.51.100.1', 'x-web-forwarder-secret': 'forged', 'X-Web-Other': 'y', 'content-type': 'application/json' };
    const answer = await auth.fetchV2AsUser(req, '/v2/users/search', { method: 'POST', headers: forged, body: '{}' });
    res.status(answer.status).end();
  });
  const front = await listen(webApp);
  web = front.server;
  webUrl = front.url;
});

afterAll(async () => {
  for (const server of [web, v2]) await new Promise<void>((resolve) => server?.close(() => resolve()));
});

describe('the web layer\'s calls to /v2 on a request\'s behalf', () => {
  it('should drop a route\'s own X-Web-* headers and name the request\'s client with the forwarder secret', async () => {
    // when
    const answer = await fetch(`${webUrl}/as-user`, { headers: { authorization: 'Basic aGFuLWp1bjpkZW1v' } });

    // then
    expect(answer.status).toBe(200);
    const sent = received.at(-1)!;
    expect(sent['x-web-client-address']).toBe('127.0.0.1');
    expect(sent['x-web-forwarder-secret']).toBe(SECRET);
    expect(sent['x-web-other']).toBeUndefined();
    expect(sent['content-type']).toBe('application/json');
    expect(sent.authorization).toBe('Basic aGFuLWp1bjpkZW1v');
  });

  it('should answer a 429 of /v2 with its Retry-After and its words', async () => {
    // when
    const answer = await fetch(`${webUrl}/guarded`, { headers: { authorization: 'Basic Z3Vlc3NlZDpndWVzcw==' } });

    // then
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('120');
    expect(await answer.json()).toMatchObject({ status: 429, detail: '此地址登录失败次数过多，请 10 分钟后再试' });
  });

  it('should send nothing to /v2 for a request whose client address is gone (its connection reset)', async () => {
    // given
    const before = received.length;

    // when
    const status = await clients.getAndReset(webUrl, '/as-user', { authorization: 'Basic Z3Vlc3NlZDpndWVzcw==' });

    // then: the route's call was refused before it left (express's answer to the rejection), /v2 heard nothing
    expect(status).toBe(500);
    expect(received).toHaveLength(before);
  });
});
