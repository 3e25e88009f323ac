/**
 * FC18 生育津贴（含计划生育津贴） 核定 (docs/domain/amounts.md): 津贴 = 用人单位上年度职工月平均工资 ÷ dailyDivisor ×
 * 享受天数 (《社会保险法》第五十六条), rounded once, to the fen. Rounding only the final amount keeps the result
 * independent of how the daily figure would be displayed.
 *
 * The days are not decided here: the model's business rule task looks them up in the decision table
 * bpmn/maternity-leave-days.dmn (one row per leave component — 产假, 难产, 多胞胎, 奖励假, 流产, each 计划生育手术 — with
 * whether the office has verified it), so the table is the one place for the figures; this adds them up.
 */
import { Decimal } from 'decimal.js';
import { InvalidInputError } from './errors.js';
import { parseIsoDate, type IsoDate } from './iso-date.js';
import type { MaternityParameters } from './maternity-parameters.js';
import { decimalStringSchema, selectEffectiveVersion, unverifiedParameterPaths } from './versioned-parameters.js';

/** One matched row of the decision table maternity-leave-days. */
export interface MaternityLeaveComponent {
  /** What the days are for: baseLeave, difficultLabour, additionalInfants, tubalLigation, … */
  readonly component: string;
  readonly days: number;
  /** Whether the office has confirmed the row against the official text. */
  readonly verified: boolean;
}

export interface MaternityAllowanceInput {
  /** Date of birth, miscarriage or operation; selects the divisor version in force. */
  readonly eventDate: IsoDate;
  /** The rows of the decision table maternity-leave-days for this event. */
  readonly leave: readonly MaternityLeaveComponent[];
  /** 用人单位上年度职工月平均工资 in yuan, as a decimal string. */
  readonly employerAverageMonthlyWage: string;
}

export interface MaternityAllowance {
  readonly parameterVersion: string;
  readonly days: number;
  readonly dailyDivisor: string;
  /** Amount in yuan with two decimals. */
  readonly allowanceAmount: string;
  /** `dailyDivisor`, `rounding` when unverified, and `maternity-leave-days.<component>` for each unverified row. */
  readonly unverifiedParameters: readonly string[];
}

/** The prefix of an unverified leave row in `unverifiedParameters`: the decision table's id. */
export const LEAVE_DAYS_DECISION = 'maternity-leave-days';

export function calculateMaternityAllowance(input: MaternityAllowanceInput, parameters: MaternityParameters): MaternityAllowance {
  parseIsoDate(input.eventDate);
  if (!decimalStringSchema.safeParse(input.employerAverageMonthlyWage).success) {
    throw new InvalidInputError('employerAverageMonthlyWage', 'expected a decimal string such as "7500.00"');
  }
  if (input.leave.length === 0) throw new InvalidInputError('leave', `the decision table ${LEAVE_DAYS_DECISION} gave no leave days`);
  for (const row of input.leave) {
    if (!Number.isInteger(row.days) || row.days < 0) throw new InvalidInputError('leave', `${row.component}: days must be a whole number ≥ 0`);
  }
  const version = selectEffectiveVersion('maternity-allowance', parameters.versions, input.eventDate);
  const days = input.leave.reduce((sum, row) => sum + row.days, 0);
  const allowanceAmount = new Money(input.employerAverageMonthlyWage)
    .dividedBy(version.dailyDivisor.value)
    .times(days)
    .toDecimalPlaces(2, Decimal[version.rounding.value])
    .toFixed(2);
  return {
    parameterVersion: version.id,
    days,
    dailyDivisor: version.dailyDivisor.value,
    allowanceAmount,
    unverifiedParameters: [
      ...unverifiedParameterPaths({ dailyDivisor: version.dailyDivisor, rounding: version.rounding }),
      ...input.leave.filter((row) => !row.verified).map((row) => `${LEAVE_DAYS_DECISION}.${row.component}`),
    ],
  };
}

// helpers

/** Own Decimal constructor, so a global `Decimal.set` elsewhere cannot change our precision. */
const Money = Decimal.clone({ precision: 40 });
