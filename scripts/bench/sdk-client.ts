/**
 * Mode (b), end to end with @camunda8/sdk, as a worker application would use it: `createProcessInstance` calls
 * with bounded concurrency (and at most `inFlight` instances unfinished) and one REST job worker whose handler
 * completes the job.
 */
import { camundaClientAs } from '../camunda-client-as.js';
import { BENCH_USER } from './bench-credentials.js';
import { BENCH_JOB_TYPE, BENCH_PROCESS_ID } from './bench-process.js';
import type { InstanceTracker } from './instance-tracker.js';
import { waitUntil, type Load } from './load.js';

export interface SdkOptions {
  inFlight: number;
  /** createProcessInstance calls at once. */
  createConcurrency: number;
  /** The job worker's capacity (maxJobsToActivate). */
  maxJobsToActivate: number;
  pollIntervalMs: number;
}

export function sdkLoad(url: string, tracker: InstanceTracker, options: SdkOptions): Load {
  const camunda = camundaClientAs(url, BENCH_USER);
  const client = camunda.getCamundaRestClient();
  let worker: ReturnType<typeof client.createJobWorker> | undefined;
  let creating = 0;
  let stopping = false;

  const pump = () => {
    while (!stopping && creating < options.createConcurrency && tracker.inFlight < options.inFlight) void createOne();
  };

  async function createOne(): Promise<void> {
    creating++;
    tracker.onCreateSent();
    try {
      const created = await client.createProcessInstance({ processDefinitionId: BENCH_PROCESS_ID, variables: {} });
      tracker.onCreated(created.processInstanceKey);
    } catch (error) {
      tracker.onError(error);
    } finally {
      creating--;
      pump();
    }
  }

  return {
    start() {
      worker = client.createJobWorker({
        type: BENCH_JOB_TYPE,
        worker: 'bench-sdk',
        timeout: 60_000,
        maxJobsToActivate: options.maxJobsToActivate,
        pollIntervalMs: options.pollIntervalMs,
        jobHandler: async (job) => {
          try {
            const ack = await job.complete();
            tracker.onCompleted(job.processInstanceKey);
            return ack;
          } catch (error) {
            tracker.onError(error, job.processInstanceKey);
            throw error;
          } finally {
            pump();
          }
        },
      });
      pump();
    },
    async stop(drainMs) {
      stopping = true;
      await waitUntil(() => tracker.inFlight === 0, drainMs);
      await worker?.stop(5_000).catch(() => undefined);
      await camunda.closeAllClients();
    },
  };
}
