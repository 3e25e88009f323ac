/**
 * `npm run web`'s stop, in `npm start`'s order (start-stop-steps.ts): the apps' background work first (the monitor's
 * feeder ends its pass under way against the cluster, which keeps running, instead of being cut by a closed client),
 * then the port (no new request; those under way answered for up to HTTP_GRACE_MS, the apps' files still open: a
 * clerk's view being saved is kept, a task completion passing through the proxy gets its answer), then the apps'
 * files, then their service account's client. Run with runStopSteps: one step failing stops no other.
 */
import type { Camunda8 } from '@camunda8/sdk';
import type { WebServer } from '../web-shared/server/start-web-server.js';
import { HTTP_GRACE_MS } from './start-stop-steps.js';
import type { StopStep } from './stop-steps.js';

export function webStopSteps(running: {
  server: Pick<WebServer, 'closeHttp'> & { apps: Pick<WebServer['apps'], 'stop' | 'close'> };
  /** The apps' service account (the monitor's reads, people's names), when one is configured. */
  appClient?: Pick<Camunda8, 'closeAllClients'>;
}, graceMs = HTTP_GRACE_MS): StopStep[] {
  const { server, appClient } = running;
  return [
    ['web apps\' background work', () => server.apps.stop()],
    ['http server', () => server.closeHttp(graceMs)],
    ['web apps\' files', () => server.apps.close()],
    ['web apps\' client', () => appClient?.closeAllClients()],
  ];
}
