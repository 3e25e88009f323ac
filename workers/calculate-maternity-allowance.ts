/**
 * calculate-maternity-allowance (FC18 生育津贴（含计划生育津贴）核定): leave days of the birth, miscarriage or
 * family-planning operation × (employer's average monthly wage ÷ divisor). The days come from the case: the rows
 * of the decision table maternity-leave-days (bpmn/maternity-leave-days.dmn) that the business rule task before
 * this step looked up; the divisor and rounding from versioned parameters. Unconfirmed figures — unverified rows
 * of the table, an unverified divisor — are listed so the 申报表 can say it is provisional.
 */
import { z } from 'zod';
import { amountInWords } from './lib/amount-in-words.js';
import { DATE_OR_INSTANT_MESSAGE, isDateOrInstant, officeDateOfDateOrInstant } from './lib/instant.js';
import { isIsoDate } from './lib/iso-date.js';
import { calculateMaternityAllowance, LEAVE_DAYS_DECISION } from './lib/maternity-allowance.js';
import type { DataEntryRule } from './runtime/data-entry-rules.js';
import { complete, defineJobWorker } from './runtime/job-worker-definition.js';

const input = z.object({
  maternityEventDate: z.string().refine(isIsoDate, '需要 YYYY-MM-DD'),
  /** The result variable of the business rule task: the matched rows of the decision table maternity-leave-days. */
  maternityLeaveComponents: z.array(z.object({ component: z.string().min(1), days: z.number().int().min(0), verified: z.boolean() })),
  employerAverageMonthlyWage: z.string().regex(/^\d+(\.\d{1,2})?$/, '需要金额，如 "7500.00"'),
  /** The moment of 核定: map `=string(now())`; the event must not be after it. Without it: not checked. */
  referenceAt: z.string().refine(isDateOrInstant, DATE_OR_INSTANT_MESSAGE).optional(),
});

/**
 * What the first reviewer confirms at 核定 must be possible: the event lies in the past, the table has days for
 * its kind and date (none before the first row's date: most likely a mistyped year), the wage is not zero.
 */
const dataRules: DataEntryRule<z.output<typeof input>>[] = [
  {
    fields: ['maternityEventDate'],
    holds: (v) => v.referenceAt === undefined || v.maternityEventDate <= officeDateOfDateOrInstant(v.referenceAt),
    messageZh: (v) => `生育（手术）日期（${v.maternityEventDate}）晚于今天（${officeDateOfDateOrInstant(v.referenceAt!)}），请核对`,
  },
  {
    fields: ['maternityEventDate', 'maternityEvent'],
    holds: (v) => v.maternityLeaveComponents.length > 0,
    messageZh: (v) => `生育津贴天数表（${LEAVE_DAYS_DECISION}）中没有适用于该生育（手术）类别与日期（${v.maternityEventDate}）的天数，请核对生育（手术）日期`,
  },
  {
    fields: ['employerAverageMonthlyWage'],
    holds: (v) => Number(v.employerAverageMonthlyWage) > 0,
    messageZh: () => '用人单位上年度职工月平均工资为 0，请核对',
  },
];

const output = z.object({
  maternityLeaveDays: z.number().int(),
  maternityAllowanceAmount: z.string(),
  maternityAllowanceAmountInWords: z.string(),
  maternityUnverifiedParameters: z.array(z.string()),
});

export const calculateMaternityAllowanceWorker = defineJobWorker({
  type: 'calculate-maternity-allowance',
  descriptionZh: '核定生育津贴（含计划生育津贴）：产假或计划生育手术假天数 × 用人单位上年度职工月平均工资 ÷ 计发天数',
  descriptionEn: 'Computes the maternity (and family-planning) allowance from leave days and the employer average wage',
  input,
  output,
  errors: {},
  dataRules,
  handler({ maternityEventDate, maternityLeaveComponents, employerAverageMonthlyWage }, job) {
    const result = calculateMaternityAllowance(
      { eventDate: maternityEventDate, leave: maternityLeaveComponents, employerAverageMonthlyWage },
      job.parameters.maternity,
    );
    return complete(output, {
      maternityLeaveDays: result.days,
      maternityAllowanceAmount: result.allowanceAmount,
      maternityAllowanceAmountInWords: amountInWords(result.allowanceAmount),
      maternityUnverifiedParameters: [...result.unverifiedParameters],
    });
  },
});
