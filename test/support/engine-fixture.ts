/**
 * Starts a real embedded engine (HTTP server on a free loopback port, SQLite in a fresh temp directory) and
 * gives a @camunda8/sdk REST client pointed at it, exactly as a worker or web app would be configured.
 */
import { Camunda8 } from '@camunda8/sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngineServer, type EngineServer } from '../../engine/server.js';

export type RestClient = ReturnType<Camunda8['getCamundaRestClient']>;

export interface EngineFixture {
  server: EngineServer;
  client: RestClient;
  camunda: Camunda8;
  url: string;
  dataDir: string;
  /** Stops the server (and removes the data directory unless `keepData`). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export function sdkConfig(url: string) {
  return {
    ZEEBE_REST_ADDRESS: url,
    CAMUNDA_AUTH_STRATEGY: 'NONE' as const,
    CAMUNDA_LOG_LEVEL: 'none',
    CAMUNDA_TENANT_ID: '<default>',
  };
}

export async function startEngine(options: { dataDir?: string; port?: number } = {}): Promise<EngineFixture> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'engine-test-'));
  const server = await startEngineServer({ port: options.port ?? 0, host: '127.0.0.1', dataDir, synchronous: 'NORMAL' });
  const camunda = new Camunda8(sdkConfig(server.url) as never);
  const client = camunda.getCamundaRestClient();
  return {
    server,
    client,
    camunda,
    url: server.url,
    dataDir,
    async stop({ keepData = false } = {}) {
      await camunda.closeAllClients?.();
      await server.stop();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Deploys BPMN/form sources given as strings, UTF-8 safe (the SDK's deployResourcesFromFiles is not). */
export async function deploy(client: RestClient, resources: { name: string; content: string }[]) {
  return client.deployResources(resources.map((r) => ({ name: r.name, content: r.content })));
}
