/** Decision instances (the evaluation history): search, and get one with its inputs and matched rules. */
import { Router } from 'express';
import type { Engine } from '../engine.js';
import { InvalidArgumentError, NotFoundError } from '../errors.js';
import { searchRequestSchema } from './request-schemas.js';
import { answerJson } from './json-answer.js';
import { idScopeOf } from './route-guard.js';

export function decisionInstancesRouter(engine: Engine): Router {
  const router = Router();
  router.post('/search', (req, res) => {
    answerJson(res, engine.queries.searchDecisionInstances(searchRequestSchema.parse(req.body), idScopeOf(res)));
  });
  router.get('/:key', (req, res) => {
    const key = req.params.key;
    if (!/^[0-9]{1,25}-[0-9]{1,6}$/.test(key)) {
      throw new InvalidArgumentError(`decisionEvaluationInstanceKey must look like '<evaluation key>-<n>', got '${key}'`);
    }
    const instance = engine.queries.getDecisionInstance(key);
    if (!instance) throw new NotFoundError(`no decision instance with key '${key}' exists`);
    answerJson(res, instance);
  });
  return router;
}
