/**
 * What the BPMN semantics tests read about an instance: its event sequence from the engine's event log, an
 * element's lifecycle, the flows taken, and the instance state through the SDK.
 */
import type { EngineFixture } from './engine-fixture.js';

export function instanceProbes(engine: () => EngineFixture) {
  /** The PROCESS_INSTANCE events as `INTENT id` (element id, or flow id for SEQUENCE_FLOW_TAKEN). */
  const sequence = (processInstanceKey: string): string[] =>
    engine()
      .server.engine.eventsOf(Number(processInstanceKey))
      .filter((e) => e.valueType === 'PROCESS_INSTANCE')
      .map((e) => {
        const record = e.record as { elementId?: string; flowId?: string };
        return `${e.intent} ${record.elementId ?? record.flowId}`;
      });

  const lifecycleOf = (processInstanceKey: string, elementId: string): string[] =>
    sequence(processInstanceKey)
      .filter((entry) => entry.endsWith(` ${elementId}`) && !entry.startsWith('SEQUENCE_FLOW_TAKEN'))
      .map((entry) => entry.split(' ')[0]!);

  const takenFlows = (processInstanceKey: string): string[] =>
    sequence(processInstanceKey)
      .filter((entry) => entry.startsWith('SEQUENCE_FLOW_TAKEN '))
      .map((entry) => entry.split(' ')[1]!);

  const stateOf = async (processInstanceKey: string): Promise<string | undefined> => {
    const { items } = await engine().client.searchProcessInstances({ filter: { processInstanceKey } });
    return items[0]?.state;
  };

  return { sequence, lifecycleOf, takenFlows, stateOf };
}
