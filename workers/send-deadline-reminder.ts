/**
 * send-deadline-reminder: the job behind the models' non-interrupting timer boundary on `=reminderDate` (set by
 * compute-deadline). Sets `deadlineReminder` { messageZh, dueDate, workingDaysLeft, remindedAt } — e.g.
 * 「复审」将于2026年3月20日到期，剩余 2 个工作日 — and writes one JSON log line.
 *
 * The notification channel is exactly that: the case variable (task lists and Operate-style views show it) and
 * the worker log. No SMS or e-mail gateway exists in this deployment; sending one would be a further worker.
 * The log line carries no personal data: dates, the count and the job's keys, never the message, task name or
 * case title (a case title often holds the person's name).
 */
import { z } from 'zod';
import { deadlineReminder } from './lib/deadline-reminder.js';
import { DATE_OR_INSTANT_MESSAGE, INSTANT_MESSAGE, isDateOrInstant, parseInstant } from './lib/instant.js';
import { isIsoDate } from './lib/iso-date.js';
import { complete, defineJobWorker, type JobWorkerDefinition } from './runtime/job-worker-definition.js';

const input = z
  .object({
    /** The task's due date-time (ISO 8601), as compute-deadline sets it; wins over deadlineDate. */
    dueDate: z.string().refine(isDateOrInstant, DATE_OR_INSTANT_MESSAGE).optional(),
    /** The deadline as an office date (compute-deadline's deadlineDate). */
    deadlineDate: z.string().refine(isIsoDate, '需要 YYYY-MM-DD').optional(),
    /** Name of the task the deadline belongs to, e.g. 复审. */
    taskName: z.string().trim().min(1).max(100).optional(),
    /** The moment of the reminder: map `=string(now())` so the engine's clock counts (pinned in tests and demos); default: the worker's clock. */
    referenceAt: z.string().refine((v) => parseInstant(v) !== undefined, INSTANT_MESSAGE).optional(),
    /** Short case title for the message; may hold personal data, so it is never logged. */
    caseTitle: z.string().trim().min(1).max(200).optional(),
  })
  .refine((v) => v.dueDate !== undefined || v.deadlineDate !== undefined, { message: '需要任务到期时间或办理时限届满日（至少一项）', path: ['dueDate'] });

const output = z.object({
  deadlineReminder: z.object({
    messageZh: z.string(),
    dueDate: z.string(),
    workingDaysLeft: z.number().int(),
    remindedAt: z.string(),
  }),
});

/** The worker; `clock` lets tests pin "now". */
export function defineSendDeadlineReminder(clock: () => Date = () => new Date()): JobWorkerDefinition<typeof input, typeof output> {
  return defineJobWorker({
    type: 'send-deadline-reminder',
    descriptionZh: '办理时限到期前提醒：计算剩余工作日，写入流程变量 deadlineReminder 并记录日志（无短信/邮件通道）',
    descriptionEn: 'Deadline reminder: working days left, set as the deadlineReminder variable and logged (no SMS/e-mail channel)',
    input,
    output,
    errors: {},
    handler(v, job) {
      const reminder = deadlineReminder(v, (v.referenceAt && parseInstant(v.referenceAt)) || clock(), job.parameters.calendar);
      job.log('info', 'deadline reminder', {
        deadlineDate: reminder.deadlineDate,
        dueDate: reminder.dueDate,
        workingDaysLeft: reminder.workingDaysLeft,
        remindedAt: reminder.remindedAt,
      });
      return complete(output, {
        deadlineReminder: {
          messageZh: reminder.messageZh,
          dueDate: reminder.dueDate,
          workingDaysLeft: reminder.workingDaysLeft,
          remindedAt: reminder.remindedAt,
        },
      });
    },
  });
}

export const sendDeadlineReminderWorker = defineSendDeadlineReminder();

