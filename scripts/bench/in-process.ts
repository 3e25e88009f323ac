/**
 * The in-process driver of docs/performance-notes.md: the `Engine` started in this process and called directly
 * (no HTTP), `synchronous = FULL`, a measurement window after a warm-up, the engine's CPU per completed instance
 * taken from `process.cpuUsage` of the whole process (the clients' share is the same on both sides of a paired
 * run, so the figure compares two versions of the engine; it is not what an instance costs over HTTP).
 *
 * Workloads:
 * - `service-task`: `creators` clients loop "create an instance" of start → service task → end, `workers` clients
 *   loop "activate up to 32 jobs (500 ms long poll), complete each";
 * - `user-task`: `clients` clients each loop "create an instance of start → user task → end as `demo` with two
 *   variables, complete its task with two variables as `demo`" — the engine call that
 *   `POST /v2/user-tasks/{key}/completion` makes, audit trail included. The task's key comes from memory (an
 *   observer on the user-task table), not from a search, so the driver adds no SQL read of its own;
 * - `publish`: `creators` clients loop "publish a message with a correlation key nobody waits for" (each key new),
 *   with the time to live `messageTtlMs` (0: not buffered); one publication counts as one instance, and the run
 *   checks that every publication got a key of its own and started nothing;
 * - `publish-correlating`: `creators` clients loop "create an instance of start → message catch event → end, publish
 *   the message with its correlation key (time to live 0)", which completes it;
 * - `parallel`: as `service-task`, with start → parallel split → two service tasks → parallel join → end: each
 *   instance's first completed job leaves a token waiting at the join, its second fires the join;
 * - `business-rule`: `creators` clients loop "create an instance of start → business rule task → end" with the office's
 *   own 注销材料 decision (bpmn/account-withdrawal-proofs.dmn); the run checks that every instance left one decision
 *   instance.
 *
 * Beside any workload, with `failingEveryMs`, one more client completes a job that does not exist every that many ms
 * (a worker completing a job that timed out and was completed by another: the command fails with 404); the run
 * checks that each of those completions failed.
 *
 * After the window the creating stops, the instances already created are finished, and the engine's own search
 * confirms that every created instance is COMPLETED: a run that lost or stranded instances fails instead of
 * printing a figure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAs } from '../../engine/actor-context.js';
import { Engine } from '../../engine/engine.js';
import type { UserTaskRecord } from '../../engine/state/records.js';
import type { EngineStore } from '../../engine/store/engine-store.js';
import { countBatches } from './batch-count.js';
import { BENCH_JOB_TYPE, BENCH_PROCESS_ID, BENCH_PROCESS_XML } from './bench-process.js';
import {
  BUSINESS_RULE_DMN_NAME, BUSINESS_RULE_DMN_XML, BUSINESS_RULE_PROCESS_ID, BUSINESS_RULE_PROCESS_XML, BUSINESS_RULE_VARIABLES,
} from './business-rule-process.js';
import { MESSAGE_NAME, MESSAGE_PROCESS_ID, MESSAGE_PROCESS_XML } from './message-process.js';
import { PARALLEL_JOB_TYPE, PARALLEL_PROCESS_ID, PARALLEL_PROCESS_XML } from './parallel-process.js';
import { USER_TASK_PROCESS_ID, USER_TASK_PROCESS_XML } from './user-task-process.js';

export type InProcessWorkload = 'service-task' | 'user-task' | 'publish' | 'publish-correlating' | 'business-rule' | 'parallel';

export const IN_PROCESS_WORKLOADS: readonly InProcessWorkload[] = [
  'service-task', 'user-task', 'publish', 'publish-correlating', 'business-rule', 'parallel',
];

export interface InProcessOptions {
  workload: InProcessWorkload;
  windowMs: number;
  warmupMs: number;
  /** service-task, parallel: creating clients; user-task: clients (each creates and completes). */
  creators: number;
  /** service-task, parallel: job-working clients. */
  workers: number;
  /** publish only: the messages' time to live (ms; default 0, not buffered). */
  messageTtlMs?: number;
  /** Beside the workload: one client completes an unknown job every this many ms (undefined or 0: none). */
  failingEveryMs?: number;
}

export interface InProcessResult {
  workload: InProcessWorkload;
  /** Instances completed inside the window. */
  instances: number;
  /** Engine (whole-process) CPU per instance completed in the window, user + system, µs. */
  cpuPerInstanceUs: number;
  userPerInstanceUs: number;
  systemPerInstanceUs: number;
  instancesPerSecond: number;
  /** SQL reads in the command path that had to write the projection's held rows first, per instance. */
  forcedProjectionsPerInstance: number;
  /** Command-queue batches (one transaction and, with FULL, one fsync each) per instance. */
  batchesPerInstance: number;
  /** Failing completions (`failingEveryMs`) answered inside the window. */
  failedCommands: number;
  /** Instances created in the whole run (warm-up, window, drain) and, of those, COMPLETED per the engine's search. */
  created: number;
  completedInEngine: number;
}

