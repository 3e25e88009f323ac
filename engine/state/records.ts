/**
 * The records the engine keeps. Keys are numbers inside the engine (Zeebe's int64 keys fit below 2^53 here) and
 * become decimal strings at the REST boundary. Dates are ISO-8601 UTC strings.
 */
import type { BpmnElementType } from '../model/executable-process.js';

export type ElementInstanceState = 'ACTIVATING' | 'ACTIVATED' | 'COMPLETING' | 'COMPLETED' | 'TERMINATING' | 'TERMINATED';
export type ProcessInstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
export type JobState = 'CREATED' | 'ACTIVATED' | 'FAILED' | 'COMPLETED' | 'ERROR_THROWN' | 'CANCELED';

/**
 * The job events Camunda 8.8 exports to its search (its JobStateEnum): a cluster's job search answers the job as its
 * last such event left it. Activations (Zeebe writes them to the job batch only), yields, back-off recurrences and
 * timeout changes are no such event.
 */
export type AnsweredJobState = 'CREATED' | 'COMPLETED' | 'CANCELED' | 'ERROR_THROWN' | 'FAILED' | 'MIGRATED' | 'RETRIES_UPDATED' | 'TIMED_OUT';
export type UserTaskState = 'CREATED' | 'COMPLETED' | 'CANCELED';
export type IncidentState = 'ACTIVE' | 'RESOLVED';

/** Camunda's incident error types, verbatim. */
export type IncidentErrorType =
  | 'UNKNOWN'
  | 'IO_MAPPING_ERROR'
  | 'JOB_NO_RETRIES'
  | 'CONDITION_ERROR'
  | 'EXTRACT_VALUE_ERROR'
  | 'CALLED_ELEMENT_ERROR'
  | 'UNHANDLED_ERROR_EVENT'
  | 'FORM_NOT_FOUND'
  | 'CALLED_DECISION_ERROR'
  | 'DECISION_EVALUATION_ERROR';

export interface DeploymentRecord {
  key: number;
  tenantId: string;
  createdAt: string;
  /** Every decision this deployment holds, new versions and unchanged ones alike (binding type `deployment`). */
  decisionKeys?: number[];
}

export interface ResourceRecord {
  key: number;
  resourceName: string;
  checksum: string;
  content: string;
  tenantId: string;
  deploymentKey: number;
}

export interface ProcessDefinitionRecord {
  key: number;
  bpmnProcessId: string;
  version: number;
  name: string | null;
  versionTag: string | null;
  resourceName: string;
  resourceKey: number;
  checksum: string;
  tenantId: string;
  deploymentKey: number;
  startFormId: string | null;
}

export interface FormRecord {
  key: number;
  formId: string;
  version: number;
  versionTag: string | null;
  resourceName: string;
  checksum: string;
  schema: string;
  tenantId: string;
  deploymentKey: number;
}

export interface ProcessInstanceRecord {
  key: number;
  processDefinitionKey: number;
  bpmnProcessId: string;
  version: number;
  state: ProcessInstanceState;
  startDate: string;
  endDate: string | null;
  tenantId: string;
  parentProcessInstanceKey: number | null;
  parentElementInstanceKey: number | null;
  /** Camunda 8.8's process-instance tags, given at creation and never changed; absent on instances from before them. */
  tags?: readonly string[];
  /**
   * The user whose creation command started the instance (POST /v2/process-instances): a clerk reads the cases she
   * started (engine/store/row-scope.ts). Absent for instances the engine started (call activities, timer and message
   * starts), those created outside a request, and those from before it was kept. Internal: Camunda's answers have
   * no such field.
   */
  startedBy?: string | null;
}

export interface ElementInstanceRecord {
  key: number;
  processInstanceKey: number;
  processDefinitionKey: number;
  bpmnProcessId: string;
  elementId: string;
  elementName: string | null;
  elementType: BpmnElementType;
  /** The enclosing element instance; null for the process instance itself. */
  flowScopeKey: number | null;
  state: ElementInstanceState;
  startDate: string;
  endDate: string | null;
  tenantId: string;
  /** The active incident on this element, if any. */
  incidentKey: number | null;
}

export interface VariableRecord {
  key: number;
  scopeKey: number;
  processInstanceKey: number;
  name: string;
  /** JSON text, as the REST API reports it. */
  value: string;
  tenantId: string;
}

export interface JobRecord {
  key: number;
  type: string;
  state: JobState;
  retries: number;
  worker: string | null;
  /** Epoch ms until which an activated job is locked to its worker. */
  deadline: number | null;
  /** Epoch ms before which a failed job must not be activated (retry back-off). */
  retryAt: number | null;
  errorMessage: string | null;
  /** The error code of the BPMN error the job's worker threw (kept once the job goes on). */
  errorCode: string | null;
  /**
   * When the job ended (ISO): completed, cancelled, or its worker threw a BPMN error; null while it waits, runs or
   * has failed (a failed job is retried or waits at an incident). Kept when the incident of an uncaught BPMN error
   * is resolved and the job is handed out again: on a cluster that is no exported event either.
   */
  endTime: string | null;
  customHeaders: Record<string, string>;
  elementInstanceKey: number;
  elementId: string;
  processInstanceKey: number;
  processDefinitionKey: number;
  bpmnProcessId: string;
  version: number;
  tenantId: string;
  createdAt: string;
  /**
   * What `POST /v2/jobs/search` answers for the job: the state, worker and lock deadline its last exported event
   * carried (engine/state/appliers/job-appliers.ts sets them on every job event; what a command writes here is
   * ignored).
   */
  answeredState?: AnsweredJobState;
  answeredWorker?: string | null;
  answeredDeadline?: number | null;
}

