/**
 * Authenticates a web app's own server routes the Camunda way: the request's `Cookie` and `Authorization` are
 * forwarded to `GET /v2/authentication/me` of the engine or cluster, whose answer (user, groups, roles,
 * authorizedComponents, and the session's CSRF token in `X-CSRF-TOKEN`) is kept a few seconds per credential.
 * A cookie-authenticated POST/PUT/PATCH/DELETE must echo that CSRF token, as on `/v2`.
 * Mounted in the embedded engine's server, its calls to /v2 on behalf of a request with an Authorization header
 * (lookup, fetchV2AsUser) also name the client's address (`req.ip`, which honours TRUST_PROXY) with the engine's
 * forwarder secret, so that the engine's login throttle counts a wrong Basic password against that client, not
 * against the loopback address this layer calls from (engine/api/client-address.ts; the engine believes the address
 * only with the secret). Such a request whose address is gone (its client reset the connection before the check) is
 * not checked at all: sent without the address it would count against loopback, and 50 of them would lock the
 * workers' Basic checks. A session cookie alone checks no password and names no address. Without the secret
 * (`npm run web`) this layer throttles Basic checks per client address itself (client-login-throttle.ts), as the
 * cluster counts them all against this server; it also names the client in `X-Forwarded-For`, which only a cluster
 * that trusts this server as a proxy reads (anyone else ignores it).
 */
import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { CurrentUser } from '../src/api/camunda-types.js';
import { mayUseApp, type WebAppInfo } from '../src/layout/web-apps.js';
import { ClientLoginThrottle, type ClientLoginSlot } from './client-login-throttle.js';
import { sendProblem } from './problem.js';

export const CSRF_HEADER = 'X-CSRF-TOKEN';
/** The engine's names (engine/api/client-address.ts; the web layer does not import the engine). */
const CLIENT_ADDRESS_HEADER = 'x-web-client-address';
const FORWARDER_SECRET_HEADER = 'x-web-forwarder-secret';
/** Headers only this layer may send: a caller's own are dropped, so that no route can name another address. */
const FORWARDER_HEADER_PREFIX = 'x-web-';

function credentialId(cookie: string | undefined, authorization: string | undefined): string {
  return createHash('sha256').update(`${cookie ?? ''}\n${authorization ?? ''}`).digest('hex');
}

/** The session cookie of /v2 (Camunda's name; engine/api/request-authentication.ts sets it on the embedded engine). */
const SESSION_COOKIE = /(?:^|;\s*)camunda-session=/;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface CurrentUserOptions {
  /** Base URL of the engine or cluster (without /v2), read per request (the port may be known late). */
  v2Url: () => string;
  /**
   * The embedded engine's forwarder secret (engine/server.ts gives it to the apps mounted in it): with it, the calls
   * to /v2 name the client's address for the engine's login throttle. Unset in front of a cluster (`npm run web`),
   * which then counts this server's address.
   */
  forwarderSecret?: string;
  /**
   * The time of this layer's own login throttle, used without a forwarder secret (client-login-throttle.ts):
   * Date.now unless pinned (tests).
   */
  wallClock?: () => number;
  /**
   * How long an answer of /me is reused for the same credentials (default 3 s): a session ended elsewhere stays
   * usable on the apps' own routes for at most that long (`forget` ends it at once where the logout passes here).
   */
  cacheMs?: number;
}

export interface Cached {
  user: CurrentUser;
  csrfToken: string | undefined;
  until: number;
  /** The engine's time when it answered (its HTTP `Date`, pinned in tests) and ours then: see {@link engineNowOf}. */
  engineDate: number | undefined;
  at: number;
}

/** The engine's time now, as the answer of /me told it (its HTTP `Date`), moved on by the time since; else ours. */
export function engineNowOf(found: Pick<Cached, 'engineDate' | 'at'>): Date {
  return new Date(found.engineDate === undefined ? Date.now() : found.engineDate + (Date.now() - found.at));
}

/** `res.locals.user` of a request that passed {@link CurrentUserAuth.require}. */
export function userOf(res: Response): CurrentUser {
  return res.locals.user as CurrentUser;
}

