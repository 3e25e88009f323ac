/**
 * The bounded version of bench mode (l): the SDK client at a fixed arrival rate against a real engine child and
 * against the stand-in, one short window each. Figures are not asserted (speed is measured by `npm run bench`,
 * never by a timed test); what is checked is that the measurement measures: the arrivals keep their rate, every
 * job is completed and counted by the server, and each measured job has its three spans in order.
 */
import { describe, expect, it } from 'vitest';
import { JobLatencyRecorder, measureJobLatency, type JobLatencyResult } from '../../../scripts/bench/job-latency.js';
import { InstanceTracker } from '../../../scripts/bench/instance-tracker.js';
import { renderClientThreadTable, renderEngineThreadTable, renderJobLatencyTable } from '../../../scripts/bench/report.js';

const RATE = 40;
const OPTIONS = { warmupMs: 500, measureMs: 1500, drainMs: 15_000, rate: RATE, maxJobsToActivate: 128, pollIntervalMs: 10 };

describe('bench mode (l)', () => {
  it('should measure job latency at a fixed rate against the stand-in and the engine', async () => {
    // when
    const ceiling = await measureJobLatency('stand-in', OPTIONS);
    const engine = await measureJobLatency('engine', OPTIONS);

    // then
    for (const result of [ceiling, engine]) expectMeasured(result);
    const table = renderJobLatencyTable({ goalMs: 50, rateBasis: 'test', engine, ceiling });
    expect(table).toContain('| (l) engine: create sent → completion acknowledged | 40 (');
    expect(table).toMatch(/\| \(l\) engine: create sent → job in the handler \| .* \| p99 < 50 ms: (met|MISSED) \|/);
    expect(table).toContain('| (l) stand-in (ceiling): create sent → job in the handler | 40 (');
    // the engine child counts its batch syncs and the jobs handed over at creation; the stand-in has neither
    const syncs = engine.run.engineSyncs!;
    expect(syncs.perInstance).toBeGreaterThan(0);
    expect(syncs.wait.count).toBeGreaterThan(0);
    expect(syncs.wait.max).toBeGreaterThanOrEqual(syncs.wait.p50);
    expect(syncs.handedAtCreation).toBeGreaterThanOrEqual(0);
    expect(syncs.handedAtCreation).toBeLessThanOrEqual(1);
    // and what held the engine's thread: the loop's delay, the projector's runs (the bench's 100 ms delay), GC
    expect(syncs.loopDelay.max).toBeGreaterThanOrEqual(syncs.loopDelay.p50);
    expect(syncs.projector.count).toBeGreaterThan(0);
    expect(syncs.gc.count).toBeGreaterThanOrEqual(0);
    expect(renderEngineThreadTable({ goalMs: 50, rateBasis: 'test', engine, ceiling })).toContain(`| (l) engine window | ${syncs.loopDelay.p50.toFixed(1)} / `);
    // and what held the client's thread in each window
    for (const result of [ceiling, engine]) expect(result.run.clientLoopDelay.max).toBeGreaterThanOrEqual(result.run.clientLoopDelay.p50);
    const client = renderClientThreadTable({ goalMs: 50, rateBasis: 'test', engine, ceiling });
    expect(client).toContain(`| (l) engine window | ${engine.run.clientLoopDelay.p50.toFixed(1)} / `);
    expect(client).toContain(`| (l) stand-in window | ${ceiling.run.clientLoopDelay.p50.toFixed(1)} / `);
    expect(ceiling.run.engineSyncs).toBeUndefined();
    expect(engine.run.cores).toBeGreaterThanOrEqual(1);
    expect(engine.run.serverBusiestThread?.cpu).toBeGreaterThanOrEqual(0);
  }, 120_000);

  it('should pair a job with its create reply when the job reaches the handler first', () => {
    // given
    const tracker = new InstanceTracker();
    const recorder = new JobLatencyRecorder(tracker);
    tracker.openWindow();
    const sentAt = performance.now();

    // when
    recorder.onReceived('1', sentAt + 3);
    recorder.onAcked('1', sentAt + 5);
    recorder.onCreated('1', sentAt, sentAt + 4);

    // then
    expect(recorder.toHandler).toEqual([3]);
    expect(recorder.toCompletion).toEqual([5]);
    expect(recorder.createRoundTrip).toEqual([4]);
  });
});

function expectMeasured(result: JobLatencyResult): void {
  const { run, toHandler, toCompletion, createRoundTrip } = result;
  expect(run.errors).toBe(0);
  expect(run.clientCompletedTotal).toBe(run.serverCompleted);
  // an open loop keeps its arrivals: (warm-up + window) × rate creates, within a tick's rounding
  expect(run.clientCompletedTotal).toBeGreaterThanOrEqual(Math.floor(2 * RATE) - 1);
  expect(toCompletion.count).toBeGreaterThan(0);
  expect(toHandler.count).toBe(toCompletion.count);
  expect(createRoundTrip.count).toBe(toCompletion.count);
  expect(toHandler.p50).toBeGreaterThan(0);
  expect(toCompletion.p50).toBeGreaterThanOrEqual(toHandler.p50);
  expect(toCompletion.max).toBeGreaterThanOrEqual(toCompletion.p99);
}
