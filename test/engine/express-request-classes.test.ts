/**
 * The request and response classes of the engine's HTTP server: objects born with the express app's prototypes,
 * on which express works as on its own (parameters, parsed bodies, client address, JSON answers, errors).
 */
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { expressRequestClasses } from '../../engine/express-request-classes.js';

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(app: express.Express): Promise<string> {
  server = createServer(expressRequestClasses(app), app);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('expressRequestClasses', () => {
  it("should create requests and responses with the app's own prototypes, so express changes none", async () => {
    // given
    const app = express();
    app.use(express.json());
    app.post('/things/:id', (req, res) => {
      res.status(201).json({
        requestPrototype: Object.getPrototypeOf(req) === app.request,
        responsePrototype: Object.getPrototypeOf(res) === app.response,
        id: req.params.id,
        body: req.body as unknown,
        ip: req.ip,
        query: req.query,
      });
    });
    const url = await serve(app);

    // when
    const response = await fetch(`${url}/things/7?x=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"张敏"}' });

    // then
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ requestPrototype: true, responsePrototype: true, id: '7', body: { name: '张敏' }, ip: '127.0.0.1', query: { x: '1' } });
  });

  it("should leave express's error handling and its 404 as they are", async () => {
    // given
    const app = express();
    app.get('/fails', () => {
      throw Object.assign(new Error('refused'), { status: 418 });
    });
    app.use((error: Error & { status: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(error.status).type('text/plain').send(error.message);
    });
    const url = await serve(app);

    // when
    const failed = await fetch(`${url}/fails`);
    const missing = await fetch(`${url}/nothing-here`);

    // then
    expect([failed.status, await failed.text()]).toEqual([418, 'refused']);
    expect(missing.status).toBe(404);
  });
});
