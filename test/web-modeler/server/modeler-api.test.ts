/**
 * The modeler's own API (`/modeler/api`) on the engine's server, as `npm start` mounts it, editing a temporary
 * git copy of the project: saving writes the file and commits it with the analyst as author, a model with
 * errors is saved as a draft that cannot be deployed, the history lists and returns every version (the analyst's
 * save a `save`, the copy's first commit a `release`), deployment
 * goes to /v2/deployments with the model's forms, two saves from the same revision conflict, and a clerk may
 * neither save nor deploy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longProcess } from '../../support/bpmn.js';
import { DEMO_PASSWORD, type EngineFixture } from '../../support/engine-fixture.js';
import { copyModelerProject, type ModelerProject } from '../../support/modeler-project.js';
import { startEngineWithWebApps, type EngineWithWebApps } from '../../support/web-apps-on-engine.js';

const FC20 = 'bpmn/xining-fc20-manual-reimbursement.bpmn';
const ANALYST = { username: 'liu-fang', password: DEMO_PASSWORD };
const CLERK = { username: 'zhang-min', password: DEMO_PASSWORD };

let engine: EngineFixture;
let started: EngineWithWebApps | undefined;
let project: ModelerProject;

beforeAll(async () => {
  project = copyModelerProject();
  started = await startEngineWithWebApps({ dataDir: project.dir, modelerProjectDir: project.dir });
  engine = started.engine;
}, 60_000);

afterAll(async () => {
  await started?.stop();
  project?.remove();
});

interface FileAnswer {
  text: string;
  revision: string;
  status: { draft: boolean; counts: { error: number } };
  findings: { elementId: string; rule: string; severity: string }[];
}

const api = (path: string, init: RequestInit & { as?: { username: string; password: string } } = {}) =>
  engine.fetch(`/modeler/api${path}`, { as: ANALYST, ...init });
const put = (file: string, text: string, baseRevision: string | null, as = ANALYST) =>
  api(`/files/${file}`, { method: 'PUT', as, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, baseRevision }) });
const renamed = (text: string, from: string, to: string) => {
  expect(text).toContain(`name="${from}"`);
  return text.replace(`name="${from}"`, `name="${to}"`);
};
const read = async (file: string) => (await (await api(`/files/${file}`)).json()) as FileAnswer;

describe('modeler API', () => {
  it('should list every model with its catalogue data and every form with the tasks that use it', async () => {
    // when
    const answer = await api('/project');

    // then
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as {
      history: string;
      models: { file: string; titleZh: string; timeLimitZh: string; status: { draft: boolean } }[];
      forms: { file: string; usedBy: { elementId: string; nameZh: string }[] }[];
    };
    expect(body.history).toBe('git');
    expect(body.models).toHaveLength(23);
    expect(body.models.find((model) => model.file === FC20)).toMatchObject({ titleZh: '医疗费用零星报销', timeLimitZh: '15 个工作日', status: { draft: false } });
    expect(body.forms.find((form) => form.file === 'forms/fc20-settlement-review.form')?.usedBy).toEqual([
      expect.objectContaining({ elementId: 'settlementReview', nameZh: expect.stringContaining('审核') }),
    ]);
  }, 60_000);

  it('should commit a save with the analyst as author and list it in the file history', async () => {
    // given
    const { text, revision } = await read(FC20);

    // when
    const saved = await put(FC20, renamed(text, '医疗保险经办工作人员初步审核', '窗口工作人员初步审核'), revision);

    // then
    expect(saved.status).toBe(200);
    const result = (await saved.json()) as { version: string; status: { draft: boolean } };
    expect(result.status.draft).toBe(false);
    expect(project.git('log', '-1', '--format=%an|%ae|%cn|%H')).toBe(`刘芳|liu-fang|刘芳|${result.version}\n`);
    expect(project.git('show', '--name-only', '--format=', 'HEAD').trim().split('\n')).toContain(FC20);
    const history = (await (await api(`/history/${FC20}`)).json()) as { versions: { version: string; kind: string; author: string; username: string | null }[] };
    expect(history.versions.map(({ kind, author, username }) => ({ kind, author, username }))).toEqual([
      { kind: 'save', author: '刘芳', username: 'liu-fang' },
      { kind: 'release', author: '初始导入', username: null },
    ]);
    expect(project.git('log', '-1', '--format=%(trailers:key=Modeler-Save,valueonly)').trim()).toBe('liu-fang');
    const first = (await (await api(`/history/${FC20}?version=${history.versions[1]!.version}`)).json()) as { text: string };
    expect(first.text).toBe(readFileSync(join(import.meta.dirname, '../../../', FC20), 'utf8'));
  });

  it('should save a model with a lint error as a draft that cannot be deployed', async () => {
    // given a service task without its job type
    const { text, revision } = await read(FC20);
    const broken = text.replace('<zeebe:taskDefinition type="compute-deadline" />', '');
    expect(broken).not.toBe(text);

    // when
    const saved = (await (await put(FC20, broken, revision)).json()) as FileAnswer & { revision: string };

    // then
    expect(saved.status.draft).toBe(true);
    expect(saved.findings).toContainEqual(expect.objectContaining({ rule: 'camunda-compat/implementation', severity: 'error' }));
    expect(project.git('log', '-1', '--format=%s')).toMatch(/^草稿（1 个错误）：/);
    const deploy = await api('/deployments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ file: FC20 }) });
    expect(deploy.status).toBe(409);
    expect(((await deploy.json()) as { detail: string }).detail).toContain('是草稿，不能部署');

    // and when fixed again
    expect((await put(FC20, text, saved.revision)).status).toBe(200);
  });

  it('should refuse a 修改说明 with control characters or bidirectional overrides, and save nothing', async () => {
    // given
    const { text, revision } = await read(FC20);
    const changed = text.replace('医疗费用零星报销', '医疗费用零星报销 ');
    const withMessage = (message: string) =>
      api(`/files/${FC20}`, { method: 'PUT', as: ANALYST, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: changed, baseRevision: revision, message }) });

    // when
    const answers = [];
    for (const message of ['改名\u001e伪造', '改名\u0085', '改名\u202e名改']) answers.push(await withMessage(message));

    // then the problem names the field as the editor page shows it, not the body's key
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400]);
    expect(answers[2]!.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await answers[2]!.json()).toEqual({ type: 'about:blank', title: '请求内容有误', status: 400, detail: '修改说明不能含控制字符' });
    const tooLong = await withMessage('改'.repeat(501));
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { detail: string }).detail).toBe('修改说明最多 500 个字符');
    expect((await read(FC20)).revision).toBe(revision);
    // line breaks and tabs are a message's own
    expect((await withMessage('改名\n\t第二行')).status).toBe(200);
  });

  it('should refuse a save made from an older revision', async () => {
    // given
    const { text, revision } = await read(FC20);
    expect((await put(FC20, text.replace('医疗费用零星报销', '医疗费用零星报销 '), revision)).status).toBe(200);

    // when a second save starts from the same revision
    const late = await put(FC20, text, revision);

    // then
    expect(late.status).toBe(409);
    expect(((await late.json()) as { detail: string }).detail).toContain('已被修改');
  });

  it('should deploy a model with its forms through /v2/deployments, as a new version each time it changed', async () => {
    // when
    const deploy = () => api('/deployments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ file: FC20 }) });
    const first = await deploy();
    const { text, revision } = await read(FC20);
    await put(FC20, renamed(text, '窗口工作人员初步审核', '窗口工作人员初审'), revision);
    const second = await deploy();

    // then
    expect(first.status).toBe(200);
    const body = (await second.json()) as { files: string[]; deployment: { deployments: { processDefinition?: { processDefinitionVersion: number } }[] } };
    expect(body.files[0]).toBe(FC20);
    expect(body.files).toContain('forms/fc20-settlement-review.form');
    expect(body.deployment.deployments.flatMap((d) => (d.processDefinition ? [d.processDefinition.processDefinitionVersion] : []))).toEqual([2]);
  });

  it('should refuse a clerk saving and deploying (403)', async () => {
    // given
    const { text, revision } = await read(FC20);

    // when
    const saved = await put(FC20, text, revision, CLERK);
    const deployed = await api('/deployments', { method: 'POST', as: CLERK, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ file: FC20 }) });

    // then
    expect(saved.status).toBe(403);
    expect(deployed.status).toBe(403);
    expect((await api('/project', { as: CLERK })).status).toBe(403);
  });

  it('should answer the engine while it lints a saved 10,000-element model', async () => {
    // given a model whose lint takes seconds
    const big = longProcess('modeler-big', 'modeler-big', 5_000);

    // when: rounds of engine requests, each after the one before, from the save until its answer
    let saved: Response | undefined;
    const saving = put('bpmn/modeler-big.bpmn', big, null).then((answer) => (saved = answer));
    let rounds = 0;
    let roundsDuringLint = 0;
    while (saved === undefined) {
      expect((await engine.fetch('/v2/topology')).status).toBe(200);
      rounds++;
      if (saved === undefined) roundsDuringLint++;
    }
    await saving;

    // then: the model was linted and saved, and the engine answered meanwhile (the lint runs on its own thread)
    expect(saved.status).toBe(200);
    const { findings } = (await saved.json()) as FileAnswer;
    expect(Array.isArray(findings)).toBe(true);
    console.log(`[modeler] ${roundsDuringLint} of ${rounds} topology requests answered while the 10,000-element model was linted`);
    // linted on the engine's thread, the requests only get through where the lint awaits (about 25 times);
    // on its own thread they keep going for the seconds it takes (thousands)
    expect(roundsDuringLint).toBeGreaterThanOrEqual(200);
  }, 240_000);

  it('should refuse paths outside the project', async () => {
    expect((await api('/files/config/roles.json')).status).toBe(400);
    expect((await api('/files/bpmn/..%2F..%2Fetc%2Fpasswd.bpmn')).status).toBe(400);
  });
});
