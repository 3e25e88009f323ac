/**
 * The bounded version of `npm run bench:engine`: each workload (publications included) for about a second. Figures are not asserted (speed
 * is measured by the bench, never by a timed test); what is checked is that the measurement measures: instances
 * complete in the window, every instance created in the run is COMPLETED in the engine, the CPU figure is a real
 * number, and the counters the notes quote are counted; and that the failing completions beside a workload fail.
 */
import { describe, expect, it } from 'vitest';
import { IN_PROCESS_WORKLOADS, measureInProcess } from '../../../scripts/bench/in-process.js';

describe('the in-process driver', () => {
  it.each(IN_PROCESS_WORKLOADS)('should complete every %s instance it creates and measure the CPU per instance', async (workload) => {
    // when
    const result = await measureInProcess({ workload, windowMs: 1000, warmupMs: 300, creators: 4, workers: 2 });

    // then
    expect(result.workload).toBe(workload);
    expect(result.instances).toBeGreaterThan(0);
    expect(result.created).toBeGreaterThanOrEqual(result.instances);
    expect(result.completedInEngine).toBe(result.created);
    expect(Number.isFinite(result.cpuPerInstanceUs)).toBe(true);
    expect(result.cpuPerInstanceUs).toBeGreaterThan(0);
    expect(result.cpuPerInstanceUs).toBeCloseTo(result.userPerInstanceUs + result.systemPerInstanceUs, 6);
    expect(result.instancesPerSecond).toBeGreaterThan(0);
    // a batch carries one command or more, and an instance takes at most three (create, activate, complete)
    expect(result.batchesPerInstance).toBeGreaterThan(0);
    expect(result.batchesPerInstance).toBeLessThanOrEqual(3);
    expect(result.forcedProjectionsPerInstance).toBeGreaterThanOrEqual(0);
  }, 90_000);

  it('should send the failing completions beside the workload, every one answered with a failure', async () => {
    // when: one client completes an unknown job every 5 ms (the driver throws if one of them succeeds)
    const result = await measureInProcess({ workload: 'service-task', windowMs: 1000, warmupMs: 300, creators: 4, workers: 2, failingEveryMs: 5 });

    // then
    expect(result.failedCommands).toBeGreaterThan(0);
    expect(result.instances).toBeGreaterThan(0);
    expect(result.completedInEngine).toBe(result.created);
  }, 90_000);
});
