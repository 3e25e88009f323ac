/**
 * The worker runtime through the real embedded engine and @camunda8/sdk's REST job worker: invalid variables,
 * technical failures with retries and back-off, domain errors, BPMN errors caught by a boundary, and logs
 * without personal data.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { calculateTopUpWorker } from '../../../workers/calculate-top-up.js';
import { generateSettlementStatementWorker } from '../../../workers/generate-settlement-statement.js';
import { ConfigFileError, InvalidInputError } from '../../../workers/lib/errors.js';
import { EngineUnreachableError } from '../../../workers/runtime/engine-unreachable.js';
import { bpmnError, complete, defineJobWorker, type AnyJobWorker } from '../../../workers/runtime/job-worker-definition.js';
import {
  DEFAULT_WORKER_OPTIONS,
  handleJob,
  registerJobWorkers,
  toleratingGoneJobs,
  type ActivatedJobLike,
  type RunningWorkers,
  type WorkerOptions,
} from '../../../workers/runtime/register-job-workers.js';
import { sdkLogger } from '../../../workers/runtime/sdk-logger.js';
import { jsonLinesLogger, REDACTED, redact } from '../../../workers/runtime/worker-logger.js';
import { loadWorkerParameters } from '../../../workers/runtime/worker-parameters.js';
import { validateIdentity } from '../../../workers/validate-identity.js';
import { bpmnProcess, flow, serviceTask, serviceTaskProcess } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';
import { recordConsoleOutput } from '../../support/console-output.js';
import { holidayScheduleDirectory } from '../../support/sample-holiday-year.js';

const VALID_ID_NUMBER = '630103198001010015';
const INVALID_ID_NUMBER = '630103198001010016';
const BASE_BACK_OFF_MS = 50;
const OPTIONS: WorkerOptions = { ...DEFAULT_WORKER_OPTIONS, workerName: 'runtime-test', pollIntervalMs: 20, baseBackOffMs: BASE_BACK_OFF_MS };

/** Every call of the test workers, per process instance: the retries the job had and when it ran. */
const calls = new Map<string, { retries: number; at: number }[]>();

/** Throws a plain Error until the attempt given by `succeedOnAttempt` (never, without it). */
const flakyWorker = defineJobWorker({
  type: 'runtime-test-flaky',
  descriptionZh: '测试：技术故障',
  descriptionEn: 'test: technical failure',
  input: z.object({ succeedOnAttempt: z.number().int().optional() }),
  output: z.object({ attempts: z.number().int() }),
  errors: {},
  handler({ succeedOnAttempt }, job) {
    const attempts = record(job).length;
    if (attempts !== succeedOnAttempt) throw new Error('银行接口不可用 (bank interface unavailable)');
    return complete(z.object({ attempts: z.number().int() }), { attempts });
  },
});

const domainErrorWorker = defineJobWorker({
  type: 'runtime-test-domain-error',
  descriptionZh: '测试：业务数据错误',
  descriptionEn: 'test: domain error',
  input: z.object({}),
  output: z.object({}),
  errors: {},
  handler(_input, job) {
    record(job);
    throw new InvalidInputError('contributionMonths', 'must not be negative');
  },
});

/** The flaky worker's job with 5 retries, repeated in the task header `retries` as `npm run lint` requires. */
const FIVE_RETRIES_PROCESS = bpmnProcess(
  'runtime-test-five-retries',
  `<bpmn:startEvent id="start"/>${serviceTask('task', flakyWorker.type, '<zeebe:taskHeaders><zeebe:header key="retries" value="5"/></zeebe:taskHeaders>').replace(
    '/>',
    ' retries="5"/>',
  )}<bpmn:endEvent id="end"/>${flow('f1', 'start', 'task')}${flow('f2', 'task', 'end')}`,
);

/** Completes with a date where its schema wants a string: a defect the runtime must not pass on. */
const brokenOutputWorker = defineJobWorker({
  type: 'runtime-test-broken-output',
  descriptionZh: '测试：输出不符合定义',
  descriptionEn: 'test: output breaks its schema',
  input: z.object({}),
  output: z.object({ deadlineDate: z.string() }),
  errors: {},
  handler: () => ({ kind: 'complete', variables: { deadlineDate: 20260323 } }),
});

/** Completes with 5 MB of text: more than the engine takes in one request (Camunda's 4 MB), so it refuses. */
const oversizedOutputWorker = defineJobWorker({
  type: 'runtime-test-oversized-output',
  descriptionZh: '测试：输出超过引擎上限',
  descriptionEn: 'test: output over the engine limit',
  input: z.object({}),
  output: z.object({ report: z.string() }),
  errors: {},
  handler: (_input, job) => (record(job), complete(z.object({ report: z.string() }), { report: 'x'.repeat(5 * 1024 * 1024) })),
});

const WORKERS: AnyJobWorker[] = [calculateTopUpWorker, validateIdentity, generateSettlementStatementWorker, flakyWorker, domainErrorWorker, brokenOutputWorker, oversizedOutputWorker];

let fixture: EngineFixture;
let workers: RunningWorkers;
let lines: string[];

