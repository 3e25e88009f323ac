/**
 * compare-top-up (FC3, before the 复审): compares the system's top-up months with the first reviewer's manual figure
 * in whole months, as an aid for the second reviewer, who makes the comparison decision (流程图3: the 复审 box).
 * `topUpComparison` is "match" or "mismatch"; a mismatch carries the breakdown the first reviewer needs to find the
 * difference when the second reviewer sends the case back (退回重新手工测算). calculate-top-up, which runs just before
 * on the same periods, checks their data-entry rules.
 */
import { z } from 'zod';
import { calculateTopUp, compareTopUp } from './lib/top-up-calculation.js';
import { topUpInputSchema } from './calculate-top-up.js';
import { complete, defineJobWorker } from './runtime/job-worker-definition.js';

const input = topUpInputSchema.extend({ manualTopUpMonths: z.number().int().min(0) });

const output = z.object({
  topUpComparison: z.enum(['match', 'mismatch']),
  systemTopUpMonths: z.number().int(),
  topUpDifferenceMonths: z.number().int(),
  topUpDifference: z.record(z.string(), z.unknown()).nullable(),
});

export const compareTopUpWorker = defineJobWorker({
  type: 'compare-top-up',
  descriptionZh: '比对系统生成的补缴月数与初审手工测算结果，不一致时给出差异明细',
  descriptionEn: "Compares the system's top-up months with the first reviewer's manual figure",
  input,
  output,
  errors: {},
  handler({ sex, retirementDate, contributionPeriods, manualTopUpMonths }, job) {
    const system = calculateTopUp({ sex, retirementDate, periods: contributionPeriods }, job.parameters.topUp);
    const comparison = compareTopUp(system, manualTopUpMonths);
    if (comparison.outcome === 'match') {
      return complete(output, { topUpComparison: 'match', systemTopUpMonths: system.topUpMonths, topUpDifferenceMonths: 0, topUpDifference: null });
    }
    return complete(output, {
      topUpComparison: 'mismatch',
      systemTopUpMonths: comparison.systemTopUpMonths,
      topUpDifferenceMonths: comparison.differenceMonths,
      topUpDifference: { ...comparison.breakdown },
    });
  },
});
