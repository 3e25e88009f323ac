/**
 * extend-deadline: extends a case's running time limit by the working days a supervisor approved (办理时限延长,
 * FC20 「遇特殊情况适当延长」). Moves `deadlineDate`, `dueDate` and `reminderDate` (so the re-entered task's timers
 * and due date follow) and keeps the case's first deadline in `originalDeadlineDate`.
 */
import { z } from 'zod';
import { extendDeadline } from './lib/deadline-extension.js';
import { loadHolidayOverrides } from './lib/holiday-overrides.js';
import { isIsoDate } from './lib/iso-date.js';
import { complete, defineJobWorker } from './runtime/job-worker-definition.js';

const isoDate = z.string().refine(isIsoDate, '需要 YYYY-MM-DD');

const input = z.object({
  deadlineDate: isoDate,
  extensionWorkingDays: z.number().int().min(1).max(30),
  originalDeadlineDate: isoDate.optional(),
  reminderWorkingDaysBefore: z.number().int().min(0).max(30).default(2),
});

const output = z.object({
  deadlineDate: z.string(),
  dueDate: z.string(),
  reminderDate: z.string(),
  originalDeadlineDate: z.string(),
});

export const extendDeadlineWorker = defineJobWorker({
  type: 'extend-deadline',
  descriptionZh: '按批准的工作日数延长办理时限：顺延到期日与提醒日，保留原届满日',
  descriptionEn: 'Extends the running time limit by the approved working days; moves due and reminder dates, keeps the original deadline',
  input,
  output,
  errors: {},
  handler(parsed) {
    return complete(output, extendDeadline(parsed, loadHolidayOverrides()));
  },
});
