/** Variables: search (long values truncated unless `?truncateValues=false`) and get; values are JSON text, as in Camunda. */
import { Router } from 'express';
import type { Engine } from '../engine.js';
import { NotFoundError } from '../errors.js';
import { parseKeyParam, searchRequestSchema, variableSearchQuerySchema } from './request-schemas.js';
import { scopeOf } from './route-guard.js';
import { answerJson } from './json-answer.js';

export function variablesRouter(engine: Engine): Router {
  const router = Router();
  router.post('/search', (req, res) => {
    const { truncateValues } = variableSearchQuerySchema.parse(req.query);
    answerJson(res, engine.queries.searchVariables(searchRequestSchema.parse(req.body), scopeOf(res), truncateValues));
  });
  router.get('/:key', (req, res) => {
    const key = parseKeyParam(req.params.key, 'variableKey');
    const variable = engine.queries.getVariable(key);
    if (!variable) throw new NotFoundError(`no variable with key '${key}' exists`);
    answerJson(res, variable);
  });
  return router;
}
