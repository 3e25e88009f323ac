/**
 * Enforces route-authorizations.ts: every /v2 route is registered through {@link RouteRegistry.router}, which
 * puts the route's guard in front of its handlers (so the guard runs before body parsers such as multer).
 * A route without a line in the table is refused for everyone; the registry lists every mounted route, which
 * the tests compare with the table.
 */
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Engine } from '../engine.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { Principal } from '../identity/identity-service.js';
import { reachesNothing, rowScope } from '../identity/permission-set.js';
import type { Session } from '../identity/sessions.js';
import type { RowScope } from '../store/row-scope.js';
import { isPermissionRule, ROUTE_AUTHORIZATIONS, type Lookups, type PermissionRule, type RouteRule } from './route-authorizations.js';

export interface RequestAuth {
  principal: Principal;
  via: 'basic' | 'session';
  /** Browser sessions only. */
  session?: Session;
}

export interface MountedRoute {
  method: string;
  /** Relative to /v2, in express syntax: `/user-tasks/:key`. */
  path: string;
  rule: RouteRule | undefined;
}

/** Who made the request (set by the authentication middleware); undefined when anonymous. */
export function authOf(res: Response): RequestAuth | undefined {
  return res.locals.auth as RequestAuth | undefined;
}

/** The rows a search may return (set by the guard of a `search` route); undefined = all. */
export function scopeOf(res: Response): RowScope | undefined {
  return res.locals.scope as RowScope | undefined;
}

/** The authenticated user (routes behind a guard always have one). */
export function principalOf(res: Response): Principal {
  const auth = authOf(res);
  if (!auth) throw new UnauthenticatedError();
  return auth.principal;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export class RouteRegistry {
  readonly mounted: MountedRoute[] = [];

  constructor(private readonly engine: Engine) {}

  /** An express router for the routes under `prefix` whose every route is guarded by its table line. */
  router(prefix: string): Router {
    const router = Router();
    for (const method of METHODS) {
      const register = router[method].bind(router) as (path: string, ...handlers: RequestHandler[]) => Router;
      (router as unknown as Record<string, unknown>)[method] = (path: string, ...handlers: RequestHandler[]) => {
        const fullPath = `${prefix}${path === '/' ? '' : path}`;
        const rule = ROUTE_AUTHORIZATIONS[`${method.toUpperCase()} ${fullPath}`];
        this.mounted.push({ method: method.toUpperCase(), path: fullPath, rule });
        return register(path, guard(this.engine, rule, `${method.toUpperCase()} ${fullPath}`), ...handlers);
      };
    }
    return router;
  }
}

// helpers

function guard(engine: Engine, rule: RouteRule | undefined, route: string): RequestHandler {
  const lookups: Lookups = { processIdOfDefinition: (key) => engine.queries.processIdOf('processDefinition', key) };
  return (req: Request, res: Response, next: NextFunction) => {
    if (rule?.access === 'public') return next();
    const auth = authOf(res);
    if (!auth) throw new UnauthenticatedError();
    if (!rule) throw new ForbiddenError(`此接口没有授权规则（${route}），一律拒绝`);
    if (isPermissionRule(rule)) check(engine, rule, auth.principal, req, res, lookups);
    next();
  };
}

function check(engine: Engine, rule: PermissionRule, principal: Principal, req: Request, res: Response, lookups: Lookups): void {
  const { permissions } = principal;
  if (rule.self && req.params.username === principal.username) return;
  if (rule.document) return checkDocument(engine, rule, principal, req);
  if (rule.row === undefined && !rule.search) {
    if (!permissions.allows(rule.resource, rule.permission, rule.id?.(req, lookups))) throw forbidden(rule);
    return;
  }
  const scope = scopeFor(rule, principal, req);
  if (reachesNothing(scope)) throw forbidden(rule);
  if (rule.search) {
    res.locals.scope = rule.task && rule.cases ? widenToCase(engine, scope, principal, req) : scope;
    return;
  }
  if (scope.processIds === 'all') return;
  const key = Number(req.params.key);
  if (!/^[0-9]{1,25}$/.test(String(req.params.key)) || !Number.isSafeInteger(key)) return; // the handler answers 400
  if (engine.queries.reach(rule.row!, key, scope) === 'hidden') throw forbidden(rule);
}

/** The rows a rule reaches for this user. */
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
function widenToCase(engine: Engine, scope: RowScope, principal: Principal, req: Request): RowScope {
  if (scope.processIds === 'all' || !scope.tasks) return scope;
  const filter = (req.body as { filter?: { processInstanceKey?: unknown } } | undefined)?.filter;
  const raw = filter?.processInstanceKey;
  const key = typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : NaN;
  if (!Number.isSafeInteger(key)) return scope;
  const caseScope = rowScope(principal, 'READ_PROCESS_INSTANCE', 'READ');
  return engine.queries.reach('processInstance', key, caseScope) === 'visible' ? { processIds: 'all' } : scope;
}

/** DOCUMENT READ, or read access to the case the document belongs to (its metadata names the instance). */
function checkDocument(engine: Engine, rule: PermissionRule, principal: Principal, req: Request): void {
  if (principal.permissions.allows(rule.resource, rule.permission)) return;
  const stored = engine.documents.find(String(req.params.documentId));
  if (!stored) return; // the handler answers 404
  const key = Number(stored.metadata.processInstanceKey);
  const caseScope = rowScope(principal, 'READ_PROCESS_INSTANCE', 'READ');
  if (Number.isSafeInteger(key) && engine.queries.reach('processInstance', key, caseScope) === 'visible') return;
  throw forbidden(rule);
}

function forbidden(rule: PermissionRule): ForbiddenError {
  return new ForbiddenError(`无权执行此操作：需要 ${rule.resource} 的 ${rule.permission} 权限`);
}
