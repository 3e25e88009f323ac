/**
 * The only way to change engine state: `append(valueType, intent, record)`. The applier for that intent writes
 * the record to the store, and the event goes to the event log (audit trail, tests).
 */
import type { EngineStore } from '../store/engine-store.js';
import { canTransition } from './lifecycle.js';
import type {
  BatchOperationItemRecord,
  BatchOperationRecord,
  DecisionDefinitionRecord,
  DecisionEvaluationRecord,
  DecisionRequirementsRecord,
  DeploymentRecord,
  ElementInstanceRecord,
  FormRecord,
  IncidentRecord,
  JobRecord,
  ProcessDefinitionRecord,
  ProcessInstanceRecord,
  MessageCorrelationRecord,
  MessageRecord,
  MessageStartSubscriptionRecord,
  MessageSubscriptionRecord,
  ResourceRecord,
  SignalSubscriptionRecord,
  TimerRecord,
  UserTaskRecord,
  VariableRecord,
} from './records.js';

export interface EventRecords {
  DEPLOYMENT: { CREATED: DeploymentRecord };
  RESOURCE: { CREATED: ResourceRecord };
  PROCESS: { CREATED: ProcessDefinitionRecord; DELETED: ProcessDefinitionRecord };
  FORM: { CREATED: FormRecord; DELETED: FormRecord };
  DECISION_REQUIREMENTS: { CREATED: DecisionRequirementsRecord; DELETED: DecisionRequirementsRecord };
  DECISION: { CREATED: DecisionDefinitionRecord; DELETED: DecisionDefinitionRecord };
  DECISION_EVALUATION: { EVALUATED: DecisionEvaluationRecord; FAILED: DecisionEvaluationRecord };
  PROCESS_INSTANCE: {
    ELEMENT_ACTIVATING: ElementInstanceRecord;
    ELEMENT_ACTIVATED: ElementInstanceRecord;
    ELEMENT_COMPLETING: ElementInstanceRecord;
    ELEMENT_COMPLETED: ElementInstanceRecord;
    ELEMENT_TERMINATING: ElementInstanceRecord;
    ELEMENT_TERMINATED: ElementInstanceRecord;
    /** Moved to another process definition by a migration (same key and state). */
    ELEMENT_MIGRATED: ElementInstanceRecord;
    SEQUENCE_FLOW_TAKEN: { key: number; flowId: string; flowScopeKey: number; processInstanceKey: number };
  };
  PROCESS_INSTANCE_STATE: { CHANGED: ProcessInstanceRecord };
  PROCESS_INSTANCE_MIGRATION: {
    MIGRATED: { key: number; processInstanceKey: number; targetProcessDefinitionKey: number; mappingInstructions: unknown[] };
  };
  /** A modification as requested (the element events it caused follow it in the log). */
  PROCESS_INSTANCE_MODIFICATION: {
    MODIFIED: { key: number; processInstanceKey: number; activateInstructions: unknown[]; terminateInstructions: unknown[] };
  };
  VARIABLE: { CREATED: VariableRecord; UPDATED: VariableRecord };
  JOB: {
    CREATED: JobRecord;
    ACTIVATED: JobRecord;
    COMPLETED: JobRecord;
    FAILED: JobRecord;
    TIMED_OUT: JobRecord;
    ERROR_THROWN: JobRecord;
    CANCELED: JobRecord;
    UPDATED: JobRecord;
    /** Handed back unworked: the long poll it was activated for went away (Zeebe's JobIntent.YIELDED). */
    YIELDED: JobRecord;
    MIGRATED: JobRecord;
  };
  USER_TASK: {
    CREATED: UserTaskRecord;
    ASSIGNED: UserTaskRecord;
    UPDATED: UserTaskRecord;
    COMPLETED: UserTaskRecord;
    CANCELED: UserTaskRecord;
    MIGRATED: UserTaskRecord;
  };
  INCIDENT: { CREATED: IncidentRecord; RESOLVED: IncidentRecord; MIGRATED: IncidentRecord };
  TIMER: { CREATED: TimerRecord; TRIGGERED: TimerRecord; CANCELED: TimerRecord; MIGRATED: TimerRecord };
  MESSAGE: { PUBLISHED: MessageRecord; EXPIRED: MessageRecord; CORRELATED: MessageCorrelationRecord };
  MESSAGE_SUBSCRIPTION: {
    CREATED: MessageSubscriptionRecord;
    CORRELATED: MessageSubscriptionRecord;
    DELETED: MessageSubscriptionRecord;
    MIGRATED: MessageSubscriptionRecord;
  };
  MESSAGE_START_EVENT_SUBSCRIPTION: { CREATED: MessageStartSubscriptionRecord; DELETED: MessageStartSubscriptionRecord };
  SIGNAL_SUBSCRIPTION: { CREATED: SignalSubscriptionRecord; DELETED: SignalSubscriptionRecord; MIGRATED: SignalSubscriptionRecord };
  BATCH_OPERATION: {
    CREATED: BatchOperationRecord & { items: BatchOperationItemRecord[] };
    SUSPENDED: BatchOperationRecord;
    RESUMED: BatchOperationRecord;
    CANCELED: BatchOperationRecord;
    COMPLETED: BatchOperationRecord;
  };
  BATCH_OPERATION_ITEM: { COMPLETED: BatchOperationItemRecord; FAILED: BatchOperationItemRecord; SKIPPED: BatchOperationItemRecord; CANCELED: BatchOperationItemRecord };
  SIGNAL: { BROADCAST: { key: number; signalName: string; variables: Record<string, unknown>; tenantId: string } };
}

