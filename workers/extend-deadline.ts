/**
 * extend-deadline: extends a case's running time limit by the working days a supervisor approved (办理时限延长,
 * FC20 「遇特殊情况适当延长」). Moves `deadlineDate`, `dueDate` and `reminderDate` (so the re-entered task's timers
 * and due date follow), keeps the case's first deadline in `originalDeadlineDate`, and records the extension in
 * `deadlineBasis` so that a recomputation (scripts/recompute-deadlines.ts) keeps it.
 */
import { z } from 'zod';
import { extendDeadline } from './lib/deadline-extension.js';
import { isIsoDate } from './lib/iso-date.js';
import { computeStatutoryDeadline, deadlineBasisSchema } from './lib/statutory-deadline.js';
import { provisionalYearsBetween } from './lib/working-day-calendar.js';
import { complete, defineJobWorker } from './runtime/job-worker-definition.js';

const isoDate = z.string().refine(isIsoDate, '需要 YYYY-MM-DD');

const input = z.object({
  deadlineDate: isoDate,
  extensionWorkingDays: z.number().int().min(1).max(30),
  originalDeadlineDate: isoDate.optional(),
  reminderWorkingDaysBefore: z.number().int().min(0).max(30).default(2),
  /** As compute-deadline set it; cases started before it existed have none and are extended from deadlineDate. */
  deadlineBasis: deadlineBasisSchema.optional(),
});

const output = z.object({
  deadlineDate: z.string(),
  dueDate: z.string(),
  reminderDate: z.string(),
  originalDeadlineDate: z.string(),
  deadlineProvisional: z.boolean(),
  deadlineBasis: deadlineBasisSchema.optional(),
});

export const extendDeadlineWorker = defineJobWorker({
  type: 'extend-deadline',
  descriptionZh: '按批准的工作日数延长办理时限：顺延到期日与提醒日，保留原届满日',
  descriptionEn: 'Extends the running time limit by the approved working days; moves due and reminder dates, keeps the original deadline',
  input,
  output,
  errors: {},
  handler(parsed, job) {
    const config = job.parameters.calendar;
    if (parsed.deadlineBasis) {
      const basis = { ...parsed.deadlineBasis, extensionWorkingDays: [...parsed.deadlineBasis.extensionWorkingDays, parsed.extensionWorkingDays] };
      const deadline = computeStatutoryDeadline(basis, config);
      return complete(output, {
        deadlineDate: deadline.deadlineDate,
        dueDate: deadline.dueDate,
        reminderDate: deadline.reminderDate,
        originalDeadlineDate: parsed.originalDeadlineDate ?? deadline.originalDeadlineDate,
        deadlineProvisional: deadline.provisionalYears.length > 0,
        deadlineBasis: basis,
      });
    }
    const extended = extendDeadline(parsed, config);
    return complete(output, {
      ...extended,
      deadlineProvisional: provisionalYearsBetween(parsed.deadlineDate, extended.deadlineDate, config).length > 0,
    });
  },
});
