/**
 * Each role of config/authorizations.json × each endpoint group of engine/api/route-authorizations.ts: a
 * representative call is allowed (anything but 401/403: the handler's own answer) or refused with 403. The users
 * are the seeded demo users (clerk, analyst) and users given exactly one role through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_AUTHORIZATIONS } from '../../../engine/api/route-authorizations.js';
import { bpmnProcess, flow } from '../../support/bpmn.js';
import { deploy, startEngine, type EngineFixture } from '../../support/engine-fixture.js';

type Role = 'admin' | 'manager' | 'clerk' | 'analyst' | 'jobWorker' | 'noRole';

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

let engine: EngineFixture;

beforeAll(async () => {
  engine = await startEngine();
  const admin = engine.client;
  for (const role of ['manager', 'jobWorker', 'noRole'] as const) {
    await admin.createUser({ ...USERS[role], name: role, email: '' });
  }
  await expectStatus(engine.fetch(`/v2/groups/manager/users/${USERS.manager.username}`, { method: 'PUT' }), 204);
  await expectStatus(engine.fetch(`/v2/roles/job-worker/users/${USERS.jobWorker.username}`, { method: 'PUT' }), 204);
  await deploy(admin, [
    {
      name: 'role-authorizations.bpmn',
      content: bpmnProcess(
        PROCESS_ID,
        `<bpmn:startEvent id="start"/>
         <bpmn:userTask id="review" name="初审"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="window-first-review"/></bpmn:extensionElements></bpmn:userTask>
         <bpmn:endEvent id="end"/>${flow('f1', 'start', 'review')}${flow('f2', 'review', 'end')}`,
      ),
    },
  ]);
});

afterAll(async () => {
  await engine?.stop();
});

interface Probe {
  group: string;
  /** The call, made afresh for each role (rows it needs are created by the admin first). */
  call: (as: { username: string; password: string }) => Promise<Response>;
  allowed: readonly Role[];
}

const json = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const PROBES: Probe[] = [
  { group: 'public', call: (as) => engine.fetch('/v2/status', { as }), allowed: ROLES },
  { group: 'signed-in', call: (as) => engine.fetch('/v2/topology', { as }), allowed: ROLES },
  { group: 'clock', call: (as) => engine.fetch('/v2/clock/reset', { as, method: 'POST' }), allowed: ['admin'] },
  {
    group: 'deploy',
    call: (as) => {
      const form = new FormData();
      form.append('resources', new Blob([bpmnProcess(`deploy-probe-${as.username}`, '<bpmn:startEvent id="s"/>')]), 'probe.bpmn');
      return engine.fetch('/v2/deployments', { as, method: 'POST', body: form });
    },
    allowed: ['admin', 'analyst'],
  },
  { group: 'read-definitions', call: (as) => engine.fetch('/v2/process-definitions/search', { as, ...json('POST', {}) }), allowed: ['admin', 'manager', 'clerk', 'analyst', 'jobWorker'] },
  { group: 'start-cases', call: (as) => engine.fetch('/v2/process-instances', { as, ...json('POST', { processDefinitionId: PROCESS_ID }) }), allowed: ['admin', 'manager', 'clerk'] },
  { group: 'read-cases', call: (as) => engine.fetch('/v2/process-instances/search', { as, ...json('POST', {}) }), allowed: ['admin', 'manager', 'clerk'] },
  { group: 'monitor', call: (as) => engine.fetch('/v2/incidents/search', { as, ...json('POST', {}) }), allowed: ['admin', 'manager'] },
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
  { group: 'work-tasks', call: (as) => engine.fetch('/v2/user-tasks/search', { as, ...json('POST', {}) }), allowed: ['admin', 'manager', 'clerk'] },
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
  { group: 'identity', call: (as) => engine.fetch('/v2/users/search', { as, ...json('POST', {}) }), allowed: ['admin', 'manager'] },
  {
    group: 'identity',
    call: (as) => engine.fetch('/v2/groups', { as, ...json('POST', { groupId: `probe-${as.username}`, name: '试验组' }) }),
    allowed: ['admin'],
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
    it(`should let ${probe.allowed.join(', ')} — and no other role — call ${probe.group}`, async () => {
      // when
      const outcomes: Record<string, number> = {};
      for (const role of ROLES) outcomes[role] = (await probe.call(USERS[role])).status;

      // then
      const verdicts = Object.fromEntries(ROLES.map((role) => [role, outcomes[role] === 403 ? 'refused' : outcomes[role] === 401 ? 'unauthenticated' : 'allowed']));
      expect(verdicts).toEqual(Object.fromEntries(ROLES.map((role) => [role, probe.allowed.includes(role) ? 'allowed' : 'refused'])));
    });
  }
});

// helpers

async function expectStatus(response: Promise<Response>, status: number): Promise<void> {
  expect((await response).status).toBe(status);
}

async function newInstance(): Promise<string> {
  const created = await engine.client.createProcessInstance({ processDefinitionId: PROCESS_ID, variables: {} });
  return created.processInstanceKey;
}

async function newTask(): Promise<string> {
  const processInstanceKey = await newInstance();
  const { items } = await engine.client.searchUserTasks({ filter: { processInstanceKey } });
  return items[0]!.userTaskKey;
}