beforeAll(async () => {
  fixture = await startEngine();
  await deploy(fixture.client, [
    { name: 'register-job-workers.error-boundary.bpmn', content: readFileSync(new URL('register-job-workers.error-boundary.bpmn', import.meta.url), 'utf8') },
    ...WORKERS.map((w) => ({ name: `${w.type}.bpmn`, content: serviceTaskProcess(w.type) })),
    { name: 'runtime-test-five-retries.bpmn', content: FIVE_RETRIES_PROCESS },
  ]);
  lines = [];
  workers = registerJobWorkers(fixture.camunda, WORKERS, jsonLinesLogger((line) => lines.push(line), 'debug'), OPTIONS);
});

afterAll(async () => {
  await workers?.stop();
  await fixture?.stop();
});

describe('registerJobWorkers', () => {
  it("should write the SDK's poll errors to the workers' log, redacted, and nothing to the console", async () => {
    // given a worker whose polls the engine refuses (a wrong password), and everything the process prints
    const written: string[] = [];
    const printed: string[] = [];
    const streams = [process.stdout, process.stderr, (console as unknown as { _stdout?: NodeJS.WriteStream })._stdout, (console as unknown as { _stderr?: NodeJS.WriteStream })._stderr];
    const spies = [...new Set(streams.filter((stream) => stream !== undefined))].map((stream) =>
      vi.spyOn(stream!, 'write').mockImplementation(((chunk: unknown) => (printed.push(String(chunk)), true)) as never),
    );
    const consoleOutput = recordConsoleOutput();
    const refused = registerJobWorkers(fixture.camundaAs('runtime-test-intruder', 'wrong'), [flakyWorker], jsonLinesLogger((line) => written.push(line)), OPTIONS);

    // when
    try {
      await vi.waitFor(() => expect(written.some((line) => JSON.parse(line).message === 'Error during job worker poll')).toBe(true), { timeout: 10_000, interval: 20 });
    } finally {
      await refused.stop();
      consoleOutput.stop();
      for (const spy of spies) spy.mockRestore();
    }

    // then
    const sdkLines = written.map((line) => JSON.parse(line) as { level: string; message: string; source?: string; error?: { status?: number } }).filter((line) => line.source === '@camunda8/sdk');
    expect(sdkLines.some((line) => line.level === 'error' && line.error?.status === 401)).toBe(true);
    expect([...printed, ...consoleOutput.lines].filter((text) => /job worker poll|Backing off/.test(text))).toEqual([]);
  });

  it('should raise a JOB_NO_RETRIES incident naming the missing variable after one attempt', async () => {
    // given a 补缴 case without its retirement date
    const variables = { sex: 'male', contributionPeriods: [{ from: '2000-01', to: '2009-12', kind: 'actual' }] };

    // when
    const key = await startInstance('calculate-top-up', variables);

    // then
    const incident = await incidentOf(key);
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', elementId: 'task' });
    expect(incident.errorMessage).toBe(
      '「计算补缴金额」无法办理：案件数据不符合要求——退休日期：未填写。请在本案的「变量」中更正后点「重试」。〔技术细节：作业类型 calculate-top-up；输入变量 retirementDate（invalid_type）〕',
    );
    expect(jobEvents(key)).toEqual([
      ['CREATED', 3],
      ['ACTIVATED', 3],
      ['FAILED', 0],
    ]);
  });

  it('should raise an incident a manager reads in Chinese, naming the fields by their labels, without the ID number or bank account', async () => {
    // given a 结算单 whose ID number fails its check digit, whose bank account has letters and whose total is a number
    const bankAccount = '6222020200112233445';
    const variables = {
      personName: '张三',
      idNumber: INVALID_ID_NUMBER,
      reimbursementCategory: 'inpatient',
      totalExpenses: 23600.5,
      poolingFundPayment: '12000.00',
      payeeBankAccount: `No.${bankAccount}`,
    };
    const before = lines.length;

    // when
    const key = await startInstance(generateSettlementStatementWorker.type, variables);

    // then
    const incident = await incidentOf(key);
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', elementId: 'task' });
    expect(incident.errorMessage).toBe(
      '「生成零星报销结算单」无法办理：案件数据不符合要求——公民身份号码：公民身份号码无效；申报总费用（元）：应为文本，实际为数字；银行账号：需要银行账号（数字）。' +
        '请在本案的「变量」中更正后点「重试」。' +
        '〔技术细节：作业类型 generate-settlement-statement；输入变量 idNumber（custom）、totalExpenses（invalid_type）、payeeBankAccount（invalid_format）〕',
    );
    const written = lines.slice(before).join('\n');
    for (const secret of [INVALID_ID_NUMBER, bankAccount]) {
      expect(incident.errorMessage).not.toContain(secret);
      expect(written).not.toContain(secret);
    }
  });

  it('should raise the invalid-input incident, short enough for Zeebe, and log a bounded line, for a list of 30,000 empty items', async () => {
    // given a 结算单 whose expense list holds 30,000 empty items: 60,000 issues
    const variables = { personName: '张三', idNumber: VALID_ID_NUMBER, reimbursementCategory: 'inpatient', totalExpenses: '100.00', poolingFundPayment: '50.00', expenseItems: Array.from({ length: 30_000 }, () => ({})) };

    // when
    const key = await startInstance(generateSettlementStatementWorker.type, variables);

    // then the incident is the invalid-input one: the first items, how many in all, what to do, the technical detail
    const incident = await incidentOf(key);
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', elementId: 'task' });
    expect(incident.errorMessage).toMatch(/^「生成零星报销结算单」无法办理：案件数据不符合要求——费用明细第1项的/);
    expect(incident.errorMessage).toContain('……等共 60000 处。请在本案的「变量」中更正后点「重试」。〔技术细节：作业类型 generate-settlement-statement；输入变量 expenseItems.0.item（invalid_type）');
    expect(incident.errorMessage).not.toContain('引擎未接收');
    expect(incident.errorMessage.length).toBeLessThan(4_000);
    expect(jobEvents(key)).toEqual([
      ['CREATED', 3],
      ['ACTIVATED', 3],
      ['FAILED', 0],
    ]);
    // and one log line of bounded size
    const logged = lines.filter((line) => line.includes(key) && line.includes('job variables invalid'));
    expect(logged).toHaveLength(1);
    expect(logged[0]!.length).toBeLessThan(1_000);
    expect(JSON.parse(logged[0]!).problems).toEqual([...Array.from({ length: 5 }, (_, i) => [`expenseItems.${i}.item`, `expenseItems.${i}.amount`]).flat(), '… 60000 in all']);
  });

  it('should complete the job once the variable was corrected and the incident resolved', async () => {
    // given
    const key = await startInstance('calculate-top-up', { sex: 'male', contributionPeriods: [{ from: '2000-01', to: '2024-12', kind: 'actual' }] });
    const incident = await incidentOf(key);

    // when
    await fixture.client.updateElementInstanceVariables({ elementInstanceKey: key, variables: { retirementDate: '2025-01-31' } });
    await fixture.client.updateJob({ jobKey: incident.jobKey!, retries: 1 });
    await fixture.client.resolveIncident(incident.incidentKey);

    // then
    await waitForState(key, 'COMPLETED');
    expect(await processVariables(key)).toMatchObject({ totalContributionMonths: 300, systemTopUpMonths: 0, topUpAmount: '0.00' });
  });

  it('should retry a handler that throws a plain Error with one retry less each time, after its back-off', async () => {
    // given a handler that fails twice, then succeeds
    // when
    const key = await startInstance(flakyWorker.type, { succeedOnAttempt: 3 });

    // then
    await waitForState(key, 'COMPLETED');
    const attempts = calls.get(key)!;
    expect(attempts.map((a) => a.retries)).toEqual([3, 2, 1]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(BASE_BACK_OFF_MS);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(2 * BASE_BACK_OFF_MS);
    expect(jobEvents(key).map(([intent]) => intent)).toEqual(['CREATED', 'ACTIVATED', 'FAILED', 'ACTIVATED', 'FAILED', 'ACTIVATED', 'COMPLETED']);
    expect(await processVariables(key)).toMatchObject({ attempts: 3 });
    expect(await incidentsOf(key)).toEqual([]);
  });

  it('should double the back-off from the first failure of a job the model gives 5 retries', async () => {
    // given a handler that fails four times, then succeeds, on a task with retries="5"
    // when
    const key = await startInstance('runtime-test-five-retries', { succeedOnAttempt: 5 });

    // then the waits between attempts grow 1, 2, 4, 8 × the base, counted from the model's 5 retries
    await waitForState(key, 'COMPLETED');
    const attempts = calls.get(key)!;
    expect(attempts.map((a) => a.retries)).toEqual([5, 4, 3, 2, 1]);
    for (let failed = 1; failed <= 4; failed++) {
      expect(attempts[failed]!.at - attempts[failed - 1]!.at).toBeGreaterThanOrEqual(2 ** (failed - 1) * BASE_BACK_OFF_MS);
    }
    expect(jobEvents(key).filter(([intent]) => intent === 'FAILED')).toEqual([
      ['FAILED', 4],
      ['FAILED', 3],
      ['FAILED', 2],
      ['FAILED', 1],
    ]);
  });

  it('should raise a JOB_NO_RETRIES incident with the error message after the last retry', async () => {
    // given a handler that always fails
    // when
    const key = await startInstance(flakyWorker.type, {});

    // then
    const incident = await incidentOf(key);
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', elementId: 'task' });
    expect(incident.errorMessage).toBe(
      '「runtime-test-flaky」执行时出现技术故障，自动重试已用完。仍然失败时请联系系统维护人员排查，排除后点「重试」。〔技术细节：作业类型 runtime-test-flaky；银行接口不可用 (bank interface unavailable)〕',
    );
    expect(calls.get(key)!.map((a) => a.retries)).toEqual([3, 2, 1]);
    expect(jobEvents(key).filter(([intent]) => intent === 'FAILED')).toEqual([
      ['FAILED', 2],
      ['FAILED', 1],
      ['FAILED', 0],
    ]);
  });

  it('should raise an incident at once when the handler throws a DomainError', async () => {
    // given
    // when
    const key = await startInstance(domainErrorWorker.type, {});

    // then
    const incident = await incidentOf(key);
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', elementId: 'task' });
    expect(incident.errorMessage).toBe(
      '「runtime-test-domain-error」无法办理：案件数据中「本统筹区缴费月数」的取值超出允许的范围。请在本案的「变量」中更正后点「重试」。〔技术细节：作业类型 runtime-test-domain-error；INVALID_INPUT：contributionMonths: must not be negative〕',
    );
    expect(calls.get(key)!.map((a) => a.retries)).toEqual([3]);
    expect(jobEvents(key)).toEqual([
      ['CREATED', 3],
      ['ACTIVATED', 3],
      ['FAILED', 0],
    ]);
  });

  it('should fail the job with the status, one retry at a time, when the engine refuses its completion', async () => {
    // given a worker whose output the engine refuses (a body over its size limit)
    // when
    const key = await startInstance(oversizedOutputWorker.type, {});

    // then the job is failed by the runtime (the process survives: vitest fails the file on an unhandled rejection)
    const incident = await incidentOf(key);
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', elementId: 'task' });
    expect(incident.errorMessage).toMatch(/^「runtime-test-oversized-output」已执行，但引擎未接收其结果（HTTP 413，结果超过引擎的大小上限）.*〔技术细节：.*\(HTTP 413\)〕$/);
    expect(calls.get(key)!.map((a) => a.retries)).toEqual([3, 2, 1]);
    expect(lines.filter((l) => l.includes(key) && l.includes('the engine refused the acknowledgement')).map((l) => JSON.parse(l).status)).toEqual([413, 413, 413]);
  });

  it('should route a BPMN error outcome to the error boundary of the task', async () => {
    // given
    // when
    const key = await startInstance('register-job-workers-error-boundary', { idNumber: INVALID_ID_NUMBER });

    // then
    const tasksOf = async () => (await fixture.client.searchUserTasks({ filter: { processInstanceKey: key } })).items;
    await expect.poll(tasksOf, { message: 'the 一次性告知 task' }).not.toHaveLength(0);
    const task = (await tasksOf())[0]!;
    expect(task.elementId).toBe('notify');
    expect(completedElements(key)).toEqual(['start', 'id-invalid']);
    expect(lifecycleOf(key, 'validate')).toContain('ELEMENT_TERMINATED');
    expect(jobEvents(key).map(([intent]) => intent)).toEqual(['CREATED', 'ACTIVATED', 'ERROR_THROWN']);
    expect(await incidentsOf(key)).toEqual([]);
  });

  it('should take the normal path when no BPMN error is thrown', async () => {
    // given
    // when
    const key = await startInstance('register-job-workers-error-boundary', { idNumber: VALID_ID_NUMBER });

    // then
    await waitForState(key, 'COMPLETED');
    expect(completedElements(key)).toEqual(['start', 'validate', 'accepted', 'register-job-workers-error-boundary']);
    expect(await processVariables(key)).toMatchObject({ identityValid: true, birthDate: '1980-01-01', sex: 'male' });
  });
});

describe('worker logs', () => {
  it('should NOT write an ID number to the logs, valid or not', async () => {
    // given
    const before = lines.length;

    // when
    const valid = await startInstance(validateIdentity.type, { idNumber: VALID_ID_NUMBER });
    const invalid = await startInstance(validateIdentity.type, { idNumber: INVALID_ID_NUMBER });
    await waitForState(valid, 'COMPLETED');
    await incidentOf(invalid); // no boundary in this model: UNHANDLED_ERROR_EVENT

    // then
    const written = lines.slice(before);
    expect(written.filter((l) => l.includes(valid) || l.includes(invalid)).map((l) => JSON.parse(l).message)).toEqual(
      expect.arrayContaining(['job completed', 'job threw a BPMN error']),
    );
    for (const line of lines) {
      expect(line).not.toContain(VALID_ID_NUMBER);
      expect(line).not.toContain(INVALID_ID_NUMBER);
      expect(line).not.toContain('198001010');
    }
  });

  it('should write one JSON object per line with level, message and job fields', () => {
    // given
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.source !== '@camunda8/sdk');

    // when
    const completed = parsed.find((l) => l.message === 'job completed');

    // then
    expect(parsed[0]).toMatchObject({ level: 'info', message: 'job workers started', types: WORKERS.map((w) => w.type) });
    expect(completed).toMatchObject({ level: 'info', type: expect.any(String), jobKey: expect.stringMatching(/^\d+$/), elementId: expect.any(String) });
    expect(Array.isArray(completed!.variables)).toBe(true);
  });

  it("should hide personal fields and credentials in what the SDK logs, and name the SDK and the error's status", () => {
    // given
    const written: string[] = [];
    const log = sdkLogger(jsonLinesLogger((line) => written.push(line)));

    // when
    log.error('Unhandled exception in job handler', { job: { variables: { idNumber: VALID_ID_NUMBER, personName: '韩永福' } } });
    log.error(Object.assign(new Error('Response code 401 (Unauthorized)'), { statusCode: 401, options: { headers: { authorization: 'Basic ZGVtbzpkZW1v' } } }) as never);
    log.error('An unknown error occurred while executing a job handler', { error: Object.assign(new Error('boom'), { options: { headers: { authorization: 'Basic ZGVtbzpkZW1v' } } }) });
    log.warn({ job: { variables: { idNumber: VALID_ID_NUMBER } } } as never);

    // then
    expect(written.join('\n')).not.toMatch(new RegExp(`${VALID_ID_NUMBER}|韩永福|ZGVtbzpkZW1v`));
    expect(written.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ source: '@camunda8/sdk', job: { variables: { idNumber: REDACTED, personName: REDACTED } } }),
      expect.objectContaining({ source: '@camunda8/sdk', message: 'Response code 401 (Unauthorized)', error: expect.objectContaining({ status: 401 }) }),
      expect.objectContaining({ source: '@camunda8/sdk', error: { kind: 'Error', message: 'boom' } }),
      expect.objectContaining({ source: '@camunda8/sdk', message: 'SDK', job: { variables: { idNumber: REDACTED } } }),
    ]);
  });

  it('should hide idNumber, bankAccount, diagnosis and name fields', () => {
    // given
    const fields = { idNumber: VALID_ID_NUMBER, bankAccount: '6222020200112233445', diagnosis: '妊娠期糖尿病', name: '张三', jobKey: '42', days: 98 };

    // when
    const redacted = redact(fields);

    // then
    expect(redacted).toEqual({ idNumber: '[已隐去]', bankAccount: '[已隐去]', diagnosis: '[已隐去]', name: '[已隐去]', jobKey: '42', days: 98 });
  });

  it('should hide personal fields in nested objects and in arrays of objects', () => {
    // given
    const fields = {
      applicant: { name: '张三', idNumber: VALID_ID_NUMBER, sex: 'male' },
      heirs: [{ name: '李四', bankAccount: '6222020200112233445' }],
      case: { payee: { diagnosis: '难产', days: 113 } },
      types: ['validate-identity'],
    };

    // when
    const redacted = redact(fields);

    // then
    expect(redacted).toEqual({
      applicant: { name: '[已隐去]', idNumber: '[已隐去]', sex: 'male' },
      heirs: [{ name: '[已隐去]', bankAccount: '[已隐去]' }],
      case: { payee: { diagnosis: '[已隐去]', days: 113 } },
      types: ['validate-identity'],
    });
    expect(JSON.stringify(redacted)).not.toMatch(/张三|李四|6222020200112233445|难产|198001010/);
  });

  it('should hide exactly the personal fields: names of persons, phones and addresses, but not file, worker, unit or hospital names', () => {
    // given
    const fields = {
      fileName: '零星报销结算单-西宁城中医保〔2026〕报销第0001号.pdf',
      workerName: 'xining-workers',
      unitName: '西宁市城中区某商贸有限公司',
      hospitalName: '青海大学附属医院',
      payeeBankName: '中国建设银行西宁城中支行',
      payeeName: '韩永福',
      agentName: '李娟',
      contactPhone: '13997110002',
      householdAddress: '西宁市城中区南大街1号',
      agent: { agentIdNumber: VALID_ID_NUMBER, phone: '13997110003' },
    };

    // when
    const redacted = redact(fields);

    // then
    expect(redacted).toEqual({
      fileName: fields.fileName,
      workerName: 'xining-workers',
      unitName: fields.unitName,
      hospitalName: fields.hospitalName,
      payeeBankName: fields.payeeBankName,
      payeeName: '[已隐去]',
      agentName: '[已隐去]',
      contactPhone: '[已隐去]',
      householdAddress: '[已隐去]',
      agent: { agentIdNumber: '[已隐去]', phone: '[已隐去]' },
    });
  });

  it('should NOT write a logger line below its minimum level', () => {
    // given
    const written: string[] = [];
    const logger = jsonLinesLogger((line) => written.push(line), 'warn');

    // when
    logger.log('info', 'job completed', {});
    logger.log('error', 'job failed', { name: '张三' });

    // then
    expect(written.map((l) => JSON.parse(l))).toEqual([{ time: expect.any(String), level: 'error', message: 'job failed', name: '[已隐去]' }]);
  });
});

