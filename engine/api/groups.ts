/** Groups (Camunda 8.8): create, search, get, update, delete; users in a group; the roles of a group. */
import { Router } from 'express';
import type { Engine } from '../engine.js';
import { nameChangesSchema, newGroupSchema, parseIdParam } from './identity-schemas.js';
import { searchRequestSchema } from './request-schemas.js';
import { answerJson } from './json-answer.js';
import { idScopeOf } from './route-guard.js';

export function groupsRouter(engine: Engine): Router {
  const router = Router();
  const groupId = (value: string | undefined) => parseIdParam(value, 'groupId');
  router.post('/', (req, res) => {
    const body = newGroupSchema.parse(req.body);
    answerJson(res.status(201), engine.identity.createGroup({ ...body, description: body.description ?? '' }));
  });
  router.post('/search', (req, res) => {
    answerJson(res, engine.identity.searchGroups(searchRequestSchema.parse(req.body), idScopeOf(res)));
  });
  router.get('/:groupId', (req, res) => {
    answerJson(res, engine.identity.getGroup(groupId(req.params.groupId)));
  });
  router.put('/:groupId', (req, res) => {
    const body = nameChangesSchema.parse(req.body);
    answerJson(res, engine.identity.updateGroup(groupId(req.params.groupId), { name: body.name, description: body.description ?? '' }));
  });
  router.delete('/:groupId', (req, res) => {
    engine.identity.deleteGroup(groupId(req.params.groupId));
    res.status(204).end();
  });
  router.put('/:groupId/users/:username', (req, res) => {
    engine.identity.assignUserToGroup(groupId(req.params.groupId), parseIdParam(req.params.username, 'username'));
    res.status(204).end();
  });
  router.delete('/:groupId/users/:username', (req, res) => {
    engine.identity.unassignUserFromGroup(groupId(req.params.groupId), parseIdParam(req.params.username, 'username'));
    res.status(204).end();
  });
  router.post('/:groupId/users/search', (req, res) => {
    answerJson(res, engine.identity.searchGroupMembers(groupId(req.params.groupId), searchRequestSchema.parse(req.body), idScopeOf(res)));
  });
  router.post('/:groupId/roles/search', (req, res) => {
    answerJson(res, engine.identity.searchRolesOfGroup(groupId(req.params.groupId), searchRequestSchema.parse(req.body), idScopeOf(res)));
  });
  return router;
}
