/**
 * The read side of the REST API: search specs per resource and the projections of rows into the shapes
 * Camunda 8.8 returns (keys as decimal strings, dates as ISO strings). It reads the same SQLite file the commands
 * write, through the store's connection: by default strongly consistent (its reads of the projected tables write
 * their held rows first), with the search lag on (engine.ts) eventually consistent as on a Camunda cluster
 * (`StoreConnection.lagging`).
 */
import type { LatestProcessDefinitions } from './latest-process-definitions.js';
import type { QueryReads } from './store-connection.js';
import { allOf, idScopeCondition, type IdScope, type RowScope, type TaskScope, type Where } from './row-scope.js';
import type { AuditLogResult } from './audit-log-results.js';
import type { BatchOperationItemResult, BatchOperationResult } from './batch-operation-results.js';
import type { DecisionDefinitionResult, DecisionInstanceDetailsResult, DecisionInstanceResult, DecisionRequirementsResult } from './decision-results.js';
import type { JobSearchResult } from './job-results.js';
import type { AnsweredJobState } from '../state/records.js';
import type { CorrelatedMessageSubscriptionResult, MessageSubscriptionResult } from './message-subscription-results.js';
import type {
  CallHierarchyResult,
  ElementInstanceResult,
  ElementStatisticsResult,
  FormResult,
  IncidentResult,
  ProcessDefinitionResult,
  ProcessInstanceResult,
  SequenceFlowResult,
  UserTaskResult,
  VariableResult,
  VariableSearchResult,
} from './query-results.js';
import { VARIABLE_SIZE_THRESHOLD } from './schema.js';
import { compileFilterCondition, runSearch, type SearchRequest, type SearchSpec } from './search-query.js';

type Row = Record<string, unknown>;
export interface Page<T> {
  items: T[];
  page: { totalItems: number; hasMoreTotalItems: boolean; startCursor?: string; endCursor?: string };
}

const key = (column: string) => ({ column, kind: 'key' as const });
const str = (column: string) => ({ column, kind: 'string' as const });
const int = (column: string) => ({ column, kind: 'int' as const });
const date = (column: string) => ({ column, kind: 'date' as const });
const enumeration = (column: string) => ({ column, kind: 'enum' as const });
const bool = (column: string) => ({ column, kind: 'bool' as const });
/** A list of `{name, value}` variable filters; `owner` ties the variables row `v` to the searched row. */
const variables = (owner: string) => ({ column: owner, kind: 'variables' as const });
const candidates = (kind: 'group' | 'user') => ({
  column: 'key',
  kind: 'member' as const,
  // each candidate row keeps its task's state (schema.ts), so a small group's open tasks are found without its history
  members: { table: 'user_task_candidates', owner: 'user_task_key', value: 'value', where: `kind = '${kind}'`, mirrors: { field: 'state', column: 'state' } },
});

/** The state the REST API reports for an element instance (ACTIVE for every non-final state), as indexed. */
const ELEMENT_API_STATE = "CASE WHEN e.state IN ('COMPLETED', 'TERMINATED') THEN e.state ELSE 'ACTIVE' END";
/** A condition on the element instances `e` of a process instance: all such fields of one filter object test one. */
const elementInstances = (value: string, valueKind: 'string' | 'enum' | 'bool') => ({
  column: 'key',
  kind: 'related' as const,
  related: { table: 'element_instances e', owner: 'e.process_instance_key', value, valueKind, group: 'elementInstance' },
});
/** A condition on the active incidents `i` of a process instance (one incident passes all of them). */
const activeIncidents = (value: string, valueKind: 'string' | 'int') => ({
  column: 'key',
  kind: 'related' as const,
  related: { table: 'incidents i', owner: 'i.process_instance_key', where: "i.state = 'ACTIVE'", value, valueKind, group: 'incident' },
});
/** The batch operations a process instance is an item of (by batch operation key, as Camunda's string filter). */
const batchOperation = {
  column: 'key',
  kind: 'related' as const,
  related: { table: 'batch_operation_items b', owner: 'b.process_instance_key', value: 'b.batch_operation_key', valueKind: 'string' as const },
};

const PROCESS_INSTANCES: SearchSpec = {
  table: 'process_instance_view',
  fields: {
    processInstanceKey: key('key'),
    processDefinitionKey: key('process_definition_key'),
    processDefinitionId: str('bpmn_process_id'),
    processDefinitionName: str('process_definition_name'),
    processDefinitionVersion: int('version'),
    processDefinitionVersionTag: str('process_definition_version_tag'),
    state: enumeration('state'),
    startDate: date('start_date'),
    endDate: date('end_date'),
    tenantId: str('tenant_id'),
    parentProcessInstanceKey: key('parent_process_instance_key'),
    parentElementInstanceKey: key('parent_element_instance_key'),
    hasIncident: bool('has_incident'),
    // a variable of any scope of the instance
    variables: variables('v.process_instance_key = process_instance_view.key'),
    // an element instance of the instance (its element id, state, whether it has an incident)
    elementId: elementInstances('e.element_id', 'string'),
    elementInstanceState: elementInstances(ELEMENT_API_STATE, 'enum'),
    hasElementInstanceIncident: elementInstances('e.incident_key IS NOT NULL', 'bool'),
    // an active incident of the instance: its message, or the Java hash of its message
    errorMessage: activeIncidents('i.error_message', 'string'),
    incidentErrorHashCode: activeIncidents('java_string_hash(i.error_message)', 'int'),
    // a job of the instance that failed and will be retried (true), or none (false)
    hasRetriesLeft: {
      column: 'key',
      kind: 'related',
      related: { table: 'jobs j', owner: 'j.process_instance_key', where: "j.state = 'FAILED' AND j.retries > 0", valueKind: 'exists' },
    },
    // Camunda 8.8 names it batchOperationId; 8.9 adds batchOperationKey for the same thing
    batchOperationId: batchOperation,
    batchOperationKey: batchOperation,
    // every tag given: read from the table of one row per tag (kept by triggers)
    tags: {
      column: 'key',
      kind: 'tagSet',
      related: { table: 'process_instance_tags t', owner: 't.process_instance_key', value: 't.tag', valueKind: 'string' },
    },
  },
  sortFields: [
    'processInstanceKey', 'processDefinitionId', 'processDefinitionName', 'processDefinitionVersion', 'processDefinitionVersionTag',
    'processDefinitionKey', 'startDate', 'endDate', 'state', 'tenantId', 'hasIncident', 'parentProcessInstanceKey',
    'parentElementInstanceKey',
  ],
  tieBreaker: 'processInstanceKey',
};

const ELEMENT_INSTANCES: SearchSpec = {
  table: 'element_instance_view',
  fields: {
    elementInstanceKey: key('key'),
    processInstanceKey: key('process_instance_key'),
    processDefinitionKey: key('process_definition_key'),
    processDefinitionId: str('bpmn_process_id'),
    elementId: str('element_id'),
    elementName: str('element_name'),
    type: enumeration('element_type'),
    state: enumeration('api_state'),
    startDate: date('start_date'),
    endDate: date('end_date'),
    tenantId: str('tenant_id'),
    incidentKey: key('incident_key'),
    hasIncident: bool('has_incident'),
    elementInstanceScopeKey: key('flow_scope_key'),
  },
  sortFields: [
    'elementInstanceKey', 'processInstanceKey', 'processDefinitionKey', 'processDefinitionId', 'startDate', 'endDate',
    'elementId', 'elementName', 'type', 'state', 'incidentKey', 'tenantId',
  ],
  tieBreaker: 'elementInstanceKey',
};

