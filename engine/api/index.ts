/**
 * /v2: authenticates every request (Basic or session cookie), admits and authorizes it by its line of
 * route-authorizations.ts, then mounts one router per REST v2 resource and the problem handler.
 */
import { Router } from 'express';
import { runAs, type Engine } from '../engine.js';
import type { ClientAddressOf } from './client-address.js';
import { auditLogsRouter } from './audit-logs.js';
import { authenticationRouter } from './authentication.js';
import { authorizationsRouter } from './authorizations.js';
import { batchOperationItemsRouter } from './batch-operation-items.js';
import { batchOperationsRouter } from './batch-operations.js';
import { clusterRouter } from './cluster.js';
import { decisionDefinitionsRouter } from './decision-definitions.js';
import { decisionInstancesRouter } from './decision-instances.js';
import { decisionRequirementsRouter } from './decision-requirements.js';
import { deploymentsRouter } from './deployments.js';
import { documentsRouter } from './documents.js';
import { elementInstancesRouter } from './element-instances.js';
import { groupsRouter } from './groups.js';
import { incidentsRouter } from './incidents.js';
import { messageSubscriptionsRouter } from './message-subscriptions.js';
import { correlatedMessageSubscriptionsRouter } from './correlated-message-subscriptions.js';
import { jobsRouter } from './jobs.js';
import { strictFilters } from './plain-filter-fields.js';
import { messagesRouter } from './messages.js';
import { problemHandler, sendProblem } from './problem.js';
import { processDefinitionsRouter } from './process-definitions.js';
import { processInstancesRouter } from './process-instances.js';
import { authenticateRequests } from './request-authentication.js';
import { resourcesRouter } from './resources.js';
import { jsonBody } from './request-bodies.js';
import { rolesRouter } from './roles.js';
import { admitRequests, authOf, authorizeRequests } from './route-guard.js';
import { signalsRouter } from './signals.js';
import { userTasksRouter } from './user-tasks.js';
import { usersRouter } from './users.js';
import { variablesRouter } from './variables.js';

export interface MountedRoute {
  method: string;
  /** Relative to /v2, in express syntax: `/user-tasks/:key`. */
  path: string;
}

export interface V2Router {
  router: Router;
  /** Every route the routers mount (tests compare them with the authorization table). */
  routes: readonly MountedRoute[];
}

export function v2Router(
  engine: Engine,
  address: () => { host: string; port: number },
  clientAddress: ClientAddressOf,
  /** Refuse advanced filters where Camunda 8.8 takes plain values (CAMUNDA_88_STRICT_FILTERS; plain-filter-fields.ts). */
  options: { strictFilters?: boolean } = {},
): V2Router {
  const router = Router();
  router.use(authenticateRequests(engine, clientAddress));
  // every command a request gives is the authenticated user's (event log, audit log)
  router.use((_req, res, next) => runAs(authOf(res)?.principal.username ?? null, next));
  router.use(admitRequests());
  router.use(jsonBody());
  router.use(authorizeRequests(engine));
  if (options.strictFilters) router.use(strictFilters());
  // express tries the routers in order: the hot paths of job workers and case creation come before the cluster
  // router, which is mounted at the root, so every request after it walks its routes and then waits a turn of the
  // event loop (router's setImmediate when a router has no match)
  router.use('/jobs', jobsRouter(engine));
  router.use('/process-instances', processInstancesRouter(engine));
  router.use(clusterRouter(engine, address));
  router.use('/authentication', authenticationRouter());
  router.use('/deployments', deploymentsRouter(engine));
  router.use('/messages', messagesRouter(engine));
  router.use('/signals', signalsRouter(engine));
  router.use('/user-tasks', userTasksRouter(engine));
  router.use('/element-instances', elementInstancesRouter(engine));
  router.use('/variables', variablesRouter(engine));
  router.use('/incidents', incidentsRouter(engine));
  router.use('/message-subscriptions', messageSubscriptionsRouter(engine));
  router.use('/correlated-message-subscriptions', correlatedMessageSubscriptionsRouter(engine));
  router.use('/audit-logs', auditLogsRouter(engine));
  router.use('/process-definitions', processDefinitionsRouter(engine));
  router.use('/documents', documentsRouter(engine));
  router.use('/users', usersRouter(engine));
  router.use('/groups', groupsRouter(engine));
  router.use('/roles', rolesRouter(engine));
  router.use('/authorizations', authorizationsRouter(engine));
  router.use('/decision-definitions', decisionDefinitionsRouter(engine));
  router.use('/decision-requirements', decisionRequirementsRouter(engine));
  router.use('/decision-instances', decisionInstancesRouter(engine));
  router.use('/resources', resourcesRouter(engine));
  router.use('/batch-operations', batchOperationsRouter(engine));
  router.use('/batch-operation-items', batchOperationItemsRouter(engine));
  router.use((req, res) => sendProblem(res, 404, 'NOT_FOUND', `${req.method} ${req.originalUrl} is not an endpoint of this engine`, req.originalUrl));
  router.use(problemHandler);
  return { router, routes: mountedRoutes(router, '') };
}

// helpers

interface ListedRoute {
  path: string | RegExp;
  methods?: string[];
  router?: Router;
}

/** The routes under a router, through its sub-routers (router 2.x's public `listRoutes`). */
function mountedRoutes(router: Router, prefix: string): MountedRoute[] {
  const listed = (router as unknown as { listRoutes(): ListedRoute[] }).listRoutes();
  return listed.flatMap((entry) => {
    const path = `${prefix}${entry.path === '/' ? '' : String(entry.path)}`;
    if (entry.router) return mountedRoutes(entry.router, path);
    // express answers HEAD with the GET route; the guard treats it as the GET line
    return (entry.methods ?? []).filter((method) => method.toUpperCase() !== 'HEAD').map((method) => ({ method: method.toUpperCase(), path: path === '' ? '/' : path }));
  });
}
