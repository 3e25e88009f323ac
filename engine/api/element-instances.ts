/** Element instances: search, get, and setting variables on a scope. */
import { Router } from 'express';
import { z } from 'zod';
import type { Engine } from '../engine.js';
import { NotFoundError } from '../errors.js';
import { parseKeyParam, searchRequestSchema } from './request-schemas.js';
import { scopeOf } from './route-guard.js';
import { answerJson } from './json-answer.js';

export function elementInstancesRouter(engine: Engine): Router {
  const router = Router();
  router.post('/search', (req, res) => {
    answerJson(res, engine.queries.searchElementInstances(searchRequestSchema.parse(req.body), scopeOf(res)));
  });
  router.get('/:key', (req, res) => {
    const key = parseKeyParam(req.params.key, 'elementInstanceKey');
    const instance = engine.queries.getElementInstance(key);
    if (!instance) throw new NotFoundError(`no element instance with key '${key}' exists`);
    answerJson(res, instance);
  });
  router.put('/:key/variables', async (req, res) => {
    const body = z
      .object({ variables: z.record(z.string(), z.unknown()), local: z.boolean().nullish(), operationReference: z.unknown().optional() })
      .parse(req.body);
    await engine.setVariables(parseKeyParam(req.params.key, 'elementInstanceKey'), body.variables, body.local ?? false);
    res.status(204).end();
  });
  return router;
}