export interface CurrentUserAuth {
  /** Middleware: 401 without a valid login, 403 without the app in authorizedComponents or a wrong CSRF token. */
  require(app: WebAppInfo): RequestHandler;
  /** The user of a request, or undefined (no credentials, or refused). */
  lookup(req: Request, options?: LookupOptions): Promise<Cached | undefined>;
  /** Drops the cached answer for the request's credentials (on logout). */
  forget(req: Request): void;
  /**
   * Calls the engine's or cluster's `/v2` with the request's own credentials (cookie and its CSRF token, or
   * Authorization), so the engine authorizes the user, never the app: an app's route that deploys or changes
   * something goes through here. The caller's `headers` go along, but never its own `X-Web-*` (only this layer
   * names a client address); rejects, sending nothing, when a request with an Authorization header has lost its
   * client address.
   */
  fetchV2AsUser(req: Request, path: `/v2/${string}`, init?: { method?: string; body?: BodyInit; headers?: Record<string, string> }): Promise<globalThis.Response>;
}

export interface LookupOptions {
  /**
   * Only a `camunda-session` cookie counts, never an Authorization header: for a page, which a browser asks for with
   * its cookie. In front of a cluster a Basic header's failures count against this server's address, so a page
   * address anyone can ask for does not check passwords.
   */
  sessionOnly?: boolean;
  /** Ends the wait for /me (a page does not wait long for a cluster that does not answer). */
  signal?: AbortSignal;
}

/**
 * The engine or cluster would not check the credentials now (its login throttle, 429): its detail says why, its
 * `Retry-After` (a cluster's gateway may send one) when.
 */
class LoginThrottledError extends Error {
  constructor(
    detail: string,
    readonly retryAfter: string | undefined,
  ) {
    super(detail);
  }
}

/** The request's client address is gone (its connection was reset): its credentials are not sent to /v2. */
export class ClientAddressUnknownError extends Error {
  constructor() {
    super('the request has no client address any more (connection reset): its credentials were not checked');
  }
}

/** A lookup that failed: 429 with the engine's words when its login throttle refused, else 502. */
export function sendLookupFailure(res: Response, error: Error): void {
  if (error instanceof LoginThrottledError) {
    if (error.retryAfter !== undefined) res.setHeader('Retry-After', error.retryAfter);
    return sendProblem(res, 429, '登录尝试过多', error.message);
  }
  sendProblem(res, 502, '无法验证登录', `无法连接流程引擎：${error.message}`);
}

async function throttledError(response: globalThis.Response): Promise<LoginThrottledError> {
  return new LoginThrottledError(await throttledDetail(response), response.headers.get('retry-after') ?? undefined);
}

async function throttledDetail(response: globalThis.Response): Promise<string> {
  try {
    const { detail } = (await response.json()) as { detail?: unknown };
    if (typeof detail === 'string' && detail !== '') return detail;
  } catch {
    // not a problem document (a cluster's gateway): the general words below
  }
  return '登录失败次数过多，请 10 分钟后再试';
}

function dateOf(header: string | null): number | undefined {
  const parsed = header ? Date.parse(header) : Number.NaN;
  return Number.isNaN(parsed) ? undefined : parsed;
}

