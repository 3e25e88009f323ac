/**
 * Starts a real embedded engine (HTTP server on a free loopback port, SQLite in a fresh temp directory) and
 * gives a @camunda8/sdk REST client pointed at it, exactly as a worker or web app would be configured: HTTP Basic
 * (`CAMUNDA_AUTH_STRATEGY=BASIC`) as the demo admin by default, or as any user with `clientAs`.
 *
 * On loopback the first start seeds `demo` (admin) and the demo users of config/users.json, all with the
 * password `demo` (docs/identity.md).
 *
 * With `CAMUNDA_TEST_CLUSTER=1` no engine is started: the fixture uses the cluster the SDK's own variables name
 * (ZEEBE_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY, …; test/support/test-cluster.ts), and `stop()` cancels the process
 * instances and deletes the resources the test file created there (docs/camunda8-cluster.md).
 *
 * With `TEST_SEARCH_LAG_MS=<ms>` the engine runs with that search lag (engine.ts, `searchLag`): its searches and reads
 * by key lag behind the commands as a cluster's do, so a test that searches right after a write without waiting
 * fails here as it would there (a test that sets its own projection delay keeps it and runs without the lag).
 * With `TEST_STRICT_FILTERS=1` it refuses, as Camunda 8.8 does, an advanced filter on a search field 8.8 takes as a
 * plain value only (`CAMUNDA_88_STRICT_FILTERS`, engine/api/plain-filter-fields.ts); spelt as the engine's on/off
 * settings (engine/env-flag.ts: true/false, on/off, yes/no, 1/0).
 */
import { Camunda8 } from '@camunda8/sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnvFlag } from '../../engine/env-flag.js';
import { startEngineServer, type EngineServer, type EngineServerOptions } from '../../engine/server.js';
import { connectTestCluster, TEST_CLUSTER } from './test-cluster.js';

export type RestClient = ReturnType<Camunda8['getCamundaRestClient']>;

export const DEMO_ADMIN = { username: 'demo', password: 'demo' } as const;
/** The password of every demo user of config/users.json. */
export const DEMO_PASSWORD = 'demo';

export interface EngineFixture {
  server: EngineServer;
  /** The demo admin's client. */
  client: RestClient;
  camunda: Camunda8;
  url: string;
  dataDir: string;
  /** A client that logs in as `username` (HTTP Basic); closed when the fixture stops. */
  clientAs(username: string, password?: string): RestClient;
  /** The Camunda8 of `clientAs` (for workers and document uploads). */
  camundaAs(username: string, password?: string): Camunda8;
  /** `fetch` on the engine's origin as `as` (default the demo admin; `null` = anonymous). */
  fetch(path: string, init?: RequestInit & { as?: { username: string; password: string } | null }): Promise<Response>;
  /** Stops the server (and removes the data directory unless `keepData`). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export function sdkConfig(url: string, credentials: { username: string; password: string } = DEMO_ADMIN) {
  return {
    ZEEBE_REST_ADDRESS: url,
    CAMUNDA_AUTH_STRATEGY: 'BASIC' as const,
    CAMUNDA_BASIC_AUTH_USERNAME: credentials.username,
    CAMUNDA_BASIC_AUTH_PASSWORD: credentials.password,
    CAMUNDA_LOG_LEVEL: 'none',
    CAMUNDA_TENANT_ID: '<default>',
  };
}

/** `Authorization` header value for HTTP Basic. */
export function basicAuth(credentials: { username: string; password: string } = DEMO_ADMIN): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

export interface StartEngineOptions {
  dataDir?: string;
  port?: number;
  identity?: EngineServerOptions['identity'];
  /** Mount more routes (web apps) on the same port. */
  extend?: EngineServerOptions['extend'];
  /** Engine and server settings beyond the defaults (e.g. the batch operation pace, trusted proxies). */
  engine?: Partial<Omit<EngineServerOptions, 'dataDir' | 'identity' | 'port' | 'host' | 'extend'>>;
}

/** The search lag the fixture's engines run with (`TEST_SEARCH_LAG_MS`); 0 = read-your-writes. */
const TEST_SEARCH_LAG_MS = Number(process.env.TEST_SEARCH_LAG_MS ?? 0);
/** Whether the fixture's engines refuse advanced filters where Camunda 8.8 does (`TEST_STRICT_FILTERS`, engine/env-flag.ts). */
const TEST_STRICT_FILTERS = readEnvFlag('TEST_STRICT_FILTERS');

/** The search lag an engine started with these options runs with (ms; 0 = read-your-writes). */
export function searchLagOf(options: StartEngineOptions): number {
  return options.engine?.searchLag ?? (TEST_SEARCH_LAG_MS > 0 && options.engine?.projectionDelay === undefined ? TEST_SEARCH_LAG_MS : 0);
}

export async function startEngine(options: StartEngineOptions = {}): Promise<EngineFixture> {
  if (TEST_CLUSTER) return connectTestCluster(options);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'engine-test-'));
  const server = await startEngineServer({
    searchLag: searchLagOf(options),
    // TEST_STRICT_FILTERS=1: every engine refuses, as Camunda 8.8 does, advanced filters on its plain-only fields
    strictFilters: TEST_STRICT_FILTERS,
    ...options.engine,
    port: options.port ?? 0,
    host: '127.0.0.1',
    dataDir,
    synchronous: 'NORMAL',
    identity: options.identity,
    extend: options.extend,
  });
  const clients = new Map<string, Camunda8>();
  const camundaAs = (username: string, password = DEMO_PASSWORD) => {
    const id = `${username}\n${password}`;
    let camunda = clients.get(id);
    if (!camunda) clients.set(id, (camunda = new Camunda8(sdkConfig(server.url, { username, password }) as never)));
    return camunda;
  };
  const camunda = camundaAs(DEMO_ADMIN.username, DEMO_ADMIN.password);
  return {
    server,
    client: camunda.getCamundaRestClient(),
    camunda,
    url: server.url,
    dataDir,
    clientAs: (username, password) => camundaAs(username, password).getCamundaRestClient(),
    camundaAs,
    fetch(path, init = {}) {
      const { as = DEMO_ADMIN, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (as !== null) headers.set('authorization', basicAuth(as));
      return fetch(new URL(path, server.url), { ...rest, headers });
    },
    async stop({ keepData = false } = {}) {
      for (const client of clients.values()) await client.closeAllClients?.();
      await server.stop();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Deploys BPMN/form sources given as strings, UTF-8 safe (the SDK's deployResourcesFromFiles is not). */
export async function deploy(client: RestClient, resources: { name: string; content: string }[]) {
  return client.deployResources(resources.map((r) => ({ name: r.name, content: r.content })));
}
