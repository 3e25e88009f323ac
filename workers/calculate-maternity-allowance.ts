/**
 * calculate-maternity-allowance (FC18 生育津贴核定): leave days × (employer's average monthly wage ÷ divisor),
 * from versioned parameters; unconfirmed parameters are listed so the notice can say it is provisional.
 */
import { z } from 'zod';
import { amountInWords } from './lib/amount-in-words.js';
import { isIsoDate } from './lib/iso-date.js';
import { calculateMaternityAllowance } from './lib/maternity-allowance.js';
import { loadMaternityParameters } from './lib/maternity-parameters.js';
import { complete, defineJobWorker } from './runtime/job-worker-definition.js';

const input = z.object({
  maternityEventDate: z.string().refine(isIsoDate, '需要 YYYY-MM-DD'),
  maternityEvent: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('birth'), infants: z.number().int().min(1).max(10), difficultLabour: z.boolean() }),
    z.object({ kind: z.literal('miscarriage'), completedPregnancyMonths: z.number().int().min(0).max(10) }),
  ]),
  employerAverageMonthlyWage: z.string().regex(/^\d+(\.\d{1,2})?$/, '需要金额，如 "7500.00"'),
});

const output = z.object({
  maternityLeaveDays: z.number().int(),
  maternityAllowanceAmount: z.string(),
  maternityAllowanceAmountInWords: z.string(),
  maternityUnverifiedParameters: z.array(z.string()),
});

export const calculateMaternityAllowanceWorker = defineJobWorker({
  type: 'calculate-maternity-allowance',
  descriptionZh: '核定生育津贴：产假天数 × 用人单位上年度职工月平均工资 ÷ 计发天数',
  descriptionEn: 'Computes the maternity allowance from leave days and the employer average wage',
  input,
  output,
  errors: {},
  handler({ maternityEventDate, maternityEvent, employerAverageMonthlyWage }) {
    const result = calculateMaternityAllowance(
      { eventDate: maternityEventDate, event: maternityEvent, employerAverageMonthlyWage },
      loadMaternityParameters(),
    );
    return complete(output, {
      maternityLeaveDays: result.days,
      maternityAllowanceAmount: result.allowanceAmount,
      maternityAllowanceAmountInWords: amountInWords(result.allowanceAmount),
      maternityUnverifiedParameters: [...result.unverifiedParameters],
    });
  },
});
