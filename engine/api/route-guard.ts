/**
 * Enforces route-authorizations.ts on every /v2 request, before any router sees it, in two steps:
 * - `admitRequests`: the request must fall under a line of the table: none → 401 for anonymous callers, 404 for
 *   the others (unknown path, or a route mounted without a line: never served); a non-public line without a login
 *   → 401. Runs before the body is parsed.
 * - `authorizeRequests`: the permission of the line, with the parsed body (some lines look at it).
 * So a router is written as usual; whether it may run is decided here, from the table.
 */
import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import { reachesNothing, readsBatchOperations, rowScope, type Engine, type IdScope, type Principal, type RowScope, type Session } from '../engine.js';
import { sendProblem } from './problem.js';
import { DELETION_PERMISSIONS, isPermissionRule, matchRoute, READ_FIRST_PARAMS, type Lookups, type PermissionRule, type RouteParams, type RouteRule } from './route-authorizations.js';

export interface RequestAuth {
  principal: Principal;
  via: 'basic' | 'session';
  /** Browser sessions only. */
  session?: Session;
}

/** Who made the request (set by the authentication middleware); undefined when anonymous. */
export function authOf(res: Response): RequestAuth | undefined {
  return res.locals.auth as RequestAuth | undefined;
}

/** The rows a search may return (set for `search` lines), the cases a batch operation may take (`batch` lines); undefined = all. */
/**
 * Whether the guard found that the request names nothing deployed for a caller without the permission on every id:
 * its handler then answers 404 after validating the body, instead of giving the command (see check).
 */
export function namesNothingFor(res: Response): boolean {
  return res.locals.namesNothing === true;
}

export function scopeOf(res: Response): RowScope | undefined {
  return res.locals.scope as RowScope | undefined;
}

/** The resource ids a search of a resource authorized by id may return (set for `search` lines); undefined = all. */
export function idScopeOf(res: Response): IdScope | undefined {
  return res.locals.idScope as IdScope | undefined;
}

/** The authenticated user (every non-public route has one). */
export function principalOf(res: Response): Principal {
  const auth = authOf(res);
  if (!auth) throw new UnauthenticatedError();
  return auth.principal;
}

interface Admitted {
  rule: RouteRule;
  params: RouteParams;
}

export function admitRequests() {
  return (req: Request, res: Response, next: NextFunction) => {
    const matched = matchRoute(req.method === 'HEAD' ? 'GET' : req.method, req.path);
    if (!matched) {
      if (!authOf(res)) throw new UnauthenticatedError();
      return sendProblem(res, 404, 'NOT_FOUND', `${req.method} ${req.originalUrl} is not an endpoint of this engine`, req.originalUrl.split('?')[0]!);
    }
    if (matched.rule.access !== 'public' && !authOf(res)) throw new UnauthenticatedError();
    res.locals.admitted = { rule: matched.rule, params: matched.params } satisfies Admitted;
    next();
  };
}

export function authorizeRequests(engine: Engine) {
  const lookupsOf = (queries: Queries): Lookups => ({
    processIdOfDefinition: (key) => queries.processIdOf('processDefinition', key),
    decisionIdOf: (target, key) => queries.decisionIdOf(target, key),
    isDeployed: (kind, id) => queries.isDeployed(kind, id),
    exists: (target, id) => {
      if (target !== 'batchOperation') return engine.identity.exists(target, id);
      const key = Number(id);
      return /^[0-9]{1,25}$/.test(id) && Number.isSafeInteger(key) && queries.getBatchOperation(key) !== undefined;
    },
  });
  const lookups = { reading: lookupsOf(engine.queries), current: lookupsOf(engine.currentQueries) };
  return (req: Request, res: Response, next: NextFunction) => {
    const { rule, params } = res.locals.admitted as Admitted;
    if (!isPermissionRule(rule)) return next();
    // a read checks the rows as the read side shows them (behind the commands with the search lag on); a command
    // checks the current ones, so it never passes for a row the projector has not written yet
    const reading = req.method === 'GET' || req.method === 'HEAD' || rule.search === true;
    const queries = reading ? engine.queries : engine.currentQueries;
    check({ engine, queries }, rule, principalOf(res), req, res, params, reading ? lookups.reading : lookups.current);
    next();
  };
}

// helpers

/** The engine and the queries a request's checks read. */
interface Reads {
  engine: Engine;
  queries: Queries;
}

type Queries = Engine['queries'];

function check({ engine, queries }: Reads, rule: PermissionRule, principal: Principal, req: Request, res: Response, params: RouteParams, lookups: Lookups): void {
  const { permissions } = principal;
  if (rule.search && rule.resource !== 'PROCESS_DEFINITION') {
    res.locals.idScope = idScope(rule, principal);
    return;
  }
  if (rule.self && params.username === principal.username) return;
  if (rule.document) return checkDocument({ engine, queries }, rule, principal, params);
  if (rule.deletion) return checkDeletion(queries, rule, principal, params);
  if (rule.row === undefined && !rule.search) {
    const id = rule.id?.(req, params, lookups);
    // naming nothing: the handler's 400 or 404, as Camunda validates and reads the resource before checking access.
    // A caller without the permission on every id must not reach the command queue with it, though: a deployment
    // queued before the command could make the name resolve there, unchecked (Zeebe reads and checks in one step),
    // so its handler answers the 404 itself, after its own validation (namesNothingFor)
    if (rule.id && id === undefined) {
      if (!permissions.allows(rule.resource, rule.permission)) res.locals.namesNothing = true;
      return;
    }
    if (rule.readFirst && !lookups.exists(rule.readFirst, params[READ_FIRST_PARAMS[rule.readFirst]] ?? '')) return;
    const held = permissions.allows(rule.resource, rule.permission, id) || (rule.orPermission !== undefined && permissions.allows(rule.resource, rule.orPermission, id));
    if (!held) throw forbidden(rule);
    if (rule.batch) res.locals.scope = batchScope(rule.batch, principal);
    return;
  }
  const scope = scopeFor(rule, principal, req);
  if (rule.search && rule.row === undefined) {
    res.locals.scope = rule.task && rule.cases ? widenToCase(queries, scope, principal, req) : scope;
    return;
  }
  if (reachesNothing(scope)) throw forbidden(rule);
  if (scope.processIds === 'all') return;
  // a search under a row (the incidents of a case) checks the row, then filters what it finds
  if (rule.search) res.locals.scope = scope;
  const key = Number(params.key);
  if (!/^[0-9]{1,25}$/.test(params.key ?? '') || !Number.isSafeInteger(key)) return; // the handler answers 400
  if (queries.reach(rule.row!, key, scope) === 'hidden') throw forbidden(rule);
}

