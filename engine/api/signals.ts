/** Signals: `POST /v2/signals/broadcast`, answered in the shape of the SDK's response type (Camunda 8.8's). */
import type { CamundaRestApiTypes } from '@camunda8/sdk';
import { Router } from 'express';
import { z } from 'zod';
import type { Engine } from '../engine.js';
import { tenantIdSchema, variablesSchema } from './request-schemas.js';
import { answerJson } from './json-answer.js';

export function signalsRouter(engine: Engine): Router {
  const router = Router();
  router.post('/broadcast', async (req, res) => {
    const body = z.object({ signalName: z.string().min(1), variables: variablesSchema, tenantId: tenantIdSchema }).parse(req.body);
    const signalKey = await engine.broadcastSignal(body);
    answerJson(res, { tenantId: body.tenantId, signalKey: String(signalKey) } satisfies CamundaRestApiTypes.BroadcastSignalResponse);
  });
  return router;
}
