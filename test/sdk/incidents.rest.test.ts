/**
 * Conformance: incidents (search by process instance and error type, get, resolve), through CamundaRestClient.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bpmnProcess, flow, serviceTask } from '../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../support/engine-fixture.js';
import { SEARCHES } from '../support/searches.js';
import { problemOf } from '../support/problem-of.js';

const KEY = /^\d+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

let engine: EngineFixture;
/** The job type is the variable `jobType`, so that each instance has its own job type. */
const jobProcess = `incidents-${randomUUID()}`;
/**
 * The same process under ids of their own, for the tests that search several instances' incidents: Camunda 8.8 takes
 * processInstanceKey only as a plain value in the incident filter (no `$in`), so these scope by processDefinitionId.
 */
const errorTypeProcess = `incidents-error-type-${randomUUID()}`;
const pagedProcess = `incidents-paged-${randomUUID()}`;
/** A user task whose candidate groups come from a variable: a number there is an EXTRACT_VALUE_ERROR incident. */
const taskProcess = `incidents-task-${randomUUID()}`;

beforeAll(async () => {
  engine = await startEngine();
  await deploy(engine.client, [
    ...[jobProcess, errorTypeProcess, pagedProcess].map((id) => ({
      name: `${id}.bpmn`,
      content: bpmnProcess(
        id,
        `<bpmn:startEvent id="start"/>${serviceTask('task', '= jobType')}<bpmn:endEvent id="end"/>
         ${flow('f1', 'start', 'task')}${flow('f2', 'task', 'end')}`,
      ),
    })),
    {
      name: 'incidents-task.bpmn',
      content: bpmnProcess(
        taskProcess,
        `<bpmn:startEvent id="start"/>
         <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask/>
           <zeebe:assignmentDefinition candidateGroups="= groups"/></bpmn:extensionElements></bpmn:userTask>
         <bpmn:endEvent id="end"/>${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}`,
      ),
    },
  ]);
});

afterAll(async () => {
  await engine.stop();
});

describe('POST /v2/incidents/search', () => {
  it('should find the incident of a process instance with string keys and an ISO creation time', async () => {
    // given
    const { processInstanceKey, processDefinitionKey, job } = await failedJob('没有剩余重试');

    // when
    const result = await engine.client.searchIncidents({ filter: { processInstanceKey } });

    // then
    expect(result.page.totalItems).toBe(1);
    const [incident] = result.items;
    expect(incident).toMatchObject({
      processDefinitionId: jobProcess,
      errorType: 'JOB_NO_RETRIES',
      errorMessage: '没有剩余重试',
      elementId: 'task',
      state: 'ACTIVE',
      tenantId: '<default>',
      processInstanceKey,
      processDefinitionKey,
      elementInstanceKey: job.elementInstanceKey,
      jobKey: job.jobKey,
    });
    expect(incident!.incidentKey).toMatch(KEY);
    expect(incident!.creationTime).toMatch(ISO_DATE);
  });

  it('should filter by errorType', async () => {
    // given
    const noRetries = await failedJob('down', errorTypeProcess);
    const unhandled = await startJob(errorTypeProcess);
    await engine.client.errorJob({ jobKey: unhandled.job.jobKey, errorCode: 'REJECTED', variables: {} });
    await incidentOf(unhandled.processInstanceKey);
    // the process is this test's alone: its id scopes the search to these two instances with plain values only
    const filter = { processDefinitionId: errorTypeProcess };

    // when
    const byNoRetries = await engine.client.searchIncidents({ filter: { ...filter, errorType: 'JOB_NO_RETRIES' } });
    const byUnhandled = await engine.client.searchIncidents({ filter: { ...filter, errorType: 'UNHANDLED_ERROR_EVENT' } });

    // then
    expect(byNoRetries.items.map((i) => i.processInstanceKey)).toEqual([noRetries.processInstanceKey]);
    expect(byUnhandled.items.map((i) => i.processInstanceKey)).toEqual([unhandled.processInstanceKey]);
    expect(byUnhandled.items[0]!.errorMessage).toContain('REJECTED');
  });

  it('should sort by incidentKey descending and page with totalItems', async () => {
    // given
    const instances = [];
    for (let i = 0; i < 3; i++) instances.push((await failedJob(`e${i}`, pagedProcess)).processInstanceKey);
    // the process is this test's alone: its id scopes the search to these three instances with a plain value
    const filter = { processDefinitionId: pagedProcess };

    // when
    const first = await engine.client.searchIncidents({ filter, sort: [{ field: 'incidentKey', order: 'DESC' }], page: { from: 0, limit: 2 } });
    const rest = await engine.client.searchIncidents({ filter, sort: [{ field: 'incidentKey', order: 'DESC' }], page: { from: 2, limit: 2 } });

    // then
    expect(first.page.totalItems).toBe(3);
    expect([...first.items, ...rest.items].map((i) => i.processInstanceKey)).toEqual([...instances].reverse());
  });

  it('should mark the process instance and the element instance as having an incident', async () => {
    // given
    const { processInstanceKey, job } = await failedJob('x');
    const incident = await incidentOf(processInstanceKey);

    // the searches lag behind the commands on a cluster: read and check again until they show it
    await vi.waitFor(async () => {
      // when
      const instance = await engine.client.searchProcessInstances({ filter: { processInstanceKey } });
      const element = await engine.client.getElementInstance(job.elementInstanceKey);

      // then
      expect(instance.items[0]!.hasIncident).toBe(true);
      expect(element.hasIncident).toBe(true);
      expect(element.incidentKey).toBe(incident.incidentKey);
    }, SEARCHES);
  });
});

