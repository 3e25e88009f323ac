import { describe, expect, it } from 'vitest';
import { buildHolidaySchedule } from '../../../workers/lib/holiday-schedule.js';
import { computeStatutoryDeadline, type DeadlineBasis } from '../../../workers/lib/statutory-deadline.js';
import { SAMPLE_2027 } from '../../support/sample-holiday-year.js';

const NATIONAL = { closures: [], extraWorkingDays: [] };
const WITH_2027 = { ...NATIONAL, schedule: buildHolidaySchedule([SAMPLE_2027]) };
const basis = (partial: Partial<DeadlineBasis>): DeadlineBasis => ({ startDate: '2026-12-15', reminderWorkingDaysBefore: 2, extensionWorkingDays: [], ...partial });

describe('computeStatutoryDeadline', () => {
  it('should match the published-year vectors (2026-02-13 + 10 working days = 2026-03-05)', () => {
    // given / when
    const deadline = computeStatutoryDeadline(basis({ startDate: '2026-02-13', workingDays: 10 }), NATIONAL);
    // then
    expect(deadline).toMatchObject({ deadlineDate: '2026-03-05', dueDate: '2026-03-05T23:59:59+08:00', reminderDate: '2026-03-03T09:00:00+08:00', provisionalYears: [] });
  });

  it('should mark a deadline that reaches into 2027 as provisional until the 2027 notice is there', () => {
    // given a 20-working-day case accepted 2026-12-15
    const case20 = basis({ workingDays: 20 });
    // when
    const provisional = computeStatutoryDeadline(case20, NATIONAL);
    const official = computeStatutoryDeadline(case20, WITH_2027);
    // then 元旦 is one day on the provisional schedule, three in the sample notice: two working days later
    expect(provisional).toMatchObject({ deadlineDate: '2027-01-13', provisionalYears: [2027] });
    expect(official).toMatchObject({ deadlineDate: '2027-01-13', provisionalYears: [] });
  });

  it('should move a deadline when the notice adds bridge days the provisional schedule did not have', () => {
    // given a 15-working-day case accepted 2027-01-28 (春节 falls inside it)
    const case15 = basis({ startDate: '2027-01-28', workingDays: 15 });
    // when
    const provisional = computeStatutoryDeadline(case15, NATIONAL);
    const official = computeStatutoryDeadline(case15, WITH_2027);
    // then the provisional 春节 is 02-05..02-10 (with 补假); the sample gives 02-05..02-11 off but makes Saturdays
    // 01-30 and 02-20 working days: one working day earlier
    expect(provisional.deadlineDate).toBe('2027-02-24');
    expect(official.deadlineDate).toBe('2027-02-23');
  });

  it('should keep approved extensions when recomputing, with the reminder inside the extension', () => {
    // given a 15-working-day case extended by 5 working days
    const extended = basis({ startDate: '2026-03-02', workingDays: 15, extensionWorkingDays: [5] });
    // when
    const deadline = computeStatutoryDeadline(extended, NATIONAL);
    // then 15 working days after 03-02 is 03-23; 5 more is 03-30; reminder 2 before
    expect(deadline).toMatchObject({ originalDeadlineDate: '2026-03-23', deadlineDate: '2026-03-30', reminderDate: '2026-03-26T09:00:00+08:00' });
  });

  it('should move a 30-day calendar deadline ending on a provisional rest day', () => {
    // given FC18's 30日: 2027-01-06 + 30 = 2027-02-05 (除夕 on the provisional schedule)
    const deadline = computeStatutoryDeadline(basis({ startDate: '2027-01-06', calendarDays: 30 }), NATIONAL);
    // then the next working day after the provisional 春节 and its 补假
    expect(deadline).toMatchObject({ deadlineDate: '2027-02-11', provisionalYears: [2027] });
  });
});
