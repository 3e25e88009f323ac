/**
 * The web apps this repository ships, in app-switcher order. `npm start` and `npm run web` mount these; a new
 * app adds its line here.
 */
import { join } from 'node:path';
import { modelerWebApp } from '../../web-modeler/server/modeler-web-app.js';
import { monitorWebApp } from '../../web-monitor/server/monitor-web-app.js';
import { tasklistWebApp } from '../../web-tasklist/server/tasklist-web-app.js';
import type { WebAppModule } from './web-app-module.js';

export interface WebAppsOptions {
  /** The deployment's data folder: each app keeps its own files there (never the engine's tables). */
  dataDir: string;
  /** The folder the modeler edits (default MODELER_PROJECT_DIR, else this repository). */
  modelerProjectDir?: string;
  /** Do the apps' slow first work (the modeler's project lint) in the background at once (npm start, npm run web). */
  warmUp?: boolean;
  /**
   * The engine's SESSION_MAX_HOURS where this server runs the engine (npm start): the task list's drafts live no
   * longer than a session (form-drafts.ts). Unset before a cluster, whose sessions this server does not know.
   */
  sessionMaxHours?: number;
}

export function webApps(options: WebAppsOptions): WebAppModule[] {
  return [
    tasklistWebApp({ dataDir: options.dataDir, sessionMaxHours: options.sessionMaxHours }),
    monitorWebApp({ dataDir: options.dataDir }),
    modelerWebApp({
      projectDir: options.modelerProjectDir,
      warmUp: options.warmUp,
      lintCacheFile: join(options.dataDir, 'modeler-lint-cache.json'),
    }),
  ];
}
