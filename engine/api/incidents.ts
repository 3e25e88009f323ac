/** Incidents: search, get, resolve. */
import { Router } from 'express';
import type { Engine } from '../engine.js';
import { NotFoundError } from '../errors.js';
import { parseKeyParam, searchRequestSchema } from './request-schemas.js';
import { scopeOf } from './route-guard.js';
import { answerJson } from './json-answer.js';

export function incidentsRouter(engine: Engine): Router {
  const router = Router();
  router.post('/search', (req, res) => {
    answerJson(res, engine.queries.searchIncidents(searchRequestSchema.parse(req.body), scopeOf(res)));
  });
  router.get('/:key', (req, res) => {
    const key = parseKeyParam(req.params.key, 'incidentKey');
    const incident = engine.queries.getIncident(key);
    if (!incident) throw new NotFoundError(`no incident with key '${key}' exists`);
    answerJson(res, incident);
  });
  router.post('/:key/resolution', async (req, res) => {
    await engine.resolveIncident(parseKeyParam(req.params.key, 'incidentKey'));
    res.status(204).end();
  });
  return router;
}
