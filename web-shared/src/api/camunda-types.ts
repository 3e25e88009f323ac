/**
 * The Camunda 8.8 REST v2 shapes the web apps read and send, written by hand from the public API description
 * (field names as Camunda has them; only what the apps use). Keys are decimal strings.
 */

export interface CurrentUser {
  username: string;
  displayName: string;
  email?: string | null;
  /** `tasklist`, `operate`, `modeler`, `identity`, or `*` for all. */
  authorizedComponents: string[];
  tenants: unknown[];
  groups: string[];
  roles: string[];
  canLogout: boolean;
}

export interface SearchPage {
  totalItems: number;
  /** True when totalItems stopped at the server's counting limit. */
  hasMoreTotalItems?: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
}

export interface SearchResult<T> {
  items: T[];
  page: SearchPage;
}

/** A Camunda 8.8 cluster also answers the states of a change under way (the embedded engine never does). */
export type UserTaskState = 'CREATED' | 'COMPLETED' | 'CANCELED' | 'FAILED' | 'CREATING' | 'ASSIGNING' | 'UPDATING' | 'COMPLETING' | 'CANCELING';

export interface UserTask {
  userTaskKey: string;
  name?: string | null;
  state: UserTaskState;
  assignee?: string | null;
  elementId: string;
  candidateGroups?: string[];
  candidateUsers?: string[];
  processDefinitionId: string;
  processName?: string | null;
  creationDate: string;
  completionDate?: string | null;
  dueDate?: string | null;
  followUpDate?: string | null;
  priority?: number;
  processDefinitionKey: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  formKey?: string | null;
  tenantId?: string;
}

/** A filter value: the plain value, or Camunda's advanced operators. */
export type FilterValue<T> =
  | T
  | { $eq?: T; $neq?: T; $exists?: boolean; $in?: T[]; $notIn?: T[]; $like?: string; $gt?: T; $gte?: T; $lt?: T; $lte?: T };

export interface UserTaskFilter {
  state?: FilterValue<UserTaskState>;
  assignee?: FilterValue<string>;
  candidateGroup?: FilterValue<string>;
  candidateUser?: FilterValue<string>;
  processDefinitionId?: FilterValue<string>;
  processInstanceKey?: FilterValue<string>;
  elementId?: string;
  dueDate?: FilterValue<string>;
  creationDate?: FilterValue<string>;
  processInstanceVariables?: { name: string; value: FilterValue<string> }[];
}

export type UserTaskSortField = 'creationDate' | 'completionDate' | 'dueDate' | 'followUpDate' | 'priority';

export interface SearchRequest<F, S extends string> {
  filter?: F;
  sort?: { field: S; order?: 'asc' | 'desc' }[];
  page?: { from?: number; limit?: number; after?: string; before?: string };
}

export interface Variable {
  variableKey: string;
  name: string;
  /** JSON text of the value. */
  value: string;
  isTruncated?: boolean;
  scopeKey: string;
  processInstanceKey: string;
}

export interface FormResult {
  formKey: string;
  formId: string;
  version: number;
  /** The form-js schema as JSON text. */
  schema: string;
}

export interface ProcessDefinition {
  processDefinitionKey: string;
  processDefinitionId: string;
  name?: string | null;
  version: number;
  versionTag?: string | null;
  hasStartForm?: boolean;
}

export interface CreatedProcessInstance {
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersion: number;
  processInstanceKey: string;
}

export type ProcessInstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

export interface ProcessInstance {
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionName?: string | null;
  processDefinitionVersion: number;
  startDate: string;
  endDate?: string | null;
  state: ProcessInstanceState;
  hasIncident: boolean;
  parentProcessInstanceKey?: string | null;
  tenantId?: string;
}

export interface ProcessInstanceFilter {
  processInstanceKey?: FilterValue<string>;
  processDefinitionId?: FilterValue<string>;
  processDefinitionKey?: FilterValue<string>;
  processDefinitionVersion?: FilterValue<number>;
  state?: FilterValue<ProcessInstanceState>;
  hasIncident?: boolean;
  startDate?: FilterValue<string>;
  endDate?: FilterValue<string>;
  parentProcessInstanceKey?: FilterValue<string>;
  /** Variables with exactly these values (JSON text). */
  /** `value`: the variable's JSON text, or (as Camunda 8.8's string filters allow) one of several. */
  variables?: { name: string; value: string | { $in: string[] } }[];
}

