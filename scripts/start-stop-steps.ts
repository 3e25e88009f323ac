/**
 * `npm start`'s stop, front to back: the monitor's feeder first (its pass under way ends against the running engine:
 * one cut off by the engine's stop would log a failure and keep failingSince in monitor.sqlite for the next start's
 * freshness line), the job workers and their client; then the port (no new request; those under way answered, the web
 * apps' files still open), the web apps' files and service accounts, the engine, the Play sandbox behind it. What has
 * not started yet (a deployment that failed) is left out. Run with runStopSteps: one step failing stops no other.
 */
import type { Camunda8 } from '@camunda8/sdk';
import type { EngineServer } from '../engine/server.js';
import type { MountedWebApps } from '../web-shared/server/mount-web-apps.js';
import { closeNoticeServices } from '../workers/runtime/worker-services.js';
import type { StopStep } from './stop-steps.js';

/** How long the requests under way at a stop may take to finish before their connections are cut. */
export const HTTP_GRACE_MS = 5_000;

export function startStopSteps(running: {
  web: Pick<MountedWebApps, 'stop' | 'close'> | undefined;
  server: Pick<EngineServer, 'closeHttp' | 'stop'>;
  sandbox: { stop(): Promise<void> };
  workers?: { stop(): Promise<void> };
  workerClient?: Pick<Camunda8, 'closeAllClients'>;
  /** The web apps' service accounts (people's names, the monitor's reads): closed once no request of theirs runs. */
  appClients?: readonly Pick<Camunda8, 'closeAllClients'>[];
}): StopStep[] {
  const { web, server, sandbox, workers, workerClient, appClients = [] } = running;
  return [
    ['web apps\' background work', () => web?.stop()],
    ['job workers', () => workers?.stop()],
    ['notice services', () => closeNoticeServices()],
    ['job workers\' client', () => workerClient?.closeAllClients()],
    // (a browser's request under way finishes with the files open; after HTTP_GRACE_MS its connection is cut)
    ['http server', () => server.closeHttp(HTTP_GRACE_MS)],
    ['web apps\' files', () => web?.close()],
    ...appClients.map((client, index): StopStep => [`web apps' client ${index + 1}`, () => client.closeAllClients()]),
    ['engine', () => server.stop()],
    ['play sandbox', () => sandbox.stop()],
  ];
}
