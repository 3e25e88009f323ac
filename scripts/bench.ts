/**
 * `npm run bench`: process instances completed per second for start → service task (`bench-task`) → end, with
 * durability on, measured two ways — (a) engine capacity with a lean undici client, (b) end to end with
 * @camunda8/sdk — each beside the ceiling of the very same client code against a zero-cost stand-in server;
 * (l) the job latency of (b)'s client at a fixed arrival rate well below capacity, beside the same against the stand-in;
 * (s) the latency of a clerk's user-task search with BENCH_OPEN_TASKS open tasks across the 23 models, and (t) the
 * task list's first screen in Chromium against the same engine; (m) the monitor's first screen, its overview route
 * and its read model's catch-up over a read model of a million completed and 100,000 open cases; (o) memory per
 * waiting user-task instance with BENCH_OPEN_INSTANCES open, (r) the restart of that engine; (f) the FC20 model end
 * to end with the job workers and bot clerks; (p) the same shapes run by the bpmn-engine npm package as a peer.
 * Writes docs/benchmarks.md and prints the tables.
 *
 * Environment:
 *   BENCH_SECONDS         measurement window per run (default 10)
 *   BENCH_WARMUP_SECONDS  warm-up before each window (default 3)
 *   BENCH_IN_FLIGHT       instances kept between "create sent" and "job completed" (default 256)
 *   BENCH_LATENCY_SECONDS measurement window of each (l) run (default 30: its p99 rests on the slowest 1 % of the
 *                         jobs, which come in a few bursts, so a 10 s window swung by ±15 ms between runs)
 *   BENCH_LATENCY_RATE    arrival rate of (l), instances/s (default: half of (b)'s engine capacity in the same run,
 *                         or 100 when (b) did not run)
 *   BENCH_FSYNC_SECONDS   the disk's fsync loop run just after (l), on the engine's filesystem (default 3)
 *   BENCH_MODES           which modes to run: any of "a", "b", "l", "s", "t", "m", "o", "r", "f", "p" (default all); docs are
 *                         written only for a full run
 *   BENCH_OPEN_TASKS      open user tasks for (s) (default 100000)
 *   BENCH_SEARCH_REQUESTS measured searches of (s) (default 300, after 30 warm-up searches)
 *   BENCH_FIRST_SCREENS   measured first screens of (t) and (m) per kind, fresh profile and cached (default 20)
 *   BENCH_MONITOR_COMPLETED, BENCH_MONITOR_OPEN   cases in the monitor's read model for (m) (default 1000000, 100000)
 *   BENCH_OPEN_INSTANCES  waiting user-task instances of (o) and (r) (default 100000)
 *   BENCH_FC20_CASES, BENCH_FC20_IN_FLIGHT   FC20 cases of (f) and how many are open at once (default 80, 20)
 *   BENCH_PEER_WAITING    waiting bpmn-engine instances of (p) (default 1000: each takes ~0.45 MB of heap)
 *   BENCH_CPU_PROF        a directory: run the engine children with --cpu-prof and write their profiles there (the
 *                         profile runs of missed goals too, under missed-<mode>/)
 *   BENCH_PROFILE_MISSES  0: no profile runs of the missed goals. By default, after the measured modes, each missed
 *                         goal of (a), (b) or (l) gets one more run of its mode (warm-up + BENCH_SECONDS, not counted)
 *                         with the engine child under --cpu-prof; the report's "Profiles of the missed goals" sums
 *                         up its main thread (bench/missed-goal-profiles.ts)
 *   BENCH_ENGINE_SYNC, BENCH_EVENT_LOG   engine settings for cost experiments (see bench/engine-settings.ts);
 *                         the defaults are the engine's, and the report names what was used
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineSettings } from './bench/engine-settings.js';
import { leanLoad } from './bench/lean-client.js';
import { machineInfo } from './bench/machine-info.js';
import { measureRun, type RunOptions, type RunResult, type Target } from './bench/measure.js';
import { renderReport, renderSearchTable, renderTable, type ModeResult } from './bench/report.js';
import { engineCpuBound, engineCpuBoundShare, renderClientThreadTable, renderCpuBoundTable, renderEngineThreadTable, renderFsyncTable } from './bench/report.js';
import { measureFsync } from './bench/fsync-probe.js';
import { sdkLoad } from './bench/sdk-client.js';
import { measureSearchRun, startSearchEngine, type SearchRun } from './bench/search-run.js';
import { measureFirstScreen } from './bench/tasklist-first-screen.js';
import { measureMonitor } from './bench/monitor-first-screen.js';
import { startChildServer } from './bench/child-server.js';
import type { FirstScreenRun, MonitorRun } from './bench/report.js';
import { renderFirstScreenTable, renderMonitorTable } from './bench/report.js';
import { ensureWebAppsBuilt } from '../web-shared/build/ensure-web-apps-built.js';
import type { InstanceTracker } from './bench/instance-tracker.js';
import { measureOpenInstances, perInstance } from './bench/open-instances.js';
import { measureRestarts } from './bench/restart.js';
import { FC20_CLOCK, measureFc20 } from './bench/fc20-bot-clerks.js';
import { measurePeer } from './bench/bpmn-engine-peer.js';
import type { Fc20Run, OpenInstancesRunReport, PeerRun, RestartRunReport } from './bench/report.js';
import { renderFc20Table, renderOpenInstancesTable, renderPeerTable, renderRestartTable } from './bench/report.js';
import type { Load } from './bench/load.js';
import { measureJobLatency } from './bench/job-latency.js';
import { renderJobLatencyTable, type JobLatencyRun } from './bench/report.js';
import { envNumber } from './bench/env-number.js';
import { goalMet, jobLatencyGoalMet } from './bench/report.js';
import { profileMissedGoal, renderMissedGoalProfiles, type MissedGoalProfiles, type ProfileRunRequest } from './bench/missed-goal-profiles.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = resolve(ROOT, 'docs/benchmarks.md');

const seconds = envNumber('BENCH_SECONDS', 10);
const warmupSeconds = envNumber('BENCH_WARMUP_SECONDS', 3);
const latencySeconds = envNumber('BENCH_LATENCY_SECONDS', 30);
const inFlight = envNumber('BENCH_IN_FLIGHT', 256);
const ALL_MODES = ['a', 'b', 'l', 's', 't', 'm', 'o', 'r', 'f', 'p'];
const modes = (process.env.BENCH_MODES ?? ALL_MODES.join(',')).split(',').map((m) => m.trim());
const openTasks = envNumber('BENCH_OPEN_TASKS', 100_000);
const searchRequests = envNumber('BENCH_SEARCH_REQUESTS', 300);
const SEARCH_GOAL_MS = 50;
const JOB_LATENCY_GOAL_MS = 50;
/** (l)'s arrival rate as a share of (b)'s engine capacity: the server half busy, far from (b)'s saturation queue. */
const LATENCY_LOAD_SHARE = 0.5;
const LATENCY_FALLBACK_RATE = 100;
const fsyncSeconds = envNumber('BENCH_FSYNC_SECONDS', 3);
const firstScreens = envNumber('BENCH_FIRST_SCREENS', 20);
const FIRST_SCREEN_GOAL_MS = 1000;
const monitorCompleted = envNumber('BENCH_MONITOR_COMPLETED', 1_000_000);
const monitorOpen = envNumber('BENCH_MONITOR_OPEN', 100_000);
const MONITOR_GOAL_MS = 1000;
const MONITOR_CATCH_UP_GOAL_MS = 2000;
const MONITOR_COMPLETIONS = 1000;
const openInstances = envNumber('BENCH_OPEN_INSTANCES', 100_000);
const OPEN_INSTANCE_GOAL_BYTES = 20 * 1024;
const RESTART_GOAL_MS = 5000;
const fc20Cases = envNumber('BENCH_FC20_CASES', 80);
const fc20InFlight = envNumber('BENCH_FC20_IN_FLIGHT', 20);
const peerWaiting = envNumber('BENCH_PEER_WAITING', 1000);
const PEER_IN_FLIGHT = 16;
const settings = engineSettings();
const cpuProfileDir = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;
const profileMisses = process.env.BENCH_PROFILE_MISSES !== '0';
if (cpuProfileDir) mkdirSync(cpuProfileDir, { recursive: true });