/** Variables; `value` filters and sorts on the whole value, also where the answer truncates it. */
const VARIABLES: SearchSpec = {
  table: 'variable_view',
  fields: {
    variableKey: key('key'),
    name: str('name'),
    value: str('value'),
    isTruncated: bool('is_truncated'),
    scopeKey: key('scope_key'),
    processInstanceKey: key('process_instance_key'),
    tenantId: str('tenant_id'),
  },
  sortFields: ['value', 'name', 'tenantId', 'variableKey', 'scopeKey', 'processInstanceKey'],
  tieBreaker: 'variableKey',
};

const INCIDENTS: SearchSpec = {
  table: 'incidents',
  fields: {
    incidentKey: key('key'),
    processDefinitionId: str('bpmn_process_id'),
    processDefinitionKey: key('process_definition_key'),
    processInstanceKey: key('process_instance_key'),
    errorType: enumeration('error_type'),
    errorMessage: str('error_message'),
    elementId: str('element_id'),
    elementInstanceKey: key('element_instance_key'),
    creationTime: date('creation_time'),
    state: enumeration('state'),
    jobKey: key('job_key'),
    tenantId: str('tenant_id'),
  },
  sortFields: [
    'incidentKey', 'processDefinitionKey', 'processInstanceKey', 'errorType', 'errorMessage', 'elementId',
    'elementInstanceKey', 'creationTime', 'state', 'jobKey', 'tenantId', 'processDefinitionId',
  ],
  tieBreaker: 'incidentKey',
};

/** Message subscriptions with the state of their last event (Camunda 8.8's sort fields; processDefinitionKey filters too). */
const MESSAGE_SUBSCRIPTIONS: SearchSpec = {
  table: 'message_subscription_history',
  fields: {
    messageSubscriptionKey: key('key'),
    processDefinitionId: str('bpmn_process_id'),
    processDefinitionKey: key('process_definition_key'),
    processInstanceKey: key('process_instance_key'),
    elementId: str('element_id'),
    elementInstanceKey: key('element_instance_key'),
    messageSubscriptionState: enumeration('state'),
    lastUpdatedDate: date('last_updated_date'),
    messageName: str('message_name'),
    correlationKey: str('correlation_key'),
    tenantId: str('tenant_id'),
  },
  sortFields: [
    'messageSubscriptionKey', 'processDefinitionId', 'processInstanceKey', 'elementId', 'elementInstanceKey', 'messageSubscriptionState',
    'lastUpdatedDate', 'messageName', 'correlationKey', 'tenantId',
  ],
  tieBreaker: 'messageSubscriptionKey',
};

/** Correlations of messages to subscriptions: no API field is unique, the row's own key breaks ties. */
const CORRELATED_MESSAGE_SUBSCRIPTIONS: SearchSpec = {
  table: 'correlated_message_subscriptions',
  fields: {
    correlationKey: str('correlation_key'),
    correlationTime: date('correlation_time'),
    elementId: str('element_id'),
    elementInstanceKey: key('element_instance_key'),
    messageKey: key('message_key'),
    messageName: str('message_name'),
    partitionId: int('partition_id'),
    processDefinitionId: str('bpmn_process_id'),
    processDefinitionKey: key('process_definition_key'),
    processInstanceKey: key('process_instance_key'),
    subscriptionKey: key('subscription_key'),
    tenantId: str('tenant_id'),
  },
  sortFields: [
    'correlationKey', 'correlationTime', 'elementId', 'elementInstanceKey', 'messageKey', 'messageName', 'partitionId',
    'processDefinitionId', 'processDefinitionKey', 'processInstanceKey', 'subscriptionKey', 'tenantId',
  ],
  tieBreaker: 'correlation',
  tieBreakerColumn: 'key',
};

const USER_TASKS: SearchSpec = {
  table: 'user_tasks',
  fields: {
    userTaskKey: key('key'),
    state: enumeration('state'),
    assignee: str('assignee'),
    priority: int('priority'),
    elementId: str('element_id'),
    name: str('name'),
    tenantId: str('tenant_id'),
    processDefinitionId: str('bpmn_process_id'),
    processDefinitionKey: key('process_definition_key'),
    processInstanceKey: key('process_instance_key'),
    elementInstanceKey: key('element_instance_key'),
    creationDate: date('creation_date'),
    completionDate: date('completion_date'),
    dueDate: date('due_date'),
    followUpDate: date('follow_up_date'),
    candidateGroup: candidates('group'),
    candidateUser: candidates('user'),
    processInstanceVariables: variables('v.scope_key = user_tasks.process_instance_key'),
    localVariables: variables('v.scope_key = user_tasks.element_instance_key'),
  },
  sortFields: ['creationDate', 'completionDate', 'followUpDate', 'dueDate', 'priority', 'name'],
  tieBreaker: 'userTaskKey',
};

/**
 * Jobs (job_view: state, worker and deadline as Camunda 8.8's search answers them — those of the job's last
 * exported event, engine/state/appliers/job-appliers.ts — the deadline as an ISO date-time, and the kind and
 * listener fields of a BPMN element's job — this engine runs no execution or task listeners, so `isDenied` and
 * `deniedReason` are never set).
 */
const JOBS: SearchSpec = {
  table: 'job_view',
  fields: {
    jobKey: key('key'),
    type: str('type'),
    worker: str('answered_worker'),
    state: enumeration('answered_state'),
    retries: int('retries'),
    deadline: date('answered_deadline_time'),
    endTime: date('end_time'),
    kind: enumeration('kind'),
    listenerEventType: enumeration('listener_event_type'),
    isDenied: bool('is_denied'),
    deniedReason: str('denied_reason'),
    processDefinitionId: str('bpmn_process_id'),
    processDefinitionKey: key('process_definition_key'),
    processInstanceKey: key('process_instance_key'),
    elementId: str('element_id'),
    elementInstanceKey: key('element_instance_key'),
    tenantId: str('tenant_id'),
    errorMessage: str('answered_error_message'),
    errorCode: str('answered_error_code'),
    // the last exported event failed it or threw a BPMN error with retries left (as Camunda 8.8's exporters set the
    // flag): read from the answered_state index
    hasFailedWithRetriesLeft: {
      column: 'key',
      kind: 'related',
      related: { table: 'jobs f', owner: 'f.key', where: "f.answered_state IN ('FAILED', 'ERROR_THROWN') AND f.retries > 0", valueKind: 'exists' },
    },
  },
  sortFields: [
    'deadline', 'deniedReason', 'elementId', 'elementInstanceKey', 'endTime', 'errorCode', 'errorMessage', 'isDenied', 'jobKey',
    'kind', 'listenerEventType', 'processDefinitionId', 'processDefinitionKey', 'processInstanceKey', 'retries', 'state',
    'tenantId', 'type', 'worker',
  ],
  tieBreaker: 'jobKey',
};

const PROCESS_DEFINITIONS: SearchSpec = {
  table: 'process_definition_view',
  fields: {
    processDefinitionKey: key('key'),
    processDefinitionId: str('bpmn_process_id'),
    name: str('name'),
    version: int('version'),
    versionTag: str('version_tag'),
    resourceName: str('resource_name'),
    tenantId: str('tenant_id'),
    hasStartForm: bool('has_start_form'),
    isLatestVersion: bool('is_latest_version'),
  },
  sortFields: ['processDefinitionKey', 'name', 'resourceName', 'version', 'versionTag', 'processDefinitionId', 'tenantId'],
  tieBreaker: 'processDefinitionKey',
};

