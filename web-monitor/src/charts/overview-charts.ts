/**
 * The options of 首页's charts (open cases and cycle time per process, the steps where cases wait), pure functions
 * of the overview's figures: the page draws them with ECharts in the browser, and the server draws the two top ones
 * into 首页's HTML (web-monitor/server/overview-chart-svg.ts), so the first screen shows what the live chart will.
 * No DOM here.
 */
import type { Overview, ProcessFigures } from '../monitor-types.js';
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

/** Characters in a line of a category's label: the axes' 12 px characters, so that a line fits `LABEL_WIDTH`. */
const LINE_CHARS = 18;
const LABEL_WIDTH = LINE_CHARS * 12;

/** A long name shortened for a chart's axis, with … (the tooltip, the aria text and the tables carry it whole). */
function short(text: string, max = LINE_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A category axis of whole names (the tooltip's), each label a line of `LINE_CHARS` per line of its name. The labels
 * have a width of their own, left of a grid that starts after them (`gridBesideLabels`): the server, which cannot
 * measure text as the browser does, lays the picture out as the live chart will, and no label runs off the chart's
 * left edge (ECharts' own fitting shrank the grid by the server's estimate of the labels' width, too small for the
 * browser's font).
 */
function categoryAxis(names: string[]): Record<string, unknown> {
  // (a second line, the step's process, in grey; ECharts' rich-text marks taken out of the names)
  const label = (name: string) => name.split('\n').map((line, index) => `{${index === 0 ? 'first' : 'second'}|${short(line.replace(/[{}|]/g, ' '))}}`).join('\n');
  return {
    type: 'category',
    data: names,
    axisLabel: { width: LABEL_WIDTH, overflow: 'none', formatter: label, rich: { first: { lineHeight: 16 }, second: { lineHeight: 16, color: '#777' } } },
  };
}

/** The grid right of the category labels, its value axis's labels (and name) within `bottom`. */
function gridBesideLabels(top: number, bottom: number): Record<string, unknown> {
  return { left: LABEL_WIDTH + 16, right: 16, top, bottom, outerBoundsMode: 'none' };
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
      grid: gridBesideLabels(28, 24),
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: categoryAxis(rows.map((p) => p.titleZh)),
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
      grid: gridBesideLabels(28, 44),
      xAxis: { type: 'value', name: '工作日', nameLocation: 'middle', nameGap: 24, minInterval: 1 },
      yAxis: categoryAxis(rows.map((p) => p.titleZh)),
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

type WaitingStep = Overview['waitingSteps'][number];

/**
 * The twelve steps with the most waiting tasks, the most at the top, each labelled by the step's name over its
 * process's title (many processes have a 初审); undefined when no task waits. `aria`: the chart as a screen reader
 * reads it, every name whole.
 */
export function stepsChartOption(steps: WaitingStep[], processTitle: (processId: string) => string): (SizedOption & { aria: string }) | undefined {
  const rows = steps.slice(0, 12).reverse();
  if (rows.length === 0) return undefined;
  const names = rows.map((step) => `${step.name}\n${processTitle(step.processId)}`);
  return {
    height: rows.length * 38 + 40,
    aria: `${t.overview.waitingSteps}：${[...rows]
      .reverse()
      .map((step) => t.overview.stepWaiting(processTitle(step.processId), step.name, step.n))
      .join('；')}`,
    option: {
      // (a step's whole name may be a paragraph of the flowchart: the tooltip wraps it)
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (items: { name: string; value: number }[]) => `${wrap(items[0]!.name)}\n${t.overview.waitingTasks}：${items[0]!.value}` },
      grid: gridBesideLabels(8, 24),
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: categoryAxis(names),
      series: [{ type: 'bar', color: '#3b82c4', barMaxWidth: 24, data: rows.map((step) => step.n) }],
    },
  };
}

/** Each line of a text in lines of at most 24 characters. */
function wrap(text: string): string {
  return text
    .split('\n')
    .map((line) => line.match(/.{1,24}/gu)?.join('\n') ?? line)
    .join('\n');
}
