/**
 * `npm run deploy` as a real process against a real HTTP server, configured by the SDK's variables alone: it
 * deploys the models and forms of the folders it is given in one deployment (Chinese names intact), a second run
 * of unchanged files makes no new version, and a refused login stops it with exit code 1 and the address named.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { startEngine, type EngineFixture } from '../support/engine-fixture.js';

const run = promisify(execFile);

let engine: EngineFixture;
let folder: string;

async function deploy(credentials = { username: 'demo', password: 'demo' }) {
  const env = {
    ...process.env,
    ZEEBE_REST_ADDRESS: engine.url,
    CAMUNDA_AUTH_STRATEGY: 'BASIC',
    CAMUNDA_BASIC_AUTH_USERNAME: credentials.username,
    CAMUNDA_BASIC_AUTH_PASSWORD: credentials.password,
    CAMUNDA_LOG_LEVEL: 'none',
  };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/deploy.ts', folder], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

beforeAll(async () => {
  engine = await startEngine();
  folder = mkdtempSync(join(tmpdir(), 'deploy-script-'));
  mkdirSync(join(folder, 'forms'));
  const body = `<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>${flow('f', 's', 'e')}`;
  writeFileSync(join(folder, 'deploy-probe.bpmn'), bpmnProcess('deploy-probe', body, '部署试验流程'));
  const form = { id: 'deploy-probe-form', type: 'default', schemaVersion: 18, components: [{ type: 'textfield', key: 'name', label: '姓名' }] };
  writeFileSync(join(folder, 'forms', 'deploy-probe.form'), JSON.stringify(form));
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('npm run deploy', () => {
  it('should deploy every model and form of the folder to the cluster the SDK variables name', async () => {
    // when
    const result = await deploy();
    // then
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^\\[deploy\\] 1 processes, 0 decisions, 1 forms deployed to ${engine.url} \\(deployment \\d+\\)`));
    const { items } = await engine.client.searchProcessDefinitions({ filter: { processDefinitionId: 'deploy-probe' } });
    expect(items.map((d) => [d.name, d.version])).toEqual([['部署试验流程', 1]]);
  }, 60_000);

  it('should make no new version when the files did not change', async () => {
    // when
    const result = await deploy();
    // then
    expect(result.code, result.stderr).toBe(0);
    const { items } = await engine.client.searchProcessDefinitions({ filter: { processDefinitionId: 'deploy-probe' } });
    expect(items.map((d) => d.version)).toEqual([1]);
  }, 60_000);

  it('should stop with exit code 1, naming the address, when the cluster refuses the login', async () => {
    // when
    const result = await deploy({ username: 'demo', password: 'wrong' });
    // then
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`[deploy] deployment to ${engine.url} failed:`);
  }, 60_000);
});