const DECISION_DEFINITIONS: SearchSpec = {
  table: 'decision_definitions',
  fields: {
    decisionDefinitionKey: key('key'),
    decisionDefinitionId: str('decision_id'),
    name: str('name'),
    version: int('version'),
    decisionRequirementsId: str('decision_requirements_id'),
    decisionRequirementsKey: key('decision_requirements_key'),
    tenantId: str('tenant_id'),
  },
  sortFields: ['decisionDefinitionKey', 'decisionDefinitionId', 'name', 'version', 'decisionRequirementsId', 'decisionRequirementsKey', 'tenantId'],
  tieBreaker: 'decisionDefinitionKey',
};

const DECISION_REQUIREMENTS: SearchSpec = {
  table: 'decision_requirements',
  fields: {
    decisionRequirementsKey: key('key'),
    decisionRequirementsId: str('decision_requirements_id'),
    decisionRequirementsName: str('name'),
    version: int('version'),
    resourceName: str('resource_name'),
    tenantId: str('tenant_id'),
  },
  sortFields: ['decisionRequirementsKey', 'decisionRequirementsName', 'version', 'decisionRequirementsId', 'tenantId'],
  tieBreaker: 'decisionRequirementsKey',
};

const DECISION_INSTANCES: SearchSpec = {
  table: 'decision_instances',
  fields: {
    decisionEvaluationInstanceKey: str('instance_key'),
    decisionEvaluationKey: key('evaluation_key'),
    state: enumeration('state'),
    evaluationFailure: str('evaluation_failure'),
    evaluationDate: date('evaluation_date'),
    decisionDefinitionId: str('decision_id'),
    decisionDefinitionName: str('decision_name'),
    decisionDefinitionVersion: int('decision_version'),
    decisionDefinitionType: enumeration('decision_type'),
    decisionDefinitionKey: key('decision_definition_key'),
    tenantId: str('tenant_id'),
    processDefinitionKey: key('process_definition_key'),
    processInstanceKey: key('process_instance_key'),
    elementInstanceKey: key('element_instance_key'),
  },
  sortFields: [
    'decisionDefinitionId', 'decisionDefinitionKey', 'decisionDefinitionName', 'decisionDefinitionType', 'decisionDefinitionVersion',
    'decisionEvaluationInstanceKey', 'decisionEvaluationKey', 'elementInstanceKey', 'evaluationDate', 'evaluationFailure',
    'processDefinitionKey', 'processInstanceKey', 'state', 'tenantId',
  ],
  tieBreaker: 'decisionEvaluationInstanceKey',
};

const BATCH_OPERATIONS: SearchSpec = {
  table: 'batch_operation_view',
  fields: {
    batchOperationKey: key('key'),
    operationType: enumeration('batch_operation_type'),
    state: enumeration('state'),
    startDate: date('start_date'),
    endDate: date('end_date'),
  },
  sortFields: ['batchOperationKey', 'operationType', 'state', 'startDate', 'endDate'],
  tieBreaker: 'batchOperationKey',
};

const BATCH_OPERATION_ITEMS: SearchSpec = {
  table: 'batch_operation_item_view',
  fields: {
    batchOperationKey: key('batch_operation_key'),
    itemKey: key('item_key'),
    processInstanceKey: key('process_instance_key'),
    state: enumeration('state'),
    operationType: enumeration('batch_operation_type'),
  },
  sortFields: ['batchOperationKey', 'itemKey', 'processInstanceKey', 'state'],
  tieBreaker: 'itemKey',
};

/** Camunda 8.9's audit log (audit_log rows). */
const AUDIT_LOGS: SearchSpec = {
  table: 'audit_log',
  fields: {
    auditLogKey: key('key'),
    processInstanceKey: key('process_instance_key'),
    processDefinitionKey: key('process_definition_key'),
    processDefinitionId: str('bpmn_process_id'),
    elementInstanceKey: key('element_instance_key'),
    userTaskKey: key('user_task_key'),
    jobKey: key('job_key'),
    batchOperationKey: key('batch_operation_key'),
    batchOperationType: enumeration('batch_operation_type'),
    entityKey: str('entity_key'),
    entityType: enumeration('entity_type'),
    operationType: enumeration('operation_type'),
    category: enumeration('category'),
    actorId: str('actor_id'),
    actorType: enumeration('actor_type'),
    result: enumeration('result'),
    timestamp: date('timestamp'),
    tenantId: str('tenant_id'),
  },
  sortFields: ['auditLogKey', 'timestamp', 'actorId', 'actorType', 'operationType', 'entityType', 'category', 'result', 'processInstanceKey', 'processDefinitionId', 'tenantId'],
  tieBreaker: 'auditLogKey',
};

export class EngineQueries {
  /**
   * `deployedProcesses`: the store's memory of which process ids are deployed (the route guard asks on every create);
   * without it (a lagging reader) the question goes to SQL.
   */
  constructor(
    private readonly db: QueryReads,
    private readonly deployedProcesses?: Pick<LatestProcessDefinitions, 'isDeployed'>,
  ) {}

  searchProcessInstances(request: SearchRequest, scope?: RowScope): Page<ProcessInstanceResult> {
    const where = scopeCondition(scope, { processId: 'bpmn_process_id', cases: 'process_instance_view.key' });
    return this.search(PROCESS_INSTANCES, request, toProcessInstance, where);
  }

  getProcessInstance(key: number): ProcessInstanceResult | undefined {
    return this.one('process_instance_view', key, toProcessInstance);
  }

  /** The chain of calling instances, root first, ending with `key` itself; undefined when `key` is unknown. */
  callHierarchy(key: number): CallHierarchyResult[] | undefined {
    const chain: CallHierarchyResult[] = [];
    for (let current: number | null = key; current !== null; ) {
      const row = this.db.read('SELECT * FROM process_instance_view WHERE key = ?').get(current) as Row | undefined;
      if (!row) return chain.length === 0 ? undefined : chain;
      chain.unshift({
        processInstanceKey: text(row.key),
        processDefinitionKey: text(row.process_definition_key),
        processDefinitionName: optText(row.process_definition_name) ?? text(row.bpmn_process_id),
      });
      current = row.parent_process_instance_key as number | null;
    }
    return chain;
  }

  /** Flow nodes only: as in Camunda (its exporter skips PROCESS records), the process instance is not an element instance. */
  searchElementInstances(request: SearchRequest, scope?: RowScope): Page<ElementInstanceResult> {
    const where = allOf({ where: `element_type <> 'PROCESS'`, params: [] }, scopeCondition(scope, { processId: 'bpmn_process_id' }));
    return this.search(ELEMENT_INSTANCES, request, toElementInstance, where);
  }

  getElementInstance(key: number): ElementInstanceResult | undefined {
    const instance = this.one('element_instance_view', key, toElementInstance);
    return instance?.type === 'PROCESS' ? undefined : instance;
  }

  /**
   * Variables, as Camunda 8.8 answers a search: a value longer than {@link VARIABLE_SIZE_THRESHOLD} characters is
   * cut to that length and flagged `isTruncated`, unless `truncateValues` is false (whole values, never flagged).
   */
  searchVariables(request: SearchRequest, scope?: RowScope, truncateValues = true): Page<VariableSearchResult> {
    const namesCases = namesItsCases((request.filter as Record<string, unknown> | undefined)?.processInstanceKey);
    const where = scopeCondition(scope, { instanceOf: 'process_instance_key', cases: 'variable_view.process_instance_key', namesCases });
    return this.search(VARIABLES, request, (row) => toVariableSearchResult(row, truncateValues), where);
  }

