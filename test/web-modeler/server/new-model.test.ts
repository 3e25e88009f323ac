/**
 * 新建流程 through the modeler's API on a temporary git copy of the project: the two-level review template looks
 * its time limit up in the decision table statutory-time-limit by the national item code, so the catalogue
 * accepts the new model (bpmn/catalog.json updated, no meta time limit), the lint finds no error, and once
 * deployed with the table a case reaches 业务初审 with the due date of the table's row. An item code without a
 * row is created but reported by the catalogue in Chinese until the analyst adds the row to the table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintProject } from '../../../scripts/lint/lint-project.js';
import { DEMO_PASSWORD } from '../../support/engine-fixture.js';
import { copyModelerProject, type ModelerProject } from '../../support/modeler-project.js';
import { startProcessHarness, type ProcessHarness } from '../../support/process-harness.js';
import { webAppsOnEngine, type WebAppsOnEngine } from '../../support/web-apps-on-engine.js';

const ANALYST = { username: 'liu-fang', password: DEMO_PASSWORD };
const TABLE = 'bpmn/statutory-time-limit.dmn';

let h: ProcessHarness;
let apps: WebAppsOnEngine | undefined;
let project: ModelerProject;

beforeAll(async () => {
  project = copyModelerProject();
  apps = webAppsOnEngine({ dataDir: project.dir, modelerProjectDir: project.dir });
  // no model of bpmn/ deployed: the new one comes from the modeler, the decision table with it
  h = await startProcessHarness({
    processes: [],
    folders: ['forms'],
    extend: apps.extend,
  });
  apps.listening(h.fixture.url);
}, 60_000);

afterAll(async () => {
  await h?.stop();
  await apps?.close();
  project?.remove();
});

const post = (path: string, body: unknown) =>
  h.fixture.fetch(`/modeler/api${path}`, { as: ANALYST, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const newModel = (processId: string, formPrefix: string, code: string) => ({
  processId,
  titleZh: '参保单位登记（新建示例）',
  formPrefix,
  flowchart: 1,
  nationalItem: { name: '参保单位登记', code },
});

interface SaveAnswer {
  file: string;
  status: { draft: boolean; counts: { error: number } };
  findings: { rule: string; severity: string; message: string }[];
  catalog: { updated: boolean; problems: string[] };
}

describe('new model from the two-level review template', () => {
  it('should look the time limit up in the decision table, pass the catalogue and the lint, and give a case the due date of the row', async () => {
    // when: 132036001001 is the row of 参保单位登记, 5 working days
    const created = await post('/models', newModel('xining-fc99-template-check', 'fc99', '132036001001'));

    // then the model looks the limit up and the meta has none
    expect(created.status).toBe(201);
    const answer = (await created.json()) as SaveAnswer;
    expect(answer.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(answer.status).toMatchObject({ draft: false, counts: { error: 0 } });
    expect(answer.catalog).toEqual({ updated: true, problems: [] });
    const bpmn = readFileSync(join(project.dir, 'bpmn/xining-fc99-template-check.bpmn'), 'utf8');
    expect(bpmn).toContain('<zeebe:calledDecision decisionId="statutory-time-limit" resultVariable="statutoryTimeLimit" />');
    expect(bpmn).toContain('<zeebe:input source="=statutoryTimeLimit.workingDays" target="timeLimitWorkingDays" />');
    expect(bpmn).not.toMatch(/__[A-Z_]+__/);
    const meta = JSON.parse(readFileSync(join(project.dir, 'bpmn/meta/xining-fc99-template-check.json'), 'utf8')) as Record<string, unknown>;
    expect(meta).not.toHaveProperty('timeLimit');
    const catalog = JSON.parse(readFileSync(join(project.dir, 'bpmn/catalog.json'), 'utf8')) as { processes: { processId: string; timeLimit: unknown }[] };
    expect(catalog.processes.find((process) => process.processId === 'xining-fc99-template-check')?.timeLimit).toMatchObject({ workingDays: 5 });
    expect(project.git('log', '-1', '--format=%an|%s')).toContain('刘芳|新建流程 参保单位登记（新建示例）');
    // as `npm run lint <copy>` would: no error in the project with the new model and its forms
    const lint = await lintProject({ root: project.dir });
    expect(lint.bpmnFiles.some((file) => file.endsWith('xining-fc99-template-check.bpmn'))).toBe(true);
    expect(lint.findings.filter((finding) => finding.severity === 'error')).toEqual([]);

    // and when the model is deployed (with the table it calls: nothing deployed it before) and a case is
    // accepted on Monday 2026-03-02
    const deployed = await post('/deployments', { file: answer.file });
    expect(deployed.status).toBe(200);
    expect(((await deployed.json()) as { files: string[] }).files).toContain(TABLE);
    const pi = await h.start('xining-fc99-template-check', { personName: '马国强', idNumber: '630103196503152014', channel: 'window' });
    const task = await h.waitForTask(pi, 'firstReview');

    // then 5 working days after acceptance: Monday 2026-03-09
    const variables = await h.variables(pi);
    expect(variables.statutoryTimeLimit).toMatchObject({ workingDays: 5 });
    expect(variables.deadlineDate).toBe('2026-03-09');
    expect(String(task.dueDate)).toMatch(/^2026-03-09/);
  }, 90_000);

  it('should create a model whose item code has no row, have the catalogue say so in Chinese, and list it once the table has the row', async () => {
    // when
    const created = await post('/models', newModel('xining-fc98-no-row', 'fc98', '999999999999'));

    // then
    expect(created.status).toBe(201);
    const answer = (await created.json()) as SaveAnswer;
    expect(answer.catalog.updated).toBe(false);
    expect(answer.catalog.problems.join('\n')).toContain('中没有 国家经办事项编码 999999999999 的一行；请在该表中为本事项加一行');

    // and when the analyst adds the row to the table
    const table = (await (await h.fixture.fetch(`/modeler/api/files/${TABLE}`, { as: ANALYST })).json()) as { text: string; revision: string };
    const row = `      <rule id="templateCheckItem">
        <description>新建示例：10个工作日（测试）。</description>
        <inputEntry id="templateCheckItemCode"><text>"999999999999"</text></inputEntry>
        <inputEntry id="templateCheckItemPhase"><text>-</text></inputEntry>
        <outputEntry id="templateCheckItemWorkingDays"><text>10</text></outputEntry>
        <outputEntry id="templateCheckItemCalendarDays"><text>null</text></outputEntry>
        <outputEntry id="templateCheckItemMonths"><text>null</text></outputEntry>
      </rule>
    </decisionTable>`;
    const saved = await h.fixture.fetch(`/modeler/api/files/${TABLE}`, {
      as: ANALYST,
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: table.text.replace('    </decisionTable>', row), baseRevision: table.revision }),
    });

    // then the catalogue lists the new model with the row's limit
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as SaveAnswer).catalog).toEqual({ updated: true, problems: [] });
    const catalog = JSON.parse(readFileSync(join(project.dir, 'bpmn/catalog.json'), 'utf8')) as { processes: { processId: string; timeLimit: unknown }[] };
    expect(catalog.processes.find((process) => process.processId === 'xining-fc98-no-row')?.timeLimit).toMatchObject({ workingDays: 10, source: '新建示例：10个工作日（测试）。' });
  }, 60_000);

  it('should refuse a new model without a national item code (400, in Chinese)', async () => {
    // when
    const refused = await post('/models', { ...newModel('xining-fc97-no-code', 'fc97', ''), nationalItem: { name: '参保单位登记', code: '' } });

    // then
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('国家经办事项编码为 6–20 位数字');
  });

  it('should refuse a national item name with its code in it (400, in Chinese): the name is shown to clerks and managers', async () => {
    // when
    const refused = await post('/models', { ...newModel('xining-fc96-code-in-name', 'fc96', ''), nationalItem: { name: '参保单位登记（132036001001）', code: '132036001001' } });

    // then
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('国家经办事项名称只写名称，不带编码或说明');
  });

  it('should refuse an invalid new model or form with the fields named as the dialogs show them, in Chinese', async () => {
    // when
    const model = await post('/models', { ...newModel('xining-fc95-empty', 'fc95', '132036001001'), titleZh: '  ', flowchart: 23 });
    const form = await post('/forms', { formId: 'fc95-review', titleZh: '表'.repeat(61) });

    // then no English of zod's and no JSON key
    expect(model.status).toBe(400);
    expect(await model.json()).toEqual({ type: 'about:blank', title: '请求内容有误', status: 400, detail: '事项名称不能为空；流程图编号不能大于 22' });
    expect(form.status).toBe(400);
    expect(((await form.json()) as { detail: string }).detail).toBe('表单标题最多 60 个字符');
  });
});