describe('worker parameters', () => {
  it('should refuse to start with a broken config file, naming it, before any worker polls', () => {
    // given a holiday year file that is not JSON
    const original = process.env['HOLIDAY_SCHEDULE_DIR'];
    process.env['HOLIDAY_SCHEDULE_DIR'] = holidayScheduleDirectory({ '2027.json': '{ "year": 2027, ' });
    try {
      // when
      const start = () => registerJobWorkers(fixture.camunda, WORKERS, silent, OPTIONS);

      // then
      expect(start).toThrow(ConfigFileError);
      expect(start).toThrow(/2027\.json/);
    } finally {
      if (original === undefined) delete process.env['HOLIDAY_SCHEDULE_DIR'];
      else process.env['HOLIDAY_SCHEDULE_DIR'] = original;
    }
  });

  it('should compute with the parameters loaded at start, not with what config/ says at the job', async () => {
    // given the 补缴 figures as loaded at start, and the same with the rate doubled
    const [version] = PARAMETERS.topUp.versions;
    const doubled = { ...PARAMETERS, topUp: { ...PARAMETERS.topUp, versions: [{ ...version!, rate: { ...version!.rate, value: '0.16' } }] } };
    const job = fakeJob({ variables: { sex: 'male', retirementDate: '2025-06-30', contributionPeriods: [{ from: '2000-01', to: '2019-12', kind: 'actual' }] } });

    // when
    const [asLoaded, withDoubledRate] = await Promise.all(
      [PARAMETERS, doubled].map((parameters) => handleJob(calculateTopUpWorker, job, recordingActions(), silent, OPTIONS, parameters)),
    );

    // then 60 months × 6000.00 × 0.08, and twice that with the rate the workers were given
    expect(asLoaded).toEqual(['complete', expect.objectContaining({ topUpAmount: '28800.00' })]);
    expect(withDoubledRate).toEqual(['complete', expect.objectContaining({ topUpAmount: '57600.00' })]);
  });
});

