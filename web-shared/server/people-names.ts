/**
 * People's display names (刘芳 for `liu-fang`) for every logged-in user of an app: `GET <path>/api/people?u=…`
 * answers `{ names: { username: name } }` for at most {@link MAX_USERNAMES} usernames, every one of them (an unknown
 * username, or every username when no directory is connected, answers as itself). A clerk may not read
 * `/v2/users` (no USER READ), and should not: it holds e-mail addresses and lets one list everybody. So this layer
 * asks `/v2/users/search` with a service account of its own that may read users and nothing else, and hands on the
 * name alone — no e-mail, no roles, no groups, and only for usernames the caller already has (from a task or the
 * audit log). Answers are kept {@link CACHE_MS} per username, so a page of tasks costs the directory one search
 * a minute at most. A user may ask about at most {@link NAMES_PER_MINUTE} different usernames a minute (a page asks
 * a few dozen, once each): guessing usernames to find colleagues' names is slowed, not made impossible.
 */
import type { Camunda8 } from '@camunda8/sdk';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { userOf } from './current-user.js';
import { sendProblem } from './problem.js';

export const MAX_USERNAMES = 100;
export const NAMES_PER_MINUTE = 300;
const CACHE_MS = 60_000;
const MINUTE_MS = 60_000;

/** The users the directory knows among `usernames`, with their names (the answer of one /v2 search). */
export type UserDirectory = (usernames: string[]) => Promise<{ username: string; name?: string | null }[]>;

export interface PeopleNames {
  /** Connects the directory (the session layer's own service account); before that, usernames answer as themselves. */
  connect(directory: UserDirectory): void;
  /** Username → display name for each of `usernames` (the username where none is known). */
  namesOf(usernames: readonly string[]): Promise<Record<string, string>>;
  /** `GET /` of `<path>/api/people`, behind the app's login check. */
  router(requireLogin: RequestHandler): Router;
}

const querySchema = z.object({
  u: z
    .union([z.string(), z.array(z.string())], { error: '请用参数 u 指明要查询的用户名' })
    .transform((value) => [...new Set(Array.isArray(value) ? value : [value])])
    .pipe(
      z
        .array(z.string().min(1, '用户名不能为空').max(256, '用户名过长'))
        .min(1, '请用参数 u 指明要查询的用户名')
        .max(MAX_USERNAMES, `一次最多查询 ${MAX_USERNAMES} 个用户名`),
    ),
});

export function peopleNames(options: { log?: (line: string) => void; now?: () => number } = {}): PeopleNames {
  const log = options.log ?? ((line) => console.error(line));
  const now = options.now ?? Date.now;
  const cache = new Map<string, { name: string; until: number }>();
  let directory: UserDirectory | undefined;
  let failing = false;
  // per user: the different usernames asked about in the current minute, and whether its refusal was logged
  const asked = new Map<string, { until: number; usernames: Set<string>; said: boolean }>();

  /**
   * When `user` may ask again (the end of its minute) if `usernames` would take it over the limit (logged once a
   * minute, without the usernames); undefined when they are allowed.
   */
  function refusedUntil(user: string, usernames: readonly string[]): number | undefined {
    const at = now();
    if (asked.size > 10_000) for (const [key, window] of asked) if (window.until <= at) asked.delete(key);
    let window = asked.get(user);
    if (!window || window.until <= at) asked.set(user, (window = { until: at + MINUTE_MS, usernames: new Set(), said: false }));
    const fresh = usernames.filter((username) => !window.usernames.has(username));
    if (window.usernames.size + fresh.length > NAMES_PER_MINUTE) {
      if (!window.said) log(`[web] 人员姓名：用户 ${user} 一分钟内查询的用户名超过 ${NAMES_PER_MINUTE} 个，已拒绝`);
      window.said = true;
      return window.until;
    }
    for (const username of fresh) window.usernames.add(username);
    return undefined;
  }

  async function namesOf(usernames: readonly string[]): Promise<Record<string, string>> {
    const at = now();
    const missing = usernames.filter((username) => (cache.get(username)?.until ?? 0) <= at);
    if (missing.length > 0 && directory) {
      try {
        const found = new Map((await directory(missing)).map((user) => [user.username, user.name?.trim() || user.username]));
        if (cache.size > 10_000) cache.clear();
        for (const username of missing) cache.set(username, { name: found.get(username) ?? username, until: at + CACHE_MS });
        if (failing) log('[web] 人员姓名：用户目录已恢复');
        failing = false;
      } catch (error) {
        // the names fall back to the usernames; said once per outage, not per request
        if (!failing) log(`[web] 人员姓名：无法读取用户目录，暂显示用户名（${(error as Error).message}）`);
        failing = true;
      }
    }
    return Object.fromEntries(usernames.map((username) => [username, cache.get(username)?.name ?? username]));
  }

  return {
    connect(reader) {
      directory = reader;
      cache.clear();
    },
    namesOf,
    router(requireLogin) {
      const router = Router();
      router.get('/', requireLogin, (req, res) => {
        const parsed = querySchema.safeParse(req.query);
        if (!parsed.success) return sendProblem(res, 400, '请求无效', parsed.error.issues.map((issue) => issue.message).join('；'));
        const until = refusedUntil(userOf(res).username, parsed.data.u);
        if (until !== undefined) {
          res.setHeader('Retry-After', String(Math.max(1, Math.ceil((until - now()) / 1000))));
          return sendProblem(res, 429, '请求过于频繁', `查询人员姓名过于频繁，请稍后再试（每分钟最多 ${NAMES_PER_MINUTE} 个用户名）`);
        }
        namesOf(parsed.data.u).then(
          (names) => {
            // not kept by the browser past a logout: asked again each time (the names stay cached here)
            res.setHeader('Cache-Control', 'private, no-cache');
            res.json({ names });
          },
          (error: Error) => sendProblem(res, 500, '无法读取人员姓名', error.message),
        );
      });
      return router;
    },
  };
}

/** The directory over @camunda8/sdk: one `/v2/users/search` for the usernames, as the client's account. */
export function sdkUserDirectory(camunda: Camunda8): UserDirectory {
  const rest = camunda.getCamundaRestClient();
  return async (usernames) => {
    const answer = (await rest.callApiEndpoint<never, { items: { username: string; name?: string | null }[] }>({
      method: 'POST',
      urlPath: 'users/search',
      body: { filter: { username: { $in: usernames } }, page: { limit: usernames.length } } as never,
    })) as { items: { username: string; name?: string | null }[] };
    return answer.items.map(({ username, name }) => ({ username, name }));
  };
}
