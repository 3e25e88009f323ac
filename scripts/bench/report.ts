/** The benchmark's results as a table (stdout) and as `docs/benchmarks.md`. */
import { describeSettings, type EngineSettings } from './engine-settings.js';
import type { MachineInfo } from './machine-info.js';
import type { RunResult } from './measure.js';
import type { SearchRun } from './search-run.js';
import type { MonitorResult } from './monitor-first-screen.js';
import { summary, type FirstScreenResult } from './tasklist-first-screen.js';
import { perInstance, WARM_UP_INSTANCES, type OpenInstancesResult } from './open-instances.js';
import type { RestartResult } from './restart.js';
import { fc20GoalMet, type Fc20Result } from './fc20-bot-clerks.js';
import type { PeerResult } from './bpmn-engine-peer.js';
import type { JobLatencyResult, LatencySummary } from './job-latency.js';
import { cpuBoundRate, threadBoundRate } from './cpu-bound.js';
import type { FsyncProbeResult, FsyncSummary } from './fsync-probe.js';
import { markdownTable } from './markdown.js';
import { renderMissedGoalProfiles, type MissedGoalProfiles } from './missed-goal-profiles.js';

export interface ModeResult {
  /** e.g. "(a) engine capacity, undici client" */
  label: string;
  /** Minimum share of the ceiling, 0–1. */
  goal: number;
  engine: RunResult;
  ceiling: RunResult;
}

export interface ReportInput {
  date: Date;
  machine: MachineInfo;
  settings: EngineSettings;
  modes: ModeResult[];
  latency: JobLatencyRun;
  search: SearchRun;
  firstScreen: FirstScreenRun;
  monitor: MonitorRun;
  openInstances: OpenInstancesRunReport;
  restarts: RestartRunReport;
  fc20: Fc20Run;
  peer: PeerRun;
  fc20Clock: string;
  /** The CPU profiles of this run's missed engine goals (BENCH_PROFILE_MISSES). */
  missedGoalProfiles: MissedGoalProfiles;
  /** How the profile runs were set up, e.g. "3 s warm-up + 10 s window, node's default sampling interval of 1 ms". */
  profileRunNote: string;
  method: string[];
  command: string;
}

export const share = (mode: ModeResult) => mode.engine.perSecond / mode.ceiling.perSecond;
export const goalMet = (mode: ModeResult) => share(mode) >= mode.goal && verified(mode.engine) && mode.engine.errors === 0;