const unknownModes = modes.filter((m) => !ALL_MODES.includes(m));
if (unknownModes.length > 0) throw new Error(`BENCH_MODES: unknown mode(s) ${unknownModes.join(', ')}; the modes are ${ALL_MODES.join(', ')}`);

const options: RunOptions = { warmupMs: warmupSeconds * 1000, measureMs: seconds * 1000, drainMs: 15_000, cpuProfileDir };
const lean = { inFlight, connections: 32, createConcurrency: 32, activators: 2, activationBatch: 128, requestTimeout: 500 };
const sdk = { inFlight, createConcurrency: 32, maxJobsToActivate: 128, pollIntervalMs: 10 };

const MODES = [
  {
    id: 'a',
    label: '(a) engine capacity, undici client',
    goal: 0.5,
    load: (url: string, tracker: InstanceTracker): Load => leanLoad(url, tracker, lean),
  },
  {
    id: 'b',
    label: '(b) end to end, @camunda8/sdk',
    // the engine-core issue's goal (an earlier round had 70 %)
    goal: 0.85,
    load: (url: string, tracker: InstanceTracker): Load => sdkLoad(url, tracker, sdk),
  },
];

const method = [
  'Process: start event → service task (job type `bench-task`) → end event, no variables.',
  'Processes: the client runs in the benchmark process; the engine runs in a child process started like `npm start` ' +
    '(`node --import tsx`, engine HTTP server on loopback, its own fresh data directory); the zero-cost stand-in ' +
    '(an express 5 app answering create/activate/complete/topology without engine work) runs in a child process the ' +
    'same way. So server and client get a core each on a 2-core machine, for engine and stand-in alike.',
  `Every run: ${warmupSeconds} s warm-up, then a ${seconds} s window in which completions are counted; the client keeps ` +
    `${inFlight} instances in flight (create sent, job not yet completed), then stops creating and drains. (l) keeps the same ` +
    `warm-up and a ${latencySeconds} s window: its p99 rests on the slowest 1 % of the jobs, which come in a few bursts, ` +
    'so a short window swings by ±15 ms from run to run.',
  `(a): undici \`Pool\` (${lean.connections} keep-alive connections); creates with ${lean.createConcurrency} requests at once, ` +
    `${lean.activators} activation loops (\`maxJobsToActivate\` ${lean.activationBatch}, \`requestTimeout\` ${lean.requestTimeout} ms), ` +
    'each activated job completed at once.',
  `(b): \`new Camunda8({ZEEBE_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY: 'BASIC', CAMUNDA_BASIC_AUTH_USERNAME/PASSWORD, CAMUNDA_LOG_LEVEL: 'none'}).getCamundaRestClient()\`; ` +
    `\`createProcessInstance\` with ${sdk.createConcurrency} calls at once; one \`createJobWorker\` ` +
    `(\`maxJobsToActivate\` ${sdk.maxJobsToActivate}, \`pollIntervalMs\` ${sdk.pollIntervalMs}, \`timeout\` 60 s) whose handler is \`job => job.complete()\`.`,
  'Ceiling: the very same client code and settings against the stand-in. Each (mode, server) pair runs once, in the order ' +
    '(a) stand-in, (a) engine, (b) stand-in, (b) engine, each with a fresh child process.',
  'Logins: both clients authenticate with HTTP Basic as `demo` (seeded on the loopback first start); the engine checks ' +
    'every request (scrypt once, then a cached digest) and its authorization; the stand-in ignores the header.',
  `(s): a fresh engine child with all 23 models and 129 forms deployed and ${openTasks.toLocaleString('en')} open user tasks ` +
    'spread over every user task of bpmn/catalog.json (written with the engine\'s own store and state writer, see ' +
    '`scripts/bench/open-tasks-seed.ts`; then served with `synchronous = FULL`). The clerk `zhang-min` (groups ' +
    'window-first-review and window-clerk, role clerk) sends `POST /v2/user-tasks/search` with ' +
    '`{filter: {state: CREATED, candidateGroup: {$in: [her groups]}}, sort: creationDate desc, page: {limit: 50}}` over ' +
    `HTTP Basic, one request after another: 30 warm-up, then ${searchRequests} measured (client-side latency). ` +
    'Counts stop at 10,000 (`hasMoreTotalItems`), as on Camunda.',
  `(t): the same engine child serves the web apps as \`npm start\` does (front end built by esbuild, minified). Headless ` +
    'Chromium (/usr/bin/chromium, 1366×768) with the session cookie of `zhang-min` and the 待认领 view opens ' +
    `\`/tasklist/\`: ${firstScreens} loads each with a fresh browser profile (bundle downloaded and parsed) and with one ` +
    'profile whose cache holds the bundle, one after another. The screen counts as shown when the first page of tasks ' +
    'has its due states and both list counts are filled in (the list asks /v2 for the tasks, the counts, the ' +
    'applicants and the task list server for the working days). Goal: p95 of the fresh-profile loads < 1 s.',
  `(m): a fresh engine child serving the web apps as \`npm start\` does, the monitor's read model (\`monitor.sqlite\`) ` +
    `seeded with ${monitorCompleted.toLocaleString('en')} completed cases ended over the last three years and ` +
    `${monitorOpen.toLocaleString('en')} open ones started over the last 60 days, across every process of bpmn/catalog.json ` +
    '(written with the read model\'s own schema and triggers, see `scripts/bench/monitor-read-model-seed.ts`), and its feeder ' +
    'reading /v2 as `monitor-reader` as in service. Headless Chromium with the session cookie of the manager `sun-qiang` ' +
    `opens \`/monitor/\`: ${firstScreens} loads with a fresh profile and ${firstScreens} with a cached bundle. Then 300 overview ` +
    `requests over three years, and ${MONITOR_COMPLETIONS} cases of the benchmark process started and completed through /v2. ` +
    'Goals (from the issue): first screen and overview p95 < 1 s; the read model shows 1,000 new completions within 2 s.',
  `(o): a fresh engine child (as \`npm run engine\`, with \`--expose-gc\`) with start → user task (candidate group ` +
    `window-first-review) → end deployed; ${openInstances.toLocaleString('en')} instances created through \`POST /v2/process-instances\` ` +
    '(32 at once on an undici pool, each with the variables of one FC20 application: 17 variables), each waiting in its ' +
    'user task. Memory and data-directory size are read before and after. Goal (from the issue): < 20 KB per waiting instance.',
  '(r): that engine child stopped with SIGTERM, a new one started on the same data directory and measured, then that ' +
    'one killed with SIGKILL and another started. Goal (from the issue): ready in < 5 s.',
  `(f): the FC20 model with all 23 models deployed and the 18 job workers running as \`npm start\` runs them (engine child, ` +
    `fresh data directory); ${fc20Cases} cases, ${fc20InFlight} open at a time, worked by bot clerks through /v2. Goal: ` +
    'every case done without an error or incident; cases/min is informational.',
  `(p): the bpmn-engine npm package in a child process of its own (\`--expose-gc\`): start → service task → end with ` +
    `${PEER_IN_FLIGHT} instances in flight (in trials 1 to 64 in flight gave rates alike within the noise, 256 a lower one) ` +
    `over ${warmupSeconds} s warm-up and a ${seconds} s window, each service call answered on the next event-loop turn; ` +
    `start → user task → end, ${peerWaiting.toLocaleString('en')} instances created one after another until each waits, then signalled. No goal.`,
];

