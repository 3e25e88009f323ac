/**
 * The notice workers end to end, with real parts only: the embedded engine over HTTP, @camunda8/sdk, the SDK's
 * Documents API upload, the SQLite worker state in a temp directory, pdfmake with the Noto CJK fonts, and
 * poppler's pdftotext. Also calculate-account-refund feeding the FC10 notice, and send-deadline-reminder.
 *
 * - a notice job whose first activation ran but was never acknowledged (the worker stopped; the job timed out),
 *   or whose first handler is still running when the job times out, gets ONE number and ONE document; the next
 *   case gets the next number (gap-free);
 * - the stored document is byte for byte what was uploaded (GET /v2/documents/{id}), and its text holds the
 *   person's name and the amount in capital numerals; the worker log holds no ID or bank account number.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { calculateAccountRefundWorker } from '../../workers/calculate-account-refund.js';
import { refusalNoticeSpec } from '../../workers/generate-refusal-notice.js';
import { topUpNoticeSpec } from '../../workers/generate-top-up-notice.js';
import { defineNoticeWorker, noticeOutputName } from '../../workers/lib/notices/define-notice-worker.js';
import type { NoticeServices } from '../../workers/lib/notices/issue-notice.js';
import { loadNoticeSettings } from '../../workers/lib/notices/notice-settings.js';
import { sdkDocumentUploader, type DocumentReference, type DocumentUploader } from '../../workers/runtime/document-uploader.js';
import type { AnyJobWorker } from '../../workers/runtime/job-worker-definition.js';
import { DEFAULT_WORKER_OPTIONS, registerJobWorkers, type RunningWorkers } from '../../workers/runtime/register-job-workers.js';
import { jsonLinesLogger } from '../../workers/runtime/worker-logger.js';
import { loadWorkerParameters } from '../../workers/runtime/worker-parameters.js';
import { openWorkerState, type WorkerState } from '../../workers/runtime/worker-state.js';
import { defineSendDeadlineReminder } from '../../workers/send-deadline-reminder.js';
import { bpmnProcess, flow, serviceTask } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { NOTICE_SAMPLES, PERSON, sampleNoticeType } from './lib/notices/notice-samples.js';
import { pdfText } from './lib/notices/pdf-text.js';

const ISSUED_ON = '2026-03-02';
const PARAMETERS = loadWorkerParameters();
const OPTIONS = { ...DEFAULT_WORKER_OPTIONS, pollIntervalMs: 20, baseBackOffMs: 50 };
const TOP_UP = NOTICE_SAMPLES.find((sample) => sample.spec === topUpNoticeSpec)!.variables;

let fixture: EngineFixture;
let stateDir: string;
let state: WorkerState;
let services: NoticeServices;
const uploads: { bytes: Buffer; reference: DocumentReference }[] = [];
const lines: string[] = [];
const running: RunningWorkers[] = [];

beforeAll(async () => {
  fixture = await startEngine();
  stateDir = mkdtempSync(join(tmpdir(), 'notice-workers-'));
  state = await openWorkerState({ dataDir: stateDir, pollMs: 10 });
  services = { state, documents: recording(sdkDocumentUploader(fixture.client)), settings: loadNoticeSettings(), today: () => ISSUED_ON };
  // one process and one worker per job type (generate-decision-notice has a sample per decision)
  const specs = [...new Set(NOTICE_SAMPLES.map((sample) => sample.spec))];
  await deploy(fixture.client, [
    ...specs.map((spec) => ({ name: `${spec.type}.bpmn`, content: taskChain(spec.type, [spec.type]) })),
    { name: 'fc10.bpmn', content: taskChain('test-fc10-refund', ['calculate-account-refund', 'generate-account-refund-notice']) },
    { name: 'reminder.bpmn', content: taskChain('send-deadline-reminder', ['send-deadline-reminder']) },
  ]);
  // every notice worker but the top-up notice, whose first activation the timeout cases control themselves
  const workers: AnyJobWorker[] = [
    ...specs.filter((spec) => spec !== topUpNoticeSpec).map((spec) => noticeWorker(spec)),
    calculateAccountRefundWorker,
    defineSendDeadlineReminder(() => new Date('2026-03-18T09:00:00+08:00')),
  ];
  running.push(registerJobWorkers(fixture.camunda, workers, jsonLinesLogger((line) => lines.push(line)), OPTIONS));
});

afterAll(async () => {
  await Promise.all(running.map((workers) => workers.stop()));
  await state?.close();
  await fixture?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('a notice job that times out', () => {
  it('should keep ONE number and ONE document when the first worker stopped before acknowledging', async () => {
    // given a worker activates the job with a short timeout, issues the notice and stops without completing
    const worker = noticeWorker(topUpNoticeSpec);
    const { processInstanceKey } = await fixture.client.createProcessInstance({ processDefinitionId: topUpNoticeSpec.type, variables: TOP_UP });
    const [job] = await activate(topUpNoticeSpec.type, 500);
    const first = await worker.handler(worker.input.parse(plain(job!.variables)), context(job!));
    const uploadsBefore = uploads.length;

    // when the job times out and a second activation completes it
    // (a lock shorter than the default: a long poll of this worker still open when it stops may take the next
    // case's job, which then times out and is handed out again, engine/api/jobs.ts; longer than any render, since a
    // late second completion of the same job is answered 404, which the SDK turns into an unhandled rejection)
    const second = registerJobWorkers(fixture.camunda, [worker], jsonLinesLogger((line) => lines.push(line)), { ...OPTIONS, jobTimeoutMs: 6000 });
    running.push(second);
    await waitForState(processInstanceKey, 'COMPLETED');

    // then
    const variables = await processVariables(processInstanceKey);
    expect(first).toEqual({ kind: 'complete', variables: { topUpNoticeNumber: variables.topUpNoticeNumber, topUpNoticeDocument: variables.topUpNoticeDocument } });
    expect(variables.topUpNoticeNumber).toBe('西宁城中医保〔2026〕补缴第0001号');
    expect(uploads.length).toBe(uploadsBefore);
    expect(jobEvents(processInstanceKey, job!.jobKey)).toEqual(['CREATED', 'ACTIVATED', 'TIMED_OUT', 'ACTIVATED', 'COMPLETED']);

    // when the next case comes
    const next = await runToEnd(topUpNoticeSpec.type, TOP_UP);

    // then it gets the next number
    expect(next.topUpNoticeNumber).toBe('西宁城中医保〔2026〕补缴第0002号');
    await second.stop();
  });

  it('should keep ONE number and ONE document when the first handler is still running at the timeout', async () => {
    // given a worker activates the job with a short timeout and its handler hangs in the upload past the timeout
    const { processInstanceKey } = await fixture.client.createProcessInstance({ processDefinitionId: topUpNoticeSpec.type, variables: TOP_UP });
    const [job] = await vi.waitFor(
      async () => {
        const jobs = await activate(topUpNoticeSpec.type, 300);
        if (jobs.length === 0) throw new Error('the job is not activated yet');
        return jobs;
      },
      { timeout: 15_000, interval: 25 },
    );
    const uploadsBefore = uploads.length;
    // (its upload goes on only once the job timed out and was activated again: still running at the timeout for sure)
    const activatedAgain = vi.waitFor(() => expect(jobEvents(processInstanceKey, job!.jobKey).slice(-2)).toEqual(['TIMED_OUT', 'ACTIVATED']), { timeout: 15_000, interval: 25 });
    const stalled = noticeWorker(topUpNoticeSpec, { ...services, documents: heldUntil(services.documents, activatedAgain) });
    const firstRun = stalled.handler(stalled.input.parse(plain(job!.variables)), context(job!));

    // when the job times out: another worker activates it again, waits for the first handler's result and completes
    running.push(registerJobWorkers(fixture.camunda, [noticeWorker(topUpNoticeSpec)], jsonLinesLogger((line) => lines.push(line)), OPTIONS));
    await waitForState(processInstanceKey, 'COMPLETED');
    const first = await firstRun;

    // then
    const variables = await processVariables(processInstanceKey);
    expect(variables.topUpNoticeNumber).toBe('西宁城中医保〔2026〕补缴第0003号');
    expect(first).toEqual({ kind: 'complete', variables: { topUpNoticeNumber: variables.topUpNoticeNumber, topUpNoticeDocument: variables.topUpNoticeDocument } });
    expect(uploads.length).toBe(uploadsBefore + 1);
    expect(jobEvents(processInstanceKey, job!.jobKey).slice(-3)).toEqual(['TIMED_OUT', 'ACTIVATED', 'COMPLETED']);
  });
});

describe('a notice worker that dies between its upload and recording the outcome', () => {
  it('should upload ONE document: the next attempt finds it under the id of its number and refers to it', async () => {
    // given a first attempt whose upload reaches the engine, after which the worker dies (the outcome is never stored);
    // the handler is called directly (a running worker of this test file would take a job of the engine)
    const job = { jobKey: '9007199254740001', processInstanceKey: '9007199254740002', elementId: 'notice', retries: 3 };
    const storedBefore = storedDocuments();
    const dying: DocumentUploader = {
      async upload(content, metadata, documentId) {
        await services.documents.upload(content, metadata, documentId);
        throw new Error('killed after the upload');
      },
    };
    const first = noticeWorker(topUpNoticeSpec, { ...services, documents: dying });
    await expect(first.handler(first.input.parse(TOP_UP), context(job))).rejects.toThrow('killed after the upload');

    // when the job is worked again
    const second = noticeWorker(topUpNoticeSpec);
    const outcome = await second.handler(second.input.parse(TOP_UP), context(job));

    // then one document, which the outcome refers to and which reads back with its hash
    expect(storedDocuments()).toBe(storedBefore + 1);
    const [reference] = (outcome as unknown as { variables: { topUpNoticeDocument: (DocumentReference & { endpoint: string })[] } }).variables.topUpNoticeDocument;
    const response = await fixture.fetch(reference!.endpoint);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('calculate-account-refund → generate-account-refund-notice (FC10)', () => {
  it('should store a PDF with the name and the amount in capital numerals, byte for byte', async () => {
    // given
    const sample = NOTICE_SAMPLES.find((s) => s.spec.type === 'generate-account-refund-notice')!;
    const { accountRefundAmount: _amount, accountRefundPayeeType: _payee, ...variables } = sample.variables;

    // when
    const result = await runToEnd('test-fc10-refund', variables);

    // then the refund was calculated and printed
    expect(result).toMatchObject({ accountRefundAmount: '12000.00', accountRefundAmountInWords: '壹万贰仟元整', accountRefundPayeeType: 'heir', accountRefundDue: true });
    expect(result.accountRefundNoticeNumber).toBe('西宁城中医保〔2026〕返还第0001号');
    const [reference] = result.accountRefundNoticeDocument as (DocumentReference & { endpoint: string })[];
    expect(reference).toMatchObject({ 'camunda.document.type': 'camunda', storeId: 'local', metadata: { contentType: 'application/pdf' } });
    // the title as config/notices.json names it, for readers that name the notice (the task list)
    expect(reference!.metadata).toMatchObject({ customProperties: { noticeType: 'accountRefundNotice', noticeNumber: result.accountRefundNoticeNumber, title: '医疗个人账户一次性返还支付通知单' } });

    // when the document is fetched the way a form's documentPreview does
    const response = await fixture.fetch(`${reference!.endpoint}`);
    const bytes = Buffer.from(await response.arrayBuffer());

    // then
    expect(response.status).toBe(200);
    const uploaded = uploads.find((u) => u.reference.documentId === reference!.documentId)!;
    expect(Buffer.compare(bytes, uploaded.bytes)).toBe(0);
    const text = pdfText(bytes);
    expect(text).toContain('医疗个人账户一次性返还支付通知单');
    expect(text).toContain(PERSON.personName);
    expect(text).toContain('人民币壹万贰仟元整');
    expect(text).toContain('6222020000000000001');
    expect(JSON.stringify(reference!.metadata)).not.toContain(PERSON.personName);
  });

  it('should NOT write ID or bank account numbers or names to the worker log', () => {
    // given the runs above
    // when
    const log = lines.join('\n');

    // then
    for (const secret of [PERSON.idNumber, PERSON.personName, '6222020000000000001', '11010519491231002X']) expect(log).not.toContain(secret);
  });
});

describe('every notice type through the engine', () => {
  it.each(NOTICE_SAMPLES.filter((s) => s.spec !== topUpNoticeSpec).map((s) => [s.spec.type, sampleNoticeType(s), s] as const))('should issue %s (%s)', async (_type, noticeType, sample) => {
    // given
    const { title, numberWord } = services.settings.noticeTypes[noticeType];
    const output = noticeOutputName(sample.spec);

    // when
    const result = await runToEnd(sample.spec.type, sample.variables);

    // then
    expect(result[`${output}Number`]).toMatch(new RegExp(`^西宁城中医保〔2026〕${numberWord}第\\d{4}号$`));
    const [reference] = result[`${output}Document`] as (DocumentReference & { endpoint: string })[];
    const bytes = Buffer.from(await (await fixture.fetch(`${reference!.endpoint}`)).arrayBuffer());
    expect(pdfText(bytes)).toContain(title);
  });
});

describe('generate-refusal-notice', () => {
  it('should print the case number (件号), the clerk\'s reason and both remedies with their periods', async () => {
    // given a case refused at the window
    const sample = NOTICE_SAMPLES.find((s) => s.spec === refusalNoticeSpec)!;
    const { processInstanceKey } = await fixture.client.createProcessInstance({ processDefinitionId: refusalNoticeSpec.type, variables: sample.variables });

    // when the notice job has run
    await waitForState(processInstanceKey, 'COMPLETED');
    const result = await processVariables(processInstanceKey);

    // then the 告知书 names this case by the key the task list and the monitor show as 件号
    const [reference] = result.refusalNoticeDocument as (DocumentReference & { endpoint: string })[];
    const text = pdfText(Buffer.from(await (await fixture.fetch(`${reference!.endpoint}`)).arrayBuffer()));
    expect(text).toContain(`件号${processInstanceKey}`);
    expect(text).toContain('该单位注册地不在本统筹区，不属于本机构受理范围');
    expect(text).toContain('60日内向西宁市城中区人民政府申请行政复议');
    expect(text).toContain('6个月内依法向人民法院提起行政诉讼');
    expect(JSON.stringify(reference!.metadata)).not.toContain(String(sample.variables.applicantName));
  });
});

describe('send-deadline-reminder', () => {
  it('should set the reminder variable and write one log line without the message or the case title', async () => {
    // given "now" is pinned to 2026-03-18 09:00 in Xining
    const variables = { deadlineDate: '2026-03-20', dueDate: '2026-03-20T23:59:59+08:00', taskName: '复审', caseTitle: `${PERSON.personName} 在职转退休` };

    // when
    const result = await runToEnd('send-deadline-reminder', variables);

    // then
    expect(result.deadlineReminder).toEqual({
      messageZh: `「复审」（${PERSON.personName} 在职转退休）将于2026年3月20日到期，剩余 2 个工作日`,
      dueDate: '2026-03-20T23:59:59+08:00',
      workingDaysLeft: 2,
      remindedAt: '2026-03-18T01:00:00.000Z',
    });
    const reminderLines = lines.filter((line) => line.includes('"deadline reminder"'));
    expect(reminderLines).toHaveLength(1);
    expect(JSON.parse(reminderLines[0]!)).toMatchObject({ level: 'info', message: 'deadline reminder', type: 'send-deadline-reminder', workingDaysLeft: 2, deadlineDate: '2026-03-20' });
    expect(reminderLines[0]).not.toContain(PERSON.personName);
  });
});

describe('the workers', () => {
  it('should NOT leave an error line behind', () => {
    // given the runs above
    // when
    const errors = lines.map((line) => JSON.parse(line) as { level: string; message: string }).filter((l) => l.level === 'error');

    // then
    expect(errors).toEqual([]);
  });
});

// helpers

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function noticeWorker(spec: Parameters<typeof defineNoticeWorker<any>>[0], own: NoticeServices = services): AnyJobWorker {
  return defineNoticeWorker(spec, () => Promise.resolve(own));
}

/** The real uploader, keeping a copy of each upload's bytes to compare with what the engine serves. */
function recording(uploader: DocumentUploader): DocumentUploader {
  return {
    async upload(content, metadata, documentId) {
      const reference = await uploader.upload(content, metadata, documentId);
      uploads.push({ bytes: Buffer.from(content), reference });
      return reference;
    },
  };
}

