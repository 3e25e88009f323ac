/**
 * What the BPMN semantics tests read about an instance: its event sequence from the engine's event log, an
 * element's lifecycle, the flows taken, the intents of one record type, and through the SDK the instance state,
 * a scope's variables and the active incidents.
 */
import type { EngineFixture } from './engine-fixture.js';

export function instanceProbes(engine: () => EngineFixture) {
  /** Every event the engine logged for the instance. */
  const events = (processInstanceKey: string) => engine().server.engine.eventsOf(Number(processInstanceKey));

  /** The intents of the instance's events of one record type (JOB, TIMER, INCIDENT …), in order. */
  const intentsOf = (processInstanceKey: string, valueType: string): string[] =>
    events(processInstanceKey)
      .filter((e) => e.valueType === valueType)
      .map((e) => e.intent);

  /** The PROCESS_INSTANCE events as `INTENT id` (element id, or flow id for SEQUENCE_FLOW_TAKEN). */
  const sequence = (processInstanceKey: string): string[] =>
    events(processInstanceKey)
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

  /** The variables stored in exactly this scope, with their values parsed. */
  const variablesIn = async (scopeKey: string): Promise<Record<string, unknown>> => {
    const { items } = await engine().client.searchVariables({ filter: { scopeKey } });
    // a search cuts values longer than 8191 characters: those are read whole (the SDK's getVariable parses them)
    const values = await Promise.all(
      items.map(async (v) => (v.isTruncated ? (await engine().client.getVariable({ variableKey: v.variableKey })).value : (JSON.parse(v.value) as unknown))),
    );
    return Object.fromEntries(items.map((v, i) => [v.name, values[i]]));
  };

  const activeIncidents = async (processInstanceKey: string) => {
    const { items } = await engine().client.searchIncidents({ filter: { processInstanceKey, state: 'ACTIVE' } });
    return items;
  };

  return { events, sequence, lifecycleOf, takenFlows, intentsOf, stateOf, variablesIn, activeIncidents };
}
