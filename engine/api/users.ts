/** Users (Camunda 8.8): create, search, get, update (name, email, password), delete. Passwords never leave. */
import { Router } from 'express';
import type { Engine } from '../engine.js';
import { newUserSchema, parseIdParam, userChangesSchema } from './identity-schemas.js';
import { searchRequestSchema } from './request-schemas.js';
import { answerJson } from './json-answer.js';
import { idScopeOf } from './route-guard.js';

export function usersRouter(engine: Engine): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    answerJson(res.status(201), await engine.identity.createUser(newUserSchema.parse(req.body)));
  });
  router.post('/search', (req, res) => {
    answerJson(res, engine.identity.searchUsers(searchRequestSchema.parse(req.body), idScopeOf(res)));
  });
  router.get('/:username', (req, res) => {
    answerJson(res, engine.identity.getUser(parseIdParam(req.params.username, 'username')));
  });
  router.put('/:username', async (req, res) => {
    answerJson(res, await engine.identity.updateUser(parseIdParam(req.params.username, 'username'), userChangesSchema.parse(req.body)));
  });
  router.delete('/:username', (req, res) => {
    engine.identity.deleteUser(parseIdParam(req.params.username, 'username'));
    res.status(204).end();
  });
  return router;
}
