/**
 * How the events of one command and process instance are stored as one `events` row: a JSON array, one entry per
 * event, in order. An entry holds only what the row does not already say:
 *
 * - `valueType`, `intent`, and the event's `record`, whole the first time the row holds a record of its value type;
 * - after that, `key` and `change`: the record written as the fields that differ from the record of that key
 *   earlier in the row — the same key's previous record (an element's ACTIVATING, ACTIVATED, COMPLETING,
 *   COMPLETED; a job created and handed over in one command), else the last record of the value type (the next
 *   element of the same instance shares its process, definition and tenant fields). Decoding merges them back,
 *   so every event comes back whole from its row alone (replay, the case history): a row never refers to another;
 * - `timestamp` only where it differs from the row's `timestamp` column (the first event's);
 * - `recordKey` only where it differs from `record.key`.
 *
 * A record is written whole where a change would not be smaller, and a taken sequence flow always (SQL reads its
 * `$.record.flowId`, engine-queries.ts). Rows written before this encoding (every entry whole, with `recordKey`
 * and `timestamp`) decode the same way, so no file needs rewriting.
 *
 * Why: each element instance record whole in each of its four lifecycle events made the log about 11 KB per
 * one-service-task instance, written to the WAL and fsynced in every batch commit (docs/performance-notes.md).
 */

/** An event as the log hands it out. */
export interface DecodedEvent {
  recordKey: number;
  valueType: string;
  intent: string;
  timestamp: string;
  record: unknown;
}

/** An event as a command appended it. */
export interface AppendedEvent {
  recordKey: number;
  valueType: string;
  intent: string;
  timestamp: string;
  record: unknown;
}

type Fields = Record<string, unknown>;

interface StoredEntry {
  valueType: string;
  intent: string;
  recordKey?: number;
  timestamp?: string;
  record?: unknown;
  key?: number;
  change?: Fields;
}

/** The row's JSON for `events` (in order); the row's `timestamp` column is the first event's. */
export function encodeEvents(events: readonly AppendedEvent[]): string {
  const rowTimestamp = events[0]!.timestamp;
  // per value type: the records the row holds by key, and the last one of them
  const held = new Map<string, { byKey: Map<number, Fields>; last: Fields | undefined }>();
  const entries: StoredEntry[] = [];
  for (const event of events) {
    const record = event.record as Fields;
    const keyed = isRecord(record) && typeof record.key === 'number' && record.key === event.recordKey && event.intent !== FLOW_TAKEN;
    let entry: StoredEntry | undefined;
    if (keyed) {
      let kind = held.get(event.valueType);
      if (!kind) held.set(event.valueType, (kind = { byKey: new Map(), last: undefined }));
      // the same key's previous record; else the last record of the value type (a sibling element, the next job)
      const base = kind.byKey.get(event.recordKey) ?? kind.last;
      const change = base && changedFields(base, record);
      if (change) entry = { valueType: event.valueType, intent: event.intent, key: base.key as number, change };
      kind.byKey.set(event.recordKey, record);
      kind.last = record;
    }
    if (!entry) {
      entry = { valueType: event.valueType, intent: event.intent, record };
      if (!isRecord(record) || record.key !== event.recordKey) entry.recordKey = event.recordKey;
    }
    if (event.timestamp !== rowTimestamp) entry.timestamp = event.timestamp;
    entries.push(entry);
  }
  return JSON.stringify(entries);
}

/** The events of one row, each whole. */
export function decodeEvents(json: string, rowTimestamp: string): DecodedEvent[] {
  const held = new Map<string, Map<number, Fields>>();
  return (JSON.parse(json) as StoredEntry[]).map((entry) => {
    let kind = held.get(entry.valueType);
    let record: unknown;
    if (entry.change !== undefined) {
      const base = kind?.get(entry.key!);
      if (!base) throw new Error(`an event row changes record ${entry.key!} before it holds it`);
      record = { ...base, ...entry.change };
    } else record = entry.record;
    const recordKey = entry.recordKey ?? ((record as Fields).key as number);
    if (entry.recordKey === undefined && entry.intent !== FLOW_TAKEN && isRecord(record)) {
      if (!kind) held.set(entry.valueType, (kind = new Map()));
      kind.set(recordKey, record as Fields);
    }
    return { recordKey, valueType: entry.valueType, intent: entry.intent, timestamp: entry.timestamp ?? rowTimestamp, record };
  });
}

// helpers

/**
 * Always whole: a taken sequence flow's record is small, and SQL reads its `flowId` from the row
 * (engine-queries.ts, sequenceFlows).
 */
const FLOW_TAKEN = 'SEQUENCE_FLOW_TAKEN';

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The fields of `record` that differ from `previous` (compared by value for primitives, by reference otherwise);
 * undefined when the change cannot be told as fields to overwrite (a field gone, a record that is not an object).
 */
function changedFields(previous: Fields, record: Fields): Fields | undefined {
  const change: Fields = {};
  let fields = 0;
  let changed = 0;
  for (const name in record) {
    const value = record[name];
    if (value === undefined) {
      if (previous[name] !== undefined) return undefined;
      continue;
    }
    fields++;
    if (value !== previous[name]) {
      change[name] = value;
      changed++;
    }
  }
  // a field the previous record had and this one lacks cannot be told as an overwrite
  for (const name in previous) if (previous[name] !== undefined && !(name in record && record[name] !== undefined)) return undefined;
  return fields > 0 && changed < fields ? change : undefined;
}
