/**
 * check-months-period: whether a date lies within N months of an event or after them — FC18/FC22 「生育后三个月内
 * 或计划生育手术后提供资料」 and FC17 「在职工怀孕满三个月后提交备案资料」. `referenceAt` is the moment of the check
 * (pass the engine's `=string(now())` so a pinned clock counts), read as an office (Asia/Shanghai) date.
 */
import { z } from 'zod';
import { DATE_OR_INSTANT_MESSAGE, isDateOrInstant, officeDateOfDateOrInstant } from './lib/instant.js';
import { isIsoDate } from './lib/iso-date.js';
import { monthsPeriod } from './lib/months-period.js';
import type { DataEntryRule } from './runtime/data-entry-rules.js';
import { complete, defineJobWorker } from './runtime/job-worker-definition.js';

const input = z.object({
  /** The event the months count from (生育日期, 怀孕起始日期). */
  periodStartDate: z.string().refine(isIsoDate, '需要 YYYY-MM-DD'),
  periodMonths: z.number().int().min(1).max(120),
  referenceAt: z.string().refine(isDateOrInstant, DATE_OR_INSTANT_MESSAGE),
  /** What periodStartDate is, for the clerk's message, e.g. 生育（手术）日期. */
  periodStartLabel: z.string().trim().min(1).max(40).default('起算日期'),
});

/** The event the months count from has happened: it is not after the day of the check. */
const dataRules: DataEntryRule<z.output<typeof input>>[] = [
  {
    fields: ['periodStartDate'],
    holds: (v) => v.periodStartDate <= officeDateOfDateOrInstant(v.referenceAt),
    messageZh: (v) => `${v.periodStartLabel}（${v.periodStartDate}）晚于今天（${officeDateOfDateOrInstant(v.referenceAt)}），请核对`,
  },
];

const output = z.object({
  /** The office date of referenceAt. */
  referenceDate: z.string(),
  /** periodStartDate + periodMonths (满N个月之日). */
  periodEndDate: z.string(),
  /** Last day within the period (moved off rest days, 《民法典》第二百零三条). */
  periodDeadlineDate: z.string(),
  /** periodDeadlineDate rests on a provisional holiday schedule (the year's notice is not entered yet). */
  periodDeadlineProvisional: z.boolean(),
  /** referenceDate ≥ periodEndDate: 已满N个月. */
  periodElapsed: z.boolean(),
  /** referenceDate ≤ periodDeadlineDate: 在N个月内. */
  withinPeriod: z.boolean(),
});

export const checkMonthsPeriod = defineJobWorker({
  type: 'check-months-period',
  descriptionZh: '核对按月计算的期间：是否在事件后N个月内（如生育后三个月内申报）或已满N个月（如怀孕满三个月后备案）',
  descriptionEn: 'Checks a period in months from an event: still within N months (e.g. claim within 3 months of birth) or N months elapsed',
  input,
  output,
  errors: {},
  dataRules,
  handler({ periodStartDate, periodMonths, referenceAt }, job) {
    const referenceDate = officeDateOfDateOrInstant(referenceAt);
    const period = monthsPeriod(periodStartDate, periodMonths, referenceDate, job.parameters.calendar);
    return complete(output, {
      referenceDate,
      periodEndDate: period.periodEndDate,
      periodDeadlineDate: period.deadlineDate,
      periodDeadlineProvisional: period.deadlineProvisional,
      periodElapsed: period.elapsed,
      withinPeriod: period.withinDeadline,
    });
  },
});
