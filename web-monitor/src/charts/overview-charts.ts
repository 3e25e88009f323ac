/**
 * The options of 首页's two top charts (open cases and cycle time per process), pure functions of the overview's
 * figures: the page draws them with ECharts in the browser, and the server draws the same options into 首页's HTML
 * (web-monitor/server/overview-chart-svg.ts), so the first screen shows what the live chart will. No DOM here.
 */
import type { ProcessFigures } from '../monitor-types.js';
import { t } from '../texts.js';

type EChartsOption = Record<string, unknown>;

/** A chart's option and the height of its box in CSS pixels (its width is its column's). */
export interface SizedOption {
  option: EChartsOption;
  height: number;
}

const CHART_FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/**
 * Every chart's font, no animation, and a tooltip drawn by ECharts itself on the chart (`richText`) rather than as
 * an HTML box: the HTML tooltip reads the chart box's computed style as each chart is drawn, which forces the
 * page's styles to be recalculated once per chart on the first screen.
 */
export function withDefaults(option: EChartsOption): EChartsOption {
  const tooltip = option.tooltip === undefined ? {} : { tooltip: { renderMode: 'richText', ...(option.tooltip as object) } };
  return { textStyle: { fontFamily: CHART_FONT }, animation: false, ...option, ...tooltip };
}

/** Long process titles shortened for chart axes (the tables carry them whole). */
export function short(text: string, max = 12): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Open cases per process, stacked normal / due soon / overdue; undefined when no process has an open case. */
export function openChartOption(processes: ProcessFigures[]): SizedOption | undefined {
  const rows = processes.filter((p) => p.open > 0).sort((a, b) => a.open - b.open);
  if (rows.length === 0) return undefined;
  return {
    height: Math.max(160, rows.length * 26 + 50),
    option: {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: [t.overview.normal, t.kpi.dueSoon, t.kpi.overdue], top: 0 },
      grid: { left: 8, right: 16, top: 28, bottom: 8 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((p) => short(p.titleZh)) },
      series: [
        { name: t.overview.normal, type: 'bar', stack: 'open', color: '#3b82c4', data: rows.map((p) => p.open - p.overdue - p.dueSoon) },
        { name: t.kpi.dueSoon, type: 'bar', stack: 'open', color: '#d98b1b', data: rows.map((p) => p.dueSoon) },
        { name: t.kpi.overdue, type: 'bar', stack: 'open', color: '#c0392b', data: rows.map((p) => p.overdue) },
      ],
    },
  };
}

/** Cycle time median and P90 per process against its limit; undefined when no case completed in the period. */
export function cycleChartOption(processes: ProcessFigures[]): SizedOption | undefined {
  const rows = processes.filter((p) => p.cycle.n > 0).sort((a, b) => (a.cycle.p90 ?? 0) - (b.cycle.p90 ?? 0));
  if (rows.length === 0) return undefined;
  return {
    height: Math.max(160, rows.length * 30 + 50),
    option: {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: [t.overview.median, t.overview.p90, t.overview.legendLimit], top: 0 },
      // (the axis name under the axis: at its end it was cut off at the chart's right edge)
      grid: { left: 8, right: 16, top: 28, bottom: 24 },
      xAxis: { type: 'value', name: '工作日', nameLocation: 'middle', nameGap: 24, minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((p) => short(p.titleZh)) },
      // the bars overlap (barGap -100%): the median (never longer) is drawn over P90 (z), not hidden behind it
      series: [
        { name: t.overview.median, type: 'bar', color: '#3b82c4', z: 3, data: rows.map((p) => p.cycle.median) },
        { name: t.overview.p90, type: 'bar', color: '#8fb8de', data: rows.map((p) => p.cycle.p90) },
        {
          name: t.overview.legendLimit,
          type: 'bar',
          color: '#c0392b',
          z: 4,
          barWidth: 3,
          barGap: '-100%',
          data: rows.map((p) => p.limitWorkingDays),
        },
      ],
    },
  };
}
