/**
 * Each role of config/authorizations.json, and an anonymous caller, × each endpoint group of
 * engine/api/route-authorizations.ts: a representative call is allowed (anything but 401/403: the handler's own
 * answer) or refused with 403 — and 401 for the anonymous caller everywhere but the public group. A search is
 * never refused (Camunda 8.8 filters it): there, allowed means rows come back, refused an empty page. The users are the
 * seeded demo users (clerk, analyst) and users given exactly one role through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_AUTHORIZATIONS } from '../../../engine/api/route-authorizations.js';
import { bpmnProcess, flow, serviceTask } from '../../support/bpmn.js';
import { dmnDefinitions, literalDecision } from '../../support/dmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

type Role = 'admin' | 'manager' | 'clerk' | 'analyst' | 'jobWorker' | 'noRole';
/** Who makes a call: a user with credentials, or nobody logged in (`null`). */
type As = { username: string; password: string } | null;

const USERS: Record<Role, { username: string; password: string }> = {
  admin: { username: 'demo', password: 'demo' },
  manager: { username: 'test-manager', password: 'manager-secret' },
  clerk: { username: 'zhang-min', password: 'demo' },
  analyst: { username: 'liu-fang', password: 'demo' },
  jobWorker: { username: 'test-worker', password: 'worker-secret' },
  noRole: { username: 'test-nobody', password: 'nobody-secret' },
};
const ROLES = Object.keys(USERS) as Role[];
const PROCESS_ID = 'role-authorizations';
const TARGET_PROCESS_ID = 'role-authorizations-target';
const DECISION_ID = 'role-authorizations-decision';

let engine: EngineFixture;
/** A finished batch operation (its suspension is refused by the handler, after the guard let it through). */
let finishedBatchKey: string;
let decisionRequirementsKey: string;
let targetProcessDefinitionKey: string;

beforeAll(async () => {
  engine = await startEngine();
  const admin = engine.client;
  for (const role of ['manager', 'jobWorker', 'noRole'] as const) {
    await admin.createUser({ ...USERS[role], name: role, email: '' });
  }
  await expectStatus(engine.fetch(`/v2/groups/manager/users/${USERS.manager.username}`, { method: 'PUT' }), 204);
  await expectStatus(engine.fetch(`/v2/roles/job-worker/users/${USERS.jobWorker.username}`, { method: 'PUT' }), 204);
  const reviewProcess = (processId: string) =>
    bpmnProcess(
      processId,
      `<bpmn:startEvent id="start"/>
       <bpmn:userTask id="review" name="初审"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="window-first-review"/></bpmn:extensionElements></bpmn:userTask>
       <bpmn:endEvent id="end"/>${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}`,
    );
  const deployed = await deploy(admin, [
    { name: 'role-authorizations.bpmn', content: reviewProcess(PROCESS_ID) },
    { name: 'role-authorizations-target.bpmn', content: reviewProcess(TARGET_PROCESS_ID) },
    { name: 'role-authorizations.dmn', content: dmnDefinitions('role-authorizations-drg', [literalDecision({ id: DECISION_ID, expression: 'amount * 2', typeRef: 'number' })]) },
  ]);
  targetProcessDefinitionKey = deployed.processes.find((p) => p.processDefinitionId === TARGET_PROCESS_ID)!.processDefinitionKey;
  decisionRequirementsKey = deployed.decisionRequirements[0]!.decisionRequirementsKey;
  const batch = await engine.fetch('/v2/process-instances/cancellation', json('POST', { filter: { processDefinitionId: 'no-such-process' } }));
  finishedBatchKey = ((await batch.json()) as { batchOperationKey: string }).batchOperationKey;
  // rows for the searches to find: a case with its open task, an evaluation of the decision
  await newInstance();
  await expectStatus(engine.fetch('/v2/decision-definitions/evaluation', json('POST', { decisionDefinitionId: DECISION_ID, variables: { amount: 1 } })), 200);
});

afterAll(async () => {
  await engine?.stop();
});

interface Probe {
  group: string;
  /** The call, made afresh for each caller (rows it needs are created by the admin first). */
  call: (as: As) => Promise<Response>;
  allowed: readonly Role[];
  /** A search: the caller is allowed when rows come back; an empty page is what a refused caller gets. */
  search?: true;
}

/** A name unique to the caller, for what a probe creates. */
const nameOf = (as: As) => as?.username ?? 'anonymous';