describe('toleratingGoneJobs', () => {
  it('should acknowledge a job the engine no longer knows (404) instead of rejecting', async () => {
    // given a job key that was completed by another activation long ago (here: never existed)
    const actions = toleratingGoneJobs(
      {
        complete: () => fixture.client.completeJob({ jobKey: '2251799813999999', variables: {} }),
        error: () => Promise.reject(new Error('unused')),
        fail: () => fixture.client.failJob({ jobKey: '2251799813999999', retries: 0, errorMessage: 'x', retryBackOff: 0 }),
      },
      () => 'gone' as const,
    );

    // when
    const results = [await actions.complete({}), await actions.fail({ errorMessage: 'x', retries: 0, retryBackOff: 0 })];

    // then
    expect(results).toEqual(['gone', 'gone']);
  });

  it('should pass other failures on', async () => {
    // given
    const actions = toleratingGoneJobs(
      { complete: () => Promise.reject(new Error('connection refused')), error: () => Promise.reject(new Error('x')), fail: () => Promise.reject(new Error('x')) },
      () => 'gone' as const,
    );

    // when
    const attempt = actions.complete({});

    // then
    await expect(attempt).rejects.toThrow('connection refused');
  });
});

describe('handleJob', () => {
  it('should send data that breaks a data-entry rule back as DATA_ENTRY_ERROR with the message, without running the handler', async () => {
    // given the settlement statement worker and a 统筹基金支付 above the 总费用 (each amount valid on its own)
    let ran = false;
    const worker = { ...generateSettlementStatementWorker, handler: () => ((ran = true), complete(z.object({}), {})) } as AnyJobWorker;
    const variables = { personName: '韩永福', idNumber: '630103196503152014', reimbursementCategory: 'inpatient', totalExpenses: '23600.50', poolingFundPayment: '26500.00' };

    // when
    const request = await handleJob(worker, fakeJob({ variables }), recordingActions(), silent, OPTIONS, PARAMETERS);

    // then
    expect(ran).toBe(false);
    expect(request).toEqual([
      'error',
      {
        errorCode: 'DATA_ENTRY_ERROR',
        errorMessage: '统筹基金支付与大额医疗补助支付之和（¥26,500.00）超过总费用（¥23,600.50）',
        variables: {
          dataEntryProblem: {
            messageZh: '统筹基金支付与大额医疗补助支付之和（¥26,500.00）超过总费用（¥23,600.50）',
            fields: ['poolingFundPayment', 'seriousIllnessPayment', 'totalExpenses'],
            jobType: 'generate-settlement-statement',
          },
        },
      },
    ]);
    expect(generateSettlementStatementWorker.errors).toHaveProperty('DATA_ENTRY_ERROR');
  });

  it('should clear an earlier data-entry problem when the data passes the rules', async () => {
    // given
    const done = z.object({ done: z.boolean() });
    const worker = { ...generateSettlementStatementWorker, output: done, handler: () => complete(done, { done: true }) } as AnyJobWorker;
    const variables = { personName: '韩永福', idNumber: '630103196503152014', reimbursementCategory: 'inpatient', totalExpenses: '23600.50', poolingFundPayment: '16500.00' };

    // when
    const request = await handleJob(worker, fakeJob({ variables }), recordingActions(), silent, OPTIONS, PARAMETERS);

    // then
    expect(request).toEqual(['complete', { done: true, dataEntryProblem: null }]);
  });

  it('should double the retry back-off per failed attempt, up to maxBackOffMs', async () => {
    // given
    const failing = { ...flakyWorker, type: 'runtime-test-unit', handler: () => Promise.reject(new Error('down')) } as AnyJobWorker;
    const options = { baseBackOffMs: 1_000, maxBackOffMs: 3_000 };

    // when
    const requests = [];
    for (const retries of [3, 2, 1]) requests.push(await handleJob(failing, fakeJob({ retries }), recordingActions(), silent, options, PARAMETERS));

    // then
    expect(requests).toEqual([
      ['fail', { errorMessage: expect.stringContaining('将自动重试（还剩 2 次）'), retries: 2, retryBackOff: 1_000 }],
      ['fail', { errorMessage: expect.stringContaining('将自动重试（还剩 1 次）'), retries: 1, retryBackOff: 2_000 }],
      ['fail', { errorMessage: expect.stringContaining('自动重试已用完'), retries: 0, retryBackOff: 3_000 }],
    ]);
  });

  it('should count the attempts from the task header retries, for any number of retries', async () => {
    // given
    const failing = { ...flakyWorker, type: 'runtime-test-unit', handler: () => Promise.reject(new Error('down')) } as AnyJobWorker;
    const options = { baseBackOffMs: 1_000, maxBackOffMs: 10_000 };
    const ofFive = (retries: number) => fakeJob({ retries, customHeaders: { retries: '5' } });
    const ofOne = fakeJob({ retries: 1, customHeaders: { retries: '1' } });

    // when
    const backOffs = [];
    for (const job of [5, 4, 3, 2, 1].map(ofFive).concat(ofOne)) {
      const [, request] = (await handleJob(failing, job, recordingActions(), silent, options, PARAMETERS)) as [string, { retryBackOff: number }];
      backOffs.push(request.retryBackOff);
    }

    // then
    expect(backOffs).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 1_000]);
  });

  it('should fail with retries 0 and without running the handler when the variables do not match', async () => {
    // given
    let ran = false;
    const worker = { ...flakyWorker, handler: () => ((ran = true), complete(z.object({}), {})) } as AnyJobWorker;

    // when
    const request = await handleJob(worker, fakeJob({ variables: { succeedOnAttempt: 'three' } }), recordingActions(), silent, OPTIONS, PARAMETERS);

    // then
    expect(ran).toBe(false);
    expect(request).toEqual(['fail', { errorMessage: expect.stringContaining('succeedOnAttempt'), retries: 0, retryBackOff: 0 }]);
  });

  it('should treat null and empty-string variables as absent (empty form fields, FEEL nulls)', async () => {
    // given
    let seen: unknown;
    const worker = { ...flakyWorker, output: z.object({}), handler: (input: unknown) => ((seen = input), complete(z.object({}), {})) } as AnyJobWorker;

    // when
    const request = await handleJob(worker, fakeJob({ variables: { succeedOnAttempt: null, note: '' } }), recordingActions(), silent, OPTIONS, PARAMETERS);

    // then
    expect(request).toEqual(['complete', {}]);
    expect(seen).toEqual({});
  });

  it('should fail with retries 0 and a message naming each variable when the output breaks the published schema', async () => {
    // given a worker whose output misses a variable, has one of the wrong type and one the catalogue does not list
    let ran = false;
    const output = z.object({ topUpAmount: z.string(), topUpMonths: z.number().int() });
    const worker = {
      ...flakyWorker,
      output,
      handler: () => ((ran = true), { kind: 'complete', variables: { topUpAmount: 1200, idNumber: VALID_ID_NUMBER } }),
    } as AnyJobWorker;
    const written: string[] = [];

    // when
    const request = await handleJob(worker, fakeJob({ retries: 3 }), recordingActions(), jsonLinesLogger((line) => written.push(line)), OPTIONS, PARAMETERS);

    // then
    expect(ran).toBe(true);
    expect(request).toEqual(['fail', { errorMessage: expect.stringContaining('runtime-test-flaky'), retries: 0, retryBackOff: 0 }]);
    const { errorMessage } = (request as [string, { errorMessage: string }])[1];
    expect(errorMessage).toMatch(/^「runtime-test-flaky」的计算结果不符合其输出变量定义/);
    for (const variable of ['topUpAmount', 'topUpMonths', 'idNumber']) expect(errorMessage).toContain(variable);
    expect(JSON.parse(written.at(-1)!)).toMatchObject({ level: 'error', message: 'job output breaks the output schema', problems: ['topUpAmount', 'topUpMonths', '(all)'] });
    expect(written.join('\n')).not.toContain(VALID_ID_NUMBER);
  });

  it('should raise an incident through the engine when a handler completes with output that breaks its schema', async () => {
    // given
    // when
    const key = await startInstance(brokenOutputWorker.type, {});

    // then the case stops in an incident that says which worker and variable, instead of completing
    const incident = await incidentOf(key);
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', elementId: 'task' });
    expect(incident.errorMessage).toContain('runtime-test-broken-output');
    expect(incident.errorMessage).toContain('deadlineDate');
    expect(jobEvents(key)).toEqual([
      ['CREATED', 3],
      ['ACTIVATED', 3],
      ['FAILED', 0],
    ]);
    expect(await processVariables(key)).not.toHaveProperty('deadlineDate');
  });

  it('should NOT fail the job when its completion meets an unreachable engine, but complete it once the engine answers', async () => {
    // given a completion refused twice (the engine restarting)
    let completions = 0;
    const worker = { ...flakyWorker, output: z.object({}), handler: () => complete(z.object({}), {}) } as AnyJobWorker;
    const actions = {
      ...recordingActions(),
      complete: async (variables: Record<string, unknown>): Promise<Request> => {
        if (++completions <= 2) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        return ['complete', variables];
      },
      fail: async (): Promise<Request> => {
        throw new Error('a failure must not be reported');
      },
    };
    const written: string[] = [];

    // when
    const request = await handleJob(worker, fakeJob(), actions, jsonLinesLogger((line) => written.push(line)), { ...OPTIONS, engineRetryMs: 5 }, PARAMETERS);

    // then
    expect(request).toEqual(['complete', {}]);
    expect(completions).toBe(3);
    expect(written.map((line) => JSON.parse(line).message)).toEqual([
      'engine unreachable: the completion tried again later, no retry spent',
      'engine unreachable: the completion tried again later, no retry spent',
      'job completed',
    ]);
  });

  it('should NOT log a job as completed when the engine refuses its completion', async () => {
    // given an engine that answers the completion with 409 (the job was cancelled meanwhile)
    const worker = { ...flakyWorker, output: z.object({}), handler: () => complete(z.object({}), {}) } as AnyJobWorker;
    const refused = Object.assign(new Error('Conflict'), { response: { statusCode: 409 } });
    const actions = {
      ...recordingActions(),
      complete: async (): Promise<Request> => {
        throw refused;
      },
    };
    const written: string[] = [];

    // when
    const handled = handleJob(worker, fakeJob(), actions, jsonLinesLogger((line) => written.push(line)), OPTIONS, PARAMETERS);

    // then
    await expect(handled).rejects.toBe(refused);
    expect(written.map((line) => JSON.parse(line).message)).not.toContain('job completed');
  });

  it('should run the handler again, not fail the job, when its call to the engine meets an unreachable engine', async () => {
    // given a handler whose first call to the engine gets 503
    let runs = 0;
    const worker = {
      ...flakyWorker,
      output: z.object({ runs: z.number() }),
      handler: () => {
        if (++runs === 1) throw Object.assign(new Error('Service Unavailable'), { response: { statusCode: 503 } });
        return complete(z.object({ runs: z.number() }), { runs });
      },
    } as AnyJobWorker;

    // when
    const request = await handleJob(worker, fakeJob(), recordingActions(), silent, { ...OPTIONS, engineRetryMs: 5 }, PARAMETERS);

    // then
    expect(request).toEqual(['complete', { runs: 2 }]);
  });

  it('should leave the job to its lock, without failing it, when the engine stays unreachable', async () => {
    // given an engine that refuses every call, and a lock of 1 s
    const worker = { ...flakyWorker, output: z.object({}), handler: () => complete(z.object({}), {}) } as AnyJobWorker;
    const down = async (): Promise<Request> => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    };
    let failed = false;
    const actions = { complete: down, error: down, fail: async (): Promise<Request> => ((failed = true), down()) };

    // when
    const attempt = handleJob(worker, fakeJob(), actions, silent, { ...OPTIONS, jobTimeoutMs: 1_000, engineRetryMs: 100, engineRetryMaxMs: 200 }, PARAMETERS);

    // then
    await expect(attempt).rejects.toBeInstanceOf(EngineUnreachableError);
    expect(failed).toBe(false);
  });

  it('should turn a BPMN error outcome into job.error with its variables', async () => {
    // given
    const worker = { ...flakyWorker, handler: () => bpmnError('INVALID_ID_NUMBER', '公民身份号码校验码不正确', { identityValid: false }) } as AnyJobWorker;

    // when
    const request = await handleJob(worker, fakeJob(), recordingActions(), silent, OPTIONS, PARAMETERS);

    // then
    expect(request).toEqual(['error', { errorCode: 'INVALID_ID_NUMBER', errorMessage: '公民身份号码校验码不正确', variables: { identityValid: false } }]);
  });
});

