/**
 * Conformance: job activation (long polling, fetchVariable, lock timeout), completion, failure (retries, back-off,
 * incidents), BPMN errors, updates, search and the SDK's polling job worker, through CamundaRestClient.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bpmnProcess, flow } from '../support/bpmn.js';
import { basicAuth, deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { SEARCHES } from '../support/searches.js';
import { TEST_CLUSTER } from '../support/test-cluster.js';
import { problemOf } from '../support/problem-of.js';

const KEY = /^\d+$/;

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterAll(async () => {
  await engine.stop();
});

describe('POST /v2/jobs/activation', () => {
  it('should activate a job with string keys, numeric retries and a deadline', async () => {
    // given
    const { type, processInstanceKey, processDefinitionKey } = await startJobProcess({ variables: { applicant: '李四', amount: 3 } });
    const before = Date.now();

    // when
    const [job, ...rest] = await engine.client.activateJobs({ type, worker: 'worker-1', timeout: 30_000, maxJobsToActivate: 5, requestTimeout: -1 });

    // then
    expect(rest).toEqual([]);
    expect(job).toMatchObject({
      type,
      processInstanceKey,
      processDefinitionKey,
      elementId: 'task',
      worker: 'worker-1',
      retries: 5,
      tenantId: '<default>',
      customHeaders: { method: 'VISA' },
    });
    // processDefinitionKey is on the wire (spec) but missing from the SDK's ActivatedJob type
    const { processDefinitionKey: definitionKey } = job as unknown as { processDefinitionKey: string };
    for (const key of [job!.jobKey, job!.processInstanceKey, definitionKey, job!.elementInstanceKey]) expect(key).toMatch(KEY);
    expect(toPlain(job!.variables)).toEqual({ applicant: '李四', amount: 3 });
    const deadline = Number(job!.deadline);
    expect(deadline).toBeGreaterThanOrEqual(before + 30_000 - 1_000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 30_000 + 1_000);
  });

  it('should send deadline, retries and versions as JSON numbers and kind/listenerEventType on the wire', async () => {
    // given
    const { type } = await startJobProcess();

    // when
    const response = await engine.fetch(`/v2/jobs/activation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type, worker: 'raw', timeout: 10_000, maxJobsToActivate: 1, requestTimeout: -1 }),
    });

    // then
    expect(response.status).toBe(200);
    const { jobs } = (await response.json()) as { jobs: Record<string, unknown>[] };
    expect(jobs).toHaveLength(1);
    expect(typeof jobs[0]!.deadline).toBe('number');
    expect(typeof jobs[0]!.retries).toBe('number');
    expect(typeof jobs[0]!.processDefinitionVersion).toBe('number');
    expect(jobs[0]!.kind).toBe('BPMN_ELEMENT');
    expect(jobs[0]!.listenerEventType).toBe('UNSPECIFIED');
    for (const key of ['jobKey', 'processInstanceKey', 'processDefinitionKey', 'elementInstanceKey']) expect(jobs[0]![key]).toMatch(KEY);
  });

  it('should give only the variables named in fetchVariable', async () => {
    // given
    const { type } = await startJobProcess({ variables: { a: 1, b: 'two', c: { three: 3 } } });

    // when
    const [job] = await engine.client.activateJobs({ type, worker: 'w', timeout: 10_000, maxJobsToActivate: 1, fetchVariable: ['a', 'c'], requestTimeout: -1 });

    // then
    expect(toPlain(job!.variables)).toEqual({ a: 1, c: { three: 3 } });
  });

  it('should activate no more than maxJobsToActivate jobs', async () => {
    // given
    const type = `max-${randomUUID()}`;
    for (let i = 0; i < 3; i++) await startJobProcess({ type });

    // when
    const first = await engine.client.activateJobs({ type, worker: 'w', timeout: 10_000, maxJobsToActivate: 2, requestTimeout: -1 });
    const second = await engine.client.activateJobs({ type, worker: 'w', timeout: 10_000, maxJobsToActivate: 2, requestTimeout: -1 });

    // then
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(1);
    expect(new Set([...first, ...second].map((j) => j.jobKey)).size).toBe(3);
  });

  // skipped against a cluster (EMBEDDED_ONLY): needs the engine's job poll registry
  it.skipIf(TEST_CLUSTER)('should hand a job to a long poll that started before the instance was created', async () => {
    // given
    const type = `long-poll-${randomUUID()}`;
    // requestTimeout 3 s: a poll that timed out would answer an empty list, so the length check shows the handover
    const poll = engine.client.activateJobs({ type, worker: 'w', timeout: 10_000, maxJobsToActivate: 1, requestTimeout: 3_000 });
    await expect.poll(() => engine.server.engine.waitingJobPolls(type), { message: 'the poll to wait' }).toBe(1);

    // when
    const { processInstanceKey } = await startJobProcess({ type });
    const jobs = await poll;

    // then
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.processInstanceKey).toBe(processInstanceKey);
  });

  // skipped against a cluster (EMBEDDED_ONLY): reads the engine's event log
  it.skipIf(TEST_CLUSTER)('should activate a new job for a waiting poll in the command that creates it, with the variables asked for', async () => {
    // given
    const type = `handover-${randomUUID()}`;
    const poll = engine.client.activateJobs({
      type,
      worker: 'w',
      timeout: 10_000,
      maxJobsToActivate: 5,
      requestTimeout: 3_000,
      fetchVariable: ['amount'],
    });
    await expect.poll(() => engine.server.engine.waitingJobPolls(type), { message: 'the poll to wait' }).toBe(1);

    // when
    const { processInstanceKey } = await startJobProcess({ type, variables: { amount: 120, name: '张三' } });
    const jobs = await poll;

    // then
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.variables).toEqual({ amount: 120 });
    const events = engine.server.engine.eventsOf(Number(processInstanceKey)).filter((e) => e.valueType === 'JOB');
    expect(events.map((e) => e.intent)).toEqual(['CREATED', 'ACTIVATED']);
    // one command wrote both: its events share one row of the log (position = row × 10,000 + index)
    expect(Math.floor(events[1]!.position / 10_000)).toBe(Math.floor(events[0]!.position / 10_000));
    expect(engine.server.engine.waitingJobPolls(type)).toBe(0);
  });

  it('should answer an empty list when no job arrives within requestTimeout', async () => {
    // given
    const type = `idle-${randomUUID()}`;
    const started = Date.now();

    // when
    const jobs = await engine.client.activateJobs({ type, worker: 'w', timeout: 10_000, maxJobsToActivate: 1, requestTimeout: 500 });

    // then
    expect(jobs).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('should hand the job out again after its lock timeout expired', async () => {
    // given
    const { type } = await startJobProcess();
    const [first] = await engine.client.activateJobs({ type, worker: 'slow', timeout: 300, maxJobsToActivate: 1, requestTimeout: -1 });

    // when
    const whileLocked = await engine.client.activateJobs({ type, worker: 'other', timeout: 10_000, maxJobsToActivate: 1, requestTimeout: -1 });
    const afterExpiry = await engine.client.activateJobs({ type, worker: 'other', timeout: 10_000, maxJobsToActivate: 1, requestTimeout: 3_000 });

    // then
    expect(whileLocked).toEqual([]);
    expect(afterExpiry).toHaveLength(1);
    expect(afterExpiry[0]!.jobKey).toBe(first!.jobKey);
    expect(afterExpiry[0]!.worker).toBe('other');
  });

  it('should answer 400 naming the field when the required type is missing', async () => {
    // given
    const body = { worker: 'w', timeout: 1_000, maxJobsToActivate: 1 };

    // when
    const problem = await problemOf(engine.client.callApiEndpoint({ method: 'POST', urlPath: 'jobs/activation', body }));

    // then
    expect(problem.status).toBe(400);
    expect(problem.contentType).toMatch(/^application\/problem\+json/);
    expect(problem.body).toMatchObject({ type: 'about:blank', status: 400, title: 'INVALID_ARGUMENT', instance: '/v2/jobs/activation' });
    expect(problem.body.detail).toMatch(/\btype\b/);
  });

  it('should answer 400 with a problem for a malformed JSON body', async () => {
    // given
    const body = '{"type": "x", "timeout": ';

    // when
    const response = await engine.fetch(`/v2/jobs/activation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    // then
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ type: 'about:blank', status: 400, title: expect.any(String), instance: '/v2/jobs/activation' });
  });
});

describe('a long poll whose client went away', () => {
  // skipped against a cluster (EMBEDDED_ONLY): needs the engine's job poll registry and event log
  it.skipIf(TEST_CLUSTER)('should be dropped at once, so the next job reaches a live worker instead of waiting out its lock timeout', async () => {
    // given: the clock is pinned, so a job handed to the dead poll could only come back by a lock timeout, never
    const polls = engine.server.engine;
    await engine.client.pinInternalClock(Date.parse('2026-03-02T01:00:00Z'));
    try {
      const { type, id } = await deployJobProcess();
      const departed = rawActivation({ type, worker: 'departed', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 30_000 });
      await expect.poll(() => polls.waitingJobPolls(type), { message: 'the first poll to wait' }).toBe(1);

      // when: the first worker's connection dies mid-wait, then a live worker polls
      departed.destroy();
      await expect.poll(() => polls.waitingJobPolls(type), { message: 'the departed poll to be dropped' }).toBe(0);
      const live = engine.client.activateJobs({ type, worker: 'live', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 20_000 });
      await expect.poll(() => polls.waitingJobPolls(type), { message: 'the live poll to wait' }).toBe(1);
      const started = Date.now();
      const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: id, variables: {} });
      const jobs = await live;

      // then
      expect(jobs.map((j) => [j.processInstanceKey, j.worker])).toEqual([[processInstanceKey, 'live']]);
      expect(Date.now() - started).toBeLessThan(3_000);
      const jobIntents = polls.eventsOf(Number(processInstanceKey)).filter((e) => e.valueType === 'JOB').map((e) => e.intent);
      expect(jobIntents).toEqual(['CREATED', 'ACTIVATED']);
    } finally {
      await engine.client.resetClock();
    }
  });

  // skipped against a cluster (EMBEDDED_ONLY): needs the engine's job poll registry and event log
  it.skipIf(TEST_CLUSTER)('should yield jobs already activated for a poll whose client left before it got them', async () => {
    // given: a job is waiting
    const { type, processInstanceKey } = await startJobProcess();
    const departed = new AbortController();

    // when: the client leaves while its activation is under way
    const handed = engine.server.engine.activateJobs(
      { type, worker: 'departed', timeout: 60_000, maxJobsToActivate: 1, tenantIds: ['<default>'] },
      5_000,
      departed.signal,
    );
    departed.abort();
    const jobs = await handed;
    const [again] = await activateNow(type);

    // then: the departed poll got nothing; the job went back in the same command and reached the next worker
    expect(jobs).toEqual([]);
    expect(again!.processInstanceKey).toBe(processInstanceKey);
    const jobIntents = engine.server.engine.eventsOf(Number(processInstanceKey)).filter((e) => e.valueType === 'JOB').map((e) => e.intent);
    expect(jobIntents).toEqual(['CREATED', 'ACTIVATED', 'YIELDED', 'ACTIVATED']);
  });
});

describe('a cancelled or stopped poll of the SDK (the SDK suite: activateJobsLoose-oca after activateJobs-oca)', () => {
  // skipped against a cluster (EMBEDDED_ONLY): needs the engine's job poll registry and event log
  it.skipIf(TEST_CLUSTER)('should hand the next job to the next poll after a poll was cancelled and a worker stopped mid-poll', async () => {
    // given: the clock is pinned, so a job handed to a dead poll would never time out
    await engine.client.pinInternalClock(Date.parse('2026-03-02T02:00:00Z'));
    try {
      const { type, id } = await deployJobProcess();
      const oca = engine.camunda.getOrchestrationClusterApiClientLoose();
      const cancelled = oca.activateJobs({ type, worker: 'test', timeout: 5_000, maxJobsToActivate: 2, requestTimeout: 5_000 });
      await expect.poll(() => engine.server.engine.waitingJobPolls(type), { message: 'the poll to wait' }).toBe(1);
      cancelled.cancel();
      await expect(cancelled).rejects.toMatchObject({ name: 'CancelSdkError' });
      const worker = oca.createJobWorker({
        jobType: type,
        workerName: 'test-worker',
        maxParallelJobs: 20,
        pollIntervalMs: 1_000,
        pollTimeoutMs: 5_000,
        jobTimeoutMs: 5_000,
        jobHandler: (job) => job.complete({}),
      });
      await expect.poll(() => engine.server.engine.waitingJobPolls(type), { message: 'the worker to poll' }).toBeGreaterThanOrEqual(1);
      worker.stop();
      await expect.poll(() => engine.server.engine.waitingJobPolls(type), { message: 'the dead polls to be dropped' }).toBe(0);

      // when
      const next = oca.activateJobs({ type, worker: 'test', timeout: 5_000, maxJobsToActivate: 2, requestTimeout: 5_000 });
      await expect.poll(() => engine.server.engine.waitingJobPolls(type), { message: 'the next poll to wait' }).toBe(1);
      const { processInstanceKey } = await oca.createProcessInstance({ processDefinitionId: id as never, variables: { someNumberField: 8 } });
      const { jobs } = await next;

      // then
      expect(jobs.map((j) => [j.processInstanceKey, j.worker, j.variables.someNumberField])).toEqual([[processInstanceKey, 'test', 8]]);
    } finally {
      await engine.client.resetClock();
    }
  });
});

describe('POST /v2/jobs/{key}/completion', () => {
  it('should complete the job, merge its variables and continue the instance', async () => {
    // given
    const { type, processInstanceKey } = await startJobProcess({ variables: { input: 1 } });
    const [job] = await activate(type);

    // when
    const ack = await engine.client.completeJob({ jobKey: job!.jobKey, variables: { result: '通过', score: 98 } });

    // then
    expect(ack).toBe('JOB_ACTION_ACKNOWLEDGEMENT');
    await expect.poll(async () => (await engine.client.searchProcessInstances({ filter: { processInstanceKey } })).items[0]?.state).toBe('COMPLETED');
    await expect
      .poll(async () => Object.fromEntries((await engine.client.searchVariables({ filter: { processInstanceKey } })).items.map((v) => [v.name, JSON.parse(v.value)])))
      .toEqual({ input: 1, result: '通过', score: 98 });
  });

  it('should complete a job through the job object the SDK hands out', async () => {
    // given
    const { type, processInstanceKey } = await startJobProcess();
    const [job] = await activate(type);

    // when
    await job!.complete({ viaJob: true });

    // then
    await expect.poll(async () => (await engine.client.searchProcessInstances({ filter: { processInstanceKey } })).items[0]?.state).toBe('COMPLETED');
  });

  it('should answer 404 with a problem for an unknown job', async () => {
    // given
    const unknown = '2251799813999997';

    // when
    const problem = await problemOf(engine.client.completeJob({ jobKey: unknown, variables: {} }));

    // then
    expect(problem.status).toBe(404);
    expect(problem.body).toMatchObject({ status: 404, title: 'NOT_FOUND', instance: `/v2/jobs/${unknown}/completion` });
  });

  it('should answer 404 when a job is completed twice', async () => {
    // given
    const { type } = await startJobProcess();
    const [job] = await activate(type);
    await engine.client.completeJob({ jobKey: job!.jobKey, variables: {} });

    // when
    const problem = await problemOf(engine.client.completeJob({ jobKey: job!.jobKey, variables: {} }));

    // then
    expect(problem.status).toBe(404);
  });

  it('should answer 400 for a non-numeric job key in the path', async () => {
    // given
    const jobKey = 'not-a-key';

    // when
    const problem = await problemOf(engine.client.completeJob({ jobKey, variables: {} }));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('jobKey');
  });
});

describe('POST /v2/jobs/{key}/failure', () => {
  it('should make a failed job with retries left activatable again with the new retries', async () => {
    // given
    const { type } = await startJobProcess();
    const [job] = await activate(type);

    // when
    await engine.client.failJob({ jobKey: job!.jobKey, retries: 2, errorMessage: '暂时无法连接', retryBackOff: 0, variables: { attempt: 1 } });
    const [again] = await activate(type);

    // then
    expect(again!.jobKey).toBe(job!.jobKey);
    expect(again!.retries).toBe(2);
    await expect.poll(async () => (await engine.client.searchVariables({ filter: { scopeKey: job!.elementInstanceKey, name: 'attempt' } })).items.map((v) => v.value)).toEqual(['1']);
  });

  it('should NOT hand out a job before its retryBackOff elapsed, but should after it', async () => {
    // given
    const { type } = await startJobProcess();
    const [job] = await activate(type);
    const failedAt = Date.now();
    await engine.client.failJob({ jobKey: job!.jobKey, retries: 1, errorMessage: 'later', retryBackOff: 500 });

    // when
    const immediately = await engine.client.activateJobs({ type, worker: 'w', timeout: 10_000, maxJobsToActivate: 1, requestTimeout: -1 });
    const afterBackOff = await engine.client.activateJobs({ type, worker: 'w', timeout: 10_000, maxJobsToActivate: 1, requestTimeout: 3_000 });

    // then
    expect(immediately).toEqual([]);
    expect(afterBackOff.map((j) => j.jobKey)).toEqual([job!.jobKey]);
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(450);
  });

  it('should raise a JOB_NO_RETRIES incident when the job fails with no retries left', async () => {
    // given
    const { type, processInstanceKey } = await startJobProcess();
    const [job] = await activate(type);

    // when
    await engine.client.failJob({ jobKey: job!.jobKey, retries: 0, errorMessage: '数据库不可用', retryBackOff: 0 });

    // then (the searches lag behind the commands on a cluster: read and check again until they show it)
    await vi.waitFor(async () => {
      const incidents = await engine.client.searchIncidents({ filter: { processInstanceKey } });
      expect(incidents.page.totalItems).toBe(1);
      expect(incidents.items[0]).toMatchObject({
        errorType: 'JOB_NO_RETRIES',
        errorMessage: '数据库不可用',
        state: 'ACTIVE',
        jobKey: job!.jobKey,
        elementId: 'task',
        elementInstanceKey: job!.elementInstanceKey,
        processInstanceKey,
      });
      expect(incidents.items[0]!.incidentKey).toMatch(KEY);
    }, SEARCHES);
    expect(await activateNow(type)).toEqual([]);
  });

  it('should hand the job out again after its retries are updated and the incident is resolved', async () => {
    // given
    const { type, processInstanceKey } = await startJobProcess();
    const [job] = await activate(type);
    await engine.client.failJob({ jobKey: job!.jobKey, retries: 0, errorMessage: 'down', retryBackOff: 0 });
    const incident = await vi.waitFor(async () => {
      const [found] = (await engine.client.searchIncidents({ filter: { processInstanceKey, errorType: 'JOB_NO_RETRIES' } })).items;
      expect(found).toBeDefined();
      return found!;
    }, SEARCHES);

    // when
    await engine.client.updateJob({ jobKey: job!.jobKey, retries: 3 });
    await engine.client.resolveIncident(incident.incidentKey);

    // then
    const [again] = await activate(type);
    expect(again!.jobKey).toBe(job!.jobKey);
    expect(again!.retries).toBe(3);
    await expect.poll(async () => (await engine.client.searchIncidents({ filter: { processInstanceKey } })).items[0]?.state).toBe('RESOLVED');
  });
});

describe('POST /v2/jobs/{key}/error', () => {
  it('should raise an UNHANDLED_ERROR_EVENT incident when no catch event matches', async () => {
    // given
    const { type, processInstanceKey } = await startJobProcess();
    const [job] = await activate(type);

    // when
    const ack = await engine.client.errorJob({ jobKey: job!.jobKey, errorCode: 'NOT_ELIGIBLE', errorMessage: '不符合条件', variables: {} });

    // then
    expect(ack).toBe('JOB_ACTION_ACKNOWLEDGEMENT');
    await vi.waitFor(async () => {
      const incidents = await engine.client.searchIncidents({ filter: { processInstanceKey } });
      expect(incidents.items).toHaveLength(1);
      expect(incidents.items[0]).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', state: 'ACTIVE', jobKey: job!.jobKey });
      expect(incidents.items[0]!.errorMessage).toContain('NOT_ELIGIBLE');
    }, SEARCHES);
  });

  it('should answer 400 naming the field when errorCode is missing', async () => {
    // given
    const { type } = await startJobProcess();
    const [job] = await activate(type);

    // when
    const problem = await problemOf(engine.client.callApiEndpoint({ method: 'POST', urlPath: `jobs/${job!.jobKey}/error`, body: { errorMessage: 'x' } }));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('errorCode');
  });
});

describe('PATCH /v2/jobs/{key}', () => {
  it('should extend the lock of an activated job with a new timeout', async () => {
    // given
    const { type } = await startJobProcess();
    const [job] = await engine.client.activateJobs({ type, worker: 'w', timeout: 300, maxJobsToActivate: 1, requestTimeout: -1 });

    // when
    await job!.modifyJobTimeout({ newTimeoutMs: 30_000 });

    // then: past the first lock (300 ms), within the new one
    try {
      await engine.client.pinInternalClock(Date.now() + 5_000);
      expect(await activateNow(type)).toEqual([]);
    } finally {
      await engine.client.resetClock();
    }
  });

  it('should answer 404 for an unknown job', async () => {
    // given
    const unknown = '2251799813999996';

    // when
    const problem = await problemOf(engine.client.updateJob({ jobKey: unknown, retries: 1 }));

    // then
    expect(problem.status).toBe(404);
  });
});

describe('POST /v2/jobs/search', () => {
  it('should find the jobs of an instance with their state and retries', async () => {
    // given
    const { type, processInstanceKey } = await startJobProcess();
    const [job] = await activate(type);

    // when
    const result = await engine.client.callApiEndpoint<{ filter: object }, { items: Record<string, unknown>[]; page: { totalItems: number } }>({
      method: 'POST',
      urlPath: 'jobs/search',
      body: { filter: { processInstanceKey } },
    });

    // then
    expect(result.page.totalItems).toBe(1);
    expect(result.items[0]).toMatchObject({ jobKey: job!.jobKey, type, state: 'CREATED', retries: 5, processInstanceKey, elementId: 'task' });
  });

  it('should answer 400 naming the state filter and its allowed values for a state Camunda 8.8 lacks', async () => {
    // given
    const search = (filter: Record<string, unknown>) =>
      engine.fetch('/v2/jobs/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filter }) });

    // when
    const answers = await Promise.all([
      search({ state: 'ACTIVATED' }),
      search({ state: { $in: ['CREATED', 'ACTIVATED'] } }),
      search({ state: { $neq: 'created' } }),
      search({ $or: [{ state: 'ACTIVATED' }] }),
      search({ state: { $gt: 'CREATED' } }),
    ]);

    // then
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    const problems = await Promise.all(answers.map(async (answer) => (await answer.json()) as { title: string; detail: string; instance: string }));
    for (const problem of problems) expect(problem).toMatchObject({ title: 'INVALID_ARGUMENT', instance: '/v2/jobs/search' });
    for (const problem of problems.slice(0, 4)) {
      expect(problem.detail).toMatch(/filter(\.\$or\.0)?\.state/);
      expect(problem.detail).toContain('CANCELED, COMPLETED, CREATED, ERROR_THROWN, FAILED, MIGRATED, RETRIES_UPDATED, TIMED_OUT');
    }
    expect(problems[3]!.detail).toContain('filter.$or.0.state');
    expect(problems[4]!.detail).toContain('filter.state');
    expect(problems[4]!.detail).toContain('$gt');
  });

  it('should filter by errorMessage and hasFailedWithRetriesLeft', async () => {
    // given: two jobs of one type, one failed with retries left
    const type = `job-${randomUUID()}`;
    await startJobProcess({ type });
    await startJobProcess({ type });
    const [failed, other] = await activateNow(type);
    await engine.client.failJob({ jobKey: failed!.jobKey, retries: 2, errorMessage: '医保接口暂不可用', retryBackOff: 0 });
    const keysOf = async (filter: Record<string, unknown>) =>
      (
        await engine.client.callApiEndpoint<{ filter: object }, { items: { jobKey: string }[] }>({
          method: 'POST',
          urlPath: 'jobs/search',
          body: { filter: { type, ...filter } },
        })
      ).items.map((j) => j.jobKey);

    // the searches lag behind the commands on a cluster: read and check again until they show it
    await vi.waitFor(async () => {
      // when
      const withRetries = await keysOf({ hasFailedWithRetriesLeft: true });
      const without = await keysOf({ hasFailedWithRetriesLeft: false });
      const byMessage = await keysOf({ errorMessage: { $like: '*接口*' } });
      const noMessage = await keysOf({ errorMessage: 'other' });

      // then
      expect(withRetries).toEqual([failed!.jobKey]);
      expect(without).toEqual([other!.jobKey]);
      expect(byMessage).toEqual([failed!.jobKey]);
      expect(noMessage).toEqual([]);
      const items = await searchJobs({ filter: { type }, sort: [{ field: 'jobKey' }] });
      expect(Object.fromEntries(items.map((j) => [j.jobKey, j.hasFailedWithRetriesLeft]))).toEqual({ [failed!.jobKey]: true, [other!.jobKey]: false });
    }, SEARCHES);
  });

  it('should answer and filter by deadline, endTime, errorCode, kind and listenerEventType', async () => {
    // given: on a pinned clock, three jobs of one type: one completed, one whose worker threw a BPMN error nothing
    // catches, one never activated
    const now = Date.parse('2026-03-02T02:00:00.000Z');
    await engine.client.pinInternalClock(now);
    try {
      const type = `job-${randomUUID()}`;
      for (let n = 0; n < 3; n++) await startJobProcess({ type });
      const [completed, thrown] = await engine.client.activateJobs({ type, worker: 'w', timeout: 60_000, maxJobsToActivate: 2, requestTimeout: -1 });
      await engine.client.completeJob({ jobKey: completed!.jobKey, variables: {} });
      await engine.client.errorJob({ jobKey: thrown!.jobKey, errorCode: 'MATERIAL_MISSING', errorMessage: '缺少材料', variables: {} });
      // (the searches lag behind the commands on a cluster: wait until they show all three outcomes)
      await expect.poll(async () => (await searchJobs({ filter: { type } })).map((j) => j.state).sort()).toEqual(['COMPLETED', 'CREATED', 'ERROR_THROWN']);
      const deadline = new Date(now + 60_000).toISOString();
      const ended = new Date(now).toISOString();
      const keysOf = async (filter: Record<string, unknown>, sort?: { field: string; order?: string }[]) =>
        (await searchJobs({ filter: { type, ...filter }, sort: sort ?? [{ field: 'jobKey' }] })).map((j) => j.jobKey);

      // when
      const all = await searchJobs({ filter: { type }, sort: [{ field: 'jobKey' }] });
      const waiting = all.find((j) => j.jobKey !== completed!.jobKey && j.jobKey !== thrown!.jobKey)!;

      // then: the answer
      expect(all).toHaveLength(3);
      expect(all.find((j) => j.jobKey === completed!.jobKey)).toMatchObject({ state: 'COMPLETED', deadline, endTime: ended });
      expect(all.find((j) => j.jobKey === thrown!.jobKey)).toMatchObject({
        state: 'ERROR_THROWN',
        deadline,
        errorCode: 'MATERIAL_MISSING',
        errorMessage: '缺少材料',
      });
      // a thrown BPMN error sets no end time: Camunda 8.8's exporters set it on COMPLETED and CANCELED only
      expect(all.find((j) => j.jobKey === thrown!.jobKey)).not.toHaveProperty('endTime');
      expect(waiting).toMatchObject({ state: 'CREATED' });
      expect(waiting).not.toHaveProperty('deadline');
      expect(waiting).not.toHaveProperty('endTime');
      expect(waiting).toMatchObject({ errorCode: '', errorMessage: '' });
      for (const job of all) {
        // a BPMN error thrown with retries left sets the flag, as Camunda 8.8's exporters compute it
        expect(job).toMatchObject({ kind: 'BPMN_ELEMENT', listenerEventType: 'UNSPECIFIED', hasFailedWithRetriesLeft: job.jobKey === thrown!.jobKey });
        expect(job).not.toHaveProperty('isDenied');
      }
      const endedJobs = [completed!.jobKey, thrown!.jobKey].sort();

      // then: the filters, with their operators
      expect(await keysOf({ deadline })).toEqual(endedJobs);
      expect(await keysOf({ deadline: { $gt: ended, $lte: deadline } })).toEqual(endedJobs);
      expect(await keysOf({ deadline: { $exists: false } })).toEqual([waiting.jobKey]);
      expect(await keysOf({ endTime: { $gte: ended, $lt: deadline } })).toEqual([completed!.jobKey]);
      expect(await keysOf({ endTime: { $exists: false } })).toEqual([thrown!.jobKey, waiting.jobKey].sort());
      expect(await keysOf({ errorCode: 'MATERIAL_MISSING' })).toEqual([thrown!.jobKey]);
      expect(await keysOf({ hasFailedWithRetriesLeft: true })).toEqual([thrown!.jobKey]);
      expect(await keysOf({ errorCode: { $like: 'MATERIAL_*' } })).toEqual([thrown!.jobKey]);
      expect(await keysOf({ errorCode: { $neq: 'MATERIAL_MISSING' } })).toEqual([completed!.jobKey, waiting.jobKey].sort());
      expect(await keysOf({ kind: 'bpmn_element' })).toHaveLength(3);
      expect(await keysOf({ kind: { $in: ['TASK_LISTENER', 'EXECUTION_LISTENER'] } })).toEqual([]);
      expect(await keysOf({ listenerEventType: { $eq: 'UNSPECIFIED' } })).toHaveLength(3);
      expect(await keysOf({ isDenied: true })).toEqual([]);
      expect(await keysOf({ deniedReason: { $exists: true } })).toEqual([]);
      // then: the sorts (an absent value is the smallest)
      expect(await keysOf({}, [{ field: 'errorCode', order: 'DESC' }, { field: 'jobKey' }])).toEqual([thrown!.jobKey, ...[completed!.jobKey, waiting.jobKey].sort()]);
      expect((await keysOf({}, [{ field: 'endTime' }, { field: 'jobKey' }]))[2]).toBe(completed!.jobKey);
      expect((await keysOf({}, [{ field: 'deadline', order: 'desc' }]))[2]).toBe(waiting.jobKey);
    } finally {
      await engine.client.resetClock();
    }
  });

  it('should answer 400 for an operator a job field does not take', async () => {
    // given
    const search = (filter: Record<string, unknown>) =>
      engine.fetch('/v2/jobs/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filter }) });

    // when
    const answers = await Promise.all([
      search({ deadline: { $like: '2026*' } }),
      search({ kind: { $gt: 'A' } }),
      search({ isDenied: { $eq: true } }),
      search({ endTime: 'yesterday' }),
    ]);

    // then
    for (const answer of answers) expect(answer.status).toBe(400);
    const details = await Promise.all(answers.map(async (answer) => ((await answer.json()) as { detail: string }).detail));
    expect(details.map((detail) => ['deadline', 'kind', 'isDenied', 'endTime'].find((field) => detail.includes(field)))).toEqual(['deadline', 'kind', 'isDenied', 'endTime']);
  });
});

describe('createJobWorker', () => {
  it('should complete the jobs of several instances end to end', async () => {
    // given
    const type = `worker-${randomUUID()}`;
    const instances: string[] = [];
    for (let n = 1; n <= 4; n++) instances.push((await startJobProcess({ type, variables: { n } })).processInstanceKey);
    const handled: string[] = [];

    // when
    const worker = engine.client.createJobWorker({
      type,
      worker: 'e2e',
      timeout: 10_000,
      maxJobsToActivate: 3,
      requestTimeout: 1_000,
      pollIntervalMs: 50,
      jobHandler: (job) => {
        handled.push(job.processInstanceKey);
        return job.complete({ doubled: Number((job.variables as { n: number }).n) * 2 });
      },
    });
    try {
      await expect
        .poll(async () => (await engine.client.searchProcessInstances({ filter: { processInstanceKey: { $in: instances }, state: 'COMPLETED' } as never })).page.totalItems, {
          message: 'every instance completed by the worker',
          timeout: 10_000,
        })
        .toBe(instances.length);
    } finally {
      await worker.stop(2_000);
    }

    // then
    expect([...handled].sort()).toEqual([...instances].sort());
    for (const processInstanceKey of instances) {
      const { items } = await engine.client.searchVariables({ filter: { processInstanceKey } });
      const vars = Object.fromEntries(items.map((v) => [v.name, JSON.parse(v.value) as number]));
      expect(vars.doubled).toBe(vars.n! * 2);
    }
  });
});

// helpers

let processCounter = 0;

async function deployJobProcess() {
  const type = `job-${randomUUID()}`;
  const id = `jobs-${randomUUID()}`;
  processCounter++;
  const xml = bpmnProcess(
    id,
    `<bpmn:startEvent id="start"/>
     <bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="${type}"/></bpmn:extensionElements></bpmn:serviceTask>
     <bpmn:endEvent id="end"/>${flow('f1', 'start', 'task')}${flow('f2', 'task', 'end')}`,
  );
  await deploy(engine.client, [{ name: `jobs-${processCounter}.bpmn`, content: xml }]);
  return { type, id };
}

/** A job activation over a plain HTTP request, so a test can kill its connection mid-wait. */
function rawActivation(body: Record<string, unknown>): ClientRequest {
  const request = httpRequest(`${engine.url}/v2/jobs/activation`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basicAuth() } });
  request.on('error', () => undefined);
  request.end(JSON.stringify(body));
  return request;
}

