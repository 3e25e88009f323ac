/**
 * `npm run lint` (scripts/lint-models.ts, scripts/lint/): the fixture models and forms next to this file
 * (lint-models.*.bpmn, lint-models.*.form) are copied into a temporary project that has its own job catalogue,
 * roles (the repository's config/roles.json) and message publishers, then linted as a whole.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { NOTICE_DECISIONS } from '../../scripts/lint/cross-file-checks.js';
import { formatFinding, type Finding } from '../../scripts/lint/finding.js';
import { lintProject } from '../../scripts/lint/lint-project.js';
import { loadProjectReferences } from '../../scripts/lint/load-project-references.js';
import { lintMessageZh } from '../../web-modeler/src/lint-messages-zh.js';
import { DECISIONS } from '../../workers/generate-decision-notice.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./', import.meta.url));

const VALID_MODELS = ['lint-models.valid.bpmn', 'lint-models.valid-notice.bpmn'];
const CATALOG = { jobTypes: [{ type: 'compute-deadline' }, { type: 'send-notice' }] };
const DATA_ENTRY_CATALOG = {
  jobTypes: [{ type: 'compute-deadline' }, { type: 'check-entered-data', errors: { DATA_ENTRY_ERROR: '录入数据前后矛盾' } }],
};
const PUBLISHERS = {
  publishers: [{ messageName: 'payment-received', publisher: '财务系统', reason: '缴费到账由财务系统通知，不在模型内抛出' }],
};

const projects: string[] = [];
afterAll(() => {
  for (const dir of projects) rmSync(dir, { recursive: true, force: true });
});

describe('lintProject', () => {
  it('should pass a project with no models and no forms', async () => {
    // given
    const root = project({ bpmn: [], forms: [] });

    // when
    const result = await lintProject({ root });

    // then
    expect(result.findings).toEqual([]);
    expect(result.bpmnFiles).toEqual([]);
    expect(result.formFiles).toEqual([]);
  });

  it('should pass valid models and forms without any finding', async () => {
    // given
    const root = project({ bpmn: VALID_MODELS, forms: ['lint-models.valid.form'] });

    // when
    const result = await lintProject({ root });

    // then
    expect(result.findings.map(formatFinding)).toEqual([]);
    expect(result.bpmnFiles).toEqual(['bpmn/lint-models.valid-notice.bpmn', 'bpmn/lint-models.valid.bpmn']);
    expect(result.formFiles).toEqual(['forms/lint-models.valid.form']);
  });

  it('should report each unresolved name of a model on its element', async () => {
    // given
    const root = project({ bpmn: [...VALID_MODELS, 'lint-models.bad-references.bpmn'], forms: ['lint-models.valid.form'] });

    // when
    const { findings, counts } = await lintProject({ root });

    // then
    const bad = findings.filter((f) => f.file === 'bpmn/lint-models.bad-references.bpmn');
    expect(bad.map(summary)).toEqual([
      'error review [form-reference] no-such-form',
      'error work [job-type] no-such-job',
      'error review [candidate-group] no-such-role',
      'info reviewByFeel [candidate-group] =reviewGroups',
      'error callMissing [called-process] no-such-process',
      'error waitUnknown [message-publisher] nobody-publishes-this',
    ]);
    expect(counts).toEqual({ error: 5, warn: 0, info: 1 });
  });

  it('should report a four-eyes pair that names no other user task of the process', async () => {
    // given secondReview ← firstReview is right; thirdReview names a missing task and a service task; a service
    // task carries the property
    const root = project({ bpmn: ['lint-models.four-eyes.bpmn'], forms: ['lint-models.valid.form'] });

    // when
    const { findings } = await lintProject({ root });

    // then
    expect(findings.filter((f) => f.rule === 'four-eyes').map(summary)).toEqual([
      'error thirdReview [four-eyes] noSuchTask',
      'error thirdReview [four-eyes] deadline',
      'error deadline [four-eyes] ',
    ]);
  });

  it('should report retries other than 3 that the task header retries does not repeat (job-retries-header)', async () => {
    // given the default, 5 with its header, 5 without, and a header that contradicts the default
    const root = project({ bpmn: ['lint-models.retries.bpmn'], forms: [] });

    // when
    const { findings } = await lintProject({ root });

    // then
    expect(findings.filter((f) => f.rule === 'job-retries-header').map(summary)).toEqual([
      'error withoutHeader [job-retries-header] 5',
      'error wrongHeader [job-retries-header] 4',
    ]);
  });

  it('should report the office date written as a fixed eight-hour shift (office-date)', async () => {
    // given an output that names the zone beside an eight-hour interval that shifts nothing, one that adds
    // duration("PT8H") and a condition that adds @"PT8H"
    const root = project({ bpmn: ['lint-models.office-date.bpmn'], forms: [] });

    // when
    const { findings } = await lintProject({ root });

    // then the two shifts are errors, each named with what to write instead
    const officeDate = findings.filter((f) => f.rule === 'office-date');
    expect(officeDate.map(summary)).toEqual([
      'error fixedShift [office-date] =substring(string(now() + duration(',
      'error Flow_5 [office-date] =date(plannedSurgeryDate) >= date(now() + @',
    ]);
    expect(officeDate[0]!.message).toContain('date(date and time(now(), "Asia/Shanghai"))');
  });

  it('should report a step that neither cites a flowchart line nor is marked as an addition (chart-citation)', async () => {
    // given a model with a cited, a marked, an unmarked and an undocumented step
    const root = project({ bpmn: ['lint-models.uncited-step.bpmn'], forms: [], catalog: DATA_ENTRY_CATALOG });

    // when
    const { findings } = await lintProject({ root });

    // then only the two steps without citation or mark are errors, named with what to do
    const citations = findings.filter((f) => f.rule === 'chart-citation');
    expect(citations.map(summary)).toEqual(['error unmarkedStep [chart-citation] 自动审核', 'error undocumentedStep [chart-citation] 通知申请人']);
    expect(citations[0]!.message).toContain('补充（流程图未画出）');
  });

  it('should report a task whose worker may throw DATA_ENTRY_ERROR without a boundary that catches it', async () => {
    // given markedStep runs a data-checking job type and has no error boundary; citedStep has one
    const root = project({ bpmn: ['lint-models.uncited-step.bpmn'], forms: [], catalog: DATA_ENTRY_CATALOG });

    // when
    const { findings } = await lintProject({ root });

    // then
    expect(findings.filter((f) => f.rule === 'data-entry-boundary').map(summary)).toEqual(['error markedStep [data-entry-boundary] check-entered-data']);
  });

  it('should report a 不予受理 end that a path reaches without the 不予受理告知书 task (refusal-notice)', async () => {
    // given: endNotified after the notice; endLate after the notice and another step; endDirect straight from the
    // gateway; endNoticeFailed from a boundary event on the notice task (the notice was not issued)
    const root = project({ bpmn: [], forms: [], catalog: { jobTypes: [{ type: 'generate-refusal-notice' }] } });
    const task = (id: string, incoming: string, outgoing: string, body = '') =>
      `<bpmn:serviceTask id="${id}"><bpmn:extensionElements>${body}</bpmn:extensionElements><bpmn:incoming>${incoming}</bpmn:incoming><bpmn:outgoing>${outgoing}</bpmn:outgoing></bpmn:serviceTask>`;
    const notice = '<zeebe:taskDefinition type="generate-refusal-notice" />';
    const end = (id: string, name: string, incoming: string) => `<bpmn:endEvent id="${id}" name="${name}"><bpmn:incoming>${incoming}</bpmn:incoming></bpmn:endEvent>`;
    const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
    writeFileSync(
      join(root, 'bpmn', 'refusal.bpmn'),
      `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="defs" targetNamespace="http://example.org" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="refusal" name="测试" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    <bpmn:exclusiveGateway id="decided"><bpmn:incoming>f0</bpmn:incoming><bpmn:outgoing>f1</bpmn:outgoing><bpmn:outgoing>f2</bpmn:outgoing><bpmn:outgoing>f3</bpmn:outgoing></bpmn:exclusiveGateway>
    ${task('notice', 'f1', 'f4', notice)}${task('lateNotice', 'f3', 'f5', notice)}${task('record', 'f5', 'f6')}
    <bpmn:boundaryEvent id="noticeFailed" attachedToRef="notice"><bpmn:outgoing>f7</bpmn:outgoing><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
    ${end('endNotified', '不予受理', 'f4')}${end('endLate', '超过申报期限，不予受理', 'f6')}${end('endDirect', '不予受理', 'f2')}${end('endNoticeFailed', '不予受理', 'f7')}
    ${flow('f0', 'start', 'decided')}${flow('f1', 'decided', 'notice')}${flow('f2', 'decided', 'endDirect')}${flow('f3', 'decided', 'lateNotice')}
    ${flow('f4', 'notice', 'endNotified')}${flow('f5', 'lateNotice', 'record')}${flow('f6', 'record', 'endLate')}${flow('f7', 'noticeFailed', 'endNoticeFailed')}
  </bpmn:process>
</bpmn:definitions>`,
    );

    // when
    const { findings } = await lintProject({ root });

    // then
    expect(findings.filter((f) => f.rule === 'refusal-notice').map(summary)).toEqual([
      'error endDirect [refusal-notice] 不予受理',
      'error endNoticeFailed [refusal-notice] 不予受理',
    ]);
    // and the modeler's problems list words it in Chinese
    const direct = findings.find((f) => f.rule === 'refusal-notice')!;
    expect(lintMessageZh(direct)).toBe('结束事件「不予受理」有一条路径没有经过「出具不予受理告知书」（generate-refusal-notice）：不予受理须书面告知申请人理由和复议、诉讼途径');
  });

  it('should report a refusing end after 受理 that a path reaches without the notice of its decision (refusal-notice)', async () => {
    // given: endNotified after a 不予办理 notice; endWrongKind (不予备案) after a notice of another decision; endDirect
    // (暂不予备案) straight from the gateway; endNotQueried (FC8/FC9's 一次性告知，不予查询) is no decision to notify
    const root = project({ bpmn: [], forms: [], catalog: { jobTypes: [{ type: 'generate-decision-notice' }] } });
    const notice = (decision: string, id: string, incoming: string, outgoing: string) =>
      `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="generate-decision-notice" /><zeebe:ioMapping><zeebe:input source="=&#34;${decision}&#34;" target="decision" /></zeebe:ioMapping></bpmn:extensionElements><bpmn:incoming>${incoming}</bpmn:incoming><bpmn:outgoing>${outgoing}</bpmn:outgoing></bpmn:serviceTask>`;
    const end = (id: string, name: string, incoming: string) => `<bpmn:endEvent id="${id}" name="${name}"><bpmn:incoming>${incoming}</bpmn:incoming></bpmn:endEvent>`;
    const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
    writeFileSync(
      join(root, 'bpmn', 'decision.bpmn'),
      `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="defs" targetNamespace="http://example.org" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="decision" name="测试" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    <bpmn:exclusiveGateway id="decided"><bpmn:incoming>f0</bpmn:incoming><bpmn:outgoing>f1</bpmn:outgoing><bpmn:outgoing>f2</bpmn:outgoing><bpmn:outgoing>f3</bpmn:outgoing><bpmn:outgoing>f4</bpmn:outgoing></bpmn:exclusiveGateway>
    ${notice('不予办理', 'notHandled', 'f1', 'f5')}${notice('不予办理', 'wrongKind', 'f2', 'f6')}
    ${end('endNotified', '不予办理', 'f5')}${end('endWrongKind', '不予备案', 'f6')}${end('endDirect', '怀孕未满三个月，暂不予备案', 'f3')}${end('endNotQueried', '一次性告知，不予查询', 'f4')}
    ${flow('f0', 'start', 'decided')}${flow('f1', 'decided', 'notHandled')}${flow('f2', 'decided', 'wrongKind')}${flow('f3', 'decided', 'endDirect')}${flow('f4', 'decided', 'endNotQueried')}
    ${flow('f5', 'notHandled', 'endNotified')}${flow('f6', 'wrongKind', 'endWrongKind')}
  </bpmn:process>
</bpmn:definitions>`,
    );

    // when
    const { findings } = await lintProject({ root });

    // then
    expect(findings.filter((f) => f.rule === 'refusal-notice').map(summary)).toEqual([
      'error endWrongKind [refusal-notice] 不予备案',
      'error endDirect [refusal-notice] 怀孕未满三个月，暂不予备案',
    ]);
    // and the modeler's problems list words it in Chinese
    const direct = findings.find((f) => f.rule === 'refusal-notice' && f.elementId === 'endDirect')!;
    expect(lintMessageZh(direct)).toBe(
      '结束事件「怀孕未满三个月，暂不予备案」有一条路径没有经过决定为「不予备案」的「出具不予备案告知书」（generate-decision-notice）：不予备案须书面告知申请人理由和复议、诉讼途径',
    );
  });

  it('should report a refusing end after 受理 whose decision generate-decision-notice does not know (refusal-notice)', async () => {
    // given: 不予支付 is a refusal by the monitor's rule (不予…) but none of the four decisions, even after a notice task
    const root = project({ bpmn: [], forms: [], catalog: { jobTypes: [{ type: 'generate-decision-notice' }] } });
    writeFileSync(
      join(root, 'bpmn', 'unknown-decision.bpmn'),
      `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="defs" targetNamespace="http://example.org" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="unknownDecision" name="测试" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="notice"><bpmn:extensionElements><zeebe:taskDefinition type="generate-decision-notice" /><zeebe:ioMapping><zeebe:input source="=&#34;不予办理&#34;" target="decision" /></zeebe:ioMapping></bpmn:extensionElements><bpmn:incoming>f0</bpmn:incoming><bpmn:outgoing>f1</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="endNotPaid" name="不予支付"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="notice" /><bpmn:sequenceFlow id="f1" sourceRef="notice" targetRef="endNotPaid" />
  </bpmn:process>
</bpmn:definitions>`,
    );

    // when
    const { findings } = await lintProject({ root });

    // then
    const unknown = findings.filter((f) => f.rule === 'refusal-notice');
    expect(unknown.map(summary)).toEqual(['error endNotPaid [refusal-notice] 不予支付']);
    expect(unknown[0]!.message).toBe('end event "不予支付" refuses by a decision generate-decision-notice does not know (不予办理, 不予变更, 不予认定, 不予备案)');
    // and the modeler's problems list words it in Chinese
    expect(lintMessageZh(unknown[0]!)).toBe('结束事件「不予支付」的决定不在「出具告知书」（generate-decision-notice）可出具的决定之中（不予办理、不予变更、不予认定、不予备案）');
  });

  it('should report a generate-decision-notice task that states no decision it knows (decision-stated)', async () => {
    // given: stated carries a constant; fromVariable a FEEL variable; unpicked the input the template writes before the
    // analyst picks (no source); spaced a constant the dropdown would not show; none no input at all
    const root = project({ bpmn: [], forms: [], catalog: { jobTypes: [{ type: 'generate-decision-notice' }] } });
    const notice = (id: string, input: string, incoming: string, outgoing: string) =>
      `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="generate-decision-notice" />${input}</bpmn:extensionElements><bpmn:incoming>${incoming}</bpmn:incoming><bpmn:outgoing>${outgoing}</bpmn:outgoing></bpmn:serviceTask>`;
    const input = (source?: string) => `<zeebe:ioMapping><zeebe:input ${source === undefined ? '' : `source="${source}" `}target="decision" /></zeebe:ioMapping>`;
    writeFileSync(
      join(root, 'bpmn', 'stated.bpmn'),
      `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="defs" targetNamespace="http://example.org" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="stated" name="测试" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    ${notice('stated', input('=&#34;不予办理&#34;'), 'f0', 'f1')}${notice('fromVariable', input('=decision'), 'f1', 'f2')}${notice('unpicked', input(), 'f2', 'f3')}
    ${notice('spaced', input('= &#34;不予办理&#34;'), 'f3', 'f4')}${notice('none', '', 'f4', 'f5')}
    <bpmn:endEvent id="end" name="不予办理"><bpmn:incoming>f5</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="stated" /><bpmn:sequenceFlow id="f1" sourceRef="stated" targetRef="fromVariable" />
    <bpmn:sequenceFlow id="f2" sourceRef="fromVariable" targetRef="unpicked" /><bpmn:sequenceFlow id="f3" sourceRef="unpicked" targetRef="spaced" />
    <bpmn:sequenceFlow id="f4" sourceRef="spaced" targetRef="none" /><bpmn:sequenceFlow id="f5" sourceRef="none" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`,
    );

    // when
    const { findings } = await lintProject({ root });

    // then
    const unstated = findings.filter((f) => f.rule === 'decision-stated');
    expect(unstated.map((f) => `${f.severity} ${f.elementId}`)).toEqual(['error fromVariable', 'error unpicked', 'error spaced', 'error none']);
    expect(unstated[0]!.message).toBe('generate-decision-notice task states no decision it knows: set its input decision to one of ="不予办理", ="不予变更", ="不予认定", ="不予备案"');
    // and the modeler's problems list words it in Chinese
    expect(lintMessageZh(unstated[0]!)).toBe(
      '「出具告知书」（generate-decision-notice）没有写明决定：请在属性面板的「决定」中选择不予办理、不予变更、不予认定、不予备案之一，否则案件到达此步时作业执行器会拒绝作业，案件停在异常',
    );
  });

  it('should know the decisions generate-decision-notice states', () => {
    expect([...NOTICE_DECISIONS]).toEqual(Object.keys(DECISIONS));
  });

  it('should report a job type that is not in workers/catalog.json', async () => {
    // given
    const root = project({ bpmn: VALID_MODELS, forms: ['lint-models.valid.form'], catalog: { jobTypes: [{ type: 'send-notice' }] } });

    // when
    const { findings } = await lintProject({ root });

    // then
    expect(findings).toEqual([
      {
        file: 'bpmn/lint-models.valid.bpmn',
        severity: 'error',
        elementId: 'deadline',
        rule: 'job-type',
        message: 'ServiceTask job type "compute-deadline" is not in workers/catalog.json: no worker would take its jobs',
        entryIds: ['taskDefinitionType'],
      },
    ]);
  });

  it('should report a formId that matches no form in forms/', async () => {
    // given
    const root = project({ bpmn: VALID_MODELS, forms: [] });

    // when
    const { findings } = await lintProject({ root });

    // then
    expect(findings.map(summary)).toEqual(['error review [form-reference] lint-fixture-review']);
  });

  it('should report a candidate group that is not in config/roles.json', async () => {
    // given
    const root = project({
      bpmn: VALID_MODELS,
      forms: ['lint-models.valid.form'],
      roles: { roles: [{ id: 'window-first-review', nameZh: '窗口初审' }] },
    });

    // when
    const { findings } = await lintProject({ root });

    // then
    expect(findings.map(formatFinding)).toEqual([
      'bpmn/lint-models.valid.bpmn: error review [candidate-group] candidate group "supervisor" is not a role in config/roles.json',
    ]);
  });

  it('should accept a message thrown by another model, and report it once no model throws it', async () => {
    // given
    const withThrower = project({ bpmn: VALID_MODELS, forms: ['lint-models.valid.form'] });
    const withoutThrower = project({ bpmn: ['lint-models.valid.bpmn'], forms: ['lint-models.valid.form'] });

    // when
    const accepted = await lintProject({ root: withThrower });
    const rejected = await lintProject({ root: withoutThrower });

    // then
    expect(accepted.findings).toEqual([]);
    expect(rejected.findings.map(summary)).toEqual([
      'error callNotice [called-process] lint-fixture-valid-notice',
      'error waitNoticeSent [message-publisher] review-finished',
    ]);
  });

  it('should report a message that only bpmn/message-publishers.json published, once the entry is gone', async () => {
    // given
    const root = project({ bpmn: VALID_MODELS, forms: ['lint-models.valid.form'], publishers: { publishers: [] } });

    // when
    const { findings } = await lintProject({ root });

    // then
    expect(findings.map(formatFinding)).toEqual([
      'bpmn/lint-models.valid.bpmn: error waitPayment [message-publisher] message "payment-received" (IntermediateCatchEvent) has no publisher: ' +
        'no model throws it and bpmn/message-publishers.json does not list it',
    ]);
  });

  it('should warn about a publisher entry that no model waits for, and reject an entry without a reason', async () => {
    // given
    const stale = project({
      bpmn: VALID_MODELS,
      forms: ['lint-models.valid.form'],
      publishers: { publishers: [...PUBLISHERS.publishers, { messageName: 'gone', publisher: '网厅', reason: '旧流程' }] },
    });
    const malformed = project({ bpmn: [], forms: [], publishers: { publishers: [{ messageName: 'x', publisher: '网厅' }] } });

    // when
    const staleResult = await lintProject({ root: stale });
    const malformedResult = await lintProject({ root: malformed });

    // then
    expect(staleResult.findings.map(summary)).toEqual(['warn gone [message-publisher] gone']);
    expect(malformedResult.findings.map((f) => `${f.file}: ${f.severity} [${f.rule}]`)).toEqual(['bpmn/message-publishers.json: error [message-publishers]']);
    expect(malformedResult.findings[0].message).toContain('publishers.0.reason');
  });

  it('should report an executable process id that two files define', async () => {
    // given
    const root = project({ bpmn: VALID_MODELS, forms: ['lint-models.valid.form'] });
    const copy = readFileSync(join(root, 'bpmn/lint-models.valid-notice.bpmn'), 'utf8');
    writeFileSync(join(root, 'bpmn/lint-models.valid-notice-copy.bpmn'), copy);

    // when
    const { findings } = await lintProject({ root });

    // then
    expect(findings.map(formatFinding)).toEqual([
      'bpmn/lint-models.valid-notice.bpmn: error lint-fixture-valid-notice [duplicate-process-id] process id "lint-fixture-valid-notice" ' +
        'is also defined in bpmn/lint-models.valid-notice-copy.bpmn',
    ]);
  });

  it('should force Camunda 8.8 on a model that names no execution platform, report it, and lint it anyway', async () => {
    // given
    const root = project({ bpmn: ['lint-models.no-platform.bpmn'], forms: [] });

    // when
    const { findings } = await lintProject({ root });

    // then
    expect(findings.map((f) => `${f.severity} ${f.elementId} [${f.rule}]`)).toEqual([
      'error Definitions_noplatform [execution-platform]',
      'error notify [camunda-compat/implementation]',
    ]);
    expect(findings[0].message).toContain('modeler:executionPlatformVersion="8.8.0"');
  });

  it('should report a model that targets another Camunda version', async () => {
    // given
    const root = project({ bpmn: VALID_MODELS, forms: ['lint-models.valid.form'] });
    edit(root, 'bpmn/lint-models.valid-notice.bpmn', (xml) => xml.replace('executionPlatformVersion="8.8.0"', 'executionPlatformVersion="8.7.0"'));

    // when
    const { findings } = await lintProject({ root });

    // then
    expect(findings.map(summary)).toEqual(['error Definitions_notice [execution-platform] 8.7.0']);
  });

  it("should warn about a review form's read-only list whose options differ from the list that fills it in the same model", async () => {
    // given: the model's start form fills materials (three options), its review form shows them read-only with two,
    // one of them not the intake's; a form no model of the intake uses shows them with other options
    const root = project({ bpmn: VALID_MODELS, forms: [] });
    edit(root, 'bpmn/lint-models.valid.bpmn', (xml) =>
      xml.replace('<bpmn:startEvent id="start" name="申请提交">', '<bpmn:startEvent id="start" name="申请提交"><bpmn:extensionElements><zeebe:formDefinition formId="lint-fixture-intake" /></bpmn:extensionElements>'),
    );
    const list = (id: string, values: string[], disabled?: boolean) => ({ type: 'checklist', id, key: 'materials', label: '材料', ...(disabled ? { disabled } : {}), values: values.map((value) => ({ label: value, value })) });
    writeForm(root, 'intake.form', { id: 'lint-fixture-intake', type: 'default', components: [list('f_materials', ['身份证', '申请表', '病历'])] });
    writeForm(root, 'review.form', { id: 'lint-fixture-review', type: 'default', components: [list('f_intakeMaterials', ['身份证', '发票'], true), list('f_materialsChecked', ['身份证'])] });
    writeForm(root, 'elsewhere.form', { id: 'lint-fixture-elsewhere', type: 'default', components: [list('f_intakeMaterials', ['其他'], true)] });

    // when
    const { findings } = await lintProject({ root });

    // then: one warning, on the review form's read-only list, naming what it lacks and what it has in addition
    const shown = findings.filter((finding) => finding.rule === 'shown-list-options');
    expect(shown.map((f) => `${f.file} ${f.severity} ${f.elementId}`)).toEqual(['forms/review.form warn f_intakeMaterials']);
    expect(shown[0]!.message).toBe(
      'read-only list "materials" shows other options than forms/intake.form, where it is filled: it lacks "申请表", "病历" and has "发票" that it does not offer (give both lists the same options in the same order)',
    );

    // and when the read-only list offers the intake's options in another order, that is said (the lists sit side by side)
    writeForm(root, 'review.form', { id: 'lint-fixture-review', type: 'default', components: [list('f_intakeMaterials', ['病历', '身份证', '申请表'], true)] });
    expect((await lintProject({ root })).findings.filter((finding) => finding.rule === 'shown-list-options').map((f) => f.message)).toEqual([
      'read-only list "materials" shows other options than forms/intake.form, where it is filled: it lists them in another order ("身份证", "申请表", "病历" there) (give both lists the same options in the same order)',
    ]);

    // and in the intake's order there is nothing to say
    writeForm(root, 'review.form', { id: 'lint-fixture-review', type: 'default', components: [list('f_intakeMaterials', ['身份证', '申请表', '病历'], true)] });
    expect((await lintProject({ root })).findings.filter((finding) => finding.rule === 'shown-list-options')).toEqual([]);
  });

  it("should warn about a reviewer's verified list offering an option the model's intake list does not", async () => {
    // given: the start form fills materials; the review form's materialsChecked words one of them otherwise
    const root = project({ bpmn: VALID_MODELS, forms: [] });
    edit(root, 'bpmn/lint-models.valid.bpmn', (xml) =>
      xml.replace('<bpmn:startEvent id="start" name="申请提交">', '<bpmn:startEvent id="start" name="申请提交"><bpmn:extensionElements><zeebe:formDefinition formId="lint-fixture-intake" /></bpmn:extensionElements>'),
    );
    const list = (id: string, key: string, values: string[]) => ({ type: 'checklist', id, key, label: '材料', values: values.map((value) => ({ label: value, value })) });
    writeForm(root, 'intake.form', { id: 'lint-fixture-intake', type: 'default', components: [list('f_materials', 'materials', ['身份证', '申请表'])] });
    writeForm(root, 'review.form', { id: 'lint-fixture-review', type: 'default', components: [list('f_materialsChecked', 'materialsChecked', ['身份证', '《申请表》'])] });

    // when
    const reviewer = (await lintProject({ root })).findings.filter((finding) => finding.rule === 'reviewer-list-options');

    // then
    expect(reviewer.map((f) => `${f.file} ${f.severity} ${f.elementId} ${f.message}`)).toEqual([
      'forms/review.form warn f_materialsChecked reviewer\'s list "materialsChecked" offers "《申请表》", which the intake list of this model does not: word each option as the intake does (the task list\'s 材料清单 compares them)',
    ]);

    // and worded as the intake, a part of it, there is nothing to say
    writeForm(root, 'review.form', { id: 'lint-fixture-review', type: 'default', components: [list('f_materialsChecked', 'materialsChecked', ['申请表'])] });
    expect((await lintProject({ root })).findings.filter((finding) => finding.rule === 'reviewer-list-options')).toEqual([]);
  });

  it('should compare read-only lists only with lists of the same group path, and never take a readonly list for the one that fills it', async () => {
    // given: the intake fills kind under maternityEvent and under contributionPeriods (a dynamic list) with other
    // options, and has a readonly list of materials; the review shows each kind read-only with its own group's options
    const root = project({ bpmn: VALID_MODELS, forms: [] });
    edit(root, 'bpmn/lint-models.valid.bpmn', (xml) =>
      xml.replace('<bpmn:startEvent id="start" name="申请提交">', '<bpmn:startEvent id="start" name="申请提交"><bpmn:extensionElements><zeebe:formDefinition formId="lint-fixture-intake" /></bpmn:extensionElements>'),
    );
    const list = (id: string, key: string, values: string[], flags: { disabled?: boolean; readonly?: boolean } = {}) => ({ type: 'radio', id, key, label: '类别', ...flags, values: values.map((value) => ({ label: value, value })) });
    const event = (suffix: string, values: string[], disabled?: boolean) => ({ type: 'group', id: `g_event${suffix}`, label: '生育', path: 'maternityEvent', components: [list(`f_eventKind${suffix}`, 'kind', values, { disabled })] });
    const periods = (suffix: string, values: string[], disabled?: boolean) => ({ type: 'dynamiclist', id: `g_periods${suffix}`, label: '缴费期间', path: 'contributionPeriods', components: [list(`f_periodKind${suffix}`, 'kind', values, { disabled })] });
    writeForm(root, 'intake.form', {
      id: 'lint-fixture-intake',
      type: 'default',
      components: [event('', ['顺产', '剖宫产']), periods('', ['职工', '居民']), list('f_materials', 'materials', ['身份证', '发票'], { readonly: true })],
    });
    writeForm(root, 'review.form', {
      id: 'lint-fixture-review',
      type: 'default',
      components: [event('Shown', ['顺产', '剖宫产'], true), periods('Shown', ['职工', '居民'], true), list('f_materialsShown', 'materials', ['身份证'], { disabled: true })],
    });

    // when
    const { findings } = await lintProject({ root });

    // then: each kind matches its own group's list, and the readonly materials list is no source to compare with
    expect(findings.filter((finding) => finding.rule === 'shown-list-options')).toEqual([]);

    // and when the event's read-only kind took the periods' options, it is reported under its group's path
    writeForm(root, 'review.form', { id: 'lint-fixture-review', type: 'default', components: [event('Shown', ['职工', '居民'], true)] });
    const shown = (await lintProject({ root })).findings.filter((finding) => finding.rule === 'shown-list-options');
    expect(shown.map((f) => `${f.elementId} ${f.message}`)).toEqual([
      'f_eventKindShown read-only list "maternityEvent.kind" shows other options than forms/intake.form, where it is filled: it lacks "顺产", "剖宫产" and has "职工", "居民" that it does not offer (give both lists the same options in the same order)',
    ]);
  });

  it("should warn about a review form's read-only text field that shows the code a list of the same model fills", async () => {
    // given: the start form fills enrolmentKind from a radio; the review form shows it in a readonly text field, and
    // the unit's name (no list fills it) likewise
    const root = project({ bpmn: VALID_MODELS, forms: [] });
    edit(root, 'bpmn/lint-models.valid.bpmn', (xml) =>
      xml.replace('<bpmn:startEvent id="start" name="申请提交">', '<bpmn:startEvent id="start" name="申请提交"><bpmn:extensionElements><zeebe:formDefinition formId="lint-fixture-intake" /></bpmn:extensionElements>'),
    );
    const kinds = [
      { label: '新增参保', value: 'new' },
      { label: '恢复缴费', value: 'resume' },
    ];
    writeForm(root, 'intake.form', {
      id: 'lint-fixture-intake',
      type: 'default',
      components: [{ type: 'radio', id: 'f_enrolmentKind', key: 'enrolmentKind', label: '业务类型', values: kinds }, { type: 'textfield', id: 'f_unitName', key: 'unitName', label: '单位名称' }],
    });
    const shownAs = (field: object) => ({
      id: 'lint-fixture-review',
      type: 'default',
      components: [{ id: 'f_enrolmentKind', key: 'enrolmentKind', label: '业务类型', ...field }, { type: 'textfield', id: 'f_unitName', key: 'unitName', label: '单位名称', readonly: true }],
    });
    writeForm(root, 'review.form', shownAs({ type: 'textfield', readonly: true }));

    // when
    const { findings } = await lintProject({ root });

    // then: the code is reported, the name is not
    const shown = findings.filter((finding) => finding.rule === 'shown-list-options');
    expect(shown.map((f) => `${f.file} ${f.severity} ${f.elementId} ${f.message}`)).toEqual([
      'forms/review.form warn f_enrolmentKind read-only textfield "enrolmentKind" shows the codes ("new", "resume") that a list fills it with in forms/intake.form: ' +
        "make it a disabled radio or select with that list's options, so the reviewer reads their labels",
    ]);

    // and shown as a disabled radio with the intake's options there is nothing to say
    writeForm(root, 'review.form', shownAs({ type: 'radio', disabled: true, values: kinds }));
    expect((await lintProject({ root })).findings.filter((finding) => finding.rule === 'shown-list-options')).toEqual([]);
  });

  it("should fail a form that submits another step's decision, reason or note, editable or readonly, and pass it shown disabled", async () => {
    // given: after the review (whose form records reviewReason) an approval whose form binds reviewReason editable,
    // and a field named like a step that is no task of the model
    const root = project({ bpmn: VALID_MODELS, forms: [] });
    edit(root, 'bpmn/lint-models.valid.bpmn', (xml) =>
      xml.replace(
        '<bpmn:serviceTask id="deadline"',
        '<bpmn:userTask id="approval" name="审批"><bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId="lint-fixture-approval" /></bpmn:extensionElements></bpmn:userTask><bpmn:serviceTask id="deadline"',
      ),
    );
    const reason = { type: 'textarea', id: 'f_reviewReason', key: 'reviewReason', label: '理由' };
    writeForm(root, 'review.form', { id: 'lint-fixture-review', type: 'default', components: [reason] });
    const approval = (shown: object) => ({
      id: 'lint-fixture-approval',
      type: 'default',
      components: [
        { ...reason, ...shown },
        { type: 'textarea', id: 'f_approvalReason', key: 'approvalReason', label: '审批理由' },
        { type: 'textarea', id: 'f_paymentReason', key: 'paymentReason', label: '支付说明' },
      ],
    });
    const records = async () => (await lintProject({ root })).findings.filter((finding) => finding.rule === 'other-step-record');
    writeForm(root, 'approval.form', approval({}));

    // when
    const editable = await records();

    // then the approval's copy of the review's reason is an error; its own reason and a name of no task are not
    expect(editable.map((f) => `${f.file} ${f.severity} ${f.elementId} ${f.message}`)).toEqual([
      'forms/approval.form error f_reviewReason editable field "reviewReason" is the record of user task "review", yet task "approval" submits it: ' +
        'completing this step would write over what that step recorded; show it with "disabled": true (not submitted)',
    ]);

    // and readonly is no better (form-js submits it), one finding on the field (not also readonly-copy's warning),
    // disabled is how another step shows it
    writeForm(root, 'approval.form', approval({ readonly: true }));
    expect((await records()).map((f) => f.message)).toEqual([expect.stringMatching(/^readonly field "reviewReason" is the record of user task "review"/)]);
    expect((await lintProject({ root })).findings.filter((f) => f.elementId === 'f_reviewReason').map((f) => f.rule)).toEqual(['other-step-record']);
    writeForm(root, 'approval.form', approval({ readonly: '=reviewDecision = "approved"' }));
    expect((await records()).map((f) => f.message)).toEqual([expect.stringMatching(/^readonly field "reviewReason"/)]);
    writeForm(root, 'approval.form', approval({ disabled: true }));
    expect(await records()).toEqual([]);
  });

  it('should fail another task that submits a note named after no task, owned by the task whose form edits it', async () => {
    // given: the review's form edits entryNote (no task is called "entry"), the approval's form submits it readonly
    const root = project({ bpmn: VALID_MODELS, forms: [] });
    edit(root, 'bpmn/lint-models.valid.bpmn', (xml) =>
      xml.replace(
        '<bpmn:serviceTask id="deadline"',
        '<bpmn:userTask id="approval" name="审批"><bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId="lint-fixture-approval" /></bpmn:extensionElements></bpmn:userTask><bpmn:serviceTask id="deadline"',
      ),
    );
    const note = { type: 'textarea', id: 'f_entryNote', key: 'entryNote', label: '录入说明' };
    writeForm(root, 'review.form', { id: 'lint-fixture-review', type: 'default', components: [note] });
    const approval = (shown: object) => ({ id: 'lint-fixture-approval', type: 'default', components: [{ ...note, ...shown }] });
    const records = async () => (await lintProject({ root })).findings.filter((finding) => finding.rule === 'other-step-record');
    writeForm(root, 'approval.form', approval({ readonly: true }));

    // when
    const readonly = await records();

    // then the approval is reported, not the review that records the note
    expect(readonly.map((f) => `${f.file} ${f.elementId} ${f.message}`)).toEqual([
      'forms/approval.form f_entryNote readonly field "entryNote" is the record of user task "review", yet task "approval" submits it: ' +
        'completing this step would write over what that step recorded; show it with "disabled": true (not submitted)',
    ]);

    // and two tasks that both edit it (no exception listed in shared-step-records.ts) are each reported
    writeForm(root, 'approval.form', approval({}));
    expect((await records()).map((f) => `${f.file} ${f.elementId}`)).toEqual(['forms/approval.form f_entryNote', 'forms/review.form f_entryNote']);
    writeForm(root, 'approval.form', approval({ disabled: true }));
    expect(await records()).toEqual([]);
  });

  it('should warn about a readonly copy (submitted on 办结), not about a disabled one or a FEEL readonly', async () => {
    // given
    const root = project({ bpmn: VALID_MODELS, forms: [] });
    const name = (shown: object) => ({ type: 'textfield', id: 'f_personName', key: 'personName', label: '姓名', ...shown });
    const review = (shown: object) => ({ id: 'lint-fixture-review', type: 'default', components: [name(shown)] });
    const copies = async () => (await lintProject({ root })).findings.filter((finding) => finding.rule === 'readonly-copy');
    writeForm(root, 'review.form', review({ readonly: true }));

    // when
    const readonly = await copies();

    // then
    expect(readonly.map((f) => `${f.file} ${f.severity} ${f.elementId} ${f.message}`)).toEqual([
      'forms/review.form warn f_personName field "personName" is readonly: form-js submits it on completion, writing the copy over the variable; ' +
        'show a copy with "disabled": true instead (not submitted)',
    ]);
    writeForm(root, 'review.form', review({ disabled: true }));
    expect(await copies()).toEqual([]);
    writeForm(root, 'review.form', review({ readonly: '=reviewDecision = "approved"' }));
    expect(await copies()).toEqual([]);
  });

  it('should tell to disable a whole list, fail a list partly disabled, and warn about a disabled field with validate rules', async () => {
    // given a copied list of periods whose "from" is readonly, then disabled alone, then all disabled
    const root = project({ bpmn: VALID_MODELS, forms: [] });
    const field = (key: string, shown: object) => ({ type: 'textfield', id: `f_${key}`, key, label: key, ...shown });
    const review = (from: object, to: object) => ({
      id: 'lint-fixture-review',
      type: 'default',
      components: [{ type: 'dynamiclist', id: 'f_periods', path: 'periods', label: '缴费记录', components: [field('from', from), field('to', to)] }],
    });
    const rules = ['readonly-copy', 'partly-disabled-list', 'disabled-validate'];
    const found = async () =>
      (await lintProject({ root })).findings.filter((f) => rules.includes(f.rule)).map((f) => `${f.severity} ${f.elementId} [${f.rule}] ${f.message}`);
    writeForm(root, 'review.form', review({ readonly: true }, { readonly: true }));

    // when
    const readonly = await found();

    // then each member is told to disable the whole list
    expect(readonly).toEqual(
      ['from', 'to'].map(
        (key) =>
          `warn f_${key} [readonly-copy] field "${key}" is readonly: form-js submits it on completion, writing the copy over the variable; ` +
          'disable every field of the list "periods" ("disabled": true on each: a list with one disabled field is submitted without it, over the variable)',
      ),
    );

    // and a list with one disabled field is an error on the list
    writeForm(root, 'review.form', review({ disabled: true }, {}));
    expect(await found()).toEqual([
      'error f_periods [partly-disabled-list] list "periods" has disabled fields (from) and submitted ones (to): form-js submits the list ' +
        'without its disabled fields, over the variable, so their values are lost; disable every field of the list, or none',
    ]);

    // and a disabled copy keeps no validate rules (form-js would show an error the clerk cannot fix)
    writeForm(root, 'review.form', review({ disabled: true, validate: { required: true } }, { disabled: true, validate: {} }));
    expect(await found()).toEqual([
      'warn f_from [disabled-validate] disabled field "from" has "validate" rules: form-js checks a field opened with a value even when it is disabled, ' +
        'so a copy that breaks them shows an error the clerk cannot fix; remove "validate" from the copy',
    ]);
    writeForm(root, 'review.form', review({ disabled: true }, { disabled: true }));
    expect(await found()).toEqual([]);
  });

  it('should require a label on tasks but not on events (bpmnlint recommended)', async () => {
    // given
    const root = project({ bpmn: VALID_MODELS, forms: ['lint-models.valid.form'] });
    edit(root, 'bpmn/lint-models.valid.bpmn', (xml) => xml.replace(' name="计算办理时限"', '').replace(' name="办结"', ''));

    // when
    const { findings } = await lintProject({ root });

    // then
    expect(findings.map((f) => `${f.severity} ${f.elementId} [${f.rule}] ${f.message}`)).toEqual([
      'error deadline [label-required] Element is missing label/name',
    ]);
  });

  it('should report broken BPMN XML and a form that is not JSON', async () => {
    // given
    const root = project({ bpmn: [], forms: [] });
    writeFileSync(join(root, 'bpmn/broken.bpmn'), '<bpmn:definitions');
    writeFileSync(join(root, 'forms/broken.form'), '{ "id": ');

    // when
    const { findings } = await lintProject({ root });

    // then
    expect(findings.map((f) => `${f.file} ${f.severity} [${f.rule}]`)).toEqual([
      'bpmn/broken.bpmn error [bpmn-xml]',
      'forms/broken.form error [form-json]',
    ]);
  });
});

describe('lintProject: forms', () => {
  it('should report a FEEL syntax error in a nested property and in a label, once per expression', async () => {
    // given
    const root = project({ bpmn: [], forms: ['lint-models.bad-feel.form'] });

    // when
    const { findings } = await lintProject({ root });

    // then
    expect(findings.map(formatFinding)).toEqual([
      'forms/lint-models.bad-feel.form: error reasonField [form-feel] Syntax Error in <conditional.hide> at 8: Incomplete <Comparison> in "=amount >"',
      'forms/lint-models.bad-feel.form: error noteField [form-feel] Syntax Error in <label> at 12: Unrecognized token <⚠> in <PositionalParameters> (+1 more) ' +
        'in "=concat(\\"备注\\","',
    ]);
  });

  it('should check the schema: id, type "default", components, unique ids and keys per data scope', async () => {
    // given
    const root = project({ bpmn: [], forms: [] });
    writeForm(root, 'schema.form', {
      type: 'custom',
      components: [
        { type: 'textfield', id: 'a', key: 'name', label: '姓名' },
        { type: 'textfield', id: 'a', key: 'name', label: '姓名（重复）' },
        { type: 'group', id: 'g', label: '联系人', path: 'contact', components: [{ type: 'textfield', id: 'c', key: 'name', label: '姓名' }] },
        { id: 'noType', key: 'x' },
      ],
    });

    // when
    const { findings } = await lintProject({ root });

    // then
    expect(findings.filter((f) => f.rule === 'form-schema').map((f) => `${f.elementId} ${f.message}`)).toEqual([
      '- top-level "id" is missing: it is what zeebe:formDefinition formId links to',
      '- top-level "type" must be "default", not "custom"',
      'a component id "a" is used twice',
      'a key "name" is also bound by a in the same data scope',
      'noType noType has no "type"',
    ]);
    // @camunda/form-linting itself throws on a component without a type: that is reported, not a crash
    expect(findings.filter((f) => f.rule === 'form-linting').map((f) => f.message)).toEqual([
      expect.stringMatching(/^@camunda\/form-linting failed: .*\(fix the form-schema errors first\)$/),
    ]);
  });

  it('should report a form that names no execution platform, and still run @camunda/form-linting on it', async () => {
    // given
    const root = project({ bpmn: [], forms: [] });
    writeForm(root, 'old.form', { id: 'old', type: 'default', components: [{ type: 'signature', id: 'sign', label: '签名' }] }, false);

    // when
    const { findings } = await lintProject({ root });

    // then
    expect(findings.map((f) => `${f.severity} ${f.elementId} [${f.rule}]`)).toEqual([
      'error old [execution-platform]',
      'error sign [form-linting]',
    ]);
    expect(findings[0].message).toContain('"executionPlatform" is missing and "executionPlatformVersion" is missing');
    expect(findings[1].message).toBe('A <Signature> is not supported by Camunda Platform 8.8'); // form-linting's own wording
  });
});

describe('lintProject: decisions', () => {
  it('should pass a business rule task whose decision is in a .dmn file', async () => {
    // given
    const root = project({ bpmn: ['lint-models.called-decision.bpmn'], forms: [], dmn: ['lint-models.valid.dmn'] });

    // when
    const result = await lintProject({ root });

    // then
    expect(result.findings.map(formatFinding)).toEqual([]);
    expect(result.dmnFiles).toEqual(['bpmn/lint-models.valid.dmn']);
  });

  it('should report a called decision that no .dmn file declares', async () => {
    // given
    const root = project({ bpmn: ['lint-models.called-decision.bpmn'], forms: [] });

    // when
    const result = await lintProject({ root });

    // then
    expect(result.findings.map(formatFinding)).toEqual([
      'bpmn/lint-models.called-decision.bpmn: error proofs [called-decision] called decision "lint-fixture-proofs" is not a decision of a .dmn file in bpmn/',
    ]);
  });

  it('should report a DMN that the engine would reject, and a hit policy Camunda 8.8 does not run', async () => {
    // given
    const root = project({ bpmn: ['lint-models.called-decision.bpmn'], forms: [], dmn: ['lint-models.valid.dmn'] });
    edit(root, 'bpmn/lint-models.valid.dmn', (xml) => xml.replace('hitPolicy="COLLECT"', 'hitPolicy="PRIORITY"'));
    writeFileSync(join(root, 'bpmn/broken.dmn'), readFileSync(join(root, 'bpmn/lint-models.valid.dmn'), 'utf8').replace('"出国定居"', '&lt;&lt;&lt;').replace(/lint-fixture-(drd|proofs)/g, 'other-$1'));

    // when
    const result = await lintProject({ root });

    // then
    const lines = result.findings.map(formatFinding);
    expect(lines).toContainEqual(expect.stringMatching(/^bpmn\/broken\.dmn: error other-proofs \[dmn-compile\] .*rule 'rule-abroad'/));
    expect(lines).toContainEqual(expect.stringMatching(/^bpmn\/lint-models\.valid\.dmn: error lint-fixture-proofs \[dmn-hit-policy\] the hit policy PRIORITY/));
  });
});

describe('the repository', () => {
  it('should have reference files that load without a finding (workers/catalog.json, config/roles.json)', () => {
    // given / when
    const references = loadProjectReferences(REPO);

    // then
    expect(references.findings).toEqual([]);
    expect([...(references.roles ?? [])]).toEqual(
      expect.arrayContaining(['window-first-review', 'window-second-review', 'window-clerk', 'finance', 'supervisor', 'insured']),
    );
    expect(references.jobTypes?.has('compute-deadline')).toBe(true);
  });
});

describe('scripts/lint-models.ts', () => {
  it('should print one line per finding and a summary, and exit 1 on an error', () => {
    // given
    const root = project({ bpmn: [...VALID_MODELS, 'lint-models.bad-references.bpmn'], forms: ['lint-models.valid.form'] });

    // when
    const run = runCli(root);

    // then
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain(
      'bpmn/lint-models.bad-references.bpmn: error work [job-type] ServiceTask job type "no-such-job" is not in workers/catalog.json: no worker would take its jobs',
    );
    expect(lines.at(-1)).toBe('[lint] 3 BPMN files, 0 DMN files, 1 forms: 5 errors, 0 warnings, 1 note');
    expect(run.status).toBe(1);
  });

  it('should exit 0 on a clean project', () => {
    // given
    const root = project({ bpmn: VALID_MODELS, forms: ['lint-models.valid.form'] });

    // when
    const run = runCli(root);

    // then
    expect(run.stdout.trim()).toBe('[lint] 2 BPMN files, 0 DMN files, 1 forms: 0 errors, 0 warnings, 0 notes');
    expect(run.status).toBe(0);
  });
});

describe('formatFinding', () => {
  it('should print `file: severity elementId [rule] message`', () => {
    // given
    const finding: Finding = { file: 'bpmn/a.bpmn', severity: 'warn', elementId: 'task1', rule: 'no-bpmndi', message: 'Element is missing bpmndi' };

    // when / then
    expect(formatFinding(finding)).toBe('bpmn/a.bpmn: warn task1 [no-bpmndi] Element is missing bpmndi');
  });
});

// helpers

interface ProjectSpec {
  bpmn: string[];
  forms: string[];
  /** Fixture .dmn files, copied into bpmn/. */
  dmn?: string[];
  catalog?: object;
  roles?: object;
  publishers?: object;
}

