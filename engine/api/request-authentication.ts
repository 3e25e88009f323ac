/**
 * Who sends a /v2 request: HTTP Basic (API clients, the SDK's `CAMUNDA_AUTH_STRATEGY=BASIC`) or the browser
 * session cookie `camunda-session`. A cookie-authenticated POST, PUT, PATCH or DELETE must echo the session's
 * CSRF token in `X-CSRF-TOKEN` (403 otherwise); Basic needs none (a browser never adds it by itself). Wrong Basic
 * credentials are a 401 at once; a missing or expired session leaves the request anonymous, and the route's
 * guard answers 401 unless the route is public.
 */
import type { NextFunction, Request, Response } from 'express';
import { csrfTokenMatches, type Engine } from '../engine.js';
import type { ClientAddressOf } from './client-address.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { RequestAuth } from './route-guard.js';

export const SESSION_COOKIE = 'camunda-session';
export const CSRF_HEADER = 'X-CSRF-TOKEN';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function authenticateRequests(engine: Engine, clientAddress: ClientAddressOf) {
  return (req: Request, res: Response, next: NextFunction): void | Promise<void> => {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      if (!/^Basic /i.test(authorization)) throw new UnauthenticatedError('只支持 HTTP Basic 认证或登录会话');
      // a job worker sends the same header on every call: a header verified before is answered without an await
      const known = engine.identity.knownBasic(authorization);
      if (!known) return verifyBasic(engine, authorization, clientAddress(req), res, next);
      res.locals.auth = { principal: known, via: 'basic' } satisfies RequestAuth;
      return next();
    }
    const cookie = readCookie(req, SESSION_COOKIE);
    const found = cookie === undefined ? undefined : engine.identity.session(cookie);
    if (found) {
      if (STATE_CHANGING.has(req.method) && !csrfTokenMatches(found.session, req.get(CSRF_HEADER))) {
        throw new ForbiddenError(`CSRF 校验失败：请求缺少有效的 ${CSRF_HEADER} 请求头，请刷新页面后重试`);
      }
      res.locals.auth = { principal: found.principal, via: 'session', session: found.session } satisfies RequestAuth;
    }
    next();
  };
}

/**
 * A Basic header not seen before (or since an identity change): the password check, throttled by client address
 * (client-address.ts: the web apps' routes name their own client's).
 */
async function verifyBasic(engine: Engine, authorization: string, address: string | undefined, res: Response, next: NextFunction): Promise<void> {
  try {
    res.locals.auth = { principal: await engine.identity.authenticateBasic(authorization, address), via: 'basic' } satisfies RequestAuth;
  } catch (error) {
    if (error instanceof UnauthenticatedError) res.setHeader('WWW-Authenticate', 'Basic realm="camunda", charset="UTF-8"');
    throw error;
  }
  next();
}

/** The value of one cookie of the request, or undefined. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
