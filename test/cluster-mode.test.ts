/**
 * Cluster mode (CAMUNDA_TEST_CLUSTER=1, test/support/test-cluster.ts) proven without Docker: `npm run engine` runs
 * as a separate process standing in for a Camunda 8.8 cluster, and two representative subsets — SDK
 * conformance files that log in as demo users and create users of their own with the FC20 path test and its job
 * workers; the process instance, migration and modification files, which check through /v2 searches — run
 * through vitest against it configured by the SDK's environment variables alone. Afterwards the "cluster" holds
 * no process definition, decision or running instance of theirs, and no user, group, role or authorization
 * beyond those it held before: neither those the test files created
 * nor those the run's global set-up provisioned (test/support/cluster-identity.ts) — which the proof first takes
 * away from the stand-in (the demo users, the group finance, the role manager with its authorizations), so that
 * the path test and the conformance files pass only if provisioning gave them back. A real Zeebe cannot run
 * here (no Docker), so this is the honest stand-in.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth } from './support/engine-fixture.js';
import { TEST_CLUSTER } from './support/test-cluster.js';

/** Files that log in as demo users and create users and authorizations of their own, and the FC20 path test. */
const IDENTITY_SUBSET = ['test/sdk/incidents.rest.test.ts', 'test/sdk/audit-logs.rest.test.ts', 'test/processes/xining-fc20-manual-reimbursement.path.test.ts'];
/** Files that check through /v2 searches, with their event-log checks in embedded-only blocks. */
const SEARCH_SUBSET = ['test/sdk/process-instances.rest.test.ts', 'test/sdk/process-instance-migration.rest.test.ts', 'test/sdk/process-instance-modification.rest.test.ts'];
const DEMO_USERS = (JSON.parse(readFileSync('config/users.json', 'utf8')) as { users: { id: string }[] }).users.map((user) => user.id);

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
    body: JSON.stringify({ filter, page: { limit: 1000 } }),
  });
  return ((await response.json()) as { items: Record<string, unknown>[] }).items;
}

async function remove(path: string) {
  const response = await fetch(`${url}/v2/${path}`, { method: 'DELETE', headers: { authorization: basicAuth() } });
  expect(response.status, `DELETE /v2/${path}`).toBe(204);
}

/** The stand-in's identity entities, by their ids (authorizations by key). */
async function identity() {
  const ids = async (path: string, id: string) => (await search(path)).map((item) => String(item[id])).sort();
  return {
    users: await ids('users', 'username'),
    groups: await ids('groups', 'groupId'),
    roles: await ids('roles', 'roleId'),
    authorizations: await ids('authorizations', 'authorizationKey'),
  };
}

/** The run passed every file, skipping only the embedded-only blocks, and left no definition or running instance. */
async function expectPassedAndClean({ code, output }: { code: number | null; output: string }, files: string[]) {
  expect(output, output).toMatch(new RegExp(`Test Files\\s+${files.length} passed \\(${files.length}\\)`));
  const skipped = output.split('\n').filter((line) => line.includes('↓'));
  expect(skipped.length).toBeGreaterThan(0);
  expect(skipped.filter((line) => !line.includes('(embedded engine only)'))).toEqual([]);
  expect(code).toBe(0);
  expect(await search('process-definitions')).toEqual([]);
  expect(await search('decision-requirements')).toEqual([]);
  expect(await search('process-instances', { state: 'ACTIVE' })).toEqual([]);
  expect((await search('process-instances')).length).toBeGreaterThan(0);
}

// the proof starts its own engine process; inside a cluster-mode run there is nothing to prove
describe.skipIf(TEST_CLUSTER)('the suites in cluster mode', () => {
  it('should provision the identity the suites need, pass conformance files and the FC20 path test against a separately running engine, and leave it clean', async () => {
    // given: a "cluster" without the demo users, the group finance and the role manager (with its authorizations)
    for (const user of DEMO_USERS) await remove(`users/${user}`);
    await remove('groups/finance');
    await remove('roles/manager');
    const before = await identity();

    // when
    const run = await runInClusterMode(IDENTITY_SUBSET);

    // then: neither the test files' users and authorizations nor the provisioned ones are left
    await expectPassedAndClean(run, IDENTITY_SUBSET);
    // (vitest names the project a file ran in: own-modules or shared-modules, vitest.config.ts)
    expect(run.output).toMatch(/✓ \|[a-z-]+\| test\/processes\/xining-fc20-manual-reimbursement\.path\.test\.ts > FC20 医疗费用零星报销 > should accept, register, settle/);
    expect(before.users).not.toContain('zhang-min');
    expect(await identity()).toEqual(before);
  }, 600_000);

  it('should run the migration and modification conformance files against it, checking through /v2 searches', async () => {
    // when
    const run = await runInClusterMode(SEARCH_SUBSET);

    // then
    await expectPassedAndClean(run, SEARCH_SUBSET);
    expect(run.output).toMatch(/✓ \|[a-z-]+\| test\/sdk\/process-instance-migration\.rest\.test\.ts > POST \/v2\/process-instances\/\{key\}\/migration > should keep a user task/);
    expect(run.output).toMatch(/✓ \|[a-z-]+\| test\/sdk\/process-instance-modification\.rest\.test\.ts > POST \/v2\/process-instances\/\{key\}\/modification > should move a token/);
  }, 600_000);
});
