/**
 * Due states of the task list: remaining working days from the engine's "now" with the project's calendar
 * (调休 included): 2026-03-02 is a Monday; FC20's deadline 15 working days after it is 2026-03-23.
 */
import { describe, expect, it } from 'vitest';
import { NO_HOLIDAY_OVERRIDES } from '../../../workers/lib/holiday-overrides.js';
import { HOLIDAY_DATA_YEARS } from '../../../workers/lib/working-day-calendar.js';
import { dueInfo } from '../../../web-shared/server/working-days-router.js';

const NOW = '2026-03-02T09:00:00+08:00';

describe('working days of due dates', () => {
  it('should count the working days left until each due date', () => {
    // when
    const info = dueInfo(NOW, ['2026-03-23T23:59:59+08:00', '2026-03-03T23:59:59+08:00', '2026-03-02'], NO_HOLIDAY_OVERRIDES);

    // then
    expect(info.today).toBe('2026-03-02');
    expect(info.dueSoonUntil).toBe('2026-03-04T23:59:59+08:00');
    expect(info.results['2026-03-23T23:59:59+08:00']).toEqual({ date: '2026-03-23', remainingWorkingDays: 15, state: 'normal', provisional: false });
    expect(info.results['2026-03-03T23:59:59+08:00']).toEqual({ date: '2026-03-03', remainingWorkingDays: 1, state: 'dueSoon', provisional: false });
    expect(info.results['2026-03-02']).toEqual({ date: '2026-03-02', remainingWorkingDays: 0, state: 'dueSoon', provisional: false });
  });

  it('should call a passed due date overdue by working days, skipping the weekend', () => {
    // when a deadline of Friday 2026-03-06 is read on Tuesday 2026-03-10
    const info = dueInfo('2026-03-10T10:00:00+08:00', ['2026-03-06T23:59:59+08:00'], NO_HOLIDAY_OVERRIDES);

    // then
    expect(info.results['2026-03-06T23:59:59+08:00']).toEqual({ date: '2026-03-06', remainingWorkingDays: -2, state: 'overdue', provisional: false });
  });

  it('should mark a count that crosses a year without a published schedule as provisional', () => {
    const next = HOLIDAY_DATA_YEARS.at(-1)! + 1;
    const info = dueInfo(`${next - 1}-12-28T09:00:00+08:00`, [`${next}-01-20T23:59:59+08:00`], NO_HOLIDAY_OVERRIDES);
    expect(info.results[`${next}-01-20T23:59:59+08:00`]!.provisional).toBe(true);
  });

  it('should count a 调休 Saturday as a working day', () => {
    // 2026-02-28 (Sat) is a make-up working day after 春节: Friday 2026-02-27 → Monday 2026-03-02 is 2 working days
    const info = dueInfo('2026-02-27T09:00:00+08:00', ['2026-03-02T23:59:59+08:00'], NO_HOLIDAY_OVERRIDES);
    expect(info.results['2026-03-02T23:59:59+08:00']!.remainingWorkingDays).toBe(2);
  });
});
