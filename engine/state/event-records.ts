/**
 * Every event the engine writes, by value type and intent, with the record it carries (Zeebe's ValueType and
 * Intent). Each has exactly one applier in engine/state/appliers/.
 */
import type {
  AuditLogRecord,
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

/**
 * A sequence flow was taken. `joining`: its target is a parallel or inclusive join, which keeps a token for the
 * flow until it fires.
 */
export interface SequenceFlowRecord {
  key: number;
  flowId: string;
  flowScopeKey: number;
  processInstanceKey: number;
  targetElementId: string;
  joining: boolean;
}

/** The tokens waiting at the joins of a scope were dropped: the scope was interrupted or a terminate end event ended it. */
export interface JoinTokensRecord {
  /** The flow scope instance. */
  key: number;
  processInstanceKey: number;
}

/** When a subscription event happened (absent in events written before schema 15). */
export interface EventTime {
  updatedAt?: string;
}

/** What a subscription's CORRELATED event tells of the correlation. */
export interface SubscriptionCorrelation {
  /** The key of the MESSAGE CORRELATED record of the same correlation (the correlated subscription row's key). */
  correlationRecordKey: number;
  messageKey: number;
  correlationTime: string;
}

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
    SEQUENCE_FLOW_TAKEN: SequenceFlowRecord;
  };
  JOIN_TOKENS: { DISCARDED: JoinTokensRecord };
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
    /** Its retries were set (`PATCH /v2/jobs/{key}`, Operate's retry of an incident): Zeebe's JobIntent.RETRIES_UPDATED. */
    RETRIES_UPDATED: JobRecord;
    /** Its lock timeout changed, or it was made activatable again by resolving its incident. */
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
    /** Events written before schema 15 carry neither the correlation nor the time (nor were they written for every correlation). */
    CORRELATED: MessageSubscriptionRecord & Partial<SubscriptionCorrelation>;
    DELETED: MessageSubscriptionRecord & EventTime;
    MIGRATED: MessageSubscriptionRecord & EventTime;
  };
  MESSAGE_START_EVENT_SUBSCRIPTION: {
    CREATED: MessageStartSubscriptionRecord;
    DELETED: MessageStartSubscriptionRecord;
    /** A message started an instance here. */
    CORRELATED: MessageStartSubscriptionRecord & SubscriptionCorrelation & { processInstanceKey: number; correlationKey: string };
  };
  SIGNAL_SUBSCRIPTION: { CREATED: SignalSubscriptionRecord; DELETED: SignalSubscriptionRecord; MIGRATED: SignalSubscriptionRecord };
  BATCH_OPERATION: {
    CREATED: BatchOperationRecord & { items: BatchOperationItemRecord[] };
    SUSPENDED: BatchOperationRecord;
    RESUMED: BatchOperationRecord;
    CANCELED: BatchOperationRecord;
    COMPLETED: BatchOperationRecord;
  };
  /** A user's operation on a case, for the audit log (written in the command that performed it). */
  AUDIT_LOG: { RECORDED: AuditLogRecord };
  BATCH_OPERATION_ITEM: { COMPLETED: BatchOperationItemRecord; FAILED: BatchOperationItemRecord; SKIPPED: BatchOperationItemRecord; CANCELED: BatchOperationItemRecord };
  SIGNAL: { BROADCAST: { key: number; signalName: string; variables: Record<string, unknown>; tenantId: string } };
}

export type ValueType = keyof EventRecords;
export type Intent<V extends ValueType> = keyof EventRecords[V] & string;
