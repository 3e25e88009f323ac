/**
 * A Basic header whose client reset its connection before the password check (the socket has no peer any more,
 * `req.ip` is undefined) is refused unchecked (engine/identity/login-throttle.ts): left uncounted by address, such
 * clients would get any number of guesses past the per-address limit. Real engine, real HTTP server and sockets,
 * the /v2 authentication in front of a route; the client resets once the server holds its request
 * (test/support/reset-client.ts).
 */
import express, { type Request, type Response } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddressOf } from '../../../engine/api/client-address.js';
import { problemHandler } from '../../../engine/api/problem.js';
import { authenticateRequests } from '../../../engine/api/request-authentication.js';
import { basicAuth, DEMO_PASSWORD, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { resetClients } from '../../support/reset-client.js';

let engine: EngineFixture;
let server: Server;
let url: string;
const clients = resetClients();

beforeAll(async () => {
  engine = await startEngine();
  const app = express();
  // with a forwarder secret, as the engine's server mounts /v2 (nobody here names an address with it)
  app.use('/v2', clients.hold, authenticateRequests(engine.server.engine, clientAddressOf('the-forwarder-secret')), (_req: Request, res: Response) => void res.json({ ok: true }), problemHandler);
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await engine?.stop();
});

function get(username: string, password: string) {
  return fetch(`${url}/v2/anything`, { headers: { authorization: basicAuth({ username, password }) } });
}

describe('a Basic password check whose client address is gone', () => {
  it('should refuse 60 wrong passwords from resetting clients unchecked (429), counting none of them', async () => {
    // given: more than the per-address limit (50), ten for one username (its own limit)
    const answered: number[] = [];
    for (let i = 0; i < 60; i++) {
      const username = i < 10 ? 'chen-yan' : `guessed-user-${i}`;
      answered.push(await clients.getAndReset(url, '/v2/anything', { authorization: basicAuth({ username, password: `guess-${i}` }) }));
    }

    // when: a right password from a resetting client, then from clients that wait for their answers
    const resetRight = await clients.getAndReset(url, '/v2/anything', { authorization: basicAuth({ username: 'han-jun', password: DEMO_PASSWORD }) });
    const waitingRight = await get('chen-yan', DEMO_PASSWORD);
    const waitingWrong = await get('guessed-user-0', 'guess');

    // then: no password was checked (a checked wrong one is a 401, a right one a 200), neither the address's count
    // nor chen-yan's grew
    expect(answered).toEqual(Array.from({ length: 60 }, () => 429));
    expect(resetRight).toBe(429);
    expect(waitingRight.status).toBe(200);
    expect(waitingWrong.status).toBe(401);
  }, 60_000);
});
