/**
 * Messages: publication (buffered by time to live) and correlation (not buffered). Both answer in the shape of the
 * SDK's response types, which are Camunda 8.8's.
 */
import type { CamundaRestApiTypes } from '@camunda8/sdk';
import { Router } from 'express';
import { z } from 'zod';
import type { Engine } from '../engine.js';
import { tenantIdSchema, variablesSchema } from './request-schemas.js';
import { answerJson } from './json-answer.js';

const correlationKeySchema = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? '' : String(value)));

export function messagesRouter(engine: Engine): Router {
  const router = Router();
  router.post('/publication', async (req, res) => {
    const body = z
      .object({
        name: z.string().min(1),
        correlationKey: correlationKeySchema,
        timeToLive: z.number().int().min(0).nullish(),
        messageId: z.string().nullish(),
        variables: variablesSchema,
        tenantId: tenantIdSchema,
      })
      .parse(req.body);
    const message = await engine.publishMessage({
      name: body.name,
      correlationKey: body.correlationKey,
      timeToLive: body.timeToLive ?? 0,
      messageId: body.messageId ?? undefined,
      variables: body.variables,
      tenantId: body.tenantId,
    });
    answerJson(res, { tenantId: message.tenantId, messageKey: String(message.key) } satisfies CamundaRestApiTypes.PublishMessageResponse);
  });
  router.post('/correlation', async (req, res) => {
    const body = z
      .object({ name: z.string().min(1), correlationKey: correlationKeySchema, variables: variablesSchema, tenantId: tenantIdSchema })
      .parse(req.body);
    const result = await engine.correlateMessage(body);
    answerJson(res, {
      tenantId: body.tenantId,
      messageKey: String(result.messageKey),
      processInstanceKey: String(result.processInstanceKey),
    } satisfies CamundaRestApiTypes.CorrelateMessageResponse);
  });
  return router;
}
