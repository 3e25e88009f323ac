/**
 * V2Client against a real HTTP server whose session has ended (every /v2 request answers 401): a 401 that came before
 * the app installed its handler (a request a page sent ahead of its first render) is told to the first handler
 * installed, once; one that comes after goes to the handler at once, also from a client `under` another; the
 * session check (`GET /v2/authentication/me`) answers "nobody" without telling anyone.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, V2Client } from '../../../web-shared/src/api/v2-client.js';

let server: Server;
let origin = '';

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(401, { 'content-type': 'application/problem+json' });
    response.end(JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: '未登录' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('V2Client when the session has ended', () => {
  it('should tell a 401 that came before any handler to the first handler installed, once', async () => {
    // given a search sent ahead, refused before the app installed its handler
    const client = new V2Client(origin);
    const failure = await client.searchUserTasks({}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(401);
    const told: string[] = [];

    // when the app installs its handler, and then another
    client.onUnauthenticated = () => told.push('first');
    client.onUnauthenticated = () => told.push('second');

    // then the first one heard of it, once
    expect(told).toEqual(['first']);
  });

  it('should tell a later 401 at once, also from a client under it, and not the session check’s', async () => {
    // given a client with its handler, and one under it
    const client = new V2Client(origin);
    const told: string[] = [];
    client.onUnauthenticated = () => told.push('told');
    const sandbox = client.under('/play');

    // when the session check answers 401, then a search, then the sandbox's search
    expect(await client.currentUser()).toBeUndefined();
    await expect(client.searchUserTasks({})).rejects.toBeInstanceOf(ApiError);
    await expect(sandbox.searchUserTasks({})).rejects.toBeInstanceOf(ApiError);

    // then each search was told, the check was not
    expect(told).toEqual(['told', 'told']);
  });

  it('should tell nobody of a 401 from before when no handler was installed until the session check said nobody is signed in', async () => {
    // given only the session check answered (nobody signed in), nothing else was refused
    const client = new V2Client(origin);
    expect(await client.currentUser()).toBeUndefined();
    const told: string[] = [];

    // when the app installs its handler
    client.onUnauthenticated = () => told.push('told');

    // then it is not told of anything (the login page shows without 登录已过期)
    expect(told).toEqual([]);
  });
});
