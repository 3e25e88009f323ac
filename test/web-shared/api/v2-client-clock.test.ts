/**
 * V2Client against a real HTTP server whose sandbox (/play) answers with another day in `Date` (its clock moved
 * ahead by the analyst): the app's server clock (serverNow(), the task list's and the forms' today) keeps the
 * engine's, whichever answered last; the sandbox's client keeps the sandbox's.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverNow } from '../../../web-shared/src/api/server-clock.js';
import { V2Client } from '../../../web-shared/src/api/v2-client.js';

const ENGINE = '2026-03-02T01:00:00Z';
// 沙箱时钟 +7 days
const SANDBOX = '2026-03-09T01:00:00Z';
const DAY = 24 * 3600_000;

let server: Server;
let origin = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    const now = request.url?.startsWith('/play/') ? SANDBOX : ENGINE;
    response.writeHead(200, { 'content-type': 'application/json', date: new Date(now).toUTCString() });
    response.end('{"items":[],"page":{"totalItems":0}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('V2Client and the server clocks', () => {
  it('should keep the app’s clock the engine’s when the Play sandbox answered last, and the sandbox’s its own', async () => {
    // given the app's client and the Play panel's
    const client = new V2Client(origin);
    const play = client.under('/play');

    // when the engine answers, then the sandbox
    await client.searchUserTasks({});
    await play.searchUserTasks({});

    // then the app's today is still the engine's, and the sandbox's client tells the sandbox's
    expect(Math.abs(serverNow() - Date.parse(ENGINE))).toBeLessThan(DAY / 2);
    expect(Math.abs(client.clock.now() - Date.parse(ENGINE))).toBeLessThan(DAY / 2);
    expect(Math.abs(play.clock.now() - Date.parse(SANDBOX))).toBeLessThan(DAY / 2);

    // and when the engine answers again, the sandbox's client keeps its own
    await client.searchUserTasks({});
    expect(Math.abs(play.clock.now() - Date.parse(SANDBOX))).toBeLessThan(DAY / 2);
  });
});