describe('POST /v2/process-instances/{key}/incidents/search', () => {
  it('should find the incidents of one process instance', async () => {
    // given
    const { processInstanceKey } = await failedJob('scoped');
    await failedJob('other');

    // when
    const result = await engine.client.callApiEndpoint<object, { items: { processInstanceKey: string; errorType: string }[]; page: { totalItems: number } }>({
      method: 'POST',
      urlPath: `process-instances/${processInstanceKey}/incidents/search`,
      body: {},
    });

    // then
    expect(result.page.totalItems).toBe(1);
    expect(result.items.map((i) => [i.processInstanceKey, i.errorType])).toEqual([[processInstanceKey, 'JOB_NO_RETRIES']]);
  });

  it('should AND a filter on another process instance with the path\'s, finding nothing', async () => {
    // given
    const { processInstanceKey } = await failedJob('path');
    const other = await failedJob('filtered');

    // when
    const result = await engine.client.callApiEndpoint<object, { items: unknown[]; page: { totalItems: number } }>({
      method: 'POST',
      urlPath: `process-instances/${processInstanceKey}/incidents/search`,
      body: { filter: { processInstanceKey: other.processInstanceKey } },
    });

    // then
    expect(result.page.totalItems).toBe(0);
    expect(result.items).toEqual([]);
  });
});

