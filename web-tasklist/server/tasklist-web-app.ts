/**
 * The task list's server side (`/tasklist`): its front end, and its own API next to /v2 — the catalogue (with the
 * Chinese labels of case variables, re-read when config/variable-labels.json changes), working days of due dates, and saved views (SQLite file `tasklist.sqlite` in the data folder). Everything about tasks
 * and cases goes from the browser to /v2 with the user's own session.
 */
import { Router } from 'express';
import { join } from 'node:path';
import type { WebAppModule } from '../../web-shared/server/web-app-module.js';
import { WEB_APPS } from '../../web-shared/src/layout/web-apps.js';
import { limitRule, loadOfficeCatalog, type OfficeCatalog } from '../../web-shared/server/office-catalog.js';
import { officeCalendar } from '../../web-shared/server/office-calendar.js';
import { liveVariableLabels } from '../../web-shared/server/variable-labels.js';
import type { TasklistCatalog } from '../src/tasklist-types.js';
import { savedViewsRouter } from './saved-views-router.js';
import { SavedViewsStore } from './saved-views-store.js';
import { sendProblem, WEB_APP_STOPPING } from '../../web-shared/server/problem.js';
import { workingDaysRouter } from '../../web-shared/server/working-days-router.js';

export interface TasklistOptions {
  /** Folder for the task list's own SQLite file (the deployment's DATA_DIR). */
  dataDir: string;
  /** The engine's SESSION_MAX_HOURS, told to the page with the catalogue (its drafts live no longer); unknown: unsaid. */
  sessionMaxHours?: number;
}

export function tasklistWebApp(options: TasklistOptions): WebAppModule {
  const info = WEB_APPS.tasklist;
  const office = loadOfficeCatalog();
  const catalog = { ...tasklistCatalog(office), sessionMaxHours: options.sessionMaxHours };
  const variableLabels = liveVariableLabels(office);
  const currentCalendar = officeCalendar();
  let store: SavedViewsStore | undefined;
  return {
    info,
    dir: 'web-tasklist',
    api(auth) {
      const router = Router();
      router.use(auth.require(info));
      router.get('/catalog', (_req, res) => {
        // revalidated (ETag) on every page load: edited variable labels show on the next one
        res.setHeader('Cache-Control', 'private, no-cache');
        res.json({ ...catalog, variableLabels: variableLabels() } satisfies TasklistCatalog);
      });
      router.use('/working-days', workingDaysRouter(currentCalendar));
      store = new SavedViewsStore(join(options.dataDir, 'tasklist.sqlite'));
      // after close (a harness that closes the apps before its server stops): an answer she can retry, not a 500
      router.use('/views', (_req, res, next) => (store ? next() : sendProblem(res, 503, '服务正在停止', WEB_APP_STOPPING)), savedViewsRouter(store));
      return router;
    },
    close() {
      store?.close();
      store = undefined;
    },
  };
}

// helpers

/** What the task list's pages need of the catalogue (its time limits in words); the labels are added per request. */
function tasklistCatalog({ processes, groups }: OfficeCatalog): Omit<TasklistCatalog, 'variableLabels'> {
  return {
    processes: processes.map(({ timeLimit, ...process }) => ({
      ...process,
      limitRule: limitRule(timeLimit),
    })),
    groups,
  };
}
