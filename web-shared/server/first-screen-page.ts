/**
 * Serves an app's index.html with its first screen inside (web-app-module.ts, `firstScreen`): for a page the app's
 * hook covers and a request whose credentials belong to a user allowed to use the app — the same check as the app's
 * API routes (`auth.require`) — the session check's answer and the hook's data go into a
 * `<script type="application/json">` (not run, so the CSP's `script-src 'self'` allows it). Anyone else (no cookie, an expired session, no permission, the engine unreachable)
 * gets the plain file. A page with data is the user's own: never stored by a cache.
 */
import type { Request, Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mayUseApp } from '../src/layout/web-apps.js';
import { FIRST_SCREEN_ID, type InlinedFirstScreen } from '../src/first-screen.js';
import { engineNowOf, type CurrentUserAuth } from './current-user.js';
import type { WebAppModule } from './web-app-module.js';

/**
 * How long the page waits for the login check (/me) before it is sent without its first screen: the page's own
 * session check then says in Chinese what is wrong, instead of a blank page held for minutes by a cluster that
 * accepts connections and does not answer.
 */
const LOOKUP_TIMEOUT_MS = 2_000;

/** Reasons the first screen was left out, logged once each: a broken hook would otherwise slow every load unseen. */
const loggedFailures = new Set<string>();

/** Answers with the page; false when the hook does not cover it (the caller sends the plain file). */
export async function sendFirstScreenPage(req: Request, res: Response, module: WebAppModule, auth: CurrentUserAuth, dist: string): Promise<boolean> {
  const hook = module.firstScreen;
  // (HEAD: a link checker or a proxy's probe; nobody reads the figures)
  if (req.method !== 'GET' || !hook?.covers(req.path)) return false;
  let inlined: InlinedFirstScreen | undefined;
  try {
    const found = await auth.lookup(req, { sessionOnly: true, signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS) });
    if (found && mayUseApp(found.user.authorizedComponents, module.info)) {
      const now = engineNowOf(found);
      inlined = { session: { user: found.user, csrfToken: found.csrfToken, now: now.toISOString() }, app: await hook.data(found.user, now) };
    }
  } catch (error) {
    // the page's own session check says what is wrong, in Chinese; the log gets the reason (no user data in it)
    const reason = `${module.info.id}: the first screen was left out of the page: ${error instanceof Error ? error.message : String(error)}`;
    if (!loggedFailures.has(reason) && loggedFailures.size < 100) {
      loggedFailures.add(reason);
      console.error(reason);
    }
    inlined = undefined;
  }
  if (!inlined) return false;
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const block = `<script type="application/json" id="${FIRST_SCREEN_ID}">${jsonForHtml(inlined)}</script>`;
  res.setHeader('Cache-Control', 'private, no-store');
  res.type('html').send(withFirstScreen(html, [block]));
  return true;
}

/**
 * index.html with `lines` at the end of its head. Inserted by position, not with `String.replace`'s replacement
 * string, which reads `$'`, `` $` `` and `$$` in the data (a task name, a display name) as patterns.
 */
export function withFirstScreen(html: string, lines: readonly string[]): string {
  const at = html.indexOf('</head>');
  if (at < 0) throw new Error('index.html has no </head>');
  return `${html.slice(0, at)}${lines.join('\n    ')}\n  ${html.slice(at)}`;
}

/**
 * JSON that cannot end the `<script>` element or open a comment in it: `<`, `>` and `&` written as JSON escapes
 * (U+2028 and U+2029 too, which old parsers took for line ends); JSON.parse reads the same value.
 */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
