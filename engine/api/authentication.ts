/**
 * `GET /v2/authentication/me`: the current user in Camunda 8.8's shape (CamundaUserResult). With a session
 * cookie the answer also carries the session's CSRF token in `X-CSRF-TOKEN`, so a reloaded page gets it back.
 * Web apps' own server routes authenticate a request by calling this with the request's Cookie or
 * Authorization header: it reads only cached data.
 */
import { Router } from 'express';
import type { CurrentUserResult } from '../engine.js';
import { CSRF_HEADER } from './request-authentication.js';
import { authOf, type RequestAuth } from './route-guard.js';
import { answerJson } from './json-answer.js';

export function authenticationRouter(): Router {
  const router = Router();
  router.get('/me', (_req, res) => {
    const auth = authOf(res)!;
    if (auth.session) res.setHeader(CSRF_HEADER, auth.session.csrfToken);
    res.setHeader('Cache-Control', 'no-store');
    answerJson(res, currentUser(auth));
  });
  return router;
}

// helpers

function currentUser({ principal, via }: RequestAuth): CurrentUserResult {
  return {
    username: principal.username,
    displayName: principal.name || principal.username,
    email: principal.email,
    authorizedComponents: principal.permissions.resourceIds('COMPONENT', 'ACCESS'),
    tenants: [],
    groups: principal.groups,
    roles: principal.roles,
    salesPlanType: null,
    c8Links: {},
    canLogout: via === 'session',
    apiUser: via === 'basic',
  };
}
