/**
 * Extending a running time limit (FC20 「遇特殊情况适当延长」) on the 2026 schedule (docs/domain/deadlines.md): working days
 * are added after the current deadline day and the reminder keeps its distance of 2 working days.
 */
import { describe, expect, it } from 'vitest';
import { extendDeadline } from '../../../workers/lib/deadline-extension.js';
import { InvalidInputError } from '../../../workers/lib/errors.js';

describe('extendDeadline', () => {
  it('should add the approved working days after the current deadline and move the reminder with it', () => {
    // given FC20 accepted 2026-03-02: deadline Monday 2026-03-23
    const input = { deadlineDate: '2026-03-23', extensionWorkingDays: 5 };

    // when
    const extended = extendDeadline(input);

    // then
    expect(extended).toEqual({
      deadlineDate: '2026-03-30',
      dueDate: '2026-03-30T23:59:59+08:00',
      reminderDate: '2026-03-26T09:00:00+08:00',
      originalDeadlineDate: '2026-03-23',
    });
  });

  it('should skip the Labour Day holiday (2026-05-01..05)', () => {
    // given
    const input = { deadlineDate: '2026-04-30', extensionWorkingDays: 3 };

    // when
    const extended = extendDeadline(input);

    // then
    expect(extended.deadlineDate).toBe('2026-05-08');
    expect(extended.reminderDate).toBe('2026-05-06T09:00:00+08:00');
  });

  it('should keep the first deadline of the case across a second extension', () => {
    // given
    const input = { deadlineDate: '2026-03-30', extensionWorkingDays: 2, originalDeadlineDate: '2026-03-23' };

    // when
    const extended = extendDeadline(input);

    // then
    expect(extended).toMatchObject({ deadlineDate: '2026-04-01', originalDeadlineDate: '2026-03-23' });
  });

  it('should NOT put the reminder before the current deadline day when the extension is short', () => {
    // given
    const input = { deadlineDate: '2026-03-23', extensionWorkingDays: 1, reminderWorkingDaysBefore: 2 };

    // when
    const extended = extendDeadline(input);

    // then
    expect(extended.deadlineDate).toBe('2026-03-24');
    expect(extended.reminderDate).toBe('2026-03-23T09:00:00+08:00');
  });

  it('should refuse an extension that is not a positive whole number of days', () => {
    // given
    const input = { deadlineDate: '2026-03-23', extensionWorkingDays: 0 };

    // when
    const attempt = () => extendDeadline(input);

    // then
    expect(attempt).toThrow(InvalidInputError);
  });
});
