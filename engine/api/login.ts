/**
 * `POST /login` and `POST /logout` at the server root, as Camunda 8.8 serves them for its web apps.
 * - login: `username` and `password` as a form (application/x-www-form-urlencoded) or JSON → 204 with the
 *   session cookie (`camunda-session`, HttpOnly, SameSite=Lax, Path=/; a new id every time) and the session's
 *   CSRF token in `X-CSRF-TOKEN`; wrong credentials → 401 用户名或密码错误. A success also sets the user's device
 *   cookie (engine/identity/device-cookies.ts: HttpOnly, SameSite=Strict, Path=/login), which the browser sends with
 *   its next login of that user, so that the login throttle judges it by that browser's own failures.
 * - logout: ends the session of the cookie and clears the cookie → 204.
 * Neither asks for a CSRF token (as in Camunda): the web apps' proxy in front of a cluster forwards them as they are.
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { DEVICE_COOKIE_MAX_AGE_MS, type Engine } from '../engine.js';
import type { ClientAddressOf } from './client-address.js';
import { problemHandler } from './problem.js';
import { formBody, jsonBody } from './request-bodies.js';
import { CSRF_HEADER, readCookie, SESSION_COOKIE } from './request-authentication.js';

const loginSchema = z.object({
  username: z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').max(256),
  password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(256),
});

export function loginRouter(engine: Engine, clientAddress: ClientAddressOf): Router {
  const router = Router();
  const parseBody = [formBody({ limit: '16kb' }), jsonBody({ limit: '16kb', strict: true })];

  router.post('/login', ...parseBody, async (req, res) => {
    const { username, password } = loginSchema.parse(req.body ?? {});
    const previous = readCookie(req, SESSION_COOKIE);
    if (previous !== undefined) engine.identity.logout(previous);
    const sentDevice = readCookie(req, engine.identity.deviceCookieName(username));
    const { id, session, deviceCookie } = await engine.identity.login(username, password, clientAddress(req), sentDevice);
    res.cookie(SESSION_COOKIE, id, cookieOptions(req));
    // Strict: only a login from the apps' own pages carries it; kept across logouts, as it names a browser, not a session
    res.cookie(deviceCookie.name, deviceCookie.value, { httpOnly: true, sameSite: 'strict', path: '/login', secure: req.secure, maxAge: DEVICE_COOKIE_MAX_AGE_MS });
    res.setHeader(CSRF_HEADER, session.csrfToken);
    res.setHeader('Cache-Control', 'no-store');
    res.status(204).end();
  });

  router.post('/logout', (req: Request, res: Response) => {
    const current = readCookie(req, SESSION_COOKIE);
    if (current !== undefined) engine.identity.logout(current);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    res.status(204).end();
  });

  router.use(problemHandler);
  return router;
}

// helpers

function cookieOptions(req: Request) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: req.secure };
}
