/**
 * An engine restart costs a job no retry: the real engine (`scripts/engine.ts` as a child process, SQLite on disk)
 * is SIGKILLed while the workers (registerJobWorkers through @camunda8/sdk, in this process) hold a job, and
 * started again on the same data and port.
 *
 * - a job whose handler finished while the engine was down is completed once the engine is back: one handler
 *   run, the job COMPLETED with the retries it was created with, no incident;
 * - a notice job whose upload through the Documents API met the dead engine runs its handler again: one
 *   notice number, one stored document, retries as created;
 * - the workers' poll loop comes back by itself (a case started after the restart is worked), nothing rejects
 *   unhandled (vitest fails the file on one), and neither the workers' log nor the SDK's holds the case's
 *   personal data.
 */
import { Camunda8 } from '@camunda8/sdk';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freePort, startChild, type RunningChild } from '../../../scripts/reliability/child-process.js';
import { V2Http } from '../../../scripts/reliability/v2-http.js';
import { missingMaterialsNoticeSpec } from '../../../workers/generate-missing-materials-notice.js';
import { defineNoticeWorker } from '../../../workers/lib/notices/define-notice-worker.js';
import type { NoticeServices } from '../../../workers/lib/notices/issue-notice.js';
import { loadNoticeSettings } from '../../../workers/lib/notices/notice-settings.js';
import { sdkDocumentUploader, type DocumentUploader } from '../../../workers/runtime/document-uploader.js';
import { complete, defineJobWorker } from '../../../workers/runtime/job-worker-definition.js';
import { DEFAULT_WORKER_OPTIONS, registerJobWorkers, type RunningWorkers } from '../../../workers/runtime/register-job-workers.js';
import { jsonLinesLogger } from '../../../workers/runtime/worker-logger.js';
import { openWorkerState, type WorkerState } from '../../../workers/runtime/worker-state.js';
import { serviceTaskProcess } from '../../support/bpmn.js';
import { DEMO_ADMIN, sdkConfig } from '../../support/engine-fixture.js';

const APPLICANT = '韩永福';
const ID_NUMBER = '630103196503152014';
const GATED_TYPE = 'engine-restart-gated';
const NOTICE_SETTINGS = loadNoticeSettings();

/** Each run of the gated handler; the handler waits for `gate` to open before it completes. */
const gatedRuns: string[] = [];
let gate = opened();

const gatedWorker = defineJobWorker({
  type: GATED_TYPE,
  descriptionZh: '测试：引擎重启时持有作业',
  descriptionEn: 'test: holds its job across an engine restart',
  input: z.object({ idNumber: z.string(), applicantName: z.string() }),
  output: z.object({ checked: z.boolean() }),
  errors: {},
  async handler(_input, job) {
    gatedRuns.push(job.jobKey);
    await gate.promise;
    return complete(z.object({ checked: z.boolean() }), { checked: true });
  },
});

let workDir: string;
let port: number;
let engine: RunningChild;
let http: V2Http;
let camunda: Camunda8;
let state: WorkerState;
let workers: RunningWorkers;
/** Holds the next upload until opened; then every upload goes straight through to the engine. */
let uploadGate = opened();
const uploadCalls: string[] = [];
const workerLines: string[] = [];
const sdkLines: string[] = [];

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'engine-restart-'));
  port = await freePort();
  engine = await startEngineProcess();
  const url = engine.readyMatch[1]!;
  http = new V2Http(url, DEMO_ADMIN);
  camunda = new Camunda8({ ...sdkConfig(url), CAMUNDA_LOG_LEVEL: 'debug', CAMUNDA_JOB_WORKER_MAX_BACKOFF_MS: 2_000, logger: capturingLogger(sdkLines) } as never);
  const client = camunda.getCamundaRestClient();
  await client.deployResources([
    { name: `${GATED_TYPE}.bpmn`, content: serviceTaskProcess(GATED_TYPE) },
    { name: 'engine-restart-notice.bpmn', content: serviceTaskProcess(missingMaterialsNoticeSpec.type, { processId: 'engine-restart-notice' }) },
  ]);
  state = await openWorkerState({ dataDir: join(workDir, 'workers'), pollMs: 10 });
  const uploader = sdkDocumentUploader(client);
  const gatedUploader: DocumentUploader = {
    async upload(content, metadata, documentId) {
      uploadCalls.push(documentId ?? '');
      await uploadGate.promise;
      return uploader.upload(content, metadata, documentId);
    },
  };
  const services: NoticeServices = { state, documents: gatedUploader, settings: NOTICE_SETTINGS, today: () => '2026-03-02' };
  workers = registerJobWorkers(
    camunda,
    [gatedWorker, defineNoticeWorker(missingMaterialsNoticeSpec, async () => services)],
    jsonLinesLogger((line) => workerLines.push(line), 'debug'),
    { ...DEFAULT_WORKER_OPTIONS, workerName: 'engine-restart-test', pollIntervalMs: 50, jobTimeoutMs: 10 * 60_000, engineRetryMs: 200, engineRetryMaxMs: 1_000 },
  );
}, 120_000);

