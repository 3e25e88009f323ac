/**
 * The task list's server side (`/tasklist`): its front end, and its own API next to /v2 — the catalogue (with the
 * Chinese labels of case variables), working days of due dates, and saved views (SQLite file `tasklist.sqlite` in the data folder). Everything about tasks
 * and cases goes from the browser to /v2 with the user's own session.
 */
import { Router } from 'express';
import { join } from 'node:path';
import type { WebAppModule } from '../../web-shared/server/web-app-module.js';
import { WEB_APPS } from '../../web-shared/src/layout/web-apps.js';
import { loadOfficeCatalog } from '../../web-shared/server/office-catalog.js';
import { officeCalendar } from '../../web-shared/server/office-calendar.js';
import { loadVariableLabels } from '../../web-shared/server/variable-labels.js';
import type { TasklistCatalog } from '../src/tasklist-types.js';
import { savedViewsRouter } from './saved-views-router.js';
import { SavedViewsStore } from './saved-views-store.js';
import { workingDaysRouter } from './working-days-router.js';

export interface TasklistOptions {
  /** Folder for the task list's own SQLite file (the deployment's DATA_DIR). */
  dataDir: string;
}

export function tasklistWebApp(options: TasklistOptions): WebAppModule {
  const info = WEB_APPS.tasklist;
  const catalog = tasklistCatalog();
  const currentCalendar = officeCalendar();
  let store: SavedViewsStore | undefined;
  return {
    info,
    dir: 'web-tasklist',
    api(auth) {
      const router = Router();
      router.use(auth.require(info));
      router.get('/catalog', (_req, res) => {
        res.setHeader('Cache-Control', 'private, max-age=300');
        res.json(catalog);
      });
      router.use('/working-days', workingDaysRouter(currentCalendar));
      store = new SavedViewsStore(join(options.dataDir, 'tasklist.sqlite'));
      router.use('/views', savedViewsRouter(store));
      return router;
    },
    close() {
      store?.close();
      store = undefined;
    },
  };
}

// helpers

/** What the task list's pages need of the catalogue (its time limits in words). */
function tasklistCatalog(): TasklistCatalog {
  const catalog = loadOfficeCatalog();
  const { processes, groups } = catalog;
  return {
    processes: processes.map(({ timeLimit, ...process }) => ({
      ...process,
      timed: !timeLimit.immediate && [timeLimit.workingDays, timeLimit.calendarDays, timeLimit.months].some((figure) => figure !== undefined),
    })),
    groups,
    variableLabels: loadVariableLabels(catalog),
  };
}