/** A temporary project with the named fixtures in bpmn/ and forms/ and its reference files. */
function project(spec: ProjectSpec): string {
  const root = mkdtempSync(join(tmpdir(), 'lint-models-'));
  projects.push(root);
  for (const name of spec.bpmn) cpSync(join(FIXTURES, name), join(root, 'bpmn', name));
  for (const name of spec.forms) cpSync(join(FIXTURES, name), join(root, 'forms', name));
  for (const name of spec.dmn ?? []) cpSync(join(FIXTURES, name), join(root, 'bpmn', name));
  // The fixture publisher entry is for lint-models.valid.bpmn; elsewhere it would be a stale entry (a warning).
  const publishers = spec.publishers ?? (spec.bpmn.includes('lint-models.valid.bpmn') ? PUBLISHERS : { publishers: [] });
  writeJson(root, 'bpmn/message-publishers.json', publishers);
  writeJson(root, 'workers/catalog.json', spec.catalog ?? CATALOG);
  if (spec.roles) writeJson(root, 'config/roles.json', spec.roles);
  else cpSync(join(REPO, 'config/roles.json'), join(root, 'config/roles.json'));
  mkdirSync(join(root, 'forms'), { recursive: true });
  return root;
}

function writeJson(root: string, file: string, value: unknown): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), JSON.stringify(value, null, 2));
}

function writeForm(root: string, name: string, schema: Record<string, unknown>, withPlatform = true): void {
  const platform = withPlatform ? { executionPlatform: 'Camunda Cloud', executionPlatformVersion: '8.8.0' } : {};
  writeJson(root, `forms/${name}`, { ...schema, ...platform });
}

function edit(root: string, file: string, change: (text: string) => string): void {
  const path = join(root, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

/** `severity elementId [rule]` and the first double-quoted value of the message (the name that did not resolve). */
function summary(finding: Finding): string {
  const quoted = /"([^"]*)"/.exec(finding.message)?.[1] ?? '';
  return `${finding.severity} ${finding.elementId} [${finding.rule}] ${quoted}`;
}

function runCli(root: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/lint-models.ts'), root], { cwd: REPO, encoding: 'utf8' });
}
