/**
 * The web modeler's server side (`/modeler`): its front end, and its own API next to /v2 — the project's files,
 * saving with lint and history, the lint context and element templates for the browser, and deployment through
 * /v2 with the analyst's own login (modeler-router.ts). The front end reaches the engine (and the Play sandbox)
 * only over HTTP.
 */
import { Router } from 'express';
import { existsSync } from 'node:fs';
import type { WebAppModule } from '../../web-shared/server/web-app-module.js';
import { WEB_APPS } from '../../web-shared/src/layout/web-apps.js';
import { openFileHistory } from './file-history.js';
import { readModelerConfig } from './modeler-config.js';
import { modelerRouter } from './modeler-router.js';
import { ProjectFiles } from './project-files.js';
import { ProjectStore } from './project-store.js';

export interface ModelerOptions {
  /** The folder edited (default MODELER_PROJECT_DIR, else this repository). */
  projectDir?: string;
  /** Lint the project in the background right away, so the first look is quick (npm start, npm run web). */
  warmUp?: boolean;
  /** Where each file's lint result outlives the process (lint-cache.ts); none: every start lints every file. */
  lintCacheFile?: string;
}

export function modelerWebApp(options: ModelerOptions = {}): WebAppModule {
  const info = WEB_APPS.modeler;
  const projectDir = options.projectDir ?? readModelerConfig().projectDir;
  if (!existsSync(projectDir)) throw new Error(`MODELER_PROJECT_DIR ${projectDir} does not exist`);
  const store = new ProjectStore(new ProjectFiles(projectDir), openFileHistory(projectDir), options.lintCacheFile);
  if (options.warmUp) store.index.lint().catch((error: Error) => console.error(`[modeler] project lint failed: ${error.message}`));
  return {
    info,
    dir: 'web-modeler',
    api(auth) {
      const router = Router();
      router.use(auth.require(info));
      router.use(modelerRouter(store, auth));
      return router;
    },
  };
}
