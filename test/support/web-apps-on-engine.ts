/**
 * The web apps mounted on a test engine's server as `npm start` mounts them, and the service accounts `npm start`
 * gives them, made through /v2 so the same set-up works against a cluster.
 */
import { randomBytes } from 'node:crypto';
import type { Camunda8 } from '@camunda8/sdk';
import type { Express, RequestHandler } from 'express';
import type { MonitorWebApp } from '../../web-monitor/server/monitor-web-app.js';
import { mountWebApps, type MountedWebApps } from '../../web-shared/server/mount-web-apps.js';
import { webApps, type WebAppsOptions } from '../../web-shared/server/web-apps-index.js';
import { startEngine, type EngineFixture, type StartEngineOptions } from './engine-fixture.js';

export interface WebAppsOnEngine {
  /**
   * Give this as the engine's (or harness's) `extend`: the apps mount before the server listens, with the engine's
   * forwarder secret as `npm start` gives it (their clients' addresses reach its login throttle).
   */
  extend(app: Express, mounted?: { forwarderSecret: string }): void;
  /** Tell the apps where /v2 is, once the server listens (its port is known only then). */
  listening(url: string): void;
  /** The mounted apps; only after `extend` ran. */
  readonly web: MountedWebApps;
  /** The monitor's module among them: its read model and feeder (tests that wait for the feeder's passes). */
  readonly monitor: MonitorWebApp;
  close(): Promise<void>;
}

export function webAppsOnEngine(options: WebAppsOptions): WebAppsOnEngine {
  let url = '';
  let mounted: MountedWebApps | undefined;
  const v2Url = () => url;
  const modules = webApps(options);
  const monitor = modules.find((module): module is MonitorWebApp => module.info.id === 'monitor' && 'feeder' in module);
  return {
    extend(app, engine) {
      mounted = mountWebApps(app, modules, { v2Url, forwarderSecret: engine?.forwarderSecret });
    },
    listening(engineUrl) {
      url = engineUrl;
    },
    get web() {
      if (!mounted) throw new Error('the web apps are not mounted yet: pass extend to the engine first');
      return mounted;
    },
    get monitor() {
      if (!monitor) throw new Error('the web apps have no monitor');
      return monitor;
    },
    close: async () => mounted?.close(),
  };
}

export interface EngineWithWebApps {
  engine: EngineFixture;
  apps: WebAppsOnEngine;
  /** The engine, then the apps' files (the order `npm start` stops them in). */
  stop(): Promise<void>;
}

/**
 * A test engine with the web apps mounted on its port as `npm start` mounts them. `inFront`: a handler mounted before
 * the apps (a reset client's hold); the data directories stay the caller's to remove.
 */
export async function startEngineWithWebApps(
  appsOptions: WebAppsOptions,
  options: Omit<StartEngineOptions, 'extend'> & { inFront?: RequestHandler } = {},
): Promise<EngineWithWebApps> {
  const { inFront, ...engineOptions } = options;
  const apps = webAppsOnEngine(appsOptions);
  const engine = await startEngine({
    ...engineOptions,
    extend: (app, mounted) => {
      if (inFront) app.use(inFront);
      apps.extend(app, mounted);
    },
  });
  apps.listening(engine.url);
  return {
    engine,
    apps,
    stop: async () => {
      await engine.stop();
      await apps.close();
    },
  };
}

export interface ServiceAccount {
  username: string;
  password: string;
  camunda: Camunda8;
}

/** A user with one of the seeded service roles (name-reader, monitor-reader), and a client logged in as it. */
export async function serviceAccount(engine: EngineFixture, account: { username: string; role: string; name: string }): Promise<ServiceAccount> {
  const password = randomBytes(18).toString('base64url');
  await engine.client.createUser({ username: account.username, password, name: account.name, email: '' });
  const assigned = await engine.fetch(`/v2/roles/${account.role}/users/${account.username}`, { method: 'PUT' });
  if (assigned.status !== 204) throw new Error(`could not give ${account.username} the role ${account.role}: ${assigned.status}`);
  return { username: account.username, password, camunda: engine.camundaAs(account.username, password) };
}
