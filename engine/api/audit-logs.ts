/**
 * The audit log of cases in Camunda 8.9's shape (`POST /v2/audit-logs/search`; Camunda 8.8 has none): who did what
 * to which case and when. Serving 8.9's endpoint keeps clients such as the monitor working unchanged on an 8.9
 * cluster; on 8.8 they fall back to what 8.8 offers.
 */
import { Router } from 'express';
import { readsBatchOperations, type Engine } from '../engine.js';
import { searchRequestSchema } from './request-schemas.js';
import { principalOf, scopeOf } from './route-guard.js';
import { answerJson } from './json-answer.js';

export function auditLogsRouter(engine: Engine): Router {
  const router = Router();
  router.post('/search', (req, res) => {
    const batches = readsBatchOperations(principalOf(res).permissions);
    answerJson(res, engine.queries.searchAuditLogs(searchRequestSchema.parse(req.body), scopeOf(res), { batches }));
  });
  return router;
}