export type ValueType = keyof EventRecords;
export type Intent<V extends ValueType> = keyof EventRecords[V] & string;

type Applier<R> = (store: EngineStore, record: R) => void;
type Appliers = { [V in ValueType]: { [I in keyof EventRecords[V]]: Applier<EventRecords[V][I]> } };

const insertOrUpdate =
  <R extends { key: number }>(table: (s: EngineStore) => { get(k: number): R | undefined; insert(r: R): void; update(r: R): void }) =>
  (store: EngineStore, record: R) => {
    const t = table(store);
    if (t.get(record.key)) t.update(record);
    else t.insert(record);
  };

const insert =
  <R extends { key: number }>(table: (s: EngineStore) => { insert(r: R): void }) =>
  (store: EngineStore, record: R) =>
    table(store).insert(record);

const update =
  <R extends { key: number }>(table: (s: EngineStore) => { update(r: R): void }) =>
  (store: EngineStore, record: R) =>
    table(store).update(record);

const elementTransition = (store: EngineStore, record: ElementInstanceRecord) => {
  const current = store.elementInstances.get(record.key);
  if (!current) throw new Error(`element instance ${record.key} does not exist`);
  if (current.state !== record.state && !canTransition(current.state, record.state)) {
    throw new Error(`element instance ${record.key}: transition ${current.state} -> ${record.state} is not allowed`);
  }
  store.elementInstances.update(record);
};

const markElementIncident = (store: EngineStore, elementInstanceKey: number, incidentKey: number | null) => {
  const element = store.elementInstances.get(elementInstanceKey);
  if (element) store.elementInstances.update({ ...element, incidentKey });
};

const insertDecisionInstances = (store: EngineStore, evaluation: DecisionEvaluationRecord) => {
  for (const instance of evaluation.instances) store.decisionInstances.insert(instance);
};

const removeTimer = (store: EngineStore, timer: TimerRecord) => store.timers.delete(timer.key);

