/**
 * The monitor's server side (`/monitor`, managers and admins: Camunda component `operate`): its front end, its
 * read model (`monitor.sqlite` in the data folder, fed from /v2 with the monitor's own service account once the
 * server hands it one) and the routes the pages read the figures from. Everything about one case — diagram,
 * variables, incidents, repairs, the audit trail — goes from the browser to /v2 with the manager's own session.
 */
import { Router } from 'express';
import { join } from 'node:path';
import type { WebAppModule, WebAppServices } from '../../web-shared/server/web-app-module.js';
import { loadOfficeCatalog } from '../../web-shared/server/office-catalog.js';
import { officeCalendar } from '../../web-shared/server/office-calendar.js';
import { liveVariableLabels } from '../../web-shared/server/variable-labels.js';
import { WEB_APPS } from '../../web-shared/src/layout/web-apps.js';
import { WEB_APP_STOPPING } from '../../web-shared/server/problem.js';
import type { Freshness } from '../src/monitor-types.js';
import { freshnessOf } from './freshness.js';
import { loadMonitorSettings, readMonitorEnvironment, type MonitorEnvironment, type MonitorSettings } from './monitor-config.js';
import { loadChartDrawing, monitorFirstScreen } from './monitor-first-screen.js';
import { monitorRouter } from './monitor-router.js';
import { MonitorStore } from './read-model/monitor-store.js';
import { ReadModelFeeder, sdkClusterReader, type ClusterReader } from './read-model/read-model-feeder.js';
import { workingDayCounterOf } from './working-day-counter.js';

export interface MonitorOptions {
  /** Folder of the monitor's own SQLite file (the deployment's DATA_DIR). */
  dataDir: string;
  settings?: MonitorSettings;
  environment?: MonitorEnvironment;
  /** Where failed passes of the read model are reported (default stderr). */
  log?: (line: string) => void;
  /**
   * The server's clock (tests move it; default `Date.now`): of the retries of a read model file that did not open, and
   * of how old the figures are and how long they have stood still while the passes fail (freshness.ts).
   */
  now?: () => number;
  /**
   * The feeder's clock (default `Date.now`): its passes' start and end, its outcome lookups' retries, its pruning and
   * its open-task laps. Apart from {@link now}, so that a test that freezes the server's clock does not freeze these
   * too; a test that dates the passes gives both.
   */
  feederNow?: () => number;
}

export interface MonitorWebApp extends WebAppModule {
  /** The read model and its feeder (tests, bench). */
  readonly store: () => MonitorStore;
  readonly feeder: () => ReadModelFeeder | undefined;
  /** Feeds the read model through `reader` (tests give their own; the server gives the SDK's). */
  feedFrom(reader: ClusterReader, options?: { autoStart?: boolean }): ReadModelFeeder;
}

