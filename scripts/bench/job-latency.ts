/**
 * Mode (l), job latency at a fixed arrival rate: the client of mode (b) (@camunda8/sdk, one REST job worker with
 * the same settings) but creating instances open loop at a fixed rate well below capacity, instead of keeping a
 * queue of 256 in flight. Per job it records when the create request was sent, when its reply came, when the job
 * worker's handler received the job and when the completion was acknowledged.
 *
 * Camunda 8.8's activated job carries no creation time (only its `deadline`; job search gains `creationTime` with
 * 8.9), so the job's creation is bracketed on the client: the engine creates the job inside the create command,
 * after the request arrived and before the reply left. Latencies are taken from the create request sent — upper
 * bounds of the time from the job's creation — and the create round trip says how wide the bracket is.
 */
import { camundaClientAs } from '../camunda-client-as.js';
import { BENCH_USER } from './bench-credentials.js';
import { BENCH_JOB_TYPE, BENCH_PROCESS_ID } from './bench-process.js';
import { percentile, type InstanceTracker } from './instance-tracker.js';
import { waitUntil, type Load } from './load.js';
import { measureRun, type RunOptions, type RunResult, type Target } from './measure.js';

export interface RateOptions {
  /** Instances created per second, open loop (a slow server does not slow the arrivals down). */
  rate: number;
  /** The job worker's capacity (maxJobsToActivate). */
  maxJobsToActivate: number;
  pollIntervalMs: number;
}

/** Instances created but unfinished beyond which the open loop stops creating (a server that stopped answering). */
const RUNAWAY_IN_FLIGHT = 10_000;

interface JobTimes {
  sentAt?: number;
  repliedAt?: number;
  receivedAt?: number;
  ackedAt?: number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Per-job times of the instances whose completion was acknowledged inside the tracker's window. */
export class JobLatencyRecorder {
  /** Create request sent → the job worker's handler received the job, ms. */
  readonly toHandler: number[] = [];
  /** Create request sent → the job's completion acknowledged, ms. */
  readonly toCompletion: number[] = [];
  /** Create request sent → its reply, ms: how long before the figures above the job was at most created. */
  readonly createRoundTrip: number[] = [];
  private readonly jobs = new Map<string, JobTimes>();

  constructor(private readonly tracker: InstanceTracker) {}

  onCreated(processInstanceKey: string, sentAt: number, repliedAt: number): void {
    this.update(processInstanceKey, { sentAt, repliedAt });
  }

  onReceived(processInstanceKey: string, receivedAt: number): void {
    this.update(processInstanceKey, { receivedAt });
  }

  onAcked(processInstanceKey: string, ackedAt: number): void {
    this.update(processInstanceKey, { ackedAt });
  }

  onFailed(processInstanceKey: string): void {
    this.jobs.delete(processInstanceKey);
  }

  // helpers

  /** The job may reach the handler before the create reply is processed (separate connections): wait for both. */
  private update(processInstanceKey: string, times: JobTimes): void {
    const job = { ...this.jobs.get(processInstanceKey), ...times };
    if (job.sentAt === undefined || job.repliedAt === undefined || job.receivedAt === undefined || job.ackedAt === undefined) {
      this.jobs.set(processInstanceKey, job);
      return;
    }
    this.jobs.delete(processInstanceKey);
    if (!this.tracker.inWindow(job.ackedAt)) return;
    this.toHandler.push(job.receivedAt - job.sentAt);
    this.toCompletion.push(job.ackedAt - job.sentAt);
    this.createRoundTrip.push(job.repliedAt - job.sentAt);
  }
}

export function summarize(values: readonly number[]): LatencySummary {
  return {
    count: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
  };
}

export function sdkRateLoad(url: string, tracker: InstanceTracker, recorder: JobLatencyRecorder, options: RateOptions): Load {
  const camunda = camundaClientAs(url, BENCH_USER);
  const client = camunda.getCamundaRestClient();
  let worker: ReturnType<typeof client.createJobWorker> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;

  async function createOne(): Promise<void> {
    tracker.onCreateSent();
    const sentAt = performance.now();
    try {
      const created = await client.createProcessInstance({ processDefinitionId: BENCH_PROCESS_ID, variables: {} });
      recorder.onCreated(created.processInstanceKey, sentAt, performance.now());
      tracker.onCreated(created.processInstanceKey);
    } catch (error) {
      tracker.onError(error);
    }
  }

  return {
    start() {
      worker = client.createJobWorker({
        type: BENCH_JOB_TYPE,
        worker: 'bench-sdk-latency',
        timeout: 60_000,
        maxJobsToActivate: options.maxJobsToActivate,
        pollIntervalMs: options.pollIntervalMs,
        jobHandler: async (job) => {
          recorder.onReceived(job.processInstanceKey, performance.now());
          try {
            const ack = await job.complete();
            recorder.onAcked(job.processInstanceKey, performance.now());
            tracker.onCompleted(job.processInstanceKey);
            return ack;
          } catch (error) {
            recorder.onFailed(job.processInstanceKey);
            tracker.onError(error, job.processInstanceKey);
            throw error;
          }
        },
      });
      // open loop: each turn sends the creates due by now, so arrivals keep their rate whatever the replies do
      const startedAt = performance.now();
      let due = 0;
      const tick = () => {
        if (stopping) return;
        const target = Math.floor(((performance.now() - startedAt) / 1000) * options.rate);
        for (; due < target; due++) if (tracker.inFlight < RUNAWAY_IN_FLIGHT) void createOne();
        timer = setTimeout(tick, 1);
      };
      tick();
    },
    async stop(drainMs) {
      stopping = true;
      clearTimeout(timer);
      await waitUntil(() => tracker.inFlight === 0, drainMs);
      await worker?.stop(5_000).catch(() => undefined);
      await camunda.closeAllClients();
    },
  };
}

export interface JobLatencyResult {
  /** The run's throughput, errors, server count and CPU, as in modes (a) and (b). */
  run: RunResult;
  /** The arrival rate asked for, instances/s. */
  rate: number;
  toHandler: LatencySummary;
  toCompletion: LatencySummary;
  createRoundTrip: LatencySummary;
}

/** One run of mode (l) against the engine or the stand-in, in a fresh child process. */
export async function measureJobLatency(target: Target, options: RunOptions & RateOptions): Promise<JobLatencyResult> {
  let recorder: JobLatencyRecorder | undefined;
  const run = await measureRun(
    target,
    (url, tracker) => {
      recorder = new JobLatencyRecorder(tracker);
      return sdkRateLoad(url, tracker, recorder, options);
    },
    options,
  );
  return {
    run,
    rate: options.rate,
    toHandler: summarize(recorder!.toHandler),
    toCompletion: summarize(recorder!.toCompletion),
    createRoundTrip: summarize(recorder!.createRoundTrip),
  };
}
