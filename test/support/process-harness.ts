/**
 * What the path tests of the Xining models drive: a real embedded engine with every model and form of bpmn/ and
 * forms/ in one deployment, the real job workers registered through @camunda8/sdk, and the engine clock pinned.
 * Everything goes through the SDK's REST client, as the task list and the workers do.
 *
 * `complete` checks who may do a step: the user task's candidate groups must be exactly the group the test names
 * and, once bpmn/catalog.json lists the process, the group the catalogue names; then a demo user of that group
 * (config/users.json) completes it with their own login, so the engine's authorization and four-eyes rules
 * apply (初审 and 复审 are done by different people). The job workers log in as a service user with the role
 * job-worker, as `npm start`'s do. While waiting, an incident on the instance fails the test at once with the
 * incident's message instead of a time-out. With a search lag (TEST_SEARCH_LAG_MS, or the `engine` option
 * `searchLag`) a wait trusts only the searches made a lag after it began: before that they may still show the task
 * the test has just completed as open (a step that comes round again: 退回 then 复审 again) or an incident it has just
 * resolved as active.
 *
 * With `CAMUNDA_TEST_CLUSTER=1` the same runs against a Camunda 8.8 cluster (test/support/test-cluster.ts): the
 * run's global set-up gives it the demo users of config/users.json in their groups, with the password
 * CAMUNDA_TEST_USER_PASSWORD (test/support/cluster-identity.ts), and the cluster must allow clock control
 * (docs/camunda8-cluster.md).
 */
import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { findResources } from '../../scripts/deploy-resources.js';
import { JOB_WORKERS } from '../../workers/index.js';
import { DEFAULT_WORKER_OPTIONS, registerJobWorkers, type RunningWorkers } from '../../workers/runtime/register-job-workers.js';
import { jsonLinesLogger } from '../../workers/runtime/worker-logger.js';
import { loadWorkerParameters, type WorkerParameters } from '../../workers/runtime/worker-parameters.js';
import { closeNoticeServices, configureNoticeServices } from '../../workers/runtime/worker-services.js';
import { randomBytes } from 'node:crypto';
import type { EngineServerOptions } from '../../engine/server.js';
import { deploy, searchLagOf, startEngine, type EngineFixture, type RestClient, type StartEngineOptions } from './engine-fixture.js';
import { TEST_CLUSTER } from './test-cluster.js';

export const DEFAULT_NOW = '2026-03-02T09:00:00+08:00';

type UserTask = Awaited<ReturnType<RestClient['getUserTask']>>;

export interface ProcessHarness {
  readonly fixture: EngineFixture;
  readonly client: RestClient;
  /** The workers' JSON log lines, for tests that check what was (not) logged. */
  readonly workerLog: readonly string[];
  /** Starts the latest version of `processId`; answers the process instance key. */
  start(processId: string, variables?: Record<string, unknown>): Promise<string>;
  /** Waits for the active user task `elementId` of the instance. */
  waitForTask(processInstanceKey: string, elementId: string): Promise<UserTask>;
  /**
   * Waits for the user task, checks it belongs to exactly the group `as`, and completes it with `variables` as a
   * demo user of that group (`by` another user of it, e.g. the second reviewer of the group).
   */
  complete(processInstanceKey: string, elementId: string, options: { as: string; by?: string; variables?: Record<string, unknown> }): Promise<void>;
  /** The demo user who completes the tasks of `group` (config/users.json). */
  userOf(group: string): string;
  /** Waits until an instance of `elementId` reaches `state` (default COMPLETED). */
  waitForElement(processInstanceKey: string, elementId: string, state?: 'ACTIVE' | 'COMPLETED' | 'TERMINATED'): Promise<void>;
  /**
   * Sends `deadline-recomputed` as scripts/recompute-deadlines.ts does, moving the due date one day later, and
   * checks that the deadline task `elementId` is re-entered: a new user task whose due date is the new one.
   */
  rearmDeadline(processInstanceKey: string, elementId: string): Promise<UserTask>;
  /**
   * Reads config/ (and HOLIDAY_SCHEDULE_DIR) anew for the running job workers, as restarting them does after the
   * office entered a holiday notice (README 「节假日安排」); the workers otherwise keep what they read at start.
   */
  reloadWorkerParameters(): void;
  /** Pins the engine clock to `instant` (ISO 8601); timers due by then fire. */
  pinClock(instant: string): Promise<void>;
  /** Waits for the instance to complete and checks the end events it reached, as a set. */
  expectEnded(processInstanceKey: string, endEventIds: readonly string[]): Promise<void>;
  /** The process-scope variables as a plain object. */
  variables(processInstanceKey: string): Promise<Record<string, unknown>>;
  /** Ids of the elements of the instance that are active now. */
  activeElements(processInstanceKey: string): Promise<string[]>;
  /** `<processId>#<endEventId>` of the models' end events that no instance started by this harness reached. */
  unreachedEndEvents(processIds: readonly string[]): Promise<string[]>;
  stop(): Promise<void>;
}

