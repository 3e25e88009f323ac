/**
 * The bounded version of bench mode (p): the bpmn-engine peer runs both shapes in its own process and reports
 * figures that come from work it did (instances completed, instances waiting and signalled, heap after GCs).
 */
import { describe, expect, it } from 'vitest';
import { measurePeer } from '../../../scripts/bench/bpmn-engine-peer.js';

describe('bench mode (p)', () => {
  it('should run the service-task and user-task shapes on bpmn-engine and measure them', async () => {
    // when
    const result = await measurePeer({ warmupSeconds: 0.5, seconds: 1, inFlight: 4, waiting: 50 });

    // then
    expect(result.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(result.gc).toBe(true);
    expect(result.service.errors).toBe(0);
    expect(result.service.completed).toBeGreaterThan(0);
    expect(result.userTask).toMatchObject({ instances: 50 });
    expect(result.userTask.createdPerSecond).toBeGreaterThan(0);
    expect(result.userTask.completedPerSecond).toBeGreaterThan(0);
    expect(result.userTask.heapPerInstance).toBeGreaterThan(0);
  }, 120_000);
});