  /**
   * The variables visible from a user task: those of its own scope and of every enclosing scope (Camunda's tree
   * path), ANDed with the request's filter (a filter on another scope finds nothing rather than replacing this one).
   */
  searchUserTaskVariables(userTaskKey: number, request: SearchRequest, truncateValues = true): Page<VariableSearchResult> {
    const where = { where: 'variable_view.scope_key IN (SELECT value FROM json_each(?))', params: [JSON.stringify(this.scopeChain(userTaskKey))] };
    return this.search(VARIABLES, request, (row) => toVariableSearchResult(row, truncateValues), where);
  }

  getVariable(key: number): VariableResult | undefined {
    return this.one('variables', key, toVariable);
  }

  searchIncidents(request: SearchRequest, scope?: RowScope): Page<IncidentResult> {
    return this.search(INCIDENTS, request, toIncident, scopeCondition(scope, { processId: 'bpmn_process_id' }));
  }

  searchMessageSubscriptions(request: SearchRequest, scope?: RowScope): Page<MessageSubscriptionResult> {
    return this.search(MESSAGE_SUBSCRIPTIONS, request, toMessageSubscription, scopeCondition(scope, { processId: 'bpmn_process_id' }));
  }

  searchCorrelatedMessageSubscriptions(request: SearchRequest, scope?: RowScope): Page<CorrelatedMessageSubscriptionResult> {
    return this.search(CORRELATED_MESSAGE_SUBSCRIPTIONS, request, toCorrelatedMessageSubscription, scopeCondition(scope, { processId: 'bpmn_process_id' }));
  }

  /**
   * The incidents of one process instance and of the instances its call activities started, at any depth (Camunda
   * 8.8 finds them by the call tree), ANDed with the request's filter; `scope`: those of processes the caller reads.
   */
  searchProcessInstanceIncidents(processInstanceKey: number, request: SearchRequest, scope?: RowScope): Page<IncidentResult> {
    const tree = `WITH RECURSIVE tree(key) AS (
        SELECT ? UNION ALL
        SELECT p.key FROM tree JOIN element_instances e ON e.process_instance_key = tree.key AND e.element_type = 'CALL_ACTIVITY'
        JOIN process_instances p ON p.parent_element_instance_key = e.key)
      SELECT key FROM tree`;
    const where = allOf({ where: `incidents.process_instance_key IN (${tree})`, params: [processInstanceKey] }, scopeCondition(scope, { processId: 'incidents.bpmn_process_id' }));
    return this.search(INCIDENTS, request, toIncident, where);
  }

  getIncident(key: number): IncidentResult | undefined {
    return this.one('incidents', key, toIncident);
  }

  /**
   * User tasks. `candidateGroup` and `candidateUser` are member fields (any operator of a string); the variable
   * filters take `{name, value}` entries whose value is a JSON text or a string operator object.
   */
  searchUserTasks(request: SearchRequest, scope?: RowScope): Page<UserTaskResult> {
    const visible = filtersToOwnGroups(request.filter?.candidateGroup, scope) ? undefined : scope;
    const where = scopeCondition(visible, { processId: 'user_tasks.bpmn_process_id', tasks: 'user_tasks' });
    return this.search(USER_TASKS, request, toUserTask, where);
  }

  /**
   * Whether the row `key` of a resource is within `scope`: `missing` when there is no such row (the caller
   * answers 404), `hidden` when the scope does not reach it (403).
   */
  reach(target: ScopedTarget, key: number, scope: RowScope | undefined): 'visible' | 'hidden' | 'missing' {
    const { table, alias, condition } = TARGETS[target];
    const found = this.db.read(`SELECT 1 FROM ${table} ${alias} WHERE ${alias}.key = ?`).get(key);
    if (!found) return 'missing';
    const where = scopeCondition(scope, condition);
    if (!where) return 'visible';
    const visible = this.db.read(`SELECT 1 FROM ${table} ${alias} WHERE ${alias}.key = ? AND (${where.where})`).get(key, ...where.params);
    return visible ? 'visible' : 'hidden';
  }

  /** The BPMN process id of a process definition, process instance, job or user task; undefined when unknown. */
  processIdOf(target: 'processDefinition' | 'processInstance', key: number): string | undefined {
    const table = target === 'processDefinition' ? 'process_definitions' : 'process_instances';
    const row = this.db.read(`SELECT bpmn_process_id AS id FROM ${table} WHERE key = ?`).get(key) as { id: string } | undefined;
    return row?.id;
  }

  /** Whether a version of the process (BPMN process id) or of the decision (decision id) is deployed. */
  isDeployed(kind: 'process' | 'decision', id: string): boolean {
    if (kind === 'process' && this.deployedProcesses) return this.deployedProcesses.isDeployed(id);
    const sql = kind === 'process' ? 'SELECT 1 FROM process_definitions WHERE bpmn_process_id = ? LIMIT 1' : 'SELECT 1 FROM decision_definitions WHERE decision_id = ? LIMIT 1';
    return this.db.read(sql).get(id) !== undefined;
  }

  /**
   * The id an authorization names for a decision row: the decision id of a decision definition or of a decision
   * instance (`<evaluation key>-<n>`), the DRG id of decision requirements; undefined when there is no such row.
   */
  decisionIdOf(target: 'decisionDefinition' | 'decisionInstance' | 'decisionRequirements', key: string): string | undefined {
    const sql = {
      decisionDefinition: 'SELECT decision_id AS id FROM decision_definitions WHERE key = ?',
      decisionInstance: 'SELECT decision_id AS id FROM decision_instances WHERE instance_key = ?',
      decisionRequirements: 'SELECT decision_requirements_id AS id FROM decision_requirements WHERE key = ?',
    }[target];
    const row = this.db.read(sql).get(target === 'decisionInstance' ? key : Number(key)) as { id: string } | undefined;
    return row?.id;
  }

  /** What a deployed resource's key names (the keys resource deletion takes), with the id authorizations name. */
  deployedResourceOf(key: number): { kind: DeployedResourceKind; id: string } | undefined {
    const row = this.db
      .read(
        `SELECT 'processDefinition' AS kind, bpmn_process_id AS id FROM process_definitions WHERE key = @key
         UNION ALL SELECT 'decisionRequirements', decision_requirements_id FROM decision_requirements WHERE key = @key
         UNION ALL SELECT 'form', form_id FROM forms WHERE key = @key`,
      )
      .get({ key }) as { kind: DeployedResourceKind; id: string } | undefined;
    return row;
  }

  getUserTask(key: number): UserTaskResult | undefined {
    return this.one('user_tasks', key, toUserTask);
  }

  /** The element instance of a user task and all its enclosing scopes up to the process instance, innermost first. */
  private scopeChain(userTaskKey: number): number[] {
    const rows = this.db
      .read(
        `WITH RECURSIVE chain(key, depth) AS (
           SELECT element_instance_key, 0 FROM user_tasks WHERE key = ?
           UNION ALL SELECT e.flow_scope_key, c.depth + 1 FROM element_instances e JOIN chain c ON e.key = c.key
           WHERE e.flow_scope_key IS NOT NULL)
         SELECT key FROM chain ORDER BY depth`,
      )
      .all(userTaskKey) as { key: number }[];
    return rows.map((r) => r.key);
  }

