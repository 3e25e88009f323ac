/** Batch operation items: `POST /v2/batch-operation-items/search`, each item's state and error. */
import { Router } from 'express';
import type { Engine } from '../engine.js';
import { searchRequestSchema } from './request-schemas.js';
import { answerJson } from './json-answer.js';
import { idScopeOf } from './route-guard.js';

export function batchOperationItemsRouter(engine: Engine): Router {
  const router = Router();
  router.post('/search', (req, res) => {
    answerJson(res, engine.queries.searchBatchOperationItems(searchRequestSchema.parse(req.body), idScopeOf(res)));
  });
  return router;
}
