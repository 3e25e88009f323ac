/**
 * Writes the figures of the last full run of `npm run chaos` or `npm run soak` into
 * docs/reliability.md, each between its own markers, so the page always shows what was last measured and when.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './child-process.js';
import type { ChaosReport } from './chaos-run.js';
import type { SoakReport } from './soak-run.js';

const DOC = join(ROOT, 'docs/reliability.md');

type Figures = { chaos: ChaosReport; soak: SoakReport };

export function updateReliabilityFigures<K extends keyof Figures>(kind: K, figures: Figures[K]): void {
  const text = readFileSync(DOC, 'utf8');
  const start = `<!-- figures:${kind} -->`;
  const end = `<!-- end figures:${kind} -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/reliability.md has no ${start} … ${end} section`);
  const body = RENDER[kind](figures as never);
  writeFileSync(DOC, `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`);
}

const RENDER: { [K in keyof Figures]: (figures: Figures[K]) => string } = {
  chaos: (r) =>
    [
      `Last full run: ${today()}, ${minutes(r.durationMs)} (load ${r.acknowledged.creates} cases).`,
      '',
      '| figure | value |',
      '| --- | --- |',
      `| engine SIGKILLs survived (restarted on the same data) | ${r.kills} |`,
      `| … of which landed during a commit (WAL ended inside an uncommitted transaction) | ${r.killsDuringCommit} |`,
      `| torn WAL frames forged before a restart | ${r.tornFramesForged} |`,
      `| worker-process SIGKILLs (holding a notice job) | ${r.workerKills} (${r.workerKillsHoldingANoticeJob}) |`,
      `| mean time from SIGKILL to ready again | ${r.meanRestartMs} ms |`,
      `| time for every case to end after the load stopped | ${minutes(r.drainMs)} |`,
      `| acknowledged commands checked | ${sum(r.acknowledged)} (${r.acknowledged.creates} creates, ${r.acknowledged.jobCompletions} job completions, ${r.acknowledged.taskCompletions} user-task completions by clerks, ${r.acknowledged.messages} messages) |`,
      `| commands that failed because the engine was down (never acknowledged) | ${Object.values(r.attempts).reduce((a, b) => a + b.failed, 0)} |`,
      `| cases ended / ended in an incident (a person's work item) | ${r.completedCases} / ${r.incidents.length} of ${r.cases} |`,
      `| timers fired (none twice) | ${r.timersFired} |`,
      `| notices numbered 1 … N, documents stored | ${r.notices}, ${r.documents} |`,
      `| SQLite integrity (engine, worker state) | ${r.integrity.engine}, ${r.integrity.workerState} |`,
      `| violations | ${r.violations.length} |`,
    ].join('\n'),
  soak: (r) =>
    [
      `Last full run: ${today()}, ${r.minutes} minutes at ${r.casesPerMinute} cases a minute (${r.cases} cases, ${r.requests} requests).`,
      '',
      '| figure | value | bound |',
      '| --- | --- | --- |',
      `| engine RSS first → last window | ${r.rss.firstMb} → ${r.rss.lastMb} MB | — |`,
      `| RSS slope after the first window | ${r.rss.slopeMbPerHour} MB/h | < ${r.bounds.rssSlopeMbPerHour} MB/h |`,
      `| open file descriptors first → last window | ${r.handles.first} → ${r.handles.last} | growth ≤ ${r.bounds.handleGrowth} |`,
      `| p99 latency, first window → worst window | ${r.p99.firstMs} → ${r.p99.worstMs} ms | ≤ 2 × first (or ≤ ${r.bounds.p99FloorMs} ms) |`,
      `| errors | ${r.errors} | 0 |`,
    ].join('\n'),
};

function sum(values: Record<string, number>): number {
  return Object.values(values).reduce((a, b) => a + b, 0);
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function minutes(ms: number): string {
  return `${Math.round(ms / 6_000) / 10} min`;
}