  /** The form linked to a user task, or undefined when it has none. */
  userTaskForm(userTaskKey: number): FormResult | undefined {
    const row = this.db
      .read(`SELECT f.* FROM user_tasks t JOIN forms f ON f.key = t.form_key WHERE t.key = ?`)
      .get(userTaskKey) as Row | undefined;
    return row ? toForm(row) : undefined;
  }

  startForm(processDefinitionKey: number): FormResult | undefined {
    const row = this.db
      .read(
        `SELECT f.* FROM process_definitions d JOIN forms f ON f.form_id = d.start_form_id AND f.tenant_id = d.tenant_id
         WHERE d.key = ? ORDER BY f.version DESC LIMIT 1`,
      )
      .get(processDefinitionKey) as Row | undefined;
    return row ? toForm(row) : undefined;
  }

  searchJobs(request: SearchRequest, scope?: RowScope): Page<JobSearchResult> {
    return this.search(JOBS, request, toJob, scopeCondition(scope, { processId: 'bpmn_process_id' }));
  }

  searchProcessDefinitions(request: SearchRequest, scope?: RowScope): Page<ProcessDefinitionResult> {
    return this.search(PROCESS_DEFINITIONS, request, toProcessDefinition, scopeCondition(scope, { processId: 'bpmn_process_id' }));
  }

  getProcessDefinition(key: number): ProcessDefinitionResult | undefined {
    return this.one('process_definition_view', key, toProcessDefinition);
  }

  processDefinitionXml(key: number): string | undefined {
    const row = this.db
      .read(`SELECT r.content FROM process_definitions d JOIN resources r ON r.key = d.resource_key WHERE d.key = ?`)
      .get(key) as { content: string } | undefined;
    return row?.content;
  }

  /** `scope`: the decision ids the caller holds READ_DECISION_DEFINITION on. */
  searchDecisionDefinitions(request: SearchRequest, scope?: IdScope): Page<DecisionDefinitionResult> {
    return this.search(DECISION_DEFINITIONS, request, toDecisionDefinition, idScopeCondition(scope, 'decision_id'));
  }

  getDecisionDefinition(key: number): DecisionDefinitionResult | undefined {
    return this.one('decision_definitions', key, toDecisionDefinition);
  }

  /** The DMN XML of the DRG a decision belongs to. */
  decisionDefinitionXml(key: number): string | undefined {
    const row = this.db
      .read(`SELECT r.content FROM decision_definitions d JOIN decision_requirements r ON r.key = d.decision_requirements_key WHERE d.key = ?`)
      .get(key) as { content: string } | undefined;
    return row?.content;
  }

  /** `scope`: the DRG ids the caller holds DECISION_REQUIREMENTS_DEFINITION READ on. */
  searchDecisionRequirements(request: SearchRequest, scope?: IdScope): Page<DecisionRequirementsResult> {
    return this.search(DECISION_REQUIREMENTS, request, toDecisionRequirements, idScopeCondition(scope, 'decision_requirements_id'));
  }

  getDecisionRequirements(key: number): DecisionRequirementsResult | undefined {
    return this.one('decision_requirements', key, toDecisionRequirements);
  }

  decisionRequirementsXml(key: number): string | undefined {
    const row = this.db.read(`SELECT content FROM decision_requirements WHERE key = ?`).get(key) as { content: string } | undefined;
    return row?.content;
  }

  /** `scope`: the decision ids the caller holds READ_DECISION_INSTANCE on. */
  searchDecisionInstances(request: SearchRequest, scope?: IdScope): Page<DecisionInstanceResult> {
    return this.search(DECISION_INSTANCES, request, toDecisionInstance, idScopeCondition(scope, 'decision_id'));
  }

  /** One decision instance with its evaluated inputs and matched rules (Camunda's get-by-key shape). */
  getDecisionInstance(instanceKey: string): DecisionInstanceDetailsResult | undefined {
    const row = this.db.read('SELECT * FROM decision_instances WHERE instance_key = ?').get(instanceKey) as Row | undefined;
    if (!row) return undefined;
    return {
      ...toDecisionInstance(row),
      evaluatedInputs: JSON.parse(text(row.evaluated_inputs)) as DecisionInstanceDetailsResult['evaluatedInputs'],
      matchedRules: JSON.parse(text(row.matched_rules)) as DecisionInstanceDetailsResult['matchedRules'],
    };
  }

  /** `scope`: BATCH READ, all or nothing (batch operations are not authorized one by one, see route-guard.ts). */
  searchBatchOperations(request: SearchRequest, scope?: IdScope): Page<BatchOperationResult> {
    return this.search(BATCH_OPERATIONS, request, toBatchOperation, idScopeCondition(scope, undefined));
  }

  getBatchOperation(key: number): BatchOperationResult | undefined {
    return this.one('batch_operation_view', key, toBatchOperation);
  }

  searchBatchOperationItems(request: SearchRequest, scope?: IdScope): Page<BatchOperationItemResult> {
    return this.search(BATCH_OPERATION_ITEMS, request, toBatchOperationItem, idScopeCondition(scope, undefined));
  }

  /**
   * The audit log; a clerk reads the entries of the cases they may read (the case scope of `cases` lines). The
   * creation of a batch operation belongs to no case: only a caller who may read batch operations (`batches`, BATCH
   * READ, as the batch search) finds it, whatever cases they may read.
   */
  searchAuditLogs(request: SearchRequest, scope: RowScope | undefined, options: { batches: boolean }): Page<AuditLogResult> {
    const cases = scopeCondition(scope, { processId: 'bpmn_process_id', cases: 'audit_log.process_instance_key' });
    const where = allOf(cases, options.batches ? undefined : { where: "audit_log.entity_type <> 'BATCH'", params: [] });
    return this.search(AUDIT_LOGS, request, toAuditLog, where);
  }

  /**
   * Camunda 8.8's element statistics of a process definition (Operate's diagram badges): per element, how many
   * instances of it are active, active with an incident, completed and terminated, over the process instances of
   * the definition that match `filter` (the process-instance filter fields, `variables` included). Only elements
   * with at least one instance appear.
   */
  processDefinitionElementStatistics(processDefinitionKey: number, filter: Record<string, unknown> | undefined, scope?: RowScope): ElementStatisticsResult[] {
    const condition = compileFilterCondition(this.db, PROCESS_INSTANCES, filter);
    const where = allOf({ where: condition.where, params: condition.params }, scopeCondition(scope, { processId: 'bpmn_process_id' }));
    // driven by the matching instances (the state index for the usual "active" filter), then their elements by index
    const rows = this.db
      .read(
        `SELECT ${ELEMENT_COUNTS} FROM element_instances e
         WHERE e.process_instance_key IN (SELECT key FROM process_instance_view WHERE process_definition_key = ? AND (${where!.where}))
           AND e.element_type <> 'PROCESS'
         GROUP BY e.element_id ORDER BY e.element_id`,
      )
      .all(processDefinitionKey, ...where!.params) as Row[];
    return rows.map(toElementStatistics);
  }

