/**
 * The deadline reminder's working days left and message, on the 2026 schedule (docs/domain/deadlines.md): counted after
 * today up to the due day, so compute-deadline's reminderDate (2 working days before) reads 剩余 2 个工作日.
 */
import { describe, expect, it } from 'vitest';
import { deadlineReminder } from '../../../workers/lib/deadline-reminder.js';
import { InvalidInputError } from '../../../workers/lib/errors.js';

/** 09:00 in Xining on the given office date. */
const at = (date: string) => new Date(`${date}T09:00:00+08:00`);

describe('deadlineReminder', () => {
  it('should count 2 working days left and name the task and case', () => {
    // given 2026-03-18 (Wed) → 03-19, 03-20
    const input = { dueDate: '2026-03-20T23:59:59+08:00', taskName: '复审', caseTitle: '在职转退休' };

    // when
    const reminder = deadlineReminder(input, at('2026-03-18'));

    // then
    expect(reminder).toEqual({
      messageZh: '「复审」（在职转退休）将于2026年3月20日到期，剩余 2 个工作日',
      dueDate: '2026-03-20T23:59:59+08:00',
      deadlineDate: '2026-03-20',
      workingDaysLeft: 2,
      remindedAt: '2026-03-18T01:00:00.000Z',
    });
  });

  it('should skip the Spring Festival and count the make-up Saturday (2026)', () => {
    // given 2026-02-13 (Fri) → 02-14 (make-up Sat), 02-15..23 off, 02-24, 02-25, 02-26
    const input = { deadlineDate: '2026-02-26' };

    // when
    const reminder = deadlineReminder(input, at('2026-02-13'));

    // then
    expect(reminder.workingDaysLeft).toBe(4);
    expect(reminder.dueDate).toBe('2026-02-26T23:59:59+08:00');
    expect(reminder.messageZh).toBe('办理时限将于2026年2月26日到期，剩余 4 个工作日');
  });

  it('should say due today, and overdue by working days after the deadline', () => {
    // given
    const input = { deadlineDate: '2026-04-30', taskName: '审核结算' };

    // when
    const today = deadlineReminder(input, at('2026-04-30'));
    const late = deadlineReminder(input, at('2026-05-08'));

    // then 05-01..05 off, 05-06, 05-07, 05-08 worked
    expect(today).toMatchObject({ workingDaysLeft: 0, messageZh: '「审核结算」将于今日（2026年4月30日）到期' });
    expect(late).toMatchObject({ workingDaysLeft: -3, messageZh: '「审核结算」已于2026年4月30日到期，已逾期 3 个工作日' });
  });

  it('should take the office date of a due time given in UTC', () => {
    // given 2026-03-19T16:00Z is 2026-03-20 00:00 in Xining
    const reminder = deadlineReminder({ dueDate: '2026-03-19T16:00:00Z', deadlineDate: '2026-03-01' }, at('2026-03-18'));

    // then dueDate wins over deadlineDate
    expect(reminder).toMatchObject({ deadlineDate: '2026-03-20', workingDaysLeft: 2 });
  });

  it('should NOT remind without a due date', () => {
    expect(() => deadlineReminder({}, at('2026-03-18'))).toThrow(InvalidInputError);
  });
});
