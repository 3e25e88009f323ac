/**
 * The first screen's requests, started before the rest of the bundle is evaluated (main.tsx imports this module
 * first; evaluating the whole bundle takes a while on a busy PC): the session check, the catalogue that
 * monitor-api.ts asks for as it is evaluated, and on 首页 its figures (once the session check has answered) and the
 * chart library, which then downloads and compiles while the server counts the figures (not when the page came with
 * its figures and top charts drawn).
 */
import { checkSessionEarly } from '../../web-shared/src/auth/session-check.js';
import { preloadCharts } from './charts/chart.js';
import { askOverviewEarly } from './monitor-api.js';
import { parseRoute } from './router.js';
import { storedPeriod } from './views/period-picker.js';

const signedIn = checkSessionEarly().user;
if (parseRoute(location.pathname, location.search).page === 'overview') {
  // (charts the page came with drawn need the library only when they go live, after the first screen: evaluated
  // now, its half a megabyte would hold up the first screen's frame)
  if (!askOverviewEarly(storedPeriod(), signedIn).drawn) preloadCharts();
}
