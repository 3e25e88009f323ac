/** Mounts one router per REST v2 resource under /v2, then the problem handler. */
import express, { Router } from 'express';
import type { Engine } from '../engine.js';
import { clusterRouter } from './cluster.js';
import { deploymentsRouter } from './deployments.js';
import { documentsRouter } from './documents.js';
import { elementInstancesRouter } from './element-instances.js';
import { incidentsRouter } from './incidents.js';
import { jobsRouter } from './jobs.js';
import { messagesRouter } from './messages.js';
import { problemHandler, sendProblem } from './problem.js';
import { processDefinitionsRouter } from './process-definitions.js';
import { processInstancesRouter } from './process-instances.js';
import { signalsRouter } from './signals.js';
import { userTasksRouter } from './user-tasks.js';
import { variablesRouter } from './variables.js';

export function v2Router(engine: Engine, address: () => { host: string; port: number }): Router {
  const router = Router();
  router.use(express.json({ limit: '4mb', strict: false }));
  router.use(clusterRouter(engine, address));
  router.use('/deployments', deploymentsRouter(engine));
  router.use('/process-instances', processInstancesRouter(engine));
  router.use('/jobs', jobsRouter(engine));
  router.use('/messages', messagesRouter(engine));
  router.use('/signals', signalsRouter(engine));
  router.use('/user-tasks', userTasksRouter(engine));
  router.use('/element-instances', elementInstancesRouter(engine));
  router.use('/variables', variablesRouter(engine));
  router.use('/incidents', incidentsRouter(engine));
  router.use('/process-definitions', processDefinitionsRouter(engine));
  router.use('/documents', documentsRouter(engine));
  router.use((req, res) => sendProblem(res, 404, 'NOT_FOUND', `${req.method} ${req.originalUrl} is not an endpoint of this engine`, req.originalUrl));
  router.use(problemHandler);
  return router;
}
