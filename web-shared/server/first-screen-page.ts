/**
 * Serves an app's index.html with its first screen inside (web-app-module.ts, `firstScreen`): for a page the app's
 * hook covers and a request whose credentials belong to a user allowed to use the app — the same check as the app's
 * API routes (`auth.require`) — the session check's answer and the hook's data go into a
 * `<script type="application/json">` (not run, so the CSP's `script-src 'self'` allows it), and the chunks the page
 * loads at once are preloaded. Anyone else (no cookie, an expired session, no permission, the engine unreachable)
 * gets the plain file. A page with data is the user's own: never stored by a cache.
 */
import type { Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mayUseApp } from '../src/layout/web-apps.js';
import { FIRST_SCREEN_ID, type InlinedFirstScreen } from '../src/first-screen.js';
import { engineNowOf, type CurrentUserAuth } from './current-user.js';
import type { WebAppModule } from './web-app-module.js';

/** The build's list of lazily imported sources and their chunks (build-web-app.ts). */
export const CHUNKS_FILE = 'chunks.json';

/** Answers with the page; false when the hook does not cover it (the caller sends the plain file). */
export async function sendFirstScreenPage(req: Request, res: Response, module: WebAppModule, auth: CurrentUserAuth, dist: string): Promise<boolean> {
  const hook = module.firstScreen;
  if (!hook?.covers(req.path)) return false;
  let inlined: InlinedFirstScreen | undefined;
  try {
    const found = await auth.lookup(req);
    if (found && mayUseApp(found.user.authorizedComponents, module.info)) {
      const now = engineNowOf(found);
      inlined = { session: { user: found.user, csrfToken: found.csrfToken, now: now.toISOString() }, app: hook.data(found.user, now) };
    }
  } catch {
    // the page's own session check says what is wrong, in Chinese
    inlined = undefined;
  }
  if (!inlined) return false;
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const preloads = chunksOf(dist, hook.preload ?? []).map((file) => `<link rel="modulepreload" href="${module.info.path}/assets/${file}">`);
  const block = `<script type="application/json" id="${FIRST_SCREEN_ID}">${jsonForHtml(inlined)}</script>`;
  res.setHeader('Cache-Control', 'private, no-store');
  res.type('html').send(html.replace('</head>', `${[...preloads, block].join('\n    ')}\n  </head>`));
  return true;
}

/**
 * JSON that cannot end the `<script>` element or open a comment in it: `<`, `>` and `&` written as JSON escapes
 * (U+2028 and U+2029 too, which old parsers took for line ends); JSON.parse reads the same value.
 */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function chunksOf(dist: string, sources: readonly string[]): string[] {
  const file = join(dist, CHUNKS_FILE);
  if (sources.length === 0 || !existsSync(file)) return [];
  const chunks = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[]>;
  return [...new Set(sources.flatMap((source) => chunks[source] ?? []))];
}
