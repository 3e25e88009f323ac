/** Decision requirements (deployed DMN resources): search, get, DMN XML. */
import { Router } from 'express';
import type { Engine } from '../engine.js';
import { NotFoundError } from '../errors.js';
import { parseKeyParam, searchRequestSchema } from './request-schemas.js';
import { answerJson } from './json-answer.js';
import { idScopeOf } from './route-guard.js';

export function decisionRequirementsRouter(engine: Engine): Router {
  const router = Router();
  router.post('/search', (req, res) => {
    answerJson(res, engine.queries.searchDecisionRequirements(searchRequestSchema.parse(req.body), idScopeOf(res)));
  });
  router.get('/:key', (req, res) => {
    const key = parseKeyParam(req.params.key, 'decisionRequirementsKey');
    const requirements = engine.queries.getDecisionRequirements(key);
    if (!requirements) throw new NotFoundError(`no decision requirements with key '${key}' exist`);
    answerJson(res, requirements);
  });
  router.get('/:key/xml', (req, res) => {
    const key = parseKeyParam(req.params.key, 'decisionRequirementsKey');
    const xml = engine.queries.decisionRequirementsXml(key);
    if (xml === undefined) throw new NotFoundError(`no decision requirements with key '${key}' exist`);
    res.type('text/xml').send(xml);
  });
  return router;
}
