/**
 * A client that resets its connection while the web apps' own routes read its body (the modeler's deploy, a saved
 * view, the working-day count) aborts that read: the route logs one short line, without a stack, and does not
 * count it as a server error (500). Real engine and apps as `npm start` mounts them, a session login, and raw
 * sockets that send part of a body and reset once the server holds the request (test/support/reset-client.ts).
 */
import express, { type RequestHandler } from 'express';
import { get, type Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { apiProblems } from '../../../web-shared/server/api-problems.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD, type EngineFixture } from '../../support/engine-fixture.js';
import { copyModelerProject, type ModelerProject } from '../../support/modeler-project.js';
import { resetClients } from '../../support/reset-client.js';
import { startEngineWithWebApps, type EngineWithWebApps } from '../../support/web-apps-on-engine.js';

const running: (EngineWithWebApps & { project: ModelerProject })[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const { stop, project } of running.splice(0)) {
    await stop();
    project.remove();
  }
});

async function engineWithWebApps(inFront: RequestHandler): Promise<EngineFixture> {
  const project = copyModelerProject({ git: false });
  const started = await startEngineWithWebApps({ dataDir: project.dir, modelerProjectDir: project.dir }, { inFront });
  running.push({ ...started, project });
  return started.engine;
}

/** A session of demo (admin: every app): its cookie and CSRF token, as a browser sends them. */
async function sessionHeaders(engine: EngineFixture): Promise<Record<string, string>> {
  const login = await fetch(new URL('/login', engine.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo', password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(204);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, 'x-csrf-token': login.headers.get('x-csrf-token')!, 'content-type': 'application/json' };
}

describe('a client that resets its connection while a web route reads its body', () => {
  it('should log one short line per aborted body, no stack and no server error, on the modeler\'s deploy and the task list\'s routes', async () => {
    // given
    const clients = resetClients();
    const engine = await engineWithWebApps(clients.hold);
    const headers = await sessionHeaders(engine);
    const logged: string[] = [];
    const keep = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
    vi.spyOn(console, 'error').mockImplementation(keep);
    vi.spyOn(console, 'warn').mockImplementation(keep);
    vi.spyOn(console, 'log').mockImplementation(keep);

    // when: each route gets part of its body, then the client resets
    const part = '{"file":"bpmn/xining-fc';
    const answered = [
      await clients.postPartAndReset(engine.url, '/modeler/api/deployments', headers, part, 200),
      await clients.postPartAndReset(engine.url, '/tasklist/api/views', headers, part, 200),
      await clients.postPartAndReset(engine.url, '/tasklist/api/working-days', headers, part, 200),
    ];

    // then: not a server error (400, to nobody), and one short line each naming the route, without a stack
    expect(answered).toEqual([400, 400, 400]);
    expect(logged).toEqual([
      '[web] POST /modeler/api/deployments: 客户端已断开连接，请求未处理 (request aborted)',
      '[web] POST /tasklist/api/views: 客户端已断开连接，请求未处理 (request aborted)',
      '[web] POST /tasklist/api/working-days: 客户端已断开连接，请求未处理 (request aborted)',
    ]);

    // and: the routes still answer clients that wait, and a malformed body is a problem answer in Chinese
    vi.restoreAllMocks();
    const malformed = await fetch(new URL('/tasklist/api/views', engine.url), { method: 'POST', headers, body: '{"name":' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect(await malformed.json()).toMatchObject({ status: 400, detail: '请求不是有效的 JSON' });
  }, 60_000);
});

describe('a connection this server opened that is reset', () => {
  // (a POST's request counts as destroyed once its body is read, though its client still waits)
  it.each(['GET', 'POST'])('should be a server error (500) with its stack in the log, not a client gone, while the client waits (%s)', async (method) => {
    // given: an upstream that resets every connection, and an API route that asks it, behind the apps' error handler
    const upstream = createServer((socket) => socket.resetAndDestroy());
    upstream.listen(0, '127.0.0.1');
    await new Promise((resolve) => upstream.once('listening', resolve));
    const upstreamPort = (upstream.address() as AddressInfo).port;
    const app = express();
    app.all('/api/upstream', express.json(), (_req, _res, next) => void get(`http://127.0.0.1:${upstreamPort}/`).on('error', next));
    app.use('/api', apiProblems);
    const server: Server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const errors: string[] = [];
    const warnings: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(' ')));
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(' ')));

    try {
      // when
      const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/upstream`, {
        method,
        ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ applicant: '马福林' }) } : {}),
      });

      // then
      expect(answer.status).toBe(500);
      expect(warnings).toEqual([]);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(new RegExp(`^\\[web\\] ${method} /api/upstream: Error: (.*ECONNRESET|socket hang up)`));
      expect(errors[0]).toContain('\n    at ');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await new Promise((resolve) => upstream.close(resolve));
    }
  });
});
