/**
 * 首页's two top charts drawn on the server as SVG for the first screen (monitor-first-screen.ts): ECharts' own
 * server-side rendering of the options the page would draw (charts/overview-charts.ts), with the page's ECharts
 * parts (charts/echarts-setup.ts). The page shows the SVG at once and turns it into the live chart later
 * (charts/chart.tsx), so the first screen does not wait for the library to draw in the browser. ECharts escapes
 * texts (process titles) in the SVG it writes.
 */
import { init } from '../src/charts/echarts-setup.js';
import { cycleChartOption, openChartOption, withDefaults, type SizedOption } from '../src/charts/overview-charts.js';
import type { OverviewChartsSvg, ProcessFigures } from '../src/monitor-types.js';

/**
 * The width a top chart has at 1366×768 (half the content column, less its panel's padding). The SVG scales with
 * its box (viewBox), so another width shows the same picture a little larger or smaller until the chart goes live.
 */
const NOMINAL_WIDTH = 624;

/**
 * Each chart's last picture by its option: drawing one takes 5–15 ms of the engine's thread, and the figures change
 * less often than 首页 is opened (every page of the same figures shows the same picture).
 */
const last = { open: { key: '', svg: '' }, cycle: { key: '', svg: '' } };

function svgOf(which: keyof typeof last, sized: SizedOption | undefined): string | undefined {
  if (!sized) return undefined;
  const key = JSON.stringify(sized);
  if (last[which].key === key) return last[which].svg;
  // (no tooltip: it draws nothing until pointed at, which the live chart does)
  const option = withDefaults(sized.option);
  delete option.tooltip;
  const chart = init(null as unknown as HTMLElement, undefined, { renderer: 'svg', ssr: true, width: NOMINAL_WIDTH, height: sized.height });
  try {
    chart.setOption(option, true);
    // (viewBox and 100 %: the picture fills its box whatever that box's width)
    const svg = chart.renderToSVGString({ useViewBox: true }).replace(/^<svg width="\d+" height="\d+"/, '<svg width="100%" height="100%"');
    last[which] = { key, svg };
    return svg;
  } finally {
    chart.dispose();
  }
}

export function overviewChartsSvg(processes: ProcessFigures[]): OverviewChartsSvg {
  return { open: svgOf('open', openChartOption(processes)), cycle: svgOf('cycle', cycleChartOption(processes)) };
}