  /** The element statistics of one process instance (its diagram's badges); empty for an unknown key. */
  /** `scope`: as a search, an instance the caller may not read has no statistics (an empty list). */
  processInstanceElementStatistics(processInstanceKey: number, scope?: RowScope): ElementStatisticsResult[] {
    if (scope && this.reach('processInstance', processInstanceKey, scope) === 'hidden') return [];
    const rows = this.db
      .read(
        `SELECT ${ELEMENT_COUNTS} FROM element_instances e WHERE e.process_instance_key = ? AND e.element_type <> 'PROCESS'
         GROUP BY e.element_id ORDER BY e.element_id`,
      )
      .all(processInstanceKey) as Row[];
    return rows.map(toElementStatistics);
  }

  /**
   * The sequence flows a process instance has taken, each once, from the event log (SEQUENCE_FLOW_TAKEN events),
   * in Camunda 8.8's shape; empty for an unknown key or when the event log is turned off.
   */
  /** `scope`: as a search, an instance the caller may not read has no sequence flows (an empty list). */
  sequenceFlows(processInstanceKey: number, scope?: RowScope): SequenceFlowResult[] {
    if (scope && this.reach('processInstance', processInstanceKey, scope) === 'hidden') return [];
    const instance = this.db
      .read('SELECT process_definition_key, bpmn_process_id, tenant_id FROM process_instances WHERE key = ?')
      .get(processInstanceKey) as Row | undefined;
    if (!instance) return [];
    const flows = this.db
      .read(
        `SELECT json_extract(j.value, '$.record.flowId') AS flow_id, min(ev.position * 10000 + j.key) AS first_taken
         FROM events ev, json_each(ev.records) j
         WHERE ev.process_instance_key = ? AND json_extract(j.value, '$.intent') = 'SEQUENCE_FLOW_TAKEN'
         GROUP BY flow_id ORDER BY first_taken`,
      )
      .all(processInstanceKey) as { flow_id: string }[];
    return flows.map(({ flow_id }) => ({
      sequenceFlowId: `${processInstanceKey}_${flow_id}`,
      processInstanceKey: String(processInstanceKey),
      processDefinitionKey: text(instance.process_definition_key),
      processDefinitionId: text(instance.bpmn_process_id),
      elementId: flow_id,
      tenantId: text(instance.tenant_id),
    }));
  }

  // helpers

  private search<T>(spec: SearchSpec, request: SearchRequest, project: (row: Row) => T, extra?: { where: string; params: unknown[] }): Page<T> {
    const result = runSearch<Row>(this.db, spec, request, extra);
    return { items: result.rows.map(project), page: result.page };
  }

  private one<T>(table: string, key: number, project: (row: Row) => T): T | undefined {
    const row = this.db.read(`SELECT * FROM ${table} WHERE key = ?`).get(key) as Row | undefined;
    return row ? project(row) : undefined;
  }
}

// helpers

/** The kinds of deployed resource a key may name (process definitions, DMN resources' decision requirements, forms). */
export type DeployedResourceKind = 'processDefinition' | 'decisionRequirements' | 'form';

export type ScopedTarget = 'userTask' | 'processInstance' | 'processDefinition' | 'variable' | 'incident' | 'job' | 'elementInstance';

interface ScopeColumns {
  /** Column holding the row's BPMN process id. */
  processId?: string;
  /** Column holding a process instance key whose process id decides (when the row has no process id). */
  instanceOf?: string;
  /** The row is a user task (table alias): the task scope applies to it directly. */
  tasks?: string;
  /**
   * Column holding the key of the row's case (process instance): readable when one of its tasks is in the task
   * scope, or when the scope's user started it. Qualified with its table or alias (`variables.process_instance_key`): it is read inside a sub-query over
   * user_tasks, where a bare column name would mean the task's own.
   */
  cases?: string;
  /**
   * The search names its cases (a key or a list of keys, as the task list asks for its rows' applicants): the tasks
   * of each row's case are checked one by one, their candidates through the index on the task key, instead of
   * building the set of every task of the user's groups first (tens of thousands of rows, for each statement: 55 ms
   * against 1 ms for 50 cases with 100,000 open tasks). A search that names no case keeps the set, built once.
   */
  namesCases?: boolean;
}

const TARGETS: Record<ScopedTarget, { table: string; alias: string; condition: ScopeColumns }> = {
  userTask: { table: 'user_tasks', alias: 't', condition: { processId: 't.bpmn_process_id', tasks: 't' } },
  processInstance: { table: 'process_instances', alias: 'p', condition: { processId: 'p.bpmn_process_id', cases: 'p.key' } },
  processDefinition: { table: 'process_definitions', alias: 'd', condition: { processId: 'd.bpmn_process_id' } },
  variable: { table: 'variables', alias: 'v', condition: { instanceOf: 'v.process_instance_key', cases: 'v.process_instance_key' } },
  incident: { table: 'incidents', alias: 'i', condition: { processId: 'i.bpmn_process_id' } },
  job: { table: 'jobs', alias: 'j', condition: { processId: 'j.bpmn_process_id' } },
  elementInstance: { table: 'element_instances', alias: 'e', condition: { processId: 'e.bpmn_process_id' } },
};

/** The SQL condition of a row scope on a table, or undefined when the scope reaches every row. */
function scopeCondition(scope: RowScope | undefined, columns: ScopeColumns): Where | undefined {
  if (scope === undefined || scope.processIds === 'all') return undefined;
  const terms: string[] = [];
  const params: unknown[] = [];
  if (scope.processIds.length > 0) {
    const ids = 'SELECT value FROM json_each(?)';
    if (columns.processId) terms.push(`${columns.processId} IN (${ids})`);
    else if (columns.instanceOf) terms.push(`${columns.instanceOf} IN (SELECT key FROM process_instances WHERE bpmn_process_id IN (${ids}))`);
    params.push(JSON.stringify(scope.processIds));
  }
  if (scope.tasks && columns.tasks) {
    const match = taskMatch(columns.tasks, scope.tasks);
    terms.push(match.where);
    params.push(...match.params);
  } else if (scope.tasks && columns.cases) {
    const match = taskMatch('c', scope.tasks, columns.namesCases);
    // per row through the tasks of its case (index on process_instance_key): a search of a few cases' variables
    // must not build the set of every case the clerk may read first
    terms.push(`EXISTS (SELECT 1 FROM user_tasks c WHERE c.process_instance_key = ${columns.cases} AND (${match.where}))`);
    params.push(...match.params);
    if (!scope.tasks.workable) {
      // and the cases they started (POST /v2/process-instances): the 受理 clerk follows up the cases she accepted,
      // whichever group's step comes first
      terms.push(`EXISTS (SELECT 1 FROM process_instances s WHERE s.key = ${columns.cases} AND s.started_by = ?)`);
      params.push(scope.tasks.username);
    }
  }
  return { where: terms.length === 0 ? '0' : `(${terms.join(' OR ')})`, params };
}

/**
 * A clerk's own lists filter on their groups (`candidateGroup` `$in` their groups): every task such a filter
 * finds is one they may see, so the scope adds nothing and is left out — it would cost a second pass over the
 * candidates for each of thousands of rows.
 */
function filtersToOwnGroups(candidateGroup: unknown, scope: RowScope | undefined): boolean {
  if (!scope?.tasks?.byCandidateGroups || scope.tasks.workable) return false;
  const groups = new Set(scope.tasks.groups);
  const values =
    typeof candidateGroup === 'string'
      ? [candidateGroup]
      : candidateGroup !== null && typeof candidateGroup === 'object' && Object.keys(candidateGroup).length === 1
        ? (((candidateGroup as { $eq?: unknown; $in?: unknown }).$in ?? [(candidateGroup as { $eq?: unknown }).$eq]) as unknown[])
        : undefined;
  return Array.isArray(values) && values.length > 0 && values.every((value) => typeof value === 'string' && groups.has(value));
}

