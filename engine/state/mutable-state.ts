/**
 * What the appliers change (Zeebe's `state/mutable`): one collection of records per kind, the join tokens, the
 * version counters. Only the appliers (engine/state/appliers/) see this interface; everything else reads through
 * the named readers and writes by appending events.
 */
import type {
  AuditLogRecord,
  BatchOperationItemRecord,
  BatchOperationRecord,
  DecisionDefinitionRecord,
  DecisionInstanceRecord,
  DecisionRequirementsRecord,
  DeploymentRecord,
  ElementInstanceRecord,
  FormRecord,
  IncidentRecord,
  JobRecord,
  MessageCorrelationRecord,
  MessageRecord,
  MessageStartSubscriptionRecord,
  MessageSubscriptionHistoryRecord,
  MessageSubscriptionRecord,
  CorrelatedMessageSubscriptionRecord,
  ProcessDefinitionRecord,
  ProcessInstanceRecord,
  ResourceRecord,
  SignalSubscriptionRecord,
  TimerRecord,
  UserTaskRecord,
  VariableRecord,
} from './records.js';
import type { VersionedKind } from './readers.js';

/** Records by key. Records are immutable values: an update replaces the stored record. */
export interface MutableRecords<R extends { key: number }> {
  get(key: number): R | undefined;
  insert(record: R): void;
  update(record: R): void;
  delete(key: number): void;
}

/** Tokens waiting at parallel and inclusive joins, per flow scope instance, join and incoming flow. */
export interface MutableJoinTokens {
  arrive(flowScopeKey: number, elementId: string, flowId: string): void;
  /** The join fired: one token of every incoming flow that holds one is used up. */
  consume(flowScopeKey: number, elementId: string): void;
  /** Drops every token waiting in the scope (the scope ended or was interrupted). */
  discard(flowScopeKey: number): void;
}

export interface MutableState {
  readonly deployments: MutableRecords<DeploymentRecord>;
  readonly resources: MutableRecords<ResourceRecord>;
  readonly processDefinitions: MutableRecords<ProcessDefinitionRecord>;
  readonly forms: MutableRecords<FormRecord>;
  readonly decisionRequirements: MutableRecords<DecisionRequirementsRecord>;
  readonly decisionDefinitions: MutableRecords<DecisionDefinitionRecord>;
  readonly decisionInstances: MutableRecords<DecisionInstanceRecord>;
  readonly processInstances: MutableRecords<ProcessInstanceRecord>;
  readonly elementInstances: MutableRecords<ElementInstanceRecord>;
  readonly variables: MutableRecords<VariableRecord>;
  readonly jobs: MutableRecords<JobRecord>;
  readonly userTasks: MutableRecords<UserTaskRecord>;
  readonly incidents: MutableRecords<IncidentRecord>;
  readonly timers: MutableRecords<TimerRecord>;
  readonly messages: MutableRecords<MessageRecord>;
  readonly messageCorrelations: MutableRecords<MessageCorrelationRecord>;
  readonly messageSubscriptions: MutableRecords<MessageSubscriptionRecord>;
  /** Every message subscription with the state of its last event, for the message subscription search. */
  readonly messageSubscriptionHistory: MutableRecords<MessageSubscriptionHistoryRecord>;
  /** Every correlation of a message to a subscription, for the correlated message subscription search. */
  readonly correlatedMessageSubscriptions: MutableRecords<CorrelatedMessageSubscriptionRecord>;
  readonly messageStartSubscriptions: MutableRecords<MessageStartSubscriptionRecord>;
  readonly signalSubscriptions: MutableRecords<SignalSubscriptionRecord>;
  readonly batchOperations: MutableRecords<BatchOperationRecord>;
  readonly batchOperationItems: MutableRecords<BatchOperationItemRecord>;
  /** The operations users performed on cases (Camunda 8.9's audit log). */
  readonly auditLog: MutableRecords<AuditLogRecord>;
  readonly joinTokens: MutableJoinTokens;
  /** The last version given to each id, so a new version never reuses the number of a deleted one. */
  readonly versions: { record(kind: VersionedKind, tenantId: string, id: string, version: number): void };
  /** Which decisions a deployment holds, new versions and unchanged ones alike (binding type `deployment`). */
  readonly deploymentDecisions: { link(deploymentKey: number, decisionKeys: readonly number[]): void };
}

/** Where the events go besides the state: the event log (audit trail, tests). */
export interface EventLogWriter {
  write(recordKey: number, valueType: string, intent: string, processInstanceKey: number | null, timestamp: string, record: unknown): void;
}
