/**
 * The bounded chaos run of `npm test` (`npm run chaos` is the full one): the real engine and worker processes,
 * load through the SDK and clerks' sessions, the engine SIGKILLed twice — one kill of each kind: the first at a
 * random moment, the second as the WAL grows, and the restart after it reads a forged torn frame — and the worker
 * process SIGKILLed once while it may hold a notice job. Every acknowledged command must be found afterwards and
 * every case must end. A second run keeps the worker state in a real redis-server, SIGKILLed with the worker
 * process. The drain moves the clock every 5 s instead of 10 (see drainCases); `npm run chaos` kills 25 times.
 */
import { describe, expect, it } from 'vitest';
import { runChaos } from '../../../scripts/reliability/chaos-run.js';

describe('chaos run (bounded)', () => {
  it('should lose no acknowledged command, fire no timer twice and number notices without gaps across SIGKILLs', async () => {
    const lines: string[] = [];
    const report = await runChaos({
      kills: 2,
      workerKills: 1,
      createsPerSecond: 1,
      minUpMs: 400,
      maxUpMs: 1_500,
      seed: 15,
      drainTimeoutMs: 240_000,
      drainClockEveryMs: 5_000,
      log: (line) => lines.push(line),
    });

    expect(report.violations, lines.join('\n')).toEqual([]);
    expect(report.kills).toBe(2);
    expect(report.tornFramesForged).toBe(1);
    expect(report.workerKills).toBe(1);
    expect(report.acknowledged.creates).toBeGreaterThan(0);
    expect(report.cases).toBeGreaterThanOrEqual(report.acknowledged.creates);
    expect(report.completedCases + report.incidents.length).toBe(report.cases);
    expect(report.acknowledged.jobCompletions).toBeGreaterThan(0);
    expect(report.acknowledged.taskCompletions).toBeGreaterThan(0);
    expect(report.acknowledged.messages).toBeGreaterThan(0);
    expect(report.notices).toBe(report.documents);
    expect(report.integrity).toEqual({ engine: 'ok', workerState: 'ok' });
  }, 480_000);

  it('should number notices without gaps or duplicates when Redis holds the worker state and is SIGKILLed with the workers', async () => {
    const lines: string[] = [];
    const report = await runChaos({
      kills: 2,
      workerKills: 1,
      createsPerSecond: 1,
      minUpMs: 400,
      maxUpMs: 1_500,
      seed: 16,
      drainTimeoutMs: 240_000,
      drainClockEveryMs: 5_000,
      workerState: 'redis',
      log: (line) => lines.push(line),
    });

    expect(report.violations, lines.join('\n')).toEqual([]);
    expect(report.redisKills).toBe(1);
    expect(report.acknowledged.creates).toBeGreaterThan(0);
    expect(report.completedCases + report.incidents.length).toBe(report.cases);
    expect(report.notices).toBeGreaterThan(0);
    expect(report.notices).toBe(report.documents);
    expect(report.integrity).toEqual({ engine: 'ok', workerState: 'ok' });
  }, 480_000);
});
