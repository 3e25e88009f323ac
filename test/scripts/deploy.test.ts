/**
 * `npm run deploy` as a real process against a real HTTP server, configured by the SDK's variables alone: it
 * deploys the models and forms of the folders it is given in one deployment (Chinese names intact) and says so in
 * English and Chinese, a second run of unchanged files makes no new version, everything of bpmn/ and forms/ goes
 * by default, and a refused login, an invalid model or nothing to deploy stop it with exit code 1 and the reason —
 * an invalid model deploying nothing of its folder.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { TEST_CLUSTER } from '../support/test-cluster.js';

const run = promisify(execFile);

let engine: EngineFixture;
let scratch: string;
let folder: string;

async function deploy(folders: string[] = [folder], credentials = { username: 'demo', password: 'demo' }) {
  const env = {
    ...process.env,
    ZEEBE_REST_ADDRESS: engine.url,
    CAMUNDA_AUTH_STRATEGY: 'BASIC',
    CAMUNDA_BASIC_AUTH_USERNAME: credentials.username,
    CAMUNDA_BASIC_AUTH_PASSWORD: credentials.password,
    CAMUNDA_LOG_LEVEL: 'none',
  };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/deploy.ts', ...folders], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

beforeAll(async () => {
  if (TEST_CLUSTER) return;
  engine = await startEngine();
  scratch = mkdtempSync(join(tmpdir(), 'deploy-script-'));
  folder = join(scratch, 'probe');
  mkdirSync(join(folder, 'forms'), { recursive: true });
  const body = `<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>${flow('f', 's', 'e')}`;
  writeFileSync(join(folder, 'deploy-probe.bpmn'), bpmnProcess('deploy-probe', body, '部署试验流程'));
  const form = { id: 'deploy-probe-form', type: 'default', schemaVersion: 18, components: [{ type: 'textfield', key: 'name', label: '姓名' }] };
  writeFileSync(join(folder, 'forms', 'deploy-probe.form'), JSON.stringify(form));
}, 60_000);

afterAll(async () => {
  if (TEST_CLUSTER) return;
  await engine?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

// its own engine, and the repository's process ids: against a shared cluster it would add versions of them
describe.skipIf(TEST_CLUSTER)('npm run deploy', () => {
  it('should deploy every model and form of the folder to the cluster the SDK variables name, saying so in English and Chinese', async () => {
    // when
    const result = await deploy();
    // then
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^\\[deploy\\] 1 processes, 0 decisions, 1 forms deployed to ${engine.url} \\(deployment \\d+\\)`));
    expect(result.stdout).toMatch(new RegExp(`^\\[deploy\\] 已部署到 ${engine.url}：1 个流程、0 个决策、1 个表单（部署号 \\d+）$`, 'm'));
    expect(result.stdout).toContain('  deploy-probe v1 (deploy-probe.bpmn)');
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

  it('should deploy every model and form of bpmn/ and forms/ when no folder is named', async () => {
    // given
    const models = readdirSync('bpmn').filter((name) => name.endsWith('.bpmn'));
    const forms = readdirSync('forms', { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.form')).length;
    const decisions = readdirSync('bpmn').filter((name) => name.endsWith('.dmn')).length;

    // when
    const result = await deploy([]);

    // then
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^\\[deploy\\] \\d+ processes, ${decisions} decisions, ${forms} forms deployed to `));
    expect(result.stdout).toContain('  xining-fc20-manual-reimbursement v1 (xining-fc20-manual-reimbursement.bpmn)');
    const { items } = await engine.client.searchProcessDefinitions({ filter: {}, page: { limit: 200 } } as never);
    expect(new Set(items.map((d) => d.resourceName)).size).toBe(models.length + 1);
  }, 60_000);

  it('should stop with exit code 1, naming the address, when the cluster refuses the login', async () => {
    // when
    const result = await deploy([folder], { username: 'demo', password: 'wrong' });
    // then
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`[deploy] deployment to ${engine.url} failed, nothing was deployed:`);
    expect(result.stderr).toContain(`[deploy] 部署到 ${engine.url} 失败，未部署任何文件：`);
  }, 60_000);

  it('should stop with exit code 1 and the cluster’s reason when a model is invalid, deploying nothing of the folder', async () => {
    // given
    const bad = join(scratch, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'good.bpmn'), bpmnProcess('deploy-probe-good', `<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>${flow('f', 's', 'e')}`));
    writeFileSync(join(bad, 'broken.bpmn'), '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id=');

    // when
    const result = await deploy([bad]);

    // then
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^\[deploy\] deployment to http:\/\/127\.0\.0\.1:\d+ failed, nothing was deployed: 400 .*broken\.bpmn/m);
    const { items } = await engine.client.searchProcessDefinitions({ filter: { processDefinitionId: 'deploy-probe-good' } });
    expect(items).toEqual([]);
  }, 60_000);

  it('should stop with exit code 1 when the folders hold nothing to deploy', async () => {
    // given
    const empty = join(scratch, 'empty');
    mkdirSync(empty);

    // when
    const result = await deploy([empty]);

    // then
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`[deploy] nothing to deploy: no .bpmn, .dmn or .form under ${empty}`);
    expect(result.stderr).toContain(`[deploy] 没有可部署的文件：${empty} 下没有 .bpmn、.dmn 或 .form 文件`);
  }, 60_000);
});
