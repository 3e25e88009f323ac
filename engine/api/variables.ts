/** Variables: search and get; values are JSON text, as in Camunda. */
import { Router } from 'express';
import type { Engine } from '../engine.js';
import { NotFoundError } from '../errors.js';
import { parseKeyParam, searchRequestSchema } from './request-schemas.js';
import { scopeOf } from './route-guard.js';

export function variablesRouter(engine: Engine): Router {
  const router = Router();
  router.post('/search', (req, res) => {
    res.json(engine.queries.searchVariables(searchRequestSchema.parse(req.body), scopeOf(res)));
  });
  router.get('/:key', (req, res) => {
    const key = parseKeyParam(req.params.key, 'variableKey');
    const variable = engine.queries.getVariable(key);
    if (!variable) throw new NotFoundError(`no variable with key '${key}' exists`);
    res.json(variable);
  });
  return router;
}