const APPLIERS: Appliers = {
  SIGNAL_SUBSCRIPTION: {
    CREATED: insert((s) => s.signalSubscriptions),
    DELETED: (store, subscription) => store.signalSubscriptions.delete(subscription.key),
    MIGRATED: update((s) => s.signalSubscriptions),
  },
  SIGNAL: { BROADCAST: () => undefined },
  BATCH_OPERATION: {
    CREATED: (store, { items, ...operation }) => {
      store.batchOperations.insert(operation);
      for (const item of items) store.batchOperationItems.insert(item);
    },
    SUSPENDED: update((s) => s.batchOperations),
    RESUMED: update((s) => s.batchOperations),
    CANCELED: update((s) => s.batchOperations),
    COMPLETED: update((s) => s.batchOperations),
  },
  BATCH_OPERATION_ITEM: {
    COMPLETED: update((s) => s.batchOperationItems),
    FAILED: update((s) => s.batchOperationItems),
    SKIPPED: update((s) => s.batchOperationItems),
    CANCELED: update((s) => s.batchOperationItems),
  },
  MESSAGE: {
    // an unbuffered message (time to live 0) is only recorded in the event log
    PUBLISHED: (store, message) => {
      if (message.expiresAt > 0) store.messages.insert(message);
    },
    EXPIRED: (store, message) => store.messages.delete(message.key),
    CORRELATED: insert((s) => s.messageCorrelations),
  },
  MESSAGE_SUBSCRIPTION: {
    CREATED: insert((s) => s.messageSubscriptions),
    // a non-interrupting boundary keeps its subscription; the others are deleted by DELETED
    CORRELATED: () => undefined,
    DELETED: (store, subscription) => store.messageSubscriptions.delete(subscription.key),
    MIGRATED: update((s) => s.messageSubscriptions),
  },
  MESSAGE_START_EVENT_SUBSCRIPTION: {
    CREATED: insert((s) => s.messageStartSubscriptions),
    DELETED: (store, subscription) => store.messageStartSubscriptions.delete(subscription.key),
  },
  TIMER: {
    CREATED: insert((s) => s.timers),
    // a cycle that fires again is re-created with its next due date
    TRIGGERED: removeTimer,
    CANCELED: removeTimer,
    MIGRATED: update((s) => s.timers),
  },
  DEPLOYMENT: {
    CREATED: (store, deployment) => {
      store.deployments.insert(deployment);
      store.linkDeploymentDecisions(deployment.key, deployment.decisionKeys ?? []);
    },
  },
  RESOURCE: { CREATED: insert((s) => s.resources) },
  PROCESS: {
    CREATED: (store, process) => {
      store.processDefinitions.insert(process);
      store.versions.record('PROCESS', process.tenantId, process.bpmnProcessId, process.version);
    },
    DELETED: (store, process) => store.processDefinitions.delete(process.key),
  },
  FORM: {
    CREATED: (store, form) => {
      store.forms.insert(form);
      store.versions.record('FORM', form.tenantId, form.formId, form.version);
    },
    DELETED: (store, form) => store.forms.delete(form.key),
  },
  DECISION_REQUIREMENTS: {
    CREATED: (store, requirements) => {
      store.decisionRequirements.insert(requirements);
      store.versions.record('DECISION_REQUIREMENTS', requirements.tenantId, requirements.decisionRequirementsId, requirements.version);
    },
    DELETED: (store, requirements) => store.decisionRequirements.delete(requirements.key),
  },
  DECISION: {
    CREATED: (store, decision) => {
      store.decisionDefinitions.insert(decision);
      store.versions.record('DECISION', decision.tenantId, decision.decisionId, decision.version);
    },
    DELETED: (store, decision) => store.decisionDefinitions.delete(decision.key),
  },
  DECISION_EVALUATION: { EVALUATED: insertDecisionInstances, FAILED: insertDecisionInstances },
  PROCESS_INSTANCE: {
    ELEMENT_ACTIVATING: insert((s) => s.elementInstances),
    ELEMENT_ACTIVATED: elementTransition,
    ELEMENT_COMPLETING: elementTransition,
    ELEMENT_COMPLETED: elementTransition,
    ELEMENT_TERMINATING: elementTransition,
    ELEMENT_TERMINATED: elementTransition,
    ELEMENT_MIGRATED: update((s) => s.elementInstances),
    SEQUENCE_FLOW_TAKEN: () => undefined,
  },
  PROCESS_INSTANCE_STATE: { CHANGED: insertOrUpdate((s) => s.processInstances) },
  PROCESS_INSTANCE_MODIFICATION: { MODIFIED: () => undefined },
  PROCESS_INSTANCE_MIGRATION: { MIGRATED: () => undefined },
  VARIABLE: { CREATED: insert((s) => s.variables), UPDATED: update((s) => s.variables) },
  JOB: {
    CREATED: insert((s) => s.jobs),
    ACTIVATED: update((s) => s.jobs),
    COMPLETED: update((s) => s.jobs),
    FAILED: update((s) => s.jobs),
    TIMED_OUT: update((s) => s.jobs),
    ERROR_THROWN: update((s) => s.jobs),
    CANCELED: update((s) => s.jobs),
    UPDATED: update((s) => s.jobs),
    YIELDED: update((s) => s.jobs),
    MIGRATED: update((s) => s.jobs),
  },
  USER_TASK: {
    CREATED: insert((s) => s.userTasks),
    ASSIGNED: update((s) => s.userTasks),
    UPDATED: update((s) => s.userTasks),
    COMPLETED: update((s) => s.userTasks),
    CANCELED: update((s) => s.userTasks),
    MIGRATED: update((s) => s.userTasks),
  },
  INCIDENT: {
    CREATED: (store, incident) => {
      store.incidents.insert(incident);
      markElementIncident(store, incident.elementInstanceKey, incident.key);
    },
    RESOLVED: (store, incident) => {
      store.incidents.update(incident);
      markElementIncident(store, incident.elementInstanceKey, null);
    },
    MIGRATED: update((s) => s.incidents),
  },
};

export class StateWriter {
  constructor(
    private readonly store: EngineStore,
    private readonly now: () => string,
    /** The event log costs a row per event; benchmarks may turn it off, the default keeps it. */
    private readonly eventLog = true,
  ) {}

  append<V extends ValueType, I extends Intent<V>>(valueType: V, intent: I, record: EventRecords[V][I]): void {
    const applier = APPLIERS[valueType][intent] as Applier<EventRecords[V][I]>;
    applier(this.store, record);
    if (this.eventLog) {
      const r = record as { key: number; processInstanceKey?: number };
      this.store.events.write(r.key, valueType, intent, r.processInstanceKey ?? null, this.now(), record);
    }
  }
}
