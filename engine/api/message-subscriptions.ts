/**
 * Message subscriptions (`POST /v2/message-subscriptions/search`): what elements wait or waited for, in the state
 * of their last event (Camunda 8.8's MessageSubscriptionStateEnum). Only process message subscriptions (catch
 * events, receive tasks, boundary and event sub-process start events) are listed: Camunda 8.8 does not list message
 * start events here. The filter's operators are the filter compiler's (engine/store/search-query.ts); this module
 * only checks that the state values are 8.8's, so a misspelt state is a 400 naming the field instead of an empty list.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { Engine } from '../engine.js';
import { searchRequestSchema } from './request-schemas.js';
import { scopeOf } from './route-guard.js';
import { answerJson } from './json-answer.js';

const STATES = ['CORRELATED', 'CREATED', 'DELETED', 'MIGRATED'] as const;
const allowed = STATES.join(', ');
const stateValue = z.enum(STATES, { error: () => `must be one of ${allowed}` });
/** The state filter: a plain state, or operators whose values are states (the compiler rejects unknown operators). */
const stateFilterSchema = z.union([
  stateValue,
  z.looseObject({ $eq: stateValue.optional(), $neq: stateValue.optional(), $in: z.array(stateValue).optional() }),
]);

export function messageSubscriptionsRouter(engine: Engine): Router {
  const router = Router();
  router.post('/search', (req, res) => {
    const request = searchRequestSchema.parse(req.body);
    checkStateFilter(request.filter);
    answerJson(res, engine.queries.searchMessageSubscriptions(request, scopeOf(res)));
  });
  return router;
}

/** The state filter of the filter and of each `$or` entry, as the job search checks its own. */
function checkStateFilter(filter: Record<string, unknown> | undefined, path: (string | number)[] = ['filter']): void {
  const state = filter?.messageSubscriptionState;
  if (state !== undefined && state !== null && !stateFilterSchema.safeParse(state).success) {
    throw new z.ZodError([{ code: 'custom', path: [...path, 'messageSubscriptionState'], message: `must be one of ${allowed}, or an object of $eq, $neq, $exists, $in, $like`, input: state }]);
  }
  const alternatives = filter?.$or;
  if (path.length > 1 || !Array.isArray(alternatives)) return;
  alternatives.forEach((entry: unknown, index) => {
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) checkStateFilter(entry as Record<string, unknown>, [...path, '$or', index]);
  });
}