export interface UserTaskRecord {
  key: number;
  name: string | null;
  state: UserTaskState;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate: string | null;
  followUpDate: string | null;
  priority: number;
  formKey: number | null;
  externalFormReference: string | null;
  customHeaders: Record<string, string>;
  elementId: string;
  elementInstanceKey: number;
  processInstanceKey: number;
  processDefinitionKey: number;
  bpmnProcessId: string;
  version: number;
  processName: string | null;
  tenantId: string;
  creationDate: string;
  completionDate: string | null;
  /** The authenticated user who completed the task (four-eyes, case history); null while open. */
  completedBy: string | null;
}

export interface IncidentRecord {
  key: number;
  errorType: IncidentErrorType;
  errorMessage: string;
  state: IncidentState;
  elementId: string;
  elementInstanceKey: number;
  processInstanceKey: number;
  processDefinitionKey: number;
  bpmnProcessId: string;
  jobKey: number | null;
  tenantId: string;
  creationTime: string;
}

/**
 * A scheduled timer. `elementInstanceKey` is the waiting catch event or the boundary event's host; it is null
 * for a timer start event, which belongs to the process definition.
 */
export interface TimerRecord {
  key: number;
  /** The timer event's id (catch, boundary or start event). */
  elementId: string;
  elementInstanceKey: number | null;
  processInstanceKey: number | null;
  processDefinitionKey: number;
  bpmnProcessId: string;
  dueDate: number;
  /** Repetitions left including the next one; -1 = unbounded. */
  repetitions: number;
  cycle: { interval?: string; cron?: string } | null;
  tenantId: string;
  createdAt: string;
}

/** An open message subscription of a waiting catch event / receive task, or of a boundary event's host. */
export interface MessageSubscriptionRecord {
  key: number;
  /** The catch event, receive task or boundary event that the message triggers. */
  elementId: string;
  elementInstanceKey: number;
  processInstanceKey: number;
  processDefinitionKey: number;
  bpmnProcessId: string;
  messageName: string;
  correlationKey: string;
  tenantId: string;
  createdAt: string;
}

/** Camunda 8.8's states of a message subscription (MessageSubscriptionStateEnum). */
export type MessageSubscriptionState = 'CREATED' | 'CORRELATED' | 'DELETED' | 'MIGRATED';

/**
 * A message subscription as the message subscription search lists it: kept after it closed, in the state of its
 * last event (a subscription whose message ended its wait stays CORRELATED, as in Camunda).
 */
export interface MessageSubscriptionHistoryRecord extends MessageSubscriptionRecord {
  state: MessageSubscriptionState;
  lastUpdatedDate: string;
}

/**
 * One correlation of a message to a subscription (Camunda 8.8's correlated message subscription): a waiting
 * catch event, receive task, boundary or event sub-process start event, or a message start event (which has no
 * element instance). `key` is the key of the engine's MESSAGE CORRELATED record of the same correlation.
 */
export interface CorrelatedMessageSubscriptionRecord {
  key: number;
  messageKey: number;
  subscriptionKey: number;
  messageName: string;
  correlationKey: string;
  elementId: string;
  elementInstanceKey: number | null;
  processInstanceKey: number;
  processDefinitionKey: number;
  bpmnProcessId: string;
  tenantId: string;
  correlationTime: string;
}

/** A signal subscription: a waiting catch event, a host's boundary event, or (owner null) a signal start event. */
export interface SignalSubscriptionRecord {
  key: number;
  elementId: string;
  elementInstanceKey: number | null;
  processInstanceKey: number | null;
  processDefinitionKey: number;
  bpmnProcessId: string;
  signalName: string;
  tenantId: string;
}

/** A message start event of the latest version of a process. */
export interface MessageStartSubscriptionRecord {
  key: number;
  elementId: string;
  processDefinitionKey: number;
  bpmnProcessId: string;
  messageName: string;
  tenantId: string;
}

/** A published message, buffered until `expiresAt` (time to live). */
export interface MessageRecord {
  key: number;
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
  expiresAt: number;
  messageId: string | null;
  tenantId: string;
  publishedAt: string;
}

/** A message correlated to a process instance (a message reaches each instance at most once). */
export interface MessageCorrelationRecord {
  key: number;
  messageKey: number;
  processInstanceKey: number;
  bpmnProcessId: string;
  correlationKey: string;
  /** 1 when the message started the instance (a message start event). */
  startedInstance: number;
}

