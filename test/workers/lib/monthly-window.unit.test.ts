import { describe, expect, it } from 'vitest';
import { loadWorkerParameters } from '../../../workers/runtime/worker-parameters.js';
import { computeMonthlyWindow } from '../../../workers/compute-monthly-window.js';
import { InvalidInputError } from '../../../workers/lib/errors.js';
import { nextMonthlyWindow } from '../../../workers/lib/monthly-window.js';

const REVIEW = { firstDay: 1, lastDay: 20 }; // FC18/22 每月1-20日审核
const HAND_OVER = { firstDay: 20, lastDay: 30 }; // FC18/22 每月20-30日递交医疗保险财务
const MONTH_END = { firstDay: 31, lastDay: 31 }; // FC16 月末与银行进行核对

describe('nextMonthlyWindow', () => {
  it.each([
    ['2026-03-02', REVIEW, true, '2026-03-02', '2026-03-20', 'inside the review window'],
    ['2026-03-20', REVIEW, true, '2026-03-20', '2026-03-20', 'the last review day is inside'],
    ['2026-03-21', REVIEW, false, '2026-04-01', '2026-04-20', 'after the 20th: next month'],
    ['2026-12-25', REVIEW, false, '2027-01-01', '2027-01-20', 'December: next year'],
    ['2026-03-02', HAND_OVER, false, '2026-03-20', '2026-03-30', 'before the 20th: this month'],
    ['2026-03-20', HAND_OVER, true, '2026-03-20', '2026-03-30', 'the 20th belongs to both windows'],
    ['2026-03-31', HAND_OVER, false, '2026-04-20', '2026-04-30', 'the 31st is after the hand-over window'],
    ['2026-02-10', HAND_OVER, false, '2026-02-20', '2026-02-28', 'February: 30 means the 28th'],
    ['2028-02-29', HAND_OVER, true, '2028-02-29', '2028-02-29', 'leap February: the 29th is its last day'],
    ['2026-03-02', MONTH_END, false, '2026-03-31', '2026-03-31', 'month end'],
    ['2026-04-30', MONTH_END, true, '2026-04-30', '2026-04-30', 'a 30-day month ends on the 30th'],
    ['2026-01-31', MONTH_END, true, '2026-01-31', '2026-01-31', 'January 31st is month end'],
  ])('%s in %o → inWindow %s, %s…%s (%s)', (date, spec, inWindow, startDate, endDate) => {
    expect(nextMonthlyWindow(date, spec)).toEqual({ inWindow, startDate, endDate });
  });

  it('should refuse a window that ends before it starts or lies outside a month', () => {
    expect(() => nextMonthlyWindow('2026-03-02', { firstDay: 20, lastDay: 1 })).toThrow(InvalidInputError);
    expect(() => nextMonthlyWindow('2026-03-02', { firstDay: 0, lastDay: 20 })).toThrow(InvalidInputError);
    expect(() => nextMonthlyWindow('2026-03-02', { firstDay: 1, lastDay: 32 })).toThrow(InvalidInputError);
  });
});

describe('compute-monthly-window worker', () => {
  const job = { jobKey: '1', processInstanceKey: '2', elementId: 'w', retries: 3, customHeaders: {}, parameters: loadWorkerParameters(), log() {} };

  it('should read an instant in office time and give the timer instants', async () => {
    // 2026-03-20T17:00Z is 2026-03-21 01:00 in Xining: after the review window
    const outcome = await computeMonthlyWindow.handler({ referenceAt: '2026-03-20T17:00:00Z', windowFirstDay: 1, windowLastDay: 20 }, job);
    expect(outcome).toEqual({
      kind: 'complete',
      variables: {
        inWindow: false,
        windowStartDate: '2026-04-01',
        windowEndDate: '2026-04-20',
        windowOpensAt: '2026-04-01T09:00:00+08:00',
        windowClosesAt: '2026-04-20T23:59:59+08:00',
      },
    });
  });

  it('should reject a window whose last day is before its first', () => {
    const parsed = computeMonthlyWindow.input.safeParse({ referenceAt: '2026-03-02', windowFirstDay: 20, windowLastDay: 1 });
    expect(parsed.success).toBe(false);
  });
});
