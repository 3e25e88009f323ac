/**
 * Mode (f): the FC20 零星报销 model end to end with bot clerks. The engine child (fc20-engine-process.ts) runs every
 * model with the real job workers; the engine clock is pinned to a Monday (the happy path waits on no timer; the
 * reminder and 超期督办 timers on its boundaries stay in the future). The window clerk `chen-yan` starts `cases`
 * cases of one application (test/support/fc20-sample-case.ts), keeping `inFlight` open at a time; one bot per
 * group works that group's tasks with its own login, as a clerk does in the task list, one task after another:
 * it searches the open FC20 tasks of its group and completes each through `POST /v2/user-tasks/{key}/completion`
 * with the variables the task's form asks for (the values the FC20 path test enters). 初审 and 录入审核 are done by
 * `zhang-min`, the 复审 by `wang-lei` (four-eyes), the payment by `ma-xiaoyun`. A case counts as done when the
 * engine reports it COMPLETED at the end event 已支付 (endPaid); its duration runs from the create request to that.
 * Errors: failed requests, incidents, and cases not done by the end of the run.
 */
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { FC20_APPLICATION, FC20_REGISTRATION } from '../../test/support/fc20-sample-case.js';
import { basicAuthorization, BENCH_AUTHORIZATION } from './bench-credentials.js';
import { startChildServer } from './child-server.js';
import { percentile } from './instance-tracker.js';
import { sleep } from './load.js';
import { cpuTimeMs, machineBusyMs } from './process-cpu.js';

const CHILD = fileURLToPath(new URL('./fc20-engine-process.ts', import.meta.url));
export const FC20_PROCESS_ID = 'xining-fc20-manual-reimbursement';
export const FC20_CLOCK = '2026-03-02T09:00:00+08:00';
const STARTER = 'chen-yan';
const PASSWORD = 'demo';

/** Who works which task, and what its form asks for. */
const BOTS: { user: string; group: string; tasks: Record<string, (caseNumber: number) => Record<string, unknown>> }[] = [
  {
    user: 'zhang-min',
    group: 'window-first-review',
    tasks: {
      preliminaryReview: () => ({ receivedMaterials: FC20_APPLICATION.submittedMaterials, preliminaryReviewDecision: 'approved' }),
      registerAndReview: (n) => ({ ...FC20_REGISTRATION, registrationNumber: `LB202603${String(n).padStart(4, '0')}` }),
    },
  },
  { user: 'wang-lei', group: 'window-second-review', tasks: { settlementReview: () => ({ settlementReviewDecision: 'approved' }) } },
  { user: 'ma-xiaoyun', group: 'finance', tasks: { payBenefits: (n) => ({ paymentDate: '2026-03-12', paymentReference: `ZZ20260312${String(n).padStart(4, '0')}` }) } },
];

export interface Fc20Options {
  cases: number;
  inFlight: number;
  /** Give up on unfinished cases this long after the last start, ms. */
  drainMs: number;
}

export interface Fc20Result extends Fc20Options {
  completed: number;
  seconds: number;
  casesPerMinute: number;
  p50: number;
  p95: number;
  max: number;
  tasksCompleted: number;
  errors: number;
  incidents: number;
  unfinished: number;
  firstError?: string;
  /** CPU used from the first create to the last case done, % of one core: the engine child with its job workers, the bots (this process), other programs. */
  engineCpu?: number;
  botCpu?: number;
  otherCpu?: number;
}

