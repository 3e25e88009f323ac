/**
 * The summariser of the bench's CPU profiles, over a real profile: node runs a small TypeScript script through tsx
 * with `--cpu-prof`, as the bench runs the engine child, and the summary must put the script's known work where it is.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CATEGORY_RULES,
  mainThreadProfile,
  profileCoverageFailure,
  readCpuProfile,
  renderCategoryTable,
  renderTopFunctionTable,
  summarizeCpuProfile,
  type CpuProfile,
} from '../../../scripts/bench/cpu-profile-summary.js';
import { dominantSentence, renderMissedGoalProfiles } from '../../../scripts/bench/missed-goal-profiles.js';
import { missedGoalSentence } from '../../../scripts/bench/report.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const PROCESSING = 'processing (engine/processor, behaviors, state, store, model, FEEL)';

// Under engine/processor/ so its own frames count as processing. Two phases, with the monotonic clock (µs, as V8's
// profile) printed at their start and at the boundary: one loop; then the same loop a third as long, JSON work, two
// methods of one name, and 400 ms idle. The work is counted in rounds, not bounded by the clock: on a loaded machine
// the profiler loses samples (it samples only while the thread runs), and a clock-bounded loop gets whatever CPU the
// machine leaves it, while a counted one needs its own CPU time, so the loops' samples keep their ratio. The start
// leaves node's and tsx's start-up out of the tests' windows: there the main thread waits for tsx's loader thread
// (makeSyncRequest, waitForWorker), which the profile counts as busy.
const SCRIPT = `interface Item { n: number; name: string }

function spinFirst(rounds: number): number {
  let sum = 0;
  for (let round = 0; round < rounds; round++) for (let i = 0; i < 10_000; i++) sum += Math.sqrt(i);
  return sum;
}

function spinSecond(rounds: number): number {
  let sum = 0;
  for (let round = 0; round < rounds; round++) for (let i = 0; i < 10_000; i++) sum += Math.sqrt(i);
  return sum;
}

function encodeItems(rounds: number): number {
  const items: Item[] = Array.from({ length: 2_000 }, (_, n) => ({ n, name: 'item ' + n }));
  let length = 0;
  for (let round = 0; round < rounds; round++) length += JSON.stringify(items).length;
  return length;
}

class Left {
  step(rounds: number): number {
    let sum = 0;
    for (let round = 0; round < rounds; round++) for (let i = 0; i < 10_000; i++) sum += Math.log1p(i);
    return sum;
  }
}

class Right {
  step(rounds: number): number {
    let sum = 0;
    for (let round = 0; round < rounds; round++) for (let i = 0; i < 10_000; i++) sum += Math.atan(i);
    return sum;
  }
}

const now = () => Number(process.hrtime.bigint() / 1000n);
const start = now();
const first = spinFirst(9_000);
const boundary = now();
const second = spinSecond(3_000) + encodeItems(600) + new Left().step(1_000) + new Right().step(1_000);
await new Promise((resolve) => setTimeout(resolve, 400));
process.stdout.write(JSON.stringify({ start, boundary, end: now(), first, second }) + '\\n');
`;

let dir: string;
let profile: CpuProfile;
let times: { start: number; boundary: number; end: number };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cpu-profile-summary-'));
  mkdirSync(join(dir, 'engine/processor'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' })); // an ES module, as the repository's
  writeFileSync(join(dir, 'engine/processor/work.ts'), SCRIPT);
  const profiles = join(dir, 'profiles');
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--cpu-prof', `--cpu-prof-dir=${profiles}`, join(dir, 'engine/processor/work.ts')], {
    cwd: ROOT, // tsx is resolved from here
    encoding: 'utf8',
    timeout: 50_000, // within the hook's 60 s, so a hung child fails with its stderr
  });
  expect(run.status, run.stderr).toBe(0);
  times = JSON.parse(run.stdout) as { start: number; boundary: number; end: number };
  const file = mainThreadProfile(profiles);
  expect(file).toBeDefined();
  profile = readCpuProfile(file!);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the summary of a CPU profile', () => {
  it('should find the busy loop where its source declares it, and its shares should add up', () => {
    const summary = summarizeCpuProfile(profile, { root: dir, fromUs: times.start, toUs: times.end });
    const spin = summary.top.find((f) => f.functionName === 'spinFirst');
    const spinSecond = summary.top.find((f) => f.functionName === 'spinSecond');
    expect(spin?.location).toBe('engine/processor/work.ts:3');
    expect(spin?.category).toBe(PROCESSING);
    // three times the rounds of one loop body
    expect(spin!.samples).toBeGreaterThan(1.5 * spinSecond!.samples);
    expect(summary.categories.reduce((sum, c) => sum + c.share, 0)).toBeCloseTo(1, 6);
    expect(summary.categories.reduce((sum, c) => sum + (c.busyShare ?? 0), 0)).toBeCloseTo(1, 6);
    // the window's busy time is the script's loops, GC and V8's own the rest
    expect(summary.categories.find((c) => c.category === PROCESSING)!.busyShare).toBeGreaterThan(0.5);
  });

  it("should read the rules' paths from the repository's root, not match any engine/ folder", () => {
    // the script lies under <tmp>/engine/processor/: from another root it is none of the engine's code
    const summary = summarizeCpuProfile(profile, { root: ROOT, fromUs: times.start, toUs: times.end });
    expect(summary.top.find((f) => f.functionName === 'spinFirst')?.category).toBe('other');
  });

  it('should count only the window asked for, on the clock of process.hrtime, and give the time of a builtin to its caller', () => {
    const summary = summarizeCpuProfile(profile, { root: dir, fromUs: times.boundary, toUs: times.end });
    expect(summary.top.find((f) => f.functionName === 'spinFirst')).toBeUndefined();
    // the samples span the window (about 1.3 s on an idle machine, longer on a loaded one)
    const window = (times.end - times.boundary) / 1e6;
    expect(summary.seconds).toBeGreaterThan(0.5 * window);
    expect(summary.seconds).toBeLessThanOrEqual(window);
    // the window: the loop, JSON.stringify (a builtin: its samples are encodeItems' work), two methods of one name,
    // 400 ms idle
    const idle = summary.categories.find((c) => c.category === 'idle')!;
    expect(idle.share).toBeGreaterThan(0.05);
    // tsx keeps the two `step`s in order: each gets its own class's line
    expect(summary.top.filter((f) => f.functionName === 'step').map((f) => f.location).sort()).toEqual(['engine/processor/work.ts:23', 'engine/processor/work.ts:31']);
    expect(summary.categories.find((c) => c.category === PROCESSING)!.busyShare).toBeGreaterThan(0.7);
    expect(summary.top.some((f) => f.functionName === 'spinSecond' && f.location === 'engine/processor/work.ts:9')).toBe(true);
    // JSON.stringify's time is its caller's (V8 gives the builtin no frame of its own, or one without a script)
    const encode = summary.top.find((f) => f.functionName === 'encodeItems' || f.location.startsWith('(native) in encodeItems'));
    expect(encode?.category).toBe(PROCESSING);
    expect(encode!.busyShare).toBeGreaterThan(0.1);
    expect(summary.categories.reduce((sum, c) => sum + c.share, 0)).toBeCloseTo(1, 6);

    const categories = renderCategoryTable(summary);
    expect(categories).toContain(`| ${PROCESSING} |`);
    expect(categories.split('\n').at(-1)).toMatch(/^\| all \| 100 % \(\d[\d,]* samples\) \| 100 % \(\d[\d,]* samples\) \|$/);
    expect(renderTopFunctionTable(summary)).toContain('`spinSecond` | `engine/processor/work.ts:9`');
  });
});

describe('the coverage of a window', () => {
  it('should accept the window the profile covers and name one it does not, or a profile without samples', () => {
    expect(profileCoverageFailure(profile, { from: times.start, to: times.end })).toBeUndefined();
    expect(profileCoverageFailure(profile, { from: profile.startTime - 1, to: times.end })).toMatch(/does not cover the run's window/);
    expect(profileCoverageFailure(profile, { from: times.start, to: profile.endTime + 1 })).toMatch(/does not cover the run's window/);
    expect(profileCoverageFailure({ ...profile, samples: [], timeDeltas: [] }, { from: times.start, to: times.end })).toBe('the profile holds no sample');
  });
});

describe('the report section of the missed goals', () => {
  it('should show each profile with its run, its tables and what dominates', () => {
    const summary = summarizeCpuProfile(profile, { root: dir, fromUs: times.boundary, toUs: times.end });
    expect(summary.categories.every((c) => CATEGORY_RULES.some((rule) => rule.category === c.category))).toBe(true);
    expect(dominantSentence(summary)).toMatch(
      new RegExp(`^The engine's thread was busy \\d+\\.\\d % of the window; ${PROCESSING.replace(/[()]/g, '\\$&')} took the largest share of that busy time, \\d+\\.\\d %.*; SQLite and the projector together .* 0\\.0 %\\.$`),
    );
    const section = renderMissedGoalProfiles(
      {
        enabled: true,
        profiles: [
          { mode: '(a)', goal: '(a) engine capacity: ≥ 50 % of the ceiling', measured: '1,500 instances/s', run: '1,200 instances/s under the profiler', summary },
          { mode: '(l)', goal: '(l) p99 job latency: < 50 ms', measured: 'p99 80 ms', run: 'failed', failure: 'the child exited' },
        ],
      },
      '1 ms sampling',
    );
    expect(section).toContain('### (a) engine capacity: ≥ 50 % of the ceiling\n\nMeasured: 1,500 instances/s. Profile run: 1,200 instances/s under the profiler.');
    expect(section).toContain(renderCategoryTable(summary));
    expect(section).toContain(renderTopFunctionTable(summary));
    expect(section).toContain(dominantSentence(summary));
    expect(section).toContain('### (l) p99 job latency: < 50 ms\n\nMeasured: p99 80 ms. Profile run: failed.\n\nNo profile: the child exited.');
  });

  it("should name in the Goals list only the goals with a profile, the failed ones apart, and (l)'s limit", () => {
    const summary = summarizeCpuProfile(profile, { root: dir, fromUs: times.boundary, toUs: times.end });
    const base = { goal: 'g', measured: 'm', run: 'r' };
    const sentence = missedGoalSentence({
      enabled: true,
      profiles: [
        { ...base, mode: '(a)', summary },
        { ...base, mode: '(b)', failure: 'the child exited' },
        { ...base, mode: '(l)', summary },
      ],
    });
    expect(sentence).toMatch(/^\(a\) and \(l\) are profiled in one more run of their mode after the measured ones \(\[Profiles of the missed goals\]\(#profiles-of-the-missed-goals\)\); for \(l\) the profile shows where the engine thread's time goes, not the tail itself/);
    expect(sentence).toContain('The profile run of (b) gave no profile');
    expect(missedGoalSentence({ enabled: true, profiles: [{ ...base, mode: '(a)', summary }] })).toMatch(/^\(a\) is profiled in one more run of its mode after the measured ones \(.*\)\. Older/);
  });

  it('should say when no goal missed and when the profiles were turned off', () => {
    expect(renderMissedGoalProfiles({ enabled: true, profiles: [] }, '')).toMatch(/^No engine throughput or latency goal .* missed in this run, so no profile was taken\.$/);
    expect(renderMissedGoalProfiles({ enabled: false, profiles: [] }, '')).toContain('BENCH_PROFILE_MISSES=0');
  });
});
