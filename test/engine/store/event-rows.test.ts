/**
 * The `events` row encoding: every event comes back whole from its row alone, rows written before the encoding
 * still decode, and an element's later lifecycle events are stored as their changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEvents, encodeEvents, type AppendedEvent } from '../../../engine/store/event-rows.js';

const T0 = '2026-12-04T08:00:00.000Z';
const T1 = '2026-12-04T08:00:00.007Z';

function element(key: number, elementId: string, state: string, endDate: string | null = null) {
  return {
    key, processInstanceKey: 100, processDefinitionKey: 7, bpmnProcessId: 'p', elementId, elementName: null,
    elementType: 'SERVICE_TASK', flowScopeKey: 100, state, startDate: T0, endDate, tenantId: '<default>', incidentKey: null,
  };
}

function event(valueType: string, intent: string, record: { key: number; [field: string]: unknown }, timestamp = T0, recordKey = record.key): AppendedEvent {
  return { recordKey, valueType, intent, timestamp, record };
}

/** What the old encoding and JSON give back of an event: undefined fields dropped. */
function asStored(events: readonly AppendedEvent[]) {
  return JSON.parse(JSON.stringify(events)) as AppendedEvent[];
}

describe('event rows', () => {
  it('should give back each event of a lifecycle whole', () => {
    // given
    const events = [
      event('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', element(101, 'task', 'ACTIVATING')),
      event('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', element(101, 'task', 'ACTIVATED')),
      event('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', { key: 102, flowId: 'f', flowScopeKey: 100 }),
      event('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', element(103, 'end', 'ACTIVATING')),
      event('PROCESS_INSTANCE', 'ELEMENT_COMPLETED', element(101, 'task', 'COMPLETED', T1), T1),
    ];

    // when
    const decoded = decodeEvents(encodeEvents(events), T0);

    // then
    expect(decoded).toEqual(asStored(events));
  });

  it('should store later events of a record as the fields that changed', () => {
    // given
    const events = [
      event('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', element(101, 'task', 'ACTIVATING')),
      event('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', element(101, 'task', 'ACTIVATED')),
      event('PROCESS_INSTANCE', 'ELEMENT_COMPLETED', element(101, 'task', 'COMPLETED', T1), T1),
    ];

    // when
    const entries = JSON.parse(encodeEvents(events)) as Record<string, unknown>[];

    // then
    expect(entries[0]).toEqual({ valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_ACTIVATING', record: events[0]!.record });
    expect(entries[1]).toEqual({ valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_ACTIVATED', key: 101, change: { state: 'ACTIVATED' } });
    expect(entries[2]).toEqual({
      valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_COMPLETED', key: 101, change: { state: 'COMPLETED', endDate: T1 }, timestamp: T1,
    });
  });

  it('should keep a taken sequence flow whole, where SQL reads its flow id', () => {
    // given
    const flow = { key: 102, flowId: 'to-end', flowScopeKey: 100, processInstanceKey: 100, targetElementId: 'end', joining: false };
    const events = [
      event('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', { ...flow, key: 101, flowId: 'to-task' }),
      event('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', flow),
    ];

    // when
    const entries = JSON.parse(encodeEvents(events)) as { intent: string; record: { flowId: string } }[];

    // then
    expect(entries.map((entry) => entry.record.flowId)).toEqual(['to-task', 'to-end']);
  });

  it('should decode a row written before the encoding', () => {
    // given: every entry whole, with recordKey and timestamp
    const old = [
      { recordKey: 101, valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_ACTIVATING', timestamp: T0, record: element(101, 'task', 'ACTIVATING') },
      { recordKey: 101, valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_ACTIVATED', timestamp: T1, record: element(101, 'task', 'ACTIVATED') },
      { recordKey: 5, valueType: 'SIGNAL', intent: 'BROADCAST', timestamp: T1, record: { key: 5, signalName: 's' } },
    ];

    // when
    const decoded = decodeEvents(JSON.stringify(old), T0);

    // then
    expect(decoded).toEqual(old);
  });

  it('should give back any sequence of events whole', () => {
    const value = fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 4 }), fc.constant(undefined), fc.constant({}), fc.constant([1]));
    const record = fc.record({ key: fc.integer({ min: 1, max: 4 }), a: value, b: value, c: value }, { requiredKeys: ['key'] });
    const anEvent = fc.record({
      valueType: fc.constantFrom('PROCESS_INSTANCE', 'JOB'),
      intent: fc.constantFrom('ELEMENT_ACTIVATED', 'SEQUENCE_FLOW_TAKEN', 'CREATED'),
      timestamp: fc.constantFrom(T0, T1),
      record,
      recordKeyOffset: fc.constantFrom(0, 0, 0, 9),
    });
    fc.assert(
      fc.property(fc.array(anEvent, { minLength: 1, maxLength: 12 }), (generated) => {
        const events = generated.map(({ recordKeyOffset, ...rest }) => ({ ...rest, recordKey: rest.record.key + recordKeyOffset }));
        expect(decodeEvents(encodeEvents(events), events[0]!.timestamp)).toEqual(asStored(events));
      }),
      { numRuns: 2000 },
    );
  });
});
