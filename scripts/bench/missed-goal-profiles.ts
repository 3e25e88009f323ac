/**
 * Each engine throughput or latency goal a bench run missed ((a), (b), (l)) is explained by a CPU profile taken in
 * the same run: after the measured modes, one more short run of that mode against a fresh engine child under
 * `--cpu-prof`, not counted in the figures (the profiler slows the engine), and a summary of the child's main thread
 * over that run's window (bench/cpu-profile-summary.ts). Off with BENCH_PROFILE_MISSES=0.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  largestBusyCategories,
  mainThreadProfile,
  profileCoverageFailure,
  SQLITE_CATEGORIES,
  readCpuProfile,
  renderCategoryTable,
  renderTopFunctionTable,
  summarizeCpuProfile,
  type ProfileSummary,
} from './cpu-profile-summary.js';
import { percent } from './markdown.js';
import type { RunResult } from './measure.js';

export interface MissedGoalProfile {
  /** The mode's mark: "(a)", "(b)", "(l)". */
  mode: string;
  /** The goal as the Goals list names it, e.g. "(a) engine capacity, undici client: ≥ 50 % of the ceiling". */
  goal: string;
  /** What the counted run measured, for beside the profile run's figures, e.g. "1,851 instances/s (28.0 %)". */
  measured: string;
  /** The profile run: what was run and its own figures (its rate: the profiler slows the engine). */
  run: string;
  summary?: ProfileSummary;
  /** Why there is no summary (no profile written, the run failed). */
  failure?: string;
}

export interface MissedGoalProfiles {
  /** False when BENCH_PROFILE_MISSES=0 turned them off. */
  enabled: boolean;
  profiles: MissedGoalProfile[];
}

export interface ProfileRunRequest {
  mode: string;
  goal: string;
  measured: string;
  /** Runs the mode once against a fresh engine child profiled into `cpuProfileDir`; says what it ran. */
  measure(cpuProfileDir: string): Promise<{ run: RunResult; description: string }>;
}

/**
 * Runs one profiled run and summarises the engine child's main thread over its window. The profile goes to a
 * temporary directory, removed afterwards, or under `keepDir` (BENCH_CPU_PROF) to be kept.
 */
export async function profileMissedGoal(request: ProfileRunRequest, options: { root: string; keepDir?: string; name: string }): Promise<MissedGoalProfile> {
  const dir = options.keepDir ? join(options.keepDir, `missed-${options.name}`) : mkdtempSync(join(tmpdir(), 'bench-missed-goal-'));
  // a kept directory from an earlier run would hold its profile too, and the newest might not be this run's
  if (options.keepDir) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const { run, description } = await request.measure(dir);
    const file = mainThreadProfile(dir);
    const base = { mode: request.mode, goal: request.goal, measured: request.measured, run: description };
    if (!file) return { ...base, failure: `the engine child wrote no main-thread profile into ${dir}` };
    const profile = readCpuProfile(file);
    const uncovered = profileCoverageFailure(profile, run.windowUs);
    if (uncovered) return { ...base, failure: uncovered };
    const summary = summarizeCpuProfile(profile, { root: options.root, fromUs: run.windowUs.from, toUs: run.windowUs.to });
    if (summary.samples === 0) return { ...base, failure: 'the profile holds no sample inside the run\'s window' };
    return { ...base, summary };
  } catch (error) {
    return { mode: request.mode, goal: request.goal, measured: request.measured, run: 'failed', failure: (error as Error).message };
  } finally {
    if (!options.keepDir) rmSync(dir, { recursive: true, force: true });
  }
}

/** The report's section "Profiles of the missed goals". */
export function renderMissedGoalProfiles(input: MissedGoalProfiles, intervalNote: string): string {
  if (!input.enabled) return 'Not taken in this run: `BENCH_PROFILE_MISSES=0`.';
  if (input.profiles.length === 0) return 'No engine throughput or latency goal ((a), (b), (l)) missed in this run, so no profile was taken.';
  const intro =
    'For each engine throughput or latency goal this run missed, one more run of that mode after all the measured ' +
    'modes, against a fresh engine child started with `--cpu-prof` (' + intervalNote + '), not counted in the figures ' +
    "above: the profiler slows the engine (and the machine's other load moves between runs), so its own rate is given " +
    'beside the counted one. The tables are the engine ' +
    "child's main thread (its event loop: HTTP, commands, SQLite, the projector) over that run's measured window " +
    "only, start-up, warm-up and drain left out: each sample's self time by category (the rules are a table in " +
    '`scripts/bench/cpu-profile-summary.ts`; a builtin without a script, such as `JSON.parse`, counts as its caller, ' +
    "and so does a read through a bare prepared statement rather than store-connection.ts's wrappers, such as " +
    "RecordTable's lookup by key or the version counters' read: SQLite's share is that of the wrapped statements), " +
    'as a share of all samples and of the busy (non-idle) ones, then the functions with the most self time. The ' +
    "WAL's fsync runs on libuv's pool, not on this thread. The other goals ((s), (t), (m), (o), (r), (f)) are not profiled here.";
  return [intro, ...input.profiles.map(renderProfile)].join('\n\n');
}

/** One sentence naming what the profile says dominates the thread's busy time. */
export function dominantSentence(summary: ProfileSummary): string {
  const busy = summary.samples === 0 ? 0 : summary.busySamples / summary.samples;
  const [first, second, third] = largestBusyCategories(summary);
  if (!first) return 'The profile holds no busy sample.';
  const named = [first, second, third].filter((c) => c !== undefined).map((c) => `${c.category} (${percent(c.busyShare ?? 0)})`);
  const sqlite = summary.categories.filter((c) => SQLITE_CATEGORIES.has(c.category)).reduce((sum, c) => sum + (c.busyShare ?? 0), 0);
  return (
    `The engine's thread was busy ${percent(busy)} of the window; ${first.category} took the largest share of that busy time, ` +
    `${percent(first.busyShare ?? 0)}${named.length > 1 ? `, ahead of ${named.slice(1).join(' and ')}` : ''}; ` +
    `SQLite and the projector together (the batch's transaction and event-row inserts, the projector's JavaScript and statements, the wrapped statements) ${percent(sqlite)}.`
  );
}

// helpers

function renderProfile(profile: MissedGoalProfile): string {
  const head = `### ${profile.goal}\n\nMeasured: ${profile.measured}. Profile run: ${profile.run}.`;
  if (!profile.summary) return `${head}\n\nNo profile: ${profile.failure ?? 'unknown'}.`;
  const summary = profile.summary;
  return [
    `${head} Window summarised: ${summary.seconds.toFixed(1)} s, ${summary.samples.toLocaleString('en')} samples.`,
    renderCategoryTable(summary),
    renderTopFunctionTable(summary),
    dominantSentence(summary),
  ].join('\n\n');
}
