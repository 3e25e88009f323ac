/**
 * The web apps this repository ships, in app-switcher order. `npm start` and `npm run web` mount these; a new
 * app (monitor, modeler) adds its line here.
 */
import { tasklistWebApp } from '../../web-tasklist/server/tasklist-web-app.js';
import type { WebAppModule } from './web-app-module.js';

export interface WebAppsOptions {
  /** The deployment's data folder: each app keeps its own files there (never the engine's tables). */
  dataDir: string;
}

export function webApps(options: WebAppsOptions): WebAppModule[] {
  return [tasklistWebApp({ dataDir: options.dataDir })];
}
