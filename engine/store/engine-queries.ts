/**
 * The read side of the REST API: search specs per resource and the projections of rows into the shapes
 * Camunda 8.8 returns (keys as decimal strings, dates as ISO strings). Strongly consistent: it reads the same
 * SQLite file the commands write.
 */
import type { SqliteDatabase } from './database.js';
import { runSearch, type SearchRequest, type SearchSpec } from './search-query.js';

type Row = Record<string, unknown>;
export interface Page<T> {
  items: T[];
  page: { totalItems: number; startCursor?: string; endCursor?: string };
}

const key = (column: string) => ({ column, kind: 'key' as const });
const str = (column: string) => ({ column, kind: 'string' as const });
const int = (column: string) => ({ column, kind: 'int' as const });
const date = (column: string) => ({ column, kind: 'date' as const });
const enumeration = (column: string) => ({ column, kind: 'enum' as const });
const bool = (column: string) => ({ column, kind: 'bool' as const });

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
  },
  sortFields: [
    'processInstanceKey', 'processDefinitionId', 'processDefinitionName', 'processDefinitionVersion', 'processDefinitionKey',
    'startDate', 'endDate', 'state', 'tenantId', 'hasIncident', 'parentProcessInstanceKey',
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

const VARIABLES: SearchSpec = {
  table: 'variables',
  fields: {
    variableKey: key('key'),
    name: str('name'),
    value: str('value'),
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
  },
  sortFields: ['creationDate', 'completionDate', 'followUpDate', 'dueDate', 'priority', 'name'],
  tieBreaker: 'userTaskKey',
};

const JOBS: SearchSpec = {
  table: 'jobs',
  fields: {
    jobKey: key('key'),
    type: str('type'),
    worker: str('worker'),
    state: enumeration('state'),
    retries: int('retries'),
    processDefinitionId: str('bpmn_process_id'),
    processDefinitionKey: key('process_definition_key'),
    processInstanceKey: key('process_instance_key'),
    elementId: str('element_id'),
    elementInstanceKey: key('element_instance_key'),
    tenantId: str('tenant_id'),
  },
  sortFields: ['jobKey', 'type', 'worker', 'state', 'retries', 'processInstanceKey', 'elementId', 'tenantId'],
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

export class EngineQueries {
  constructor(private readonly db: SqliteDatabase) {}

  searchProcessInstances(request: SearchRequest): Page<Row> {
    const { filter, extra } = extractVariableFilter(request.filter, 'process_instance_view.key');
    return this.search(PROCESS_INSTANCES, { ...request, filter }, toProcessInstance, extra);
  }

  getProcessInstance(key: number): Row | undefined {
    return this.one('process_instance_view', key, toProcessInstance);
  }

  /** Flow nodes only: as in Camunda (its exporter skips PROCESS records), the process instance is not an element instance. */
  /** The chain of calling instances, root first, ending with `key` itself; undefined when `key` is unknown. */
  callHierarchy(key: number): Row[] | undefined {
    const chain: Row[] = [];
    for (let current: number | null = key; current !== null; ) {
      const row = this.db.prepare('SELECT * FROM process_instance_view WHERE key = ?').get(current) as Row | undefined;
      if (!row) return chain.length === 0 ? undefined : chain;
      chain.unshift({
        processInstanceKey: k(row.key),
        processDefinitionKey: k(row.process_definition_key),
        processDefinitionName: opt(row.process_definition_name) ?? row.bpmn_process_id,
      });
      current = row.parent_process_instance_key as number | null;
    }
    return chain;
  }

  searchElementInstances(request: SearchRequest): Page<Row> {
    return this.search(ELEMENT_INSTANCES, request, toElementInstance, { where: `element_type <> 'PROCESS'`, params: [] });
  }

  getElementInstance(key: number): Row | undefined {
    const instance = this.one('element_instance_view', key, toElementInstance);
    return instance?.type === 'PROCESS' ? undefined : instance;
  }

  searchVariables(request: SearchRequest): Page<Row> {
    return this.search(VARIABLES, request, (row) => ({ ...toVariable(row), isTruncated: false }));
  }

  getVariable(key: number): Row | undefined {
    return this.one('variables', key, toVariable);
  }

  searchIncidents(request: SearchRequest): Page<Row> {
    return this.search(INCIDENTS, request, toIncident);
  }

  getIncident(key: number): Row | undefined {
    return this.one('incidents', key, toIncident);
  }

  searchUserTasks(request: SearchRequest): Page<Row> {
    const filter = { ...(request.filter ?? {}) };
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [field, column] of [['candidateGroup', 'candidate_groups'], ['candidateUser', 'candidate_users']] as const) {
      const value = filter[field];
      delete filter[field];
      if (value === undefined || value === null) continue;
      const wanted = typeof value === 'object' && value !== null && '$eq' in value ? (value as { $eq: unknown }).$eq : value;
      where.push(`EXISTS (SELECT 1 FROM json_each(${column}) WHERE value = ?)`);
      params.push(String(wanted));
    }
    const variableFilters = [
      ['processInstanceVariables', 'user_tasks.process_instance_key'],
      ['localVariables', 'user_tasks.element_instance_key'],
    ] as const;
    for (const [field, scopeColumn] of variableFilters) {
      const list = filter[field];
      delete filter[field];
      for (const entry of Array.isArray(list) ? (list as { name: string; value: string }[]) : []) {
        where.push(`EXISTS (SELECT 1 FROM variables v WHERE v.scope_key = ${scopeColumn} AND v.name = ? AND v.value = ?)`);
        params.push(entry.name, entry.value);
      }
    }
    const extra = where.length > 0 ? { where: where.join(' AND '), params } : undefined;
    return this.search(USER_TASKS, { ...request, filter }, toUserTask, extra);
  }

  getUserTask(key: number): Row | undefined {
    return this.one('user_tasks', key, toUserTask);
  }

  /** The element instance of a user task and all its enclosing scopes up to the process instance, innermost first. */
  scopeChain(userTaskKey: number): number[] {
    const rows = this.db
      .prepare(
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
  userTaskForm(userTaskKey: number): Row | undefined {
    const row = this.db
      .prepare(`SELECT f.* FROM user_tasks t JOIN forms f ON f.key = t.form_key WHERE t.key = ?`)
      .get(userTaskKey) as Row | undefined;
    return row ? toForm(row) : undefined;
  }

  startForm(processDefinitionKey: number): Row | undefined {
    const row = this.db
      .prepare(
        `SELECT f.* FROM process_definitions d JOIN forms f ON f.form_id = d.start_form_id AND f.tenant_id = d.tenant_id
         WHERE d.key = ? ORDER BY f.version DESC LIMIT 1`,
      )
      .get(processDefinitionKey) as Row | undefined;
    return row ? toForm(row) : undefined;
  }

  searchJobs(request: SearchRequest): Page<Row> {
    return this.search(JOBS, request, toJob);
  }

  searchProcessDefinitions(request: SearchRequest): Page<Row> {
    return this.search(PROCESS_DEFINITIONS, request, toProcessDefinition);
  }

  getProcessDefinition(key: number): Row | undefined {
    return this.one('process_definition_view', key, toProcessDefinition);
  }

  processDefinitionXml(key: number): string | undefined {
    const row = this.db
      .prepare(`SELECT r.content FROM process_definitions d JOIN resources r ON r.key = d.resource_key WHERE d.key = ?`)
      .get(key) as { content: string } | undefined;
    return row?.content;
  }

  // helpers

  private search(spec: SearchSpec, request: SearchRequest, project: (row: Row) => Row, extra?: { where: string; params: unknown[] }): Page<Row> {
    const result = runSearch<Row>(this.db, spec, request, extra);
    return { items: result.rows.map(project), page: result.page };
  }

  private one(table: string, key: number, project: (row: Row) => Row): Row | undefined {
    const row = this.db.prepare(`SELECT * FROM ${table} WHERE key = ?`).get(key) as Row | undefined;
    return row ? project(row) : undefined;
  }
}

// helpers

const k = (value: unknown) => (value === null || value === undefined ? undefined : String(value));
const opt = <T>(value: T | null) => (value === null ? undefined : value);

function extractVariableFilter(filter: Record<string, unknown> | undefined, keyColumn: string) {
  const rest = { ...(filter ?? {}) };
  const variables = rest.variables;
  delete rest.variables;
  if (!Array.isArray(variables) || variables.length === 0) return { filter: rest, extra: undefined };
  const where = (variables as { name: string; value: string }[])
    .map(() => `EXISTS (SELECT 1 FROM variables v WHERE v.process_instance_key = ${keyColumn} AND v.name = ? AND v.value = ?)`)
    .join(' AND ');
  return { filter: rest, extra: { where, params: (variables as { name: string; value: string }[]).flatMap((v) => [v.name, v.value]) } };
}

function toProcessInstance(row: Row): Row {
  return {
    processInstanceKey: k(row.key),
    processDefinitionKey: k(row.process_definition_key),
    processDefinitionId: row.bpmn_process_id,
    processDefinitionName: opt(row.process_definition_name) ?? row.bpmn_process_id,
    processDefinitionVersion: row.version,
    processDefinitionVersionTag: opt(row.process_definition_version_tag),
    startDate: row.start_date,
    endDate: opt(row.end_date),
    state: row.state,
    hasIncident: row.has_incident === 1,
    tenantId: row.tenant_id,
    parentProcessInstanceKey: k(row.parent_process_instance_key),
    parentElementInstanceKey: k(row.parent_element_instance_key),
  };
}

function toElementInstance(row: Row): Row {
  return {
    elementInstanceKey: k(row.key),
    processInstanceKey: k(row.process_instance_key),
    processDefinitionKey: k(row.process_definition_key),
    processDefinitionId: row.bpmn_process_id,
    elementId: row.element_id,
    elementName: row.element_name ?? row.element_id,
    type: row.element_type,
    state: row.api_state,
    hasIncident: row.has_incident === 1,
    incidentKey: k(row.incident_key),
    startDate: row.start_date,
    endDate: opt(row.end_date),
    tenantId: row.tenant_id,
  };
}

function toVariable(row: Row): Row {
  return {
    variableKey: k(row.key),
    name: row.name,
    value: row.value,
    scopeKey: k(row.scope_key),
    processInstanceKey: k(row.process_instance_key),
    tenantId: row.tenant_id,
  };
}

function toIncident(row: Row): Row {
  return {
    incidentKey: k(row.key),
    processDefinitionKey: k(row.process_definition_key),
    processDefinitionId: row.bpmn_process_id,
    processInstanceKey: k(row.process_instance_key),
    errorType: row.error_type,
    errorMessage: row.error_message,
    elementId: row.element_id,
    elementInstanceKey: k(row.element_instance_key),
    creationTime: row.creation_time,
    state: row.state,
    jobKey: k(row.job_key),
    tenantId: row.tenant_id,
  };
}

function toUserTask(row: Row): Row {
  return {
    userTaskKey: k(row.key),
    name: opt(row.name) ?? row.element_id,
    state: row.state,
    assignee: opt(row.assignee),
    elementId: row.element_id,
    candidateGroups: JSON.parse(row.candidate_groups as string),
    candidateUsers: JSON.parse(row.candidate_users as string),
    processDefinitionId: row.bpmn_process_id,
    creationDate: row.creation_date,
    completionDate: opt(row.completion_date),
    followUpDate: opt(row.follow_up_date),
    dueDate: opt(row.due_date),
    tenantId: row.tenant_id,
    externalFormReference: opt(row.external_form_reference),
    processDefinitionVersion: row.version,
    customHeaders: JSON.parse(row.custom_headers as string),
    priority: row.priority,
    elementInstanceKey: k(row.element_instance_key),
    processName: opt(row.process_name),
    processDefinitionKey: k(row.process_definition_key),
    processInstanceKey: k(row.process_instance_key),
    formKey: k(row.form_key),
  };
}

function toForm(row: Row): Row {
  return { formKey: k(row.key), formId: row.form_id, schema: row.schema, version: row.version, tenantId: row.tenant_id };
}

function toJob(row: Row): Row {
  return {
    jobKey: k(row.key),
    type: row.type,
    worker: opt(row.worker) ?? '',
    state: row.state,
    retries: row.retries,
    deadline: opt(row.deadline) === undefined ? undefined : new Date(row.deadline as number).toISOString(),
    errorMessage: opt(row.error_message),
    customHeaders: JSON.parse(row.custom_headers as string),
    elementId: row.element_id,
    elementInstanceKey: k(row.element_instance_key),
    processDefinitionId: row.bpmn_process_id,
    processDefinitionKey: k(row.process_definition_key),
    processInstanceKey: k(row.process_instance_key),
    tenantId: row.tenant_id,
    kind: 'BPMN_ELEMENT',
    listenerEventType: 'UNSPECIFIED',
  };
}

function toProcessDefinition(row: Row): Row {
  return {
    processDefinitionKey: k(row.key),
    processDefinitionId: row.bpmn_process_id,
    name: opt(row.name) ?? row.bpmn_process_id,
    version: row.version,
    versionTag: opt(row.version_tag),
    resourceName: row.resource_name,
    tenantId: row.tenant_id,
    hasStartForm: row.has_start_form === 1,
  };
}
