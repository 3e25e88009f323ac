/** Batch operations: search, get, suspend, resume, cancel (they are created under /v2/process-instances). */
import { Router } from 'express';
import type { Engine } from '../engine.js';
import { NotFoundError } from '../errors.js';
import { parseKeyParam, searchRequestSchema } from './request-schemas.js';
import { answerJson } from './json-answer.js';
import { idScopeOf } from './route-guard.js';

export function batchOperationsRouter(engine: Engine): Router {
  const router = Router();
  router.post('/search', (req, res) => {
    answerJson(res, engine.queries.searchBatchOperations(searchRequestSchema.parse(req.body), idScopeOf(res)));
  });
  router.get('/:key', (req, res) => {
    const key = parseKeyParam(req.params.key, 'batchOperationKey');
    const operation = engine.queries.getBatchOperation(key);
    if (!operation) throw new NotFoundError(`no batch operation with key '${key}' exists`);
    answerJson(res, operation);
  });
  router.post('/:key/suspension', async (req, res) => {
    await engine.suspendBatchOperation(parseKeyParam(req.params.key, 'batchOperationKey'));
    res.status(204).end();
  });
  router.post('/:key/resumption', async (req, res) => {
    await engine.resumeBatchOperation(parseKeyParam(req.params.key, 'batchOperationKey'));
    res.status(204).end();
  });
  router.post('/:key/cancellation', async (req, res) => {
    await engine.cancelBatchOperation(parseKeyParam(req.params.key, 'batchOperationKey'));
    res.status(204).end();
  });
  return router;
}