export interface ProcessHarnessOptions {
  /** Where the engine clock starts (default {@link DEFAULT_NOW}, a Monday). */
  now?: string;
  /** How long a wait may take (ms, default 20 000: the workers share two cores with other test files). */
  timeoutMs?: number;
  /**
   * Deploy only the models of these process ids (file `bpmn/<processId>.bpmn`) with every form, so one model's
   * path test does not depend on the state of the others; the all-models test deploys everything at once.
   */
  processes?: readonly string[];
  /** Where the models and forms are (default `['bpmn', 'forms']`). */
  folders?: readonly string[];
  /** Mounts more routes on the engine's server (the web apps, for browser tests). */
  extend?: EngineServerOptions['extend'];
  /** Engine settings beyond the defaults, e.g. a `searchLag` to see how the web apps cope with a lagging cluster. */
  engine?: StartEngineOptions['engine'];
}

export async function startProcessHarness(options: ProcessHarnessOptions = {}): Promise<ProcessHarness> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const fixture = await startEngine({ extend: options.extend, engine: options.engine });
  const searchLag = TEST_CLUSTER ? 0 : searchLagOf({ engine: options.engine });
  const { client } = fixture;
  const workerDataDir = mkdtempSync(join(tmpdir(), 'process-harness-workers-'));
  // as scripts/start.ts does: notices upload through this client; their state file goes to a fresh directory
  process.env.WORKER_DATA_DIR = workerDataDir;
  await client.pinInternalClock(Date.parse(options.now ?? DEFAULT_NOW));

  const only = options.processes && new Set(options.processes.map((id) => `${id}.bpmn`));
  const files = findResources(options.folders ?? ['bpmn', 'forms']).filter((file) => !only || !file.endsWith('.bpmn') || only.has(basename(file)));
  if (files.length > 0) await deploy(client, files.map((file) => ({ name: basename(file), content: readFileSync(file, 'utf8') })));

  const workerCamunda = TEST_CLUSTER ? fixture.camunda : await workerServiceUser(fixture);
  // the config/ files, read once as npm start does; reloadWorkerParameters() replaces them in place
  const parameters: WorkerParameters = { ...loadWorkerParameters() };
  configureNoticeServices({ camunda: workerCamunda, settings: parameters.notices });

  const workerLog: string[] = [];
  const startedInstances: string[] = [];
  const workers: RunningWorkers = registerJobWorkers(
    workerCamunda,
    JOB_WORKERS,
    jsonLinesLogger((line) => workerLog.push(line)),
    { ...DEFAULT_WORKER_OPTIONS, pollIntervalMs: 20, baseBackOffMs: 50 },
    parameters,
  );
  const catalogGroups = readCatalogGroups();
  const demoUsers = readDemoUsers();
  const userOf = (group: string): string => {
    const user = demoUsers.find((u) => u.groups[0] === group) ?? demoUsers.find((u) => u.groups.includes(group));
    if (!user) throw new Error(`config/users.json has no user in the group ${group}`);
    return user.id;
  };

  /** Fails at once when the instance has an incident: waiting longer cannot help. */
  const assertNoIncident = async (processInstanceKey: string) => {
    const { items } = await client.searchIncidents({ filter: { processInstanceKey, state: 'ACTIVE' } } as never);
    const incident = items[0] as { elementId?: string; errorType?: string; errorMessage?: string } | undefined;
    if (incident) throw new IncidentError(`incident at ${incident.elementId}: ${incident.errorType} ${incident.errorMessage}`);
  };

  const waitOn = async <T>(processInstanceKey: string, description: string, probe: () => Promise<T | undefined | false>): Promise<T> => {
    const settledAt = Date.now() + searchLag;
    try {
      // an incident ends the wait at once: vi.waitFor retries whatever the callback throws, so it is returned
      const outcome = await vi.waitFor(
        async (): Promise<{ value: T } | { incident: IncidentError }> => {
          if (Date.now() < settledAt) throw new Error(`the searches may not show the test's last commands yet (lag ${searchLag} ms)`);
          const value = await probe();
          if (value !== undefined && value !== false) return { value };
          try {
            await assertNoIncident(processInstanceKey);
          } catch (error) {
            if (error instanceof IncidentError) return { incident: error };
            throw error;
          }
          throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
        },
        { timeout: timeoutMs, interval: 30 },
      );
      if ('incident' in outcome) throw outcome.incident;
      return outcome.value;
    } catch (error) {
      const cause = error instanceof Error ? error.message : String(error);
      const active = await activeElementsOf(processInstanceKey).catch(() => []);
      throw new Error(`${cause} (active elements: ${active.join(', ') || 'none'})`, { cause: error });
    }
  };

  const activeElementsOf = async (processInstanceKey: string): Promise<string[]> => {
    const { items } = await client.searchElementInstances({ filter: { processInstanceKey, state: 'ACTIVE' }, page: { limit: 100 } } as never);
    return items.map((item) => item.elementId).filter((id) => id !== undefined);
  };

  const waitForTask = (processInstanceKey: string, elementId: string) =>
    waitOn(processInstanceKey, `user task ${elementId} of instance ${processInstanceKey}`, async () => {
      const { items } = await client.searchUserTasks({ filter: { processInstanceKey, elementId, state: 'CREATED' } } as never);
      return items[0] as UserTask | undefined;
    });

  const processVariables = async (processInstanceKey: string): Promise<Record<string, unknown>> => {
    const { items } = await client.searchVariables({ filter: { processInstanceKey, scopeKey: processInstanceKey }, page: { limit: 1000 } } as never);
    // a search cuts values longer than 8191 characters: those are read whole (the SDK's getVariable parses them)
    const values = await Promise.all(
      items.map(async (item) => (item.isTruncated ? (await client.getVariable({ variableKey: item.variableKey })).value : (JSON.parse(String(item.value)) as unknown))),
    );
    return Object.fromEntries(items.map((item, i) => [item.name, values[i]]));
  };

  return {
    fixture,
    client,
    workerLog,

    async start(processId, variables = {}) {
      const created = await client.createProcessInstance({ processDefinitionId: processId, variables } as never);
      const key = String((created as { processInstanceKey: string }).processInstanceKey);
      startedInstances.push(key);
      return key;
    },

    waitForTask,

    userOf,

    async complete(processInstanceKey, elementId, { as, by, variables = {} }) {
      const task = await waitForTask(processInstanceKey, elementId);
      const groups = (task as { candidateGroups?: string[] }).candidateGroups ?? [];
      if (groups.length !== 1 || groups[0] !== as) {
        throw new Error(`user task ${elementId} belongs to [${groups.join(', ')}], not to ${as}`);
      }
      const processId = (task as { processDefinitionId?: string }).processDefinitionId ?? '';
      const catalogued = catalogGroups.get(`${processId} ${elementId}`);
      if (catalogued && !catalogued.includes(as)) {
        throw new Error(`bpmn/catalog.json gives ${elementId} of ${processId} to [${catalogued.join(', ')}], not to ${as}`);
      }
      const username = by ?? userOf(as);
      if (!demoUsers.some((u) => u.id === username && u.groups.includes(as))) throw new Error(`${username} is not a demo user of the group ${as}`);
      await fixture.clientAs(username).completeUserTask({ userTaskKey: task.userTaskKey, variables } as never);
    },

    async rearmDeadline(processInstanceKey, elementId) {
      const before = await waitForTask(processInstanceKey, elementId);
      const { dueDate, deadlineCorrelationKey } = (await processVariables(processInstanceKey)) as { dueDate: string; deadlineCorrelationKey: string };
      const moved = new Date(Date.parse(dueDate) + 86_400_000).toISOString();
      await client.correlateMessage({ name: 'deadline-recomputed', correlationKey: deadlineCorrelationKey, variables: { dueDate: moved, deadlineProvisional: false } } as never);
      const after = await waitOn(processInstanceKey, `${elementId} re-entered with due date ${moved}`, async () => {
        const { items } = await client.searchUserTasks({ filter: { processInstanceKey, elementId, state: 'CREATED' } } as never);
        return (items as UserTask[]).find((task) => task.userTaskKey !== before.userTaskKey);
      });
      if (Date.parse(String(after.dueDate)) !== Date.parse(moved)) throw new Error(`${elementId} re-entered with due date ${after.dueDate}, not ${moved}`);
      return after;
    },

    async waitForElement(processInstanceKey, elementId, state = 'COMPLETED') {
      await waitOn(processInstanceKey, `${elementId} ${state} in instance ${processInstanceKey}`, async () => {
        const { items } = await client.searchElementInstances({ filter: { processInstanceKey, elementId, state } } as never);
        return items.length > 0;
      });
    },

    async pinClock(instant) {
      const epochMs = Date.parse(instant);
      if (Number.isNaN(epochMs)) throw new Error(`pinClock: ${instant} is not an ISO 8601 instant`);
      await client.pinInternalClock(epochMs);
    },

    async expectEnded(processInstanceKey, endEventIds) {
      await waitOn(processInstanceKey, `instance ${processInstanceKey} to complete`, async () => {
        const { items } = await client.searchProcessInstances({ filter: { processInstanceKey } } as never);
        const state = items[0]?.state;
        if (state === 'TERMINATED' || state === 'CANCELED') throw new IncidentError(`instance ${processInstanceKey} was ${state}`);
        return state === 'COMPLETED';
      });
      const { items } = await client.searchElementInstances({
        filter: { processInstanceKey, type: 'END_EVENT', state: 'COMPLETED' },
        page: { limit: 100 },
      } as never);
      const reached = [...new Set(items.map((item) => item.elementId))].sort();
      const expected = [...new Set(endEventIds)].sort();
      if (reached.join(',') !== expected.join(',')) {
        throw new Error(`instance ${processInstanceKey} ended at [${reached.join(', ')}], expected [${expected.join(', ')}]`);
      }
    },

    variables: processVariables,

    activeElements: activeElementsOf,

    async unreachedEndEvents(processIds) {
      const reached = new Set<string>();
      for (const processInstanceKey of startedInstances) {
        const { items } = await client.searchElementInstances({
          filter: { processInstanceKey, type: 'END_EVENT', state: 'COMPLETED' },
          page: { limit: 100 },
        } as never);
        for (const item of items) reached.add(`${(item as { processDefinitionId?: string }).processDefinitionId}#${item.elementId}`);
      }
      return processIds.flatMap((id) => endEventsOf(`bpmn/${id}.bpmn`).map((end) => `${id}#${end}`)).filter((end) => !reached.has(end));
    },

    reloadWorkerParameters() {
      Object.assign(parameters, loadWorkerParameters());
    },

    async stop() {
      await workers.stop();
      await closeNoticeServices();
      await fixture.stop();
      rmSync(workerDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The usual set-up of a path-test file: one harness for the file with the given models, the clock pinned to
 * `now` before every test (so no test depends on the time an earlier one left), stopped after the last test.
 * The returned object is the harness itself, filled in before the first test runs.
 */
export function useProcessHarness(processes: readonly string[], options: Omit<ProcessHarnessOptions, 'processes'> = {}): ProcessHarness {
  const harness = {} as ProcessHarness;
  let started: ProcessHarness | undefined;
  beforeAll(async () => {
    started = await startProcessHarness({ ...options, processes });
    Object.assign(harness, started);
  });
  beforeEach(async () => {
    await started!.pinClock(options.now ?? DEFAULT_NOW);
  });
  afterAll(async (file) => {
    if (!started) return;
    try {
      // a run of some tests only (-t, .only, .skip) cannot reach every end: check complete runs only
      const unreached = everyTestRan(file) ? await started.unreachedEndEvents(processes) : [];
      if (unreached.length > 0) throw new Error(`end events no test of this file reached: ${unreached.join(', ')} — every path needs a test`);
    } finally {
      await started.stop();
    }
  });
  return harness;
}

/**
 * The workers' own service user, as npm start runs them (role job-worker: jobs and documents only). The role is
 * the embedded engine's; against a cluster the workers use the credentials of the SDK variables instead.
 */
async function workerServiceUser(fixture: EngineFixture) {
  const workerPassword = randomBytes(18).toString('base64url');
  await fixture.client.createUser({ username: 'harness-workers', password: workerPassword, name: '作业执行', email: '' });
  const roleResponse = await fixture.fetch('/v2/roles/job-worker/users/harness-workers', { method: 'PUT' });
  if (roleResponse.status !== 204) throw new Error(`could not give harness-workers the role job-worker: ${roleResponse.status}`);
  return fixture.camundaAs('harness-workers', workerPassword);
}

/** A failure waiting cannot fix: stops `waitFor` from polling on. */
class IncidentError extends Error {}

type TaskTree = { mode: string; type: string; tasks?: TaskTree[] };

function everyTestRan(suite: TaskTree): boolean {
  return (suite.tasks ?? []).every((task) => (task.type === 'suite' ? everyTestRan(task) : task.mode === 'run'));
}

/** The ids of a model's end events (any namespace prefix, as modelers write them). */
function endEventsOf(file: string): string[] {
  if (!existsSync(file)) return [];
  return [...readFileSync(file, 'utf8').matchAll(/<(?:\w+:)?endEvent\b[^>]*?\bid="([^"]+)"/g)].map((match) => match[1]!);
}

/** The demo users of config/users.json (password `demo`), in file order. */
function readDemoUsers(): { id: string; groups: string[] }[] {
  return (JSON.parse(readFileSync('config/users.json', 'utf8')) as { users: { id: string; groups: string[] }[] }).users;
}

/** `<processId> <elementId>` → candidate groups, from bpmn/catalog.json when it exists. */
function readCatalogGroups(): Map<string, readonly string[]> {
  const groups = new Map<string, readonly string[]>();
  if (!existsSync('bpmn/catalog.json')) return groups;
  const catalog = JSON.parse(readFileSync('bpmn/catalog.json', 'utf8')) as {
    processes?: { processId: string; userTasks?: { elementId: string; candidateGroups?: string[] }[] }[];
  };
  for (const process of catalog.processes ?? []) {
    for (const task of process.userTasks ?? []) groups.set(`${process.processId} ${task.elementId}`, task.candidateGroups ?? []);
  }
  return groups;
}
