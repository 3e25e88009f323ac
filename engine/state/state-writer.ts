/**
 * The only way to change engine state: `append(valueType, intent, record)`. The one applier of that event changes
 * the state, and the event goes to the event log (audit trail, tests).
 */
import { APPLIERS } from './appliers/index.js';
import type { Applier } from './appliers/applier.js';
import type { EventRecords, Intent, ValueType } from './event-records.js';
import type { EventLogWriter, MutableState } from './mutable-state.js';

export type { EventRecords, Intent, ValueType } from './event-records.js';

export class StateWriter {
  constructor(
    private readonly state: MutableState,
    private readonly now: () => string,
    /** The event log costs a write per command; benchmarks may turn it off (undefined), the default keeps it. */
    private readonly eventLog: EventLogWriter | undefined,
  ) {}

  append<V extends ValueType, I extends Intent<V>>(valueType: V, intent: I, record: EventRecords[V][I]): void {
    const applier = APPLIERS[valueType][intent] as Applier<EventRecords[V][I]>;
    applier(this.state, record);
    if (this.eventLog) {
      const r = record as { key: number; processInstanceKey?: number | null };
      // a process instance's own state is its instance's history too: in its row, not in one of its own
      const processInstanceKey = valueType === 'PROCESS_INSTANCE_STATE' ? r.key : (r.processInstanceKey ?? null);
      this.eventLog.write(r.key, valueType, intent, processInstanceKey, this.now(), record);
    }
  }
}