const TENANT = '<default>';
const USER = 'demo';
const DRAIN_TIMEOUT_MS = 60_000;
/** A job key no run hands out (keys count up from a much smaller start). */
const UNKNOWN_JOB_KEY = Number.MAX_SAFE_INTEGER;

/** The two variables each user-task step sends on create and on completion (as a clerk's form would). */
const CREATE_VARIABLES = { applicantName: '张三', amount: 1280 };
const COMPLETE_VARIABLES = { reviewResult: '通过', reviewComment: '材料齐全' };

export async function measureInProcess(options: InProcessOptions): Promise<InProcessResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-in-process-'));
  const engine = await Engine.start({ dataDir, synchronous: 'FULL', identity: { loopback: true } });
  try {
    return await drive(engine, options);
  } finally {
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function drive(engine: Engine, options: InProcessOptions): Promise<InProcessResult> {
  const probe = storeProbe(engine);
  const [processId, xml] =
    options.workload === 'service-task' ? [BENCH_PROCESS_ID, BENCH_PROCESS_XML]
    : options.workload === 'parallel' ? [PARALLEL_PROCESS_ID, PARALLEL_PROCESS_XML]
    : options.workload === 'user-task' ? [USER_TASK_PROCESS_ID, USER_TASK_PROCESS_XML]
    : options.workload === 'business-rule' ? [BUSINESS_RULE_PROCESS_ID, BUSINESS_RULE_PROCESS_XML]
    : [MESSAGE_PROCESS_ID, MESSAGE_PROCESS_XML];
  await engine.deploy([
    { name: `${processId}.bpmn`, content: Buffer.from(xml) },
    ...(options.workload === 'business-rule' ? [{ name: BUSINESS_RULE_DMN_NAME, content: Buffer.from(BUSINESS_RULE_DMN_XML) }] : []),
  ], TENANT);

  const counts = { created: 0, completed: 0 };
  /** publish: the key of every publication. */
  const published = new Set<number>();
  let creating = true;
  const creatorLoops: Promise<void>[] = [];
  const otherLoops: Promise<void>[] = [];
  let workersDone = false;

  if (options.workload === 'service-task' || options.workload === 'parallel') {
    const jobType = options.workload === 'parallel' ? PARALLEL_JOB_TYPE : BENCH_JOB_TYPE;
    /** parallel: the jobs completed per instance; the second completes the instance. */
    const completedJobs = new Map<number, number>();
    for (let i = 0; i < options.creators; i++)
      creatorLoops.push((async () => {
        while (creating) {
          await engine.createProcessInstance({ processDefinitionId: processId, variables: {}, tenantId: TENANT });
          counts.created++;
        }
      })());
    for (let i = 0; i < options.workers; i++)
      otherLoops.push((async () => {
        while (!workersDone) {
          const jobs = await engine.activateJobs(
            { type: jobType, worker: 'bench-in-process', timeout: 60_000, maxJobsToActivate: 32, tenantIds: [TENANT] },
            500,
          );
          await Promise.all(jobs.map(async ({ job }) => {
            await engine.completeJob(job.key, {});
            if (options.workload === 'parallel') {
              const done = (completedJobs.get(job.processInstanceKey) ?? 0) + 1;
              if (done < 2) {
                completedJobs.set(job.processInstanceKey, done);
                return;
              }
              completedJobs.delete(job.processInstanceKey);
            }
            counts.completed++;
          }));
        }
      })());
  } else if (options.workload === 'publish') {
    for (let i = 0; i < options.creators; i++)
      creatorLoops.push((async () => {
        while (creating) {
          const correlationKey = `nobody-${i}-${counts.created}`;
          const message = await engine.publishMessage({
            name: MESSAGE_NAME, correlationKey, timeToLive: options.messageTtlMs ?? 0, messageId: undefined, variables: {}, tenantId: TENANT,
          });
          counts.created++;
          published.add(message.key);
          counts.completed++;
        }
      })());
  } else if (options.workload === 'publish-correlating') {
    for (let i = 0; i < options.creators; i++)
      creatorLoops.push((async () => {
        while (creating) {
          const caseId = `case-${i}-${counts.created}`;
          await engine.createProcessInstance({ processDefinitionId: processId, variables: { caseId }, tenantId: TENANT });
          counts.created++;
          await engine.publishMessage({ name: MESSAGE_NAME, correlationKey: caseId, timeToLive: 0, messageId: undefined, variables: {}, tenantId: TENANT });
          counts.completed++;
        }
      })());
  } else if (options.workload === 'business-rule') {
    for (let i = 0; i < options.creators; i++)
      creatorLoops.push((async () => {
        while (creating) {
          await engine.createProcessInstance({ processDefinitionId: processId, variables: BUSINESS_RULE_VARIABLES, tenantId: TENANT });
          counts.created++;
          counts.completed++;
        }
      })());
  } else {
    const openTasks = probe.openUserTasks();
    for (let i = 0; i < options.creators; i++)
      creatorLoops.push(runAs(USER, async () => {
        while (creating) {
          const instance = await engine.createProcessInstance({ processDefinitionId: processId, variables: CREATE_VARIABLES, tenantId: TENANT });
          counts.created++;
          const taskKey = openTasks.get(instance.key);
          if (taskKey === undefined) throw new Error(`instance ${instance.key} has no open user task after its creation`);
          openTasks.delete(instance.key);
          await engine.completeUserTask(taskKey, COMPLETE_VARIABLES, USER);
          counts.completed++;
        }
      }));
  }

  const failing = { sent: 0, failed: 0 };
  if (options.failingEveryMs)
    otherLoops.push((async () => {
      while (!workersDone) {
        failing.sent++;
        try {
          await engine.completeJob(UNKNOWN_JOB_KEY, {});
        } catch {
          failing.failed++;
        }
        await sleep(options.failingEveryMs!);
      }
    })());

  await sleep(options.warmupMs);
  const completed0 = counts.completed;
  const failed0 = failing.failed;
  const forced0 = engine.forcedProjections();
  const batches0 = probe.batches();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(options.windowMs);
  const cpu = process.cpuUsage(cpu0);
  const elapsedMs = performance.now() - t0;
  const instances = counts.completed - completed0;
  const failedCommands = failing.failed - failed0;
  const forced = engine.forcedProjections() - forced0;
  const batches = probe.batches() - batches0;

  creating = false;
  await Promise.all(creatorLoops);
  const drainEnds = performance.now() + DRAIN_TIMEOUT_MS;
  while (counts.completed < counts.created && performance.now() < drainEnds) await sleep(20);
  workersDone = true;
  await Promise.all(otherLoops);

  if (failing.failed !== failing.sent) throw new Error(`${failing.sent - failing.failed} completions of an unknown job did not fail`);
  if (instances === 0) throw new Error(`no ${options.workload} instance completed in the ${options.windowMs} ms window`);
  engine.projectHeld();
  // a publication starts nothing: it counts as done when the engine gave it a key of its own
  const total = options.workload === 'publish' ? published.size : countInstances(engine, processId);
  const completedInEngine = options.workload === 'publish' ? published.size : countInstances(engine, processId, 'COMPLETED');
  if (total !== counts.created || completedInEngine !== counts.created)
    throw new Error(`created ${counts.created} instances, the engine has ${total}, of them ${completedInEngine} COMPLETED`);
  if (options.workload === 'publish' && countInstances(engine, processId) !== 0) throw new Error('a publication nobody waits for started an instance');
  if (options.workload === 'business-rule') {
    const evaluated = countEvaluatedDecisions(engine);
    if (evaluated !== counts.created) throw new Error(`created ${counts.created} instances, the engine has ${evaluated} evaluated decision instances`);
  }

  const per = (value: number) => value / instances;
  return {
    workload: options.workload,
    instances,
    cpuPerInstanceUs: per(cpu.user + cpu.system),
    userPerInstanceUs: per(cpu.user),
    systemPerInstanceUs: per(cpu.system),
    instancesPerSecond: instances / (elapsedMs / 1000),
    forcedProjectionsPerInstance: per(forced),
    batchesPerInstance: per(batches),
    failedCommands,
    created: counts.created,
    completedInEngine,
  };
}

/**
 * What the driver reads from the engine's store, which the `Engine` keeps private: the number of command-queue
 * batches (counted by wrapping `batchTransaction`) and the open user tasks by instance (an observer on the table,
 * as the engine's own indexes are). Both cost the same on every version being compared.
 */
function storeProbe(engine: Engine) {
  const store = (engine as unknown as { store: EngineStore }).store;
  const batches = countBatches(store);
  return {
    batches,
    openUserTasks(): Map<number, number> {
      const byInstance = new Map<number, number>();
      store.userTasks.observe({
        changed(key: number, record: UserTaskRecord | undefined) {
          if (record?.state === 'CREATED') byInstance.set(record.processInstanceKey, key);
        },
        clear() {},
        transactionEnded() {},
      });
      return byInstance;
    },
  };
}

/** Instances of `processId` (in `state`, when given), paging past the search's 10,000 count cap. */
function countInstances(engine: Engine, processId: string, state?: 'COMPLETED'): number {
  const filter = { processDefinitionId: processId, ...(state ? { state } : {}) };
  let counted = 0;
  for (let after: string | undefined; ; ) {
    const page = engine.queries.searchProcessInstances({ filter, page: { limit: 10_000, ...(after ? { after } : {}) } });
    counted += page.items.length;
    if (page.items.length < 10_000 || !page.page.endCursor) return counted;
    after = page.page.endCursor;
  }
}

/** Decision instances in state EVALUATED, paging past the search's count cap as `countInstances` does. */
function countEvaluatedDecisions(engine: Engine): number {
  let counted = 0;
  for (let after: string | undefined; ; ) {
    const page = engine.queries.searchDecisionInstances({ filter: { state: 'EVALUATED' }, page: { limit: 10_000, ...(after ? { after } : {}) } });
    counted += page.items.length;
    if (page.items.length < 10_000 || !page.page.endCursor) return counted;
    after = page.page.endCursor;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