const json = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const PROBES: Probe[] = [
  { group: 'public', call: (as) => engine.fetch('/v2/status', { as }), allowed: ROLES },
  { group: 'signed-in', call: (as) => engine.fetch('/v2/topology', { as }), allowed: ROLES },
  { group: 'clock', call: (as) => engine.fetch('/v2/clock/reset', { as, method: 'POST' }), allowed: ['admin'] },
  {
    group: 'deploy',
    call: (as) => {
      const form = new FormData();
      form.append('resources', new Blob([bpmnProcess(`deploy-probe-${nameOf(as)}`, '<bpmn:startEvent id="s"/>')]), 'probe.bpmn');
      return engine.fetch('/v2/deployments', { as, method: 'POST', body: form });
    },
    allowed: ['admin', 'analyst'],
  },
  { group: 'read-definitions', call: (as) => engine.fetch('/v2/process-definitions/search', { as, ...json('POST', {}) }), allowed: ['admin', 'manager', 'clerk', 'analyst', 'jobWorker'], search: true },
  { group: 'start-cases', call: (as) => engine.fetch('/v2/process-instances', { as, ...json('POST', { processDefinitionId: PROCESS_ID }) }), allowed: ['admin', 'manager', 'clerk'] },
  { group: 'read-cases', call: (as) => engine.fetch('/v2/process-instances/search', { as, ...json('POST', {}) }), allowed: ['admin', 'manager', 'clerk', 'analyst'], search: true },
  { group: 'monitor', call: (as) => engine.fetch('/v2/element-instances/search', { as, ...json('POST', {}) }), allowed: ['admin', 'manager', 'analyst'], search: true },
  { group: 'monitor', call: async (as) => engine.fetch(`/v2/process-instances/${await newInstance()}/sequence-flows`, { as }), allowed: ['admin', 'manager', 'analyst'], search: true },
  { group: 'monitor', call: async (as) => engine.fetch(`/v2/incidents/${await newIncident()}`, { as }), allowed: ['admin', 'manager', 'analyst'] },
  {
    group: 'cancel-cases',
    call: async (as) => engine.fetch(`/v2/process-instances/${await newInstance()}/cancellation`, { as, method: 'POST' }),
    allowed: ['admin', 'manager'],
  },
  {
    group: 'edit-variables',
    call: async (as) => engine.fetch(`/v2/element-instances/${await newInstance()}/variables`, { as, ...json('PUT', { variables: { note: '补正' } }) }),
    // Camunda 8.8: UPDATE_PROCESS_INSTANCE covers job work, variable edits and incident resolution alike
    allowed: ['admin', 'manager', 'jobWorker'],
  },
  {
    group: 'resolve-incidents',
    call: (as) => engine.fetch('/v2/incidents/2251799813685249/resolution', { as, method: 'POST' }),
    allowed: ['admin', 'manager', 'jobWorker'],
  },
  {
    group: 'jobs',
    call: (as) => engine.fetch('/v2/jobs/activation', { as, ...json('POST', { type: 'no-such-job', timeout: 1000, maxJobsToActivate: 1, requestTimeout: -1 }) }),
    allowed: ['admin', 'manager', 'jobWorker'],
  },
  { group: 'messages', call: (as) => engine.fetch('/v2/messages/publication', { as, ...json('POST', { name: 'probe', correlationKey: '1' }) }), allowed: ['admin', 'jobWorker'] },
  { group: 'work-tasks', call: (as) => engine.fetch('/v2/user-tasks/search', { as, ...json('POST', {}) }), allowed: ['admin', 'manager', 'clerk'], search: true },
  {
    group: 'update-tasks',
    call: async (as) => engine.fetch(`/v2/user-tasks/${await newTask()}`, { as, ...json('PATCH', { changeset: { priority: 70 } }) }),
    allowed: ['admin', 'manager'],
  },
  {
    group: 'documents',
    call: (as) => {
      const form = new FormData();
      form.append('file', new Blob(['附件']), 'probe.txt');
      return engine.fetch('/v2/documents', { as, method: 'POST', body: form });
    },
    allowed: ['admin', 'manager', 'clerk', 'jobWorker'],
  },
  { group: 'identity', call: (as) => engine.fetch('/v2/users/search', { as, ...json('POST', { filter: { username: 'demo' } }) }), allowed: ['admin', 'manager'], search: true },
  {
    group: 'identity',
    call: (as) => engine.fetch('/v2/groups', { as, ...json('POST', { groupId: `probe-${nameOf(as)}`, name: '试验组' }) }),
    allowed: ['admin'],
  },
  // decisions, case repair, batch operations, resource deletion, document batches and links
  { group: 'read-decisions', call: (as) => engine.fetch('/v2/decision-definitions/search', { as, ...json('POST', {}) }), allowed: ['admin', 'manager', 'analyst'], search: true },
  { group: 'read-decisions', call: (as) => engine.fetch(`/v2/decision-requirements/${decisionRequirementsKey}`, { as }), allowed: ['admin', 'manager', 'analyst'] },
  { group: 'decision-history', call: (as) => engine.fetch('/v2/decision-instances/search', { as, ...json('POST', {}) }), allowed: ['admin', 'manager'], search: true },
  { group: 'decision-history', call: async (as) => engine.fetch(`/v2/decision-instances/${await newEvaluation()}`, { as }), allowed: ['admin', 'manager'] },
  {
    group: 'evaluate-decisions',
    call: (as) => engine.fetch('/v2/decision-definitions/evaluation', { as, ...json('POST', { decisionDefinitionId: DECISION_ID, variables: { amount: 21 } }) }),
    // clerks and job workers get decisions evaluated only by the business rule tasks of their cases
    allowed: ['admin', 'analyst'],
  },
  {
    group: 'modify-cases',
    call: async (as) => engine.fetch(`/v2/process-instances/${await newInstance()}/modification`, { as, ...json('POST', { activateInstructions: [{ elementId: 'review' }] }) }),
    allowed: ['admin', 'manager'],
  },
  {
    group: 'migrate-cases',
    call: async (as) =>
      engine.fetch(`/v2/process-instances/${await newInstance()}/migration`, {
        as,
        ...json('POST', { targetProcessDefinitionKey, mappingInstructions: [{ sourceElementId: 'review', targetElementId: 'review' }] }),
      }),
    // Camunda 8.8: UPDATE_PROCESS_INSTANCE, which job workers hold for their jobs
    allowed: ['admin', 'manager', 'jobWorker'],
  },
  {
    group: 'batch-operations',
    call: (as) => engine.fetch('/v2/process-instances/cancellation', { as, ...json('POST', { filter: { processDefinitionId: `no-such-process-${nameOf(as)}` } }) }),
    allowed: ['admin', 'manager'],
  },
  {
    group: 'batch-operations',
    call: (as) => engine.fetch('/v2/process-instances/incident-resolution', { as, ...json('POST', { filter: { processDefinitionId: `no-such-process-${nameOf(as)}` } }) }),
    allowed: ['admin', 'manager'],
  },
  { group: 'batch-operations', call: (as) => engine.fetch('/v2/batch-operations/search', { as, ...json('POST', {}) }), allowed: ['admin', 'manager'], search: true },
  { group: 'batch-operations', call: (as) => engine.fetch(`/v2/batch-operations/${finishedBatchKey}/suspension`, { as, method: 'POST' }), allowed: ['admin', 'manager'] },
  {
    group: 'delete-resources',
    call: async (as) => engine.fetch(`/v2/resources/${(await deployProbe(as)).processDefinitionKey}/deletion`, { as, ...json('POST', {}) }),
    allowed: ['admin', 'analyst'],
  },
  {
    group: 'delete-resources',
    call: async (as) => engine.fetch(`/v2/resources/${(await deployProbe(as)).decisionRequirementsKey}/deletion`, { as, ...json('POST', {}) }),
    allowed: ['admin', 'analyst'],
  },
  {
    group: 'delete-resources',
    call: async (as) => engine.fetch(`/v2/resources/${(await deployProbe(as)).formKey}/deletion`, { as, ...json('POST', {}) }),
    allowed: ['admin', 'analyst'],
  },
  {
    group: 'documents',
    call: (as) => {
      const form = new FormData();
      form.append('files', new Blob(['附件一']), 'one.txt');
      form.append('files', new Blob(['附件二']), 'two.txt');
      return engine.fetch('/v2/documents/batch', { as, method: 'POST', body: form });
    },
    allowed: ['admin', 'manager', 'clerk', 'jobWorker'],
  },
  {
    group: 'document-links',
    call: async (as) => engine.fetch(`/v2/documents/${await newDocument()}/links`, { as, ...json('POST', {}) }),
    allowed: ['admin', 'manager', 'jobWorker'],
  },
  {
    group: 'public',
    // the link is the authorization: whoever holds it reads the document, logged in or not
    call: async (as) => engine.fetch(await newLink(), { as }),
    allowed: ROLES,
  },
];

