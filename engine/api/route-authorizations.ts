/**
 * Who may call which /v2 endpoint: one line per route, reviewed as data. Every request is matched against these
 * lines before any router sees it (engine/api/route-guard.ts): a request no line matches never reaches a handler
 * (401 anonymous, 404 signed in), however its router was written. A new endpoint adds its line in its endpoint
 * group; test/engine/api/route-authorizations.test.ts checks that every mounted route has one.
 *
 * A line names the Camunda 8.8 permission the call needs (resource type + permission type) and how the guard
 * finds what it applies to:
 * - `row`: the `:key` of the path is that kind of row; its process id must be granted (PROCESS_DEFINITION
 *   permissions are per BPMN process id or `*`). An unknown key passes on to the handler's 404.
 * - `search`: a search; its results are filtered to what the user may see, as Camunda 8.8 filters them: never
 *   refused, an empty page when the user may read none. PROCESS_DEFINITION lines filter by process (and task);
 *   the others by the resource ids granted (decision id, DRG id, username, group id, role id, authorization key;
 *   with `self` the user's own username too; a member search by the id of the group or role it lists, so a group
 *   the caller may not read, or one that does not exist, lists nobody — except the roles of a group, filtered by each
 *   role's id as Camunda does, so ROLE READ shows them whatever the caller may do with the group). BATCH is all or nothing: Camunda 8.8's batch-operation searches
 *   ignore the ids of a READ grant, so READ on any id shows every batch operation and its items (reading one by
 *   its key needs READ on that key or `*`). With `row`: the row is checked first (403), then what the search under
 *   it finds is filtered.
 * - `id`: the resource id the permission must cover (a message name, a username, a group id …); default `*`. An
 *   id that names nothing (a `:key` or a body naming no deployed process or decision, a body naming none) passes
 *   on to the handler's 400 or 404, as Camunda validates the request and reads the resource before checking access.
 * - `task`: user task routes also admit Camunda 8.9's USER_TASK permissions, property-based for clerks
 *   (assignee, candidate users, candidate groups; claim and complete only what nobody else holds).
 * - `cases`: reading a case (process instance, its variables) is also allowed to whoever may read one of its
 *   user tasks or completed one, and to the user who started it (a clerk reads the case of a task they may work or
 *   did work and the cases she started, not other cases).
 *   On the user-task search: a filter on one `processInstanceKey` of such a case shows all its tasks (history).
 * - `self`: a user may read and update their own user.
 * - `document`: a document readable with DOCUMENT READ, or with read access to its case (metadata).
 * - `orPermission`: the line's permission or this one of the same resource type (creating a batch operation:
 *   Camunda admits BATCH CREATE, else the permission of the operation's type).
 * - `batch`: a batch operation over a process-instance filter takes only the instances whose process the caller
 *   holds this PROCESS_DEFINITION permission on (the one its items need); holding it on no process → 403.
 * - `deletion`: the `:key` is a deployed resource, and what it is decides the permission, on its id
 *   (DELETION_PERMISSIONS: a process definition needs DELETE_PROCESS, decision requirements DELETE_DRD, a form
 *   DELETE_FORM), as Zeebe checks it; the line's DELETE_RESOURCE is Camunda's for other resource kinds, which this
 *   engine does not deploy. A key that names nothing reaches the handler's 404 with any of the four.
 * - `readFirst`: the path parameter READ_FIRST_PARAMS gives for it names this kind of row; one naming nothing passes
 *   on to the handler's 404 before the permission is checked, as Camunda reads the row first (getting a user,
 *   group or role, and changing or deleting a user; changing a group or role, Zeebe checks the permission on its
 *   id first: a 403 without it, a 404 with it).
 * A public line may say why it needs no login (`note`).
 */
import type { Request } from 'express';
import type { DeployedResourceKind, PermissionOf, ResourceType, ScopedTarget } from '../engine.js';

