/**
 * The bounded soak of `npm test` (`npm run soak` is the long one): the real engine and worker processes under
 * steady load for 20 seconds in 4-second windows. No command may fail, every case must end with every
 * acknowledged command found, descriptors must not grow; the memory and p99 bounds are loose here (a short run on
 * a shared machine measures warm-up and noise, not a slope: the RSS bound lets a window grow 12.5 MB, as the
 * 90-second run in 15-second windows did before); the long run holds the tight ones. The drain moves the clock
 * every 5 s instead of 10 (see drainCases).
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../../scripts/reliability/soak-run.js';

describe('soak run (bounded)', () => {
  it('should serve a steady load with no failed command, no lost case and no growing descriptors', async () => {
    const lines: string[] = [];
    const report = await runSoak({
      minutes: 1 / 3,
      casesPerMinute: 60,
      windowMs: 4_000,
      drainTimeoutMs: 240_000,
      drainClockEveryMs: 5_000,
      bounds: { rssSlopeMbPerHour: 11_250, handleGrowth: 20, p99FloorMs: 3_000 },
      log: (line) => lines.push(line),
    });

    expect(report.violations, lines.join('\n')).toEqual([]);
    expect(report.errors).toBe(0);
    expect(report.windows.length).toBeGreaterThanOrEqual(5);
    expect(report.requests).toBeGreaterThan(50);
    expect(report.cases).toBeGreaterThan(10);
  }, 480_000);
});
