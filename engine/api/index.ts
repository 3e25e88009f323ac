/**
 * /v2: authenticates every request (Basic or session cookie), then mounts one router per REST v2 resource,
 * each route behind its line of route-authorizations.ts, then the problem handler.
 */
import express, { Router, type Request, type Response } from 'express';
import type { Engine } from '../engine.js';
import { UnauthenticatedError } from '../errors.js';
import { authenticationRouter } from './authentication.js';
import { authorizationsRouter } from './authorizations.js';
import { clusterRouter } from './cluster.js';
import { deploymentsRouter } from './deployments.js';
import { documentsRouter } from './documents.js';
import { elementInstancesRouter } from './element-instances.js';
import { groupsRouter } from './groups.js';
import { incidentsRouter } from './incidents.js';
import { jobsRouter } from './jobs.js';
import { messagesRouter } from './messages.js';
import { problemHandler, sendProblem } from './problem.js';
import { processDefinitionsRouter } from './process-definitions.js';
import { processInstancesRouter } from './process-instances.js';
import { authenticateRequests } from './request-authentication.js';
import { rolesRouter } from './roles.js';
import { authOf, RouteRegistry, type MountedRoute } from './route-guard.js';
import { signalsRouter } from './signals.js';
import { userTasksRouter } from './user-tasks.js';
import { usersRouter } from './users.js';
import { variablesRouter } from './variables.js';

export interface V2Router {
  router: Router;
  /** Every mounted route with its authorization rule (tests compare it with the table). */
  routes: readonly MountedRoute[];
}

export function v2Router(engine: Engine, address: () => { host: string; port: number }): V2Router {
  const router = Router();
  const routes = new RouteRegistry(engine);
  const mount = (prefix: string, make: (resource: Router) => Router) => router.use(prefix, make(routes.router(prefix)));

  router.use(authenticateRequests(engine));
  router.use(express.json({ limit: '4mb', strict: false }));
  router.use(clusterRouter(engine, routes.router(''), address));
  mount('/authentication', (r) => authenticationRouter(engine, r));
  mount('/deployments', (r) => deploymentsRouter(engine, r));
  mount('/process-instances', (r) => processInstancesRouter(engine, r));
  mount('/jobs', (r) => jobsRouter(engine, r));
  mount('/messages', (r) => messagesRouter(engine, r));
  mount('/signals', (r) => signalsRouter(engine, r));
  mount('/user-tasks', (r) => userTasksRouter(engine, r));
  mount('/element-instances', (r) => elementInstancesRouter(engine, r));
  mount('/variables', (r) => variablesRouter(engine, r));
  mount('/incidents', (r) => incidentsRouter(engine, r));
  mount('/process-definitions', (r) => processDefinitionsRouter(engine, r));
  mount('/documents', (r) => documentsRouter(engine, r));
  mount('/users', (r) => usersRouter(engine, r));
  mount('/groups', (r) => groupsRouter(engine, r));
  mount('/roles', (r) => rolesRouter(engine, r));
  mount('/authorizations', (r) => authorizationsRouter(engine, r));
  router.use(notFound);
  router.use(problemHandler);
  return { router, routes: routes.mounted };
}

// helpers

/** Unknown paths: 401 for anonymous callers (as every protected path), 404 for the others. */
function notFound(req: Request, res: Response) {
  if (!authOf(res)) throw new UnauthenticatedError();
  sendProblem(res, 404, 'NOT_FOUND', `${req.method} ${req.originalUrl} is not an endpoint of this engine`, req.originalUrl);
}
