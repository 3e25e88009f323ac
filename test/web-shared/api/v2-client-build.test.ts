/**
 * V2Client against a real HTTP server that names another build in every answer: only the answers of the app's own
 * routes are compared with the bundle's build (new-build.ts), not the engine's /v2, the sandbox's /play/v2, nor
 * /login and /logout, which every app shares.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

let server: Server;
let origin = '';

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'x-web-build': 'b2' });
    response.end('{"items":[],"page":{"totalItems":0}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('V2Client and the build the server names', () => {
  it('should note the build of the app’s own routes only', async () => {
    // given a bundle of build a1
    vi.resetModules();
    vi.stubGlobal('__WEB_BUILD__', 'a1');
    const build = await import('../../../web-shared/src/api/new-build.js');
    const { V2Client } = await import('../../../web-shared/src/api/v2-client.js');
    const client = new V2Client(origin);

    // when the engine's, the sandbox's and the sign-in's answers name build b2
    await client.login('demo', 'demo');
    await client.searchUserTasks({});
    await client.under('/play').searchUserTasks({});
    await client.logout();

    // then nothing is noticed
    expect(build.newBuildServed()).toBe(false);

    // and when an answer of the app's own route names it, it is
    await client.json('GET', '/tasklist/api/views', undefined, {});
    expect(build.newBuildServed()).toBe(true);
  });
});