afterAll(async () => {
  gate.open();
  uploadGate.open();
  await workers?.stop().catch(() => undefined);
  await state?.close();
  await camunda?.closeAllClients?.();
  await engine?.kill();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('an engine restart while a worker holds a job', () => {
  it('should complete the job once the engine is back, with one handler run and its retries as created', async () => {
    // given a worker holding the job of a case
    gate = closed();
    const key = await startCase(GATED_TYPE, { idNumber: ID_NUMBER, applicantName: APPLICANT });
    await expect.poll(() => gatedRuns.length, { timeout: 30_000, message: 'the gated handler holds the job' }).toBe(1);

    // when the engine is killed, the handler finishes while it is down, and the engine starts again
    await engine.kill();
    gate.open();
    await expect.poll(() => warnings('the completion'), { timeout: 30_000, message: 'a completion that met the dead engine' }).not.toHaveLength(0);
    engine = await startEngineProcess();

    // then
    await expect.poll(() => stateOf(key), { timeout: 60_000, message: 'the case completes' }).toBe('COMPLETED');
    expect(gatedRuns).toHaveLength(1);
    expect(await jobsOf(key)).toEqual([expect.objectContaining({ state: 'COMPLETED', retries: 3 })]);
    expect(await incidentsOf(key)).toEqual([]);
    expect(await variablesOf(key)).toMatchObject({ checked: true });
    expect(JSON.parse(warnings('the completion')[0]!)).toMatchObject({ level: 'warn', type: GATED_TYPE, processInstanceKey: key, reason: expect.stringMatching(/^E[A-Z]+$|^HTTP 50\d$/) });
  }, 180_000);

  it('should run a notice job again whose upload met the dead engine: one number, one document, retries as created', async () => {
    // given a notice job waiting at its upload
    uploadGate = closed();
    const documentsBefore = storedDocuments();
    const key = await startCase('engine-restart-notice', {
      applicantName: APPLICANT,
      serviceItem: '职工医保医疗费用零星报销',
      missingMaterials: ['住院费用明细清单', '出院小结'],
    });
    await expect.poll(() => uploadCalls.length, { timeout: 60_000, message: 'the notice reaches its upload' }).toBe(1);

    // when the engine is killed before the upload, and started again
    await engine.kill();
    uploadGate.open();
    await expect.poll(() => warnings('the handler'), { timeout: 30_000, message: 'an upload that met the dead engine' }).not.toHaveLength(0);
    engine = await startEngineProcess();

    // then
    await expect.poll(() => stateOf(key), { timeout: 60_000, message: 'the notice case completes' }).toBe('COMPLETED');
    expect(await jobsOf(key)).toEqual([expect.objectContaining({ state: 'COMPLETED', retries: 3 })]);
    expect(await incidentsOf(key)).toEqual([]);
    const variables = await variablesOf(key);
    expect(variables.missingMaterialsNoticeNumber).toMatch(/第0001号$/);
    expect(new Set(uploadCalls).size).toBe(1); // every attempt uploads under the same id: the same number
    expect(uploadCalls.length).toBeGreaterThan(1);
    expect(storedDocuments()).toBe(documentsBefore + 1);
    expect((await state.nextNoticeNumber(NOTICE_SETTINGS.office.code, 'missingMaterialsNotice', 2026, 'next-case')).number).toBe(2);
  }, 180_000);

  it('should keep polling after the restarts, and log no personal data', async () => {
    // given the restarts above
    // when a new case comes
    const key = await startCase(GATED_TYPE, { idNumber: ID_NUMBER, applicantName: APPLICANT });

    // then the poll loop works it
    await expect.poll(() => stateOf(key), { timeout: 60_000, message: 'a case after the restarts' }).toBe('COMPLETED');
    expect(await jobsOf(key)).toEqual([expect.objectContaining({ state: 'COMPLETED', retries: 3 })]);
    // the SDK's poll met the dead engine, and said so in the workers' log
    expect(workerLines.filter((line) => line.includes('"source":"@camunda8/sdk"')).join('\n')).toMatch(/ECONNREFUSED|ECONNRESET|socket hang up/);
    for (const log of [workerLines.join('\n'), sdkLines.join('\n')]) {
      expect(log).not.toContain(APPLICANT);
      expect(log).not.toContain(ID_NUMBER);
      expect(log).not.toContain(Buffer.from(`${DEMO_ADMIN.username}:${DEMO_ADMIN.password}`).toString('base64'));
    }
  }, 120_000);
});

// helpers

function startEngineProcess(): Promise<RunningChild> {
  return startChild({
    entry: 'scripts/engine.ts',
    env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(workDir, 'engine'), ENGINE_SYNC: 'FULL' },
    logFile: join(workDir, 'engine.log'),
    ready: /\[engine\] ready: (http:\/\/\S+)\/v2/,
    readyTimeoutMs: 90_000,
  });
}

async function startCase(processDefinitionId: string, variables: Record<string, unknown>): Promise<string> {
  const answer = await http.call<{ processInstanceKey: string }>('POST', '/v2/process-instances', { processDefinitionId, variables });
  expect(answer.status).toBe(200);
  return answer.body.processInstanceKey;
}

async function stateOf(processInstanceKey: string): Promise<string | undefined> {
  const answer = await http.call<{ state: string }>('GET', `/v2/process-instances/${processInstanceKey}`).catch(() => undefined);
  return answer?.status === 200 ? answer.body.state : undefined;
}

async function jobsOf(processInstanceKey: string) {
  return http.searchAll<{ state: string; retries: number }>('/v2/jobs/search', { processInstanceKey });
}

async function incidentsOf(processInstanceKey: string) {
  return http.searchAll('/v2/incidents/search', { processInstanceKey });
}

async function variablesOf(processInstanceKey: string): Promise<Record<string, unknown>> {
  const items = await http.searchAll<{ name: string; value: string }>('/v2/variables/search', { processInstanceKey });
  return Object.fromEntries(items.map((v) => [v.name, JSON.parse(v.value)]));
}

/** Documents in the engine's store (one metadata file each). */
function storedDocuments(): number {
  const dir = join(workDir, 'engine', 'documents');
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.json')).length;
  } catch {
    return 0;
  }
}

/** The workers' warnings that `what` met the unreachable engine and was tried again. */
function warnings(what: string): string[] {
  return workerLines.filter((line) => line.includes(`engine unreachable: ${what} tried again later`));
}

interface Gate {
  promise: Promise<void>;
  open(): void;
}

function opened(): Gate {
  return { promise: Promise.resolve(), open: () => undefined };
}

function closed(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * A logger object as the SDK takes it (winston's methods), writing every call down to debug as one line (trace,
 * below the SDK's debug level, prints request bodies and stays off as in any deployment).
 */
function capturingLogger(into: string[]) {
  const write = (level: string) => (...args: unknown[]) => {
    into.push(`${level}: ${args.map((a) => (a instanceof Error ? `${a.message} ${JSON.stringify(a)}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`);
  };
  return { error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug'), trace: () => undefined, log: write('log') };
}