export type TaskAction = PermissionOf<'USER_TASK'> | 'ASSIGN' | 'UNASSIGN';

/** The `:name` segments of the matched line. */
export type RouteParams = Readonly<Record<string, string>>;

/** What an `id` resolver may look up. */
export interface Lookups {
  processIdOfDefinition(processDefinitionKey: number): string | undefined;
  /** The decision id of a decision definition or decision instance, the DRG id of decision requirements. */
  decisionIdOf(target: 'decisionDefinition' | 'decisionInstance' | 'decisionRequirements', key: string): string | undefined;
  /** Whether the process (BPMN process id) or decision (decision id) a request body names has a deployed version. */
  isDeployed(kind: 'process' | 'decision', id: string): boolean;
  /** Whether the row a `readFirst` line's path parameter names exists. */
  exists(target: ReadFirstTarget, id: string): boolean;
}

export type ReadFirstTarget = 'batchOperation' | 'authorization' | 'user' | 'group' | 'role';

/** The path parameter naming the row of each `readFirst` target. */
export const READ_FIRST_PARAMS: Readonly<Record<ReadFirstTarget, string>> = {
  batchOperation: 'key',
  authorization: 'authorizationKey',
  user: 'username',
  group: 'groupId',
  role: 'roleId',
};

/** The permission deleting each kind of deployed resource needs (Camunda 8.8's RESOURCE permissions). */
export const DELETION_PERMISSIONS: Readonly<Record<DeployedResourceKind, PermissionOf<'RESOURCE'>>> = {
  processDefinition: 'DELETE_PROCESS',
  decisionRequirements: 'DELETE_DRD',
  form: 'DELETE_FORM',
};

export type RouteRule =
  | { group: string; access: 'public' | 'signed-in'; note?: string }
  | {
      [R in ResourceType]: {
        group: string;
        access?: undefined;
        resource: R;
        permission: PermissionOf<R>;
        orPermission?: PermissionOf<R>;
        row?: ScopedTarget;
        search?: true;
        id?: (req: Request, params: RouteParams, find: Lookups) => string | undefined;
        task?: TaskAction;
        cases?: true;
        self?: true;
        document?: true;
        batch?: PermissionOf<'PROCESS_DEFINITION'>;
        deletion?: true;
        readFirst?: ReadFirstTarget;
      };
    }[ResourceType];

export type PermissionRule = Exclude<RouteRule, { access: string }>;

export function isPermissionRule(rule: RouteRule): rule is PermissionRule {
  return rule.access === undefined;
}

const param = (name: string) => (_req: Request, params: RouteParams) => params[name];
const bodyField = (name: string) => (req: Request) => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
};
/** The process a new instance is created from: by id, or the id of the definition key. */
const processOfBody = (req: Request, _params: RouteParams, find: Lookups) => {
  const body = (req.body ?? {}) as { processDefinitionId?: unknown; processDefinitionKey?: unknown };
  if (typeof body.processDefinitionId === 'string') return find.isDeployed('process', body.processDefinitionId) ? body.processDefinitionId : undefined;
  const key = Number(body.processDefinitionKey);
  return Number.isSafeInteger(key) ? find.processIdOfDefinition(key) : undefined;
};
/** The decision an evaluation names: by id, or the id of the definition key. */
const decisionOfBody = (req: Request, _params: RouteParams, find: Lookups) => {
  const body = (req.body ?? {}) as { decisionDefinitionId?: unknown; decisionDefinitionKey?: unknown };
  if (typeof body.decisionDefinitionId === 'string') return find.isDeployed('decision', body.decisionDefinitionId) ? body.decisionDefinitionId : undefined;
  const key = body.decisionDefinitionKey;
  return typeof key === 'string' || typeof key === 'number' ? find.decisionIdOf('decisionDefinition', String(key)) : undefined;
};
/** The decision (or DRG) id of the row the `:key` of the path names. */
const decisionOfKey = (target: Parameters<Lookups['decisionIdOf']>[0]) => (_req: Request, params: RouteParams, find: Lookups) =>
  params.key === undefined ? undefined : find.decisionIdOf(target, params.key);