// helpers

const silent = { log() {} };
const PARAMETERS = loadWorkerParameters();

function record(job: { processInstanceKey: string; retries: number }) {
  const list = calls.get(job.processInstanceKey) ?? [];
  list.push({ retries: job.retries, at: Date.now() });
  calls.set(job.processInstanceKey, list);
  return list;
}

function fakeJob(patch: Partial<ActivatedJobLike> = {}): ActivatedJobLike {
  return { jobKey: '1', processInstanceKey: '2', elementId: 'task', retries: 3, variables: {}, customHeaders: {}, ...patch };
}

type Request = [string, unknown];

function recordingActions() {
  return {
    complete: async (variables: Record<string, unknown>): Promise<Request> => ['complete', variables],
    error: async (request: unknown): Promise<Request> => ['error', request],
    fail: async (request: unknown): Promise<Request> => ['fail', request],
  };
}

async function startInstance(processDefinitionId: string, variables: Record<string, unknown>): Promise<string> {
  const { processInstanceKey } = await fixture.client.createProcessInstance({ processDefinitionId, variables });
  return processInstanceKey;
}

async function incidentsOf(processInstanceKey: string) {
  return (await fixture.client.searchIncidents({ filter: { processInstanceKey, state: 'ACTIVE' } })).items;
}

