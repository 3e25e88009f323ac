/**
 * bpmn/catalog.json (`npm run catalog`): current with the models, their meta and the decision tables, meta files
 * validated with clear errors, every time limit in days taken from the decision table statutory-time-limit (never
 * a figure in a model or a meta), the decisions each process uses listed, and every flowchart 1–22 modelled.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildProcessCatalog, formatCatalog, ProcessCatalogError, type ProcessCatalog } from '../../scripts/catalog/process-catalog.js';
import { parseProcessMeta, ProcessMetaError } from '../../scripts/catalog/process-meta.js';
import { decisionTable, dmnDefinitions } from '../support/dmn.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VALID_META = {
  processId: 'xining-fc03-retirement-conversion',
  flowchart: 3,
  subflow: null,
  titleZh: '在职转退休（补缴）',
  nationalItem: { name: '职工参保登记', code: '132036001002' },
  timeLimit: { immediate: true, source: '廊坊清单' },
  startVariables: { type: 'object', required: ['idNumber'], properties: { idNumber: { type: 'string' } } },
};

/** The meta of a model that looks its time limit up in the table. */
const NO_LIMIT_META = { ...VALID_META, timeLimit: undefined };

let collecting: Promise<ProcessCatalog> | undefined;
/** The repository's catalogue, built once per file (throws the generator's error when a file is bad). */
const repositoryCatalog = () => (collecting ??= buildProcessCatalog(ROOT));

describe('bpmn/catalog.json', () => {
  it('should equal the catalogue generated from bpmn/*.bpmn, bpmn/*.dmn and bpmn/meta/*.json', async () => {
    // given
    const committed = readFileSync(join(ROOT, 'bpmn', 'catalog.json'), 'utf8');

    // when
    const generated = formatCatalog(await repositoryCatalog());

    // then
    expect(JSON.parse(committed), 'bpmn/catalog.json is stale: run `npm run catalog` and commit the result').toEqual(JSON.parse(generated));
  });

  it('should take every time limit in days from the decision table statutory-time-limit', async () => {
    // given
    const { processes } = await repositoryCatalog();

    // when
    const withoutTable = processes
      .filter((p) => !p.timeLimit.immediate)
      .filter((p) => !p.decisions.some((d) => d.decisionId === 'statutory-time-limit'))
      .map((p) => p.processId);

    // then
    expect(withoutTable).toEqual([]);
    expect(processes.find((p) => p.processId === 'xining-fc11-transfer-in')?.timeLimit).toMatchObject({
      workingDays: 20,
      phases: [
        { step: '转入地发出《联系函》', workingDays: 5 },
        { step: '转出地出具《信息表》并划转资金', workingDays: 10 },
        { step: '转入地接续办结', workingDays: 5 },
      ],
    });
  });

  it('should list every decision of bpmn/ with the processes that call it', async () => {
    // given
    const { decisions } = await repositoryCatalog();

    // when
    const usedBy = Object.fromEntries(decisions.map((d) => [d.decisionId, d.usedBy]));

    // then
    expect(usedBy).toMatchObject({
      'account-withdrawal-proofs': ['xining-fc10-account-withdrawal'],
      'maternity-leave-days': ['xining-fc18-maternity-allowance'],
      'maternity-submission-limit': ['xining-fc18-maternity-allowance', 'xining-fc22-out-of-area-maternity-reimbursement'],
    });
    expect(usedBy['statutory-time-limit']).toHaveLength(12);
    expect(decisions.every((d) => d.hitPolicy === 'UNIQUE' || d.hitPolicy === 'COLLECT')).toBe(true);
  });

  it('should have at least one model for every flowchart 1–22', async () => {
    // given
    const { processes } = await repositoryCatalog();

    // when
    const covered = new Set(processes.map((p) => p.flowchart));
    const missing = Array.from({ length: 22 }, (_, i) => i + 1).filter((fc) => !covered.has(fc));

    // then
    expect(missing, `flowcharts without a model in bpmn/: ${missing.join(', ')}`).toEqual([]);
  });
});

