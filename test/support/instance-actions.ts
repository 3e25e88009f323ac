/**
 * What the BPMN semantics tests do to an engine through the SDK: start an instance, activate jobs (one worker
 * named `test`, a long lock, no long polling).
 */
import { expect } from 'vitest';
import type { EngineFixture } from './engine-fixture.js';

export function instanceActions(engine: () => EngineFixture) {
  /** Starts the latest version of the process; answers the process instance key. */
  const startInstance = async (processDefinitionId: string, variables: Record<string, unknown> = {}): Promise<string> => {
    const { processInstanceKey } = await engine().client.createProcessInstance({ processDefinitionId, variables });
    return processInstanceKey;
  };

  const activatableJobs = (type: string) =>
    engine().client.activateJobs({ type, worker: 'test', timeout: 60_000, maxJobsToActivate: 10, requestTimeout: -1 });

  /** Activates the one job of `type` that belongs to the instance. */
  const activateJob = async (type: string, processInstanceKey: string) => {
    const jobs = await activatableJobs(type);
    expect(jobs.map((job) => job.processInstanceKey)).toEqual([processInstanceKey]);
    return jobs[0]!;
  };

  return { startInstance, activatableJobs, activateJob };
}