/**
 * True for a user task row (alias `t`) that the task scope reaches: assigned, completed by the user, a candidate.
 * The cheap column tests come first: SQLite stops at the first true term, so a list of the user's own tasks never
 * builds the candidate set. `perTask`: the candidates of each task are looked up instead (few tasks to check).
 */
function taskMatch(t: string, scope: TaskScope, perTask = false): Where {
  const terms: string[] = [];
  const params: unknown[] = [];
  if (scope.byAssignee) {
    terms.push(`${t}.assignee = ?`);
    params.push(scope.username);
  }
  if (!scope.workable) {
    terms.push(`${t}.completed_by = ?`);
    params.push(scope.username);
  }
  const candidates = (condition: string) =>
    perTask
      ? `EXISTS (SELECT 1 FROM user_task_candidates tc WHERE tc.user_task_key = ${t}.key AND ${condition})`
      : `${t}.key IN (SELECT user_task_key FROM user_task_candidates tc WHERE ${condition})`;
  if (scope.byCandidateUsers) {
    terms.push(candidates(`tc.kind = 'user' AND tc.value = ?`));
    params.push(scope.username);
  }
  if (scope.byCandidateGroups && scope.groups.length > 0) {
    terms.push(candidates(`tc.kind = 'group' AND tc.value IN (SELECT value FROM json_each(?))`));
    params.push(JSON.stringify(scope.groups));
  }
  if (terms.length === 0) return { where: '0', params: [] };
  if (scope.workable) {
    // claim and complete: only a task nobody else holds
    return { where: `((${terms.join(' OR ')}) AND (${t}.assignee IS NULL OR ${t}.assignee = ?))`, params: [...params, scope.username] };
  }
  return { where: `(${terms.join(' OR ')})`, params };
}

/** Whether a `processInstanceKey` filter names its cases: a key, `$eq` or a list (`$in`). */
function namesItsCases(filter: unknown): boolean {
  if (typeof filter === 'string' || typeof filter === 'number') return true;
  if (filter === null || typeof filter !== 'object') return false;
  const operators = filter as { $eq?: unknown; $in?: unknown };
  return operators.$eq !== undefined || Array.isArray(operators.$in);
}

const k = (value: unknown) => (value === null || value === undefined ? undefined : String(value));
/** A text (or key, or ISO date) column that is never NULL. */
const text = (value: unknown) => String(value);
/** A text column that may be NULL, as an absent field. */
const optText = (value: unknown) => (value === null || value === undefined ? undefined : String(value));

/** Element statistics columns over element instances `e`: Camunda counts an element with an incident apart from the active ones. */
const ELEMENT_COUNTS = `e.element_id AS element_id,
  sum(e.state NOT IN ('COMPLETED', 'TERMINATED') AND e.incident_key IS NULL) AS active,
  sum(e.state = 'TERMINATED') AS canceled,
  sum(e.state NOT IN ('COMPLETED', 'TERMINATED') AND e.incident_key IS NOT NULL) AS incidents,
  sum(e.state = 'COMPLETED') AS completed`;

function toElementStatistics(row: Row): ElementStatisticsResult {
  return {
    elementId: text(row.element_id),
    active: Number(row.active),
    canceled: Number(row.canceled),
    incidents: Number(row.incidents),
    completed: Number(row.completed),
  };
}

/** Camunda 8.9's AuditLogResult (absent values null, as 8.9 answers), plus this engine's `variableValue`. */
function toAuditLog(row: Row): AuditLogResult {
  const nullable = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    auditLogKey: text(row.key),
    entityKey: nullable(row.entity_key),
    entityType: text(row.entity_type) as AuditLogResult['entityType'],
    operationType: text(row.operation_type) as AuditLogResult['operationType'],
    batchOperationKey: nullable(row.batch_operation_key),
    batchOperationType: nullable(row.batch_operation_type),
    timestamp: text(row.timestamp),
    actorId: nullable(row.actor_id),
    actorType: nullable(row.actor_type) as AuditLogResult['actorType'],
    tenantId: text(row.tenant_id),
    result: text(row.result) as AuditLogResult['result'],
    annotation: null,
    category: text(row.category) as AuditLogResult['category'],
    processDefinitionId: nullable(row.bpmn_process_id),
    processDefinitionKey: nullable(row.process_definition_key),
    processInstanceKey: nullable(row.process_instance_key),
    elementInstanceKey: nullable(row.element_instance_key),
    jobKey: nullable(row.job_key),
    userTaskKey: nullable(row.user_task_key),
    entityDescription: nullable(row.entity_description),
    variableValue: nullable(row.variable_value),
  };
}

function toProcessInstance(row: Row): ProcessInstanceResult {
  return {
    processInstanceKey: text(row.key),
    processDefinitionKey: text(row.process_definition_key),
    processDefinitionId: text(row.bpmn_process_id),
    processDefinitionName: optText(row.process_definition_name) ?? text(row.bpmn_process_id),
    processDefinitionVersion: Number(row.version),
    processDefinitionVersionTag: optText(row.process_definition_version_tag),
    startDate: text(row.start_date),
    endDate: optText(row.end_date),
    state: text(row.state),
    hasIncident: row.has_incident === 1,
    tenantId: text(row.tenant_id),
    parentProcessInstanceKey: k(row.parent_process_instance_key),
    parentElementInstanceKey: k(row.parent_element_instance_key),
    tags: typeof row.tags === 'string' ? (JSON.parse(row.tags) as string[]) : [],
  };
}

function toElementInstance(row: Row): ElementInstanceResult {
  return {
    elementInstanceKey: text(row.key),
    processInstanceKey: text(row.process_instance_key),
    processDefinitionKey: text(row.process_definition_key),
    processDefinitionId: text(row.bpmn_process_id),
    elementId: text(row.element_id),
    elementName: text(row.element_name ?? row.element_id),
    type: text(row.element_type) as ElementInstanceResult['type'],
    state: text(row.api_state) as ElementInstanceResult['state'],
    hasIncident: row.has_incident === 1,
    incidentKey: k(row.incident_key),
    startDate: text(row.start_date),
    endDate: optText(row.end_date),
    tenantId: text(row.tenant_id),
  };
}

function toVariable(row: Row): VariableResult {
  return {
    variableKey: text(row.key),
    name: text(row.name),
    value: text(row.value),
    scopeKey: text(row.scope_key),
    processInstanceKey: text(row.process_instance_key),
    tenantId: text(row.tenant_id),
  };
}

function toVariableSearchResult(row: Row, truncateValues: boolean): VariableSearchResult {
  const variable = toVariable(row);
  if (!truncateValues || row.is_truncated !== 1) return { ...variable, isTruncated: false };
  // cut in UTF-16 units as Camunda (Java) does, but not between the two halves of a character
  const end = /[\uD800-\uDBFF]/.test(variable.value.charAt(VARIABLE_SIZE_THRESHOLD - 1)) ? VARIABLE_SIZE_THRESHOLD - 1 : VARIABLE_SIZE_THRESHOLD;
  return { ...variable, value: variable.value.slice(0, end), isTruncated: true };
}