export async function measureFc20(options: Fc20Options): Promise<Fc20Result> {
  const child = await startChildServer(CHILD, { readyTimeoutMs: 300_000 });
  const pool = new Pool(child.url, { connections: 16, keepAliveTimeout: 60_000 });
  const call = async (user: string | undefined, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => {
    const authorization = user ? basicAuthorization({ username: user, password: PASSWORD }) : BENCH_AUTHORIZATION;
    const response = await pool.request({ path, method, headers: { 'content-type': 'application/json', authorization }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.body.text();
    if (response.statusCode >= 300) throw new Error(`${method} ${path} as ${user ?? 'demo'}: ${response.statusCode} ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  let errors = 0;
  let firstError: string | undefined;
  const onError = (error: unknown) => {
    errors++;
    firstError ??= (error as Error).message;
  };
  try {
    await call(undefined, 'PUT', '/v2/clock', { timestamp: Date.parse(FC20_CLOCK) });
    const startedAt = new Map<string, number>();
    const caseNumbers = new Map<string, number>();
    const durations: number[] = [];
    let open = 0;
    let started = 0;
    let finished = 0;
    let tasksCompleted = 0;
    let stopping = false;
    const t0 = performance.now();
    const cpu0 = { engine: cpuTimeMs(child.pid), bots: cpuTimeMs(), machine: machineBusyMs() };
    let lastDone = t0;

    const watch = async (key: string) => {
      // the payment was the last task: the case ends when the workers and the engine have finished it
      for (let i = 0; i < 600 && !stopping; i++) {
        const instance = await call(undefined, 'GET', `/v2/process-instances/${key}`);
        if (instance.state === 'COMPLETED') {
          const ends = await call(undefined, 'POST', '/v2/element-instances/search', { filter: { processInstanceKey: key, type: 'END_EVENT' } });
          const reached = (ends.items as { elementId: string }[]).map((item) => item.elementId);
          if (reached.length !== 1 || reached[0] !== 'endPaid') throw new Error(`case ${key} ended at [${reached.join(', ')}], not endPaid`);
          lastDone = performance.now();
          durations.push(lastDone - startedAt.get(key)!);
          return;
        }
        if (instance.state !== 'ACTIVE') throw new Error(`case ${key} is ${String(instance.state)}`);
        await sleep(50);
      }
    };

    const starter = async () => {
      while (started < options.cases) {
        if (open >= options.inFlight) {
          await sleep(20);
          continue;
        }
        open++;
        const caseNumber = ++started;
        const sentAt = performance.now();
        try {
          const created = await call(STARTER, 'POST', '/v2/process-instances', { processDefinitionId: FC20_PROCESS_ID, variables: FC20_APPLICATION });
          const key = String(created.processInstanceKey);
          startedAt.set(key, sentAt);
          caseNumbers.set(key, caseNumber);
        } catch (error) {
          onError(error);
          open--;
          finished++;
        }
      }
    };

    const bot = async ({ user, group, tasks }: (typeof BOTS)[number]) => {
      while (!stopping) {
        let page: { userTaskKey: string; elementId: string; processInstanceKey: string }[] = [];
        try {
          const found = await call(user, 'POST', '/v2/user-tasks/search', {
            filter: { state: 'CREATED', candidateGroup: group, processDefinitionId: FC20_PROCESS_ID },
            sort: [{ field: 'creationDate', order: 'asc' }],
            page: { limit: 50 },
          });
          page = found.items as typeof page;
        } catch (error) {
          onError(error);
        }
        if (page.length === 0) await sleep(50);
        for (const task of page) {
          const variables = tasks[task.elementId];
          const key = String(task.processInstanceKey);
          try {
            if (!variables) throw new Error(`${user} got the unexpected task ${task.elementId} of case ${key}`);
            await call(user, 'POST', `/v2/user-tasks/${task.userTaskKey}/completion`, { variables: variables(caseNumbers.get(key) ?? 0) });
            tasksCompleted++;
            if (task.elementId === 'payBenefits') {
              void watch(key)
                .catch(onError)
                .finally(() => {
                  finished++;
                  open--;
                });
            }
          } catch (error) {
            onError(error);
          }
        }
      }
    };

    const bots = BOTS.map(bot);
    await starter();
    const deadline = performance.now() + options.drainMs;
    while (finished < started && performance.now() < deadline) await sleep(50);
    const cpu1 = { engine: cpuTimeMs(child.pid), bots: cpuTimeMs(), machine: machineBusyMs(), at: performance.now() };
    stopping = true;
    await Promise.all(bots);
    const incidents = await call(undefined, 'POST', '/v2/incidents/search', { filter: { processDefinitionId: FC20_PROCESS_ID }, page: { limit: 1 } });
    const seconds = (lastDone - t0) / 1000;
    const share = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : ((b - a) / (cpu1.at - t0)) * 100);
    const engineCpu = share(cpu0.engine, cpu1.engine);
    const botCpu = share(cpu0.bots, cpu1.bots);
    const machineCpu = share(cpu0.machine, cpu1.machine);
    return {
      ...options,
      completed: durations.length,
      seconds,
      casesPerMinute: (durations.length / seconds) * 60,
      p50: percentile(durations, 50),
      p95: percentile(durations, 95),
      max: Math.max(...durations),
      tasksCompleted,
      errors,
      incidents: Number((incidents.page as { totalItems: number }).totalItems),
      unfinished: options.cases - durations.length,
      firstError,
      engineCpu,
      botCpu,
      otherCpu: engineCpu === undefined || botCpu === undefined || machineCpu === undefined ? undefined : Math.max(0, machineCpu - engineCpu - botCpu),
    };
  } finally {
    await pool.close();
    await child.stop();
  }
}

/** The goal of (f): every case done, no error, no incident. */
export const fc20GoalMet = (result: Fc20Result) => result.errors === 0 && result.incidents === 0 && result.unfinished === 0;
