/**
 * Authorizations (Camunda 8.8): create, search, get, update, delete. An authorization is id-based
 * (`resourceId`, `*` = all) or, for USER_TASK (Camunda 8.9), property-based (`resourcePropertyName`:
 * assignee, candidateUsers, candidateGroups). Permission types must belong to the resource type.
 */
import { Router } from 'express';
import { z } from 'zod';
import {
  isPermissionOf,
  OWNER_TYPES,
  RESOURCE_TYPES,
  USER_TASK_PROPERTIES,
  type AuthorizationCreatedResult,
  type AuthorizationResult,
  type AuthorizationRow,
  type Engine,
  type ResourceType,
} from '../engine.js';
import { caseInsensitiveEnum, parseKeyParam, searchRequestSchema } from './request-schemas.js';
import { answerJson } from './json-answer.js';
import { idScopeOf } from './route-guard.js';

const authorizationSchema = z
  .object({
    ownerId: z.string().min(1).max(256),
    ownerType: caseInsensitiveEnum(OWNER_TYPES),
    resourceType: caseInsensitiveEnum(RESOURCE_TYPES as [ResourceType, ...ResourceType[]]),
    resourceId: z.string().min(1).max(256).optional(),
    resourcePropertyName: z.enum(USER_TASK_PROPERTIES).optional(),
    permissionTypes: z.array(z.string().transform((p) => p.toUpperCase())).min(1),
  })
  .refine((a) => (a.resourceId === undefined) !== (a.resourcePropertyName === undefined), {
    message: 'give either resourceId or resourcePropertyName',
  })
  .refine((a) => a.resourcePropertyName === undefined || a.resourceType === 'USER_TASK', {
    message: 'resourcePropertyName is only for the resource type USER_TASK',
  })
  .refine((a) => a.permissionTypes.every((p) => isPermissionOf(a.resourceType, p)), {
    message: 'a permission type does not belong to the resource type',
    path: ['permissionTypes'],
  });

export function authorizationsRouter(engine: Engine): Router {
  const router = Router();
  const key = (value: string | undefined) => parseKeyParam(value, 'authorizationKey');
  router.post('/', (req, res) => {
    const authorizationKey = engine.identity.createAuthorization(toRow(authorizationSchema.parse(req.body)));
    answerJson(res.status(201), { authorizationKey: String(authorizationKey) } satisfies AuthorizationCreatedResult);
  });
  router.post('/search', (req, res) => {
    const found = engine.identity.searchAuthorizations(searchRequestSchema.parse(req.body), idScopeOf(res));
    answerJson(res, { items: found.items.map(toResult), page: found.page });
  });
  router.get('/:authorizationKey', (req, res) => {
    answerJson(res, toResult(engine.identity.getAuthorization(key(req.params.authorizationKey))));
  });
  router.put('/:authorizationKey', (req, res) => {
    engine.identity.updateAuthorization({ key: key(req.params.authorizationKey), ...toRow(authorizationSchema.parse(req.body)) });
    res.status(204).end();
  });
  router.delete('/:authorizationKey', (req, res) => {
    engine.identity.deleteAuthorization(key(req.params.authorizationKey));
    res.status(204).end();
  });
  return router;
}

// helpers

function toRow(body: z.output<typeof authorizationSchema>): Omit<AuthorizationRow, 'key'> {
  return {
    ownerId: body.ownerId,
    ownerType: body.ownerType,
    resourceType: body.resourceType,
    resourceId: body.resourceId ?? null,
    resourcePropertyName: body.resourcePropertyName ?? null,
    permissionTypes: [...new Set(body.permissionTypes)],
  };
}

function toResult(row: AuthorizationRow): AuthorizationResult {
  return {
    authorizationKey: String(row.key),
    ownerId: row.ownerId,
    ownerType: row.ownerType,
    resourceType: row.resourceType,
    ...(row.resourceId !== null ? { resourceId: row.resourceId } : {}),
    ...(row.resourcePropertyName !== null ? { resourcePropertyName: row.resourcePropertyName } : {}),
    permissionTypes: row.permissionTypes,
  };
}
