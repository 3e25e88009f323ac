/**
 * Conformance: what POST /v2/jobs/search answers for a job through its life — the state, worker, deadline, retries,
 * error message and code ('' while it has none), hasFailedWithRetriesLeft and end time of its last exported event,
 * as Camunda 8.8's search (fed by the exported job events; an activation is not one) answers them. docs/camunda8-cluster.md has the cases.
 * The clock is pinned; against a cluster the searches are polled (its search is eventually consistent, and its
 * timeout checker runs on its own schedule).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bpmnProcess, flow, serviceTaskProcess } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { TEST_CLUSTER } from '../support/test-cluster.js';

const NOW = Date.parse('2026-03-09T01:00:00.000Z');
const LOCK = 60_000;
const iso = (epochMs: number) => new Date(epochMs).toISOString();
const POLL = { timeout: TEST_CLUSTER ? 60_000 : 1_000 };

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
});

afterEach(async () => {
  await engine.client.resetClock();
});

afterAll(async () => {
  await engine.stop();
});

describe('POST /v2/jobs/search: a job as its last exported event left it', () => {
  it('should answer an activated job CREATED, without the worker and deadline of an activation Camunda does not export', async () => {
    // given
    await engine.client.pinInternalClock(NOW);
    const { type } = await startJobProcess();
    await startJobProcess({ type });

    // when
    const [activated] = await activate(type, '通知书工作者', 1);

    // then
    const answer = await answerOf(activated!.jobKey, { state: 'CREATED' });
    expect(answer).toMatchObject({ state: 'CREATED', worker: '', retries: 5, hasFailedWithRetriesLeft: false, errorMessage: '', errorCode: '' });
    expect(answer).not.toHaveProperty('deadline');
    expect(answer).not.toHaveProperty('endTime');
    expect(await keysOf({ type, state: 'CREATED' })).toHaveLength(2);
    expect(await keysOf({ type, deadline: { $exists: true } })).toEqual([]);
  });

  // skipped against a cluster (EMBEDDED_ONLY): waits for the engine's own long poll to be registered
  it.skipIf(TEST_CLUSTER)('should answer a job handed to a waiting long poll CREATED as well, without worker and deadline', async () => {
    // given: a long poll waiting before its job exists
    await engine.client.pinInternalClock(NOW);
    const type = `job-${randomUUID()}`;
    const polling = activate(type, 'long-poller');
    await expect.poll(() => engine.server.engine.waitingJobPolls(type), { message: 'the poll to wait' }).toBe(1);

    // when
    await startJobProcess({ type });
    const [handed] = await polling;

    // then
    const answer = await answerOf(handed!.jobKey, { state: 'CREATED' });
    expect(answer).toMatchObject({ worker: '', retries: 5 });
    expect(answer).not.toHaveProperty('deadline');
  });

  it('should answer a job whose lock ran out TIMED_OUT with its worker, retries and expired deadline, also once it is activated again, until it completes', async () => {
    // given: a job activated by one worker
    await engine.client.pinInternalClock(NOW);
    const { type } = await startJobProcess();
    const [job] = await activate(type, 'worker-a');

    // when: its lock runs out, without anyone asking for it
    await engine.client.pinInternalClock(NOW + LOCK + 1_000);

    // then
    const timedOut = await answerOf(job!.jobKey, { state: 'TIMED_OUT' });
    expect(timedOut).toMatchObject({ state: 'TIMED_OUT', worker: 'worker-a', deadline: iso(NOW + LOCK), retries: 5, hasFailedWithRetriesLeft: false });
    expect(timedOut).not.toHaveProperty('endTime');
    expect(await keysOf({ type, state: 'TIMED_OUT' })).toEqual([job!.jobKey]);

    // when: another worker takes it (its activation is not exported either)
    const [again] = await activate(type, 'worker-b');

    // then
    expect(again!.jobKey).toBe(job!.jobKey);
    expect(await answerOf(job!.jobKey, { state: 'TIMED_OUT' })).toMatchObject({ worker: 'worker-a', deadline: iso(NOW + LOCK) });

    // when
    await engine.client.completeJob({ jobKey: job!.jobKey, variables: {} });

    // then: the completion carries the activation it ended
    expect(await answerOf(job!.jobKey, { state: 'COMPLETED' })).toMatchObject({
      worker: 'worker-b',
      deadline: iso(NOW + LOCK + 1_000 + LOCK),
      endTime: iso(NOW + LOCK + 1_000),
      retries: 5,
    });
  });

  it('should answer a failed job FAILED with its worker, deadline, error message and retries left, also once it is activated again', async () => {
    // given
    await engine.client.pinInternalClock(NOW);
    const { type } = await startJobProcess();
    const [job] = await activate(type, 'worker-a');

    // when
    await engine.client.failJob({ jobKey: job!.jobKey, retries: 2, errorMessage: '医保接口暂不可用', retryBackOff: 0 });

    // then
    const failed = { state: 'FAILED', worker: 'worker-a', deadline: iso(NOW + LOCK), errorMessage: '医保接口暂不可用', errorCode: '', retries: 2, hasFailedWithRetriesLeft: true };
    expect(await answerOf(job!.jobKey, { state: 'FAILED' })).toMatchObject(failed);

    // when: a worker takes it again
    await activate(type, 'worker-b');

    // then
    expect(await answerOf(job!.jobKey, { state: 'FAILED' })).toMatchObject(failed);
    expect(await keysOf({ type, hasFailedWithRetriesLeft: true })).toEqual([job!.jobKey]);

    // when
    await engine.client.completeJob({ jobKey: job!.jobKey, variables: {} });

    // then
    expect(await answerOf(job!.jobKey, { state: 'COMPLETED' })).toMatchObject({ worker: 'worker-b', retries: 2, hasFailedWithRetriesLeft: false });
    expect(await keysOf({ type, hasFailedWithRetriesLeft: true })).toEqual([]);
  });

  it('should answer RETRIES_UPDATED after PATCH /v2/jobs/{key} with retries, keeping the failed activation, and nothing new for a timeout change', async () => {
    // given: a job failed without retries, waiting at its incident
    await engine.client.pinInternalClock(NOW);
    const { type, processInstanceKey } = await startJobProcess();
    const [job] = await activate(type, 'worker-a');
    await engine.client.failJob({ jobKey: job!.jobKey, retries: 0, errorMessage: '接口拒绝', retryBackOff: 0 });
    expect(await answerOf(job!.jobKey, { state: 'FAILED' })).toMatchObject({ retries: 0, hasFailedWithRetriesLeft: false });

    // when
    await engine.client.updateJob({ jobKey: job!.jobKey, retries: 3 });

    // then
    const updated = { state: 'RETRIES_UPDATED', retries: 3, worker: 'worker-a', deadline: iso(NOW + LOCK), errorMessage: '接口拒绝', hasFailedWithRetriesLeft: false };
    expect(await answerOf(job!.jobKey, { state: 'RETRIES_UPDATED' })).toMatchObject(updated);

    // when: the incident is resolved, a worker takes the job and extends its lock
    const [incident] = (await engine.client.searchIncidents({ filter: { processInstanceKey, errorType: 'JOB_NO_RETRIES' } })).items;
    await engine.client.resolveIncident(incident!.incidentKey);
    await activate(type, 'worker-b');
    await engine.client.updateJob({ jobKey: job!.jobKey, timeout: 5 * LOCK });

    // then
    expect(await answerOf(job!.jobKey, { state: 'RETRIES_UPDATED' })).toMatchObject(updated);
  });

  it('should answer ERROR_THROWN with its code, message and end time, also once its incident is resolved and it is activated again', async () => {
    // given
    await engine.client.pinInternalClock(NOW);
    const { type, processInstanceKey } = await startJobProcess();
    const [job] = await activate(type, 'worker-a');

    // when: a BPMN error nothing catches
    await engine.client.errorJob({ jobKey: job!.jobKey, errorCode: 'MATERIAL_MISSING', errorMessage: '缺少材料', variables: {} });

    // then
    const thrown = {
      state: 'ERROR_THROWN',
      worker: 'worker-a',
      deadline: iso(NOW + LOCK),
      errorCode: 'MATERIAL_MISSING',
      errorMessage: '缺少材料',
      // Camunda 8.8's exporters set the flag on a thrown BPMN error too, from the retries left (5)
      hasFailedWithRetriesLeft: true,
    };
    expect(await answerOf(job!.jobKey, { state: 'ERROR_THROWN' })).toMatchObject(thrown);
    expect(await answerOf(job!.jobKey, { state: 'ERROR_THROWN' })).not.toHaveProperty('endTime');

    // when
    const [incident] = (await engine.client.searchIncidents({ filter: { processInstanceKey, errorType: 'UNHANDLED_ERROR_EVENT' } })).items;
    await engine.client.resolveIncident(incident!.incidentKey);
    const [again] = await activate(type, 'worker-b');

    // then
    expect(again!.jobKey).toBe(job!.jobKey);
    expect(await answerOf(job!.jobKey, { state: 'ERROR_THROWN' })).toMatchObject(thrown);
  });

  it('should answer CANCELED with the worker and deadline of the activation it ended, and its end time', async () => {
    // given
    await engine.client.pinInternalClock(NOW);
    const { type, processInstanceKey } = await startJobProcess();
    const [job] = await activate(type, 'worker-a');

    // when
    await engine.client.cancelProcessInstance({ processInstanceKey });

    // then
    expect(await answerOf(job!.jobKey, { state: 'CANCELED' })).toMatchObject({ worker: 'worker-a', deadline: iso(NOW + LOCK), endTime: iso(NOW), retries: 5 });
  });

  it('should answer MIGRATED for the job of a migrated service task', async () => {
    // given
    const processId = `migrant-${randomUUID()}`;
    const type = `migrant-${randomUUID()}`;
    const version = (name: string) =>
      serviceTaskProcess(type, { processId, name });
    await deploy(engine.client, [{ name: 'migrant.bpmn', content: version('一版') }]);
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: processId, variables: {} });
    const v2 = await deploy(engine.client, [{ name: 'migrant.bpmn', content: version('二版') }]);
    const targetProcessDefinitionKey = v2.processes[0]!.processDefinitionKey;

    // when
    await engine.client.migrateProcessInstance({ processInstanceKey, targetProcessDefinitionKey, mappingInstructions: [{ sourceElementId: 'task', targetElementId: 'task' }] });

    // then
    await expect.poll(() => keysOf({ processInstanceKey, state: 'MIGRATED' }), POLL).toHaveLength(1);
    const [job] = await keysOf({ processInstanceKey });
    expect(await answerOf(job!, { state: 'MIGRATED' })).toMatchObject({ processDefinitionKey: targetProcessDefinitionKey, worker: '', retries: 3 });
  });

  it('should sort and filter by the answered state, both ways and over cursor pages', async () => {
    // given: five jobs of one type, one in each of five answered states, all but one then activated again
    await engine.client.pinInternalClock(NOW);
    const type = `job-${randomUUID()}`;
    for (let n = 0; n < 5; n++) await startJobProcess({ type });
    const [completed, failed, updated, timedOut] = await activate(type, 'worker-a', 4);
    await engine.client.completeJob({ jobKey: completed!.jobKey, variables: {} });
    await engine.client.failJob({ jobKey: failed!.jobKey, retries: 2, errorMessage: 'down', retryBackOff: 0 });
    await engine.client.failJob({ jobKey: updated!.jobKey, retries: 0, errorMessage: 'down', retryBackOff: 0 });
    await engine.client.updateJob({ jobKey: updated!.jobKey, retries: 1 });
    await engine.client.pinInternalClock(NOW + LOCK + 1_000);
    await expect.poll(() => keysOf({ type, state: 'TIMED_OUT' }), POLL).toEqual([timedOut!.jobKey]);
    await activate(type, 'worker-b', 5);
    const waiting = (await keysOf({ type, state: 'CREATED' }))[0]!;
    const ascending = [
      ['COMPLETED', completed!.jobKey],
      ['CREATED', waiting],
      ['FAILED', failed!.jobKey],
      ['RETRIES_UPDATED', updated!.jobKey],
      ['TIMED_OUT', timedOut!.jobKey],
    ];
    const byState = async (order: 'ASC' | 'DESC') =>
      (await search({ filter: { type }, sort: [{ field: 'state', order }, { field: 'jobKey' }] })).map((j) => [j.state, j.jobKey]);

    // when
    const asc = await byState('ASC');
    const desc = await byState('DESC');

    // then
    expect(asc).toEqual(ascending);
    expect(desc).toEqual([...ascending].reverse());
    const walked: unknown[] = [];
    let after: string | undefined;
    for (let n = 0; n < 5; n++) {
      const page = await engine.client.callApiEndpoint<Record<string, unknown>, { items: JobAnswer[]; page: { endCursor?: string } }>({
        method: 'POST',
        urlPath: 'jobs/search',
        body: { filter: { type }, sort: [{ field: 'state', order: 'DESC' }, { field: 'jobKey' }], page: { limit: 2, ...(after ? { after } : {}) } },
      });
      if (page.items.length === 0) break;
      walked.push(...page.items.map((j) => [j.state, j.jobKey]));
      after = page.page.endCursor;
    }
    expect(walked).toEqual(desc);
    expect(await keysOf({ type, state: { $in: ['TIMED_OUT', 'RETRIES_UPDATED'] } })).toEqual([updated!.jobKey, timedOut!.jobKey].sort());
    expect(await keysOf({ type, state: { $neq: 'COMPLETED' } })).toHaveLength(4);
    expect(await keysOf({ type, state: { $like: '*_*' } })).toEqual([updated!.jobKey, timedOut!.jobKey].sort());
    expect(await keysOf({ type, $or: [{ state: 'FAILED' }, { state: 'TIMED_OUT' }] })).toEqual([failed!.jobKey, timedOut!.jobKey].sort());
    expect(await keysOf({ type, state: 'CREATED', deadline: { $exists: true } })).toEqual([]);
    // the error fields filter as they answer: '' (a value, as in Zeebe's record) for the jobs that never failed
    expect(await keysOf({ type, errorMessage: '' })).toEqual([completed!.jobKey, timedOut!.jobKey, waiting].sort());
    expect(await keysOf({ type, errorMessage: 'down' })).toEqual([failed!.jobKey, updated!.jobKey].sort());
    expect(await keysOf({ type, errorCode: { $exists: false } })).toEqual([]);
  });
});

// helpers

let processCounter = 0;

async function startJobProcess(options: { type?: string } = {}) {
  const type = options.type ?? `job-${randomUUID()}`;
  const id = `job-states-${randomUUID()}`;
  processCounter++;
  const xml = bpmnProcess(
    id,
    `<bpmn:startEvent id="start"/>
     <bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" retries="5"/></bpmn:extensionElements></bpmn:serviceTask>
     <bpmn:endEvent id="end"/>${flow('f1', 'start', 'task')}${flow('f2', 'task', 'end')}`,
  );
  await deploy(engine.client, [{ name: `job-states-${processCounter}.bpmn`, content: xml }]);
  const created = await engine.client.createProcessInstance({ processDefinitionId: id, variables: {} });
  return { type, processInstanceKey: created.processInstanceKey };
}

function activate(type: string, worker: string, maxJobsToActivate = 1) {
  return engine.client.activateJobs({ type, worker, timeout: LOCK, maxJobsToActivate, requestTimeout: 5_000 });
}

type JobAnswer = { jobKey: string; state: string } & Record<string, unknown>;

async function search(body: Record<string, unknown>): Promise<JobAnswer[]> {
  const result = await engine.client.callApiEndpoint<Record<string, unknown>, { items: JobAnswer[] }>({ method: 'POST', urlPath: 'jobs/search', body });
  return result.items;
}

async function keysOf(filter: Record<string, unknown>): Promise<string[]> {
  return (await search({ filter, sort: [{ field: 'jobKey' }] })).map((j) => j.jobKey);
}

/** The job's search answer once it is in `state` (at once on the embedded engine). */
async function answerOf(jobKey: string, { state }: { state: string }): Promise<JobAnswer> {
  let answer: JobAnswer | undefined;
  await expect
    .poll(async () => {
      answer = (await search({ filter: { jobKey } }))[0];
      return answer?.state;
    }, POLL)
    .toBe(state);
  return answer!;
}
