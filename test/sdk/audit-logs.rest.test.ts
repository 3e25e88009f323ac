/**
 * Conformance: the audit log of cases in Camunda 8.9's shape (`POST /v2/audit-logs/search`, Camunda 8.8 has none)
 * and the acting user of every command in the event log: a clerk's completion with the decision it set, a
 * manager's repairs (variable, retry and resolve, cancel, a batch cancellation) under the manager's name, the
 * engine's own work (a timer) without one; a clerk reads the trail of her own case only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bpmnProcess, flow, serviceTaskProcess } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { SEARCHES } from '../support/searches.js';
import { TEST_CLUSTER } from '../support/test-cluster.js';

const MANAGER = { username: 'sun-qiang', password: 'demo' };
const CLERK = { username: 'zhang-min', password: 'demo' };
const OTHER_CLERK = { username: 'ma-xiaoyun', password: 'demo' };

let engine: EngineFixture;
const reviewProcess = `audit-review-${randomUUID()}`;
const jobProcess = `audit-job-${randomUUID()}`;
const timerProcess = `audit-timer-${randomUUID()}`;

interface AuditEntry {
  auditLogKey: string;
  operationType: string;
  entityType: string;
  entityKey: string | null;
  entityDescription: string | null;
  actorId: string | null;
  actorType: string | null;
  category: string;
  result: string;
  timestamp: string;
  processInstanceKey: string | null;
  userTaskKey: string | null;
  jobKey: string | null;
  batchOperationKey: string | null;
  variableValue: string | null;
}

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    {
      name: 'audit-review.bpmn',
      content: bpmnProcess(
        reviewProcess,
        `<bpmn:startEvent id="start"/>
         <bpmn:userTask id="firstReview" name="业务初审"><bpmn:extensionElements><zeebe:userTask/>
           <zeebe:assignmentDefinition candidateGroups="window-first-review"/></bpmn:extensionElements></bpmn:userTask>
         <bpmn:userTask id="secondReview" name="业务复审"><bpmn:extensionElements><zeebe:userTask/>
           <zeebe:assignmentDefinition candidateGroups="window-second-review"/></bpmn:extensionElements></bpmn:userTask>
         <bpmn:endEvent id="end"/>${flow('f1', 'start', 'firstReview')}${flow('f2', 'firstReview', 'secondReview')}${flow('f3', 'secondReview', 'end')}`,
      ),
    },
    {
      name: 'audit-job.bpmn',
      content: serviceTaskProcess('= jobType', { processId: jobProcess, task: 'check' }),
    },
    {
      name: 'audit-timer.bpmn',
      content: bpmnProcess(
        timerProcess,
        `<bpmn:startEvent id="start"/>
         <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
         <bpmn:endEvent id="end"/>${flow('f1', 'start', 'wait')}${flow('f2', 'wait', 'end')}`,
      ),
    },
  ]);
});

afterAll(async () => {
  await engine.stop();
});

async function auditOf(processInstanceKey: string, as = MANAGER): Promise<AuditEntry[]> {
  const response = await engine.fetch('/v2/audit-logs/search', {
    as,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ filter: { processInstanceKey }, sort: [{ field: 'timestamp', order: 'ASC' }] }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: AuditEntry[] }).items;
}

async function openTask(processInstanceKey: string) {
  return vi.waitFor(
    async () => {
      const [task] = (await engine.client.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } })).items;
      expect(task).toBeDefined();
      return task!;
    },
    { timeout: 10_000, interval: 25 },
  );
}

describe('POST /v2/audit-logs/search', () => {
  it('should record who created the case and who completed a task, with the decision the completion set', async () => {
    // given
    const { processInstanceKey } = await engine.clientAs(CLERK.username).createProcessInstance({ processDefinitionId: reviewProcess, variables: { personName: '韩永福' } });
    const task = await openTask(processInstanceKey);

    // when
    await engine.clientAs(CLERK.username).completeUserTask({ userTaskKey: task.userTaskKey, variables: { firstReviewDecision: 'returned', firstReviewReason: '材料不齐' } });

    // then
    await expect.poll(async () => (await auditOf(processInstanceKey)).map((e) => [e.entityType, e.operationType, e.actorId])).toEqual([
      ['PROCESS_INSTANCE', 'CREATE', 'zhang-min'],
      ['USER_TASK', 'COMPLETE', 'zhang-min'],
      ['VARIABLE', 'CREATE', 'zhang-min'],
      ['VARIABLE', 'CREATE', 'zhang-min'],
    ]);
    const entries = await auditOf(processInstanceKey);
    const [created, completed, decision, reason] = entries;
    expect(created).toMatchObject({ entityKey: processInstanceKey, actorType: 'USER', result: 'SUCCESS', category: 'DEPLOYED_RESOURCES', userTaskKey: null });
    expect(completed).toMatchObject({ entityKey: task.userTaskKey, userTaskKey: task.userTaskKey, entityDescription: '业务初审', category: 'USER_TASKS' });
    expect(decision).toMatchObject({ entityDescription: 'firstReviewDecision', userTaskKey: task.userTaskKey, variableValue: '"returned"', entityKey: expect.stringMatching(/^\d+$/) });
    expect(reason).toMatchObject({ entityDescription: 'firstReviewReason', variableValue: '"材料不齐"' });
    for (const entry of entries) expect(entry.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("should record a manager's repairs under the manager's name: a variable, a retried job, a cancellation", async () => {
    // given a job that failed without retries
    const jobType = `audit-${randomUUID()}`;
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: jobProcess, variables: { jobType, amount: 10 } });
    const [job] = await engine.client.activateJobs({ type: jobType, worker: 'w', timeout: 10_000, maxJobsToActivate: 1, requestTimeout: -1 });
    await engine.client.failJob({ jobKey: job!.jobKey, retries: 0, errorMessage: '金额有误', retryBackOff: 0 });
    const incident = await vi.waitFor(async () => {
      const [found] = (await engine.client.searchIncidents({ filter: { processInstanceKey } })).items;
      expect(found).toBeDefined();
      return found!;
    }, SEARCHES);
    const manager = engine.clientAs(MANAGER.username);

    // when
    await manager.updateElementInstanceVariables({ elementInstanceKey: processInstanceKey, variables: { amount: 12 }, local: true });
    await manager.updateJob({ jobKey: job!.jobKey, retries: 1 });
    await manager.resolveIncident(incident.incidentKey);
    await manager.cancelProcessInstance({ processInstanceKey });

    // then
    const managers = async () => (await auditOf(processInstanceKey)).filter((e) => e.actorId === 'sun-qiang');
    await expect.poll(async () => (await managers()).map((e) => [e.entityType, e.operationType])).toEqual([
      ['VARIABLE', 'UPDATE'],
      ['INCIDENT', 'RESOLVE'],
      ['PROCESS_INSTANCE', 'CANCEL'],
    ]);
    const entries = await managers();
    expect(entries[0]).toMatchObject({ entityDescription: 'amount', variableValue: '12', userTaskKey: null });
    expect(entries[1]).toMatchObject({ entityKey: incident.incidentKey, jobKey: job!.jobKey, entityDescription: 'JOB_NO_RETRIES' });
  });

  it('should record every item of a batch operation under the name of the manager who created it', async () => {
    // given
    const keys = [
      (await engine.client.createProcessInstance({ processDefinitionId: reviewProcess, variables: {} })).processInstanceKey,
      (await engine.client.createProcessInstance({ processDefinitionId: reviewProcess, variables: {} })).processInstanceKey,
    ];

    // when
    const response = await engine.fetch('/v2/process-instances/cancellation', {
      as: MANAGER,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filter: { processInstanceKey: { $in: keys } } }),
    });
    const { batchOperationKey } = (await response.json()) as { batchOperationKey: string };

    // then
    for (const key of keys) {
      const entries = await vi.waitFor(
        async () => {
          const found = (await auditOf(key)).filter((e) => e.operationType === 'CANCEL');
          expect(found.length).toBeGreaterThan(0);
          return found;
        },
        { timeout: 10_000, interval: 25 },
      );
      expect(entries[0]).toMatchObject({ actorId: 'sun-qiang', entityType: 'PROCESS_INSTANCE', batchOperationKey });
    }
    const batch = await engine.fetch('/v2/audit-logs/search', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filter: { entityType: 'BATCH', batchOperationKey } }),
    });
    expect(((await batch.json()) as { items: AuditEntry[] }).items).toEqual([expect.objectContaining({ operationType: 'CREATE', actorId: 'sun-qiang', entityKey: batchOperationKey })]);
  });

  it('should show the creation of a batch operation only to a caller who may read batch operations (BATCH READ, on any id), as the batch search', async () => {
    // given: two readers of every case, one without BATCH READ, one with it on an unrelated key only; a batch
    // cancellation of one case
    const readerOf = async (name: string, batchKey?: string) => {
      const reader = { username: `${name}-${randomUUID().slice(0, 8)}`, password: 'audit-secret' };
      await engine.client.createUser({ ...reader, name: reader.username, email: '' });
      const grants = [['PROCESS_DEFINITION', '*', 'READ_PROCESS_INSTANCE'], ...(batchKey ? [['BATCH', batchKey, 'READ']] : [])];
      for (const [resourceType, resourceId, permission] of grants) {
        const granted = await engine.fetch('/v2/authorizations', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ownerId: reader.username, ownerType: 'USER', resourceType, resourceId, permissionTypes: [permission] }),
        });
        expect(granted.status).toBe(201);
      }
      return reader;
    };
    const reader = await readerOf('audit-case-reader');
    const oneKeyReader = await readerOf('audit-batch-reader', '1');
    const key = (await engine.client.createProcessInstance({ processDefinitionId: reviewProcess, variables: {} })).processInstanceKey;
    const created = await engine.fetch('/v2/process-instances/cancellation', {
      as: MANAGER,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filter: { processInstanceKey: { $in: [key] } } }),
    });
    const { batchOperationKey } = (await created.json()) as { batchOperationKey: string };
    await vi.waitFor(async () => expect((await auditOf(key)).map((e) => e.operationType)).toContain('CANCEL'), { timeout: 10_000, interval: 25 });
    const search = async (path: string, as: typeof MANAGER, filter: Record<string, unknown>) => {
      const response = await engine.fetch(path, { as, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filter }) });
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: { entityType?: string }[] }).items;
    };

    // when
    const readerEntries = await search('/v2/audit-logs/search', reader, { batchOperationKey });
    const readerBatches = await search('/v2/batch-operations/search', reader, { batchOperationKey });
    const managerEntries = await search('/v2/audit-logs/search', MANAGER, { batchOperationKey });
    const oneKeyEntries = await search('/v2/audit-logs/search', oneKeyReader, { batchOperationKey });

    // then: the reader sees the case's cancellation, not the batch operation the manager and the other reader see
    expect(readerBatches).toEqual([]);
    expect(readerEntries.map((e) => e.entityType)).toEqual(['PROCESS_INSTANCE']);
    expect(managerEntries.map((e) => e.entityType).sort()).toEqual(['BATCH', 'PROCESS_INSTANCE']);
    expect(oneKeyEntries.map((e) => e.entityType).sort()).toEqual(['BATCH', 'PROCESS_INSTANCE']);
  });

  it("should let a clerk read the trail of her own task's case and no other", async () => {
    // given a case at 窗口初审 and one at 财务-free steps only
    const own = (await engine.client.createProcessInstance({ processDefinitionId: reviewProcess, variables: {} })).processInstanceKey;
    await openTask(own);

    // when
    const ownTrail = await auditOf(own, CLERK);
    const foreignTrail = await auditOf(own, OTHER_CLERK);

    // then
    expect(ownTrail.map((e) => e.operationType)).toEqual(['CREATE']);
    expect(foreignTrail).toEqual([]);
  });
});

// the embedded engine's event log: a cluster does not expose it (EMBEDDED_ONLY)
describe.skipIf(TEST_CLUSTER)('the event log (embedded engine only)', () => {
  it('should name the user of each command and no one for the engine’s own work', async () => {
    // given
    await engine.client.pinInternalClock(Date.parse('2026-03-02T09:00:00+08:00'));
    const { processInstanceKey } = await engine.clientAs(MANAGER.username).createProcessInstance({ processDefinitionId: timerProcess, variables: {} });

    // when the timer fires (the clock answers once it did and its work is committed)
    await engine.client.pinInternalClock(Date.parse('2026-03-02T10:30:00+08:00'));
    await expect.poll(async () => (await engine.client.searchProcessInstances({ filter: { processInstanceKey, state: 'COMPLETED' } })).items).toHaveLength(1);

    // then
    const events = engine.server.engine.eventsOf(Number(processInstanceKey));
    expect(events.find((e) => e.valueType === 'PROCESS_INSTANCE' && e.intent === 'ELEMENT_ACTIVATED')?.actor).toBe('sun-qiang');
    expect(events.find((e) => e.valueType === 'TIMER' && e.intent === 'TRIGGERED')?.actor).toBeNull();
    expect(events.find((e) => e.intent === 'ELEMENT_COMPLETED' && (e.record as { elementId: string }).elementId === 'end')?.actor).toBeNull();
    await expect.poll(() => auditOf(processInstanceKey)).toEqual([expect.objectContaining({ operationType: 'CREATE', actorId: 'sun-qiang' })]);
  });
  it("should name the polling worker's user for a job handed to its waiting poll, not the user who created the job", async () => {
    // given a worker (the demo service user) waiting for jobs of a type none exist of yet
    const jobType = `audit-${randomUUID()}`;
    const poll = engine.client.activateJobs({ type: jobType, worker: 'w', timeout: 10_000, maxJobsToActivate: 1, requestTimeout: 20_000 });
    await vi.waitFor(() => expect(engine.server.engine.waitingJobPolls(jobType)).toBe(1), { timeout: 10_000, interval: 10 });

    // when the manager starts a case whose first step is that job: it goes straight to the waiting poll
    const { processInstanceKey } = await engine.clientAs(MANAGER.username).createProcessInstance({ processDefinitionId: jobProcess, variables: { jobType } });
    const [job] = await poll;

    // then
    expect(job?.processInstanceKey).toBe(processInstanceKey);
    const events = engine.server.engine.eventsOf(Number(processInstanceKey)).filter((e) => e.valueType === 'JOB');
    expect(events.map((e) => [e.intent, e.actor])).toEqual([
      ['CREATED', 'sun-qiang'],
      ['ACTIVATED', 'demo'],
    ]);
    expect(events.map((e) => e.position)).toEqual([...events.map((e) => e.position)].sort((a, b) => a - b));
  });
});