/**
 * The ids a search of a resource authorized by id reaches: `*`, else the ids granted (and with `self` the user's
 * own). Batch operations: all or none (readsBatchOperations).
 */
function idScope(rule: PermissionRule, principal: Principal): IdScope {
  if (rule.resource === 'BATCH') return readsBatchOperations(principal.permissions) ? 'all' : [];
  const grant = principal.permissions.grant(rule.resource, rule.permission);
  if (grant.all) return 'all';
  return rule.self ? [...grant.ids, principal.username] : [...grant.ids];
}

/** The rows a line reaches for this user. */
function scopeFor(rule: PermissionRule, principal: Principal, req: Request): RowScope {
  const processPermission = rule.resource === 'PROCESS_DEFINITION' ? rule.permission : undefined;
  switch (rule.task) {
    case undefined:
      return rowScope(principal, processPermission, rule.cases ? 'READ' : undefined);
    case 'COMPLETE':
      return rowScope(principal, processPermission, 'COMPLETE', { workable: true });
    case 'ASSIGN': {
      const assignee = (req.body as { assignee?: unknown } | undefined)?.assignee;
      return assignee === principal.username
        ? rowScope(principal, processPermission, 'CLAIM', { workable: true })
        : rowScope(principal, processPermission, 'UPDATE');
    }
    case 'UNASSIGN':
      return rowScope(principal, processPermission, 'CLAIM', { workable: true });
    default:
      return rowScope(principal, processPermission, rule.task);
  }
}

/**
 * The case history: a user-task search filtered on one process instance whose case the user may read shows
 * every task of that case (earlier steps done by others included).
 */
function widenToCase(queries: Queries, scope: RowScope, principal: Principal, req: Request): RowScope {
  if (scope.processIds === 'all' || !scope.tasks) return scope;
  const filter = (req.body as { filter?: { processInstanceKey?: unknown } } | undefined)?.filter;
  const raw = filter?.processInstanceKey;
  const key = typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : NaN;
  if (!Number.isSafeInteger(key)) return scope;
  const caseScope = rowScope(principal, 'READ_PROCESS_INSTANCE', 'READ');
  return queries.reach('processInstance', key, caseScope) === 'visible' ? { processIds: 'all' } : scope;
}

/** DOCUMENT READ, or read access to the case the document belongs to (its metadata names the instance). */
function checkDocument({ engine, queries }: Reads, rule: PermissionRule, principal: Principal, params: RouteParams): void {
  if (principal.permissions.allows(rule.resource, rule.permission)) return;
  const stored = engine.documents.find(params.documentId ?? '');
  if (!stored) return; // the handler answers 404
  const key = Number(stored.metadata.processInstanceKey);
  const caseScope = rowScope(principal, 'READ_PROCESS_INSTANCE', 'READ');
  if (Number.isSafeInteger(key) && queries.reach('processInstance', key, caseScope) === 'visible') return;
  throw forbidden(rule);
}

/** The cases a batch operation may take: those whose process the caller holds the items' permission on. */
function batchScope(permission: NonNullable<PermissionRule['batch']>, principal: Principal): RowScope {
  const scope = rowScope(principal, permission);
  if (reachesNothing(scope)) throw new ForbiddenError(`无权执行此操作：需要 PROCESS_DEFINITION 的 ${permission} 权限`);
  return scope;
}

/** Deleting a deployed resource: the permission of its kind on its id (a key naming nothing goes on to the 404). */
function checkDeletion(queries: Queries, rule: PermissionRule, principal: Principal, params: RouteParams): void {
  const { permissions } = principal;
  const key = Number(params.key);
  const target = /^[0-9]{1,25}$/.test(params.key ?? '') && Number.isSafeInteger(key) ? queries.deployedResourceOf(key) : undefined;
  if (target) {
    const permission = DELETION_PERMISSIONS[target.kind];
    if (!permissions.allows('RESOURCE', permission, target.id)) throw new ForbiddenError(`无权执行此操作：需要 RESOURCE 的 ${permission} 权限`);
    return;
  }
  const mayDelete = [...Object.values(DELETION_PERMISSIONS), 'DELETE_RESOURCE' as const].some((permission) => {
    const grant = permissions.grant('RESOURCE', permission);
    return grant.all || grant.ids.size > 0;
  });
  if (!mayDelete) throw forbidden(rule);
}

function forbidden(rule: PermissionRule): ForbiddenError {
  const needs = rule.orPermission ? `${rule.permission} 或 ${rule.orPermission}` : rule.permission;
  return new ForbiddenError(`无权执行此操作：需要 ${rule.resource} 的 ${needs} 权限`);
}
