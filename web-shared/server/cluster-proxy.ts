/**
 * When the web apps run against a remote cluster (`npm run web`), the browser still talks to one origin: this
 * thin proxy forwards `/login`, `/logout` and `/v2` to `ZEEBE_REST_ADDRESS` unchanged (the session cookie and
 * `X-CSRF-TOKEN` pass through), so the same front ends work against Camunda 8.8 Self-Managed with Basic auth.
 * The browser's Origin is our own; it is checked here and rewritten to the cluster's, whose login refuses
 * other sites.
 */
import type { Express, Request } from 'express';
import type { ClientRequest } from 'node:http';
import { createProxyMiddleware } from 'http-proxy-middleware';

export function mountClusterProxy(app: Express, clusterUrl: string): void {
  const target = new URL(clusterUrl);
  app.use(
    createProxyMiddleware<Request>({
      target: target.origin,
      pathFilter: ['/v2', '/login', '/logout'],
      // a base path of the cluster (SaaS: /<clusterId>) goes in front of the forwarded path
      pathRewrite: (path) => `${target.pathname.replace(/\/$/, '')}${path}`,
      changeOrigin: true,
      xfwd: true,
      cookieDomainRewrite: '',
      on: {
        proxyReq(proxyReq: ClientRequest, req: Request) {
          const origin = req.get('origin');
          if (origin !== undefined && sameHost(origin, req.get('host'))) proxyReq.setHeader('origin', target.origin);
        },
      },
    }),
  );
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