/** A deployed DMN resource: Camunda's decision requirements (DRG), versioned per decisionRequirementsId. */
export interface DecisionRequirementsRecord {
  key: number;
  decisionRequirementsId: string;
  name: string;
  version: number;
  resourceName: string;
  checksum: string;
  /** The DMN XML. */
  content: string;
  tenantId: string;
  deploymentKey: number;
}

/** One decision of a DRG, versioned per decision id. */
export interface DecisionDefinitionRecord {
  key: number;
  decisionId: string;
  name: string;
  version: number;
  versionTag: string | null;
  decisionType: 'DECISION_TABLE' | 'LITERAL_EXPRESSION';
  decisionRequirementsKey: number;
  decisionRequirementsId: string;
  tenantId: string;
  deploymentKey: number;
}

export type DecisionInstanceState = 'EVALUATED' | 'FAILED';

/** One evaluated decision of an evaluation (the evaluation history). */
export interface DecisionInstanceRecord {
  key: number;
  /** Camunda's decisionEvaluationInstanceKey: `<evaluation key>-<position, from 1>`. */
  instanceKey: string;
  evaluationKey: number;
  state: DecisionInstanceState;
  evaluationDate: string;
  evaluationFailure: string | null;
  decisionDefinitionKey: number;
  decisionId: string;
  decisionName: string;
  decisionVersion: number;
  decisionType: 'DECISION_TABLE' | 'LITERAL_EXPRESSION';
  /** JSON text of the decision's output; null when it failed. */
  result: string | null;
  evaluatedInputs: { inputId: string; inputName: string; inputValue: string }[];
  matchedRules: { ruleId: string; ruleIndex: number; evaluatedOutputs: { outputId: string; outputName: string; outputValue: string }[] }[];
  tenantId: string;
  processDefinitionKey: number | null;
  processInstanceKey: number | null;
  elementInstanceKey: number | null;
}

/** One evaluation of a decision (by the API or a business rule task) with every decision it evaluated. */
export interface DecisionEvaluationRecord {
  key: number;
  decisionDefinitionKey: number;
  decisionRequirementsKey: number;
  processInstanceKey: number | null;
  elementInstanceKey: number | null;
  failedDecisionId: string | null;
  failureMessage: string | null;
  instances: DecisionInstanceRecord[];
}

export type BatchOperationType = 'CANCEL_PROCESS_INSTANCE' | 'RESOLVE_INCIDENT' | 'MIGRATE_PROCESS_INSTANCE' | 'MODIFY_PROCESS_INSTANCE';
export type BatchOperationState = 'ACTIVE' | 'SUSPENDED' | 'CANCELED' | 'COMPLETED' | 'PARTIALLY_COMPLETED';
export type BatchOperationItemState = 'ACTIVE' | 'COMPLETED' | 'SKIPPED' | 'CANCELED' | 'FAILED';

/** A batch operation over the process instances a filter matched when it was created (Camunda 8.8). */
export interface BatchOperationRecord {
  key: number;
  batchOperationType: BatchOperationType;
  state: BatchOperationState;
  /** The process-instance filter it was created with (kept for the record). */
  filter: Record<string, unknown>;
  /** What each item does: the migration plan or the move instructions. */
  payload: Record<string, unknown> | null;
  startDate: string;
  endDate: string | null;
}

/** One item of a batch operation: a process instance (or, for incident resolution, one incident of it). */
export interface BatchOperationItemRecord {
  key: number;
  batchOperationKey: number;
  /** The process instance key, or the incident key for RESOLVE_INCIDENT. */
  itemKey: number;
  processInstanceKey: number;
  state: BatchOperationItemState;
  processedDate: string | null;
  errorMessage: string | null;
}

/**
 * One operation a user performed on a case, in Camunda 8.9's audit-log terms (entity type + operation type), with
 * the user (`actorId`) and what it touched. An event of the operation's own command (AUDIT_LOG RECORDED); its row is
 * the projection's.
 */
export interface AuditLogRecord {
  key: number;
  timestamp: string;
  actorId: string | null;
  actorType: 'USER' | null;
  operationType: 'CREATE' | 'UPDATE' | 'DELETE' | 'ASSIGN' | 'UNASSIGN' | 'COMPLETE' | 'CANCEL' | 'RESOLVE' | 'MODIFY' | 'MIGRATE';
  entityType: 'PROCESS_INSTANCE' | 'USER_TASK' | 'VARIABLE' | 'INCIDENT' | 'BATCH';
  entityKey: string | null;
  /** The variable's name for variable operations (as Camunda), the task's name for task operations. */
  entityDescription: string | null;
  category: 'DEPLOYED_RESOURCES' | 'USER_TASKS';
  result: 'SUCCESS';
  processInstanceKey: number | null;
  processDefinitionKey: number | null;
  bpmnProcessId: string | null;
  elementInstanceKey: number | null;
  userTaskKey: number | null;
  jobKey: number | null;
  batchOperationKey: number | null;
  batchOperationType: string | null;
  /** This engine's addition: the value a variable operation set (JSON text; null above 8 KB). */
  variableValue: string | null;
  tenantId: string;
}