const results: ModeResult[] = [];
for (const mode of MODES.filter((m) => modes.includes(m.id))) {
  const runs: Partial<Record<Target, ModeResult['engine']>> = {};
  for (const target of ['stand-in', 'engine'] as const) {
    console.log(`[bench] ${mode.label} against the ${target}: ${warmupSeconds} s warm-up + ${seconds} s …`);
    const result = await measureRun(target, mode.load, options);
    console.log(
      `[bench]   ${result.perSecond.toFixed(0)} instances/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms` +
        (result.otherCpu === undefined ? '' : `; CPU server ${result.serverCpu?.toFixed(0)} %, client ${result.clientCpu?.toFixed(0)} %, other programs ${result.otherCpu.toFixed(0)} %`) +
        (result.errors > 0 ? `, ${result.errors} errors (first: ${result.firstError})` : ''),
    );
    runs[target] = result;
  }
  const result: ModeResult = { label: mode.label, goal: mode.goal, engine: runs.engine!, ceiling: runs['stand-in']! };
  const { engine } = result;
  console.log(
    `[bench]   per instance: engine ${engine.serverCpuPerInstanceUs?.toFixed(0)} µs + client ${engine.clientCpuPerInstanceUs?.toFixed(0)} µs CPU ` +
      `(engine's busiest thread ${engine.serverBusiestThread?.cpu.toFixed(1)} % of a core, ` +
      `${(((engine.serverBusiestThread?.cpu ?? Number.NaN) * 1e4) / engine.perSecond).toFixed(0)} µs per instance); on ${engine.cores} cores at most ` +
      `${engineCpuBound(result)?.toFixed(0)} instances/s = ${((engineCpuBoundShare(result) ?? Number.NaN) * 100).toFixed(1)} % of the ceiling ` +
      `(measured ${((engine.perSecond / result.ceiling.perSecond) * 100).toFixed(1)} %)`,
  );
  const syncs = engine.engineSyncs;
  // the batches' size and their wait for the writer (commit and fsync, queueing included): what group commit gathers
  // (docs/performance-notes.md, "Batches in flight: built, measured, not kept")
  if (syncs && syncs.perInstance > 0) {
    console.log(
      `[bench]   batches: ${(1 / syncs.perInstance).toFixed(1)} instances per batch handed over; ` +
        `its wait for durability p50 ${syncs.wait.p50.toFixed(1)} ms, p99 ${syncs.wait.p99.toFixed(1)} ms; WAL checkpoints ` +
        `${syncs.checkpoints.offPath} off the batches' path, ${syncs.checkpoints.whenIdle} by the idle writer, ` +
        `${syncs.checkpoints.onPath} on its path (docs/performance-notes.md, "Checkpoints off the batch's path")`,
    );
    // what the engine's thread does when it is not busy: waiting for the writer thread (blocked in Atomics.wait, which
    // its event loop counts as busy) or idle in the event loop (docs/performance-notes.md, "The cost of a batch")
    console.log(
      `[bench]   engine's event loop busy ${(syncs.loopUtilization * 100).toFixed(1)} % of the window, blocked on the ` +
        `writer thread ${((syncs.writerBlocked.ms / (engine.seconds * 1000)) * 100).toFixed(1)} % of the window (${syncs.writerBlocked.waits} waits, ` +
        `${(syncs.writerBlocked.ms / Math.max(1, syncs.writerBlocked.waits)).toFixed(2)} ms each)`,
    );
  }
  results.push(result);
}