export function currentUserAuth(options: CurrentUserOptions): CurrentUserAuth {
  const cacheMs = options.cacheMs ?? 3_000;
  const cache = new Map<string, Cached>();
  const { forwarderSecret } = options;
  // without the secret the cluster counts every Basic check against this server's address: this layer counts per client
  const throttle = forwarderSecret === undefined ? new ClientLoginThrottle(options.wallClock) : undefined;
  /** A slot of this layer's throttle for a Basic check of `req`; throws when it may not be checked now. */
  const reserveCheck = (throttle: ClientLoginThrottle, req: Request): ClientLoginSlot => {
    if (req.ip === undefined) throw new ClientAddressUnknownError();
    const slot = throttle.reserve(req.ip);
    if (!('end' in slot)) throw new LoginThrottledError(slot.message, String(slot.retryAfter));
    return slot;
  };
  /**
   * Who the engine's login throttle counts a password check of this request against (see the file's comment);
   * throws when the request's address is gone, so that its credentials are not sent (fail closed).
   */
  const clientHeaders = (req: Request, authorization: string | undefined): Record<string, string> => {
    // only a password is counted by address: a session cookie alone needs none (and is not refused without one)
    if (!authorization) return {};
    // a cluster counts by the web server's address unless it trusts this server as a proxy: then by this header
    if (forwarderSecret === undefined) return req.ip === undefined ? {} : { 'x-forwarded-for': req.ip };
    if (req.ip === undefined) throw new ClientAddressUnknownError();
    return { [CLIENT_ADDRESS_HEADER]: req.ip, [FORWARDER_SECRET_HEADER]: forwarderSecret };
  };

  async function lookup(req: Request, lookupOptions: LookupOptions = {}): Promise<Cached | undefined> {
    const cookie = req.get('cookie');
    const authorization = lookupOptions.sessionOnly ? undefined : req.get('authorization');
    if (lookupOptions.sessionOnly && !(cookie && SESSION_COOKIE.test(cookie))) return undefined;
    if (!cookie && !authorization) return undefined;
    const id = credentialId(cookie, authorization);
    const now = Date.now();
    const hit = cache.get(id);
    if (hit && hit.until > now) return hit;
    const headers: Record<string, string> = { accept: 'application/json', ...clientHeaders(req, authorization) };
    if (cookie) headers.cookie = cookie;
    if (authorization) headers.authorization = authorization;
    // taken before the cluster is asked, so that guesses sent together cannot all pass before the first 401
    const slot = throttle && authorization ? reserveCheck(throttle, req) : undefined;
    let response: globalThis.Response;
    try {
      // never followed: a redirect elsewhere would carry the forwarder secret along (fetch drops only its own credentials)
      response = await fetch(new URL('/v2/authentication/me', options.v2Url()), { headers, signal: lookupOptions.signal, redirect: 'error' });
    } catch (error) {
      slot?.end('done');
      throw error;
    }
    slot?.end(response.status === 401 ? 'failed' : 'done');
    if (response.status === 401 || response.status === 403) {
      cache.delete(id);
      return undefined;
    }
    if (response.status === 429) throw await throttledError(response);
    if (!response.ok) throw new Error(`GET /v2/authentication/me answered ${response.status}`);
    const entry: Cached = {
      user: (await response.json()) as CurrentUser,
      csrfToken: response.headers.get(CSRF_HEADER) ?? undefined,
      until: now + cacheMs,
      engineDate: dateOf(response.headers.get('date')),
      at: now,
    };
    if (cache.size > 10_000) cache.clear();
    cache.set(id, entry);
    return entry;
  }

  return {
    lookup,
    forget: (req) => void cache.delete(credentialId(req.get('cookie'), req.get('authorization'))),
    async fetchV2AsUser(req, path, init = {}) {
      const headers = new Headers(init.headers);
      const forged: string[] = [];
      headers.forEach((_value, name) => name.startsWith(FORWARDER_HEADER_PREFIX) && forged.push(name));
      for (const name of forged) headers.delete(name);
      if (!headers.has('accept')) headers.set('accept', 'application/json, application/problem+json');
      for (const name of ['cookie', 'authorization', CSRF_HEADER]) {
        const value = req.get(name);
        if (value) headers.set(name, value);
      }
      for (const [name, value] of Object.entries(clientHeaders(req, req.get('authorization')))) headers.set(name, value);
      return fetch(new URL(path, options.v2Url()), { method: init.method ?? 'GET', headers, body: init.body, redirect: 'error' });
    },
    require(app) {
      return (req: Request, res: Response, next: NextFunction) => {
        lookup(req).then(
          (found) => {
            if (!found) return sendProblem(res, 401, '未登录', '请先登录');
            if (!mayUseApp(found.user.authorizedComponents, app)) {
              return sendProblem(res, 403, '没有权限', `您的账号没有使用「${app.titleZh}」的权限`);
            }
            const cookieOnly = !req.get('authorization');
            if (cookieOnly && STATE_CHANGING.has(req.method) && (!found.csrfToken || req.get(CSRF_HEADER) !== found.csrfToken)) {
              return sendProblem(res, 403, 'CSRF 校验失败', `请求缺少有效的 ${CSRF_HEADER} 请求头，请刷新页面后重试`);
            }
            res.locals.user = found.user;
            next();
          },
          // a client gone before its credentials were sent: the API's error handler logs one line (api-problems.ts)
          (error: Error) => (error instanceof ClientAddressUnknownError ? next(error) : sendLookupFailure(res, error)),
        );
      };
    },
  };
}
