/**
 * The monitor's periods: 本周 starts on Monday (the office's week), whatever the weekday today is and whatever the
 * host's time zone.
 */
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../web-monitor/server/overview.js';

describe('periodOf', () => {
  it('should start this week on its Monday, from a Monday, a Saturday and a Sunday', () => {
    expect(periodOf('week', '2026-11-30')).toEqual({ kind: 'week', from: '2026-11-30', to: '2026-11-30' });
    expect(periodOf('week', '2026-12-05')).toEqual({ kind: 'week', from: '2026-11-30', to: '2026-12-05' });
    expect(periodOf('week', '2026-12-06')).toEqual({ kind: 'week', from: '2026-11-30', to: '2026-12-06' });
  });

  it('should cross a month and a year boundary back to the Monday', () => {
    expect(periodOf('week', '2027-01-01')).toEqual({ kind: 'week', from: '2026-12-28', to: '2027-01-01' });
  });

  it('should give today, this month, and a chosen range in order', () => {
    expect(periodOf('today', '2026-12-05')).toEqual({ kind: 'today', from: '2026-12-05', to: '2026-12-05' });
    expect(periodOf('month', '2026-12-05')).toEqual({ kind: 'month', from: '2026-12-01', to: '2026-12-05' });
    expect(periodOf('custom', '2026-12-05', '2026-12-03', '2026-11-01')).toEqual({ kind: 'custom', from: '2026-11-01', to: '2026-12-03' });
  });
});