let latency: JobLatencyRun | undefined;
if (modes.includes('l')) {
  const capacity = results.find((r) => r.label.startsWith('(b)'))?.engine.perSecond;
  const fixedRate = process.env.BENCH_LATENCY_RATE ? envNumber('BENCH_LATENCY_RATE', LATENCY_FALLBACK_RATE) : undefined;
  const rate = Math.round(fixedRate ?? (capacity === undefined ? LATENCY_FALLBACK_RATE : capacity * LATENCY_LOAD_SHARE));
  const rateBasis =
    fixedRate !== undefined
      ? `${rate}/s, fixed by \`BENCH_LATENCY_RATE\``
      : capacity === undefined
        ? `${rate}/s, the fixed rate used when (b) does not run`
        : `${rate}/s = ${LATENCY_LOAD_SHARE * 100} % of the ${capacity.toFixed(0)}/s the engine completed in (b) in this run`;
  const runs: Partial<Record<Target, JobLatencyRun['engine']>> = {};
  for (const target of ['stand-in', 'engine'] as const) {
    console.log(`[bench] (l) job latency at ${rate} instances/s against the ${target}: ${warmupSeconds} s warm-up + ${latencySeconds} s …`);
    const result = await measureJobLatency(target, { ...options, measureMs: latencySeconds * 1000, rate, maxJobsToActivate: sdk.maxJobsToActivate, pollIntervalMs: sdk.pollIntervalMs });
    console.log(
      `[bench]   ${result.run.perSecond.toFixed(0)} instances/s; create sent → handler p99 ${result.toHandler.p99.toFixed(1)} ms, ` +
        `→ completion acknowledged p99 ${result.toCompletion.p99.toFixed(1)} ms (${result.toCompletion.count} jobs)` +
        (result.run.errors > 0 ? `, ${result.run.errors} errors (first: ${result.run.firstError})` : ''),
    );
    runs[target] = result;
  }
  console.log(`[bench] (l) the disk's fsync latency on the engine's filesystem, ${fsyncSeconds} s …`);
  const fsync = await measureFsync({ seconds: fsyncSeconds });
  console.log(`[bench]   ${fsync.count} fsyncs, p50 ${fsync.p50.toFixed(2)} ms, p99 ${fsync.p99.toFixed(2)} ms, max ${fsync.max.toFixed(2)} ms`);
  latency = { goalMs: JOB_LATENCY_GOAL_MS, rateBasis, engine: runs.engine!, ceiling: runs['stand-in']!, fsync };
}

