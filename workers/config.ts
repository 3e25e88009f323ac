/**
 * The workers' own settings. Where to find the engine is the SDK's business (ZEEBE_REST_ADDRESS,
 * CAMUNDA_AUTH_STRATEGY, …): the same variables point the workers at the embedded engine or a real cluster.
 */
import { z } from 'zod';
import { DEFAULT_WORKER_OPTIONS, type WorkerOptions } from './runtime/register-job-workers.js';

const schema = z.object({
  /** Name the workers report on activated jobs. */
  WORKER_NAME: z.string().min(1).default(DEFAULT_WORKER_OPTIONS.workerName),
  /** Lock time of an activated job, ms. */
  WORKER_JOB_TIMEOUT_MS: z.coerce.number().int().min(1000).default(DEFAULT_WORKER_OPTIONS.jobTimeoutMs),
  /** Jobs one worker handles at once. */
  WORKER_MAX_JOBS: z.coerce.number().int().min(1).max(256).default(DEFAULT_WORKER_OPTIONS.maxJobsToActivate),
  /** debug | info | warn | error */
  WORKER_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Shared worker state (notice counters, idempotency) in Redis, e.g. redis://host:6379/0; unset: SQLite under WORKER_DATA_DIR. */
  REDIS_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url({ protocol: /^rediss?$/ }).optional()),
  /** Directory of the workers' own SQLite state file when REDIS_URL is unset (never the engine's data). */
  WORKER_DATA_DIR: z.string().min(1).default('.data/workers'),
});

export type WorkerConfig = z.infer<typeof schema> & { options: WorkerOptions };

export function readWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new Error(`invalid worker configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const c = result.data;
  return {
    ...c,
    options: { ...DEFAULT_WORKER_OPTIONS, workerName: c.WORKER_NAME, jobTimeoutMs: c.WORKER_JOB_TIMEOUT_MS, maxJobsToActivate: c.WORKER_MAX_JOBS },
  };
}