describe('POST /v2/process-instances/{key}/incidents/search over a call tree', () => {
  it('should find the incidents of the instances the case called, at any depth, those of processes the caller reads', async () => {
    // given: a root calling a middle instance calling a leaf whose job failed; a user who reads only the root process
    const [root, middle, leaf, jobType] = ['root', 'middle', 'leaf', 'job'].map((part) => `incidents-tree-${part}-${randomUUID()}`) as [string, string, string, string];
    const calling = (id: string, called: string) =>
      bpmnProcess(id, `<bpmn:startEvent id="s"/><bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="${called}"/></bpmn:extensionElements></bpmn:callActivity>${flow('f1', 's', 'call')}`);
    await deploy(engine.client, [
      { name: 'leaf.bpmn', content: bpmnProcess(leaf, `<bpmn:startEvent id="s"/>${serviceTask('work', jobType)}${flow('f1', 's', 'work')}`) },
      { name: 'middle.bpmn', content: calling(middle, leaf) },
      { name: 'root.bpmn', content: calling(root, middle) },
    ]);
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: root, variables: {} });
    const activated = await engine.fetch('/v2/jobs/activation', json({ type: jobType, timeout: 60_000, maxJobsToActivate: 1 }));
    const [job] = ((await activated.json()) as { jobs: { jobKey: string; processInstanceKey: string }[] }).jobs;
    await engine.client.failJob({ jobKey: job!.jobKey, retries: 0, errorMessage: '叶子流程的核验失败', retryBackOff: 0 });
    // a name of this run: the cluster's clean-up deletes the user and the authorization (test/support/test-cluster.ts)
    const rootReader = { username: `root-reader-${randomUUID().slice(0, 8)}`, password: 'root-reader-secret' };
    await engine.client.createUser({ ...rootReader, name: '只读根流程', email: '' });
    const granted = await engine.fetch('/v2/authorizations', json({ ownerId: rootReader.username, ownerType: 'USER', resourceType: 'PROCESS_DEFINITION', resourceId: root, permissionTypes: ['READ_PROCESS_INSTANCE'] }));
    expect(granted.status).toBe(201);
    const search = async (as?: { username: string; password: string }) => {
      const answer = await engine.fetch(`/v2/process-instances/${processInstanceKey}/incidents/search`, { ...json({}), ...(as ? { as } : {}) });
      return (await answer.json()) as { items: { processInstanceKey: string; processDefinitionId: string; errorMessage: string }[] };
    };

    // when
    const [admin, readerAnswer] = [await search(), await search(rootReader)];

    // then
    expect(admin.items.map((i) => [i.processInstanceKey, i.processDefinitionId, i.errorMessage])).toEqual([[job!.processInstanceKey, leaf, '叶子流程的核验失败']]);
    expect(job!.processInstanceKey).not.toBe(processInstanceKey);
    expect(readerAnswer.items).toEqual([]);
  });
});

describe('GET /v2/incidents/{key}', () => {
  it('should answer the incident', async () => {
    // given
    const { processInstanceKey } = await failedJob('get me');
    const incident = await incidentOf(processInstanceKey);

    // when
    const fetched = await getIncident(incident.incidentKey);

    // then
    expect(fetched).toEqual(incident);
  });

  it('should answer 404 with a problem for an unknown key', async () => {
    // given
    const unknown = '2251799813999992';

    // when
    const problem = await problemOf(getIncident(unknown));

    // then
    expect(problem.status).toBe(404);
    expect(problem.contentType).toMatch(/^application\/problem\+json/);
    expect(problem.body).toMatchObject({ type: 'about:blank', status: 404, instance: `/v2/incidents/${unknown}` });
  });

  it('should answer 400 with a problem for a non-numeric key', async () => {
    // given
    const key = 'incident-1';

    // when
    const problem = await problemOf(getIncident(key));

    // then
    expect(problem.status).toBe(400);
    expect(problem.body.detail).toContain('incidentKey');
  });
});