export function monitorWebApp(options: MonitorOptions): MonitorWebApp {
  const info = WEB_APPS.monitor;
  const catalog = loadOfficeCatalog();
  const settings = options.settings ?? loadMonitorSettings();
  const environment = options.environment ?? readMonitorEnvironment();
  let store: MonitorStore | undefined;
  let feeder: ReadModelFeeder | undefined;
  /** Why the read model could not be opened (a newer monitor's file, a damaged one): the monitor says so, nothing else stops. */
  let unopened: string | undefined;
  /** When the file was last tried (its retries wait {@link REOPEN_AFTER_MS}), and the reasons already logged. */
  let triedAt: number | undefined;
  const loggedReasons = new Set<string>();
  /** The service account `start` was given: the feeder of a file that opens only on a retry reads as it too. */
  let services: WebAppServices | undefined;
  const log = options.log ?? ((line: string) => console.error(line));
  // (the app's log: a test's, or the server's)
  const calendar = officeCalendar({ log });
  const now = options.now ?? Date.now;
  const variableLabels = liveVariableLabels(catalog);
  const openStore = () => (store ??= new MonitorStore(join(options.dataDir, 'monitor.sqlite'), { log }));
  /** The store, or undefined while its file does not open: tried again on a request at most every {@link REOPEN_AFTER_MS}. */
  /** Set by `close`: a request that comes after it (the server stops first, but not in every harness) opens nothing. */
  let closed = false;
  /** Set by `stop`: no feeder starts any more (a file that opens on a retry then serves what it holds). */
  let stopped = false;
  const openedStore = (): MonitorStore | undefined => {
    if (store) return store;
    if (closed) return undefined;
    const at = now();
    if (triedAt !== undefined && at - triedAt < REOPEN_AFTER_MS) return undefined;
    const retry = triedAt !== undefined;
    triedAt = at;
    try {
      openStore();
    } catch (error) {
      // one file must not keep the engine, the task list and the modeler from starting (they share the server)
      unopened = error instanceof Error ? error.message : String(error);
      if (!loggedReasons.has(unopened)) {
        loggedReasons.add(unopened);
        log(`monitor: the read model was not opened${retry ? ' on a retry' : ''}, its figures are unavailable: ${unopened}`);
      }
      return undefined;
    }
    if (unopened !== undefined) log('monitor: the read model opened on a retry, its figures are available again');
    unopened = undefined;
    loggedReasons.clear();
    if (services && !feeder && !stopped) feedFrom(sdkClusterReader(services.camunda));
    return store;
  };
  // the feeder's counter while there is one (its calendar may be a test's), else the shared one of the calendar in force
  const counter = () => (feeder ? feeder.workingDays() : workingDayCounterOf(calendar()));
  const freshness = (): Freshness =>
    freshnessOf(feeder?.status(), {
      now: now(),
      failureGraceMs: environment.MONITOR_FAILURE_GRACE_MS,
      syncIntervalMs: environment.MONITOR_SYNC_INTERVAL_MS,
    });
  const feedFrom: MonitorWebApp['feedFrom'] = (reader, feedOptions = {}) => {
    feeder = new ReadModelFeeder(openStore(), reader, {
      catalog,
      calendar,
      overlapMs: environment.MONITOR_SYNC_OVERLAP_MS,
      sweepBatch: environment.MONITOR_SWEEP_BATCH,
      intervalMs: environment.MONITOR_SYNC_INTERVAL_MS,
      log,
      now: options.feederNow ?? Date.now,
    });
    if (feedOptions.autoStart !== false) feeder.start();
    return feeder;
  };
  return {
    info,
    dir: 'web-monitor',
    store: openStore,
    feeder: () => feeder,
    feedFrom,
    firstScreen: monitorFirstScreen({
      sources: () => {
        const opened = openedStore();
        return opened && { store: opened, catalog, settings, calendar, counter };
      },
      catalog: { catalog, settings },
      variableLabels,
      freshness: () => freshness(),
    }),
    api(auth) {
      const router = Router();
      router.use(auth.require(info));
      openedStore();
      router.use(
        monitorRouter({
          sources: { store: openedStore, catalog, settings, calendar, counter },
          // (closed: the server is stopping; its file is fine)
          unavailable: () => (closed ? WEB_APP_STOPPING : MONITOR_READ_MODEL_UNOPENED),
          freshness,
          feederFailingSince: () => feeder?.status().failingSince,
          auth,
          variableLabels,
        }),
      );
      return router;
    },
    start(given) {
      services = given;
      // (a file that opens on this call's retry has its feeder started by openedStore already)
      if (openedStore() && !feeder && !stopped) feedFrom(sdkClusterReader(given.camunda));
      // 首页's charts drawn on the server: loaded now, so the first manager after a start does not wait for it (a
      // failure is logged when a page asks)
      void loadChartDrawing().catch(() => undefined);
    },
    async stop() {
      // its last pass ends against the cluster, which is still up; the routes keep answering from the file
      stopped = true;
      await feeder?.stop();
    },
    async close() {
      closed = stopped = true;
      await feeder?.stop();
      feeder = undefined;
      store?.close();
      store = undefined;
    },
  };
}

/**
 * How long a read model file that did not open waits before the next request tries it again: the administrator who
 * fixed or replaced it sees the figures within a minute without restarting the server (and the engine with it),
 * while a file that stays broken costs one failed open a minute, not one per page view of every manager.
 */
const REOPEN_AFTER_MS = 60_000;

/** What managers read when the read model's file cannot be opened; the reason (a file path, a schema) goes to the log. */
const MONITOR_READ_MODEL_UNOPENED =
  '监控的读取模型文件（monitor.sqlite）无法打开，统计数字暂不可用；案件查看与处理、待办任务和流程建模照常运行。请联系系统管理员查看服务器日志并按运维文档处理。';
