/** Roles (Camunda 8.8): create, search, get, update, delete; a role for users and for groups. */
import { Router } from 'express';
import type { Engine } from '../engine.js';
import { nameChangesSchema, newRoleSchema, parseIdParam } from './identity-schemas.js';
import { searchRequestSchema } from './request-schemas.js';
import { answerJson } from './json-answer.js';
import { idScopeOf } from './route-guard.js';

export function rolesRouter(engine: Engine): Router {
  const router = Router();
  const roleId = (value: string | undefined) => parseIdParam(value, 'roleId');
  router.post('/', (req, res) => {
    const body = newRoleSchema.parse(req.body);
    answerJson(res.status(201), engine.identity.createRole({ ...body, description: body.description ?? '' }));
  });
  router.post('/search', (req, res) => {
    answerJson(res, engine.identity.searchRoles(searchRequestSchema.parse(req.body), idScopeOf(res)));
  });
  router.get('/:roleId', (req, res) => {
    answerJson(res, engine.identity.getRole(roleId(req.params.roleId)));
  });
  router.put('/:roleId', (req, res) => {
    const body = nameChangesSchema.parse(req.body);
    answerJson(res, engine.identity.updateRole(roleId(req.params.roleId), { name: body.name, description: body.description ?? '' }));
  });
  router.delete('/:roleId', (req, res) => {
    engine.identity.deleteRole(roleId(req.params.roleId));
    res.status(204).end();
  });
  for (const [segment, type, param] of [['users', 'USER', 'username'], ['groups', 'GROUP', 'groupId']] as const) {
    router.put(`/:roleId/${segment}/:${param}`, (req, res) => {
      engine.identity.assignRole(roleId(req.params.roleId), type, parseIdParam((req.params as Record<string, string>)[param], param));
      res.status(204).end();
    });
    router.delete(`/:roleId/${segment}/:${param}`, (req, res) => {
      engine.identity.unassignRole(roleId(req.params.roleId), type, parseIdParam((req.params as Record<string, string>)[param], param));
      res.status(204).end();
    });
    router.post(`/:roleId/${segment}/search`, (req, res) => {
      answerJson(res, engine.identity.searchRoleMembers(roleId(req.params.roleId), type, searchRequestSchema.parse(req.body), idScopeOf(res)));
    });
  }
  return router;
}
