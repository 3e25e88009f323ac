/**
 * Steady load on the engine through @camunda8/sdk and the clerks' browser sessions, recording every command the
 * engine acknowledged (a 2xx answer) in a ledger the checks compare with the final state:
 * - cases created (SDK `createProcessInstance`), at `createsPerSecond`;
 * - `chaos-work` jobs activated and completed (SDK), each completion setting `workJobKey`;
 * - 初审 tasks claimed and completed by logged-in clerks (cookie + CSRF), each setting `reviewedBy`;
 * - the materials message published once a case's review is done (SDK, `messageId` per case);
 * - the engine clock moved forward by `clockStepMinutes` every `clockStepMs` (SDK `pinInternalClock`), so the
 *   cases' PT1H timers fall due.
 * Calls to a killed engine fail and are retried by the loops; failures are counted, never acknowledged.
 */
import { Camunda8 } from '@camunda8/sdk';
import { CHAOS_JOB_TYPE, CHAOS_MESSAGE, CHAOS_PROCESS_ID, CHAOS_REVIEW_GROUP, chaosCaseVariables } from './chaos-model.js';
import { ClerkSession, type Credentials } from './v2-http.js';

type RestClient = ReturnType<Camunda8['getCamundaRestClient']>;

export interface LoadOptions {
  url: string;
  admin: Credentials;
  clerks: Credentials[];
  runId: string;
  createsPerSecond: number;
  clockStepMs: number;
  clockStepMinutes: number;
  /** Lock time of the load's own `chaos-work` jobs, in engine-clock ms. */
  jobTimeoutMs: number;
  /** Told of every command's answer time (the soak's latency figures). */
  onAnswer?: (kind: string, ms: number, acknowledged: boolean) => void;
}

export interface Ledger {
  /** processInstanceKey → caseId */
  created: Map<string, string>;
  /** jobKey → processInstanceKey */
  jobsCompleted: Map<string, string>;
  /** userTaskKey → { processInstanceKey, by } */
  tasksCompleted: Map<string, { processInstanceKey: string; by: string }>;
  /** caseId → processInstanceKey of the case the message was published for */
  published: Map<string, string>;
  /** The last clock value the engine acknowledged. */
  clock: number;
  attempts: Record<string, { acknowledged: number; failed: number }>;
}

export interface RunningLoad {
  readonly ledger: Ledger;
  /** Pins the engine clock to the ledger's value again (after a restart the engine runs on the real clock). */
  repinClock(): Promise<void>;
  /** Moves the clock by `minutes` at once (drain: fire every timer, expire every lock). */
  advanceClock(minutes: number): Promise<void>;
  /** Publishes the message for a case whose review is done (drain, for cases created without an answer). */
  publishFor(processInstanceKey: string, caseId: string): Promise<boolean>;
  stopCreating(): void;
  /** Ends the periodic clock steps (the drain moves the clock itself). */
  stopClock(): void;
  stop(): Promise<void>;
}