/** Documents the engine holds (one metadata file each). */
function storedDocuments(): number {
  return readdirSync(join(fixture.dataDir, 'documents')).filter((name) => name.endsWith('.json')).length;
}

/** The real uploader, reached only once `until` has resolved: a worker stalled in the upload. */
function heldUntil(uploader: DocumentUploader, until: Promise<unknown>): DocumentUploader {
  return {
    async upload(content, metadata, documentId) {
      await until;
      return uploader.upload(content, metadata, documentId);
    },
  };
}

function taskChain(processId: string, types: readonly string[]): string {
  const ids = types.map((_type, index) => `task${index + 1}`);
  const nodes = ['start', ...ids, 'end'];
  const tasks = types.map((type, index) => serviceTask(ids[index]!, type)).join('');
  const flows = nodes.slice(1).map((node, index) => flow(`f${index + 1}`, nodes[index]!, node)).join('');
  return bpmnProcess(processId, `<bpmn:startEvent id="start"/>${tasks}<bpmn:endEvent id="end"/>${flows}`);
}

function activate(type: string, timeout: number) {
  return fixture.client.activateJobs({ type, worker: 'stalled-worker', timeout, maxJobsToActivate: 1 });
}

function context(job: { jobKey: string; processInstanceKey: string; elementId: string; retries: number }) {
  return { jobKey: job.jobKey, processInstanceKey: job.processInstanceKey, elementId: job.elementId, retries: job.retries, customHeaders: {}, parameters: PARAMETERS, log() {} };
}

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function jobEvents(processInstanceKey: string, jobKey: string): string[] {
  return fixture.server.engine
    .eventsOf(Number(processInstanceKey))
    .filter((e) => e.valueType === 'JOB' && String((e.record as { key?: number }).key) === jobKey)
    .map((e) => e.intent);
}

async function runToEnd(processDefinitionId: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { processInstanceKey } = await fixture.client.createProcessInstance({ processDefinitionId, variables });
  await waitForState(processInstanceKey, 'COMPLETED');
  return processVariables(processInstanceKey);
}

async function waitForState(processInstanceKey: string, expected: string) {
  await expect
    .poll(
      async () => {
        const [instance] = (await fixture.client.searchProcessInstances({ filter: { processInstanceKey } })).items;
        if (instance?.hasIncident) {
          const [incident] = (await fixture.client.searchIncidents({ filter: { processInstanceKey } })).items;
          throw new Error(`incident ${incident?.errorType}: ${incident?.errorMessage}`);
        }
        return instance?.state;
      },
      { message: `${processInstanceKey} to be ${expected}`, timeout: 20_000 },
    )
    .toBe(expected);
}

async function processVariables(processInstanceKey: string): Promise<Record<string, unknown>> {
  const { items } = await fixture.client.searchVariables({ filter: { processInstanceKey, scopeKey: processInstanceKey } });
  return Object.fromEntries(items.map((v) => [v.name, JSON.parse(v.value)]));
}