describe('roles × endpoint groups', () => {
  it('should probe every endpoint group of the route table', () => {
    // given
    const groups = new Set(Object.values(ROUTE_AUTHORIZATIONS).map((rule) => rule.group));

    // when
    const probed = new Set(PROBES.map((probe) => probe.group));

    // then
    expect([...groups].filter((group) => !probed.has(group))).toEqual([]);
  });

  for (const probe of PROBES) {
    const anonymous = probe.group === 'public' ? 'allowed' : 'unauthenticated';
    it(`should let ${probe.allowed.join(', ')} — and no other role — call ${probe.group}, an anonymous caller ${anonymous}`, async () => {
      // when
      const verdicts: Record<string, string> = {};
      for (const role of ROLES) verdicts[role] = await verdictOf(await probe.call(USERS[role]), probe);
      verdicts.anonymous = await verdictOf(await probe.call(null), probe);

      // then
      const refused = probe.search ? 'sees nothing' : 'refused';
      expect(verdicts).toEqual({ ...Object.fromEntries(ROLES.map((role) => [role, probe.allowed.includes(role) ? 'allowed' : refused])), anonymous });
    });
  }
});

// helpers

/** What a call came to: 403 refused, 401 unauthenticated; a search's 200 allowed with rows, `sees nothing` without. */
async function verdictOf(response: Response, probe: Probe): Promise<string> {
  if (response.status === 403) return 'refused';
  if (response.status === 401) return 'unauthenticated';
  if (!probe.search) return 'allowed';
  expect(response.status).toBe(200);
  const { items } = (await response.json()) as { items: unknown[] };
  return items.length > 0 ? 'allowed' : 'sees nothing';
}

