/**
 * One soak run: the engine and the job workers as real processes (test-deployment.ts), the same steady load as
 * the chaos run (SDK creates, job completions, clerks' claims and completions, messages, timers) at
 * `casesPerMinute`, nothing killed, for `minutes`. Every `windowMs` the engine's resident memory and open file
 * descriptors are read from /proc and the p99 answer time of the window's commands taken. Afterwards every case
 * must end and every acknowledged command be found (chaos-check.ts).
 *
 * Bounds: 0 failed commands; RSS slope (least squares over the windows after the first, which holds the warm-up)
 * under `rssSlopeMbPerHour`; open descriptors grow by at most `handleGrowth`; every window's p99 within 2× the
 * first window's, or under `p99FloorMs` (on a shared 2-core machine a few ms of noise doubles a small p99).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inspectSqliteFile } from '../../engine/store/sqlite-file.js';
import { checkChaos } from './chaos-check.js';
import { startLoad } from './chaos-load.js';
import { CLERKS, DEMO_ADMIN, drainCases, HOUR, pause, startTestDeployment } from './test-deployment.js';

export interface SoakOptions {
  minutes: number;
  casesPerMinute: number;
  windowMs: number;
  drainTimeoutMs: number;
  /** How often the drain moves the engine clock 20 minutes (default 10 s, see drainCases). */
  drainClockEveryMs?: number;
  bounds: SoakReport['bounds'];
  keep?: boolean;
  log?: (line: string) => void;
}

export interface SoakWindow {
  rssMb: number;
  handles: number;
  commands: number;
  p99Ms: number;
  errors: number;
}

export interface SoakReport {
  minutes: number;
  casesPerMinute: number;
  cases: number;
  requests: number;
  errors: number;
  rss: { firstMb: number; lastMb: number; slopeMbPerHour: number };
  handles: { first: number; last: number };
  p99: { firstMs: number; worstMs: number };
  bounds: { rssSlopeMbPerHour: number; handleGrowth: number; p99FloorMs: number };
  windows: SoakWindow[];
  drainMs: number;
  violations: string[];
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const deployment = await startTestDeployment('soak');
  const { workDir, dataDir, url, http, engine, workers } = deployment;
  let current = { latencies: [] as number[], errors: 0 };
  const load = startLoad({
    url,
    admin: DEMO_ADMIN,
    clerks: CLERKS,
    runId: `s${Date.now() % 100_000}`,
    createsPerSecond: options.casesPerMinute / 60,
    clockStepMs: 1_500,
    clockStepMinutes: 10,
    jobTimeoutMs: 6 * HOUR,
    onAnswer: (_kind, ms, acknowledged) => {
      current.latencies.push(ms);
      if (!acknowledged) current.errors++;
    },
  });
  const windows: SoakWindow[] = [];
  try {
    await load.repinClock();
    const until = Date.now() + options.minutes * 60_000;
    while (Date.now() < until) {
      await pause(Math.min(options.windowMs, until - Date.now()));
      const window = current;
      current = { latencies: [], errors: 0 };
      const sample = { ...readProcess(engine.pid), commands: window.latencies.length, p99Ms: round(percentile(window.latencies, 0.99)), errors: window.errors };
      windows.push(sample);
      log(`[soak] window ${windows.length}: RSS ${sample.rssMb} MB, ${sample.handles} descriptors, ${sample.commands} commands, p99 ${sample.p99Ms} ms, ${sample.errors} errors`);
    }
    const drainMs = await drainCases(http, load, options.drainTimeoutMs, log, options.drainClockEveryMs);
    await load.stop();
    // the workers stop first: a notice half-made while the check reads would look like a lost upload
    await workers.stop();
    const check = await checkChaos(http, load.ledger, dataDir);
    await engine.stop();
    const integrity = inspectSqliteFile(join(dataDir, 'engine.sqlite')).integrity;

    const violations = [...check.violations, ...check.incidents.map((incident) => `incident without a kill: ${incident}`)];
    if (integrity !== 'ok') violations.push(`engine.sqlite integrity check: ${integrity}`);
    const errors = windows.reduce((sum, w) => sum + w.errors, 0) + current.errors;
    if (errors > 0) violations.push(`${errors} commands failed`);
    const measured = windows.slice(1);
    const slope = measured.length >= 2 ? slopePerHour(measured.map((w) => w.rssMb), options.windowMs) : 0;
    if (slope > options.bounds.rssSlopeMbPerHour) violations.push(`RSS grows ${slope} MB/h (bound ${options.bounds.rssSlopeMbPerHour})`);
    const first = windows[0];
    const last = windows.at(-1);
    if (first && last && last.handles - first.handles > options.bounds.handleGrowth) violations.push(`open descriptors grew ${first.handles} → ${last.handles}`);
    const worst = Math.max(0, ...windows.map((w) => w.p99Ms));
    if (first && worst > Math.max(2 * first.p99Ms, options.bounds.p99FloorMs)) violations.push(`p99 rose from ${first.p99Ms} ms to ${worst} ms`);
    return {
      minutes: options.minutes,
      casesPerMinute: options.casesPerMinute,
      cases: check.cases,
      requests: windows.reduce((sum, w) => sum + w.commands, 0),
      errors,
      rss: { firstMb: first?.rssMb ?? 0, lastMb: last?.rssMb ?? 0, slopeMbPerHour: slope },
      handles: { first: first?.handles ?? 0, last: last?.handles ?? 0 },
      p99: { firstMs: first?.p99Ms ?? 0, worstMs: worst },
      bounds: options.bounds,
      windows,
      drainMs,
      violations,
    };
  } finally {
    await load.stop().catch(() => undefined);
    await workers.kill().catch(() => undefined);
    await engine.kill().catch(() => undefined);
    if (!options.keep) rmSync(workDir, { recursive: true, force: true });
  }
}

// helpers

function readProcess(pid: number): { rssMb: number; handles: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { rssMb: round(kb / 1024), handles: readdirSync(`/proc/${pid}/fd`).length };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/** Least-squares slope of equally spaced samples, in units per hour. */
function slopePerHour(values: number[], spacingMs: number): number {
  const n = values.length;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return round((num / den) * (HOUR / spacingMs));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
