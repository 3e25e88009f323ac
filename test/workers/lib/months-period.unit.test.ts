import { describe, expect, it } from 'vitest';
import { loadWorkerParameters } from '../../../workers/runtime/worker-parameters.js';
import { checkMonthsPeriod } from '../../../workers/check-months-period.js';
import { monthsPeriod } from '../../../workers/lib/months-period.js';

describe('monthsPeriod', () => {
  it('should end three months later on the same day and count that day as within', () => {
    // 2026-01-20 + 3 months = 2026-04-20, a Monday
    expect(monthsPeriod('2026-01-20', 3, '2026-04-20')).toEqual({
      periodEndDate: '2026-04-20',
      deadlineDate: '2026-04-20',
      restDayRuleApplied: true,
      deadlineProvisional: false,
      elapsed: true,
      withinDeadline: true,
    });
    expect(monthsPeriod('2026-01-20', 3, '2026-04-21').withinDeadline).toBe(false);
    expect(monthsPeriod('2026-01-20', 3, '2026-04-19').elapsed).toBe(false);
  });

  it('should move a time limit ending in the Spring Festival to the next working day, not the completed months', () => {
    // 2025-11-15 + 3 months = 2026-02-15, first day of the 2026 Spring Festival (02-15..02-23)
    const period = monthsPeriod('2025-11-15', 3, '2026-02-24');
    expect(period).toMatchObject({ periodEndDate: '2026-02-15', deadlineDate: '2026-02-24', withinDeadline: true, elapsed: true });
    expect(monthsPeriod('2025-11-15', 3, '2026-02-25').withinDeadline).toBe(false);
  });

  it('should clamp to the last day of a shorter month (《民法典》第二百零二条)', () => {
    expect(monthsPeriod('2025-11-30', 3, '2026-02-27')).toMatchObject({ periodEndDate: '2026-02-28', elapsed: false });
  });

  it('should move the deadline on the provisional schedule where the year is not published, and say so', () => {
    // 2099-01-10 + 3 months = Friday 2099-04-10, a working day on the provisional schedule
    const period = monthsPeriod('2099-01-10', 3, '2099-04-10');
    expect(period).toMatchObject({ periodEndDate: '2099-04-10', deadlineDate: '2099-04-10', restDayRuleApplied: true, deadlineProvisional: true, withinDeadline: true });
    // 2027-02-06 (春节 初一 on the provisional schedule) moves to the next working day
    expect(monthsPeriod('2026-11-06', 3, '2027-02-06')).toMatchObject({ periodEndDate: '2027-02-06', deadlineProvisional: true });
    expect(monthsPeriod('2026-11-06', 3, '2027-02-06').deadlineDate > '2027-02-06').toBe(true);
  });

  it('should keep the unmoved day before the holiday data starts', () => {
    const period = monthsPeriod('2003-01-10', 3, '2003-04-10');
    expect(period).toMatchObject({ periodEndDate: '2003-04-10', deadlineDate: '2003-04-10', restDayRuleApplied: false, withinDeadline: true });
  });
});

describe('check-months-period worker', () => {
  const job = { jobKey: '1', processInstanceKey: '2', elementId: 'c', retries: 3, customHeaders: {}, parameters: loadWorkerParameters(), log() {} };

  it('should read the reference instant as an office date', async () => {
    // 2026-04-20T16:30Z is 2026-04-21 00:30 in Xining: one day too late
    const outcome = await checkMonthsPeriod.handler({ periodStartDate: '2026-01-20', periodMonths: 3, referenceAt: '2026-04-20T16:30:00Z', periodStartLabel: '生育日期' }, job);
    expect(outcome).toEqual({
      kind: 'complete',
      variables: {
        referenceDate: '2026-04-21',
        periodEndDate: '2026-04-20',
        periodDeadlineDate: '2026-04-20',
        periodDeadlineProvisional: false,
        periodElapsed: true,
        withinPeriod: false,
      },
    });
  });
});