/** An incident: a case whose job failed with no retries left. */
async function newIncident(): Promise<string> {
  const type = `probe-${Math.random().toString(36).slice(2, 8)}`;
  const id = `incident-probe-${type}`;
  await deploy(engine.client, [{ name: `${id}.bpmn`, content: bpmnProcess(id, `<bpmn:startEvent id="s"/>${serviceTask('work', type)}${flow('f1', 's', 'work')}`) }]);
  await engine.client.createProcessInstance({ processDefinitionId: id, variables: {} });
  const activated = await engine.fetch('/v2/jobs/activation', json('POST', { type, timeout: 60_000, maxJobsToActivate: 1 }));
  const [job] = ((await activated.json()) as { jobs: { jobKey: string }[] }).jobs;
  await expectStatus(engine.fetch(`/v2/jobs/${job!.jobKey}/failure`, json('POST', { retries: 0, errorMessage: '核验服务不可用' })), 204);
  const incidents = await engine.fetch('/v2/incidents/search', json('POST', { filter: { processDefinitionId: id } }));
  return ((await incidents.json()) as { items: { incidentKey: string }[] }).items[0]!.incidentKey;
}

async function newEvaluation(): Promise<string> {
  const evaluated = await engine.fetch('/v2/decision-definitions/evaluation', json('POST', { decisionDefinitionId: DECISION_ID, variables: { amount: 3 } }));
  return ((await evaluated.json()) as { decisionInstanceKey: string }).decisionInstanceKey;
}

async function expectStatus(response: Promise<Response>, status: number): Promise<void> {
  expect((await response).status).toBe(status);
}

async function newInstance(): Promise<string> {
  const created = await engine.client.createProcessInstance({ processDefinitionId: PROCESS_ID, variables: {} });
  return created.processInstanceKey;
}

/** A process, a DMN resource and a form deployed by the admin for one caller's deletion probe. */
async function deployProbe(as: As) {
  const id = `delete-probe-${nameOf(as)}-${Math.random().toString(36).slice(2, 8)}`;
  const deployed = await deploy(engine.client, [
    { name: `${id}.bpmn`, content: bpmnProcess(id, '<bpmn:startEvent id="s"/>') },
    { name: `${id}.dmn`, content: dmnDefinitions(`${id}-drg`, [literalDecision({ id: `${id}-decision`, expression: '1' })]) },
    { name: `${id}.form`, content: JSON.stringify({ id: `${id}-form`, type: 'default', components: [] }) },
  ]);
  return {
    processDefinitionKey: deployed.processes[0]!.processDefinitionKey,
    decisionRequirementsKey: deployed.decisionRequirements[0]!.decisionRequirementsKey,
    formKey: deployed.forms[0]!.formKey,
  };
}

async function newDocument(): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob(['领取凭证']), 'receipt.txt');
  const created = await engine.fetch('/v2/documents', { method: 'POST', body: form });
  expect(created.status).toBe(201);
  return ((await created.json()) as { documentId: string }).documentId;
}

async function newLink(): Promise<string> {
  const created = await engine.fetch(`/v2/documents/${await newDocument()}/links`, json('POST', {}));
  expect(created.status).toBe(201);
  return ((await created.json()) as { url: string }).url;
}

async function newTask(): Promise<string> {
  const processInstanceKey = await newInstance();
  const { items } = await engine.client.searchUserTasks({ filter: { processInstanceKey } });
  return items[0]!.userTaskKey;
}