/** Waits for the one incident of the instance. */
async function incidentOf(processInstanceKey: string) {
  await expect.poll(() => incidentsOf(processInstanceKey), { message: `an incident of ${processInstanceKey}` }).not.toHaveLength(0);
  const [incident, ...others] = await incidentsOf(processInstanceKey);
  expect(others).toEqual([]);
  return incident!;
}

async function waitForState(processInstanceKey: string, state: string) {
  await expect
    .poll(async () => (await fixture.client.searchProcessInstances({ filter: { processInstanceKey } })).items[0]?.state, {
      message: `${processInstanceKey} to be ${state}`,
    })
    .toBe(state);
}

async function processVariables(processInstanceKey: string): Promise<Record<string, unknown>> {
  const { items } = await fixture.client.searchVariables({ filter: { processInstanceKey, scopeKey: processInstanceKey } });
  return Object.fromEntries(items.map((v) => [v.name, JSON.parse(v.value)]));
}

function events(processInstanceKey: string) {
  return fixture.server.engine.eventsOf(Number(processInstanceKey));
}

/** Job intents with the retries the job had after each. */
function jobEvents(processInstanceKey: string): [string, number][] {
  return events(processInstanceKey)
    .filter((e) => e.valueType === 'JOB')
    .map((e) => [e.intent, (e.record as { retries: number }).retries]);
}

function lifecycleOf(processInstanceKey: string, elementId: string): string[] {
  return events(processInstanceKey)
    .filter((e) => e.valueType === 'PROCESS_INSTANCE' && (e.record as { elementId?: string }).elementId === elementId)
    .map((e) => e.intent);
}

function completedElements(processInstanceKey: string): string[] {
  return events(processInstanceKey)
    .filter((e) => e.valueType === 'PROCESS_INSTANCE' && e.intent === 'ELEMENT_COMPLETED')
    .map((e) => (e.record as { elementId: string }).elementId);
}
