/**
 * engine/api/route-authorizations.ts against what the server really mounts: every /v2 route has exactly one line,
 * every line belongs to a mounted route, an anonymous call of any route but the public ones is 401, and a route a
 * router mounts without a line never runs, even for the admin.
 */
import express, { Router } from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddressOf } from '../../../engine/api/client-address.js';
import { problemHandler } from '../../../engine/api/problem.js';
import { authenticateRequests } from '../../../engine/api/request-authentication.js';
import { ROUTE_AUTHORIZATIONS } from '../../../engine/api/route-authorizations.js';
import { admitRequests, authorizeRequests } from '../../../engine/api/route-guard.js';
import { basicAuth, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine.stop();
});

/** A concrete URL of a route pattern (any values: the guard decides before the handler looks at them). */
function concrete(path: string): string {
  return `/v2${path.replace(/:(\w+)/g, (_, name: string) => (/key$/i.test(name) ? '2251799813685249' : `sample-${name}`))}`;
}

describe('the route authorization table', () => {
  it('should have a line for every mounted /v2 route, and no line for a route that is not mounted', () => {
    // given
    const mounted = engine.server.routes.map((route) => `${route.method} ${route.path}`);

    // when
    const withoutRule = mounted.filter((route) => ROUTE_AUTHORIZATIONS[route] === undefined);
    const stale = Object.keys(ROUTE_AUTHORIZATIONS).filter((line) => !mounted.includes(line));

    // then
    expect(withoutRule).toEqual([]);
    expect(stale).toEqual([]);
    expect(new Set(mounted).size).toBe(mounted.length);
  });

  it('should answer 401 to an anonymous call of every route except the public ones', async () => {
    // given
    const routes = engine.server.routes;

    // when
    const answers = await Promise.all(
      routes.map(async (route) => {
        const response = await engine.fetch(concrete(route.path), {
          as: null,
          method: route.method,
          headers: { 'content-type': 'application/json' },
          body: route.method === 'GET' ? undefined : '{}',
        });
        return { route: `${route.method} ${route.path}`, status: response.status, type: response.headers.get('content-type') ?? '' };
      }),
    );

    // then
    const isPublic = (route: string) => ROUTE_AUTHORIZATIONS[route]?.access === 'public';
    expect(answers.filter((a) => !isPublic(a.route) && a.status !== 401)).toEqual([]);
    expect(answers.filter((a) => !isPublic(a.route)).every((a) => a.type.startsWith('application/problem+json'))).toBe(true);
    expect(answers.filter((a) => isPublic(a.route)).map((a) => [a.route, a.status])).toEqual([
      ['GET /status', 204],
      ['GET /license', 200],
      // a document link: the token is the authorization, and this one is no valid link
      ['GET /documents/:documentId/links/:token', 404],
    ]);
  });

  it('should answer 401 to an anonymous call of an unknown path, and 404 once logged in', async () => {
    // when
    const anonymous = await engine.fetch('/v2/no-such-resource', { as: null });
    const signedIn = await engine.fetch('/v2/no-such-resource');

    // then
    expect(anonymous.status).toBe(401);
    expect(signedIn.status).toBe(404);
  });

  it('should never run a route a router mounts without a line in the table, even for the admin', async () => {
    // given the /v2 chain with a router that mounts a route nobody listed
    let ran = false;
    const unlisted = Router().get('/thing', (_req, res) => {
      ran = true;
      res.json({ leaked: true });
    });
    const core = engine.server.engine;
    const app = express();
    app.use('/v2', authenticateRequests(core, clientAddressOf(undefined)), admitRequests(), express.json(), authorizeRequests(core), Router().use('/unlisted', unlisted), problemHandler);
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    try {
      // when
      const admin = await fetch(`${url}/v2/unlisted/thing`, { headers: { authorization: basicAuth() } });
      const anonymous = await fetch(`${url}/v2/unlisted/thing`);

      // then
      expect(admin.status).toBe(404);
      expect(await admin.text()).not.toContain('leaked');
      expect(anonymous.status).toBe(401);
      expect(ran).toBe(false);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