export type ProcessInstanceSortField = 'startDate' | 'endDate' | 'processInstanceKey' | 'processDefinitionId' | 'state';

export interface ElementInstance {
  elementInstanceKey: string;
  processInstanceKey: string;
  elementId: string;
  elementName?: string | null;
  type: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  hasIncident: boolean;
  incidentKey?: string | null;
  startDate: string;
  endDate?: string | null;
}

export interface Incident {
  incidentKey: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  errorType: string;
  errorMessage: string;
  elementId: string;
  elementInstanceKey: string;
  creationTime: string;
  state: 'ACTIVE' | 'RESOLVED' | 'MIGRATED' | 'PENDING';
  jobKey?: string | null;
}

/** A message subscription: what an element of a case waits (or waited) for, in the state of its last event. */
export interface MessageSubscription {
  messageSubscriptionKey: string;
  processInstanceKey: string;
  processDefinitionId: string;
  elementId: string;
  elementInstanceKey: string;
  messageSubscriptionState: 'CREATED' | 'CORRELATED' | 'DELETED' | 'MIGRATED';
  lastUpdatedDate: string;
  messageName: string;
  correlationKey: string;
}

/** A message a case received: one correlation of a message to a subscription (a message start event has no element instance). */
export interface CorrelatedMessageSubscription {
  messageKey: string;
  subscriptionKey: string;
  processInstanceKey: string;
  elementId: string;
  elementInstanceKey?: string | null;
  messageName: string;
  correlationKey: string;
  correlationTime: string;
}

/** Per BPMN element: instances active, with an incident, completed, canceled (Camunda 8.8 statistics). */
export interface ElementStatistics {
  elementId: string;
  active: number;
  canceled: number;
  incidents: number;
  completed: number;
}

export interface SequenceFlow {
  sequenceFlowId: string;
  processInstanceKey: string;
  elementId: string;
}

/** One entry of Camunda 8.9's audit log (`POST /v2/audit-logs/search`); only what the web apps show. */
export interface AuditLogEntry {
  auditLogKey: string;
  entityKey?: string | null;
  entityType: string;
  operationType: string;
  category?: string | null;
  actorId?: string | null;
  actorType?: string | null;
  result?: string | null;
  timestamp: string;
  processInstanceKey?: string | null;
  elementInstanceKey?: string | null;
  userTaskKey?: string | null;
  jobKey?: string | null;
  entityDescription?: string | null;
  /** A VARIABLE entry's value as set (JSON text; null when too long): this engine's addition. */
  variableValue?: string | null;
}

export type BatchOperationType = 'CANCEL_PROCESS_INSTANCE' | 'RESOLVE_INCIDENT' | 'MIGRATE_PROCESS_INSTANCE' | 'MODIFY_PROCESS_INSTANCE' | string;

export interface BatchOperation {
  batchOperationKey: string;
  batchOperationType: BatchOperationType;
  state: 'CREATED' | 'ACTIVE' | 'SUSPENDED' | 'COMPLETED' | 'PARTIALLY_COMPLETED' | 'CANCELED' | 'FAILED' | string;
  startDate?: string | null;
  endDate?: string | null;
  operationsTotalCount: number;
  operationsFailedCount: number;
  operationsCompletedCount: number;
}

export interface BatchOperationItem {
  batchOperationKey: string;
  itemKey: string;
  processInstanceKey: string;
  state: 'ACTIVE' | 'COMPLETED' | 'SKIPPED' | 'CANCELED' | 'FAILED' | string;
  processedDate?: string | null;
  errorMessage?: string | null;
}

/** What a document variable holds (Camunda document reference). */
export interface DocumentReference {
  'camunda.document.type'?: string;
  storeId?: string;
  documentId: string;
  contentHash?: string;
  endpoint?: string;
  metadata: { fileName: string; contentType?: string; [key: string]: unknown };
}

/** RFC 7807 problem details as Camunda answers errors. */
export interface ProblemDetail {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
}

/** `POST /v2/deployments` answer. */
export interface DeploymentResult {
  deploymentKey: string;
  deployments: {
    processDefinition?: { processDefinitionId: string; processDefinitionVersion: number; processDefinitionKey: string; resourceName: string };
    form?: { formId: string; version: number; formKey: string; resourceName: string };
    decisionDefinition?: { decisionDefinitionId: string; version: number; decisionDefinitionKey: string };
  }[];
}