export const ROUTE_AUTHORIZATIONS: Readonly<Record<string, RouteRule>> = {
  // cluster: what Camunda leaves open (status, license), what any signed-in user may read, the clock
  'GET /status': { group: 'public', access: 'public' },
  'GET /license': { group: 'public', access: 'public' },
  'GET /topology': { group: 'signed-in', access: 'signed-in' },
  'GET /authentication/me': { group: 'signed-in', access: 'signed-in' },
  'PUT /clock': { group: 'clock', resource: 'SYSTEM', permission: 'UPDATE' },
  'POST /clock/reset': { group: 'clock', resource: 'SYSTEM', permission: 'UPDATE' },

  // deployment, and deleting what was deployed
  'POST /deployments': { group: 'deploy', resource: 'RESOURCE', permission: 'CREATE' },
  'POST /resources/:key/deletion': { group: 'delete-resources', resource: 'RESOURCE', permission: 'DELETE_RESOURCE', deletion: true },

  // process definitions
  'POST /process-definitions/search': { group: 'read-definitions', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_DEFINITION', search: true },
  'GET /process-definitions/:key': { group: 'read-definitions', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_DEFINITION', row: 'processDefinition' },
  'GET /process-definitions/:key/xml': { group: 'read-definitions', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_DEFINITION', row: 'processDefinition' },
  'GET /process-definitions/:key/form': { group: 'read-definitions', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_DEFINITION', row: 'processDefinition' },
  // the element statistics of a definition and of an instance, and an instance's sequence flows, are searches in
  // Camunda: filtered, an empty list for what the caller may not read (and for a key naming nothing)
  'POST /process-definitions/:key/statistics/element-instances': { group: 'monitor', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_INSTANCE', search: true },

  // process instances (cases)
  'POST /process-instances': { group: 'start-cases', resource: 'PROCESS_DEFINITION', permission: 'CREATE_PROCESS_INSTANCE', id: processOfBody },
  'POST /process-instances/search': { group: 'read-cases', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_INSTANCE', search: true, cases: true },
  'GET /process-instances/:key': { group: 'read-cases', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_INSTANCE', row: 'processInstance', cases: true },
  'GET /process-instances/:key/call-hierarchy': { group: 'read-cases', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_INSTANCE', row: 'processInstance', cases: true },
  // the incidents of a case and of the cases it called, those of processes the caller may read
  'POST /process-instances/:key/incidents/search': { group: 'monitor', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_INSTANCE', row: 'processInstance', search: true },
  'GET /process-instances/:key/statistics/element-instances': { group: 'monitor', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_INSTANCE', search: true },
  'GET /process-instances/:key/sequence-flows': { group: 'monitor', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_INSTANCE', search: true },
  'POST /process-instances/:key/cancellation': { group: 'cancel-cases', resource: 'PROCESS_DEFINITION', permission: 'CANCEL_PROCESS_INSTANCE', row: 'processInstance' },
  'POST /process-instances/:key/modification': { group: 'modify-cases', resource: 'PROCESS_DEFINITION', permission: 'MODIFY_PROCESS_INSTANCE', row: 'processInstance' },
  // Camunda 8.8 migrates with UPDATE_PROCESS_INSTANCE on the instance's process
  'POST /process-instances/:key/migration': { group: 'migrate-cases', resource: 'PROCESS_DEFINITION', permission: 'UPDATE_PROCESS_INSTANCE', row: 'processInstance' },

  // batch operations over the cases a filter matches; then watched and steered
  'POST /process-instances/cancellation': { group: 'batch-operations', resource: 'BATCH', permission: 'CREATE_BATCH_OPERATION_CANCEL_PROCESS_INSTANCE', orPermission: 'CREATE', batch: 'CANCEL_PROCESS_INSTANCE' },
  'POST /process-instances/incident-resolution': { group: 'batch-operations', resource: 'BATCH', permission: 'CREATE_BATCH_OPERATION_RESOLVE_INCIDENT', orPermission: 'CREATE', batch: 'UPDATE_PROCESS_INSTANCE' },
  'POST /process-instances/migration': { group: 'batch-operations', resource: 'BATCH', permission: 'CREATE_BATCH_OPERATION_MIGRATE_PROCESS_INSTANCE', orPermission: 'CREATE', batch: 'UPDATE_PROCESS_INSTANCE' },
  'POST /process-instances/modification': { group: 'batch-operations', resource: 'BATCH', permission: 'CREATE_BATCH_OPERATION_MODIFY_PROCESS_INSTANCE', orPermission: 'CREATE', batch: 'MODIFY_PROCESS_INSTANCE' },
  'POST /batch-operations/search': { group: 'batch-operations', resource: 'BATCH', permission: 'READ', search: true },
  'GET /batch-operations/:key': { group: 'batch-operations', resource: 'BATCH', permission: 'READ', id: param('key'), readFirst: 'batchOperation' },
  'POST /batch-operations/:key/suspension': { group: 'batch-operations', resource: 'BATCH', permission: 'UPDATE' },
  'POST /batch-operations/:key/resumption': { group: 'batch-operations', resource: 'BATCH', permission: 'UPDATE' },
  'POST /batch-operations/:key/cancellation': { group: 'batch-operations', resource: 'BATCH', permission: 'UPDATE' },
  'POST /batch-operation-items/search': { group: 'batch-operations', resource: 'BATCH', permission: 'READ', search: true },

  // element instances, variables, incidents
  'POST /element-instances/search': { group: 'monitor', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_INSTANCE', search: true },
  'GET /element-instances/:key': { group: 'monitor', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_INSTANCE', row: 'elementInstance' },
  'PUT /element-instances/:key/variables': { group: 'edit-variables', resource: 'PROCESS_DEFINITION', permission: 'UPDATE_PROCESS_INSTANCE', row: 'elementInstance' },
  'POST /variables/search': { group: 'read-cases', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_INSTANCE', search: true, cases: true },
  'GET /variables/:key': { group: 'read-cases', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_INSTANCE', row: 'variable', cases: true },
  // the audit log of cases (Camunda 8.9): whoever may read a case reads what was done to it
  'POST /audit-logs/search': { group: 'read-cases', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_INSTANCE', search: true, cases: true },
  'POST /incidents/search': { group: 'monitor', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_INSTANCE', search: true },
  'GET /incidents/:key': { group: 'monitor', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_INSTANCE', row: 'incident' },
  'POST /incidents/:key/resolution': { group: 'resolve-incidents', resource: 'PROCESS_DEFINITION', permission: 'UPDATE_PROCESS_INSTANCE', row: 'incident' },
  // message subscriptions and the correlations of messages to them (Camunda 8.8 reads them with the process's
  // READ_PROCESS_INSTANCE, as the rest of a case's runtime data)
  'POST /message-subscriptions/search': { group: 'monitor', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_INSTANCE', search: true },
  'POST /correlated-message-subscriptions/search': { group: 'monitor', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_INSTANCE', search: true },

  // user tasks
  'POST /user-tasks/search': { group: 'work-tasks', resource: 'PROCESS_DEFINITION', permission: 'READ_USER_TASK', task: 'READ', search: true, cases: true },
  'GET /user-tasks/:key': { group: 'work-tasks', resource: 'PROCESS_DEFINITION', permission: 'READ_USER_TASK', task: 'READ', row: 'userTask' },
  'GET /user-tasks/:key/form': { group: 'work-tasks', resource: 'PROCESS_DEFINITION', permission: 'READ_USER_TASK', task: 'READ', row: 'userTask' },
  'POST /user-tasks/:key/variables/search': { group: 'work-tasks', resource: 'PROCESS_DEFINITION', permission: 'READ_USER_TASK', task: 'READ', row: 'userTask' },
  'POST /user-tasks/:key/assignment': { group: 'work-tasks', resource: 'PROCESS_DEFINITION', permission: 'UPDATE_USER_TASK', task: 'ASSIGN', row: 'userTask' },
  'DELETE /user-tasks/:key/assignee': { group: 'work-tasks', resource: 'PROCESS_DEFINITION', permission: 'UPDATE_USER_TASK', task: 'UNASSIGN', row: 'userTask' },
  'POST /user-tasks/:key/completion': { group: 'work-tasks', resource: 'PROCESS_DEFINITION', permission: 'UPDATE_USER_TASK', task: 'COMPLETE', row: 'userTask' },
  'PATCH /user-tasks/:key': { group: 'update-tasks', resource: 'PROCESS_DEFINITION', permission: 'UPDATE_USER_TASK', task: 'UPDATE', row: 'userTask' },
  'PATCH /user-tasks/:key/update': { group: 'update-tasks', resource: 'PROCESS_DEFINITION', permission: 'UPDATE_USER_TASK', task: 'UPDATE', row: 'userTask' },

  // decisions: evaluated directly (business rule tasks evaluate theirs as part of the case, without this), read,
  // and their evaluation history
  'POST /decision-definitions/evaluation': { group: 'evaluate-decisions', resource: 'DECISION_DEFINITION', permission: 'CREATE_DECISION_INSTANCE', id: decisionOfBody },
  'POST /decision-definitions/search': { group: 'read-decisions', resource: 'DECISION_DEFINITION', permission: 'READ_DECISION_DEFINITION', search: true },
  'GET /decision-definitions/:key': { group: 'read-decisions', resource: 'DECISION_DEFINITION', permission: 'READ_DECISION_DEFINITION', id: decisionOfKey('decisionDefinition') },
  'GET /decision-definitions/:key/xml': { group: 'read-decisions', resource: 'DECISION_DEFINITION', permission: 'READ_DECISION_DEFINITION', id: decisionOfKey('decisionDefinition') },
  'POST /decision-requirements/search': { group: 'read-decisions', resource: 'DECISION_REQUIREMENTS_DEFINITION', permission: 'READ', search: true },
  'GET /decision-requirements/:key': { group: 'read-decisions', resource: 'DECISION_REQUIREMENTS_DEFINITION', permission: 'READ', id: decisionOfKey('decisionRequirements') },
  'GET /decision-requirements/:key/xml': { group: 'read-decisions', resource: 'DECISION_REQUIREMENTS_DEFINITION', permission: 'READ', id: decisionOfKey('decisionRequirements') },
  'POST /decision-instances/search': { group: 'decision-history', resource: 'DECISION_DEFINITION', permission: 'READ_DECISION_INSTANCE', search: true },
  'GET /decision-instances/:key': { group: 'decision-history', resource: 'DECISION_DEFINITION', permission: 'READ_DECISION_INSTANCE', id: decisionOfKey('decisionInstance') },

  // jobs (job workers)
  'POST /jobs/activation': { group: 'jobs', resource: 'PROCESS_DEFINITION', permission: 'UPDATE_PROCESS_INSTANCE' },
  'POST /jobs/:key/completion': { group: 'jobs', resource: 'PROCESS_DEFINITION', permission: 'UPDATE_PROCESS_INSTANCE', row: 'job' },
  'POST /jobs/:key/failure': { group: 'jobs', resource: 'PROCESS_DEFINITION', permission: 'UPDATE_PROCESS_INSTANCE', row: 'job' },
  'POST /jobs/:key/error': { group: 'jobs', resource: 'PROCESS_DEFINITION', permission: 'UPDATE_PROCESS_INSTANCE', row: 'job' },
  'PATCH /jobs/:key': { group: 'jobs', resource: 'PROCESS_DEFINITION', permission: 'UPDATE_PROCESS_INSTANCE', row: 'job' },
  'POST /jobs/search': { group: 'monitor', resource: 'PROCESS_DEFINITION', permission: 'READ_PROCESS_INSTANCE', search: true },

  // messages and signals (Camunda 8.8 has no SIGNAL resource: a broadcast may reach any process)
  'POST /messages/publication': { group: 'messages', resource: 'MESSAGE', permission: 'CREATE', id: bodyField('name') },
  'POST /messages/correlation': { group: 'messages', resource: 'MESSAGE', permission: 'CREATE', id: bodyField('name') },
  'POST /signals/broadcast': { group: 'messages', resource: 'PROCESS_DEFINITION', permission: 'UPDATE_PROCESS_INSTANCE' },

  // documents
  'POST /documents': { group: 'documents', resource: 'DOCUMENT', permission: 'CREATE' },
  'GET /documents/:documentId': { group: 'documents', resource: 'DOCUMENT', permission: 'READ', document: true },
  'DELETE /documents/:documentId': { group: 'documents', resource: 'DOCUMENT', permission: 'DELETE' },
  'POST /documents/batch': { group: 'documents', resource: 'DOCUMENT', permission: 'CREATE' },
  // a link reads the document without a login: minting one needs DOCUMENT READ itself, not read access to a case
  'POST /documents/:documentId/links': { group: 'document-links', resource: 'DOCUMENT', permission: 'READ' },
  'POST /documents/:documentId/link': { group: 'document-links', resource: 'DOCUMENT', permission: 'READ' },
  'GET /documents/:documentId/links/:token': { group: 'public', access: 'public', note: 'the signed token of the link, until it expires' },

  // identity administration
  'POST /users': { group: 'identity', resource: 'USER', permission: 'CREATE' },
  'POST /users/search': { group: 'identity', resource: 'USER', permission: 'READ', search: true, self: true },
  'GET /users/:username': { group: 'identity', resource: 'USER', permission: 'READ', id: param('username'), self: true, readFirst: 'user' },
  'PUT /users/:username': { group: 'identity', resource: 'USER', permission: 'UPDATE', id: param('username'), self: true, readFirst: 'user' },
  'DELETE /users/:username': { group: 'identity', resource: 'USER', permission: 'DELETE', id: param('username'), readFirst: 'user' },
  'POST /groups': { group: 'identity', resource: 'GROUP', permission: 'CREATE' },
  'POST /groups/search': { group: 'identity', resource: 'GROUP', permission: 'READ', search: true },
  'GET /groups/:groupId': { group: 'identity', resource: 'GROUP', permission: 'READ', id: param('groupId'), readFirst: 'group' },
  'PUT /groups/:groupId': { group: 'identity', resource: 'GROUP', permission: 'UPDATE', id: param('groupId') },
  'DELETE /groups/:groupId': { group: 'identity', resource: 'GROUP', permission: 'DELETE', id: param('groupId') },
  'PUT /groups/:groupId/users/:username': { group: 'identity', resource: 'GROUP', permission: 'UPDATE', id: param('groupId') },
  'DELETE /groups/:groupId/users/:username': { group: 'identity', resource: 'GROUP', permission: 'UPDATE', id: param('groupId') },
  // member searches are searches in Camunda 8.8: the users of a group filtered by GROUP READ on the group, the roles
  // of a group by ROLE READ on each role (RoleServices answers them), the members of a role by ROLE READ on the role
  'POST /groups/:groupId/users/search': { group: 'identity', resource: 'GROUP', permission: 'READ', search: true },
  'POST /groups/:groupId/roles/search': { group: 'identity', resource: 'ROLE', permission: 'READ', search: true },
  'POST /roles': { group: 'identity', resource: 'ROLE', permission: 'CREATE' },
  'POST /roles/search': { group: 'identity', resource: 'ROLE', permission: 'READ', search: true },
  'GET /roles/:roleId': { group: 'identity', resource: 'ROLE', permission: 'READ', id: param('roleId'), readFirst: 'role' },
  'PUT /roles/:roleId': { group: 'identity', resource: 'ROLE', permission: 'UPDATE', id: param('roleId') },
  'DELETE /roles/:roleId': { group: 'identity', resource: 'ROLE', permission: 'DELETE', id: param('roleId') },
  'PUT /roles/:roleId/users/:username': { group: 'identity', resource: 'ROLE', permission: 'UPDATE', id: param('roleId') },
  'DELETE /roles/:roleId/users/:username': { group: 'identity', resource: 'ROLE', permission: 'UPDATE', id: param('roleId') },
  'POST /roles/:roleId/users/search': { group: 'identity', resource: 'ROLE', permission: 'READ', search: true },
  'PUT /roles/:roleId/groups/:groupId': { group: 'identity', resource: 'ROLE', permission: 'UPDATE', id: param('roleId') },
  'DELETE /roles/:roleId/groups/:groupId': { group: 'identity', resource: 'ROLE', permission: 'UPDATE', id: param('roleId') },
  'POST /roles/:roleId/groups/search': { group: 'identity', resource: 'ROLE', permission: 'READ', search: true },
  'POST /authorizations': { group: 'identity', resource: 'AUTHORIZATION', permission: 'CREATE' },
  'POST /authorizations/search': { group: 'identity', resource: 'AUTHORIZATION', permission: 'READ', search: true },
  'GET /authorizations/:authorizationKey': { group: 'identity', resource: 'AUTHORIZATION', permission: 'READ', id: param('authorizationKey'), readFirst: 'authorization' },
  'PUT /authorizations/:authorizationKey': { group: 'identity', resource: 'AUTHORIZATION', permission: 'UPDATE' },
  'DELETE /authorizations/:authorizationKey': { group: 'identity', resource: 'AUTHORIZATION', permission: 'DELETE' },
};

/** The line a request falls under, with its path parameters; undefined when no line matches. */
export function matchRoute(method: string, path: string): { route: string; rule: RouteRule; params: RouteParams } | undefined {
  const first = path.split('/')[1] ?? '';
  for (const line of compiledLines().get(`${method} ${first}`) ?? []) {
    const match = line.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    try {
      line.names.forEach((name, i) => {
        params[name] = decodeURIComponent(match[i + 1]!);
      });
    } catch {
      return undefined; // a malformed %-escape names no resource
    }
    return { route: line.route, rule: line.rule, params };
  }
  return undefined;
}

// helpers

interface CompiledLine {
  route: string;
  pattern: RegExp;
  names: string[];
  rule: RouteRule;
  literals: number;
}

let compiled: Map<string, CompiledLine[]> | undefined;

/**
 * The lines as regular expressions, by method and first path segment (every line starts with a literal one), those
 * with more literal segments first (`/users/search` before `/users/:username`).
 */
function compiledLines(): Map<string, CompiledLine[]> {
  if (compiled) return compiled;
  compiled = new Map();
  for (const [route, rule] of Object.entries(ROUTE_AUTHORIZATIONS)) {
    const [method, path] = route.split(' ') as [string, string];
    const segments = path.split('/').filter((segment) => segment !== '');
    const names = segments.filter((segment) => segment.startsWith(':')).map((segment) => segment.slice(1));
    const source = segments.map((segment) => (segment.startsWith(':') ? '([^/]+)' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
    const bucket = `${method} ${segments[0] ?? ''}`;
    const lines = compiled.get(bucket) ?? [];
    lines.push({ route, pattern: new RegExp(`^/${source}/?$`), names, rule, literals: segments.length - names.length });
    compiled.set(bucket, lines.sort((a, b) => b.literals - a.literals));
  }
  return compiled;
}
