/** Resources: `POST /v2/resources/{key}/deletion` (a process definition, a DMN resource's decision requirements, a form). */
import { Router } from 'express';
import { z } from 'zod';
import type { Engine } from '../engine.js';
import { parseKeyParam } from './request-schemas.js';

export function resourcesRouter(engine: Engine): Router {
  const router = Router();
  router.post('/:key/deletion', async (req, res) => {
    z.object({ operationReference: z.unknown().optional() }).nullish().parse(req.body);
    await engine.deleteResource(parseKeyParam(req.params.key, 'resourceKey'));
    res.status(200).end();
  });
  return router;
}
