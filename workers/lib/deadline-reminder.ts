/**
 * The reminder a non-interrupting timer (`=reminderDate`, set by compute-deadline) raises before a statutory
 * deadline: how many working days are left (workers/lib/working-day-calendar.ts, 调休 and closures included)
 * and one Chinese sentence for the task list: 「复审」将于2026年3月20日到期，剩余 2 个工作日.
 *
 * Working days left = working days after today up to and including the due day, the inverse of addWorkingDays,
 * so a reminder sent on compute-deadline's reminderDate reads exactly `reminderWorkingDaysBefore` (2).
 */
import { endOfOfficeDay } from './deadline-timestamps.js';
import { InvalidInputError } from './errors.js';
import type { CalendarConfig } from './calendar-config.js';
import { parseInstant } from './instant.js';
import { isIsoDate, officeDateOf, parseIsoDate, type IsoDate } from './iso-date.js';
import { workingDaysBetween } from './working-day-calendar.js';

export interface DeadlineReminderInput {
  /** The task's due date-time (ISO 8601, as compute-deadline sets `dueDate`) … */
  readonly dueDate?: string;
  /** … or the deadline as an office date (compute-deadline's `deadlineDate`); `dueDate` wins when both are given. */
  readonly deadlineDate?: IsoDate;
  readonly taskName?: string;
  readonly caseTitle?: string;
}

export interface DeadlineReminder {
  readonly messageZh: string;
  /** ISO 8601 date-time of the deadline (the end of the office day when only a date was given). */
  readonly dueDate: string;
  /** Office date of the deadline. */
  readonly deadlineDate: IsoDate;
  /** Working days after today up to the deadline; 0 = due today, negative = overdue by that many. */
  readonly workingDaysLeft: number;
  /** When the reminder was made (ISO 8601, UTC). */
  readonly remindedAt: string;
}

export function deadlineReminder(input: DeadlineReminderInput, now: Date, calendar?: CalendarConfig): DeadlineReminder {
  const { dueDate, deadlineDate } = resolveDeadline(input);
  const today = officeDateOf(now);
  const workingDaysLeft = workingDaysBetween(today, deadlineDate, calendar);
  const subject = `${input.taskName ? `「${input.taskName}」` : '办理时限'}${input.caseTitle ? `（${input.caseTitle}）` : ''}`;
  return {
    messageZh: `${subject}${sentence(deadlineDate, today, workingDaysLeft)}`,
    dueDate,
    deadlineDate,
    workingDaysLeft,
    remindedAt: now.toISOString(),
  };
}

// helpers

function resolveDeadline(input: DeadlineReminderInput): { dueDate: string; deadlineDate: IsoDate } {
  if (input.dueDate !== undefined) {
    if (isIsoDate(input.dueDate)) return { dueDate: endOfOfficeDay(input.dueDate), deadlineDate: input.dueDate };
    const instant = parseInstant(input.dueDate);
    if (!instant) throw new InvalidInputError('dueDate', 'expected an ISO 8601 date-time');
    return { dueDate: input.dueDate, deadlineDate: officeDateOf(instant) };
  }
  if (input.deadlineDate !== undefined) {
    parseIsoDate(input.deadlineDate);
    return { dueDate: endOfOfficeDay(input.deadlineDate), deadlineDate: input.deadlineDate };
  }
  throw new InvalidInputError('dueDate', 'dueDate or deadlineDate is required');
}

function sentence(deadlineDate: IsoDate, today: IsoDate, workingDaysLeft: number): string {
  const { year, month, day } = parseIsoDate(deadlineDate);
  const date = `${year}年${month}月${day}日`;
  if (deadlineDate < today) return `已于${date}到期，${workingDaysLeft < 0 ? `已逾期 ${-workingDaysLeft} 个工作日` : '已逾期'}`;
  if (deadlineDate === today) return `将于今日（${date}）到期`;
  return `将于${date}到期，剩余 ${workingDaysLeft} 个工作日`;
}
