/**
 * Mounts web apps on an express app (the engine's, through `startEngineServer({ extend })`, or the stand-alone
 * web server of `npm run web`): per app its built front end at `<path>/` (index.html for every page path, so
 * links into the app work; hashed assets cached for a year), its API at `<path>/api` (its errors answered by api-problems.ts), people's display names at
 * `<path>/api/people` (people-names.ts), a first screen inside the HTML where the app has one (first-screen-page.ts), the shared icon at `<path>/favicon.svg`, security headers; plus `GET /` →
 * the first app, `GET /favicon.ico` (the same icon) and `GET /web-apps.json` (the mounted apps, for the app
 * switcher).
 */
import express, { Router, type Express, type Request } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_HEADER } from '../src/api/new-build.js';
import { MOUNTED_APPS_PATH } from '../src/layout/web-apps.js';
import type { Camunda8 } from '@camunda8/sdk';
import { apiProblems } from './api-problems.js';
import { currentUserAuth, type CurrentUserOptions } from './current-user.js';
import { sendFavicon } from './favicon.js';
import { sendFirstScreenPage } from './first-screen-page.js';
import { peopleNames, sdkUserDirectory, type PeopleNames } from './people-names.js';
import { sendProblem } from './problem.js';
import { securityHeaders } from './security-headers.js';
import type { WebAppModule, WebAppServices } from './web-app-module.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface MountedWebApps {
  /** Forget the cached login of a request's credentials (call it where a logout passes). */
  forget(req: Request): void;
  /** Hands the apps their service account (see {@link WebAppModule.start}). */
  start(services: WebAppServices): void;
  /**
   * Hands the session layer the account it reads people's display names with (USER READ, nothing else; see
   * people-names.ts). Until then, and where it may not read users, the apps show usernames.
   */
  readNamesAs(camunda: Camunda8): void;
  /** Stops the apps' background work (see {@link WebAppModule.stop}); their routes still answer. */
  stop(): Promise<void>;
  /** Closes the apps' files (stopping their background work first where {@link stop} has not run): no route of theirs may run after it. */
  close(): Promise<void>;
}

export function mountWebApps(app: Express, modules: readonly WebAppModule[], options: CurrentUserOptions): MountedWebApps {
  const auth = currentUserAuth(options);
  const names = peopleNames();
  const headers = securityHeaders();
  for (const module of modules) {
    app.use(module.info.path, headers, appRouter(module, auth, names));
  }
  app.get('/favicon.ico', headers, sendFavicon);
  app.get(MOUNTED_APPS_PATH, headers, (_req, res) => {
    res.json(modules.map((module) => module.info.id));
  });
  const first = modules[0];
  if (first) app.get('/', (_req, res) => res.redirect(302, `${first.info.path}/`));
  return {
    forget: (req) => auth.forget(req),
    start(services) {
      for (const module of modules) module.start?.(services);
    },
    readNamesAs: (camunda) => names.connect(sdkUserDirectory(camunda)),
    async stop() {
      for (const module of modules) await module.stop?.();
    },
    async close() {
      for (const module of modules) await module.close?.();
    },
  };
}

// helpers

function appRouter(module: WebAppModule, auth: ReturnType<typeof currentUserAuth>, names: PeopleNames): Router {
  const router = Router();
  const dist = join(resolve(ROOT, module.dir), 'dist');
  router.use('/assets', express.static(join(dist, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  // every other answer of the app (its API, its page) names the build it serves: a tab on an older bundle notices the upgrade (new-build.ts)
  router.use((_req, res, next) => {
    const build = servedBuild(dist);
    if (build) res.setHeader(BUILD_HEADER, build);
    next();
  });
  router.use('/api/people', names.router(auth.require(module.info)));
  if (module.api) router.use('/api', module.api(auth));
  router.use('/api', (_req, res) => sendProblem(res, 404, '未找到', '没有这个接口'));
  router.use('/api', apiProblems);
  router.get('/favicon.svg', sendFavicon);
  router.get(['/', '/{*page}'], async (req, res) => {
    const index = join(dist, 'index.html');
    if (!existsSync(index)) return sendProblem(res, 503, '前端尚未构建', '请运行 npm run build:web（npm start 会自动构建）');
    if (await sendFirstScreenPage(req, res, module, auth, dist)) return;
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}

/**
 * The build in `dist` (its stamp, build-web-app.ts), read per request: `npm run build:web` swaps a new build in
 * under a running server, and the page it then serves is the new one. Undefined while none is built.
 */
function servedBuild(dist: string): string | undefined {
  try {
    return readFileSync(join(dist, '.build-stamp'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
