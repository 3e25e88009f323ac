/**
 * Starts the engine behind an HTTP server (`/v2`). Used by `npm run engine`, `npm start` and the tests.
 */
import express, { type Express } from 'express';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { v2Router } from './api/index.js';
import { Engine, type EngineOptions } from './engine.js';

export interface EngineServerOptions extends EngineOptions {
  port: number;
  host: string;
  /** Mount more routes (web apps) on the same port before the server starts listening. */
  extend?: (app: Express) => void;
}

export interface EngineServer {
  engine: Engine;
  server: Server;
  /** e.g. http://127.0.0.1:8080 (without /v2, as ZEEBE_REST_ADDRESS wants it) */
  url: string;
  stop(): Promise<void>;
}

export async function startEngineServer(options: EngineServerOptions): Promise<EngineServer> {
  const engine = await Engine.start(options);
  const app = express();
  app.disable('x-powered-by');
  const server = createServer(app);
  const address = () => {
    const info = server.address() as AddressInfo | null;
    return { host: options.host, port: info?.port ?? options.port };
  };
  app.use('/v2', v2Router(engine, address));
  options.extend?.(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = address();
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    engine,
    server,
    url: `http://${hostForUrl === '0.0.0.0' ? '127.0.0.1' : hostForUrl}:${port}`,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await engine.stop();
    },
  };
}
