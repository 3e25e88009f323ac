/** Process definitions: search, get, BPMN XML, start form, element statistics. */
import { Router } from 'express';
import { z } from 'zod';
import type { Engine } from '../engine.js';
import { NotFoundError } from '../errors.js';
import { parseKeyParam, searchRequestSchema } from './request-schemas.js';
import { scopeOf } from './route-guard.js';
import { answerJson } from './json-answer.js';

/** Camunda 8.8's body: an optional process-instance filter (`$or` and `variables` included). */
const statisticsSchema = z.object({ filter: z.record(z.string(), z.unknown()).nullish() }).nullish();

export function processDefinitionsRouter(engine: Engine): Router {
  const router = Router();
  router.post('/search', (req, res) => {
    answerJson(res, engine.queries.searchProcessDefinitions(searchRequestSchema.parse(req.body), scopeOf(res)));
  });
  router.get('/:key', (req, res) => {
    const key = parseKeyParam(req.params.key, 'processDefinitionKey');
    const definition = engine.queries.getProcessDefinition(key);
    if (!definition) throw new NotFoundError(`no process definition with key '${key}' exists`);
    answerJson(res, definition);
  });
  router.get('/:key/xml', (req, res) => {
    const key = parseKeyParam(req.params.key, 'processDefinitionKey');
    const xml = engine.queries.processDefinitionXml(key);
    if (xml === undefined) throw new NotFoundError(`no process definition with key '${key}' exists`);
    res.type('text/xml').send(xml);
  });
  router.post('/:key/statistics/element-instances', (req, res) => {
    const key = parseKeyParam(req.params.key, 'processDefinitionKey');
    const body = statisticsSchema.parse(req.body ?? {});
    answerJson(res, { items: engine.queries.processDefinitionElementStatistics(key, body?.filter ?? undefined, scopeOf(res)) });
  });
  router.get('/:key/form', (req, res) => {
    const key = parseKeyParam(req.params.key, 'processDefinitionKey');
    if (!engine.queries.getProcessDefinition(key)) throw new NotFoundError(`no process definition with key '${key}' exists`);
    const form = engine.queries.startForm(key);
    if (!form) return void res.status(204).end();
    answerJson(res, form);
  });
  return router;
}
