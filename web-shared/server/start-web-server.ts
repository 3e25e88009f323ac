/**
 * The web apps on a server of their own, in front of a remote cluster: `/login`, `/logout` and `/v2` are
 * proxied to it, the apps' own routes authenticate against its `/v2/authentication/me`. `npm run web` uses it;
 * tests start it against an embedded engine to prove the proxy path.
 */
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mountClusterProxy } from './cluster-proxy.js';
import { mountWebApps, type MountedWebApps } from './mount-web-apps.js';
import type { WebAppModule } from './web-app-module.js';

export interface WebServer {
  url: string;
  server: Server;
  /** The mounted apps (hand them their service account with `apps.start`). */
  apps: MountedWebApps;
  /**
   * Closes the port: no new connection, the requests under way answered for at most `graceMs` (0: cut at once), a
   * kept-alive connection closed as soon as its request has ended. The apps' files stay open (close them after).
   */
  closeHttp(graceMs: number): Promise<void>;
  /** The port at once, cutting what is under way (unless {@link closeHttp} ran), then the apps' files. */
  stop(): Promise<void>;
}

interface WebServerOptions {
  clusterUrl: string;
  port: number;
  host: string;
  apps: WebAppModule[];
  /** The time of the apps' own login throttle (current-user.ts): Date.now unless pinned (tests). */
  wallClock?: () => number;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const app = express();
  app.disable('x-powered-by');
  // a logout passes here before the proxy: the apps' routes forget the session at once
  app.post('/logout', (req, _res, next) => {
    web.forget(req);
    next();
  });
  mountClusterProxy(app, options.clusterUrl);
  const web = mountWebApps(app, options.apps, { v2Url: () => options.clusterUrl, wallClock: options.wallClock });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let httpClosed: Promise<void> | undefined;
  const closeHttp = (graceMs: number) =>
    (httpClosed ??= new Promise<void>((resolve) => {
      // Node's close() closes the connections idle when it is called; one whose request ends later would hold it
      const idle = setInterval(() => server.closeIdleConnections(), 20);
      const cut = setTimeout(() => server.closeAllConnections(), graceMs);
      server.close(() => {
        clearInterval(idle);
        clearTimeout(cut);
        resolve();
      });
    }));
  return {
    url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`,
    server,
    apps: web,
    closeHttp,
    async stop() {
      await closeHttp(0);
      await web.close();
    },
  };
}
