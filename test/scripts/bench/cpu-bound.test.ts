/**
 * The CPU arithmetic of bench mode (a): CPU per instance from a window's CPU time, the rate the cores allow the
 * engine and its client together, and the table that puts it beside the measured share of the ceiling.
 */
import { describe, expect, it } from 'vitest';
import { cpuBoundRate, cpuPerInstanceUs, threadBoundRate } from '../../../scripts/bench/cpu-bound.js';
import { busiestThread } from '../../../scripts/bench/process-cpu.js';
import { engineCpuBound, engineCpuBoundShare, engineThreadBoundShare, renderCpuBoundTable, type ModeResult } from '../../../scripts/bench/report.js';
import type { RunResult } from '../../../scripts/bench/measure.js';

describe('bench CPU bound', () => {
  it('should give the CPU per completed instance in µs', () => {
    expect(cpuPerInstanceUs(5_000, 10_000)).toBe(500);
    expect(cpuPerInstanceUs(undefined, 10_000)).toBeUndefined();
    expect(cpuPerInstanceUs(5_000, 0)).toBeUndefined();
  });

  it('should divide the cores by the engine and client CPU per instance', () => {
    // 2 cores, 400 µs engine + 100 µs client per instance: 2 s of CPU per second ÷ 500 µs = 4,000/s
    expect(cpuBoundRate(2, 400, 100)).toBe(4_000);
    expect(cpuBoundRate(4, 400, 100)).toBe(8_000);
    expect(cpuBoundRate(2, undefined, 100)).toBeUndefined();
    expect(cpuBoundRate(2, 0, 0)).toBeUndefined();
  });

  it('should put the engine bound beside the ceiling and the measured share', () => {
    // given: the ceiling at 8,000/s, the engine measured at 2,000/s with 600 + 200 µs per instance on 2 cores
    const mode: ModeResult = {
      label: '(a) engine capacity, undici client',
      goal: 0.5,
      engine: run({ perSecond: 2_000, serverCpuPerInstanceUs: 600, clientCpuPerInstanceUs: 200, serverBusiestThread: { name: 'node', cpu: 97.4 } }),
      ceiling: run({ perSecond: 8_000, serverCpuPerInstanceUs: 120, clientCpuPerInstanceUs: 130 }),
    };

    // when
    const table = renderCpuBoundTable([mode]);

    // then: 2 ÷ 800 µs = 2,500/s = 31.25 % of the ceiling and of its bound (2 ÷ 250 µs), beside the measured 25 %
    expect(engineCpuBound(mode)).toBe(2_500);
    expect(engineCpuBoundShare(mode)).toBeCloseTo(0.3125);
    // and its busiest thread, at 97.4 % of a core for 2,000/s, would give 2,053/s at a full core: 25.7 % of the ceiling
    expect(engineThreadBoundShare(mode)).toBeCloseTo(2_000 / 0.974 / 8_000);
    expect(table).toContain('| (a) engine capacity, undici client | 2 | 600 / 200 | 97 (node) | 120 / 130 | 8000 (8000) | 2500 | 31.3 % | 31.3 % | 25.0 % | 2053, 25.7 % |');
  });

  it("should scale a thread's rate to a full core", () => {
    // 2,237/s with the thread at 76.8 % of a core: 2,913/s if it were busy all the time
    expect(threadBoundRate(2_237, 76.8)).toBeCloseTo(2_912.8, 1);
    expect(threadBoundRate(2_237, undefined)).toBeUndefined();
    expect(threadBoundRate(2_237, 0)).toBeUndefined();
    expect(threadBoundRate(0, 50)).toBeUndefined();
  });

  it('should find the thread that used the most CPU between two readings', () => {
    const before = new Map([
      [10, { name: 'node', ms: 1_000 }],
      [11, { name: 'libuv-worker', ms: 50 }],
    ]);
    const after = new Map([
      [10, { name: 'node', ms: 1_900 }],
      [11, { name: 'libuv-worker', ms: 150 }],
      [12, { name: 'V8 Worker', ms: 300 }],
    ]);
    expect(busiestThread(before, after)).toEqual({ tid: 10, name: 'node', ms: 900 });
    expect(busiestThread(new Map(), new Map())).toBeUndefined();
  });
});

function run(figures: Partial<RunResult> & { perSecond: number }): RunResult {
  return {
    target: 'engine', seconds: 10, completed: figures.perSecond * 10, p50: 1, p99: 2, clientCompletedTotal: 1, serverCompleted: 1,
    errors: 0, cores: 2, windowUs: { from: 0, to: 10_000_000 }, clientLoopDelay: { p50: 1, p99: 2, max: 3 }, ...figures,
  };
}