export function startLoad(options: LoadOptions): RunningLoad {
  const camunda = new Camunda8({
    ZEEBE_REST_ADDRESS: options.url,
    CAMUNDA_AUTH_STRATEGY: 'BASIC',
    CAMUNDA_BASIC_AUTH_USERNAME: options.admin.username,
    CAMUNDA_BASIC_AUTH_PASSWORD: options.admin.password,
    CAMUNDA_LOG_LEVEL: 'none',
  } as never);
  const client: RestClient = camunda.getCamundaRestClient();
  const ledger: Ledger = {
    created: new Map(),
    jobsCompleted: new Map(),
    tasksCompleted: new Map(),
    published: new Map(),
    clock: Math.floor(Date.now() / 60_000) * 60_000,
    attempts: {},
  };
  let running = true;
  let creating = true;
  let clockRunning = true;
  let caseNumber = 0;
  /** Cases whose review is done and whose message is not acknowledged yet. */
  const toPublish = new Map<string, string>();

  const attempt = async <T>(kind: string, call: () => Promise<T>): Promise<T | undefined> => {
    const counts = (ledger.attempts[kind] ??= { acknowledged: 0, failed: 0 });
    const started = performance.now();
    try {
      const value = await call();
      counts.acknowledged++;
      options.onAnswer?.(kind, performance.now() - started, true);
      return value;
    } catch {
      counts.failed++;
      options.onAnswer?.(kind, performance.now() - started, false);
      return undefined;
    }
  };

  const publishFor = async (processInstanceKey: string, caseId: string) => {
    const published = await attempt('publish message', () =>
      client.publishMessage({ name: CHAOS_MESSAGE, correlationKey: caseId, messageId: `materials-${caseId}`, timeToLive: 7 * 24 * 3_600_000, variables: {} } as never),
    );
    if (published === undefined) return false;
    ledger.published.set(caseId, processInstanceKey);
    toPublish.delete(processInstanceKey);
    return true;
  };

  const loops: Promise<void>[] = [];
  const loop = (body: () => Promise<void>) => {
    loops.push(
      (async () => {
        while (running) {
          try {
            await body();
          } catch {
            await pause(100);
          }
        }
      })(),
    );
  };

  // creates at a steady rate
  loop(async () => {
    if (!creating) return pause(200);
    const started = Date.now();
    const n = ++caseNumber;
    const variables = chaosCaseVariables(n, options.runId);
    const created = await attempt('create case', () => client.createProcessInstance({ processDefinitionId: CHAOS_PROCESS_ID, variables } as never));
    if (created) ledger.created.set(String((created as { processInstanceKey: string }).processInstanceKey), variables.caseId);
    await pause(Math.max(0, 1000 / options.createsPerSecond - (Date.now() - started)));
  });

  // the load's own job worker
  loop(async () => {
    const jobs = await client.activateJobs({ type: CHAOS_JOB_TYPE, worker: 'reliability-load', timeout: options.jobTimeoutMs, maxJobsToActivate: 8, requestTimeout: 1000 } as never);
    if (jobs.length === 0) return;
    await Promise.all(
      jobs.map(async (job) => {
        const done = await attempt('complete job', () => client.completeJob({ jobKey: job.jobKey, variables: { workJobKey: job.jobKey } }));
        if (done !== undefined) ledger.jobsCompleted.set(job.jobKey, job.processInstanceKey);
      }),
    );
  });

  // clerks: each works the tasks whose key ends in its own digits, so they do not fight over one task
  options.clerks.forEach((credentials, index) => {
    const session = new ClerkSession(options.url, credentials);
    loop(async () => {
      const search = await session.call<{ items: { userTaskKey: string; processInstanceKey: string; assignee?: string }[] }>('POST', '/v2/user-tasks/search', {
        filter: { state: 'CREATED', candidateGroup: CHAOS_REVIEW_GROUP, processDefinitionId: CHAOS_PROCESS_ID },
        page: { limit: 50 },
      });
      const mine = (search.body?.items ?? []).filter((task) => BigInt(task.userTaskKey) % BigInt(options.clerks.length) === BigInt(index));
      if (mine.length === 0) return pause(150);
      for (const task of mine) {
        if (!running) return;
        if (task.assignee !== credentials.username) {
          const claimed = await attempt('claim task', async () => expect2xx(await session.call('POST', `/v2/user-tasks/${task.userTaskKey}/assignment`, { assignee: credentials.username })));
          if (claimed === undefined) continue;
        }
        const completed = await attempt('complete task', async () =>
          expect2xx(await session.call('POST', `/v2/user-tasks/${task.userTaskKey}/completion`, { variables: { reviewedBy: credentials.username } })),
        );
        if (completed === undefined) continue;
        ledger.tasksCompleted.set(task.userTaskKey, { processInstanceKey: task.processInstanceKey, by: credentials.username });
        const caseId = ledger.created.get(task.processInstanceKey);
        if (caseId) toPublish.set(task.processInstanceKey, caseId);
      }
    });
  });

  // messages for reviewed cases
  loop(async () => {
    if (toPublish.size === 0) return pause(100);
    for (const [processInstanceKey, caseId] of [...toPublish]) if (running) await publishFor(processInstanceKey, caseId);
    await pause(50);
  });

  // the engine clock
  loop(async () => {
    await pause(options.clockStepMs);
    if (!clockRunning) return;
    const next = ledger.clock + options.clockStepMinutes * 60_000;
    const pinned = await attempt('move clock', () => client.pinInternalClock(next));
    if (pinned !== undefined) ledger.clock = next;
  });

  return {
    ledger,
    repinClock: async () => {
      await client.pinInternalClock(ledger.clock);
    },
    advanceClock: async (minutes) => {
      const next = ledger.clock + minutes * 60_000;
      await client.pinInternalClock(next);
      ledger.clock = next;
    },
    publishFor,
    stopCreating: () => {
      creating = false;
    },
    stopClock: () => {
      clockRunning = false;
    },
    async stop() {
      running = false;
      await Promise.all(loops);
      await camunda.closeAllClients?.();
    },
  };
}

// helpers

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function expect2xx(answer: { status: number; body: unknown }): true {
  if (answer.status < 200 || answer.status >= 300) throw new Error(`answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return true;
}