let search: SearchRun | undefined;
let firstScreen: FirstScreenRun | undefined;
const searchEngine = modes.includes('s') || modes.includes('t') ? await seededEngine() : undefined;
if (searchEngine && modes.includes('s')) {
  search = await measureSearchRun(searchEngine, { openTasks, warmup: 30, requests: searchRequests, goalMs: SEARCH_GOAL_MS });
  console.log(
    `[bench]   p50 ${search.p50.toFixed(1)} ms, p95 ${search.p95.toFixed(1)} ms, p99 ${search.p99.toFixed(1)} ms (goal p95 < ${SEARCH_GOAL_MS} ms); ` +
      `totalItems ${search.totalItems}${search.otherCpu === undefined ? '' : `; other programs ${search.otherCpu.toFixed(0)} % CPU`}`,
  );
}

if (searchEngine && modes.includes('t')) {
  console.log(`[bench] (t) task list first screen in Chromium, ${firstScreens} fresh and ${firstScreens} cached loads …`);
  firstScreen = { ...(await measureFirstScreen(searchEngine.url, { cold: firstScreens, warm: firstScreens })), openTasks, goalMs: FIRST_SCREEN_GOAL_MS };
}
await searchEngine?.stop();

let monitor: MonitorRun | undefined;
if (modes.includes('m')) {
  await ensureWebAppsBuilt();
  console.log(`[bench] (m) seeding the monitor's read model with ${monitorCompleted} completed and ${monitorOpen} open cases …`);
  const child = await startChildServer(fileURLToPath(new URL('./bench/monitor-engine-process.ts', import.meta.url)), {
    env: { BENCH_MONITOR_COMPLETED: String(monitorCompleted), BENCH_MONITOR_OPEN: String(monitorOpen) },
    readyTimeoutMs: 900_000,
  });
  try {
    console.log(`[bench] (m) monitor first screen, overview route and catch-up …`);
    const result = await measureMonitor(child.url, { cold: firstScreens, warm: firstScreens, overviewRequests: 300, completions: MONITOR_COMPLETIONS });
    monitor = { ...result, completedCases: monitorCompleted, openCases: monitorOpen, goalMs: MONITOR_GOAL_MS, catchUpGoalMs: MONITOR_CATCH_UP_GOAL_MS };
  } finally {
    await child.stop();
  }
}
let openRun: OpenInstancesRunReport | undefined;
let restartRun: RestartRunReport | undefined;
if (modes.includes('o') || modes.includes('r')) {
  console.log(`[bench] (o) ${openInstances} waiting user-task instances through /v2 …`);
  const since = performance.now();
  const open = await measureOpenInstances({ count: openInstances, concurrency: 32 });
  let child = open.child;
  try {
    openRun = { ...open.result, goalBytes: OPEN_INSTANCE_GOAL_BYTES, loadAverage: loadavg()[0]! };
    console.log(
      `[bench]   ${open.result.createdPerSecond.toFixed(0)} created/s; per instance RSS ${(perInstance(open.result, 'rss') / 1024).toFixed(1)} KB, ` +
        `heap ${(perInstance(open.result, 'heapUsed') / 1024).toFixed(1)} KB, files ${(perInstance(open.result, 'disk') / 1024).toFixed(1)} KB; (o) took ${elapsed(since)}`,
    );
    if (modes.includes('r')) {
      console.log(`[bench] (r) restarting the engine with ${openInstances} open instances (SIGTERM, then SIGKILL) …`);
      const restartSince = performance.now();
      const restarted = await measureRestarts(child, open.dataDir);
      console.log(`[bench]   ready after ${restarted.results.map((r) => `${r.signal} ${r.readyMs.toFixed(0)} ms`).join(', ')}; (r) took ${elapsed(restartSince)}`);
      child = restarted.child;
      restartRun = { results: restarted.results, instances: openInstances, emptyStartMs: open.result.emptyStartMs, goalMs: RESTART_GOAL_MS, loadAverage: loadavg()[0]! };
    }
  } finally {
    await child.stop();
    rmSync(open.dataDir, { recursive: true, force: true });
  }
}

