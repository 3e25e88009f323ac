/**
 * 首页's two top charts drawn on the server (web-monitor/server/overview-chart-svg.ts): SVG that fills its box, a
 * bar per figure, and process titles as text, never as markup, a long one cut with … inside the picture.
 */
import { describe, expect, it } from 'vitest';
import { overviewChartsSvg } from '../../../web-monitor/server/overview-chart-svg.js';
import type { ProcessFigures } from '../../../web-monitor/src/monitor-types.js';

function process(processId: string, titleZh: string, figures: { open: number; overdue: number; dueSoon: number; median: number | null; p90: number | null; n: number }): ProcessFigures {
  return {
    processId,
    titleZh,
    nationalItem: null,
    timeLimitZh: '15 个工作日',
    limitWorkingDays: 15,
    started: 0,
    completed: figures.n,
    notAccepted: 0,
    canceled: 0,
    open: figures.open,
    overdue: figures.overdue,
    dueSoon: figures.dueSoon,
    withIncident: 0,
    cycle: { n: figures.n, median: figures.median, p90: figures.p90 },
    onTime: { known: 0, onTime: 0, rate: null },
  };
}

const bars = (svg: string, color: string) => svg.match(new RegExp(`<path [^>]*fill="${color}"`, 'g'))?.length ?? 0;

describe('overviewChartsSvg', () => {
  it('should draw both charts as SVG filling their box, with a bar for each figure', () => {
    // given two processes with open and completed cases
    const processes = [process('a', '零星报销', { open: 5, overdue: 1, dueSoon: 2, median: 9, p90: 13, n: 4 }), process('b', '门诊慢特病', { open: 3, overdue: 0, dueSoon: 1, median: 4, p90: 6, n: 2 })];

    // when
    const { open, cycle } = overviewChartsSvg(processes);

    // then
    for (const svg of [open!, cycle!]) {
      expect(svg).toMatch(/^<svg width="100%" height="100%" [^>]*viewBox="0 0 624 \d+"/);
      expect(svg).toContain('零星报销');
      expect(svg).toContain('门诊慢特病');
    }
    // (normal, due soon and overdue stacked per process, a figure of 0 as a bar of no length; one more of each
    // colour is the legend's mark)
    expect(bars(open!, '#3b82c4')).toBe(3);
    expect(bars(open!, '#d98b1b')).toBe(3);
    expect(bars(open!, '#c0392b')).toBe(3);
    // (median and P90 per process, and the limit's thin bar)
    expect(bars(cycle!, '#3b82c4')).toBe(3);
    expect(bars(cycle!, '#8fb8de')).toBe(3);
    expect(cycle).toContain('工作日');
  });

  it('should write a title with < and & as text, not markup', () => {
    // given a process whose title holds markup
    const processes = [process('x', '<b>甲&乙</b>', { open: 2, overdue: 0, dueSoon: 0, median: 3, p90: 5, n: 1 })];

    // when
    const { open, cycle } = overviewChartsSvg(processes);

    // then
    for (const svg of [open!, cycle!]) {
      expect(svg).toContain('&lt;b&gt;甲&amp;乙&lt;/b&gt;');
      expect(svg).not.toContain('<b>');
      expect(svg).not.toMatch(/&(?!lt;|gt;|amp;|quot;|#)/);
    }
  });

  it('should cut a long title with … where the live chart does, inside the picture', () => {
    // given
    const title = '异地就医备案（退休异地安置、异地长期居住、常驻异地工作）';
    const processes = [process('x', title, { open: 2, overdue: 0, dueSoon: 0, median: 3, p90: 5, n: 1 })];

    // when
    const { open } = overviewChartsSvg(processes);

    // then the label ends at the grid's fixed left (232 less ECharts' 8 px margin), not past the picture's left edge
    expect(open).toContain(`${title.slice(0, 17)}…`);
    expect(open).not.toContain(title);
    expect(open).toMatch(new RegExp(`<text [^>]*transform="translate\\(224 [^>]*>${title.slice(0, 17)}…`));
  });

  it('should draw no chart when there is nothing to draw', () => {
    expect(overviewChartsSvg([process('a', '零星报销', { open: 0, overdue: 0, dueSoon: 0, median: null, p90: null, n: 0 })])).toEqual({ open: undefined, cycle: undefined });
  });
});
