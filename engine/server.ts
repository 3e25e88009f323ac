/**
 * Starts the engine behind an HTTP server: `/v2` (login required, see docs/identity.md) and `POST /login`,
 * `POST /logout` at the root. Used by `npm run engine`, `npm start` and the tests.
 */
import express, { type Express } from 'express';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { clientAddressOf } from './api/client-address.js';
import { v2Router, type MountedRoute } from './api/index.js';
import { loginRouter } from './api/login.js';
import { Engine, type EngineOptions } from './engine.js';
import { expressRequestClasses } from './express-request-classes.js';
import type { IdentityEngineOptions } from './engine.js';

export interface EngineServerOptions extends Omit<EngineOptions, 'identity'> {
  port: number;
  host: string;
  /**
   * Mount more routes (web apps) on the same port before the server starts listening. `forwarderSecret` lets their
   * server code name its client's address when it checks that client's credentials on /v2 (api/client-address.ts):
   * give it to the web layer's config, nowhere else, and never log it.
   */
  extend?: (app: Express, mounted: { forwarderSecret: string }) => void;
  /** Session lifetimes and where the first start reads config/ from; `loopback` defaults to what `host` is. */
  identity?: Partial<IdentityEngineOptions>;
  /**
   * Express's `trust proxy`: the proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (e.g. `loopback`,
   * addresses or CIDRs, or a hop count). Unset: the TCP peer is the client, as without a proxy.
   */
  trustProxy?: string | number;
  /** Answer 400, as Camunda 8.8 does, to an advanced filter on a field it takes as a plain value only (api/plain-filter-fields.ts). */
  strictFilters?: boolean;
}

export interface EngineServer {
  engine: Engine;
  server: Server;
  /** e.g. http://127.0.0.1:8080 (without /v2, as ZEEBE_REST_ADDRESS wants it) */
  url: string;
  /** Every /v2 route with its authorization rule. */
  routes: readonly MountedRoute[];
  /**
   * Stops taking connections and lets the requests under way finish (at most `graceMs`, then their connections are
   * cut); the engine keeps running. `npm start` calls it before it closes the web apps' stores, so no request of
   * theirs meets a closed file. Once only: a second call waits for the first.
   */
  closeHttp(graceMs: number): Promise<void>;
  /** The HTTP server (at once, cutting what is under way, unless {@link closeHttp} ran), then the engine. */
  stop(): Promise<void>;
}

export async function startEngineServer(options: EngineServerOptions): Promise<EngineServer> {
  const engine = await Engine.start({ ...options, identity: { loopback: isLoopback(options.host), ...options.identity } });
  const app = express();
  app.disable('x-powered-by');
  // the client address login throttling counts by (req.ip) and HTTPS for the session cookie (req.secure)
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
  const server = createServer(expressRequestClasses(app), app);
  const address = () => {
    const info = server.address() as AddressInfo | null;
    return { host: options.host, port: info?.port ?? options.port };
  };
  // The HTTP Date header tells clients the engine's time (pinned in tests): the task list counts remaining working
  // days from it, which stays right on a real cluster, whose Date is its own clock.
  const date = httpDate(() => engine.clock.now());
  app.use((_req, res, next) => {
    res.setHeader('Date', date());
    next();
  });
  // per process, in memory only: a local process other than this one's web layer cannot name a client address.
  // Only for a server that mounts a web layer: without one (npm run engine, the Play sandbox's engine, the benches)
  // nobody could use it, and with none every X-Web-* header is ignored (api/client-address.ts).
  const forwarderSecret = options.extend ? randomBytes(32).toString('base64url') : undefined;
  const clientAddress = clientAddressOf(forwarderSecret);
  const v2 = v2Router(engine, address, clientAddress, { strictFilters: options.strictFilters === true });
  app.use('/v2', v2.router);
  app.use(loginRouter(engine, clientAddress));
  if (options.extend && forwarderSecret !== undefined) options.extend(app, { forwarderSecret });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = address();
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  let httpClosed: Promise<void> | undefined;
  const closeHttp = (graceMs: number) => (httpClosed ??= closeHttpServer(server, graceMs));
  return {
    engine,
    server,
    url: `http://${hostForUrl === '0.0.0.0' || hostForUrl === '[::]' ? '127.0.0.1' : hostForUrl}:${port}`,
    routes: v2.routes,
    closeHttp,
    async stop() {
      await closeHttp(0);
      await engine.stop();
    },
  };
}

/**
 * Closes `server`: no new connection, the requests under way answered, at most `graceMs` (0: cut at once). A
 * kept-alive connection whose request has ended is closed as soon as it is idle (Node's `close` closes only those
 * idle when it is called; a browser's would hold the stop until its client drops it).
 */
function closeHttpServer(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    if (graceMs <= 0) {
      server.close(() => resolve());
      server.closeAllConnections();
      return;
    }
    const idle = setInterval(() => server.closeIdleConnections(), 20);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(cut);
      resolve();
    });
  });
}

/** Only this machine can reach the server: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The HTTP Date of `now()`, formatted once per second (as Node does for its own Date header), not per request. */
function httpDate(now: () => number): () => string {
  let second = NaN;
  let formatted = '';
  return () => {
    const current = Math.floor(now() / 1000);
    if (current !== second) {
      second = current;
      formatted = new Date(current * 1000).toUTCString();
    }
    return formatted;
  };
}