let fc20: Fc20Run | undefined;
if (modes.includes('f')) {
  console.log(`[bench] (f) FC20 end to end: ${fc20Cases} cases, ${fc20InFlight} at once, job workers and bot clerks …`);
  const since = performance.now();
  fc20 = { ...(await measureFc20({ cases: fc20Cases, inFlight: fc20InFlight, drainMs: 120_000 })), loadAverage: loadavg()[0]! };
  console.log(`[bench]   ${fc20.completed} cases done, ${fc20.casesPerMinute.toFixed(1)}/min, ${fc20.errors} errors; (f) took ${elapsed(since)}`);
}

let peer: PeerRun | undefined;
if (modes.includes('p')) {
  console.log(`[bench] (p) bpmn-engine in process: one service task, ${peerWaiting} waiting user tasks …`);
  const since = performance.now();
  const result = await measurePeer({ warmupSeconds, seconds, inFlight: PEER_IN_FLIGHT, waiting: peerWaiting });
  console.log(`[bench]   ${result.service.perSecond.toFixed(0)} service-task instances/s, ${result.userTask.createdPerSecond.toFixed(0)} user-task instances created/s; (p) took ${elapsed(since)}`);
  peer = {
    ...result,
    engineServicePerSecond: results.find((r) => r.label.startsWith('(a)'))?.engine.perSecond,
    engineOpen: openRun,
    loadAverage: loadavg()[0]!,
  };
}