describe('bpmn/meta/<processId>.json', () => {
  it('should accept the example of docs/modeling-conventions.md', () => {
    // when
    const meta = parseProcessMeta('bpmn/meta/x.json', JSON.stringify(VALID_META));

    // then
    expect(meta).toEqual(VALID_META);
  });

  it.each([
    ['flowchart out of range', { flowchart: 23 }, 'flowchart'],
    ['two time limits', { timeLimit: { workingDays: 20, months: 1, source: 's' } }, 'timeLimit'],
    ['no time limit figure', { timeLimit: { source: 's' } }, 'timeLimit'],
    ['immediate not true', { timeLimit: { immediate: false, source: 's' } }, 'timeLimit.immediate'],
    ['national code with letters', { nationalItem: { name: '职工参保登记', code: 'A1' } }, 'nationalItem.code'],
    ['a code or a remark in the national item name', { nationalItem: { name: '门诊费用报销；住院费用报销为 132036006002', code: '132036006001' } }, 'nationalItem.name'],
    ['a field name in the national item name', { nationalItem: { name: '按 registrationCategory 区分', code: '132036004001' } }, 'nationalItem.name'],
    ['start variables not an object schema', { startVariables: { type: 'string' } }, 'startVariables.type'],
    ['unknown field', { titleEn: 'Retirement' }, '（整个文件）'],
  ])('should NOT accept %s, and name the file and the field', (_, change, field) => {
    // given
    const text = JSON.stringify({ ...VALID_META, ...change });

    // when
    const error = capture(() => parseProcessMeta('bpmn/meta/x.json', text));

    // then
    expect(error).toBeInstanceOf(ProcessMetaError);
    expect(error.message).toContain(`bpmn/meta/x.json：${field}`);
  });

  it('should name the file when it is not JSON', () => {
    // when
    const error = capture(() => parseProcessMeta('bpmn/meta/x.json', '{ processId: '));

    // then
    expect(error.message).toMatch(/^bpmn\/meta\/x\.json：不是有效的 JSON/);
  });

  it('should report a model without meta and a meta without model', async () => {
    // given
    const root = mkdtempSync(join(tmpdir(), 'process-catalog-'));
    mkdirSync(join(root, 'bpmn', 'meta'), { recursive: true });
    writeFileSync(join(root, 'bpmn', 'lonely.bpmn'), model('lonely'));
    writeFileSync(join(root, 'bpmn', 'meta', 'ghost.json'), JSON.stringify({ ...VALID_META, processId: 'ghost' }));

    try {
      // when
      const error = await buildProcessCatalog(root).then(() => undefined, (e: unknown) => e);

      // then
      expect(error).toBeInstanceOf(ProcessCatalogError);
      expect((error as ProcessCatalogError).problems).toEqual([
        'bpmn/meta/lonely.json：缺少目录数据文件（bpmn/lonely.bpmn 的流程 lonely）',
        'bpmn/meta/ghost.json：bpmn/ 下没有流程编号为「ghost」的模型',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('should list user tasks, decisions, job types and messages of a model, and take its time limit from the table', async () => {
    // given
    const root = sampleProject({ sample: model('sample') });

    try {
      // when
      const { processes, decisions } = await buildProcessCatalog(root);

      // then
      expect(processes[0]).toMatchObject({
        processId: 'sample',
        file: 'bpmn/sample.bpmn',
        timeLimit: { workingDays: 20, source: '廊坊清单 不超过20个工作日' },
        userTasks: [{ elementId: 'review', nameZh: '初审', candidateGroups: ['window-first-review'], formId: 'fc03-first-review' }],
        decisions: [{ elementId: 'timeLimit', nameZh: '确定办理时限', decisionId: 'statutory-time-limit', resultVariable: 'statutoryTimeLimit' }],
        jobTypes: ['compute-deadline'],
        messages: ['payment-received'],
      });
      expect(decisions).toEqual([
        { decisionId: 'statutory-time-limit', nameZh: '办理时限', file: 'bpmn/statutory-time-limit.dmn', hitPolicy: 'UNIQUE', rules: 2, usedBy: ['sample'] },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('should add up a time limit split into phases, one table lookup per phase', async () => {
    // given
    const phases = `${lookup('firstLimit', '="132036003002"', '="转入地发出《联系函》"')}${lookup('secondLimit', '="132036003002"', '="转出地出具《信息表》并划转资金"')}`;
    const root = sampleProject({ sample: model('sample', phases) });

    try {
      // when
      const { processes } = await buildProcessCatalog(root);

      // then
      expect(processes[0]?.timeLimit).toEqual({
        workingDays: 15,
        phases: [
          { step: '转入地发出《联系函》', workingDays: 5 },
          { step: '转出地出具《信息表》并划转资金', workingDays: 10 },
        ],
        source: '备注2 备注3',
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.each([
    ['a figure written into compute-deadline', model('sample', lookup('timeLimit', '="132036005000"'), '=20'), NO_LIMIT_META, 'deadline：timeLimitWorkingDays 写成了固定值 =20'],
    ['a meta time limit beside the table lookup', model('sample'), { ...VALID_META, timeLimit: { workingDays: 20, source: 's' } }, '请删除目录数据中的 timeLimit'],
    ['a meta limit in days without a lookup', model('sample', ''), { ...VALID_META, timeLimit: { workingDays: 20, source: 's' } }, '按日或按月计的时限须由'],
    ['no time limit at all', model('sample', ''), NO_LIMIT_META, 'timeLimit：缺少办理时限'],
    ['an item the table does not know', model('sample', lookup('timeLimit', '="999"')), NO_LIMIT_META, '中没有 国家经办事项编码 999 的一行'],
    ['a decision no .dmn defines', model('sample', lookup('timeLimit', '="132036005000"').replace('statutory-time-limit', 'time-limits')), NO_LIMIT_META, '调用决策「time-limits」'],
  ])('should refuse %s, naming the file', async (_, bpmn, meta, message) => {
    // given
    const root = sampleProject({ sample: bpmn }, meta);

    try {
      // when
      const error = await buildProcessCatalog(root).then(() => undefined, (e: unknown) => e);

      // then
      expect(error).toBeInstanceOf(ProcessCatalogError);
      expect((error as ProcessCatalogError).problems.join('\n')).toContain(message);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

// helpers

function capture(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

/** A project root with the models, their meta (the sample meta without a time limit unless given) and a small time-limit table. */
function sampleProject(models: Record<string, string>, meta: Record<string, unknown> = NO_LIMIT_META): string {
  const root = mkdtempSync(join(tmpdir(), 'process-catalog-'));
  mkdirSync(join(root, 'bpmn', 'meta'), { recursive: true });
  writeFileSync(join(root, 'bpmn', 'statutory-time-limit.dmn'), TIME_LIMIT_TABLE);
  for (const [processId, bpmn] of Object.entries(models)) {
    writeFileSync(join(root, 'bpmn', `${processId}.bpmn`), bpmn);
    writeFileSync(join(root, 'bpmn', 'meta', `${processId}.json`), JSON.stringify({ ...meta, processId }));
  }
  return root;
}

const TIME_LIMIT_TABLE = dmnDefinitions('time-limits', [
  decisionTable({
    id: 'statutory-time-limit',
    name: '办理时限',
    hitPolicy: 'UNIQUE',
    inputs: [
      { expression: 'serviceItemCode', typeRef: 'string' },
      { expression: 'deadlinePhase', typeRef: 'string' },
    ],
    outputs: [
      { name: 'workingDays', typeRef: 'number' },
      { name: 'calendarDays', typeRef: 'number' },
      { name: 'months', typeRef: 'number' },
    ],
    rules: [
      { inputs: ['"132036005000"', '-'], outputs: ['20', 'null', 'null'], annotation: '廊坊清单 不超过20个工作日' },
      { inputs: ['"132036003002"', '"转入地发出《联系函》","转出地出具《信息表》并划转资金"'], outputs: ['if deadlinePhase = "转入地发出《联系函》" then 5 else 10', 'null', 'null'], annotation: '备注2 备注3' },
    ],
  }),
]);

/** A business rule task looking up the time limit. */
function lookup(id: string, serviceItemCode: string, deadlinePhase?: string): string {
  return `<bpmn:businessRuleTask id="${id}" name="确定办理时限">
      <bpmn:extensionElements>
        <zeebe:calledDecision decisionId="statutory-time-limit" resultVariable="statutoryTimeLimit" />
        <zeebe:ioMapping>
          <zeebe:input source="${escapeAttribute(serviceItemCode)}" target="serviceItemCode" />
          ${deadlinePhase ? `<zeebe:input source="${escapeAttribute(deadlinePhase)}" target="deadlinePhase" />` : ''}
        </zeebe:ioMapping>
      </bpmn:extensionElements>
    </bpmn:businessRuleTask>`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

function model(processId: string, lookups = lookup('timeLimit', '="132036005000"'), workingDays = '=statutoryTimeLimit.workingDays'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  id="d-${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:collaboration id="c"><bpmn:participant id="p" processRef="${processId}" /></bpmn:collaboration>
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    ${lookups}
    <bpmn:serviceTask id="deadline">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="compute-deadline" />
        <zeebe:ioMapping><zeebe:input source="${workingDays}" target="timeLimitWorkingDays" /><zeebe:input source="=acceptedAt" target="acceptedAt" /></zeebe:ioMapping>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:userTask id="review" name="初审">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:formDefinition formId="fc03-first-review" />
        <zeebe:assignmentDefinition candidateGroups="window-first-review" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end" />
  </bpmn:process>
  <bpmn:message id="m" name="payment-received" />
</bpmn:definitions>`;
}
