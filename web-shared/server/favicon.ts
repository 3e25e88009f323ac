/**
 * The web apps' one icon (web-shared/src/favicon.svg), linked by every app's page as `<path>/favicon.svg` and
 * also answered at `/favicon.ico`, where a browser looks when a page names none (a bookmark, the app switcher's
 * JSON opened in a tab). Read once; a day's caching, since it is not content-hashed.
 */
import type { RequestHandler } from 'express';
import { readFileSync } from 'node:fs';

const ICON = readFileSync(new URL('../src/favicon.svg', import.meta.url));

export const sendFavicon: RequestHandler = (_req, res) => {
  res.setHeader('Content-Type', 'image/svg+xml');
  res.setHeader('Cache-Control', 'public, max-age=86400');
  res.send(ICON);
};