const missedGoalProfiles: MissedGoalProfiles = { enabled: profileMisses, profiles: [] };
const profileRunNote = `${warmupSeconds} s warm-up + ${seconds} s window each, node's default sampling interval of 1 ms`;
if (profileMisses) {
  for (const request of missedGoalRequests()) {
    console.log(`[bench] profile of the missed goal ${request.goal}: ${warmupSeconds} s warm-up + ${seconds} s under --cpu-prof …`);
    const profile = await profileMissedGoal(request, { root: ROOT, keepDir: cpuProfileDir, name: request.mode.replace(/\W/g, '') });
    console.log(`[bench]   ${profile.run}${profile.failure ? `; no profile: ${profile.failure}` : ''}`);
    missedGoalProfiles.profiles.push(profile);
  }
}

console.log('');
if (results.length > 0) console.log(renderTable(results) + '\n\n' + renderCpuBoundTable(results));
if (latency) {
  console.log(renderJobLatencyTable(latency) + (latency.fsync ? '\n\n' + renderFsyncTable(latency.fsync, latency) : ''));
  console.log('\n' + renderEngineThreadTable(latency));
  console.log('\n' + renderClientThreadTable(latency));
}
if (search) console.log(renderSearchTable(search));
if (firstScreen) console.log(renderFirstScreenTable(firstScreen));
if (monitor) console.log(renderMonitorTable(monitor));
if (openRun) console.log(renderOpenInstancesTable(openRun));
if (restartRun) console.log(renderRestartTable(restartRun));
if (fc20) console.log(renderFc20Table(fc20));
if (peer) console.log(renderPeerTable(peer));
if (results.length > 0 || latency) console.log('\nProfiles of the missed goals\n\n' + renderMissedGoalProfiles(missedGoalProfiles, profileRunNote));
const envPart = [
  `BENCH_SECONDS=${seconds}`,
  `BENCH_LATENCY_SECONDS=${latencySeconds}`,
  ...['BENCH_WARMUP_SECONDS', 'BENCH_IN_FLIGHT', 'BENCH_LATENCY_RATE', 'BENCH_FSYNC_SECONDS', 'BENCH_ENGINE_SYNC', 'BENCH_EVENT_LOG', 'BENCH_OPEN_TASKS', 'BENCH_SEARCH_REQUESTS', 'BENCH_FIRST_SCREENS', 'BENCH_MONITOR_COMPLETED', 'BENCH_MONITOR_OPEN', 'BENCH_OPEN_INSTANCES', 'BENCH_FC20_CASES', 'BENCH_FC20_IN_FLIGHT', 'BENCH_PEER_WAITING', 'BENCH_PROFILE_MISSES']
    .filter((n) => process.env[n])
    .map((n) => `${n}=${process.env[n]}`),
].join(' ');
const command = `${envPart} npm run bench   # or: ${envPart} npx tsx scripts/bench.ts`;
if (results.length === MODES.length && latency && search && firstScreen && monitor && openRun && restartRun && fc20 && peer) {
  mkdirSync(dirname(REPORT), { recursive: true });
  const report = renderReport({
    date: new Date(), machine: machineInfo(), settings, modes: results, latency, search, firstScreen, monitor,
    openInstances: openRun, restarts: restartRun, fc20, peer, fc20Clock: FC20_CLOCK, missedGoalProfiles, profileRunNote, method, command,
  });
  writeFileSync(REPORT, report);
  console.log(`\n[bench] written to ${REPORT}`);
} else {
  console.log('\n[bench] partial run (BENCH_MODES): docs/benchmarks.md left as it is');
}
if (cpuProfileDir) console.log(`[bench] engine CPU profiles in ${cpuProfileDir}`);

