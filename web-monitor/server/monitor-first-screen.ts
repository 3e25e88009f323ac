/**
 * 首页's first screen inside its HTML (web-shared/server/first-screen-page.ts): the catalogue and this month's
 * overview — what the page's first two requests would answer — for a manager the server has already let through
 * as the API routes do, counted at the engine's time of her session check. A tab whose stored period is another
 * one asks as before (period-picker.tsx). The two top charts come drawn (overview-chart-svg.ts); the page asks for
 * the chart library right after its first paint, not before (not preloaded: its half a megabyte, fetched and
 * evaluated beside the bundle, held the first screen up; docs/performance-notes.md, thirteenth session).
 */
import type { FirstScreenHook } from '../../web-shared/server/web-app-module.js';
import type { VariableLabels } from '../../web-shared/src/format/variable-labels.js';
import type { Freshness, MonitorFirstScreen, OverviewChartsSvg, ProcessFigures } from '../src/monitor-types.js';
import { monitorCatalog, todayOf } from './monitor-router.js';
import { overview, periodOf, type FigureSources } from './overview.js';

export interface MonitorFirstScreenSources {
  /** Undefined while the read model is not open (the page then asks, and shows why). */
  sources: () => FigureSources | undefined;
  catalog: Pick<FigureSources, 'catalog' | 'settings'>;
  variableLabels: () => VariableLabels;
  freshness: () => Freshness;
}

export function monitorFirstScreen(options: MonitorFirstScreenSources): FirstScreenHook {
  return {
    covers: (path) => path === '/' || path === '',
    async data(_user, now): Promise<MonitorFirstScreen> {
      const catalog = monitorCatalog(options.catalog, options.variableLabels);
      const sources = options.sources();
      if (!sources) return { catalog };
      const today = todayOf(now.toISOString());
      const figures = overview(sources, periodOf('month', today), today, options.freshness());
      return { catalog, overview: figures, charts: await drawnCharts(figures.processes) };
    },
  };
}

/**
 * The charts' drawing (ECharts), loaded once: when the monitor's feeder starts (monitor-web-app.ts: npm start loads it
 * while no page is asked for yet) or at the first 首页, whichever comes first — not with the server's modules:
 * ECharts takes about half a second to load, which every start of the web apps would pay before listening (every test
 * file that mounts them too, most without a feeder or a 首页).
 */
let chartDrawing: Promise<typeof import('./overview-chart-svg.js')> | undefined;
export function loadChartDrawing(): Promise<typeof import('./overview-chart-svg.js')> {
  return (chartDrawing ??= import('./overview-chart-svg.js'));
}

/** Reasons the charts were not drawn, logged once each (no figures in them). */
const loggedFailures = new Set<string>();

/**
 * The two top charts drawn, or none when the chart library fails on the server (an upgrade, figures it cannot
 * draw): the page then draws them itself, and the figures still come inside the page.
 */
async function drawnCharts(processes: ProcessFigures[]): Promise<OverviewChartsSvg | undefined> {
  try {
    const { overviewChartsSvg } = await loadChartDrawing();
    return overviewChartsSvg(processes);
  } catch (error) {
    const reason = `monitor: 首页's charts were not drawn on the server: ${error instanceof Error ? error.message : String(error)}`;
    if (!loggedFailures.has(reason) && loggedFailures.size < 100) {
      loggedFailures.add(reason);
      console.error(reason);
    }
    return undefined;
  }
}
