/**
 * Cluster mode (CAMUNDA_TEST_CLUSTER=1, test/support/test-cluster.ts) proven without Docker: `npm run engine` runs
 * as a separate process standing in for a Camunda 8.8 cluster, and a representative subset — one SDK
 * conformance file and the FC20 path test with its job workers — runs through vitest against it configured by
 * the SDK's environment variables alone. Afterwards the "cluster" holds no process definition, decision or
 * running instance of theirs. A real Zeebe cannot run here (no Docker), so this is the honest stand-in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth } from './support/engine-fixture.js';
import { TEST_CLUSTER } from './support/test-cluster.js';

const SUBSET = ['test/sdk/process-instances.rest.test.ts', 'test/processes/xining-fc20-manual-reimbursement.path.test.ts'];

let engine: ChildProcess;
let dataDir: string;
let url: string;

beforeAll(async () => {
  if (TEST_CLUSTER) return;
  dataDir = mkdtempSync(join(tmpdir(), 'cluster-mode-'));
  engine = spawn(process.execPath, ['--import', 'tsx', 'scripts/engine.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ENGINE_SYNC: 'NORMAL' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: engine.stdout! });
  const ready = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => line.includes('ready:') && resolve(line));
    engine.once('exit', (code) => reject(new Error(`scripts/engine.ts exited (${String(code)})`)));
  });
  url = /ready: (http:\/\/[^/\s]+)\/v2/.exec(ready)![1]!;
}, 60_000);

afterAll(async () => {
  if (TEST_CLUSTER) return;
  if (engine && engine.exitCode === null) {
    engine.kill('SIGTERM');
    await once(engine, 'exit');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** vitest in cluster mode, with nothing but the SDK's variables naming the engine process. */
async function runInClusterMode(files: string[]) {
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  Object.assign(env, {
    CAMUNDA_TEST_CLUSTER: '1',
    ZEEBE_REST_ADDRESS: url,
    CAMUNDA_AUTH_STRATEGY: 'BASIC',
    CAMUNDA_BASIC_AUTH_USERNAME: 'demo',
    CAMUNDA_BASIC_AUTH_PASSWORD: 'demo',
    CAMUNDA_TENANT_ID: '<default>',
    NO_COLOR: '1',
  });
  delete env.FORCE_COLOR;
  const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=verbose', ...files], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

async function search(path: string, filter: Record<string, unknown> = {}) {
  const response = await fetch(`${url}/v2/${path}/search`, {
    method: 'POST',
    headers: { authorization: basicAuth(), 'content-type': 'application/json' },
    body: JSON.stringify({ filter }),
  });
  return ((await response.json()) as { items: unknown[] }).items;
}

// the proof starts its own engine process; inside a cluster-mode run there is nothing to prove
describe.skipIf(TEST_CLUSTER)('the suites in cluster mode', () => {
  it('should pass an SDK conformance file and the FC20 path test against a separately running engine, and leave it clean', async () => {
    // when
    const { code, output } = await runInClusterMode(SUBSET);

    // then
    expect(output, output).toMatch(/Test Files\s+2 passed \(2\)/);
    expect(output).not.toMatch(/skipped/);
    expect(code).toBe(0);
    expect(output).toContain('✓ test/processes/xining-fc20-manual-reimbursement.path.test.ts > FC20 医疗费用零星报销 > should accept, register, settle');
    expect(await search('process-definitions')).toEqual([]);
    expect(await search('decision-requirements')).toEqual([]);
    expect(await search('process-instances', { state: 'ACTIVE' })).toEqual([]);
    expect((await search('process-instances')).length).toBeGreaterThan(0);
  }, 300_000);
});
