/**
 * compute-deadline: the statutory deadline of a case from its acceptance (受理) date, in working days (with
 * 调休 make-up days and local closures), calendar days (moved off rest days, 《民法典》第203条) or months.
 * Sets `dueDate` and `reminderDate` for the BPMN timers and the task list.
 */
import { z } from 'zod';
import { endOfOfficeDay, startOfOfficeDay } from './lib/deadline-timestamps.js';
import { loadHolidayOverrides } from './lib/holiday-overrides.js';
import { isDateOrInstant, officeDateOfDateOrInstant } from './lib/instant.js';
import { addWorkingDays, calendarDeadline, monthsDeadline, workingDaysBetween } from './lib/working-day-calendar.js';
import { complete, defineJobWorker } from './runtime/job-worker-definition.js';

const input = z
  .object({
    acceptedAt: z.string().refine(isDateOrInstant, '需要 YYYY-MM-DD 或带时区的 ISO 8601 / FEEL 时间'),
    timeLimitWorkingDays: z.number().int().min(0).max(365).optional(),
    timeLimitCalendarDays: z.number().int().min(0).max(3650).optional(),
    timeLimitMonths: z.number().int().min(0).max(120).optional(),
    reminderWorkingDaysBefore: z.number().int().min(0).max(30).default(2),
  })
  .refine((v) => [v.timeLimitWorkingDays, v.timeLimitCalendarDays, v.timeLimitMonths].filter((x) => x !== undefined).length === 1, {
    message: '需要且只能给出一个时限：timeLimitWorkingDays、timeLimitCalendarDays 或 timeLimitMonths',
    path: ['timeLimitWorkingDays'],
  });

const output = z.object({
  deadlineDate: z.string(),
  dueDate: z.string(),
  reminderDate: z.string(),
});

export const computeDeadline = defineJobWorker({
  type: 'compute-deadline',
  descriptionZh: '按工作日（含调休）、自然日或月计算法定办理时限，设置到期日与提醒日',
  descriptionEn: 'Computes the statutory deadline in working days, calendar days or months; sets due and reminder dates',
  input,
  output,
  errors: {},
  handler(parsed) {
    const overrides = loadHolidayOverrides();
    const accepted = officeDateOfDateOrInstant(parsed.acceptedAt);
    const deadlineDate =
      parsed.timeLimitWorkingDays !== undefined
        ? addWorkingDays(accepted, parsed.timeLimitWorkingDays, overrides)
        : parsed.timeLimitCalendarDays !== undefined
          ? calendarDeadline(accepted, parsed.timeLimitCalendarDays, overrides)
          : monthsDeadline(accepted, parsed.timeLimitMonths!, overrides);
    // the reminder goes out a few working days before the deadline, never before the acceptance day
    const available = Math.max(0, workingDaysBetween(accepted, deadlineDate, overrides));
    const before = Math.min(parsed.reminderWorkingDaysBefore, available);
    const reminderDay = addWorkingDays(accepted, available - before, overrides);
    return complete(output, {
      deadlineDate,
      dueDate: endOfOfficeDay(deadlineDate),
      reminderDate: startOfOfficeDay(reminderDay),
    });
  },
});