export function renderTable(modes: readonly ModeResult[]): string {
  const rows = modes.map((m) => [
    m.label,
    fixed(m.engine.perSecond, 0),
    fixed(m.ceiling.perSecond, 0),
    `${fixed(share(m) * 100, 1)} %`,
    `≥ ${fixed(m.goal * 100, 0)} %: ${goalMet(m) ? 'met' : 'MISSED'}`,
    `${fixed(m.engine.p50, 1)} / ${fixed(m.engine.p99, 1)}`,
    `${fixed(m.ceiling.p50, 1)} / ${fixed(m.ceiling.p99, 1)}`,
    `${m.engine.clientCompletedTotal} / ${m.engine.serverCompleted}${verified(m.engine) ? ' ✓' : ' ✗'}`,
    cpu(m.engine),
    cpu(m.ceiling),
  ]);
  const header = [
    'Mode',
    'Engine inst/s',
    'Ceiling inst/s (stand-in)',
    'Share',
    'Goal',
    'Engine p50 / p99 ms',
    'Ceiling p50 / p99 ms',
    'Engine: acked / COMPLETED',
    'CPU % server / client / other (engine run)',
    'CPU % server / client / other (stand-in run)',
  ];
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/**
 * The engine's rate if its whole CPU per instance (all threads) could use every core the client leaves:
 * cores ÷ (engine CPU + client CPU per instance), both from the engine run.
 */
export const engineCpuBound = (mode: ModeResult) =>
  cpuBoundRate(mode.engine.cores, mode.engine.serverCpuPerInstanceUs, mode.engine.clientCpuPerInstanceUs);
/** The same for the stand-in: what the cores allow the ceiling's client and stand-in together. */
export const ceilingCpuBound = (mode: ModeResult) =>
  cpuBoundRate(mode.ceiling.cores, mode.ceiling.serverCpuPerInstanceUs, mode.ceiling.clientCpuPerInstanceUs);
export const engineCpuBoundShare = (mode: ModeResult) => {
  const bound = engineCpuBound(mode);
  return bound === undefined ? undefined : bound / mode.ceiling.perSecond;
};
/** The rate the engine's busiest thread (its event loop) allows at a full core, as a share of the ceiling. */
export const engineThreadBoundShare = (mode: ModeResult) => {
  const bound = threadBoundRate(mode.engine.perSecond, mode.engine.serverBusiestThread?.cpu);
  return bound === undefined ? undefined : bound / mode.ceiling.perSecond;
};

export function renderCpuBoundTable(modes: readonly ModeResult[]): string {
  const header = [
    'CPU per instance',
    'Cores',
    'Engine run: engine / client µs',
    'Engine\'s busiest thread, % of a core',
    'Stand-in run: stand-in / client µs',
    'Ceiling inst/s (its cores bound)',
    'Engine bound: cores ÷ (engine + client) inst/s',
    'Bound, % of the ceiling',
    'Bound, % of the ceiling\'s bound',
    'Measured, % of the ceiling',
    'Busiest thread at a full core: inst/s, % of the ceiling',
  ];
  const rows = modes.map((m) => {
    const bound = engineCpuBoundShare(m);
    const engineBound = engineCpuBound(m);
    const ceilingBound = ceilingCpuBound(m);
    const thread = m.engine.serverBusiestThread;
    return [
      m.label,
      String(m.engine.cores),
      `${fixed(m.engine.serverCpuPerInstanceUs, 0)} / ${fixed(m.engine.clientCpuPerInstanceUs, 0)}`,
      thread ? `${fixed(thread.cpu, 0)} (${thread.name})` : 'n/a',
      `${fixed(m.ceiling.serverCpuPerInstanceUs, 0)} / ${fixed(m.ceiling.clientCpuPerInstanceUs, 0)}`,
      `${fixed(m.ceiling.perSecond, 0)} (${fixed(ceilingCpuBound(m), 0)})`,
      fixed(engineBound, 0),
      bound === undefined ? 'n/a' : `${fixed(bound * 100, 1)} %`,
      engineBound === undefined || ceilingBound === undefined ? 'n/a' : `${fixed((engineBound / ceilingBound) * 100, 1)} %`,
      `${fixed(share(m) * 100, 1)} %`,
      thread ? `${fixed(threadBoundRate(m.engine.perSecond, thread.cpu), 0)}, ${fixed((engineThreadBoundShare(m) ?? Number.NaN) * 100, 1)} %` : 'n/a',
    ];
  });
  return markdownTable(header, rows);
}

export interface JobLatencyRun {
  /** The p99 goal, ms. */
  goalMs: number;
  /** How the arrival rate was chosen, for the report (e.g. "50 % of (b)'s engine capacity in this run"). */
  rateBasis: string;
  engine: JobLatencyResult;
  ceiling: JobLatencyResult;
  /** The disk's fsync latency on the engine's filesystem, measured just after (l)'s runs. */
  fsync?: FsyncProbeResult;
}

export const jobLatencyGoalMet = (run: JobLatencyRun, latency: LatencySummary) =>
  latency.count > 0 && latency.p99 < run.goalMs && run.engine.run.errors === 0 && verified(run.engine.run);

export function renderJobLatencyTable(run: JobLatencyRun): string {
  const header = [
    'Job latency', 'Rate /s asked (done)', 'Jobs measured', 'p50 / p95 / p99 / max ms', 'Goal', 'Create round trip p50 / p99 ms',
    'acked / COMPLETED', 'CPU % server / client / other',
  ];
  const rows = (['engine', 'ceiling'] as const).flatMap((side) => {
    const result = run[side];
    const server = side === 'engine' ? 'engine' : 'stand-in (ceiling)';
    return (
      [
        ['create sent → job in the handler', result.toHandler],
        ['create sent → completion acknowledged', result.toCompletion],
      ] as const
    ).map(([span, latency]) => [
      `(l) ${server}: ${span}`,
      `${fixed(result.rate, 0)} (${fixed(result.run.perSecond, 0)})`,
      String(latency.count),
      `${fixed(latency.p50, 1)} / ${fixed(latency.p95, 1)} / ${fixed(latency.p99, 1)} / ${fixed(latency.max, 1)}`,
      side === 'engine' ? `p99 < ${run.goalMs} ms: ${jobLatencyGoalMet(run, latency) ? 'met' : 'MISSED'}` : '—',
      `${fixed(result.createRoundTrip.p50, 1)} / ${fixed(result.createRoundTrip.p99, 1)}`,
      `${result.run.clientCompletedTotal} / ${result.run.serverCompleted}${verified(result.run) ? ' ✓' : ' ✗'}`,
      cpu(result.run),
    ]);
  });
  return markdownTable(header, rows);
}

export function renderFsyncTable(fsync: FsyncProbeResult, latency?: JobLatencyRun): string {
  const { own, withOneAhead } = fsync.pathSyncs;
  const syncs = latency?.engine.run.engineSyncs;
  const header = [
    'Disk, beside (l)', 'Filesystem', 'fsyncs (s)', 'fsync p50 / p99 / max ms', 'Synced batches a job waits for',
    `Path's disk time at p50: ${own} / ${withOneAhead} × p50 ms`, `Slowest fsync at the path's p99, ${own} / ${withOneAhead} syncs ms`,
    '(l) engine: its own sync waits p50 / p99 / max ms', '(l) engine: syncs per instance', '(l) engine p99 → handler / → acknowledged ms',
  ];
  const row = [
    `fsync after ${fsync.bytesPerSync.toLocaleString('en')} bytes appended, WAL-like`,
    fsync.filesystem,
    `${fsync.count} (${fixed(fsync.seconds, 1)})`,
    `${fixed(fsync.p50, 2)} / ${fixed(fsync.p99, 2)} / ${fixed(fsync.max, 2)}`,
    `${own}: create, activation, completion (in (l) ${syncs ? `${fixed(own - syncs.handedAtCreation, 2)} on average: ${fixed(syncs.handedAtCreation * 100, 1)} % of the jobs were handed to a waiting poll at creation, no activation batch` : 'n/a'}); up to ${withOneAhead} with one sync under way ahead of each`,
    `${fixed(own * fsync.p50, 1)} / ${fixed(withOneAhead * fsync.p50, 1)}`,
    `${fixed(fsync.pathP99.own, 1)} / ${fixed(fsync.pathP99.withOneAhead, 1)}`,
    syncs ? `${fixed(syncs.wait.p50, 2)} / ${fixed(syncs.wait.p99, 2)} / ${fixed(syncs.wait.max, 2)} (${syncs.wait.count})` : 'n/a',
    syncs ? fixed(syncs.perInstance, 2) : 'n/a',
    latency ? `${fixed(latency.engine.toHandler.p99, 1)} / ${fixed(latency.engine.toCompletion.p99, 1)}` : 'n/a',
  ];
  return markdownTable(header, [row]);
}

/** What held the engine's thread during (l)'s engine window, beside its tail. */
export function renderEngineThreadTable(latency: JobLatencyRun): string {
  const syncs = latency.engine.run.engineSyncs;
  const summary = (s: FsyncSummary | undefined) => (s && s.count > 0 ? `${s.count}: ${fixed(s.p50, 2)} / ${fixed(s.p99, 2)} / ${fixed(s.max, 2)}` : 'n/a');
  const header = [
    "Engine's thread, beside (l)", 'Event loop delay p50 / p99 / max ms', 'Projector runs: count: p50 / p99 / max ms',
    'GC pauses: count: p50 / p99 / max ms', '(l) engine: create round trip p99 ms', '(l) engine p99 → handler / → acknowledged ms',
  ];
  const row = [
    '(l) engine window',
    syncs ? `${fixed(syncs.loopDelay.p50, 1)} / ${fixed(syncs.loopDelay.p99, 1)} / ${fixed(syncs.loopDelay.max, 1)}` : 'n/a',
    summary(syncs?.projector),
    summary(syncs?.gc),
    fixed(latency.engine.createRoundTrip.p99, 1),
    `${fixed(latency.engine.toHandler.p99, 1)} / ${fixed(latency.engine.toCompletion.p99, 1)}`,
  ];
  return markdownTable(header, [row]);
}

/**
 * What held the client's thread (this process, the SDK's job worker and its creates) during (l)'s two windows: the
 * client shares the machine's cores with the server, so the engine's CPU can delay the client's handling of a reply.
 */
export function renderClientThreadTable(latency: JobLatencyRun): string {
  const header = [
    "Client's thread, beside (l)", 'Event loop delay p50 / p99 / max ms', 'CPU % client / server / other', 'Create round trip p99 ms',
    'p99 → handler / → acknowledged ms',
  ];
  const row = (label: string, side: JobLatencyResult) => {
    const { run } = side;
    return [
      label,
      `${fixed(run.clientLoopDelay.p50, 1)} / ${fixed(run.clientLoopDelay.p99, 1)} / ${fixed(run.clientLoopDelay.max, 1)}`,
      `${fixed(run.clientCpu, 0)} / ${fixed(run.serverCpu, 0)} / ${fixed(run.otherCpu, 0)}`,
      fixed(side.createRoundTrip.p99, 1),
      `${fixed(side.toHandler.p99, 1)} / ${fixed(side.toCompletion.p99, 1)}`,
    ];
  };
  return markdownTable(header, [row('(l) engine window', latency.engine), row('(l) stand-in window', latency.ceiling)]);
}

export const searchGoalMet = (search: SearchRun) => search.p95 < search.goalMs;

export function renderSearchTable(search: SearchRun): string {
  const header = ['Search', 'Open tasks', 'Clerk', 'totalItems (page)', 'p50 / p95 / p99 / max ms', 'Goal', 'CPU % other'];
  const row = [
    '(s) user-task search, task list of a clerk',
    search.openTasks.toLocaleString('en'),
    search.clerk,
    `${search.totalItems.toLocaleString('en')} (${search.pageItems})`,
    `${fixed(search.p50, 1)} / ${fixed(search.p95, 1)} / ${fixed(search.p99, 1)} / ${fixed(search.max, 1)}`,
    `p95 < ${search.goalMs} ms: ${searchGoalMet(search) ? 'met' : 'MISSED'}`,
    fixed(search.otherCpu, 0),
  ];
  return [header, header.map(() => '---'), row].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export interface FirstScreenRun extends FirstScreenResult {
  openTasks: number;
  /** Goal for p95 of the cold loads, ms. */
  goalMs: number;
}

export const firstScreenGoalMet = (run: FirstScreenRun) => summary(run.cold).p95 < run.goalMs;

export function renderFirstScreenTable(run: FirstScreenRun): string {
  const header = ['First screen', 'Open tasks', 'Loads', 'p50 / p95 / max ms', 'Goal', 'Load average'];
  const rows = [
    ['(t) task list, fresh browser profile', run.cold],
    ['(t) task list, cached bundle', run.warm],
  ].map(([label, values]) => {
    const s = summary(values as number[]);
    const cold = values === run.cold;
    return [
      label as string,
      run.openTasks.toLocaleString('en'),
      String((values as number[]).length),
      `${fixed(s.p50, 0)} / ${fixed(s.p95, 0)} / ${fixed(s.max, 0)}`,
      cold ? `p95 < ${run.goalMs} ms: ${firstScreenGoalMet(run) ? 'met' : 'MISSED'}` : '—',
      fixed(run.loadAverage, 1),
    ];
  });
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export interface MonitorRun extends MonitorResult {
  completedCases: number;
  openCases: number;
  /** Goals: p95 of the fresh-profile first screen and of the overview route, ms; catch-up, ms. */
  goalMs: number;
  catchUpGoalMs: number;
}

export const monitorGoalsMet = (run: MonitorRun) => ({
  firstScreen: summary(run.cold).p95 < run.goalMs,
  overview: summary(run.overview).p95 < run.goalMs,
  catchUp: run.catchUpMs < run.catchUpGoalMs,
});

export function renderMonitorTable(run: MonitorRun): string {
  const met = monitorGoalsMet(run);
  const volume = `${run.completedCases.toLocaleString('en')} completed + ${run.openCases.toLocaleString('en')} open`;
  const figures = (values: number[]) => {
    const s = summary(values);
    return `${fixed(s.p50, 0)} / ${fixed(s.p95, 0)} / ${fixed(s.max, 0)}`;
  };
  const row = (label: string, values: number[], goal: string, inPage?: number[]) => [
    label,
    volume,
    String(values.length),
    inPage ? `${figures(values)} (page's clock: ${figures(inPage)})` : figures(values),
    goal,
    fixed(run.loadAverage, 1),
  ];
  const rows = [
    row('(m) monitor first screen, fresh browser profile', run.cold, `p95 < ${run.goalMs} ms: ${met.firstScreen ? 'met' : 'MISSED'}`, run.coldInPage),
    row('(m) monitor first screen, cached bundle', run.warm, '—', run.warmInPage),
    row('(m) overview route, three years', run.overview, `p95 < ${run.goalMs} ms: ${met.overview ? 'met' : 'MISSED'}`),
    [
      `(m) read model catch-up after ${run.completions.toLocaleString('en')} completions`,
      volume,
      '1',
      fixed(run.catchUpMs, 0),
      `< ${run.catchUpGoalMs} ms: ${met.catchUp ? 'met' : 'MISSED'}`,
      fixed(run.loadAverage, 1),
    ],
  ];
  const header = ['Monitor', 'Cases in the read model', 'Loads', 'p50 / p95 / max ms', 'Goal', 'Load average'];
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export interface OpenInstancesRunReport extends OpenInstancesResult {
  /** Goal for the RSS per waiting instance, bytes. */
  goalBytes: number;
  loadAverage: number;
}

export const openInstancesGoalMet = (run: OpenInstancesRunReport) => perInstance(run, 'rss') < run.goalBytes && run.errors === 0;

export function renderOpenInstancesTable(run: OpenInstancesRunReport): string {
  const header = ['Open instances', 'Instances', 'Created/s', 'RSS per instance', 'Heap per instance', 'SQLite files per instance', 'RSS before → after', 'Goal', 'Errors', 'Load average'];
  const row = [
    '(o) memory per waiting user-task instance',
    `${run.instances.toLocaleString('en')} (+ ${WARM_UP_INSTANCES} warm-up; open tasks counted: ${run.openTasksCounted})`,
    fixed(run.createdPerSecond, 0),
    kb(perInstance(run, 'rss')),
    kb(perInstance(run, 'heapUsed')),
    kb(perInstance(run, 'disk')),
    `${mb(run.before.rss)} → ${mb(run.after.rss)}`,
    `RSS < ${kb(run.goalBytes)}: ${openInstancesGoalMet(run) ? 'met' : 'MISSED'}`,
    String(run.errors),
    fixed(run.loadAverage, 1),
  ];
  return markdownTable(header, [row]);
}

export interface RestartRunReport {
  results: RestartResult[];
  instances: number;
  /** Spawn → listening of the first start on an empty data directory, ms. */
  emptyStartMs: number;
  goalMs: number;
  loadAverage: number;
}

export const restartGoalMet = (run: RestartRunReport, result: RestartResult) => result.readyMs < run.goalMs && result.searchItems === 50 && result.jobsActivated === 1;

export function renderRestartTable(run: RestartRunReport): string {
  const header = ['Restart', 'Open instances', 'Old process gone ms', 'Listening ms', 'Topology ms', 'User-task search ms', 'Job activation ms', 'Goal (ready)', 'Load average'];
  const rows = run.results.map((result) => [
    `(r) restart after ${result.signal}`,
    run.instances.toLocaleString('en'),
    fixed(result.stopMs, 0),
    fixed(result.listeningMs, 0),
    fixed(result.topologyMs, 0),
    `${fixed(result.userTaskSearchMs, 0)} (${result.searchItems} tasks)`,
    `${fixed(result.jobActivationMs, 0)} (${result.jobsActivated} job)`,
    `< ${run.goalMs} ms: ${restartGoalMet(run, result) ? 'met' : 'MISSED'} (${fixed(result.readyMs, 0)})`,
    fixed(run.loadAverage, 1),
  ]);
  const reference = ['(r) for reference: first start, empty data directory', '0', '—', fixed(run.emptyStartMs, 0), '—', '—', '—', '—', fixed(run.loadAverage, 1)];
  return markdownTable(header, [...rows, reference]);
}

export interface Fc20Run extends Fc20Result {
  loadAverage: number;
}

export function renderFc20Table(run: Fc20Run): string {
  const header = [
    'End to end', 'Cases (at once)', 'Completed', 'Cases/min', 'Case p50 / p95 / max s', 'Tasks completed by bots', 'Errors / incidents / unfinished', 'Goal',
    'CPU % engine and workers / bots / other', 'Load average',
  ];
  const row = [
    '(f) FC20 零星报销 with the job workers and bot clerks',
    `${run.cases} (${run.inFlight})`,
    String(run.completed),
    fixed(run.casesPerMinute, 1),
    `${fixed(run.p50 / 1000, 1)} / ${fixed(run.p95 / 1000, 1)} / ${fixed(run.max / 1000, 1)}`,
    String(run.tasksCompleted),
    `${run.errors} / ${run.incidents} / ${run.unfinished}`,
    `0 errors: ${fc20GoalMet(run) ? 'met' : 'MISSED'}`,
    `${fixed(run.engineCpu, 0)} / ${fixed(run.botCpu, 0)} / ${fixed(run.otherCpu, 0)}`,
    fixed(run.loadAverage, 1),
  ];
  return markdownTable(header, [row]);
}

export interface PeerRun extends PeerResult {
  /** Our engine's figures of the same run, when their modes ran: (a) and (o). */
  engineServicePerSecond?: number;
  engineOpen?: OpenInstancesResult;
  loadAverage: number;
}

export function renderPeerTable(run: PeerRun): string {
  const header = ['Peer', `bpmn-engine ${run.version}, in process, nothing durable`, 'Our engine, same run', 'Our figure is'];
  const open = run.engineOpen;
  const rows = [
    [
      '(p) one service task, instances/s',
      `${fixed(run.service.perSecond, 0)} (${run.inFlight} in flight, p50 / p99 ${fixed(run.service.p50, 1)} / ${fixed(run.service.p99, 1)} ms)`,
      fixed(run.engineServicePerSecond, 0),
      '(a): HTTP, lean client, job activated and completed over HTTP, every commit fsynced',
    ],
    [
      '(p) one user task, instances created to waiting, /s',
      `${fixed(run.userTask.createdPerSecond, 0)} (one after another)`,
      open ? fixed(open.createdPerSecond, 0) : 'n/a',
      '(o): HTTP, 32 creates at once, every commit fsynced',
    ],
    [
      '(p) one user task, heap per waiting instance',
      `${kb(run.userTask.heapPerInstance)} (${run.userTask.instances.toLocaleString('en')} waiting)`,
      open ? kb(perInstance(open, 'heapUsed')) : 'n/a',
      `(o): ${open ? open.instances.toLocaleString('en') : '—'} waiting; the state is in SQLite, the heap holds the command path's indexes of it`,
    ],
    [
      '(p) one user task, RSS per waiting instance',
      kb(run.userTask.rssPerInstance),
      open ? kb(perInstance(open, 'rss')) : 'n/a',
      '(o), SQLite page cache included',
    ],
    ['(p) one user task, waiting instances completed/s', `${fixed(run.userTask.completedPerSecond, 0)} (one after another)`, '—', 'not measured'],
  ];
  return markdownTable(header, rows);
}

export function renderReport(input: ReportInput): string {
  const { machine, modes } = input;
  const errors = [
    ...modes.map((m) => ({ label: m.label, runs: [m.engine, m.ceiling] })),
    { label: '(l) job latency', runs: [input.latency.engine.run, input.latency.ceiling.run] },
  ].flatMap((m) =>
    m.runs.filter((r) => r.errors > 0).map((r) => `- ${m.label}, ${r.target}: ${r.errors} failed requests, first: ${r.firstError ?? '?'}`),
  );
  return `# Benchmarks

Written by \`npm run bench\` (\`scripts/bench.ts\`); every run overwrites this file.

- Date: ${input.date.toISOString()}
- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory, ${machine.os}
- Node: ${machine.node}
- Durability: ${describeSettings(input.settings)}; a fresh temporary data directory per run on ${machine.tmpFilesystem}

## Method

${input.method.map((line) => `- ${line}`).join('\n')}

## Results

${renderTable(modes)}

Share = engine instances/s ÷ the ceiling of the same client code against the zero-cost stand-in. Latency = create
response received → job completion acknowledged, per instance completed in the window. "acked / COMPLETED" = job
completions the client saw acknowledged over the whole run ÷ instances the engine reports COMPLETED
(\`POST /v2/process-instances/search\`) afterwards; ✓ when they agree. CPU = % of one core used in the window by
the server child, the client (this process) and all other programs on the machine (noise; the machine has
${machine.cores} cores, so other > ~20 % means the figures are disturbed).

${renderCpuBoundTable(modes)}

CPU per instance = CPU time used in the window ÷ instances completed in it, user + system, µs: the server child's
(every thread: the engine's or stand-in's own, libuv's pool with the WAL fsyncs, V8's helpers) from
\`/proc/<pid>/stat\`, the client's (this process) from \`process.cpuUsage\`. Cores = \`os.availableParallelism()\`.
Engine bound = the engine's rate if its whole CPU per instance could use every core the client leaves:
cores ÷ (engine + client CPU per instance, both from the engine run); beside it the ceiling's own bound from the
stand-in run, and the engine's bound as a share of that, i.e. the ratio of CPU per instance (stand-in + client) ÷
(engine + client), which other programs' load moves least. On an idle machine the ceiling keeps both cores busy, so
its rate and its bound agree. The busiest thread of the engine child (from \`/proc/<pid>/task/*/stat\`; normally
its event-loop thread, named \`node\`) shows how much of one core it took. When the engine bound is below the
goal's share of the ceiling, no spreading of the engine's present work over threads reaches the goal on this
machine: only less CPU per instance does. The last column is the bound of that one thread: the measured rate scaled
to the thread's being busy all the time (rate × 100 ÷ its % of a core). Every request, command and reply runs on it,
so when that bound is below the goal's share of the ceiling the goal is out of reach however idle the other core is,
until the thread's own work per instance shrinks or moves to another thread; its idle rest (100 % minus its share)
is time it waited: for requests, for the writer thread's commit and fsync before the next batch begins, or for a core
the other threads and the client held.

${renderJobLatencyTable(input.latency)}

Job latency = per job whose completion was acknowledged in the window, from its instance's create request sent to
the SDK job worker's handler receiving the job, and to the completion's acknowledgement. Camunda 8.8's activated job
carries no creation time (job search gains \`creationTime\` only with 8.9), and the engine creates the job inside the
create command, so the job was created between the create request sent and its reply: these figures are upper
bounds, at most one create round trip above the time from the job's creation. Arrival rate: ${input.latency.rateBasis}.
The stand-in hands each job to the waiting poll at once, so its rows are the floor of this client code (the SDK's
own work per request and the worker's next poll, at most \`pollIntervalMs\` 10 ms after the previous one
returned); the engine's part of the latency is the difference.
${input.latency.fsync ? `
${renderFsyncTable(input.latency.fsync, input.latency)}

The fsync loop ran just after (l)'s runs, alone, for ${fixed(input.latency.fsync.seconds, 0)} s: one file in a fresh directory next to the
engine's data directories, each turn appending two WAL frames and then \`fs.fsync\` on libuv's pool, the call the
engine's batch waits for (\`engine/store/wal-sync.ts\`); only the fsync is timed. A job's path waits for the sync
of the create's batch (the job is created in it), of the activation's (none when the job is handed to a poll
already waiting at its creation) and of the completion's, and a batch starts only after the previous batch's sync,
so each may first wait for one sync under way. The engine's own sync waits (the WAL fsync on libuv's pool as its
batches waited for it, queueing included), its syncs per instance and the share of jobs handed over at creation
are counted inside the engine child over (l)'s engine window. "Slowest fsync at the path's p99" = the fsync
percentile a path of that many independent syncs meets at its own 99th percentile (100 × 0.99^(1/syncs): p99.67 for
3, p99.83 for 6): the path's p99 is at least that plus the other syncs' typical time.
` : ''}
${renderEngineThreadTable(input.latency)}

Counted inside the engine child over (l)'s engine window: the event loop's delay (node's \`monitorEventLoopDelay\`,
1 ms resolution: how late a timer or I/O callback ran, so how long the thread was held by one piece of work), the
projector's runs on the engine's thread (\`EngineStore.handOver\`, which turns the held rows into bound values and
posts them to the writer thread, and \`EngineStore.project\` where a read waits for the writer to have written them)
and the GC pauses (\`PerformanceObserver\`, kind gc). A request that arrives while the thread is held waits that
long; the tail of (l) beyond the disk's is what these show.

${renderClientThreadTable(input.latency)}

The same event loop delay in the benchmark process (the SDK client: its creates, its job worker's polls and
completions), over each (l) window. The client and the server share the machine's cores: a reply that reaches the
client while its thread is held, or while the server holds the core it would run on, is taken up that much later,
and every latency above is measured on the client. A client delay in the engine run well above the stand-in run's
is the part of the engine's tail that the engine's CPU use caused on the client's side, not its own waits.

${renderSearchTable(input.search)}

Search latency = request sent → answer parsed, on one keep-alive connection, each request after the previous one;
it includes HTTP Basic, the clerk's authorization and the group filter. "CPU % other" is what other programs took
meanwhile (% of one core).

${renderFirstScreenTable(input.firstScreen)}

First screen = navigation to \`/tasklist/\` (signed in) → the 待认领 list shows its first page (${input.firstScreen.rows} tasks with
applicant, masked ID number and due state) and the count of each list (待认领 ${input.firstScreen.count}), measured in the
benchmark process from Playwright's \`goto\` until the page reports, through a DevTools binding, from a task posted in the first
animation frame in which the list shows, so after that frame is painted (since the thirteenth session; until then Playwright's
polling found it, which added its injected script and round trips: earlier runs are not comparable, see
docs/performance-notes.md); the engine serves /v2 and the web apps on one port. Chromium, the
engine and the benchmark share the 2 cores; "Load average" is the machine's 1-minute load at the end (above ~2,
other programs competed and the figures are disturbed).

${renderMonitorTable(input.monitor)}

Monitor first screen = navigation to \`/monitor/\` (signed in as the manager \`sun-qiang\`) → the overview of this month
shows its figures (在办 ${input.monitor.open}) and both charts have drawn, measured in the benchmark process from Playwright's
\`goto\` until the page reports through a DevTools binding, from a task posted in the first animation frame in which the condition
holds, so after that frame is painted (the goal's figure; since the thirteenth session: until then Playwright's polling, whose
injected script and round trips put 230–466 ms more after the screen, so earlier runs are not comparable, see
docs/performance-notes.md); in brackets the page's own clock for the same loads, from the navigation's start to the DOM
change after which the condition first held (a MutationObserver put in before the page's scripts). The overview route = \`GET /monitor/api/overview\`
over the last three years (受理 ${input.monitor.started.toLocaleString('en')}), one request after another. Catch-up = the last of
${input.monitor.completions.toLocaleString('en')} cases of the benchmark process completed through /v2 (all of them took ${fixed(input.monitor.completingMs / 1000, 1)} s,
the feeder passing meanwhile as in service, a pass a second, \`MONITOR_SYNC_INTERVAL_MS\` 1000) → the overview of today counts all of them.

${renderOpenInstancesTable(input.openInstances)}

${renderRestartTable(input.restarts)}

RSS and heap per instance = (after − before) ÷ instances, read in the engine child after two full GCs
(\`--expose-gc\`); before = after 100 warm-up instances. RSS includes SQLite's page cache, which is bounded, so the
figure per instance falls as the count grows; SQLite holds the instances, the heap the command path's in-memory
indexes of the open ones (engine/store/group-index.ts: children, variables, jobs, tasks per element instance). SQLite files = \`engine.sqlite\` with its WAL and the rest of the data directory. Restart = the same data directory, the old process stopped with the signal named, times from the
spawn of the new process (node and tsx start-up included); ready = \`GET /v2/topology\` answered, a user-task search
answered with a full page (50) and a job left waiting before the stop activated. The reference row is the start of
(o)'s engine on its empty data directory: what node, tsx and the engine's modules cost without any instance.

${renderFc20Table(input.fc20)}

Case duration = the create request of \`chen-yan\` → the engine reports the case COMPLETED at 已支付; the bots
(\`zhang-min\` 初审 and 录入审核, \`wang-lei\` 复审, \`ma-xiaoyun\` 支付) search their group's FC20 tasks and complete
them one after another through \`/v2/user-tasks/{key}/completion\`; the job workers (\`npm start\`'s, default
settings: poll every 100 ms) do the rest. The engine clock is pinned to ${input.fc20Clock} (no timer is due on
this path). Cases/min = cases done ÷ time from the first create to the last case done. With cases kept open at
once, a case's duration is mostly waiting in the bots' and workers' queues (cases at once ÷ cases/min). CPU = % of
one core over that time: the engine child (engine and job workers in one process, as \`npm start\` runs them),
the bots (the benchmark process) and all other programs.

${renderPeerTable(input.peer)}

bpmn-engine keeps each instance as JavaScript objects and writes nothing: no durability, no HTTP, no
authentication, no search tables. It is a peer for what executing the shape costs, a ceiling-ish figure, not a
like-for-like engine: our figures include a fsynced SQLite commit per command (group commit) and the HTTP round
trips. Each model is parsed once and every instance runs from bpmn-engine's serialized context. A CPU profile of
the peer (2026-12-04) showed about 38 % of its time in garbage collection and most of the rest in its per-element
message broker (smqp); each waiting instance keeps its element objects, broker queues and variables on the heap.

## Goals

${modes.map((m) => `- ${m.label}: ≥ ${fixed(m.goal * 100, 0)} % of the ceiling — ${goalMet(m) ? 'met' : 'missed'} (${fixed(share(m) * 100, 1)} %; the engine's CPU bound on ${m.engine.cores} cores: ${fixed((engineCpuBoundShare(m) ?? Number.NaN) * 100, 1)} %; its busiest thread's at a full core: ${fixed((engineThreadBoundShare(m) ?? Number.NaN) * 100, 1)} %)`).join('\n')}
- (l) p99 job latency at ${fixed(input.latency.engine.rate, 0)} instances/s, create sent → completion acknowledged: < ${input.latency.goalMs} ms — ${jobLatencyGoalMet(input.latency, input.latency.engine.toCompletion) ? 'met' : 'missed'} (${fixed(input.latency.engine.toCompletion.p99, 1)} ms; to the handler ${fixed(input.latency.engine.toHandler.p99, 1)} ms; the stand-in's ${fixed(input.latency.ceiling.toCompletion.p99, 1)} ms${input.latency.fsync ? `; the disk's fsync p50 / p99 ${fixed(input.latency.fsync.p50, 2)} / ${fixed(input.latency.fsync.p99, 2)} ms` : ''})
- (s) user-task search: p95 < ${input.search.goalMs} ms — ${searchGoalMet(input.search) ? 'met' : 'missed'} (${fixed(input.search.p95, 1)} ms)
- (t) task list first screen, fresh browser profile: p95 < ${input.firstScreen.goalMs} ms — ${firstScreenGoalMet(input.firstScreen) ? 'met' : 'missed'} (${fixed(summary(input.firstScreen.cold).p95, 0)} ms)
- (m) monitor first screen, fresh browser profile: p95 < ${input.monitor.goalMs} ms — ${monitorGoalsMet(input.monitor).firstScreen ? 'met' : 'missed'} (${fixed(summary(input.monitor.cold).p95, 0)} ms)
- (m) overview route over three years: p95 < ${input.monitor.goalMs} ms — ${monitorGoalsMet(input.monitor).overview ? 'met' : 'missed'} (${fixed(summary(input.monitor.overview).p95, 0)} ms)
- (m) read model catch-up after ${input.monitor.completions.toLocaleString('en')} completions: < ${input.monitor.catchUpGoalMs} ms — ${monitorGoalsMet(input.monitor).catchUp ? 'met' : 'missed'} (${fixed(input.monitor.catchUpMs, 0)} ms)
- (o) memory per waiting user-task instance at ${input.openInstances.instances.toLocaleString('en')} open: RSS < ${kb(input.openInstances.goalBytes)} — ${openInstancesGoalMet(input.openInstances) ? 'met' : 'missed'} (${kb(perInstance(input.openInstances, 'rss'))}; heap ${kb(perInstance(input.openInstances, 'heapUsed'))})
${input.restarts.results.map((r) => `- (r) restart after ${r.signal} with ${input.restarts.instances.toLocaleString('en')} open instances: ready < ${input.restarts.goalMs} ms — ${restartGoalMet(input.restarts, r) ? 'met' : 'missed'} (${fixed(r.readyMs, 0)} ms)`).join('\n')}
- (f) FC20 end to end with bot clerks: 0 errors — ${fc20GoalMet(input.fc20) ? 'met' : 'missed'} (${input.fc20.errors} errors, ${input.fc20.incidents} incidents, ${input.fc20.unfinished} unfinished; ${fixed(input.fc20.casesPerMinute, 1)} cases/min, informational)
- (p) bpmn-engine peer: no goal (informational)

${missedGoalSentence(input.missedGoalProfiles)}

## Profiles of the missed goals

${renderMissedGoalProfiles(input.missedGoalProfiles, input.profileRunNote)}
${errors.length > 0 ? `\n## Errors\n\n${errors.join('\n')}\n` : ''}
## Reproduce

\`\`\`sh
${input.command}
\`\`\`

\`BENCH_PROFILE_MISSES=0\` leaves out the profile runs of the missed goals (section "Profiles of the missed goals");
\`BENCH_CPU_PROF=<dir>\` profiles every engine child (slower figures) and keeps the profiles there.
`;
}

// helpers

/** The Goals list's sentence on the missed goals' profiles. */
export function missedGoalSentence(input: MissedGoalProfiles): string {
  if (!input.enabled) return 'No profile of the missed goals was taken in this run (`BENCH_PROFILE_MISSES=0`); older analyses are in [performance-notes.md](performance-notes.md).';
  if (input.profiles.length === 0) return 'No engine throughput or latency goal ((a), (b), (l)) missed in this run, so no profile was taken ([Profiles of the missed goals](#profiles-of-the-missed-goals)).';
  const profiled = input.profiles.filter((p) => p.summary).map((p) => p.mode);
  const failed = input.profiles.filter((p) => !p.summary).map((p) => p.mode);
  const link = '[Profiles of the missed goals](#profiles-of-the-missed-goals)';
  const sentences: string[] = [];
  if (profiled.length > 0) {
    sentences.push(
      `${goalList(profiled)} ${profiled.length === 1 ? 'is' : 'are'} profiled in one more run of ${profiled.length === 1 ? 'its' : 'their'} mode after the measured ones (${link})` +
        // a profile shows where the thread's time goes; a latency tail is a matter of stalls, which the section's
        // event-loop delay, projector runs and GC pauses bear on
        (profiled.includes('(l)')
          ? "; for (l) the profile shows where the engine thread's time goes, not the tail itself: the engine thread's " +
            'event-loop delay, projector runs and GC pauses in [Results](#results) are what bear on the tail, and the ' +
            "client's event-loop delay beside them says how much of it is the client's."
          : '.'),
    );
  }
  if (failed.length > 0) sentences.push(`The profile run of ${goalList(failed)} gave no profile (${link} says why).`);
  sentences.push('Older, longer analyses are in [performance-notes.md](performance-notes.md).');
  return sentences.join(' ');
}

/** "(a)", "(a) and (l)", "(a), (b) and (l)". */
function goalList(modes: readonly string[]): string {
  return modes.length === 1 ? modes[0]! : `${modes.slice(0, -1).join(', ')} and ${modes.at(-1)}`;
}

function cpu(run: RunResult): string {
  return `${fixed(run.serverCpu, 0)} / ${fixed(run.clientCpu, 0)} / ${fixed(run.otherCpu, 0)}`;
}

function verified(run: RunResult): boolean {
  return run.clientCompletedTotal === run.serverCompleted;
}


/** KB with one decimal; below 1 KB in bytes, so a figure near zero still shows its size and sign. */
function kb(bytes: number): string {
  return Math.abs(bytes) < 1024 ? `${fixed(bytes, 0)} B` : `${fixed(bytes / 1024, 1)} KB`;
}

function mb(bytes: number): string {
  return `${fixed(bytes / 1024 / 1024, 0)} MB`;
}

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);
}
