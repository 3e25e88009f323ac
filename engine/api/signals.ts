/** Signals: `POST /v2/signals/broadcast`. */
import { Router } from 'express';
import { z } from 'zod';
import type { Engine } from '../engine.js';
import { tenantIdSchema, variablesSchema } from './request-schemas.js';

export function signalsRouter(engine: Engine): Router {
  const router = Router();
  router.post('/broadcast', async (req, res) => {
    const body = z.object({ signalName: z.string().min(1), variables: variablesSchema, tenantId: tenantIdSchema }).parse(req.body);
    const signalKey = await engine.broadcastSignal(body);
    res.json({ tenantId: body.tenantId, signalKey: String(signalKey) });
  });
  return router;
}