async function startJobProcess(options: { type?: string; variables?: Record<string, unknown> } = {}) {
  const type = options.type ?? `job-${randomUUID()}`;
  const id = `jobs-${randomUUID()}`;
  processCounter++;
  const xml = bpmnProcess(
    id,
    `<bpmn:startEvent id="start"/>
     <bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" retries="5"/>
       <zeebe:taskHeaders><zeebe:header key="method" value="VISA"/></zeebe:taskHeaders></bpmn:extensionElements></bpmn:serviceTask>
     <bpmn:endEvent id="end"/>${flow('f1', 'start', 'task')}${flow('f2', 'task', 'end')}`,
  );
  const deployment = await deploy(engine.client, [{ name: `jobs-${processCounter}.bpmn`, content: xml }]);
  const created = await engine.client.createProcessInstance({ processDefinitionId: id, variables: options.variables ?? {} });
  return { type, id, processInstanceKey: created.processInstanceKey, processDefinitionKey: deployment.processes[0]!.processDefinitionKey };
}

/** A job search over plain HTTP (CamundaRestClient 8.8 has no method for it). */
async function searchJobs(body: Record<string, unknown>) {
  const result = await engine.client.callApiEndpoint<Record<string, unknown>, { items: ({ jobKey: string } & Record<string, unknown>)[] }>({
    method: 'POST',
    urlPath: 'jobs/search',
    body,
  });
  return result.items;
}

function activate(type: string) {
  return engine.client.activateJobs({ type, worker: 'w', timeout: 30_000, maxJobsToActivate: 10, requestTimeout: 2_000 });
}

function activateNow(type: string) {
  return engine.client.activateJobs({ type, worker: 'w', timeout: 30_000, maxJobsToActivate: 10, requestTimeout: -1 });
}

/** Values parsed by the SDK's lossless parser; a JSON round trip gives plain values. */
function toPlain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
