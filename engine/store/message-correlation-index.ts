/**
 * What the command path asks of a message's correlations, in memory, so it runs no SQL for them:
 * - which process instances a buffered message already reached (a buffered message reaches an instance once), for
 *   the messages still buffered;
 * - which instances a message start event started with a correlation key and are still active (Zeebe's rule: one
 *   active instance per key and process).
 *
 * `message_correlations` is a projected table (engine-store.ts): its rows are written by the projector, and an open
 * or a rollback replays the events after the projected position. This index is loaded from what SQLite holds then
 * (`reload`), before that replay, and follows every change of the three tables it looks at from there on: the
 * replayed changes bring it to what the events hold, as they do the tables.
 */
import type { MessageCorrelationRecord, MessageRecord, ProcessInstanceRecord } from '../state/records.js';
import type { TableObserver } from './record-table.js';
import type { ReadStatement, StoreConnection } from './store-connection.js';

export class MessageCorrelationIndex {
  /** Per buffered message: the process instances it reached. */
  private readonly reached = new Map<number, Set<number>>();
  /** Per process and correlation key: the active instances a message start event started. */
  private readonly started = new Map<string, Set<number>>();
  /** The group in `started` of each of those instances. */
  private readonly startedGroupOf = new Map<number, string>();
  private readonly storedReached: ReadStatement;
  private readonly storedStarted: ReadStatement;

  /** Follows the buffered messages: one entry per message from its publication to its expiry. */
  readonly messages: TableObserver<MessageRecord> = {
    changed: (key, record) => {
      if (record && !this.reached.has(key)) this.reached.set(key, new Set());
      else if (!record) this.reached.delete(key);
    },
    clear: () => undefined,
    transactionEnded: () => undefined,
  };

  /** Follows the correlations (only ever inserted). */
  readonly correlations: TableObserver<MessageCorrelationRecord> = {
    changed: (_key, record) => {
      if (!record) return;
      this.reached.get(record.messageKey)?.add(record.processInstanceKey);
      // (an instance that ended within its start, a start event straight to an end event, is not kept)
      if (record.startedInstance === 1 && record.correlationKey !== '' && this.isActive(record.processInstanceKey)) {
        this.addStarted(record.bpmnProcessId, record.correlationKey, record.processInstanceKey);
      }
    },
    clear: () => undefined,
    transactionEnded: () => undefined,
  };

  /** Follows the process instances: one started by a message leaves the index when it is no longer active. */
  readonly processInstances: TableObserver<ProcessInstanceRecord> = {
    changed: (key, record) => {
      if (record?.state === 'ACTIVE') return;
      const group = this.startedGroupOf.get(key);
      if (group === undefined) return;
      this.startedGroupOf.delete(key);
      const instances = this.started.get(group)!;
      instances.delete(key);
      if (instances.size === 0) this.started.delete(group);
    },
    clear: () => undefined,
    transactionEnded: () => undefined,
  };

  constructor(
    private readonly db: StoreConnection,
    /** Whether a process instance is active now (held changes included). */
    private readonly isActive: (processInstanceKey: number) => boolean,
  ) {
    // What SQLite holds, read without projecting first: the held changes reach the index through the observers.
    // Both loads read only what is live, never every correlation ever made (a rollback runs them on the engine's
    // thread): the buffered messages and their correlations (message_correlations_message), and the active cases
    // with the correlation a message start event started them with (CROSS JOIN keeps that order; the partial
    // index message_correlations_started_instance holds the started ones by case)
    this.storedReached = db.readStored(
      `SELECT m.key AS messageKey, c.process_instance_key AS processInstanceKey
       FROM messages m LEFT JOIN message_correlations c ON c.message_key = m.key`,
    );
    this.storedStarted = db.readStored(
      `SELECT c.bpmn_process_id AS bpmnProcessId, c.correlation_key AS correlationKey, c.process_instance_key AS processInstanceKey
       FROM process_instances p CROSS JOIN message_correlations c
       WHERE p.state = 'ACTIVE' AND c.process_instance_key = p.key AND c.started_instance = 1 AND c.correlation_key != ''`,
    );
    this.reload();
  }

  /** Whether the buffered message `messageKey` already reached the process instance. */
  reachedInstance(messageKey: number, processInstanceKey: number): boolean {
    return this.reached.get(messageKey)?.has(processInstanceKey) ?? false;
  }

  /** The active instances of the process a message start event started with this correlation key. */
  startedInstances(bpmnProcessId: string, correlationKey: string): number[] {
    return [...(this.started.get(startedGroup(bpmnProcessId, correlationKey)) ?? [])];
  }

  /** Forgets everything and loads what SQLite holds (an open, a rollback: the replay that follows adds the rest). */
  reload(): void {
    this.reached.clear();
    this.started.clear();
    this.startedGroupOf.clear();
    if (!this.db.open) return;
    for (const { messageKey, processInstanceKey } of this.storedReached.all() as { messageKey: number; processInstanceKey: number | null }[]) {
      let instances = this.reached.get(messageKey);
      if (!instances) this.reached.set(messageKey, (instances = new Set()));
      if (processInstanceKey !== null) instances.add(processInstanceKey);
    }
    for (const row of this.storedStarted.all() as { bpmnProcessId: string; correlationKey: string; processInstanceKey: number }[]) {
      this.addStarted(row.bpmnProcessId, row.correlationKey, row.processInstanceKey);
    }
  }

  // helpers

  private addStarted(bpmnProcessId: string, correlationKey: string, processInstanceKey: number): void {
    const group = startedGroup(bpmnProcessId, correlationKey);
    let instances = this.started.get(group);
    if (!instances) this.started.set(group, (instances = new Set()));
    instances.add(processInstanceKey);
    this.startedGroupOf.set(processInstanceKey, group);
  }
}

function startedGroup(bpmnProcessId: string, correlationKey: string): string {
  // NUL cannot occur in a process id, so the parts cannot run into each other
  return `${bpmnProcessId}\u0000${correlationKey}`;
}