function toIncident(row: Row): IncidentResult {
  return {
    incidentKey: text(row.key),
    processDefinitionKey: text(row.process_definition_key),
    processDefinitionId: text(row.bpmn_process_id),
    processInstanceKey: text(row.process_instance_key),
    errorType: text(row.error_type) as IncidentResult['errorType'],
    errorMessage: text(row.error_message),
    elementId: text(row.element_id),
    elementInstanceKey: text(row.element_instance_key),
    creationTime: text(row.creation_time),
    state: text(row.state) as IncidentResult['state'],
    jobKey: k(row.job_key),
    tenantId: text(row.tenant_id),
  };
}

function toMessageSubscription(row: Row): MessageSubscriptionResult {
  return {
    messageSubscriptionKey: text(row.key),
    processDefinitionId: text(row.bpmn_process_id),
    processDefinitionKey: text(row.process_definition_key),
    processInstanceKey: text(row.process_instance_key),
    elementId: text(row.element_id),
    elementInstanceKey: text(row.element_instance_key),
    messageSubscriptionState: text(row.state) as MessageSubscriptionResult['messageSubscriptionState'],
    lastUpdatedDate: text(row.last_updated_date),
    messageName: text(row.message_name),
    correlationKey: text(row.correlation_key),
    tenantId: text(row.tenant_id),
  };
}

function toCorrelatedMessageSubscription(row: Row): CorrelatedMessageSubscriptionResult {
  return {
    correlationKey: text(row.correlation_key),
    correlationTime: text(row.correlation_time),
    elementId: text(row.element_id),
    elementInstanceKey: k(row.element_instance_key),
    messageKey: text(row.message_key),
    messageName: text(row.message_name),
    partitionId: Number(row.partition_id),
    processDefinitionId: text(row.bpmn_process_id),
    processDefinitionKey: text(row.process_definition_key),
    processInstanceKey: text(row.process_instance_key),
    subscriptionKey: text(row.subscription_key),
    tenantId: text(row.tenant_id),
  };
}

function toUserTask(row: Row): UserTaskResult {
  return {
    userTaskKey: text(row.key),
    name: optText(row.name) ?? text(row.element_id),
    state: text(row.state) as UserTaskResult['state'],
    assignee: optText(row.assignee),
    elementId: text(row.element_id),
    candidateGroups: JSON.parse(text(row.candidate_groups)),
    candidateUsers: JSON.parse(text(row.candidate_users)),
    processDefinitionId: text(row.bpmn_process_id),
    creationDate: text(row.creation_date),
    completionDate: optText(row.completion_date),
    followUpDate: optText(row.follow_up_date),
    dueDate: optText(row.due_date),
    tenantId: text(row.tenant_id),
    externalFormReference: optText(row.external_form_reference),
    processDefinitionVersion: Number(row.version),
    customHeaders: JSON.parse(text(row.custom_headers)),
    priority: Number(row.priority),
    elementInstanceKey: text(row.element_instance_key),
    processName: optText(row.process_name),
    processDefinitionKey: text(row.process_definition_key),
    processInstanceKey: text(row.process_instance_key),
    formKey: k(row.form_key),
  };
}

function toForm(row: Row): FormResult {
  return { formKey: text(row.key), formId: text(row.form_id), schema: text(row.schema), version: Number(row.version), tenantId: text(row.tenant_id) };
}

function toJob(row: Row): JobSearchResult {
  return {
    jobKey: text(row.key),
    type: text(row.type),
    worker: optText(row.answered_worker) ?? '',
    state: text(row.answered_state) as AnsweredJobState,
    retries: Number(row.retries),
    deadline: optText(row.answered_deadline_time),
    endTime: optText(row.end_time),
    // '' while the job has none, as Zeebe's job record (docs/camunda8-cluster.md)
    errorMessage: text(row.answered_error_message),
    errorCode: text(row.answered_error_code),
    hasFailedWithRetriesLeft: row.has_failed_with_retries_left === 1,
    customHeaders: JSON.parse(text(row.custom_headers)),
    elementId: text(row.element_id),
    elementInstanceKey: text(row.element_instance_key),
    processDefinitionId: text(row.bpmn_process_id),
    processDefinitionKey: text(row.process_definition_key),
    processInstanceKey: text(row.process_instance_key),
    tenantId: text(row.tenant_id),
    kind: text(row.kind) as JobSearchResult['kind'],
    listenerEventType: text(row.listener_event_type) as JobSearchResult['listenerEventType'],
  };
}

function toProcessDefinition(row: Row): ProcessDefinitionResult {
  return {
    processDefinitionKey: text(row.key),
    processDefinitionId: text(row.bpmn_process_id),
    name: optText(row.name) ?? text(row.bpmn_process_id),
    version: Number(row.version),
    versionTag: optText(row.version_tag),
    resourceName: text(row.resource_name),
    tenantId: text(row.tenant_id),
    hasStartForm: row.has_start_form === 1,
  };
}

function toDecisionDefinition(row: Row): DecisionDefinitionResult {
  return {
    decisionDefinitionKey: text(row.key),
    decisionDefinitionId: text(row.decision_id),
    name: text(row.name),
    version: Number(row.version),
    decisionRequirementsId: text(row.decision_requirements_id),
    decisionRequirementsKey: text(row.decision_requirements_key),
    tenantId: text(row.tenant_id),
  };
}

function toDecisionRequirements(row: Row): DecisionRequirementsResult {
  return {
    decisionRequirementsKey: text(row.key),
    decisionRequirementsId: text(row.decision_requirements_id),
    decisionRequirementsName: text(row.name),
    version: Number(row.version),
    resourceName: text(row.resource_name),
    tenantId: text(row.tenant_id),
  };
}

function toDecisionInstance(row: Row): DecisionInstanceResult {
  return {
    decisionEvaluationInstanceKey: text(row.instance_key),
    decisionInstanceKey: text(row.instance_key),
    decisionEvaluationKey: text(row.evaluation_key),
    state: text(row.state) as DecisionInstanceResult['state'],
    evaluationDate: text(row.evaluation_date),
    evaluationFailure: optText(row.evaluation_failure),
    decisionDefinitionId: text(row.decision_id),
    decisionDefinitionName: text(row.decision_name),
    decisionDefinitionVersion: Number(row.decision_version),
    decisionDefinitionType: text(row.decision_type) as DecisionInstanceResult['decisionDefinitionType'],
    decisionDefinitionKey: text(row.decision_definition_key),
    result: optText(row.result),
    tenantId: text(row.tenant_id),
    processDefinitionKey: k(row.process_definition_key),
    processInstanceKey: k(row.process_instance_key),
    elementInstanceKey: k(row.element_instance_key),
  };
}

function toBatchOperation(row: Row): BatchOperationResult {
  return {
    batchOperationKey: text(row.key),
    state: text(row.state) as BatchOperationResult['state'],
    batchOperationType: text(row.batch_operation_type) as BatchOperationResult['batchOperationType'],
    startDate: text(row.start_date),
    endDate: optText(row.end_date),
    operationsTotalCount: Number(row.operations_total_count),
    operationsFailedCount: Number(row.operations_failed_count),
    operationsCompletedCount: Number(row.operations_completed_count),
    errors: [],
  };
}

function toBatchOperationItem(row: Row): BatchOperationItemResult {
  return {
    operationType: text(row.batch_operation_type) as BatchOperationItemResult['operationType'],
    batchOperationKey: text(row.batch_operation_key),
    itemKey: text(row.item_key),
    processInstanceKey: text(row.process_instance_key),
    state: text(row.state) as BatchOperationItemResult['state'],
    processedDate: optText(row.processed_date),
    errorMessage: optText(row.error_message),
  };
}
