/**
 * A case's statutory deadline from what it is based on, so that it can be computed again later: compute-deadline
 * and extend-deadline store the {@link DeadlineBasis} in the case (`deadlineBasis`), and
 * scripts/recompute-deadlines.ts recomputes open cases from it when the office enters a year's holiday notice.
 *
 * The deadline day ends at 23:59:59 office time (`dueDate`, the escalation timer); the reminder goes out at 09:00
 * a few working days before (`reminderDate`), never before the start day.
 */
import { z } from 'zod';
import type { CalendarConfig } from './calendar-config.js';
import { endOfOfficeDay, startOfOfficeDay } from './deadline-timestamps.js';
import { InvalidInputError } from './errors.js';
import type { IsoDate } from './iso-date.js';
import { isoDateSchema } from './versioned-parameters.js';
import { addWorkingDays, calendarDeadline, monthsDeadline, provisionalYearsBetween, workingDaysBetween } from './working-day-calendar.js';

export const deadlineBasisSchema = z
  .object({
    /** The office date the period counts from (the acceptance day; it is not counted itself). */
    startDate: isoDateSchema,
    workingDays: z.number().int().min(0).max(365).optional(),
    calendarDays: z.number().int().min(0).max(3650).optional(),
    months: z.number().int().min(0).max(120).optional(),
    reminderWorkingDaysBefore: z.number().int().min(0).max(30),
    /** Extensions approved since (办理时限延长), each in working days after the deadline then in force. */
    extensionWorkingDays: z.array(z.number().int().min(1).max(30)).default([]),
  })
  .refine((b) => [b.workingDays, b.calendarDays, b.months].filter((x) => x !== undefined).length === 1, {
    message: '工作日数、自然日数、月数须填写且只填写一项',
    path: ['workingDays'],
  });

export type DeadlineBasis = z.output<typeof deadlineBasisSchema>;

export interface StatutoryDeadline {
  readonly deadlineDate: IsoDate;
  readonly dueDate: string;
  readonly reminderDate: string;
  /** The case's first deadline, before any extension. */
  readonly originalDeadlineDate: IsoDate;
  /** Years between the start and the deadline whose holiday schedule is provisional; empty = final. */
  readonly provisionalYears: readonly number[];
}

export function computeStatutoryDeadline(basis: DeadlineBasis, config: CalendarConfig): StatutoryDeadline {
  const { startDate } = basis;
  const originalDeadlineDate =
    basis.workingDays !== undefined
      ? addWorkingDays(startDate, basis.workingDays, config)
      : basis.calendarDays !== undefined
        ? calendarDeadline(startDate, basis.calendarDays, config)
        : basis.months !== undefined
          ? monthsDeadline(startDate, basis.months, config)
          : unreachable();
  let deadlineDate = originalDeadlineDate;
  let reminderFrom = startDate;
  for (const days of basis.extensionWorkingDays) {
    // the reminder of an extended deadline counts back within the extension, as the extension was granted
    reminderFrom = deadlineDate;
    deadlineDate = addWorkingDays(deadlineDate, days, config);
  }
  const available = Math.max(0, workingDaysBetween(reminderFrom, deadlineDate, config));
  const reminderDay = addWorkingDays(reminderFrom, available - Math.min(basis.reminderWorkingDaysBefore, available), config);
  return {
    deadlineDate,
    dueDate: endOfOfficeDay(deadlineDate),
    reminderDate: startOfOfficeDay(reminderDay),
    originalDeadlineDate,
    provisionalYears: provisionalYearsBetween(startDate, deadlineDate, config),
  };
}

// helpers

function unreachable(): never {
  throw new InvalidInputError('deadlineBasis', '需要 workingDays、calendarDays 或 months');
}
