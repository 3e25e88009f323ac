/**
 * Extending a running time limit (办理时限延长): FC20 「15个工作日内审核结算……遇特殊情况适当延长」. The approved
 * number of working days is added after the current deadline day (that day itself is already counted), and the
 * reminder moves with it, the same number of working days before the new deadline as compute-deadline uses.
 * The first deadline of the case is kept as `originalDeadlineDate` across repeated extensions.
 */
import { endOfOfficeDay, startOfOfficeDay } from './deadline-timestamps.js';
import { InvalidInputError } from './errors.js';
import type { CalendarConfig } from './calendar-config.js';
import type { IsoDate } from './iso-date.js';
import { addWorkingDays, workingDaysBetween } from './working-day-calendar.js';

export interface DeadlineExtensionInput {
  /** The deadline in force (YYYY-MM-DD), as compute-deadline or an earlier extension set it. */
  deadlineDate: IsoDate;
  /** Working days approved by the supervisor. */
  extensionWorkingDays: number;
  /** The case's first deadline, when it was extended before. */
  originalDeadlineDate?: IsoDate;
  /** How many working days before the new deadline the reminder goes out (default 2, as compute-deadline). */
  reminderWorkingDaysBefore?: number;
}

export interface DeadlineExtension {
  deadlineDate: IsoDate;
  dueDate: string;
  reminderDate: string;
  originalDeadlineDate: IsoDate;
}

export function extendDeadline(input: DeadlineExtensionInput, calendar?: CalendarConfig): DeadlineExtension {
  if (!Number.isInteger(input.extensionWorkingDays) || input.extensionWorkingDays < 1) {
    throw new InvalidInputError('extensionWorkingDays', `延长的工作日数须为正整数，而不是 ${input.extensionWorkingDays}`);
  }
  const before = input.reminderWorkingDaysBefore ?? 2;
  const deadlineDate = addWorkingDays(input.deadlineDate, input.extensionWorkingDays, calendar);
  const available = workingDaysBetween(input.deadlineDate, deadlineDate, calendar);
  const reminderDay = addWorkingDays(input.deadlineDate, available - Math.min(before, available), calendar);
  return {
    deadlineDate,
    dueDate: endOfOfficeDay(deadlineDate),
    reminderDate: startOfOfficeDay(reminderDay),
    originalDeadlineDate: input.originalDeadlineDate ?? input.deadlineDate,
  };
}
