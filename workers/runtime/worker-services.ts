/**
 * The services notice workers use in a running deployment, built on first use: worker state from REDIS_URL /
 * WORKER_DATA_DIR (workers/config.ts), the Documents API through an SDK client, the notice settings the workers
 * loaded at start (config/notices.json). Tests build their own services and pass them to defineNoticeWorker instead.
 *
 * The SDK client is the one the process registered its job workers with, handed over by
 * {@link configureNoticeServices} (scripts/start.ts points it at the embedded engine explicitly; scripts/workers.ts
 * builds it from the SDK's own variables ZEEBE_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY, … for a real cluster). Without
 * that call a client is built from those variables, so the same code path serves both.
 */
import { Camunda8 } from '@camunda8/sdk';
import { readWorkerConfig } from '../config.js';
import { officeDateOf } from '../lib/iso-date.js';
import type { NoticeServices } from '../lib/notices/issue-notice.js';
import { loadNoticeSettings, type NoticeSettings } from '../lib/notices/notice-settings.js';
import { sdkDocumentUploader } from './document-uploader.js';
import { openWorkerState } from './worker-state.js';

export interface NoticeServicesOptions {
  /** The client documents are uploaded through: the process's own, already configured. */
  readonly camunda: Camunda8;
  /** config/notices.json as loaded and checked at start (worker-parameters.ts). */
  readonly settings: NoticeSettings;
}

let options: NoticeServicesOptions | undefined;
let services: Promise<NoticeServices> | undefined;

/** Call once at start-up, before the first job: notices upload through `camunda`. */
export function configureNoticeServices(next: NoticeServicesOptions): void {
  options = next;
  services = undefined;
}

export function defaultNoticeServices(): Promise<NoticeServices> {
  services ??= createServices().catch((error: unknown) => {
    services = undefined; // a Redis that was down at the first job is tried again at the next
    throw error;
  });
  return services;
}

/** Closes the worker state (Redis connection / SQLite file) if it was opened; for a clean shutdown. */
export async function closeNoticeServices(): Promise<void> {
  const opened = services;
  services = undefined;
  const ready = await opened?.catch(() => undefined);
  await ready?.state.close();
}

// helpers

async function createServices(): Promise<NoticeServices> {
  const config = readWorkerConfig();
  const settings = options?.settings ?? loadNoticeSettings();
  const state = await openWorkerState({ redisUrl: config.REDIS_URL, dataDir: config.WORKER_DATA_DIR });
  const camunda = options?.camunda ?? new Camunda8({ CAMUNDA_LOG_LEVEL: process.env.CAMUNDA_LOG_LEVEL ?? 'warn' } as never);
  return {
    state,
    documents: sdkDocumentUploader(camunda.getCamundaRestClient()),
    settings,
    today: () => officeDateOf(new Date()),
  };
}