describe('POST /v2/incidents/{key}/resolution', () => {
  it('should resolve a JOB_NO_RETRIES incident after the job got retries, and hand the job out again', async () => {
    // given
    const { processInstanceKey, jobType, job } = await failedJob('down');
    const incident = await incidentOf(processInstanceKey);
    await engine.client.updateJob({ jobKey: job.jobKey, retries: 1 });

    // when
    await engine.client.resolveIncident(incident.incidentKey);

    // then
    await expect.poll(async () => (await getIncident(incident.incidentKey)).state).toBe('RESOLVED');
    await expect.poll(async () => (await engine.client.searchProcessInstances({ filter: { processInstanceKey } })).items[0]!.hasIncident).toBe(false);
    const jobs = await engine.client.activateJobs({ type: jobType, worker: 'w', timeout: 10_000, maxJobsToActivate: 10, requestTimeout: -1 });
    expect(jobs.map((j) => j.jobKey)).toEqual([job.jobKey]);
  });

  it('should answer 409 with a problem when the job still has no retries', async () => {
    // given
    const { processInstanceKey } = await failedJob('down');
    const incident = await incidentOf(processInstanceKey);

    // when
    const problem = await problemOf(engine.client.resolveIncident(incident.incidentKey));

    // then
    expect(problem.status).toBe(409);
    expect(problem.body).toMatchObject({ status: 409, instance: `/v2/incidents/${incident.incidentKey}/resolution` });
    expect((await getIncident(incident.incidentKey)).state).toBe('ACTIVE');
  });

  it('should answer 404 when the incident is resolved twice', async () => {
    // given
    const { processInstanceKey, job } = await failedJob('down');
    const incident = await incidentOf(processInstanceKey);
    await engine.client.updateJob({ jobKey: job.jobKey, retries: 1 });
    await engine.client.resolveIncident(incident.incidentKey);

    // when
    const problem = await problemOf(engine.client.resolveIncident(incident.incidentKey));

    // then
    expect(problem.status).toBe(404);
  });

  it('should retry the element after its variables were fixed', async () => {
    // given
    const { processInstanceKey } = await engine.client.createProcessInstance({ processDefinitionId: taskProcess, variables: { groups: 42 } });
    const incident = await incidentOf(processInstanceKey);
    await engine.client.updateElementInstanceVariables({ elementInstanceKey: processInstanceKey, variables: { groups: ['复审'] } });

    // when
    await engine.client.resolveIncident(incident.incidentKey);

    // then
    expect(incident.errorType).toBe('EXTRACT_VALUE_ERROR');
    expect(incident.elementId).toBe('review');
    await expect.poll(async () => (await getIncident(incident.incidentKey)).state).toBe('RESOLVED');
    await expect.poll(async () => (await engine.client.searchUserTasks({ filter: { processInstanceKey } })).items.map((t) => t.candidateGroups)).toEqual([['复审']]);
  });

  it('should answer 404 for an unknown incident', async () => {
    // given
    const unknown = '2251799813999991';

    // when
    const problem = await problemOf(engine.client.resolveIncident(unknown));

    // then
    expect(problem.status).toBe(404);
    expect(problem.body.title).toBe('NOT_FOUND');
  });
});

// helpers

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function startJob(processDefinitionId = jobProcess) {
  const jobType = `incidents-${randomUUID()}`;
  const { processInstanceKey, processDefinitionKey } = await engine.client.createProcessInstance({ processDefinitionId, variables: { jobType } });
  const [job] = await engine.client.activateJobs({ type: jobType, worker: 'w', timeout: 30_000, maxJobsToActivate: 1, requestTimeout: -1 });
  if (!job) throw new Error(`no job for instance ${processInstanceKey}`);
  return { processInstanceKey, processDefinitionKey, jobType, job };
}

/** A job failed without retries, once the searches show its incident. */
async function failedJob(errorMessage: string, processDefinitionId = jobProcess) {
  const started = await startJob(processDefinitionId);
  await engine.client.failJob({ jobKey: started.job.jobKey, retries: 0, errorMessage, retryBackOff: 0 });
  await incidentOf(started.processInstanceKey);
  return started;
}

/** The incident of an instance, once the searches show it (on a cluster they lag behind the commands). */
async function incidentOf(processInstanceKey: string) {
  return vi.waitFor(async () => {
    const [incident] = (await engine.client.searchIncidents({ filter: { processInstanceKey } })).items;
    expect(incident).toBeDefined();
    return incident!;
  }, SEARCHES);
}

interface Incident {
  incidentKey: string;
  state: string;
  errorType: string;
}

/** The SDK's CamundaRestClient has no getIncident; this is the raw call. */
function getIncident(key: string): Promise<Incident> {
  return engine.client.callApiEndpoint<never, Incident>({ method: 'GET', urlPath: `incidents/${key}` });
}
