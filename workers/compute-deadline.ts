/**
 * compute-deadline: the statutory deadline of a case from its acceptance (受理) date, in working days (with
 * 调休 make-up days and local closures), calendar days (moved off rest days, 《民法典》第203条) or months.
 * Sets `dueDate` and `reminderDate` for the BPMN timers and the task list, and what a later recomputation needs:
 *
 * - `deadlineProvisional`: the deadline reaches into a year whose holiday notice is not entered yet, so it rests
 *   on the provisional schedule (docs/domain/deadlines.md) and will be recomputed when the notice is entered;
 * - `deadlineBasis`: start date, limit and reminder lead, from which scripts/recompute-deadlines.ts recomputes;
 * - `deadlineCorrelationKey`: the process instance key, the correlation key of the models' 办理时限重新计算
 *   (`deadline-recomputed`) message boundary events that re-arm the timers.
 */
import { z } from 'zod';
import { DATE_OR_INSTANT_MESSAGE, isDateOrInstant, officeDateOfDateOrInstant } from './lib/instant.js';
import { computeStatutoryDeadline, deadlineBasisSchema, type DeadlineBasis } from './lib/statutory-deadline.js';
import { complete, defineJobWorker } from './runtime/job-worker-definition.js';

/**
 * The models map the three figures from the row of the decision table statutory-time-limit that their business
 * rule task looked up (bpmn/statutory-time-limit.dmn): one is a number, the other two are null, as the table's
 * empty columns answer.
 */
const input = z
  .object({
    acceptedAt: z.string().refine(isDateOrInstant, DATE_OR_INSTANT_MESSAGE),
    timeLimitWorkingDays: z.number().int().min(0).max(365).nullish(),
    timeLimitCalendarDays: z.number().int().min(0).max(3650).nullish(),
    timeLimitMonths: z.number().int().min(0).max(120).nullish(),
    reminderWorkingDaysBefore: z.number().int().min(0).max(30).default(2),
  })
  .refine((v) => [v.timeLimitWorkingDays, v.timeLimitCalendarDays, v.timeLimitMonths].filter((x) => x !== undefined && x !== null).length === 1, {
    message: '办理时限（工作日）、办理时限（自然日）、办理时限（月）须填写且只填写一项',
    path: ['timeLimitWorkingDays'],
  });

const output = z.object({
  deadlineDate: z.string(),
  dueDate: z.string(),
  reminderDate: z.string(),
  deadlineProvisional: z.boolean(),
  deadlineBasis: deadlineBasisSchema,
  deadlineCorrelationKey: z.string(),
});

export const computeDeadline = defineJobWorker({
  type: 'compute-deadline',
  descriptionZh: '按工作日（含调休）、自然日或月计算法定办理时限，设置到期日与提醒日；跨入未公布节假日安排的年份时标记为暂定',
  descriptionEn: 'Computes the statutory deadline in working days, calendar days or months; sets due and reminder dates, marked provisional beyond the published holiday years',
  input,
  output,
  errors: {},
  handler(parsed, job) {
    const basis: DeadlineBasis = {
      startDate: officeDateOfDateOrInstant(parsed.acceptedAt),
      ...(parsed.timeLimitWorkingDays != null ? { workingDays: parsed.timeLimitWorkingDays } : {}),
      ...(parsed.timeLimitCalendarDays != null ? { calendarDays: parsed.timeLimitCalendarDays } : {}),
      ...(parsed.timeLimitMonths != null ? { months: parsed.timeLimitMonths } : {}),
      reminderWorkingDaysBefore: parsed.reminderWorkingDaysBefore,
      extensionWorkingDays: [],
    };
    const deadline = computeStatutoryDeadline(basis, job.parameters.calendar);
    if (deadline.provisionalYears.length > 0) {
      job.log('info', 'deadline on the provisional holiday schedule', { deadlineDate: deadline.deadlineDate, provisionalYears: deadline.provisionalYears });
    }
    return complete(output, {
      deadlineDate: deadline.deadlineDate,
      dueDate: deadline.dueDate,
      reminderDate: deadline.reminderDate,
      deadlineProvisional: deadline.provisionalYears.length > 0,
      deadlineBasis: basis,
      deadlineCorrelationKey: job.processInstanceKey,
    });
  },
});
