/**
 * 首页's chart options (web-monitor/src/charts/overview-charts.ts): long step names and process titles as labels of
 * at most 18 characters a line, cut with …, in a label column of fixed width (the server's picture and the live
 * chart lay them out alike); the whole names in the categories (the tooltip's) and the step chart's aria text.
 */
import { describe, expect, it } from 'vitest';
import { openChartOption, stepsChartOption } from '../../web-monitor/src/charts/overview-charts.js';
import type { ProcessFigures } from '../../web-monitor/src/monitor-types.js';

const LONG_STEP = '转出地医保经办机构收到《基本医疗保险关系转移接续申请表》和《基本医疗保险关系转移接续联系函》后开具';
const LONG_TITLE = '异地就医备案（退休异地安置、异地长期居住、常驻异地工作）';
const titles: Record<string, string> = { transfer: LONG_TITLE, fc20: '零星报销' };
const steps = [
  { processId: 'transfer', elementId: 'a', name: LONG_STEP, n: 5 },
  { processId: 'fc20', elementId: 'b', name: '初审', n: 2 },
];

type Axis = { data: string[]; axisLabel: { formatter: (name: string) => string; width: number } };

describe('stepsChartOption', () => {
  it('should label each step by its name over its process, each line cut to 18 characters with …', () => {
    // when
    const sized = stepsChartOption(steps, (id) => titles[id]!)!;

    // then (the most waiting at the top: last in the category axis)
    const axis = sized.option.yAxis as Axis;
    expect(axis.data).toEqual(['初审\n零星报销', `${LONG_STEP}\n${LONG_TITLE}`]);
    expect(axis.axisLabel.formatter(axis.data[0]!)).toBe('{first|初审}\n{second|零星报销}');
    expect(axis.axisLabel.formatter(axis.data[1]!)).toBe(`{first|${LONG_STEP.slice(0, 17)}…}\n{second|${LONG_TITLE.slice(0, 17)}…}`);
    // a label column of fixed width, the grid after it: nothing fitted by measuring text
    expect(axis.axisLabel.width).toBe(216);
    expect(sized.option.grid).toMatchObject({ left: 232, outerBoundsMode: 'none' });
    expect(sized.height).toBe(2 * 38 + 40);
  });

  it('should give the whole names in the aria text and the tooltip (wrapped)', () => {
    // when
    const sized = stepsChartOption(steps, (id) => titles[id]!)!;

    // then
    expect(sized.aria).toBe(`在办环节（待办任务数）：${LONG_TITLE}「${LONG_STEP}」5 件；零星报销「初审」2 件`);
    const tooltip = (sized.option.tooltip as { formatter: (items: { name: string; value: number }[]) => string }).formatter;
    const text = tooltip([{ name: `${LONG_STEP}\n${LONG_TITLE}`, value: 5 }]);
    expect(text.replace(/\n/g, '')).toBe(`${LONG_STEP}${LONG_TITLE}待办任务数：5`);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(24);
  });

  it('should take rich-text marks out of a name, and draw no chart when no task waits', () => {
    const axis = stepsChartOption([{ processId: 'x', elementId: 'c', name: '{审核|甲}', n: 1 }], () => '乙')!.option.yAxis as Axis;
    expect(axis.axisLabel.formatter(axis.data[0]!)).toBe('{first| 审核 甲 }\n{second|乙}');
    expect(stepsChartOption([], () => '')).toBeUndefined();
  });
});

describe('openChartOption', () => {
  it('should label each process by its whole title cut to 18 characters with …, in the same label column', () => {
    // when
    const sized = openChartOption([{ processId: 'transfer', titleZh: LONG_TITLE, open: 3, overdue: 1, dueSoon: 1 } as ProcessFigures])!;

    // then
    const axis = sized.option.yAxis as Axis;
    expect(axis.data).toEqual([LONG_TITLE]);
    expect(axis.axisLabel.formatter(LONG_TITLE)).toBe(`{first|${LONG_TITLE.slice(0, 17)}…}`);
    expect(sized.option.grid).toMatchObject({ left: 232, outerBoundsMode: 'none' });
  });
});
