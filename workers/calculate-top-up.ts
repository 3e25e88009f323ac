/**
 * calculate-top-up (FC3 在职转退休): counts contribution months (overlaps once), the shortfall against the
 * parameters in force on the retirement date, and the one-off 补缴 amount (base × rate × months, to the fen),
 * with the amount in Chinese capital numerals for the notice.
 */
import { z } from 'zod';
import { amountInWords } from './lib/amount-in-words.js';
import { isIsoDate } from './lib/iso-date.js';
import { SEXES } from './lib/sex.js';
import { CONTRIBUTION_KINDS, calculateTopUp } from './lib/top-up-calculation.js';
import { isYearMonth } from './lib/year-month.js';
import type { DataEntryRule } from './runtime/data-entry-rules.js';
import { complete, defineJobWorker } from './runtime/job-worker-definition.js';

export const contributionPeriodSchema = z.object({
  from: z.string().refine(isYearMonth, '需要 YYYY-MM'),
  to: z.string().refine(isYearMonth, '需要 YYYY-MM'),
  kind: z.enum(CONTRIBUTION_KINDS),
});

export const topUpInputSchema = z.object({
  sex: z.enum(SEXES),
  retirementDate: z.string().refine(isIsoDate, '需要 YYYY-MM-DD'),
  contributionPeriods: z.array(contributionPeriodSchema).min(1, '至少需要一段缴费记录'),
});

/** The periods the first reviewer enters: each ends no earlier than it starts, none after retirement. */
export const contributionPeriodRules: DataEntryRule<z.output<typeof topUpInputSchema>>[] = [
  {
    fields: ['contributionPeriods'],
    holds: (v) => v.contributionPeriods.every((p) => p.from <= p.to),
    messageZh: (v) =>
      v.contributionPeriods
        .map((p, i) => (p.from <= p.to ? undefined : `第${i + 1}段缴费记录的截止年月（${p.to}）早于起始年月（${p.from}）`))
        .filter(Boolean)
        .join('；'),
  },
  {
    fields: ['contributionPeriods', 'retirementDate'],
    holds: (v) => v.contributionPeriods.every((p) => p.from <= v.retirementDate.slice(0, 7)),
    messageZh: (v) => `缴费记录起始年月晚于退休日期（${v.retirementDate}）`,
  },
];

const output = z.object({
  systemTopUpMonths: z.number().int(),
  topUpAmount: z.string(),
  topUpAmountInWords: z.string(),
  totalContributionMonths: z.number().int(),
  localActualContributionMonths: z.number().int(),
  topUpParameterVersion: z.string(),
  topUpUnverifiedParameters: z.array(z.string()),
});

export const calculateTopUpWorker = defineJobWorker({
  type: 'calculate-top-up',
  descriptionZh: '计算缴费年限、补缴月数与补缴金额（含大写金额）',
  descriptionEn: 'Computes contribution months, top-up months and the top-up amount (with amount in words)',
  input: topUpInputSchema,
  output,
  errors: {},
  dataRules: contributionPeriodRules,
  handler({ sex, retirementDate, contributionPeriods }, job) {
    const result = calculateTopUp({ sex, retirementDate, periods: contributionPeriods }, job.parameters.topUp);
    return complete(output, {
      systemTopUpMonths: result.topUpMonths,
      topUpAmount: result.topUpAmount,
      topUpAmountInWords: amountInWords(result.topUpAmount),
      totalContributionMonths: result.totalMonths,
      localActualContributionMonths: result.localActualMonths,
      topUpParameterVersion: result.parameterVersion,
      topUpUnverifiedParameters: [...result.unverifiedParameters],
    });
  },
});