// helpers

/** The engine child of (s) and (t), seeded once for both; the task list's front end is built first. */
async function seededEngine() {
  await ensureWebAppsBuilt();
  console.log(`[bench] (s, t) seeding a fresh engine with ${openTasks} open tasks …`);
  return startSearchEngine(openTasks);
}

/**
 * The engine goals this run missed, each with a run of its mode to profile: (a) and (b) as measured, (l) at the
 * same arrival rate over BENCH_SECONDS instead of its longer window (the profile is about where the thread's time
 * goes, not the tail's slowest jobs).
 */
function missedGoalRequests(): ProfileRunRequest[] {
  const requests: ProfileRunRequest[] = [];
  for (const mode of MODES) {
    const result = results.find((r) => r.label === mode.label);
    if (!result || goalMet(result)) continue;
    requests.push({
      mode: `(${mode.id})`,
      goal: `${mode.label}: ≥ ${(mode.goal * 100).toFixed(0)} % of the ceiling`,
      measured: `${result.engine.perSecond.toFixed(0)} instances/s, ${((result.engine.perSecond / result.ceiling.perSecond) * 100).toFixed(1)} % of the ceiling's ${result.ceiling.perSecond.toFixed(0)}/s${missedBy(result.engine)}`,
      async measure(dir) {
        const run = await measureRun('engine', mode.load, { ...options, cpuProfileDir: dir });
        return { run, description: `the same client and settings, ${warmupSeconds} s warm-up + ${seconds} s window: ${run.perSecond.toFixed(0)} instances/s under the profiler${run.errors > 0 ? `, ${run.errors} errors` : ''}` };
      },
    });
  }
  if (latency && !jobLatencyGoalMet(latency, latency.engine.toCompletion)) {
    const { rate } = latency.engine;
    requests.push({
      mode: '(l)',
      goal: `(l) p99 job latency, create sent → completion acknowledged: < ${latency.goalMs} ms`,
      measured: `p99 ${latency.engine.toCompletion.p99.toFixed(1)} ms at ${rate.toFixed(0)} instances/s${missedBy(latency.engine.run)}`,
      async measure(dir) {
        const result = await measureJobLatency('engine', { ...options, cpuProfileDir: dir, rate, maxJobsToActivate: sdk.maxJobsToActivate, pollIntervalMs: sdk.pollIntervalMs });
        return {
          run: result.run,
          description:
            `the same client at the same rate, ${warmupSeconds} s warm-up + ${seconds} s window${seconds === latencySeconds ? '' : ` (not (l)'s ${latencySeconds} s)`}: ` +
            `${result.run.perSecond.toFixed(0)} instances/s done, p99 → acknowledged ${result.toCompletion.p99.toFixed(1)} ms under the profiler` +
            (result.run.errors > 0 ? `, ${result.run.errors} errors` : ''),
        };
      },
    });
  }
  return requests;
}

/** A goal also misses through errors or a count the server does not confirm: said beside the figure, which may look met. */
function missedBy(run: RunResult): string {
  const reasons = [
    ...(run.errors > 0 ? [`${run.errors} errors`] : []),
    ...(run.clientCompletedTotal === run.serverCompleted ? [] : [`unverified: the client counted ${run.clientCompletedTotal} done, the server ${run.serverCompleted}`]),
  ];
  return reasons.length === 0 ? '' : `; ${reasons.join(', ')}`;
}

function elapsed(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(0)} s`;
}
