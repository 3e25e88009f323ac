/**
 * Correlated message subscriptions (`POST /v2/correlated-message-subscriptions/search`): every correlation of a
 * message to a subscription, message start events included (those have no element instance), as Camunda 8.8 lists
 * them. Correlations made before the engine kept them (schema 15) are not listed.
 */
import { Router } from 'express';
import type { Engine } from '../engine.js';
import { searchRequestSchema } from './request-schemas.js';
import { scopeOf } from './route-guard.js';
import { answerJson } from './json-answer.js';

export function correlatedMessageSubscriptionsRouter(engine: Engine): Router {
  const router = Router();
  router.post('/search', (req, res) => {
    answerJson(res, engine.queries.searchCorrelatedMessageSubscriptions(searchRequestSchema.parse(req.body), scopeOf(res)));
  });
  return router;
}
